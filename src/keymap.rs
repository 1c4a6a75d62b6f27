//! The one table of key bindings. Input lookup, the status-line hints, the help overlay,
//! the man page and `sherpa config --default` all read it, so none of them can drift from
//! what the keys do.
//!
//! The rows are the [`Command`] enum: its variant names are the names in `[keys]`, its doc
//! comments the descriptions help shows, and [`Command::spec`] says where each applies and
//! what it does. The default keys are data, in the embedded `keys.toml`, read by the same
//! code as a user's `[keys]` table. Keys are sherpa's own [`Key`] type; the terminal layer
//! converts its events, so the table knows no terminal library.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;
use strum::{EnumIter, EnumMessage, IntoEnumIterator, IntoStaticStr};

use crate::action::Action;
use crate::grid::GridPane;

/// Where a binding applies: the reader itself, a scrolling text overlay, or a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Reader,
    Overlay,
    Finder,
    Board,
}

impl Context {
    /// Every context, in the order help lists them.
    pub const ALL: [Self; 4] = [Self::Reader, Self::Finder, Self::Overlay, Self::Board];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Overlay => "Text views: help, summary, sources, what changed, problems",
            Self::Finder => {
                "Lists: finder, timeline, history, summits attended (other keys type a filter)"
            }
            Self::Board => "The disagreement board",
        }
    }
}

/// A key other than a modifier, as sherpa names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// A key with its modifiers. Shift is folded into the character (`G`, `?`) and into
/// `BackTab`, so only Ctrl and Alt are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
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

impl Key {
    /// A key without modifiers.
    #[must_use]
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A character key without modifiers.
    #[must_use]
    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// Ctrl and a character.
    #[must_use]
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Reads a key as the config writes it: `j`, `G`, `?`, `Ctrl-d`, `Alt-x`, `Shift-Tab`,
    /// `PageDown`, `F5`. Names are case-insensitive; single characters are not.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl || alt {
                c.to_ascii_lowercase()
            } else {
                c
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
        Ok(Self { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    /// How the key is written in help, hints and the config: `j`, `Ctrl-d`, `Shift-Tab`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        } else if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            KeyCode::F(number) => write!(f, "F{number}"),
            code => {
                let name = NAMED_KEYS.iter().find(|(_, named)| *named == code);
                f.write_str(name.map_or("?", |(name, _)| name))
            }
        }
    }
}

