//! What the reader asks the runner to do, because it touches the world outside the state.

use std::path::PathBuf;

use super::{SearchRequest, SurveyRequest};
use sherpa_core::corpus::ItemPlace;
use sherpa_core::item_key::ItemKey;

/// Where the editor opens a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditAt {
    /// The `[summit]` table.
    Summit,
    /// An item, found by its key in the file as it is when the editor starts: an edit
    /// since the load may have moved it. Where it stood when loaded, if the key is gone.
    Item { key: ItemKey, loaded_at: ItemPlace },
    /// A line already known, such as a problem's (`None`: the top of the file).
    Line(Option<usize>),
}

/// Summits as they were read, to keep as each one's version last read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadVersions(pub Vec<sherpa_core::model::Briefing>);

// A briefing holds text, dates and numbers without a fraction, so equality is total.
impl Eq for ReadVersions {}

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
    /// Open `file` at `place` in the user's editor, wait for it, then report back with
    /// `App::edit_finished` and reload. The runner finds the line (the file may have
    /// changed since it was loaded) and the editor (`$VISUAL`, `$EDITOR`): reading either
    /// here would put I/O inside `update`.
    Edit {
        file: PathBuf,
        at: EditAt,
    },
    /// Open the user's editor on a temporary file holding `text` (the item's note so far),
    /// wait for it, then report the file's text back with `App::note_edited`.
    EditNote {
        anchor: sherpa_core::store::Anchor,
        text: String,
    },
    /// Open an `http(s)` URL with the platform's opener (never through a shell).
    OpenUrl(String),
    /// Save the store (marks, notes, place): the runner re-reads its file, merges and
    /// writes it atomically on a thread of its own, then reports back with
    /// `App::book_saved`.
    SaveBook(sherpa_core::store::Store),
    /// Keep what was read as the reader goes: save `book` (its read entries and place)
    /// as [`Effect::SaveBook`] does, then keep each of `versions` as its summit's version
    /// last read, on a thread of its own and in the order asked, once the frame that
    /// answers the key is drawn. It reports back (with `App::book_saved`) only what the
    /// reader must take in: another reader's marks or notes, removals written, a failure;
    /// a report redraws the screen, which for read times alone would draw nothing new.
    KeepRead {
        book: sherpa_core::store::Store,
        versions: ReadVersions,
    },
    /// Find the finder's passages away from the drawing thread, then report back with
    /// `App::search_finished`.
    Search(SearchRequest),
    /// Work a view over many summits out away from the drawing thread, then report back
    /// with `App::survey_finished`.
    Survey(SurveyRequest),
}
