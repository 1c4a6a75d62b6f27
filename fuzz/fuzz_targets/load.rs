//! Feeds arbitrary bytes to the briefing loader as the contents of one file, then to every
//! renderer that shows a loaded briefing. Any panic is a bug: a file must give a briefing or
//! diagnostics, and what is shown must carry no control character.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use sherpa::app::{App, Settings};
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};

fuzz_target!(|data: &[u8]| {
    let corpus = Corpus::from_bytes([("fuzz/input.toml", data)]);
    for diagnostic in corpus.diagnostics() {
        let shown = sherpa_core::sanitize::sanitize(&diagnostic.to_string());
        assert!(shown.chars().all(|c| c == '\n' || !c.is_control()));
    }
    let Some(briefing) = corpus.briefings().first().cloned() else {
        return;
    };
    for pane in Pane::ALL.into_iter().map(Some).chain([None]) {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            // Text and markdown cannot fail; JSON fails only if serde cannot serialise.
            let Ok(text) = export::render(&briefing, pane, format, 40) else {
                continue;
            };
            if format != Format::Json {
                assert!(!text.contains('\u{1b}'), "ESC in a {format:?} export");
            }
        }
    }
    let app = App::new(corpus, Settings::new("fuzz", "."), 100, 30);
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    ui::render(&app, Theme::plain(), area, &mut buf);
});