/// One row of the key table. The variant's kebab-case name is its name in `[keys]`; its
/// doc comment is the description help and the man page show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr, EnumMessage)]
#[strum(serialize_all = "kebab-case")]
pub enum Command {
    /// Quit
    Quit,
    /// Show all keys
    Help,
    /// Next pane
    NextPane,
    /// Previous pane
    PrevPane,
    /// Participants pane
    #[strum(serialize = "pane-1")]
    Pane1,
    /// Prior meetings pane
    #[strum(serialize = "pane-2")]
    Pane2,
    /// Goals pane
    #[strum(serialize = "pane-3")]
    Pane3,
    /// Disagreements pane
    #[strum(serialize = "pane-4")]
    Pane4,
    /// Next item (scrolls through long items)
    Down,
    /// Previous item
    Up,
    /// Half a page down
    HalfPageDown,
    /// Half a page up
    HalfPageUp,
    /// Page down
    PageDown,
    /// Page up
    PageUp,
    /// First item
    Top,
    /// Last item
    Bottom,
    /// Zoom the pane to full screen and back
    Zoom,
    /// Next summit by date
    NextSummit,
    /// Previous summit by date
    PrevSummit,
    /// Find a summit or text in every briefing
    Find,
    /// Next match of the search
    NextMatch,
    /// Previous match of the search
    PrevMatch,
    /// Clear the search and its highlights
    ClearSearch,
    /// Open the linked briefing of a prior meeting
    FollowLink,
    /// Back to the previous summit
    Back,
    /// Show the summit's summary
    Summary,
    /// Sources of this summit and what cites each
    Sources,
    /// Sources cited by the selected item
    ItemSources,
    /// Timeline of every summit and meeting
    Timeline,
    /// Follow the selected disagreement across summits
    Track,
    /// Compare with another summit: what changed
    Changes,
    /// Board of every disagreement across the summits
    Board,
    /// Summits the selected participant attended
    Attended,
    /// Export the pane as text
    Export,
    /// Edit the briefing in $VISUAL / $EDITOR at the selected item
    Edit,
    /// Copy the selected item's text (OSC 52)
    CopyItem,
    /// Copy the whole pane's text (OSC 52)
    Copy,
    /// List problems in the briefing files
    Problems,
    /// Close
    OverlayClose,
    /// Quit
    OverlayQuit,
    /// Scroll down
    OverlayDown,
    /// Scroll up
    OverlayUp,
    /// Page down
    OverlayPageDown,
    /// Page up
    OverlayPageUp,
    /// Top
    OverlayTop,
    /// Bottom
    OverlayBottom,
    /// Open the URL of the source at the top of a sources view
    OverlayOpenSource,
    /// Next match of the search
    OverlayNextMatch,
    /// Previous match of the search
    OverlayPrevMatch,
    /// Jump to the selected summit
    FinderAccept,
    /// Cancel
    FinderCancel,
    /// Quit
    FinderQuit,
    /// Previous year in the timeline's chart (from the first: all years)
    FinderPrevYear,
    /// Next year in the timeline's chart (from the last: all years)
    FinderNextYear,
    /// Next match
    FinderDown,
    /// Previous match
    FinderUp,
    /// Delete a character
    FinderDelete,
    /// Delete the last word
    FinderDeleteWord,
    /// Clear the query
    FinderClear,
    /// Open the summit at the disagreement under the cursor
    BoardOpen,
    /// Close the board
    BoardClose,
    /// Quit
    BoardQuit,
    /// Cell to the left
    BoardLeft,
    /// Cell to the right
    BoardRight,
    /// Cell below
    BoardDown,
    /// Cell above
    BoardUp,
}

/// What a row of the key table means: where it applies, what it does, and its word in
/// the status line's key hints, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub context: Context,
    pub action: Action,
    pub hint: Option<&'static str>,
}

