//! Terminal replies that arrive as input: recognised whenever they come, never typed.
//!
//! The background colour is asked once the reader owns the terminal (OSC 11, see
//! [`super::Themes`]) and the answer is read as input, by the one thread that reads the
//! terminal: a query that read the answer itself (before the reader started, with a
//! timeout) swallowed the keys typed while it waited, and an answer later than its
//! timeout, as over SSH, was typed into the reader. crossterm reads
//! `ESC ] 11 ; rgb:0000/0000/0000 ESC \` as Alt-], then characters (a `/` that opens the
//! finder, digits typed into it), then Alt-\. [`ReplyFilter`] holds back events that
//! start such a reply, takes them out when the reply is complete (keeping the colour it
//! names) and lets them through as they were as soon as they cannot be one, so keys are
//! neither lost nor reordered. OSC 10 (the foreground) is dropped the same way: older
//! sherpas and other programs ask it.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::palette::Background;

/// Longest reply payload (after `ESC ] 1x ;`) held back: `rgba:ffff/ffff/ffff/ffff` is 24.
const MAX_PAYLOAD: usize = 64;

/// A key as the filter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// `ESC` alone: the start of `ESC ]` or `ESC \` split over two reads.
    Esc,
    /// `ESC ]`, which crossterm reads as Alt-].
    OscStart,
    /// `ESC \` (string terminator, read as Alt-\) or BEL (read as Ctrl-G).
    End,
    Char(char),
    Other,
}

fn piece(event: &Event) -> Piece {
    let Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        ..
    }) = event
    else {
        return Piece::Other;
    };
    let alt = modifiers.contains(KeyModifiers::ALT);
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    match code {
        KeyCode::Esc if modifiers.is_empty() => Piece::Esc,
        KeyCode::Char(']') if alt && !ctrl => Piece::OscStart,
        KeyCode::Char('\\') if alt && !ctrl => Piece::End,
        KeyCode::Char('g') if ctrl && !alt => Piece::End,
        KeyCode::Char(c) if !alt && !ctrl => Piece::Char(*c),
        _ => Piece::Other,
    }
}

/// Where in a reply the events held back have got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// An `ESC` alone, which may begin `ESC ]`.
    Esc,
    /// `ESC ]`: the number comes next (`10` or `11`), `digits` of it so far.
    Number(usize),
    /// `ESC ] 10` (`background` false) or `ESC ] 11`, before the `;`.
    Numbered { background: bool },
    /// After `;`: the colour, `payload` characters so far; `esc` when an `ESC` alone may
    /// begin the terminator.
    Payload {
        payload: usize,
        esc: bool,
        background: bool,
    },
}

/// Takes colour replies out of the input; see the module's documentation.
#[derive(Debug, Default)]
pub struct ReplyFilter {
    held: Vec<Event>,
    stage: Option<Stage>,
    /// The colour of the reply being held, as written.
    colour: String,
    /// The background the last complete OSC 11 reply named, until taken.
    answered: Option<Background>,
}

impl ReplyFilter {
    /// Takes the next event; returns the events to hand on (none while a reply may be
    /// arriving, the held ones and this one when it turns out not to be a reply).
    pub fn push(&mut self, event: Event) -> Vec<Event> {
        let piece = piece(&event);
        let next = match (self.stage, piece) {
            (None, Piece::Esc) => Some(Stage::Esc),
            (None, Piece::OscStart) | (Some(Stage::Esc), Piece::Char(']')) => {
                Some(Stage::Number(0))
            }
            (Some(Stage::Number(0)), Piece::Char('1')) => Some(Stage::Number(1)),
            (Some(Stage::Number(1)), Piece::Char(digit @ ('0' | '1'))) => Some(Stage::Numbered {
                background: digit == '1',
            }),
            (Some(Stage::Numbered { background }), Piece::Char(';')) => {
                self.colour.clear();
                Some(Stage::Payload {
                    payload: 0,
                    esc: false,
                    background,
                })
            }
            (
                Some(Stage::Payload {
                    payload,
                    esc: false,
                    background,
                }),
                Piece::Char(c),
            ) if payload < MAX_PAYLOAD && is_colour_char(c) => {
                self.colour.push(c);
                Some(Stage::Payload {
                    payload: payload + 1,
                    esc: false,
                    background,
                })
            }
            (
                Some(Stage::Payload {
                    payload,
                    esc: false,
                    background,
                }),
                Piece::Esc,
            ) => Some(Stage::Payload {
                payload,
                esc: true,
                background,
            }),
            (
                Some(Stage::Payload {
                    esc: false,
                    background,
                    ..
                }),
                Piece::End,
            )
            | (
                Some(Stage::Payload {
                    esc: true,
                    background,
                    ..
                }),
                Piece::Char('\\'),
            ) => {
                // A whole reply: taken out of the input.
                if background {
                    self.answered = background_of(&self.colour).or(self.answered);
                }
                self.held.clear();
                self.stage = None;
                return Vec::new();
            }
            _ => None,
        };
        match next {
            Some(stage) => {
                self.stage = Some(stage);
                self.held.push(event);
                Vec::new()
            }
            None if self.stage.is_none() => vec![event],
            None => {
                // Not a reply after all: the held events were keys. This one may itself
                // start a reply, so it goes through the filter again.
                let mut released = self.release();
                released.extend(self.push(event));
                released
            }
        }
    }

    /// Input went quiet with part of a reply held: a terminal writes its reply at once, so
    /// these were keys (Esc, Alt-] …) and go on as they were.
    pub fn release(&mut self) -> Vec<Event> {
        self.stage = None;
        std::mem::take(&mut self.held)
    }

    /// The background the terminal's last reply to OSC 11 named, once.
    pub fn take_background(&mut self) -> Option<Background> {
        self.answered.take()
    }
}

