//! The one table of key bindings. Input lookup, the status-line hints and the help overlay
//! all read it, so the help can never drift from what the keys do.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Action;

/// Where a binding applies: the reader itself, a scrolling text overlay, or the finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Reader,
    Overlay,
    Finder,
}

impl Context {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Overlay => "Help, summary and problem list",
            Self::Finder => "Summit finder (other keys type into the query)",
        }
    }
}

/// A key with its modifiers, as matched against input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyPress {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Normalises an input event: Shift is implied by the character itself (`G`, `?`) and
    /// by `BackTab`, so it is dropped there; other modifiers are kept.
    #[must_use]
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Self {
            code: event.code,
            modifiers,
        }
    }

    /// How the key is written in help and hints: `j`, `Ctrl-d`, `Shift-Tab`, `PageDown`.
    #[must_use]
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PageUp".to_owned(),
            KeyCode::PageDown => "PageDown".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{key}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{key}")
        } else {
            key
        }
    }
}

/// One row of the table: in `context`, any of `keys` performs `action`.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<KeyPress>,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the status line's key hints.
    pub hint: Option<&'static str>,
}

fn bind(
    context: Context,
    keys: &[KeyPress],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        description,
        hint,
    }
}

/// The default bindings, in the order the help overlay lists them.
static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use Action as A;
    use Context::{Finder, Overlay, Reader};
    use KeyCode as K;
    let p = KeyPress::plain;
    let c = KeyPress::char;
    let ctrl = KeyPress::ctrl;
    vec![
        bind(Reader, &[c('q'), ctrl('c')], A::Quit, "Quit", Some("quit")),
        bind(
            Reader,
            &[c('?')],
            A::ToggleHelp,
            "Show all keys",
            Some("help"),
        ),
        bind(Reader, &[p(K::Tab)], A::NextPane, "Next pane", Some("pane")),
        bind(Reader, &[p(K::BackTab)], A::PrevPane, "Previous pane", None),
        bind(
            Reader,
            &[c('1')],
            A::FocusPane(0),
            "Participants pane",
            None,
        ),
        bind(
            Reader,
            &[c('2')],
            A::FocusPane(1),
            "Prior meetings pane",
            None,
        ),
        bind(Reader, &[c('3')], A::FocusPane(2), "Goals pane", None),
        bind(
            Reader,
            &[c('4')],
            A::FocusPane(3),
            "Disagreements pane",
            None,
        ),
        bind(
            Reader,
            &[c('j'), p(K::Down)],
            A::Down,
            "Next item (scrolls through long items)",
            None,
        ),
        bind(Reader, &[c('k'), p(K::Up)], A::Up, "Previous item", None),
        bind(
            Reader,
            &[ctrl('d')],
            A::HalfPageDown,
            "Half a page down",
            None,
        ),
        bind(Reader, &[ctrl('u')], A::HalfPageUp, "Half a page up", None),
        bind(
            Reader,
            &[p(K::PageDown), c(' ')],
            A::PageDown,
            "Page down",
            None,
        ),
        bind(Reader, &[p(K::PageUp)], A::PageUp, "Page up", None),
        bind(Reader, &[c('g'), p(K::Home)], A::Top, "First item", None),
        bind(Reader, &[c('G'), p(K::End)], A::Bottom, "Last item", None),
        bind(
            Reader,
            &[c('z')],
            A::ToggleZoom,
            "Zoom the pane to full screen and back",
            None,
        ),
        bind(
            Reader,
            &[c(']')],
            A::NextSummit,
            "Next summit by date",
            Some("summit"),
        ),
        bind(
            Reader,
            &[c('[')],
            A::PrevSummit,
            "Previous summit by date",
            None,
        ),
        bind(
            Reader,
            &[c('/')],
            A::OpenFinder,
            "Find a summit",
            Some("find"),
        ),
        bind(
            Reader,
            &[p(K::Enter)],
            A::FollowLink,
            "Open the linked briefing of a prior meeting",
            Some("open link"),
        ),
        bind(
            Reader,
            &[p(K::Backspace)],
            A::Back,
            "Back to the previous summit",
            Some("back"),
        ),
        bind(
            Reader,
            &[c('s')],
            A::ToggleSummary,
            "Show the summit's summary",
            Some("summary"),
        ),
        bind(
            Reader,
            &[c('e')],
            A::ExportPane,
            "Export the pane as text",
            Some("export"),
        ),
        bind(
            Reader,
            &[c('y')],
            A::CopyPane,
            "Copy the pane's text (OSC 52)",
            None,
        ),
        bind(
            Reader,
            &[c('!')],
            A::ShowDiagnostics,
            "List problems in the briefing files",
            None,
        ),
        bind(
            Overlay,
            &[p(K::Esc), c('q'), c('?'), c('s'), c('!')],
            A::CloseOverlay,
            "Close",
            Some("close"),
        ),
        bind(Overlay, &[ctrl('c')], A::Quit, "Quit", None),
        bind(
            Overlay,
            &[c('j'), p(K::Down)],
            A::Down,
            "Scroll down",
            Some("scroll"),
        ),
        bind(Overlay, &[c('k'), p(K::Up)], A::Up, "Scroll up", None),
        bind(
            Overlay,
            &[p(K::PageDown), c(' '), ctrl('d')],
            A::PageDown,
            "Page down",
            None,
        ),
        bind(
            Overlay,
            &[p(K::PageUp), ctrl('u')],
            A::PageUp,
            "Page up",
            None,
        ),
        bind(Overlay, &[c('g'), p(K::Home)], A::Top, "Top", None),
        bind(Overlay, &[c('G'), p(K::End)], A::Bottom, "Bottom", None),
        bind(
            Finder,
            &[p(K::Enter)],
            A::FinderAccept,
            "Jump to the selected summit",
            Some("jump"),
        ),
        bind(
            Finder,
            &[p(K::Esc)],
            A::CloseOverlay,
            "Cancel",
            Some("cancel"),
        ),
        bind(Finder, &[ctrl('c')], A::Quit, "Quit", None),
        bind(
            Finder,
            &[p(K::Down), ctrl('n')],
            A::Down,
            "Next match",
            Some("select"),
        ),
        bind(
            Finder,
            &[p(K::Up), ctrl('p')],
            A::Up,
            "Previous match",
            None,
        ),
        bind(
            Finder,
            &[p(K::Backspace)],
            A::FinderDeleteChar,
            "Delete a character",
            None,
        ),
    ]
});