impl Command {
    /// The name used in `[keys]` and `keys.toml`, e.g. `next-pane`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What help and the man page say the command does.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.get_documentation().unwrap_or_default()
    }

    /// Where the command applies, what it does, and its status-line hint.
    #[must_use]
    pub const fn spec(self) -> Spec {
        use Action as A;
        use Context::{Board, Finder, Overlay, Reader};
        let (context, action, hint) = match self {
            Self::Quit => (Reader, A::Quit, Some("quit")),
            Self::Help => (Reader, A::ToggleHelp, Some("help")),
            Self::NextPane => (Reader, A::NextPane, Some("pane")),
            Self::PrevPane => (Reader, A::PrevPane, None),
            Self::Pane1 => (Reader, A::FocusPane(GridPane::Participants), None),
            Self::Pane2 => (Reader, A::FocusPane(GridPane::Meetings), None),
            Self::Pane3 => (Reader, A::FocusPane(GridPane::Goals), None),
            Self::Pane4 => (Reader, A::FocusPane(GridPane::Disagreements), None),
            Self::Down => (Reader, A::Down, None),
            Self::Up => (Reader, A::Up, None),
            Self::HalfPageDown => (Reader, A::HalfPageDown, None),
            Self::HalfPageUp => (Reader, A::HalfPageUp, None),
            Self::PageDown => (Reader, A::PageDown, None),
            Self::PageUp => (Reader, A::PageUp, None),
            Self::Top => (Reader, A::Top, None),
            Self::Bottom => (Reader, A::Bottom, None),
            Self::Zoom => (Reader, A::ToggleZoom, None),
            Self::NextSummit => (Reader, A::NextSummit, Some("summit")),
            Self::PrevSummit => (Reader, A::PrevSummit, None),
            Self::Find => (Reader, A::OpenFinder, Some("find")),
            Self::NextMatch => (Reader, A::NextMatch, Some("next match")),
            Self::PrevMatch => (Reader, A::PrevMatch, None),
            Self::ClearSearch => (Reader, A::ClearSearch, None),
            Self::FollowLink => (Reader, A::FollowLink, Some("open link")),
            Self::Back => (Reader, A::Back, Some("back")),
            Self::Summary => (Reader, A::ToggleSummary, Some("summary")),
            Self::Sources => (Reader, A::ShowSources, None),
            Self::ItemSources => (Reader, A::ShowItemSources, Some("cited sources")),
            Self::Timeline => (Reader, A::ShowTimeline, Some("timeline")),
            Self::Track => (Reader, A::ShowTrack, Some("track")),
            Self::Changes => (Reader, A::ShowChanges, None),
            Self::Board => (Reader, A::ShowBoard, Some("board")),
            Self::Attended => (Reader, A::ShowAttended, Some("their summits")),
            Self::Export => (Reader, A::ExportPane, Some("export")),
            Self::Edit => (Reader, A::EditBriefing, None),
            Self::CopyItem => (Reader, A::CopyItem, None),
            Self::Copy => (Reader, A::CopyPane, None),
            Self::Problems => (Reader, A::ShowDiagnostics, None),
            Self::OverlayClose => (Overlay, A::CloseOverlay, Some("close")),
            Self::OverlayQuit => (Overlay, A::Quit, None),
            Self::OverlayDown => (Overlay, A::Down, Some("scroll")),
            Self::OverlayUp => (Overlay, A::Up, None),
            Self::OverlayPageDown => (Overlay, A::PageDown, None),
            Self::OverlayPageUp => (Overlay, A::PageUp, None),
            Self::OverlayTop => (Overlay, A::Top, None),
            Self::OverlayBottom => (Overlay, A::Bottom, None),
            Self::OverlayOpenSource => (Overlay, A::OpenSource, None),
            Self::OverlayNextMatch => (Overlay, A::NextMatch, None),
            Self::OverlayPrevMatch => (Overlay, A::PrevMatch, None),
            Self::FinderAccept => (Finder, A::FinderAccept, Some("jump")),
            Self::FinderCancel => (Finder, A::CloseOverlay, Some("cancel")),
            Self::FinderQuit => (Finder, A::Quit, None),
            Self::FinderPrevYear => (Finder, A::Left, None),
            Self::FinderNextYear => (Finder, A::Right, Some("year")),
            Self::FinderDown => (Finder, A::Down, Some("select")),
            Self::FinderUp => (Finder, A::Up, None),
            Self::FinderDelete => (Finder, A::FinderDeleteChar, None),
            Self::FinderDeleteWord => (Finder, A::FinderDeleteWord, None),
            Self::FinderClear => (Finder, A::FinderClear, None),
            Self::BoardOpen => (Board, A::OpenCell, Some("open summit")),
            Self::BoardClose => (Board, A::CloseOverlay, Some("close")),
            Self::BoardQuit => (Board, A::Quit, None),
            Self::BoardLeft => (Board, A::Left, None),
            Self::BoardRight => (Board, A::Right, Some("move")),
            Self::BoardDown => (Board, A::Down, None),
            Self::BoardUp => (Board, A::Up, None),
        };
        Spec {
            context,
            action,
            hint,
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::iter().find(|command| command.name() == name)
    }
}

/// One row of the effective table: a command and the keys that perform it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub command: Command,
    pub keys: Vec<Key>,
}

impl Binding {
    /// The keys joined for display: `j / Down`, or `(unbound)`.
    #[must_use]
    pub fn keys_label(&self) -> String {
        if self.keys.is_empty() {
            return "(unbound)".to_owned();
        }
        let labels: Vec<String> = self.keys.iter().map(Key::to_string).collect();
        labels.join(" / ")
    }
}

/// One key or several, as `[keys]` and `keys.toml` give them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Many(Vec<String>),
}

