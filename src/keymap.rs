//! The one table of key bindings. Input lookup, the status-line hints, the help overlay,
//! the man page and `sherpa config --default` all read it, so none of them can drift from
//! what the keys do.
//!
//! Commands are context-free ([`Command`]: `down`, `open`, `close`, `quit`, …); where they
//! are bound is data, in per-context tables, as helix keeps a keymap per mode. `[shared]`
//! holds what every context has; `[reader]`, `[text]`, `[list]` and `[board]` hold each
//! context's own bindings. A context inherits every shared command it does not name itself,
//! with the keys it does not bind itself, so its own table always wins; a list, where plain
//! characters type its filter, inherits no shared binding on a plain character. The default
//! tables are the embedded `keys.toml`, read by the same code as a user's `[keys]` table.
//! Keys are sherpa's own [`Key`] type; the terminal layer converts its events, so the table
//! knows no terminal library.

use std::fmt;
use std::sync::LazyLock;

use strum::{EnumIter, EnumMessage, IntoEnumIterator, IntoStaticStr};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::action::Action;
use crate::grid::GridPane;
use sherpa_core::diagnostics::closest_word;

/// Where a binding applies: the reader itself, a scrolling text view, a list, or the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Reader,
    /// Help, summary, sources, what changed, problems.
    Text,
    /// The finder, timeline, a disagreement's track, summits attended, summits to compare.
    List,
    Board,
}

impl Context {
    /// Every context, in the order help lists them.
    pub const ALL: [Self; 4] = [Self::Reader, Self::List, Self::Text, Self::Board];

    /// The heading help and the man page give the context's keys.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Text => "Text views: help, summary, sources, what changed, problems",
            Self::List => {
                "Lists: finder, timeline, track, summits attended, compare (other keys type a \
                 filter)"
            }
            Self::Board => "The disagreement board",
        }
    }

    /// The name of the context's table in `keys.toml` and under `[keys]`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Reader => "reader",
            Self::Text => "text",
            Self::List => "list",
            Self::Board => "board",
        }
    }

    /// Whether plain characters type text here (a list's filter), so a shared binding on
    /// one would steal a letter from the filter.
    #[must_use]
    pub fn types_text(self) -> bool {
        self == Self::List
    }

    const fn index(self) -> usize {
        match self {
            Self::Reader => 0,
            Self::Text => 1,
            Self::List => 2,
            Self::Board => 3,
        }
    }
}

/// One table of `keys.toml` and `[keys]`: the shared bindings, or one context's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Shared,
    Own(Context),
}

impl Table {
    /// Every table, in the order `keys.toml` and `sherpa config --default` write them.
    pub const ALL: [Self; 5] = [
        Self::Shared,
        Self::Own(Context::Reader),
        Self::Own(Context::Text),
        Self::Own(Context::List),
        Self::Own(Context::Board),
    ];

    /// The table's name: `shared`, `reader`, `text`, `list`, `board`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Own(context) => context.name(),
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|table| table.name() == name)
    }
}

/// Why an entry of `keys.toml` or `[keys]` cannot be used. Each is reported at the entry's
/// place and the entry is skipped, so the other bindings still apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A key name sherpa does not know.
    #[error(
        "unknown key `{text}`; write a character (`j`, `G`, `?`), a name (Enter, Esc, Tab, \
         Shift-Tab, Backspace, Space, Up, Down, Left, Right, PageUp, PageDown, Home, End, \
         F1–F12), or Ctrl-/Alt- and a key"
    )]
    UnknownKey { text: String },
    /// A binding's value is neither a key nor a list of keys.
    #[error("`{command}` needs a key or a list of keys, such as \"j\" or [\"j\", \"Down\"]")]
    NotKeys { command: String },
    /// A row names no command.
    #[error(
        "unknown command `{name}` in [{table}]; {}`sherpa config --default` lists them",
        did_you_mean(*near)
    )]
    UnknownCommand {
        table: String,
        name: String,
        near: Option<&'static str>,
    },
    /// A table names no context.
    #[error(
        "unknown key table [{name}]; {}the tables are shared, reader, text, list and board",
        did_you_mean(*near)
    )]
    UnknownTable {
        name: String,
        near: Option<&'static str>,
    },
    /// A context's name holds something other than a table of bindings.
    #[error("[{name}] must be a table of `command = keys` rows")]
    NotATable { name: String },
    /// One table gives a key to two commands.
    #[error("`{key}` is given to both `{first}` and `{second}` in [{table}]")]
    Conflict {
        table: String,
        key: String,
        first: &'static str,
        second: &'static str,
    },
    /// A binding written directly under `[keys]`, as before keys had contexts. It is not
    /// guessed into a context: the old names (`overlay-down`, `finder-accept`) no longer
    /// exist, and a guess would bind keys where the user never asked.
    #[error(
        "`{name} = …` directly under [keys] is the old form, which sherpa no longer reads; \
         bindings now sit in a table per context: write it under [keys.reader] (or \
         [keys.shared] for every context, [keys.text], [keys.list], [keys.board])"
    )]
    FlatEntry { name: String },
}