/// Every binding, in help order.
#[must_use]
pub fn bindings() -> &'static [Binding] {
    &BINDINGS
}

/// The action a key performs in a context. In the finder, unbound printable keys type.
#[must_use]
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let key = KeyPress::from_event(event);
    let bound = bindings()
        .iter()
        .find(|b| b.context == context && b.keys.contains(&key))
        .map(|b| b.action.clone());
    match (bound, context, key.code) {
        (Some(action), _, _) => Some(action),
        (None, Context::Finder, KeyCode::Char(c))
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::FinderInput(c))
        }
        _ => None,
    }
}

/// The keys of a binding joined for display: `j / ↓`.
#[must_use]
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(KeyPress::label)
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Short `key hint` pairs for the status line in a context.
#[must_use]
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    bindings()
        .iter()
        .filter(|b| b.context == context)
        .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for (i, a) in bindings().iter().enumerate() {
            for b in &bindings()[i + 1..] {
                if a.context == b.context {
                    for key in &a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{key:?} bound twice in {:?}",
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_reader_action_is_bound() {
        let expected = [
            Action::Quit,
            Action::ToggleHelp,
            Action::NextPane,
            Action::PrevPane,
            Action::Down,
            Action::Up,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::Top,
            Action::Bottom,
            Action::ToggleZoom,
            Action::NextSummit,
            Action::PrevSummit,
            Action::OpenFinder,
            Action::FollowLink,
            Action::Back,
            Action::ExportPane,
            Action::CopyPane,
            Action::ToggleSummary,
            Action::ShowDiagnostics,
            Action::ShowTimeline,
            Action::ShowTrack,
            Action::ShowChanges,
            Action::ShowAttended,
            Action::ShowSources,
            Action::ShowItemSources,
        ];
        for action in expected {
            assert!(
                bindings()
                    .iter()
                    .any(|b| b.context == Context::Reader && b.action == action),
                "{action:?} has no key"
            );
        }
    }

    #[test]
    fn shifted_characters_match_without_shift() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Context::Reader, &event), Some(Action::Bottom));
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Context::Reader, &event), Some(Action::PrevPane));
    }

    #[test]
    fn finder_types_unbound_characters() {
        let event = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Context::Finder, &event),
            Some(Action::FinderInput('q'))
        );
        let event = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Context::Finder, &event), Some(Action::Quit));
    }
}
