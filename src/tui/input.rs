//! Input: the thread that reads terminal events, the gate that stops it while another
//! program (the editor) owns the terminal, and terminal keys as sherpa's own keys.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use crossterm::event::{self, KeyCode as CrosstermKey, KeyEvent, KeyEventKind, KeyModifiers};

use super::Message;
use super::replies::ReplyFilter;
use crate::keymap::{Key, KeyCode};

/// Lets the runner hand the terminal to another program (the editor): while the gate is
/// closed the input thread reads nothing, so every key goes to that program.
#[derive(Clone, Default)]
pub(super) struct InputGate {
    state: Arc<(Mutex<GateState>, Condvar)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum GateState {
    #[default]
    Open,
    /// The runner asked the input thread to stop reading.
    Closing,
    /// The input thread is waiting for the gate to open.
    Closed,
}

impl InputGate {
    /// Closes the gate and waits until the input thread has stopped reading (it checks
    /// between polls, so within one poll interval).
    pub(super) fn close(&self) {
        let (state, changed) = &*self.state;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *state = GateState::Closing;
        while *state == GateState::Closing {
            state = changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    pub(super) fn open(&self) {
        let (state, changed) = &*self.state;
        *state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = GateState::Open;
        changed.notify_all();
    }

    /// Called by the input thread before it reads: parks while the gate is closed.
    fn pass(&self) {
        let (state, changed) = &*self.state;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *state == GateState::Closing {
            *state = GateState::Closed;
            changed.notify_all();
        }
        while *state != GateState::Open {
            state = changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// How long the input thread waits for an event before looking at the gate again.
const INPUT_POLL: std::time::Duration = std::time::Duration::from_millis(25);

/// Forwards terminal events, with the terminal's replies to the colour query taken out
/// and sent as the background they name (see [`ReplyFilter`]); ends when the reader stops
/// listening.
pub(super) fn spawn_input(messages: Sender<Message>, gate: InputGate) {
    thread::spawn(move || {
        let mut replies = ReplyFilter::default();
        loop {
            gate.pass();
            let events = match event::poll(INPUT_POLL) {
                // Quiet: a reply would have come whole by now.
                Ok(false) => replies.release(),
                Ok(true) => match event::read() {
                    Ok(event) => replies.push(event),
                    Err(err) => {
                        let _ = messages.send(Message::InputFailed(err));
                        break;
                    }
                },
                Err(err) => {
                    let _ = messages.send(Message::InputFailed(err));
                    break;
                }
            };
            let background = replies.take_background().map(Message::Background);
            for message in events.into_iter().map(Message::Input).chain(background) {
                if messages.send(message).is_err() {
                    return;
                }
            }
        }
    });
}

/// Converts a terminal key event to sherpa's own key, or `None` for a release or a key the
/// table cannot name. Shift is implied by the character itself (`G`, `?`) and by
/// `BackTab`, so it is dropped; Ctrl and Alt are kept.
#[must_use]
pub fn key_from_event(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        CrosstermKey::Char(c) => KeyCode::Char(c),
        CrosstermKey::F(n) => KeyCode::F(n),
        CrosstermKey::Tab => KeyCode::Tab,
        CrosstermKey::BackTab => KeyCode::BackTab,
        CrosstermKey::Enter => KeyCode::Enter,
        CrosstermKey::Esc => KeyCode::Esc,
        CrosstermKey::Backspace => KeyCode::Backspace,
        CrosstermKey::Up => KeyCode::Up,
        CrosstermKey::Down => KeyCode::Down,
        CrosstermKey::Left => KeyCode::Left,
        CrosstermKey::Right => KeyCode::Right,
        CrosstermKey::PageUp => KeyCode::PageUp,
        CrosstermKey::PageDown => KeyCode::PageDown,
        CrosstermKey::Home => KeyCode::Home,
        CrosstermKey::End => KeyCode::End,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::keymap::{Context, Keymap};

    #[test]
    fn shifted_characters_match_without_shift() {
        let keymap = Keymap::default();
        let action = |code, modifiers| {
            let key = key_from_event(&KeyEvent::new(code, modifiers))?;
            keymap.action_for(Context::Reader, key)
        };
        assert_eq!(
            action(CrosstermKey::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(CrosstermKey::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action(CrosstermKey::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
    }
}
