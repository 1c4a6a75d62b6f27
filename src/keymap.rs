//! The one table of key bindings. Input lookup, the status-line hints and the help overlay
//! all read it, so the help can never drift from what the keys do. A user's config can
//! remap any action by its name; the remapped table then drives input and help alike.

use std::collections::BTreeMap;
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
            Self::Overlay => "Text views: help, summary, sources, what changed, problems",
            Self::Finder => {
                "Lists: finder, timeline, history, summits attended (other keys type a filter)"
            }
        }
    }
}

/// A key with its modifiers, as matched against input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Names of keys other than single characters, as written in help and in the config.
const NAMED_KEYS: [(&str, KeyCode); 14] = [
    ("Space", KeyCode::Char(' ')),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

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

    /// Reads a key as the config writes it: `j`, `G`, `?`, `Ctrl-d`, `Alt-x`, `Shift-Tab`,
    /// `PageDown`, `F5`. Names are case-insensitive; single characters are not.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if modifiers.is_empty() {
                c
            } else {
                c.to_ascii_lowercase()
            }),
            _ => NAMED_KEYS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                .map(|(_, code)| *code)
                .or_else(|| {
                    let number = rest.strip_prefix(['F', 'f'])?.parse::<u8>().ok()?;
                    (1..=12).contains(&number).then_some(KeyCode::F(number))
                })
                .ok_or_else(|| {
                    format!(
                        "unknown key `{text}`; write a character (`j`, `G`, `?`), a name \
                         (Enter, Esc, Tab, Shift-Tab, Backspace, Space, Up, Down, Left, Right, \
                         PageUp, PageDown, Home, End, F1–F12), or Ctrl-/Alt- and a key"
                    )
                })?,
        };
        Ok(Self { code, modifiers })
    }

    /// How the key is written in help, hints and the config: `j`, `Ctrl-d`, `Shift-Tab`.
    #[must_use]
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            KeyCode::F(number) => format!("F{number}"),
            code => NAMED_KEYS
                .iter()
                .find(|(_, named)| *named == code)
                .map_or_else(|| format!("{code:?}"), |(name, _)| (*name).to_owned()),
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
    /// The action's name in the config's `[keys]` table, e.g. `next-pane`.
    pub name: &'static str,
    pub keys: Vec<KeyPress>,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the status line's key hints.
    pub hint: Option<&'static str>,
}

fn bind(
    context: Context,
    name: &'static str,
    keys: &[KeyPress],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        name,
        keys: keys.to_vec(),
        action,
        description,
        hint,
    }
}

