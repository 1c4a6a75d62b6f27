//! Reading and writing JSON-RPC messages framed by `Content-Length` headers.
//!
//! `lsp-server`'s own reader ends the connection at the first message it cannot parse and
//! allocates whatever length a header claims; a language server must answer garbage with an
//! error and go on, and refuse a message larger than any briefing the loader would read.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};
use sherpa_core::corpus::MAX_FILE_BYTES;

/// The largest message read: a document at the loader's size limit, every byte escaped by
/// JSON (`\u0001` is six bytes for one), with room for the rest of the message.
const MAX_MESSAGE_BYTES: u64 = 6 * MAX_FILE_BYTES + 1024 * 1024;

/// The longest header line read; real headers are a few dozen bytes.
const MAX_HEADER_BYTES: u64 = 4096;

/// What came in.
pub enum Incoming {
    Message(Message),
    /// A message that could not be read: its error response is due. `id` is the
    /// request's, when the message was JSON that had one.
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// The client closed its end.
    End,
}

/// Reads the next message; only an I/O error (not bad content) is an `Err`.
pub fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length = None;
    let mut bad_header = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .by_ref()
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(Incoming::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<u64>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length: {value:?}")),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header: {text:?}")),
        }
    }
    let invalid = |code, message: String| Incoming::Invalid {
        id: Value::Null,
        code,
        message,
    };
    if let Some(message) = bad_header {
        return Ok(invalid(ErrorCode::ParseError, message));
    }
    let Some(length) = length else {
        return Ok(invalid(
            ErrorCode::ParseError,
            "no Content-Length header".to_owned(),
        ));
    };
    if length > MAX_MESSAGE_BYTES {
        // Skipped unread, so the next message is read from its start.
        io::copy(&mut input.by_ref().take(length), &mut io::sink())?;
        return Ok(invalid(
            ErrorCode::InvalidRequest,
            format!(
                "a message of {length} bytes is larger than the {} MiB this server reads",
                MAX_MESSAGE_BYTES / 1024 / 1024
            ),
        ));
    }
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Incoming::End);
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(err) => return Ok(invalid(ErrorCode::ParseError, format!("not JSON: {err}"))),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Ok(match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(err) => Incoming::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("not a JSON-RPC request, response or notification: {err}"),
        },
    })
}

/// Writes an error response to a message that could not be read.
pub fn write_error(
    output: &mut impl Write,
    id: &Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let response = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    });
    write_framed(output, &response.to_string())
}

/// Writes one message.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

fn write_framed(output: &mut impl Write, text: &str) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn garbage_is_answered_and_the_next_message_still_read() {
        let good = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let stream = format!(
            "{}{}Content-Length: 99999999999999\r\n\r\n{}",
            framed("{not json"),
            framed(r#"{"id":3,"what":1}"#),
            framed(good)
        );
        let mut input = io::Cursor::new(stream.into_bytes());
        let Ok(Incoming::Invalid { code, .. }) = read(&mut input) else {
            panic!("not JSON is invalid");
        };
        assert_eq!(code as i32, ErrorCode::ParseError as i32);
        let Ok(Incoming::Invalid { id, .. }) = read(&mut input) else {
            panic!("a message of no known kind is invalid");
        };
        assert_eq!(id, json!(3));
        let Ok(Incoming::Invalid { code, .. }) = read(&mut input) else {
            panic!("a huge length is refused");
        };
        assert_eq!(code as i32, ErrorCode::InvalidRequest as i32);
        // The huge message's claimed bytes were skipped (here: all that was left).
        assert!(matches!(read(&mut input), Ok(Incoming::End)));
        let mut input = io::Cursor::new(framed(good).into_bytes());
        assert!(matches!(
            read(&mut input),
            Ok(Incoming::Message(Message::Request(_)))
        ));
    }
}
