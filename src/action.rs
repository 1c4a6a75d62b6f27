//! What the user can ask the reader to do. Below both the key table, which maps keys to
//! actions, and the app, which performs them, so neither imports the other's types.

use crate::grid::GridPane;

/// One user intent. Keys and mouse events become actions, so the reader's behaviour is
/// tested by scripting actions, without a terminal. What the runner reports back (a new
/// size, a finished export, a loaded corpus) are calls on the app, not actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    /// Focus a grid pane (the keys `1`–`4`).
    FocusPane(GridPane),
    Down,
    Up,
    /// A column to the left (the board's cursor, the timeline chart's year).
    Left,
    /// A column to the right.
    Right,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    ToggleZoom,
    NextSummit,
    PrevSummit,
    OpenFinder,
    Back,
    ExportPane,
    /// Open the briefing's file in the user's editor at the selected item.
    EditBriefing,
    CopyPane,
    /// Copy the selected item's text.
    CopyItem,
    ToggleSummary,
    ShowDiagnostics,
    /// Every summit and prior meeting in date order.
    ShowTimeline,
    /// The selected disagreement followed through every summit that discussed it.
    ShowTrack,
    /// A list of summits to compare this one with, then what changed between them.
    ShowChanges,
    /// Every tracked disagreement against every summit that discusses one.
    ShowBoard,
    /// Every summit the selected participant attended.
    ShowAttended,
    /// The current summit's sources and what cites each.
    ShowSources,
    /// The sources the selected item cites.
    ShowItemSources,
    /// The next passage of the active search, in corpus order.
    NextMatch,
    /// The previous passage of the active search.
    PrevMatch,
    /// End the active search and its highlights.
    ClearSearch,
    /// Open what is selected; what that is depends on the view: the selected prior
    /// meeting's linked briefing in the reader, the URL of the source at the top of a
    /// sources view, the selected summit or passage of a list, the board cell's summit.
    Open,
    /// In a sources view, select the next source: the one whose link `Open` and
    /// `CopyItem` then act on.
    NextSource,
    /// In a sources view, select the previous source.
    PrevSource,
    /// Mark the selected item, or remove its mark.
    ToggleMark,
    /// Every mark across the corpus; `Enter` goes to the item.
    ShowMarks,
    /// A list of the summits by id and title; `Enter` goes to the selected one.
    GoToSummit,
    /// A list of tags and participants; `Enter` narrows the reader to the selected one.
    Narrow,
    /// Read every summit again after narrowing.
    ClearNarrowing,
    /// Write a one-line note on the selected item (an input line at the bottom).
    WriteNote,
    /// Write a longer note on the selected item in the user's editor.
    WriteLongNote,
    /// Every note across the corpus; `Enter` goes to the item.
    ShowNotes,
    /// What changed in this summit since you last read it.
    ShowSinceRead,
    /// Mark every summit read: none is shown as updated any more.
    MarkAllRead,
    /// Close the open view (help, summary, diagnostics, a list, the board).
    Close,
    FinderInput(char),
    FinderDeleteChar,
    FinderDeleteWord,
    FinderClear,
    /// A mouse click at a screen cell: focuses the pane or tab under it.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell: scrolls the pane under it by `lines`.
    Wheel {
        column: u16,
        row: u16,
        lines: isize,
    },
}
