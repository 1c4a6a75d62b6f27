//! Files with tens of thousands of items (up to the item limit): every per-item step
//! (locating an unknown key, a dangling citation, a footnote number, what cites a source)
//! must be a lookup, not a scan of the file or of the other items, or such a file takes
//! minutes to check or export. Only the first `MAX_PER_FILE` problems of a file are
//! located, so the problems are put at the end of the file, where a scan would cost most.
//! The results are checked exactly; the watchdog only catches quadratic work (timings are
//! in PERFORMANCE.md, not here).

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::fmt::Write as _;
use std::sync::mpsc;
use std::time::Duration;

use sherpa_core::corpus::{Corpus, MAX_FILE_ITEMS};
use sherpa_core::diagnostics::{self, MAX_PER_FILE, Severity};
use sherpa_core::document::Pane;
use sherpa_core::export::{Format, render};

const HEADER: &str = "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n";

/// Runs `work` on a thread and fails if it takes far longer than linear work could.
fn within_linear_time(work: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => thread.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The work panicked: show its message.
            std::panic::resume_unwind(thread.join().unwrap_err());
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("still running after 120 s: quadratic work per item")
        }
    }
}

/// Checks that the file's diagnostics are the first `MAX_PER_FILE` of `count` warnings,
/// then one summary with the exact number left out.
fn assert_capped(diagnostics: &[diagnostics::Diagnostic], count: usize) {
    assert_eq!(diagnostics.len(), MAX_PER_FILE + 1);
    let summary = &diagnostics[MAX_PER_FILE];
    assert_eq!(summary.severity, Severity::Warning);
    assert_eq!(summary.omitted as usize, count - MAX_PER_FILE, "{summary}");
    assert_eq!(diagnostics::count(diagnostics), (0, count));
}

/// `clean` participants, then `count` more with `problem` (a line of their table), after
/// the header and each after a blank line; returns the text and the line of each problem.
fn participants(clean: usize, count: usize, problem: &str) -> (String, Vec<usize>) {
    let mut text = HEADER.to_owned();
    let mut lines = Vec::new();
    let mut line = HEADER.lines().count();
    for i in 0..clean + count {
        write!(text, "\n[[participants]]\nname = \"P{i}\"\n").unwrap();
        line += 3;
        if i >= clean {
            writeln!(text, "{}", problem.replace("{i}", &i.to_string())).unwrap();
            line += 1;
            lines.push(line);
        }
    }
    (text, lines)
}

#[test]
fn unknown_keys_deep_in_a_large_file_the_first_shown_at_their_lines_and_the_rest_counted() {
    within_linear_time(|| {
        let (clean, count) = (20_000, 20_000);
        let (text, lines) = participants(clean, count, "nmae = \"x\"");
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert_eq!(corpus.len(), 1);
        let warnings = corpus.diagnostics();
        assert_capped(warnings, count);
        for ((d, i), line) in warnings[..MAX_PER_FILE].iter().zip(clean..).zip(lines) {
            assert_eq!(d.severity, Severity::Warning);
            assert!(d.message.contains(&format!("participants.{i}.nmae")), "{d}");
            assert_eq!(d.line, Some(line), "{d}");
            assert_eq!(d.snippet.as_deref(), Some("nmae = \"x\""));
        }
    });
}

#[test]
fn dangling_citations_deep_in_a_large_file_each_point_at_their_id() {
    within_linear_time(|| {
        let (clean, count) = (20_000, 20_000);
        let (text, lines) = participants(clean, count, "sources = [\"missing-{i}\"]");
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert_eq!(corpus.len(), 1);
        let warnings = corpus.diagnostics();
        assert_capped(warnings, count);
        for ((d, i), line) in warnings[..MAX_PER_FILE].iter().zip(clean..).zip(lines) {
            assert!(
                d.message.starts_with(&format!(
                    "participants[{i}] (P{i}) cites source \"missing-{i}\""
                )),
                "{d}"
            );
            assert_eq!(d.line, Some(line), "{d}");
            assert_eq!(d.column, Some(13), "{d}");
        }
    });
}

#[test]
fn twenty_thousand_items_citing_twenty_thousand_sources_export_with_the_right_numbers() {
    within_linear_time(|| {
        // Nine items each: as many as fit under the item limit, in round thousands.
        let count = 20_000;
        assert!(count * 9 < MAX_FILE_ITEMS);
        let mut text = HEADER.to_owned();
        for i in 0..count {
            write!(
                text,
                "[[participants]]\nname = \"P{i}\"\nsources = [\"s{i}\"]\n"
            )
            .unwrap();
        }
        for i in 0..count {
            write!(text, "[[sources]]\nid = \"s{i}\"\ntitle = \"Source {i}\"\n").unwrap();
        }
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert!(
            corpus.diagnostics().is_empty(),
            "{:?}",
            &corpus.diagnostics()[..1]
        );
        let briefing = corpus.get("big").unwrap();

        let participants = render(briefing, Some(Pane::Participants), Format::Text, 80).unwrap();
        for i in [0, 1, 4_999, count - 1] {
            let at = participants.find(&format!("P{i}\n")).unwrap();
            let marker = format!("[{}]", i + 1);
            let next = participants[at..].find("Sources").unwrap() + at;
            assert!(
                participants[next..]
                    .trim_start_matches("Sources")
                    .trim_start_matches(':')
                    .trim_start()
                    .starts_with(&marker),
                "participant {i}: {:?}",
                &participants[at..(next + 40).min(participants.len())]
            );
        }
        let sources = render(briefing, Some(Pane::Sources), Format::Text, 80).unwrap();
        for i in [0, 1, 4_999, count - 1] {
            let at = sources
                .find(&format!("[{}] Source {i} (s{i})", i + 1))
                .unwrap();
            let cited = sources[at..].find("participant: P").unwrap() + at;
            assert!(
                sources[cited..].starts_with(&format!("participant: P{i}\n")),
                "source {i}: {:?}",
                &sources[at..(cited + 40).min(sources.len())]
            );
        }
        let whole = render(briefing, None, Format::Markdown, 80).unwrap();
        assert!(whole.contains(&format!("P{}", count - 1)));
    });
}

#[test]
fn a_hundred_thousand_unknown_top_level_keys_load_with_the_first_at_their_lines() {
    within_linear_time(|| {
        let count = 100_000;
        let mut text = String::new();
        for i in 0..count {
            writeln!(text, "k{i} = 1").unwrap();
        }
        text.push_str(HEADER);
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert_eq!(corpus.len(), 1);
        let warnings = corpus.diagnostics();
        assert_capped(warnings, count);
        for d in &warnings[..MAX_PER_FILE] {
            let key = d.message.split('`').nth(1).unwrap();
            let line: usize = key[1..].parse().unwrap();
            assert_eq!(d.line, Some(line + 1), "{d}");
        }
    });
}