/// The default bindings, in the order the help overlay lists them.
static DEFAULT_BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use Action as A;
    use Context::{Finder, Overlay, Reader};
    use KeyCode as K;
    let p = KeyPress::plain;
    let c = KeyPress::char;
    let ctrl = KeyPress::ctrl;
    vec![
        bind(
            Reader,
            "quit",
            &[c('q'), ctrl('c')],
            A::Quit,
            "Quit",
            Some("quit"),
        ),
        bind(
            Reader,
            "help",
            &[c('?')],
            A::ToggleHelp,
            "Show all keys",
            Some("help"),
        ),
        bind(
            Reader,
            "next-pane",
            &[p(K::Tab)],
            A::NextPane,
            "Next pane",
            Some("pane"),
        ),
        bind(
            Reader,
            "prev-pane",
            &[p(K::BackTab)],
            A::PrevPane,
            "Previous pane",
            None,
        ),
        bind(
            Reader,
            "pane-1",
            &[c('1')],
            A::FocusPane(0),
            "Participants pane",
            None,
        ),
        bind(
            Reader,
            "pane-2",
            &[c('2')],
            A::FocusPane(1),
            "Prior meetings pane",
            None,
        ),
        bind(
            Reader,
            "pane-3",
            &[c('3')],
            A::FocusPane(2),
            "Goals pane",
            None,
        ),
        bind(
            Reader,
            "pane-4",
            &[c('4')],
            A::FocusPane(3),
            "Disagreements pane",
            None,
        ),
        bind(
            Reader,
            "down",
            &[c('j'), p(K::Down)],
            A::Down,
            "Next item (scrolls through long items)",
            None,
        ),
        bind(
            Reader,
            "up",
            &[c('k'), p(K::Up)],
            A::Up,
            "Previous item",
            None,
        ),
        bind(
            Reader,
            "half-page-down",
            &[ctrl('d')],
            A::HalfPageDown,
            "Half a page down",
            None,
        ),
        bind(
            Reader,
            "half-page-up",
            &[ctrl('u')],
            A::HalfPageUp,
            "Half a page up",
            None,
        ),
        bind(
            Reader,
            "page-down",
            &[p(K::PageDown), c(' ')],
            A::PageDown,
            "Page down",
            None,
        ),
        bind(
            Reader,
            "page-up",
            &[p(K::PageUp)],
            A::PageUp,
            "Page up",
            None,
        ),
        bind(
            Reader,
            "top",
            &[c('g'), p(K::Home)],
            A::Top,
            "First item",
            None,
        ),
        bind(
            Reader,
            "bottom",
            &[c('G'), p(K::End)],
            A::Bottom,
            "Last item",
            None,
        ),
        bind(
            Reader,
            "zoom",
            &[c('z')],
            A::ToggleZoom,
            "Zoom the pane to full screen and back",
            None,
        ),
        bind(
            Reader,
            "next-summit",
            &[c(']')],
            A::NextSummit,
            "Next summit by date",
            Some("summit"),
        ),
        bind(
            Reader,
            "prev-summit",
            &[c('[')],
            A::PrevSummit,
            "Previous summit by date",
            None,
        ),
        bind(
            Reader,
            "find",
            &[c('/')],
            A::OpenFinder,
            "Find a summit",
            Some("find"),
        ),
        bind(
            Reader,
            "follow-link",
            &[p(K::Enter)],
            A::FollowLink,
            "Open the linked briefing of a prior meeting",
            Some("open link"),
        ),
        bind(
            Reader,
            "back",
            &[p(K::Backspace)],
            A::Back,
            "Back to the previous summit",
            Some("back"),
        ),
        bind(
            Reader,
            "summary",
            &[c('s')],
            A::ToggleSummary,
            "Show the summit's summary",
            Some("summary"),
        ),
        bind(
            Reader,
            "sources",
            &[c('S')],
            A::ShowSources,
            "Sources of this summit and what cites each",
            None,
        ),
        bind(
            Reader,
            "item-sources",
            &[c('c')],
            A::ShowItemSources,
            "Sources cited by the selected item",
            None,
        ),
        bind(
            Reader,
            "timeline",
            &[c('t')],
            A::ShowTimeline,
            "Timeline of every summit and meeting",
            Some("timeline"),
        ),
        bind(
            Reader,
            "track",
            &[c('d')],
            A::ShowTrack,
            "Follow the selected disagreement across summits",
            None,
        ),
        bind(
            Reader,
            "changes",
            &[c('w')],
            A::ShowChanges,
            "What changed since the previous summit",
            None,
        ),
        bind(
            Reader,
            "attended",
            &[c('p')],
            A::ShowAttended,
            "Summits the selected participant attended",
            None,
        ),
        bind(
            Reader,
            "export",
            &[c('e')],
            A::ExportPane,
            "Export the pane as text",
            Some("export"),
        ),
        bind(
            Reader,
            "copy",
            &[c('y')],
            A::CopyPane,
            "Copy the pane's text (OSC 52)",
            None,
        ),
        bind(
            Reader,
            "problems",
            &[c('!')],
            A::ShowDiagnostics,
            "List problems in the briefing files",
            None,
        ),
        bind(
            Overlay,
            "overlay-close",
            &[
                p(K::Esc),
                c('q'),
                c('?'),
                c('s'),
                c('S'),
                c('c'),
                c('w'),
                c('!'),
            ],
            A::CloseOverlay,
            "Close",
            Some("close"),
        ),
        bind(Overlay, "overlay-quit", &[ctrl('c')], A::Quit, "Quit", None),
        bind(
            Overlay,
            "overlay-down",
            &[c('j'), p(K::Down)],
            A::Down,
            "Scroll down",
            Some("scroll"),
        ),
        bind(
            Overlay,
            "overlay-up",
            &[c('k'), p(K::Up)],
            A::Up,
            "Scroll up",
            None,
        ),
        bind(
            Overlay,
            "overlay-page-down",
            &[p(K::PageDown), c(' '), ctrl('d')],
            A::PageDown,
            "Page down",
            None,
        ),
        bind(
            Overlay,
            "overlay-page-up",
            &[p(K::PageUp), ctrl('u')],
            A::PageUp,
            "Page up",
            None,
        ),
        bind(
            Overlay,
            "overlay-top",
            &[c('g'), p(K::Home)],
            A::Top,
            "Top",
            None,
        ),
        bind(
            Overlay,
            "overlay-bottom",
            &[c('G'), p(K::End)],
            A::Bottom,
            "Bottom",
            None,
        ),
        bind(
            Finder,
            "finder-accept",
            &[p(K::Enter)],
            A::FinderAccept,
            "Jump to the selected summit",
            Some("jump"),
        ),
        bind(
            Finder,
            "finder-cancel",
            &[p(K::Esc)],
            A::CloseOverlay,
            "Cancel",
            Some("cancel"),
        ),
        bind(Finder, "finder-quit", &[ctrl('c')], A::Quit, "Quit", None),
        bind(
            Finder,
            "finder-down",
            &[p(K::Down), ctrl('n')],
            A::Down,
            "Next match",
            Some("select"),
        ),
        bind(
            Finder,
            "finder-up",
            &[p(K::Up), ctrl('p')],
            A::Up,
            "Previous match",
            None,
        ),
        bind(
            Finder,
            "finder-delete",
            &[p(K::Backspace)],
            A::FinderDeleteChar,
            "Delete a character",
            None,
        ),
        bind(
            Finder,
            "finder-delete-word",
            &[ctrl('w')],
            A::FinderDeleteWord,
            "Delete the last word",
            None,
        ),
        bind(
            Finder,
            "finder-clear",
            &[ctrl('u')],
            A::FinderClear,
            "Clear the query",
            None,
        ),
    ]
});

