//! The terminal's answer to the background query, in a real pseudo-terminal: the reader
//! asks once it owns the terminal and reads the answer as input, so a key typed while the
//! question is out acts and an answer however late is never typed.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::time::Duration;

use common::Session;

/// The screen's lines without trailing blanks: how a screen reached by other steps pads
/// them is no part of what it shows.
fn trimmed(screen: &str) -> Vec<&str> {
    screen.lines().map(str::trim_end).collect()
}

/// The fixture reader's screen once its help shows over the loaded corpus. (Help, as it
/// acts while the corpus is still loading, as a key typed at once may find it.)
fn help_shown(screen: &str) -> bool {
    screen.contains("2/2 by date") && screen.contains("Esc close")
}

#[test]
fn a_key_typed_while_the_colour_query_is_out_acts_and_a_late_answer_types_nothing() {
    let good = common::fixtures("good");
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut reference) = Session::start(tmp.path(), &[good.as_os_str()], 120, 30) else {
        return;
    };
    reference.wait_for("2/2 by date");
    reference.send("?");
    let expected = reference.wait_until("the help", help_shown);
    reference.send("\x03");
    assert_eq!(reference.wait_exit(), 0);

    for answer in [
        "\x1b]11;rgb:ffff/ffff/ffff\x1b\\",
        "\x1b]11;rgb:0000/0000/0000\x07",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let mut session = Session::start(tmp.path(), &[good.as_os_str()], 120, 30).unwrap();
        // At once, while the question is out: a query that read the answer itself (for up
        // to 100 ms before the reader started) read this key too and threw it away.
        session.send("?");
        std::thread::sleep(Duration::from_millis(300));
        // As over SSH, later than any query would wait: its `/` opened the finder and the
        // digits were typed into it.
        session.send(answer);
        session.wait_until("the help", help_shown);
        // Time for the answer to be read, had it been typed.
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            trimmed(&session.contents()),
            trimmed(&expected),
            "{answer:?}"
        );
        let raw = session.raw();
        assert!(
            raw.windows(7).any(|w| w == b"\x1b]11;?\x07"),
            "the reader did not ask the background"
        );
        session.send("\x03");
        assert_eq!(session.wait_exit(), 0, "{answer:?}");
    }
}
