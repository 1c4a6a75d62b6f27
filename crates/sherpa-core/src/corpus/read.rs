//! Reading files: the size limit, UTF-8, standard input, the bundled briefings, the memory
//! shared by the parallel loader and the pre-count of a file's items.

use std::io::Read;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Severity, io_reason};
use crate::index::Fingerprint;

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many keys, tables and values (`=`, `{`, `[`, `,` and `.` outside strings
/// and comments) in one file. Parsing costs the `toml` crate about 2 µs and up to 1 KB for
/// each (a dotted key makes a table per `.`), so 16 MiB of tiny items would otherwise take
/// seconds and gigabytes. At 200,000 the worst file parses in about half a second, and two
/// files at both limits fit in [`MAX_BYTES_IN_FLIGHT`] at once; real briefings have a few
/// hundred items.
pub const MAX_FILE_ITEMS: usize = 200_000;

/// What parsing is assumed to cost per item counted against [`MAX_FILE_ITEMS`] (or, for a
/// file too short to be counted, per byte), in bytes:
/// the most measured (a deeply dotted key such as `k.a.a.a = 1` costs about 1,060).
pub(super) const BYTES_PER_ITEM: u64 = 1_200;

/// At most this much (file bytes plus `BYTES_PER_ITEM` per item) is parsed at once across
/// the parallel loader's threads, so a folder of large files stays under 1 GiB.
pub const MAX_BYTES_IN_FLIGHT: u64 = 512 * 1024 * 1024;

/// The briefings shipped inside the binary, so an installed `sherpa` opens real briefings.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../briefings");

/// What tells a file changed without reading it: when it was last written, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct FileStamp {
    pub(super) modified: Option<std::time::SystemTime>,
    pub(super) len: u64,
}

impl FileStamp {
    pub(super) fn of(path: &Path) -> Self {
        std::fs::metadata(path)
            .map_or_else(|_| Self::default(), |m| Self::from(Fingerprint::of(&m)))
    }
}

/// The stamp of a file as its fingerprint has it: one conversion, so a stamp taken when a
/// file was loaded and one taken later (live reload) agree whichever `stat` took them.
impl From<Fingerprint> for FileStamp {
    fn from(print: Fingerprint) -> Self {
        let since_epoch = std::time::Duration::from_nanos(print.modified.unsigned_abs());
        let modified = if print.modified >= 0 {
            std::time::UNIX_EPOCH.checked_add(since_epoch)
        } else {
            std::time::UNIX_EPOCH.checked_sub(since_epoch)
        };
        Self {
            modified,
            len: print.len,
        }
    }
}

/// A file found on disk (or bundled), before parsing.
pub(super) struct FoundFile {
    pub(super) display: String,
    pub(super) stem: String,
    pub(super) text: Result<String, Diagnostic>,
    /// A bundled briefing read beside the user's own (`--bundled`): a user's file with the
    /// same id replaces it without a complaint.
    pub(super) bundled: bool,
}

/// A share of [`MAX_BYTES_IN_FLIGHT`], given back when dropped.
pub(super) struct Permit(pub(super) u64);

static IN_FLIGHT: std::sync::Mutex<u64> = std::sync::Mutex::new(0);
static RETURNED: std::sync::Condvar = std::sync::Condvar::new();