impl Keys {
    fn as_slice(&self) -> &[String] {
        match self {
            Self::One(key) => std::slice::from_ref(key),
            Self::Many(keys) => keys,
        }
    }
}

/// A `[keys]` table: command name → keys.
pub type KeyTable = BTreeMap<String, Keys>;

/// The defaults, embedded so the binary needs no file beside it.
const DEFAULT_KEYS: &str = include_str!("keys.toml");

/// The default table, read from `keys.toml` once. A broken `keys.toml` is a bug in sherpa
/// caught by the tests, so the fallback (no keys) is never seen by a user.
static DEFAULT_KEYMAP: LazyLock<Keymap> = LazyLock::new(|| {
    let empty = Keymap {
        bindings: Command::iter()
            .map(|command| Binding {
                command,
                keys: Vec::new(),
            })
            .collect(),
    };
    toml::from_str::<KeyTable>(DEFAULT_KEYS)
        .map_err(|e| e.to_string())
        .and_then(|table| empty.clone().with_table(&table))
        .unwrap_or(empty)
});

/// The effective key table: the defaults with the user's remappings applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        DEFAULT_KEYMAP.clone()
    }
}

impl Keymap {
    /// The defaults with a user's `[keys]` table applied.
    pub fn with_overrides(table: &KeyTable) -> Result<Self, String> {
        Self::default().with_table(table)
    }

    /// Applies a `[keys]` table. A command named gets exactly the keys given; a key given
    /// to one command is taken from any other in the same context, so the user's choice
    /// always wins and no key does two things.
    fn with_table(mut self, table: &KeyTable) -> Result<Self, String> {
        // Which command each key was given to, so two commands cannot both claim one.
        let mut claimed: Vec<(Context, Key, Command)> = Vec::new();
        for (name, keys) in table {
            let command = Command::from_name(name).ok_or_else(|| {
                format!("unknown action `{name}` in [keys]; `sherpa config --default` lists them")
            })?;
            let keys = keys
                .as_slice()
                .iter()
                .map(|k| Key::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            let context = command.spec().context;
            for key in &keys {
                if let Some((_, _, first)) =
                    claimed.iter().find(|(c, k, _)| *c == context && k == key)
                {
                    return Err(format!(
                        "[keys]: `{key}` is given to both `{}` and `{name}`",
                        first.name()
                    ));
                }
                claimed.push((context, *key, command));
            }
            for other in &mut self.bindings {
                if other.command.spec().context == context {
                    other.keys.retain(|k| !keys.contains(k));
                }
            }
            if let Some(binding) = self.bindings.iter_mut().find(|b| b.command == command) {
                binding.keys = keys;
            }
        }
        Ok(self)
    }

    /// Every binding, in help order.
    #[must_use]
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings of one context, in help order.
    pub fn bindings_in(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.command.spec().context == context)
    }

    /// The first key of a command, for messages that name a key, so they stay true after
    /// remapping.
    #[must_use]
    pub fn key_for(&self, command: Command) -> String {
        self.bindings
            .iter()
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map_or_else(
                || format!("(no key for {})", command.name()),
                Key::to_string,
            )
    }

