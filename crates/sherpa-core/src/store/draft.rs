//! A note being written in the user's editor: a temporary file only its owner can read
//! (notes are private), removed when the draft is dropped.

use std::io::{Read, Seek, Write};
use std::path::Path;

/// The most of a draft read back: far above a long note, far below what would hang the
/// reader if an editor wrote something else into the file.
pub const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

/// A note's text in a temporary file, for an editor to change.
#[derive(Debug)]
pub struct NoteDraft {
    file: tempfile::NamedTempFile,
}

impl NoteDraft {
    /// A draft holding `text`, ending in a newline as editors expect.
    ///
    /// # Errors
    /// Why the temporary file could not be written.
    pub fn create(text: &str) -> Result<Self, String> {
        let mut file = tempfile::Builder::new()
            .prefix("sherpa-note-")
            .suffix(".txt")
            .tempfile()
            .map_err(|error| error.to_string())?;
        if !text.is_empty() {
            writeln!(file, "{text}").map_err(|error| error.to_string())?;
        }
        file.flush().map_err(|error| error.to_string())?;
        Ok(Self { file })
    }

    /// The file to open in the editor.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// What the file holds now (bytes that are not UTF-8 replaced). Read by path: many
    /// editors save by writing a new file and renaming it over the old one.
    ///
    /// # Errors
    /// The file is gone, unreadable or larger than [`MAX_DRAFT_BYTES`].
    pub fn read(&self) -> Result<String, String> {
        let mut file = std::fs::File::open(self.path()).map_err(|error| error.to_string())?;
        file.rewind().map_err(|error| error.to_string())?;
        let mut bytes = Vec::new();
        file.take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| error.to_string())?;
        if bytes.len() as u64 > MAX_DRAFT_BYTES {
            return Err("the note's file is larger than 1 MiB".to_owned());
        }
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