impl Permit {
    /// Waits until `amount` (at most the whole budget) fits beside what is in flight.
    pub(super) fn acquire(amount: u64) -> Self {
        let amount = amount.min(MAX_BYTES_IN_FLIGHT);
        let mut in_flight = IN_FLIGHT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while *in_flight + amount > MAX_BYTES_IN_FLIGHT {
            in_flight = RETURNED
                .wait(in_flight)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *in_flight += amount;
        Self(amount)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut in_flight = IN_FLIGHT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *in_flight -= self.0;
        RETURNED.notify_all();
    }
}

/// Files shorter than this are not counted: an item takes at least one byte, so they cannot
/// pass [`MAX_FILE_ITEMS`], and their length bounds what they cost to parse (at most 20 MB
/// of [`MAX_BYTES_IN_FLIGHT`] each, so dozens still parse at once). Counting a real
/// briefing's items would cost a twentieth of its parse, on every file of every load.
const UNCOUNTED_BYTES: usize = 16 * 1024;
const _: () = assert!(UNCOUNTED_BYTES <= MAX_FILE_ITEMS);

/// At most how many items `text` holds ([`count_items`] for a file of
/// [`UNCOUNTED_BYTES`] or more, its length for a shorter one), and where it passes the limit.
pub(super) fn items_at_most(text: &str) -> ItemCount {
    if text.len() < UNCOUNTED_BYTES {
        (text.len(), None)
    } else {
        count_items(text)
    }
}

/// What [`count_items`] found: the items, and the offset of the first over the limit.
pub(super) type ItemCount = (usize, Option<usize>);

/// Counts the keys, tables and values of a TOML text (`=`, `{`, `[`, `,` and `.` outside
/// strings and comments) without parsing it, stopping past [`MAX_FILE_ITEMS`]; returns the
/// count and the offset of the first item over the limit.
fn count_items(text: &str) -> ItemCount {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    // Skips a string opened at `i` by `quote`, returning the offset after it. Most of a
    // briefing is prose inside strings: `memchr` jumps to the next byte that can end one.
    let skip_string = |i: usize, quote: u8| -> usize {
        let triple = bytes.get(i..i + 3) == Some(&[quote; 3][..]);
        let escapes = quote == b'"';
        let mut j = if triple { i + 3 } else { i + 1 };
        loop {
            let rest = &bytes[j.min(bytes.len())..];
            let next = match (triple, escapes) {
                (true, true) => memchr::memchr2(quote, b'\\', rest),
                (true, false) => memchr::memchr(quote, rest),
                (false, true) => memchr::memchr3(quote, b'\\', b'\n', rest),
                (false, false) => memchr::memchr2(quote, b'\n', rest),
            };
            let Some(at) = next.map(|n| j + n) else {
                return bytes.len();
            };
            match bytes[at] {
                b'\\' => j = at + 2,
                b'\n' => return at + 1,
                _ if !triple => return at + 1,
                _ if bytes.get(at..at + 3) == Some(&[quote; 3][..]) => return at + 3,
                _ => j = at + 1,
            }
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i = skip_string(i, quote);
                continue;
            }
            b'=' | b'{' | b'[' | b',' | b'.' => {
                count += 1;
                if count > MAX_FILE_ITEMS {
                    return (count, Some(i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, None)
}

/// The path that means standard input, as in most command-line tools.
pub const STDIN_PATH: &str = "-";

/// How standard input is named in diagnostics and `list --json`.
pub const STDIN_DISPLAY: &str = "<stdin>";

/// Reads one briefing from standard input, with the limits a file has.
pub(super) fn read_stdin() -> FoundFile {
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes);
    let text = match read {
        Err(err) => Err(Diagnostic::new(
            STDIN_DISPLAY,
            Severity::Error,
            format!("cannot read: {}", io_reason(&err)),
        )),
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(Diagnostic::new(
            STDIN_DISPLAY,
            Severity::Error,
            "larger than the 16 MiB limit for a briefing; skipped",
        )),
        Ok(_) => decode(STDIN_DISPLAY, bytes),
    };
    FoundFile {
        display: STDIN_DISPLAY.to_owned(),
        stem: "stdin".to_owned(),
        text,
        bundled: false,
    }
}

/// Opens a briefing file to read it, with what it is as opened (its stamp, and its
/// fingerprint taken before anything is read: a write after it changes the file's, so a
/// row stored with it is not used for the new text); anything but a regular file is
/// refused.
pub(super) fn open_file(
    display: &str,
    path: &Path,
) -> Result<(std::fs::File, FileStamp, Fingerprint), Diagnostic> {
    let fail = |err: &std::io::Error| {
        Diagnostic::new(
            display,
            Severity::Error,
            format!("cannot read: {}", io_reason(err)),
        )
    };
    // The file may have been swapped for a FIFO or device since it was listed: opening
    // without blocking and checking the open handle means a reader is never waited for.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| fail(&e))?;
    let metadata = file.metadata().map_err(|e| fail(&e))?;
    if !metadata.is_file() {
        return Err(Diagnostic::new(
            display,
            Severity::Error,
            "not a regular file (a FIFO, socket, device or folder); skipped",
        ));
    }
    let fingerprint = Fingerprint::of(&metadata);
    Ok((file, FileStamp::from(fingerprint), fingerprint))
}

/// Reads a file opened at `len` bytes whole, refusing oversized files and invalid UTF-8
/// with a clear message.
pub(super) fn read_opened(
    display: &str,
    file: std::fs::File,
    len: u64,
) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::new(display, Severity::Error, message);
    // Sized from the handle, so a file is read in one call and a probe for its end,
    // not in a dozen growing chunks.
    let capacity = usize::try_from(len.min(MAX_FILE_BYTES) + 1).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(display, len.max(bytes.len() as u64)));
    }
    decode(display, bytes)
}

/// The error of a briefing of `size` bytes, past [`MAX_FILE_BYTES`]: on disk or as an
/// editor holds it.
pub(super) fn too_large(display: &str, size: u64) -> Diagnostic {
    Diagnostic::new(
        display,
        Severity::Error,
        format!(
            "file is {size} bytes, larger than the {} MiB limit for a briefing; skipped",
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
}

/// Checks that a file's bytes are UTF-8, pointing at the first bad byte if not.
pub(super) fn decode(display: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
        // Lossy decoding keeps the valid prefix byte-for-byte, so the offset stays right.
        Diagnostic::new(
            display,
            Severity::Error,
            "invalid UTF-8: briefings must be UTF-8 text",
        )
        .at_offset(&text, valid)
    })
}

pub(super) fn bundled_files() -> Vec<FoundFile> {
    let mut files = Vec::new();
    collect_bundled(&BUNDLED, &mut files);
    files
}

fn collect_bundled(dir: &Dir<'_>, files: &mut Vec<FoundFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            let display = format!("bundled:{}", file.path().display());
            let text = std::str::from_utf8(file.contents())
                .map(str::to_owned)
                .map_err(|_| Diagnostic::new(&display, Severity::Error, "invalid UTF-8"));
            files.push(FoundFile {
                bundled: true,
                stem: stem_of(file.path()),
                display,
                text,
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, files);
    }
}

pub(super) fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_briefing;
    use crate::corpus::tests::{MINIMAL, numbered};