fn did_you_mean(near: Option<&str>) -> String {
    near.map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default()
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

    /// Whether the key types a character (no Ctrl or Alt), as a list's filter takes it.
    #[must_use]
    pub const fn types_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// Reads a key as the config writes it: `j`, `G`, `?`, `Ctrl-d`, `Alt-x`, `Shift-Tab`,
    /// `PageDown`, `F5`. Names are case-insensitive; single characters are not.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
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
                .ok_or_else(|| KeyError::UnknownKey {
                    text: text.to_owned(),
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
        }
        if self.alt {
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

/// A command a key can be bound to, in any context. The variant's kebab-case name is its
/// name in `keys.toml` and `[keys]`; its doc comment is the description help and the man
/// page show. The order is help's order within each context and the status line's order.
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
    /// Next summit by date
    NextSummit,
    /// Previous summit by date
    PrevSummit,
    /// Find a summit or text in every briefing
    Find,
    /// Go to a summit by id or title
    GoTo,
    /// Narrow the reader to a tag or participant
    Narrow,
    /// Show every summit again after narrowing
    ClearNarrowing,
    /// Next match of the search
    NextMatch,
    /// Previous match of the search
    PrevMatch,
    /// Clear the search and its highlights
    ClearSearch,
    /// Open what is selected: a meeting's linked briefing, a summit, a source's URL
    Open,
    /// Close the view
    Close,
    /// Next item, line or cell
    Down,
    /// Previous item, line or cell
    Up,
    /// Cell to the left; the timeline chart's previous year
    Left,
    /// Cell to the right; the timeline chart's next year
    Right,
    /// Half a page down
    HalfPageDown,
    /// Half a page up
    HalfPageUp,
    /// Page down
    PageDown,
    /// Page up
    PageUp,
    /// First item or line
    Top,
    /// Last item or line
    Bottom,
    /// Zoom the pane to full screen and back
    Zoom,
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
    /// Edit the selected item's briefing in $VISUAL / $EDITOR
    Edit,
    /// Copy the selected item's text (OSC 52)
    CopyItem,
    /// Copy the whole pane's text (OSC 52)
    Copy,
    /// Select the next source's link to open or copy
    NextSource,
    /// Select the previous source's link
    PrevSource,
    /// List problems in the briefing files
    Problems,
    /// Mark the selected item, or remove its mark
    Mark,
    /// List your marks across the briefings
    Marks,
    /// Write a note on the selected item
    Note,
    /// Write a longer note in $VISUAL / $EDITOR
    LongNote,
    /// List your notes across the briefings
    Notes,
    /// What changed since you last read this summit
    SinceRead,
    /// Mark every summit read
    MarkAllRead,
    /// Delete a character of the filter
    DeleteChar,
    /// Delete the filter's last word
    DeleteWord,
    /// Clear the filter
    ClearQuery,
}

impl Command {
    /// The name used in `keys.toml` and `[keys]`, e.g. `next-pane`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What help and the man page say the command does.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.get_documentation().unwrap_or_default()
    }

    /// What the command does in a context, as help and the man page list it: where the
    /// context-free description would be vague, the context says it in its own words.
    #[must_use]
    pub fn description_in(self, context: Context) -> &'static str {
        use Context::{Board, List, Reader, Text};
        match (context, self) {
            (Reader, Self::Open) => "Open the linked briefing of a prior meeting",
            (Text, Self::Open) => "Open the selected (else the top) source's URL or problem's file",
            (List, Self::Open) => "Jump to the selected summit",
            (Board, Self::Open) => "Open the summit at the disagreement under the cursor",
            (Text, Self::CopyItem) => "Copy the selected (else the top) source's URL",
            (List, Self::Close) => "Cancel",
            (Board, Self::Close) => "Close the board",
            (Reader, Self::Down) => "Next item (scrolls through long items)",
            (Reader, Self::Up) => "Previous item",
            (Reader, Self::Top) => "First item",
            (Reader, Self::Bottom) => "Last item",
            (Text, Self::Down) => "Scroll down",
            (Text, Self::Up) => "Scroll up",
            (Text, Self::Top) => "Top",
            (Text, Self::Bottom) => "Bottom",
            (List, Self::Down) => "Next match",
            (List, Self::Up) => "Previous match",
            (List, Self::Top) => "First match",
            (List, Self::Bottom) => "Last match",
            (List, Self::PageDown) => "A screen of matches down",
            (List, Self::PageUp) => "A screen of matches up",
            (List, Self::Left) => {
                "Previous year in the timeline's chart (from the first: all years)"
            }
            (List, Self::Right) => "Next year in the timeline's chart (from the last: all years)",
            (Board, Self::Down) => "Cell below",
            (Board, Self::Up) => "Cell above",
            (Board, Self::Top) => "First row",
            (Board, Self::Bottom) => "Last row",
            (Board, Self::PageDown) => "A screen of rows down",
            (Board, Self::PageUp) => "A screen of rows up",
            (Board, Self::Left) => "Cell to the left",
            (Board, Self::Right) => "Cell to the right",
            _ => self.description(),
        }
    }

    /// What the command asks the app to do; the app's update for the open context says
    /// what that means there (`open` follows a link in the reader, jumps in a list).
    #[must_use]
    pub const fn action(self) -> Action {
        use Action as A;
        match self {
            Self::Quit => A::Quit,
            Self::Help => A::ToggleHelp,
            Self::NextPane => A::NextPane,
            Self::PrevPane => A::PrevPane,
            Self::Pane1 => A::FocusPane(GridPane::Participants),
            Self::Pane2 => A::FocusPane(GridPane::Meetings),
            Self::Pane3 => A::FocusPane(GridPane::Goals),
            Self::Pane4 => A::FocusPane(GridPane::Disagreements),
            Self::NextSummit => A::NextSummit,
            Self::PrevSummit => A::PrevSummit,
            Self::Find => A::OpenFinder,
            Self::GoTo => A::GoToSummit,
            Self::Narrow => A::Narrow,
            Self::ClearNarrowing => A::ClearNarrowing,
            Self::NextMatch => A::NextMatch,
            Self::PrevMatch => A::PrevMatch,
            Self::ClearSearch => A::ClearSearch,
            Self::Open => A::Open,
            Self::Close => A::Close,
            Self::NextSource => A::NextSource,
            Self::PrevSource => A::PrevSource,
            Self::Down => A::Down,
            Self::Up => A::Up,
            Self::Left => A::Left,
            Self::Right => A::Right,
            Self::HalfPageDown => A::HalfPageDown,
            Self::HalfPageUp => A::HalfPageUp,
            Self::PageDown => A::PageDown,
            Self::PageUp => A::PageUp,
            Self::Top => A::Top,
            Self::Bottom => A::Bottom,
            Self::Zoom => A::ToggleZoom,
            Self::Back => A::Back,
            Self::Summary => A::ToggleSummary,
            Self::Sources => A::ShowSources,
            Self::ItemSources => A::ShowItemSources,
            Self::Timeline => A::ShowTimeline,
            Self::Track => A::ShowTrack,
            Self::Changes => A::ShowChanges,
            Self::Board => A::ShowBoard,
            Self::Attended => A::ShowAttended,
            Self::Export => A::ExportPane,
            Self::Edit => A::EditBriefing,
            Self::CopyItem => A::CopyItem,
            Self::Copy => A::CopyPane,
            Self::Problems => A::ShowDiagnostics,
            Self::Mark => A::ToggleMark,
            Self::Marks => A::ShowMarks,
            Self::Note => A::WriteNote,
            Self::LongNote => A::WriteLongNote,
            Self::Notes => A::ShowNotes,
            Self::SinceRead => A::ShowSinceRead,
            Self::MarkAllRead => A::MarkAllRead,
            Self::DeleteChar => A::FinderDeleteChar,
            Self::DeleteWord => A::FinderDeleteWord,
            Self::ClearQuery => A::FinderClear,
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::iter().find(|command| command.name() == name)
    }
}

/// A command and the keys that perform it.
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

/// One table as written: the commands it names with their keys, in [`Command`] order. A
/// command named with no keys is unbound there, and so not inherited from `[shared]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Layer(Vec<Binding>);

impl Layer {
    fn get(&self, command: Command) -> Option<&Binding> {
        self.0.iter().find(|b| b.command == command)
    }

    fn binds(&self, key: Key) -> bool {
        self.0.iter().any(|b| b.keys.contains(&key))
    }

    /// Gives `command` exactly `keys`, taking them from any other command of this table,
    /// so the latest choice wins and no key does two things.
    fn set(&mut self, command: Command, keys: Vec<Key>) {
        for other in &mut self.0 {
            other.keys.retain(|k| !keys.contains(k));
        }
        if let Some(binding) = self.0.iter_mut().find(|b| b.command == command) {
            binding.keys = keys;
            return;
        }
        let at = self
            .0
            .iter()
            .position(|b| b.command as usize > command as usize)
            .unwrap_or(self.0.len());
        self.0.insert(at, Binding { command, keys });
    }
}

/// The defaults, embedded so the binary needs no file beside it.
const DEFAULT_KEYS: &str = include_str!("keys.toml");

/// The default table, read from `keys.toml` once. A broken `keys.toml` is a bug in sherpa
/// caught by the tests, so what it would leave out is never seen by a user.
static DEFAULT_KEYMAP: LazyLock<Keymap> = LazyLock::new(|| {
    let mut keymap = Keymap::empty();
    if let Ok(document) = DeTable::parse(DEFAULT_KEYS) {
        keymap.apply(document.get_ref(), "");
    }
    keymap
});

/// The effective key table: the tables as written, and what each context ends up with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    shared: Layer,
    /// Each context's own table, by [`Context::index`].
    own: [Layer; 4],
    /// Each context's bindings after inheriting from `shared`, by [`Context::index`],
    /// resolved whenever a table changes so lookups only read.
    effective: [Vec<Binding>; 4],
}

