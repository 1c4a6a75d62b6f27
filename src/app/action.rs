//! What the user can ask the reader to do, and what the reader asks the runner to do.

use std::path::PathBuf;

/// One user intent. Keys, mouse events and resizes all become actions, so the reader's
/// behaviour is tested by scripting actions, without a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    /// Focus a grid pane by its 0-based index.
    FocusPane(usize),
    Down,
    Up,
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
    /// `Enter`: follow the selected prior meeting's link to its briefing.
    FollowLink,
    Back,
    ExportPane,
    CopyPane,
    ToggleSummary,
    ShowDiagnostics,
    /// Every summit and prior meeting in date order.
    ShowTimeline,
    /// The selected disagreement followed through every summit that discussed it.
    ShowTrack,
    /// What changed since the previous summit that shares a participant.
    ShowChanges,
    /// Every summit the selected participant attended.
    ShowAttended,
    /// The current summit's sources and what cites each.
    ShowSources,
    /// The sources the selected item cites.
    ShowItemSources,
    /// Close the open overlay (help, summary, diagnostics, finder).
    CloseOverlay,
    FinderInput(char),
    FinderDeleteChar,
    FinderDeleteWord,
    FinderClear,
    FinderAccept,
    Resize {
        width: u16,
        height: u16,
    },
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
    /// The runner reports how an export went: the file written, or why it failed.
    ExportFinished(Result<PathBuf, String>),
}

/// Work that `update` asks the runner to do, because it touches the world outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Write `contents` to `<dir>/<stem>.txt` (or a free `-N` name), then report back.
    Export {
        dir: PathBuf,
        stem: String,
        contents: String,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
}