    /// A file listed as regular and swapped for a FIFO before it is opened (the race
    /// `discover` cannot see) is refused, not waited on for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_after_listing_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let text = open_file("x.toml", &fifo)
                .and_then(|(file, stamp, _)| read_opened("x.toml", file, stamp.len));
            let _ = done.send(text);
        });
        let text = finished
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        let diagnostic = text.unwrap_err();
        assert!(
            diagnostic.message.contains("not a regular file"),
            "{diagnostic}"
        );
    }

    #[test]
    fn a_file_at_the_item_limit_loads_and_one_more_item_is_refused_where_it_is() {
        let keys = |n: usize| format!("{MINIMAL}{}", numbered(n, "k{i} = 1\n"));
        let room = MAX_FILE_ITEMS - count_items(MINIMAL).0;
        let (briefing, _) = parse_briefing("f.toml", "f", &keys(room));
        assert!(briefing.is_some(), "a file at the limit loads");
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &keys(room + 1));
        assert!(briefing.is_none());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        // The `=` of the last key, on the last line.
        let last = format!("k{room} ");
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].column),
            (
                Some(MINIMAL.lines().count() + room + 1),
                Some(last.len() + 1)
            ),
            "{}",
            diagnostics[0]
        );
        // Each `.` of a dotted key makes a table, so it counts; nothing in strings and
        // comments does.
        assert_eq!(count_items("a.b.c = 1.5").0, 4);
        let text = format!(
            "{MINIMAL}# {}\n[summit.extra]\nx = \"{}\"\n",
            ",.".repeat(MAX_FILE_ITEMS),
            "{[".repeat(MAX_FILE_ITEMS)
        );
        assert_eq!(count_items(&text).1, None);
    }

    #[test]
    fn a_short_file_is_bounded_by_its_length_and_a_long_one_is_counted() {
        let dense = "a=[".to_owned() + &"1,".repeat(UNCOUNTED_BYTES / 2);
        let short = &dense[..UNCOUNTED_BYTES - 1];
        assert_eq!(items_at_most(short), (short.len(), None));
        assert_eq!(items_at_most(&dense), count_items(&dense));
        assert!(items_at_most(&dense).0 < dense.len());
    }
}
