//! Files with tens of thousands of items: every per-item step (locating an unknown key,
//! a dangling citation, a footnote number, what cites a source) must be a lookup, not a
//! scan of the file or of the other items, or such a file takes minutes to check or export.
//! The results are checked exactly; the watchdog only catches quadratic work (timings are
//! in PERFORMANCE.md, not here).

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::fmt::Write as _;
use std::sync::mpsc;
use std::time::Duration;

use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::Severity;
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

#[test]
fn twenty_thousand_unknown_keys_each_get_their_own_line() {
    within_linear_time(|| {
        let count = 20_000;
        let mut text = HEADER.to_owned();
        for i in 0..count {
            // Header, name, typo: the typo is on line 5 + 4i + 3 (1-based, after a blank).
            write!(text, "\n[[participants]]\nname = \"P{i}\"\nnmae = \"x\"\n").unwrap();
        }
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert_eq!(corpus.len(), 1);
        let warnings: Vec<_> = corpus.diagnostics().iter().collect();
        assert_eq!(warnings.len(), count);
        for (i, d) in warnings.iter().enumerate() {
            assert_eq!(d.severity, Severity::Warning);
            assert!(d.message.contains(&format!("participants.{i}.nmae")));
            assert_eq!(d.line, Some(5 + 4 * i + 3), "{d}");
            assert_eq!(d.snippet.as_deref(), Some("nmae = \"x\""));
        }
    });
}

#[test]
fn twenty_thousand_dangling_citations_each_point_at_their_id() {
    within_linear_time(|| {
        let count = 20_000;
        let mut text = HEADER.to_owned();
        for i in 0..count {
            write!(
                text,
                "\n[[participants]]\nname = \"P{i}\"\nsources = [\"missing-{i}\"]\n"
            )
            .unwrap();
        }
        let corpus = Corpus::from_sources([("big.toml", text.as_str())]);
        assert_eq!(corpus.len(), 1);
        let warnings = corpus.diagnostics();
        assert_eq!(warnings.len(), count);
        for (i, d) in warnings.iter().enumerate() {
            assert!(
                d.message.starts_with(&format!(
                    "participants[{i}] (P{i}) cites source \"missing-{i}\""
                )),
                "{d}"
            );
            assert_eq!(d.line, Some(5 + 4 * i + 3), "{d}");
            assert_eq!(d.column, Some(13), "{d}");
        }
    });
}

#[test]
fn fifty_thousand_items_citing_fifty_thousand_sources_export_with_the_right_numbers() {
    within_linear_time(|| {
        let count = 50_000;
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
fn a_hundred_thousand_unknown_top_level_keys_each_get_their_own_line() {
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
        assert_eq!(warnings.len(), count);
        for d in warnings {
            let key = d.message.split('`').nth(1).unwrap();
            let line: usize = key[1..].parse().unwrap();
            assert_eq!(d.line, Some(line + 1), "{d}");
        }
    });
}
