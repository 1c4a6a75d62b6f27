//! The documents an editor has open and the folders they belong to: each folder's
//! briefings are kept parsed ([`LiveCorpus`]), an open document's text overriding the file
//! on disk, so a change is re-checked against the whole folder at the cost of one file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;
use sherpa_core::corpus::{Corpus, LiveCorpus, MAX_FILE_BYTES};
use sherpa_core::model::Briefing;

/// One open document.
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    /// The file it is (for a `file:` URI), else a name made of its URI.
    pub path: PathBuf,
    /// The folder it is checked against (`None` for a document that is no file).
    pub folder: Option<PathBuf>,
    /// The `[[sources]]` ids and titles of the last version that loaded: what `sources =
    /// [...]` completes while the text being typed does not parse.
    pub sources: Vec<(String, Option<String>)>,
}

/// A folder's kept parses and the corpus they make now.
struct Folder {
    live: LiveCorpus,
    corpus: Corpus,
}

/// Every open document and the folders they are in.
#[derive(Default)]
pub struct Workspace {
    documents: HashMap<String, Document>,
    folders: HashMap<PathBuf, Folder>,
    /// The corpus of a document that is no file: itself alone.
    loose: HashMap<String, Corpus>,
}

impl Workspace {
    /// Opens (or replaces) a document, loading its folder the first time one of its files
    /// is opened. Returns the URIs whose diagnostics may have changed.
    pub fn open(&mut self, uri: Uri, text: String, version: i32) -> Vec<Uri> {
        let path = path_of(&uri).unwrap_or_else(|| PathBuf::from(uri.as_str()));
        let folder = path_of(&uri).and_then(|path| path.parent().map(Path::to_path_buf));
        if let Some(folder) = &folder
            && !self.folders.contains_key(folder)
        {
            let live = LiveCorpus::load(folder);
            self.folders.insert(
                folder.clone(),
                Folder {
                    corpus: Corpus::default(),
                    live,
                },
            );
        }
        let key = uri.as_str().to_owned();
        self.documents.insert(
            key.clone(),
            Document {
                uri,
                text,
                version,
                path,
                folder,
                sources: Vec::new(),
            },
        );
        self.changed(&key)
    }

    /// Replaces an open document's text.
    pub fn change(&mut self, uri: &Uri, text: String, version: i32) -> Vec<Uri> {
        let Some(document) = self.documents.get_mut(uri.as_str()) else {
            return Vec::new();
        };
        document.text = text;
        document.version = version;
        self.changed(uri.as_str())
    }

    /// Closes a document: its folder sees the file on disk again, and a folder with no
    /// open document left is forgotten.
    pub fn close(&mut self, uri: &Uri) -> Vec<Uri> {
        let Some(document) = self.documents.remove(uri.as_str()) else {
            return Vec::new();
        };
        self.loose.remove(uri.as_str());
        let Some(folder) = document.folder else {
            return Vec::new();
        };
        if self.open_in(&folder).next().is_none() {
            self.folders.remove(&folder);
            return Vec::new();
        }
        if let Some(kept) = self.folders.get_mut(&folder) {
            kept.live.reread(&document.path);
        }
        self.reassemble(&folder)
    }

    /// Files written, created or removed outside the editor: each folder holding one reads
    /// it again, unless the editor has it open (its text wins).
    pub fn files_changed(&mut self, uris: &[Uri]) -> Vec<Uri> {
        let mut touched = Vec::new();
        for path in uris.iter().filter_map(path_of) {
            if self.documents.values().any(|d| d.path == path) {
                continue;
            }
            for (folder, kept) in &mut self.folders {
                if path.starts_with(folder) && path.extension().is_some_and(|e| e == "toml") {
                    kept.live.reread(&path);
                    if !touched.contains(folder) {
                        touched.push(folder.clone());
                    }
                }
            }
        }
        touched
            .iter()
            .flat_map(|folder| self.reassemble(folder))
            .collect()
    }