/// The effective key table: the defaults with the user's remappings applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: DEFAULT_BINDINGS.clone(),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` (action name → keys) applied. A remapped action gets
    /// exactly the keys given; a key given to one action is taken from any other action in
    /// the same context, so the user's choice always wins and no key does two things.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut keymap = Self::default();
        // Which action the user gave each key to, so two actions cannot both claim one.
        let mut claimed: Vec<(Context, KeyPress, &str)> = Vec::new();
        for (name, keys) in overrides {
            let Some(index) = keymap.bindings.iter().position(|b| b.name == name) else {
                return Err(format!(
                    "unknown action `{name}` in [keys]; `sherpa config --default` lists them"
                ));
            };
            let keys = keys
                .iter()
                .map(|k| KeyPress::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            let context = keymap.bindings[index].context;
            for key in &keys {
                if let Some((_, _, first)) =
                    claimed.iter().find(|(c, k, _)| *c == context && k == key)
                {
                    return Err(format!(
                        "[keys]: `{}` is given to both `{first}` and `{name}`",
                        key.label()
                    ));
                }
                claimed.push((context, *key, name));
            }
            for other in keymap.bindings.iter_mut().filter(|b| b.context == context) {
                other.keys.retain(|k| !keys.contains(k));
            }
            keymap.bindings[index].keys = keys;
        }
        Ok(keymap)
    }

    /// Every binding, in help order.
    #[must_use]
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key of the action called `name`, for messages that name a key, so they
    /// stay true after remapping.
    #[must_use]
    pub fn key(&self, name: &str) -> String {
        self.bindings
            .iter()
            .find(|b| b.name == name)
            .and_then(|b| b.keys.first())
            .map_or_else(|| format!("(no key for {name})"), KeyPress::label)
    }

    /// The action a key performs in a context. In the finder, unbound printable keys type.
    #[must_use]
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = KeyPress::from_event(event);
        let bound = self
            .bindings
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action.clone());
        match (bound, context, key.code) {
            (Some(action), _, _) => Some(action),
            // Ctrl-c always quits unless the user gave it another job: a terminal program
            // must never trap it.
            (None, _, KeyCode::Char('c')) if key.modifiers == KeyModifiers::CONTROL => {
                Some(Action::Quit)
            }
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

    /// Short `key hint` pairs for the status line in a context.
    #[must_use]
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
            .collect()
    }
}