impl Default for Keymap {
    fn default() -> Self {
        DEFAULT_KEYMAP.clone()
    }
}

impl Keymap {
    fn empty() -> Self {
        Self {
            shared: Layer::default(),
            own: Default::default(),
            effective: Default::default(),
        }
    }

    /// Applies tables written as `keys.toml` writes them (`[shared]`, `[reader]`, …):
    /// `document` is `keys.toml` itself or the value of a config's `[keys]`, whose tables
    /// are named after `prefix` (`keys.`) in messages. A command named gets exactly the
    /// keys given in that table. An entry that cannot be used is skipped and returned with
    /// its place; the rest apply.
    pub fn apply(&mut self, document: &DeTable<'_>, prefix: &str) -> Vec<Spanned<KeyError>> {
        let mut problems = Vec::new();
        for (name, value) in in_file_order(document) {
            let full_name = format!("{prefix}{}", name.get_ref());
            match (Table::from_name(name.get_ref()), value.get_ref()) {
                (Some(table), DeValue::Table(rows)) => {
                    self.apply_table(table, rows, &full_name, &mut problems);
                }
                (_, DeValue::String(_) | DeValue::Array(_)) => problems.push(at(
                    name,
                    KeyError::FlatEntry {
                        name: name.get_ref().to_string(),
                    },
                )),
                (None, _) => {
                    let names = Table::ALL.map(Table::name);
                    problems.push(at(
                        name,
                        KeyError::UnknownTable {
                            near: closest_word(name.get_ref(), names),
                            name: full_name,
                        },
                    ));
                }
                (Some(_), _) => problems.push(at(value, KeyError::NotATable { name: full_name })),
            }
        }
        self.resolve();
        problems
    }

