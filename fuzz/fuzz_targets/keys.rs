//! Random key sequences, clicks, wheel turns, pastes and resizes against the reader, on two
//! bundled briefings and optionally one made of fuzzed bytes, through the real key table
//! and `App::update`, drawing after every step. Any panic is a bug, and so is a cell drawn
//! outside the screen: each frame is drawn into a buffer larger than the screen, whose
//! margin must stay blank.
//!
//! The input: byte 0 and 1 are the screen's width and height, byte 2 picks the bundled
//! briefings; then events up to a zero byte (see [`next_event`]; at most [`MAX_EVENTS`]
//! are played); what follows the zero byte, if anything, is one more briefing file.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use sherpa::app::{Action, App, Effect, Settings};
use sherpa::keymap::{Key, KeyCode};
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

/// At most this many events per input: each is drawn, and a long input is better spent
/// as many short ones (a few hundred frames take about as long as a few thousand runs of
/// the other targets).
const MAX_EVENTS: usize = 128;

/// Cells right of and below the screen that must stay blank.
const MARGIN: u16 = 3;

/// Keys other than characters, picked by the low four bits of a byte from 0x80 up.
const NAMED: [KeyCode; 16] = [
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::F(1),
    KeyCode::Char(' '),
    KeyCode::Char('é'),
];

/// The bundled briefings' names and bytes, read once.
fn bundled() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../briefings");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .filter_map(|path| {
                let name = path.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read(&path).ok()?))
            })
            .collect();
        files.sort();
        files
    })
}

/// What one step of the input does.
enum Event {
    Key(Key),
    Action(Action),
    Resize(u16, u16),
    Paste(String),
}

/// Reads one event from the front of `bytes`: a printable ASCII byte is that character;
/// 0x01–0x1a Ctrl and a letter; from 0x80 a named key (Alt with bit 0x40); 0x1b a resize,
/// 0x1c a click, 0x1d and 0x1e the wheel down and up (each followed by two bytes), 0x1f a
/// paste (a length byte, then the text); 0x7f Backspace.
fn next_event(bytes: &mut &[u8]) -> Option<Event> {
    let (&first, rest) = bytes.split_first()?;
    *bytes = rest;
    let mut two = || {
        let pair = (
            u16::from(*bytes.first().unwrap_or(&0)),
            u16::from(*bytes.get(1).unwrap_or(&0)),
        );
        *bytes = bytes.get(2..).unwrap_or_default();
        pair
    };
    let key = |code, ctrl, alt| Some(Event::Key(Key { code, ctrl, alt }));
    match first {
        0x01..=0x1a => key(KeyCode::Char(char::from(b'a' + first - 1)), true, false),
        0x1b => {
            let (width, height) = two();
            Some(Event::Resize(width, height))
        }
        0x1c => {
            let (column, row) = two();
            Some(Event::Action(Action::Click { column, row }))
        }
        0x1d | 0x1e => {
            let (column, row) = two();
            let lines = if first == 0x1d { 3 } else { -3 };
            Some(Event::Action(Action::Wheel { column, row, lines }))
        }
        0x1f => {
            let len = usize::from(*bytes.first().unwrap_or(&0));
            let text = bytes.get(1..).unwrap_or_default();
            let text = &text[..len.min(text.len())];
            *bytes = &bytes[(1 + text.len()).min(bytes.len())..];
            Some(Event::Paste(String::from_utf8_lossy(text).into_owned()))
        }
        0x7f => key(KeyCode::Backspace, false, false),
        0x80.. => key(NAMED[usize::from(first & 0x0f)], false, first & 0x40 != 0),
        _ => key(KeyCode::Char(char::from(first)), false, false),
    }
}

/// Draws the reader into a buffer `MARGIN` cells larger than its screen and checks that
/// nothing was drawn in the margin.
fn draw_checked(app: &App, width: u16, height: u16) {
    let screen = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(Rect::new(0, 0, width + MARGIN, height + MARGIN));
    ui::render(app, Theme::colored(), screen, &mut buf);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if !screen.contains(Position { x, y }) {
                assert!(
                    buf[(x, y)] == Cell::default(),
                    "drawn outside the {width}x{height} screen at {x},{y}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [width, height, pick, rest @ ..] = data else {
        return;
    };
    let (mut width, mut height) = (u16::from(*width), u16::from(*height) % 80);
    let (mut events, extra) = match rest.iter().position(|&b| b == 0) {
        Some(zero) => (&rest[..zero], &rest[zero + 1..]),
        None => (rest, &[][..]),
    };
    let files = bundled();
    let mut sources: Vec<(&str, &[u8])> = Vec::new();
    if !files.is_empty() {
        for offset in 0..2 {
            let (name, bytes) = &files[(usize::from(*pick) + offset) % files.len()];
            sources.push((name, bytes));
        }
    }
    if !extra.is_empty() {
        sources.push(("fuzz.toml", extra));
    }
    let mut app = App::new(
        Corpus::from_bytes(sources),
        Settings::new("fuzz", "/nonexistent"),
        width,
        height,
    );
    draw_checked(&app, width, height);
    for _ in 0..MAX_EVENTS {
        let Some(event) = next_event(&mut events) else {
            break;
        };
        let effect = match event {
            // As the runner does: an unbound key may say so in the status line.
            Event::Key(key) => app.press(key),
            Event::Action(action) => app.update(action),
            Event::Paste(text) => app.paste(&text),
            Event::Resize(w, h) => {
                (width, height) = (w, h % 80);
                app.resize(width, height);
                Effect::None
            }
        };
        // The runner's work, done in place; other effects (writes, the editor) are I/O.
        if let Effect::Search(request) = effect {
            app.search_finished(request.run());
        }
        if !app.is_running() {
            break;
        }
        draw_checked(&app, width, height);
    }
});