/// The default bindings, in help order.
#[must_use]
pub fn bindings() -> &'static [Binding] {
    &DEFAULT_BINDINGS
}

/// The keys of a binding joined for display: `j / Down`.
#[must_use]
pub fn keys_label(binding: &Binding) -> String {
    if binding.keys.is_empty() {
        return "(unbound)".to_owned();
    }
    binding
        .keys
        .iter()
        .map(KeyPress::label)
        .collect::<Vec<_>>()
        .join(" / ")
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
    fn action_names_are_unique() {
        for (i, a) in bindings().iter().enumerate() {
            assert!(
                bindings()[i + 1..].iter().all(|b| b.name != a.name),
                "{} named twice",
                a.name
            );
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
        assert_eq!(
            Keymap::default().action_for(Context::Reader, &event),
            Some(Action::Bottom)
        );
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            Keymap::default().action_for(Context::Reader, &event),
            Some(Action::PrevPane)
        );
    }

    #[test]
    fn finder_types_unbound_characters() {
        let event = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            Keymap::default().action_for(Context::Finder, &event),
            Some(Action::FinderInput('q'))
        );
        let event = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            Keymap::default().action_for(Context::Finder, &event),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_default_label_parses_back_to_its_key() {
        for binding in bindings() {
            for key in &binding.keys {
                assert_eq!(KeyPress::parse(&key.label()).as_ref(), Ok(key));
            }
        }
        assert_eq!(KeyPress::parse("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(KeyPress::parse("ctrl-D").unwrap(), KeyPress::ctrl('d'));
        assert!(KeyPress::parse("Hyper-x").is_err());
        assert!(KeyPress::parse("").is_err());
    }

    #[test]
    fn a_remapped_key_moves_to_its_new_action() {
        let overrides = BTreeMap::from([("down".to_owned(), vec!["n".to_owned(), "k".to_owned()])]);
        let keymap = Keymap::with_overrides(&overrides).unwrap();
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(Context::Reader, &press('n')),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(Context::Reader, &press('k')),
            Some(Action::Down)
        );
        assert_eq!(keymap.action_for(Context::Reader, &press('j')), None);
        let up = keymap.bindings().iter().find(|b| b.name == "up").unwrap();
        assert_eq!(keys_label(up), "Up");
    }

    #[test]
    fn two_actions_cannot_claim_one_key_and_ctrl_c_still_quits() {
        let both = BTreeMap::from([
            ("down".to_owned(), vec!["x".to_owned()]),
            ("up".to_owned(), vec!["x".to_owned()]),
        ]);
        let error = Keymap::with_overrides(&both).unwrap_err();
        assert!(
            error.contains("`x` is given to both `down` and `up`"),
            "{error}"
        );
        let quit_moved = BTreeMap::from([("quit".to_owned(), vec!["x".to_owned()])]);
        let keymap = Keymap::with_overrides(&quit_moved).unwrap();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.action_for(Context::Reader, &ctrl_c),
            Some(Action::Quit)
        );
    }

    #[test]
    fn unknown_actions_and_keys_are_named_in_the_error() {
        let unknown_action = BTreeMap::from([("fly".to_owned(), vec!["f".to_owned()])]);
        assert!(
            Keymap::with_overrides(&unknown_action)
                .unwrap_err()
                .contains("`fly`")
        );
        let unknown_key = BTreeMap::from([("quit".to_owned(), vec!["Meta-q".to_owned()])]);
        assert!(
            Keymap::with_overrides(&unknown_key)
                .unwrap_err()
                .contains("`Meta-q`")
        );
    }
}