    fn apply_table(
        &mut self,
        table: Table,
        rows: &DeTable<'_>,
        table_name: &str,
        problems: &mut Vec<Spanned<KeyError>>,
    ) {
        // Which command each key was given to in this table, so two cannot both claim one.
        let mut claimed: Vec<(Key, Command)> = Vec::new();
        for (name, value) in in_file_order(rows) {
            let Some(command) = Command::from_name(name.get_ref()) else {
                problems.push(at(
                    name,
                    KeyError::UnknownCommand {
                        table: table_name.to_owned(),
                        name: name.get_ref().to_string(),
                        near: closest_word(name.get_ref(), Command::iter().map(Command::name)),
                    },
                ));
                continue;
            };
            let keys = match keys_of(command, value) {
                Ok(keys) => keys,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let taken = keys.iter().find_map(|key| {
                let (_, first) = claimed.iter().find(|(k, c)| k == key && *c != command)?;
                Some((*key, *first))
            });
            if let Some((key, first)) = taken {
                problems.push(at(
                    value,
                    KeyError::Conflict {
                        table: table_name.to_owned(),
                        key: key.to_string(),
                        first: first.name(),
                        second: command.name(),
                    },
                ));
                continue;
            }
            claimed.extend(keys.iter().map(|key| (*key, command)));
            let layer = match table {
                Table::Shared => &mut self.shared,
                Table::Own(context) => &mut self.own[context.index()],
            };
            layer.set(command, keys);
        }
    }

    /// Works out each context's bindings from its own table and the shared one.
    fn resolve(&mut self) {
        for context in Context::ALL {
            let own = &self.own[context.index()];
            // A shared key the context binds itself, or a character its filter types.
            let shadowed =
                |key: &&Key| own.binds(**key) || (context.types_text() && key.types_text());
            self.effective[context.index()] = Command::iter()
                .filter_map(|command| {
                    let keys = if let Some(binding) = own.get(command) {
                        binding.keys.clone()
                    } else {
                        let shared = self.shared.get(command)?;
                        let inherited = shared.keys.iter().filter(|k| !shadowed(k));
                        inherited.copied().collect()
                    };
                    (!keys.is_empty()).then_some(Binding { command, keys })
                })
                .collect();
        }
    }

    /// A table as written (before inheritance), for `sherpa config --default`.
    #[must_use]
    pub fn table(&self, table: Table) -> &[Binding] {
        match table {
            Table::Shared => &self.shared.0,
            Table::Own(context) => &self.own[context.index()].0,
        }
    }

    /// Every context's bindings, context by context in help order.
    pub fn bindings(&self) -> impl Iterator<Item = &Binding> {
        Context::ALL
            .into_iter()
            .flat_map(|context| self.bindings_in(context))
    }

    /// The bindings a context ends up with, its own and those it inherits, in help order.
    #[must_use]
    pub fn bindings_in(&self, context: Context) -> &[Binding] {
        &self.effective[context.index()]
    }

    /// The first key of a command in a context, for messages that name a key, so they
    /// stay true after remapping.
    #[must_use]
    pub fn key_in(&self, context: Context, command: Command) -> String {
        self.bindings_in(context)
            .iter()
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map_or_else(
                || format!("(no key for {})", command.name()),
                Key::to_string,
            )
    }

    /// The reader's first key for a command: the reader's messages name these.
    #[must_use]
    pub fn key_for(&self, command: Command) -> String {
        self.key_in(Context::Reader, command)
    }

    /// The command bound to a key in a context.
    #[must_use]
    pub fn command_for(&self, context: Context, key: Key) -> Option<Command> {
        self.bindings_in(context)
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.command)
    }