/// Light or dark from a colour as terminals write it in a reply (`rgb:RRRR/GGGG/BBBB` with
/// one to four hex digits a channel, `rgba:…` with alpha, `#RGB` to `#RRRRGGGGBBBB`), by
/// its luminance; `None` for anything else.
fn background_of(colour: &str) -> Option<Background> {
    let channels: Vec<&str> = if let Some(rgb) = colour.strip_prefix("rgb:") {
        rgb.split('/').collect()
    } else if let Some(rgba) = colour.strip_prefix("rgba:") {
        rgba.split('/').take(3).collect()
    } else {
        let hex = colour.strip_prefix('#')?;
        let width = hex.len() / 3;
        if width == 0 || hex.len() % 3 != 0 || !hex.is_ascii() {
            return None;
        }
        (0..3).map(|i| &hex[i * width..(i + 1) * width]).collect()
    };
    let [red, green, blue] = channels.as_slice() else {
        return None;
    };
    let luminance = 0.2126 * fraction(red)? + 0.7152 * fraction(green)? + 0.0722 * fraction(blue)?;
    Some(if luminance > 0.5 {
        Background::Light
    } else {
        Background::Dark
    })
}

/// A channel of one to four hex digits as a fraction of its largest value.
fn fraction(hex: &str) -> Option<f64> {
    if hex.is_empty() || hex.len() > 4 {
        return None;
    }
    let value = u16::from_str_radix(hex, 16).ok()?;
    let largest = (1u32 << (4 * hex.len())) - 1;
    Some(f64::from(value) / f64::from(largest))
}

/// Characters of a colour as terminals write it (`rgb:0000/ffff/8080`, `rgba:…`, `#fff`).
fn is_colour_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '#' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events crossterm reads from `bytes` when they arrive in one read.
    fn events(bytes: &str) -> Vec<Event> {
        let mut out = Vec::new();
        let mut chars = bytes.chars().peekable();
        while let Some(c) = chars.next() {
            let key = match c {
                '\x1b' => match chars.next_if(|&n| n != '\x1b') {
                    Some(next) => KeyEvent::new(KeyCode::Char(next), KeyModifiers::ALT),
                    None => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                },
                '\x07' => KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            };
            out.push(Event::Key(key));
        }
        out
    }

    fn filter(pieces: &[Vec<Event>]) -> Vec<Event> {
        let mut filter = ReplyFilter::default();
        let mut out = Vec::new();
        for piece in pieces {
            for event in piece {
                out.extend(filter.push(event.clone()));
            }
        }
        out.extend(filter.release());
        out
    }

    #[test]
    fn replies_are_dropped_with_either_terminator_and_keys_around_them_kept() {
        for reply in [
            "\x1b]11;rgb:0000/0000/0000\x1b\\",
            "\x1b]11;rgb:ffff/ffff/ffff\x07",
            "\x1b]10;rgba:ffff/ffff/ffff/ffff\x1b\\",
        ] {
            assert_eq!(filter(&[events(reply)]), [], "{reply:?}");
            assert_eq!(
                filter(&[events(&format!("j{reply}k"))]),
                events("jk"),
                "{reply:?}"
            );
        }
    }

    #[test]
    fn a_reply_split_over_reads_is_dropped() {
        // A read that ends after ESC gives Esc alone, and the next starts with `]` or `\`.
        let split = [
            vec![Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
            events("]11;rgb:0000/0000/0000"),
            vec![Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
            events("\\q"),
        ];
        assert_eq!(filter(&split), events("q"));
    }

    #[test]
    fn keys_that_only_begin_like_a_reply_go_on_in_order() {
        for keys in [
            "\x1b",
            "\x1b]",
            "\x1b]1",
            "\x1b]12;x\x07",
            "\x1b]11;a b",
            "\x1bq",
        ] {
            assert_eq!(filter(&[events(keys)]), events(keys), "{keys:?}");
        }
        // Esc then the reply: the Esc is a key, the reply is not.
        assert_eq!(
            filter(&[events("\x1b"), events("\x1b]11;rgb:0/0/0\x07")]),
            events("\x1b")
        );
    }

    #[test]
    fn a_payload_longer_than_any_colour_is_not_held() {
        let long = format!("\x1b]11;{}", "a".repeat(MAX_PAYLOAD + 1));
        assert_eq!(filter(&[events(&long)]), events(&long));
    }

    #[test]
    fn a_background_reply_names_the_background_once_and_a_foreground_reply_nothing() {
        let mut filter = ReplyFilter::default();
        for (reply, background) in [
            ("\x1b]11;rgb:ffff/ffff/ffff\x1b\\", Some(Background::Light)),
            ("\x1b]11;rgb:1e1e/1e1e/2e2e\x07", Some(Background::Dark)),
            ("\x1b]11;rgba:f/f/f/0\x07", Some(Background::Light)),
            ("\x1b]11;#fdf6e3\x07", Some(Background::Light)),
            ("\x1b]11;#000\x07", Some(Background::Dark)),
            ("\x1b]10;rgb:ffff/ffff/ffff\x07", None),
            ("\x1b]11;rgb:ffff/ffff\x07", None),
            ("\x1b]11;#fffff\x07", None),
        ] {
            for event in events(reply) {
                assert_eq!(filter.push(event), [], "{reply:?}");
            }
            assert_eq!(filter.take_background(), background, "{reply:?}");
            assert_eq!(filter.take_background(), None, "{reply:?}");
        }
    }

    #[test]
    fn mouse_and_resize_events_pass() {
        let resize = Event::Resize(80, 24);
        assert_eq!(filter(&[vec![resize.clone()]]), [resize]);
    }
}