    /// The command bound to a key in a context.
    #[must_use]
    pub fn command_for(&self, context: Context, key: Key) -> Option<Command> {
        self.bindings_in(context)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.command)
    }

    /// The action a key performs in a context. In a list, unbound printable keys type.
    #[must_use]
    pub fn action_for(&self, context: Context, key: Key) -> Option<Action> {
        match (self.command_for(context, key), context, key.code) {
            (Some(command), _, _) => Some(command.spec().action),
            // Ctrl-c always quits unless the user gave it another job: a terminal program
            // must never trap it.
            (None, _, KeyCode::Char('c')) if key.ctrl => Some(Action::Quit),
            (None, Context::Finder, KeyCode::Char(c)) if !key.ctrl && !key.alt => {
                Some(Action::FinderInput(c))
            }
            _ => None,
        }
    }

    /// Short `key hint` pairs for the status line in a context.
    #[must_use]
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.bindings_in(context)
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.command.spec().hint?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Keymap {
        Keymap::default()
    }

    #[test]
    fn keys_toml_parses_and_binds_every_command() {
        let table: KeyTable = toml::from_str(DEFAULT_KEYS).unwrap();
        for command in Command::iter() {
            assert!(
                table.contains_key(command.name()),
                "{} has no default in keys.toml",
                command.name()
            );
            assert!(
                !command.description().is_empty(),
                "{} has no description",
                command.name()
            );
        }
        assert_eq!(Keymap::default().with_table(&table), Ok(defaults()));
        assert_eq!(table.len(), Command::iter().count(), "no unknown rows");
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let keymap = defaults();
        for context in Context::ALL {
            let mut seen = Vec::new();
            for binding in keymap.bindings_in(context) {
                for key in &binding.keys {
                    assert!(!seen.contains(key), "{key} bound twice in {context:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn action_names_are_unique() {
        let names: Vec<&str> = Command::iter().map(Command::name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[i + 1..].contains(name), "{name} named twice");
        }
        assert!(names.contains(&"pane-1") && names.contains(&"overlay-page-down"));
    }

    #[test]
    fn every_command_is_bound() {
        for binding in defaults().bindings() {
            assert!(
                !binding.keys.is_empty(),
                "{} has no key",
                binding.command.name()
            );
        }
    }

    #[test]
    fn finder_types_unbound_characters() {
        assert_eq!(
            defaults().action_for(Context::Finder, Key::char('q')),
            Some(Action::FinderInput('q'))
        );
        assert_eq!(
            defaults().action_for(Context::Finder, Key::ctrl('c')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_default_label_parses_back_to_its_key() {
        for binding in defaults().bindings() {
            for key in &binding.keys {
                assert_eq!(Key::parse(&key.to_string()).as_ref(), Ok(key));
            }
        }
        assert_eq!(Key::parse("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(Key::parse("ctrl-D").unwrap(), Key::ctrl('d'));
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("").is_err());
    }

    fn table(rows: &[(&str, &[&str])]) -> KeyTable {
        rows.iter()
            .map(|(name, keys)| {
                let keys = keys.iter().map(|k| (*k).to_owned()).collect();
                ((*name).to_owned(), Keys::Many(keys))
            })
            .collect()
    }

    #[test]
    fn a_remapped_key_moves_to_its_new_action() {
        let keymap = Keymap::with_overrides(&table(&[("down", &["n", "k"])])).unwrap();
        let action = |c| keymap.action_for(Context::Reader, Key::char(c));
        assert_eq!(action('n'), Some(Action::Down));
        assert_eq!(action('k'), Some(Action::Down));
        assert_eq!(action('j'), None);
        let up = keymap
            .bindings()
            .iter()
            .find(|b| b.command == Command::Up)
            .unwrap();
        assert_eq!(up.keys_label(), "Up");
        assert_eq!(keymap.key_for(Command::Down), "n");
    }

    #[test]
    fn two_actions_cannot_claim_one_key_and_ctrl_c_still_quits() {
        let error =
            Keymap::with_overrides(&table(&[("down", &["x"]), ("up", &["x"])])).unwrap_err();
        assert!(
            error.contains("`x` is given to both `down` and `up`"),
            "{error}"
        );
        let keymap = Keymap::with_overrides(&table(&[("quit", &["x"])])).unwrap();
        assert_eq!(
            keymap.action_for(Context::Reader, Key::ctrl('c')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn unknown_actions_and_keys_are_named_in_the_error() {
        let unknown_action = Keymap::with_overrides(&table(&[("fly", &["f"])]));
        assert!(unknown_action.unwrap_err().contains("`fly`"));
        let unknown_key = Keymap::with_overrides(&table(&[("quit", &["Meta-q"])]));
        assert!(unknown_key.unwrap_err().contains("`Meta-q`"));
    }
}
