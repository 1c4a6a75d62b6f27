//! What changed since you last read, with the real binary in a pseudo-terminal: a summit
//! read in one session and edited from outside in the next is marked as updated, and `U`
//! shows the right difference.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::{Session, fixtures};
use sherpa_core::store::{day_of, now};

#[test]
fn a_briefing_edited_from_outside_is_marked_as_updated_since_it_was_read() {
    let tmp = tempfile::tempdir().unwrap();
    let briefings = tmp.path().join("briefings");
    std::fs::create_dir(&briefings).unwrap();
    for name in ["alpha.toml", "beta.toml"] {
        std::fs::copy(fixtures("good").join(name), briefings.join(name)).unwrap();
    }
    let args = [briefings.as_os_str()];
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    session.send("3a");
    session.wait_for("Note:");
    session.send("ask about the islands\r");
    session.wait_for("✎ you: ask about the islands");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    // Reopened at the same place, nothing updated yet.
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    let screen = session.wait_for("✎ you: ask about the islands");
    assert!(screen.contains("Beta summit"), "{screen}");
    assert!(!screen.contains("updated since"), "{screen}");

    let beta = briefings.join("beta.toml");
    let edited = std::fs::read_to_string(&beta).unwrap()
        + "\n[[disagreements]]\nid = \"fishing\"\ntopic = \"Fishing rights\"\n";
    std::fs::write(&beta, edited).unwrap();
    let marked = format!("✱ updated since you read it on {}", day_of(now()));
    let screen = session.wait_for(&marked);
    assert!(screen.contains("Fishing rights"), "{screen}");
    assert!(screen.contains("✎ you: ask about the islands"), "{screen}");

    session.send("U");
    let screen = session.wait_for("What changed since you last read it");
    let new_line = screen
        .lines()
        .find(|line| line.contains("Fishing rights"))
        .unwrap();
    assert!(new_line.contains("new"), "{screen}");
    session.send("q");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn shift_a_writes_a_longer_note_in_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let editor = tmp.path().join("write-note");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'a longer thought\\non two lines\\n' > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let corpus = fixtures("good");
    let args = [corpus.as_os_str()];
    let editor = editor.display().to_string();
    let env = [("VISUAL", editor.as_str())];
    let Some(mut session) = Session::start_with_env(tmp.path(), &args, &env, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    session.send("3A");
    session.wait_for("✎ you: a longer thought on two lines");
    session.wait_for("1 note");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// What was read is kept as the reader goes: a reader whose terminal is closed (SIGHUP)
/// still knows, in its next session, the summits it opened and left.
#[test]
fn what_was_read_survives_a_hang_up() {
    let tmp = tempfile::tempdir().unwrap();
    let good = fixtures("good");
    let args = [good.as_os_str()];
    let Some(session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    // Beta (the latest) opens; `[` leaves it for alpha; `s` is a key after which the
    // reader saves what was read.
    session.wait_for("Beta summit");
    let mut session = session;
    session.send("[");
    session.wait_for("Alpha summit");
    session.send("s");
    session.wait_for("Summary");
    let versions = tmp.path().join("data/sherpa/books");
    let kept = |name: &str| {
        std::fs::read_dir(&versions)
            .ok()
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| entry.path().is_dir() && entry.path().join(name).is_file())
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !(kept("alpha.toml") && kept("beta.toml")) {
        assert!(
            std::time::Instant::now() < deadline,
            "versions were not kept as read"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    session.signal("HUP");
    assert_eq!(session.wait_exit(), 128 + 1);

    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Alpha summit");
    session.send("]U");
    let screen = session.wait_for("What changed since you last read it");
    assert!(
        screen.contains(&format!("Unchanged since you read it on {}", day_of(now()))),
        "{screen}"
    );
    session.send("qq");
    assert_eq!(session.wait_exit(), 0);
}