    #[must_use]
    pub fn document(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri.as_str())
    }

    /// The corpus an open document is checked against.
    #[must_use]
    pub fn corpus_of(&self, document: &Document) -> Option<&Corpus> {
        match &document.folder {
            Some(folder) => self.folders.get(folder).map(|f| &f.corpus),
            None => self.loose.get(document.uri.as_str()),
        }
    }

    /// The URI to show a file by: an open document's own, else its `file:` URI.
    #[must_use]
    pub fn uri_for(&self, path: &Path) -> Option<Uri> {
        match self.documents.values().find(|d| d.path == path) {
            Some(document) => Some(document.uri.clone()),
            None => uri_of(path),
        }
    }

    /// A briefing file's text: the editor's when it is open, else the file's (when it is no
    /// larger than the loader reads).
    #[must_use]
    pub fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(document) = self.documents.values().find(|d| d.path == path) {
            return Some(document.text.clone());
        }
        let size = std::fs::metadata(path).ok()?.len();
        (size <= MAX_FILE_BYTES)
            .then(|| std::fs::read_to_string(path).ok())
            .flatten()
    }

    fn open_in<'a>(&'a self, folder: &'a Path) -> impl Iterator<Item = &'a Document> {
        self.documents
            .values()
            .filter(move |d| d.folder.as_deref() == Some(folder))
    }

    /// Re-checks after `key`'s text changed.
    fn changed(&mut self, key: &str) -> Vec<Uri> {
        let Some(document) = self.documents.get(key) else {
            return Vec::new();
        };
        if let Some(folder) = document.folder.clone() {
            if let Some(kept) = self.folders.get_mut(&folder) {
                kept.live.set_text(&document.path, &document.text);
            }
            return self.reassemble(&folder);
        }
        let corpus = Corpus::from_sources([(document.uri.as_str(), document.text.as_str())]);
        let uri = document.uri.clone();
        self.loose.insert(key.to_owned(), corpus);
        self.remember_sources(key);
        vec![uri]
    }

    /// Assembles `folder`'s corpus again; returns its open documents' URIs.
    fn reassemble(&mut self, folder: &Path) -> Vec<Uri> {
        let Some(kept) = self.folders.get_mut(folder) else {
            return Vec::new();
        };
        kept.corpus = kept.live.corpus();
        let keys: Vec<String> = self
            .open_in(folder)
            .map(|d| d.uri.as_str().to_owned())
            .collect();
        for key in &keys {
            self.remember_sources(key);
        }
        keys.iter()
            .filter_map(|key| self.documents.get(key).map(|d| d.uri.clone()))
            .collect()
    }

    /// Notes a document's sources when its current text loaded.
    fn remember_sources(&mut self, key: &str) {
        let Some(document) = self.documents.get(key) else {
            return;
        };
        let Some(briefing) = self
            .corpus_of(document)
            .and_then(|corpus| briefing_at(corpus, &document.path))
        else {
            return;
        };
        let sources = briefing
            .sources
            .iter()
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect();
        if let Some(document) = self.documents.get_mut(key) {
            document.sources = sources;
        }
    }
}

/// The briefing loaded from `path`, if it loaded.
#[must_use]
pub fn briefing_at<'c>(corpus: &'c Corpus, path: &Path) -> Option<&'c Briefing> {
    let shown = path.display().to_string();
    (0..corpus.len())
        .find(|&at| corpus.path_of(at) == Some(shown.as_str()))
        .and_then(|at| corpus.briefings().get(at))
}

/// The file a `file:` URI names, its percent-escapes decoded.
#[must_use]
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                at += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    Some(path_from_bytes(decoded))
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// The `file:` URI of a path, escaping every byte but unreserved ones and `/`.
#[must_use]
pub fn uri_of(path: &Path) -> Option<Uri> {
    let mut uri = String::from("file://");
    for byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(byte) {
            uri.push(char::from(*byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_round_trip_through_escapes() {
        let path = Path::new("/tmp/Łódź briefings/a b#1.toml");
        let uri = uri_of(path).expect("a URI");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/%C5%81%C3%B3d%C5%BA%20briefings/a%20b%231.toml"
        );
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        let untitled = Uri::from_str("untitled:Untitled-1").expect("a URI");
        assert_eq!(path_of(&untitled), None);
    }
}