    /// The action a key performs in a context. In a list, unbound printable keys type.
    #[must_use]
    pub fn action_for(&self, context: Context, key: Key) -> Option<Action> {
        match self.command_for(context, key) {
            Some(command) => Some(command.action()),
            // Ctrl-c always quits unless the user gave it another job: a terminal program
            // must never trap it.
            None if key == Key::ctrl('c') => Some(Action::Quit),
            None => match key.code {
                KeyCode::Char(c) if context.types_text() && key.types_text() => {
                    Some(Action::FinderInput(c))
                }
                _ => None,
            },
        }
    }
}

/// A table's entries in the order the file writes them, so the first of two conflicting
/// entries keeps its key and the second is the one reported.
fn in_file_order<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    entries
}

/// A problem at the place of `what`.
fn at<T>(what: &Spanned<T>, problem: KeyError) -> Spanned<KeyError> {
    Spanned::new(what.span(), problem)
}

/// The keys a binding gives: one key or a list; a bad one is reported at its own place.
fn keys_of(command: Command, value: &Spanned<DeValue<'_>>) -> Result<Vec<Key>, Spanned<KeyError>> {
    let parse = |text: &Spanned<DeValue<'_>>| match text.get_ref() {
        DeValue::String(text_value) => Key::parse(text_value).map_err(|e| at(text, e)),
        _ => Err(at(
            text,
            KeyError::NotKeys {
                command: command.name().to_owned(),
            },
        )),
    };
    match value.get_ref() {
        DeValue::Array(keys) => keys.iter().map(parse).collect(),
        _ => parse(value).map(|key| vec![key]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Keymap {
        Keymap::default()
    }

    /// The keymap after applying `text`, a `[keys]` table's content, to the defaults, and
    /// the problems found, each with the line and column it is reported at.
    fn with_config(text: &str) -> (Keymap, Vec<(KeyError, usize, usize)>) {
        let document = DeTable::parse(text).unwrap();
        let mut keymap = defaults();
        let problems = keymap
            .apply(document.get_ref(), "keys.")
            .into_iter()
            .map(|problem| {
                let start = problem.span().start;
                let line = text[..start].matches('\n').count() + 1;
                let column = text[..start]
                    .rsplit('\n')
                    .next()
                    .map_or(0, |l| l.chars().count())
                    + 1;
                (problem.into_inner(), line, column)
            })
            .collect();
        (keymap, problems)
    }

    fn action(keymap: &Keymap, context: Context, key: Key) -> Option<Action> {
        keymap.action_for(context, key)
    }

    #[test]
    fn keys_toml_parses_without_a_problem_and_binds_every_command_somewhere() {
        let document = DeTable::parse(DEFAULT_KEYS).unwrap();
        let mut keymap = Keymap::empty();
        assert_eq!(keymap.apply(document.get_ref(), ""), Vec::new());
        assert_eq!(keymap, defaults());
        for command in Command::iter() {
            assert!(
                !command.description().is_empty(),
                "{} has no description",
                command.name()
            );
            assert!(
                defaults().bindings().any(|b| b.command == command),
                "{} has no key in any context",
                command.name()
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let keymap = defaults();
        for context in Context::ALL {
            let mut seen = Vec::new();
            for binding in keymap.bindings_in(context) {
                assert!(
                    !binding.keys.is_empty(),
                    "{:?} listed unbound",
                    binding.command
                );
                for key in &binding.keys {
                    assert!(!seen.contains(key), "{key} bound twice in {context:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn command_names_are_unique_and_context_free() {
        let names: Vec<&str> = Command::iter().map(Command::name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[i + 1..].contains(name), "{name} named twice");
        }
        assert!(names.contains(&"pane-1") && names.contains(&"page-down"));
        for context in ["reader", "overlay", "finder", "board", "list", "text"] {
            assert!(
                !names.iter().any(|n| n.starts_with(&format!("{context}-"))),
                "a command named after a context"
            );
        }
    }

    #[test]
    fn contexts_inherit_shared_bindings_they_do_not_override() {
        let keymap = defaults();
        // `j` is shared: it moves down in the reader, a text view and the board.
        for context in [Context::Reader, Context::Text, Context::Board] {
            assert_eq!(action(&keymap, context, Key::char('j')), Some(Action::Down));
        }
        // A list types `j` into its filter, but inherits the arrow.
        assert_eq!(
            action(&keymap, Context::List, Key::char('j')),
            Some(Action::FinderInput('j'))
        );
        assert_eq!(
            action(&keymap, Context::List, Key::plain(KeyCode::Down)),
            Some(Action::Down)
        );
        // Shared `close` is Esc and q; the reader gives both keys other jobs.
        assert_eq!(
            action(&keymap, Context::Text, Key::char('q')),
            Some(Action::Close)
        );
        assert_eq!(
            action(&keymap, Context::Reader, Key::char('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            action(&keymap, Context::Reader, Key::plain(KeyCode::Esc)),
            Some(Action::ClearSearch)
        );
        assert_eq!(
            action(&keymap, Context::List, Key::plain(KeyCode::Esc)),
            Some(Action::Close)
        );
        // One command, `open`, in every context.
        for context in Context::ALL {
            let key = if context == Context::Text {
                Key::char('o')
            } else {
                Key::plain(KeyCode::Enter)
            };
            assert_eq!(action(&keymap, context, key), Some(Action::Open));
        }
    }

    #[test]
    fn a_shared_remapping_reaches_every_context_that_inherits_it() {
        let (keymap, problems) = with_config("[shared]\ndown = [\"e\", \"Down\"]\n");
        assert_eq!(problems, Vec::new());
        // The board and text views inherit the new key; j no longer moves there.
        assert_eq!(
            action(&keymap, Context::Board, Key::char('e')),
            Some(Action::Down)
        );
        assert_eq!(
            action(&keymap, Context::Text, Key::char('e')),
            Some(Action::Down)
        );
        assert_eq!(action(&keymap, Context::Board, Key::char('j')), None);
        assert_eq!(action(&keymap, Context::Reader, Key::char('j')), None);
        // The reader binds `e` itself (export): its own table wins.
        assert_eq!(
            action(&keymap, Context::Reader, Key::char('e')),
            Some(Action::ExportPane)
        );
        // The list names `down` itself, so it keeps its own keys.
        assert_eq!(
            action(&keymap, Context::List, Key::ctrl('n')),
            Some(Action::Down)
        );
    }

    #[test]
    fn a_context_override_replaces_the_shared_binding_only_there() {
        let (keymap, problems) = with_config("[board]\ndown = \"s\"\n");
        assert_eq!(problems, Vec::new());
        assert_eq!(
            action(&keymap, Context::Board, Key::char('s')),
            Some(Action::Down)
        );
        assert_eq!(action(&keymap, Context::Board, Key::char('j')), None);
        assert_eq!(
            action(&keymap, Context::Text, Key::char('j')),
            Some(Action::Down)
        );
        // An empty list unbinds the command in that context, shared keys and all.
        let (keymap, _) = with_config("[text]\ntop = []\n");
        assert_eq!(action(&keymap, Context::Text, Key::char('g')), None);
        assert_eq!(
            action(&keymap, Context::Reader, Key::char('g')),
            Some(Action::Top)
        );
    }

    #[test]
    fn a_remapped_key_moves_to_its_new_command() {
        let (keymap, problems) = with_config("[reader]\ndown = [\"n\", \"k\"]\n");
        assert_eq!(problems, Vec::new());
        let reader = |c| keymap.action_for(Context::Reader, Key::char(c));
        assert_eq!(reader('n'), Some(Action::Down));
        assert_eq!(reader('k'), Some(Action::Down));
        assert_eq!(reader('j'), None);
        let up = keymap
            .bindings_in(Context::Reader)
            .iter()
            .find(|b| b.command == Command::Up)
            .unwrap();
        assert_eq!(up.keys_label(), "Up");
        assert_eq!(keymap.key_for(Command::Down), "n");
        assert_eq!(keymap.key_for(Command::PrevMatch), "N");
        assert!(
            !keymap
                .bindings_in(Context::Reader)
                .iter()
                .any(|b| b.command == Command::NextMatch),
            "next-match lost its only key"
        );
    }

    #[test]
    fn two_commands_cannot_claim_one_key_and_the_conflict_has_its_place() {
        let (keymap, problems) =
            with_config("[reader]\ndown = \"x\"\n\n[board]\nup = \"x\"\nleft = [\"h\", \"x\"]\n");
        assert_eq!(
            problems,
            vec![(
                KeyError::Conflict {
                    table: "keys.board".to_owned(),
                    key: "x".to_owned(),
                    first: "up",
                    second: "left",
                },
                6,
                8
            )]
        );
        // The first claim stands; the conflicting entry keeps its default.
        assert_eq!(
            action(&keymap, Context::Board, Key::char('x')),
            Some(Action::Up)
        );
        assert_eq!(
            action(&keymap, Context::Board, Key::char('l')),
            Some(Action::Right)
        );
        assert_eq!(
            action(&keymap, Context::Board, Key::char('h')),
            Some(Action::Left)
        );
        // The same key in two contexts is no conflict.
        assert_eq!(
            action(&keymap, Context::Reader, Key::char('x')),
            Some(Action::Down)
        );
        // Ctrl-c still quits wherever nothing else took it.
        let (keymap, _) = with_config("[reader]\nquit = \"x\"\n");
        assert_eq!(
            keymap.action_for(Context::Reader, Key::ctrl('c')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn unknown_commands_tables_and_keys_are_reported_where_written_and_skipped() {
        let text = "[reader]\nquit = \"x\"\nnext-sumit = \"j\"\n\n[lists]\ndown = \"n\"\n\n[board]\nopen = \"Ctrl-qq\"\n";
        let (keymap, problems) = with_config(text);
        assert_eq!(
            problems,
            vec![
                (
                    KeyError::UnknownCommand {
                        table: "keys.reader".to_owned(),
                        name: "next-sumit".to_owned(),
                        near: Some("next-summit"),
                    },
                    3,
                    1
                ),
                (
                    KeyError::UnknownTable {
                        name: "keys.lists".to_owned(),
                        near: Some("list"),
                    },
                    5,
                    2
                ),
                (
                    KeyError::UnknownKey {
                        text: "Ctrl-qq".to_owned()
                    },
                    9,
                    8
                ),
            ]
        );
        // The good entry applies; the bad ones leave the defaults.
        assert_eq!(keymap.key_for(Command::Quit), "x");
        assert_eq!(keymap.key_for(Command::NextSummit), "]");
        assert_eq!(keymap.key_in(Context::Board, Command::Open), "Enter");
    }

    #[test]
    fn an_old_flat_entry_is_named_with_the_new_form_and_not_guessed() {
        let (keymap, problems) = with_config("down = \"n\"\n[reader]\nup = [\"i\", 3]\n");
        let messages: Vec<String> = problems.iter().map(|(p, ..)| p.to_string()).collect();
        assert_eq!(
            problems[0].0,
            KeyError::FlatEntry {
                name: "down".to_owned()
            }
        );
        assert_eq!((problems[0].1, problems[0].2), (1, 1));
        assert!(messages[0].contains("[keys.reader]"), "{}", messages[0]);
        assert_eq!(
            (&problems[1].0, problems[1].1, problems[1].2),
            (
                &KeyError::NotKeys {
                    command: "up".to_owned()
                },
                3,
                12
            )
        );
        assert_eq!(keymap, defaults());
    }

    #[test]
    fn lists_type_unbound_characters_and_move_with_home_and_end() {
        assert_eq!(
            defaults().action_for(Context::List, Key::char('q')),
            Some(Action::FinderInput('q'))
        );
        assert_eq!(
            defaults().action_for(Context::List, Key::ctrl('c')),
            Some(Action::Quit)
        );
        assert_eq!(
            defaults().action_for(Context::List, Key::plain(KeyCode::Home)),
            Some(Action::Top)
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
        // Both modifiers are written, so a help row or message names the key pressed.
        let both = Key::parse("Ctrl-Alt-x").unwrap();
        assert_eq!(both.to_string(), "Ctrl-Alt-x");
        assert_eq!(Key::parse(&both.to_string()), Ok(both));
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("").is_err());
    }
}
