//! A light scan of the briefings for shell completion: each file's summit id, tags,
//! participants' names and disagreement ids, without the loader's parsing of everything
//! else, its checks, spans and sorting.
//!
//! Completion runs at every Tab, and loading a thousand briefings whole takes about four
//! times the 50 ms a Tab may take. Only the lines completion needs (table headers and the
//! `id`, `name` and `tags` keys) are parsed; a file whose kept lines do not parse on their
//! own (a `tags` array over several lines) is parsed whole, so the answer is the same.

use std::path::Path;

use memchr::memmem;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Origin;
use super::cached::recall_offered;
use super::discover::find_files_in_any_order;
use super::id::slug;
use super::read::{bundled_files, open_file, read_opened, stem_of};
use crate::index::{Fingerprint, path_key};
use crate::model::Briefing;

/// What completion offers from one briefing. The persistent index keeps it in each file's
/// catalog row (`row`), so a Tab over a warm index reads no briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// The summit's id: its `id`, else the one its file name gives.
    pub id: String,
    pub tags: Vec<String>,
    /// The participants' names.
    pub participants: Vec<String>,
    /// The ids of the disagreements that have one.
    pub disagreements: Vec<String>,
}

/// One field of a [`Headline`]: a Tab offers the words of one, and reads only that one of
/// each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offered {
    /// [`Headline::id`].
    Ids,
    /// [`Headline::tags`].
    Tags,
    /// [`Headline::participants`].
    Participants,
    /// [`Headline::disagreements`].
    Disagreements,
}

/// The keys [`Headline`] reads, deserialised leniently: anything else in the file is
/// ignored.
#[derive(Deserialize)]
struct Light {
    summit: LightSummit,
    #[serde(default)]
    participants: Vec<LightParticipant>,
    #[serde(default)]
    disagreements: Vec<LightDisagreement>,
}

#[derive(Deserialize)]
struct LightSummit {
    #[serde(default)]
    id: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct LightParticipant {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct LightDisagreement {
    #[serde(default)]
    id: Option<String>,
}

impl Headline {
    /// The headline of a briefing the loader parsed: the same as [`headline`] of its file,
    /// as the loader has already set the id from the file name where the file gives none.
    #[must_use]
    pub fn of(briefing: &Briefing) -> Self {
        Self {
            id: briefing.summit.id.clone(),
            tags: briefing.summit.tags.clone(),
            participants: (briefing.participants.iter())
                .map(|p| p.name.clone())
                .collect(),
            disagreements: (briefing.disagreements.iter())
                .filter_map(|d| d.id.clone())
                .collect(),
        }
    }

    /// The words of one field.
    #[must_use]
    pub fn into_offered(self, field: Offered) -> Vec<String> {
        match field {
            Offered::Ids => vec![self.id],
            Offered::Tags => self.tags,
            Offered::Participants => self.participants,
            Offered::Disagreements => self.disagreements,
        }
    }
}

impl Origin {
    /// The words of `field` of every briefing this origin names, in no particular order,
    /// through the persistent index the program configured, if any
    /// ([`Origin::offered_indexed`]).
    #[must_use]
    pub fn offered(&self, field: Offered) -> Vec<String> {
        self.offered_indexed(field, crate::index::configured_dir())
    }

    /// The words of `field` of every briefing this origin names, in no particular order;
    /// files that cannot be read or parsed are left out (completion has nowhere to report
    /// them). Standard input is never read: a Tab must not wait for it. A file whose
    /// fingerprint matches its row in the index kept in `index_dir` (as the loader left
    /// it) is not read; every other file is.
    #[must_use]
    pub fn offered_indexed(&self, field: Offered, index_dir: Option<&Path>) -> Vec<String> {
        let (paths, bundled) = match self {
            Self::WithBundled(inner) => (inner.paths(), true),
            Self::Bundled => (self.paths(), true),
            _ => (self.paths(), false),
        };
        // The index is read while the folders are walked, on this thread: its map is most
        // of a Tab's allocations, and the main thread's heap grows in large steps where a
        // worker's grows a few pages at a time (a system call each, 950 of them a Tab).
        let (mut known, found) = std::thread::scope(|scope| {
            let found = scope.spawn(|| find_files_in_any_order(paths, &mut Vec::new()));
            let known = index_dir
                .map(|dir| recall_offered(dir, paths, field))
                .unwrap_or_default();
            let found = found
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (known, found)
        });
        let fingerprints: Vec<Option<Fingerprint>> = found
            .par_iter()
            .map(|(_, path)| {
                let metadata = known
                    .contains_key(path_key(path))
                    .then(|| std::fs::metadata(path).ok())??;
                Some(Fingerprint::of(&metadata))
            })
            .collect();
        // Recalled words are moved out of the index's map, not cloned: at 10,000 files
        // the clones' allocations were a tenth of a Tab.
        let mut words = Vec::with_capacity(found.len());
        let mut unknown = Vec::new();
        for ((display, path), fingerprint) in found.into_iter().zip(fingerprints) {
            match known.remove(path_key(&path)) {
                Some((stored, recalled)) if Some(stored) == fingerprint => words.extend(recalled),
                _ => unknown.push((display, path)),
            }
        }
        words.par_extend(
            unknown
                .into_par_iter()
                .filter_map(|(display, path)| {
                    let (file, stamp, _) = open_file(&display, &path).ok()?;
                    let text = read_opened(&display, file, stamp.len).ok()?;
                    Some(headline(&stem_of(&path), &text)?.into_offered(field))
                })
                .flatten(),
        );
        if bundled {
            words.extend(
                bundled_files()
                    .into_iter()
                    .filter_map(|file| {
                        let text = file.text.as_deref().ok()?;
                        Some(headline(&file.stem, text)?.into_offered(field))
                    })
                    .flatten(),
            );
        }
        words
    }
}

/// The headline of a briefing file's text, `None` when it does not parse.
fn headline(stem: &str, text: &str) -> Option<Headline> {
    let light: Light = toml::from_str(&needed_lines(text))
        .or_else(|_| toml::from_str(text))
        .ok()?;
    let id = if light.summit.id.is_empty() {
        slug(stem)
    } else {
        light.summit.id
    };
    Some(Headline {
        id,
        tags: light.summit.tags,
        participants: light.participants.into_iter().map(|p| p.name).collect(),
        disagreements: light
            .disagreements
            .into_iter()
            .filter_map(|d| d.id)
            .collect(),
    })
}

/// The lines of `text` a [`Headline`] needs: every table header (so a key stays in its
/// table) and the `id`, `name` and `tags` keys, never a line inside a multi-line string.
fn needed_lines(text: &str) -> String {
    // Built once per file, not per line: searching every line for both delimiters with
    // `str::matches` was most of a scan's time.
    let delimiters = [memmem::Finder::new(b"\"\"\""), memmem::Finder::new(b"'''")];
    let mut out = String::new();
    // The delimiter (its index) of the multi-line string the next line starts in, if any.
    let mut inside: Option<usize> = None;
    for line in text.lines() {
        let was_inside = inside.is_some();
        for (which, delimiter) in delimiters.iter().enumerate() {
            if inside.is_none_or(|open| open == which)
                && delimiter.find_iter(line.as_bytes()).count() % 2 == 1
            {
                inside = match inside {
                    Some(_) => None,
                    None => Some(which),
                };
            }
        }
        if was_inside {
            continue;
        }
        let trimmed = line.trim_start();
        let key = trimmed.split(['=', ' ', '\t']).next().unwrap_or_default();
        // A kept line that opens a multi-line string leaves the kept lines unparsable, and
        // the file is then parsed whole.
        if trimmed.starts_with('[') || matches!(key, "id" | "name" | "tags") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn sorted(mut words: Vec<String>) -> Vec<String> {
        words.sort();
        words.dedup();
        words
    }

    /// The scan finds what the loader finds, in every bundled briefing, and offers it.
    #[test]
    fn the_scan_agrees_with_the_loader_on_the_bundled_briefings() {
        let corpus = Corpus::load_bundled();
        let files = bundled_files();
        assert_eq!(files.len(), corpus.len());
        for file in files {
            let scanned = headline(&file.stem, file.text.as_deref().unwrap()).unwrap();
            let briefing = corpus.get(&scanned.id).unwrap();
            assert_eq!(scanned.tags, briefing.summit.tags, "{}", briefing.id());
            let names: Vec<String> = (briefing.participants.iter())
                .map(|p| p.name.clone())
                .collect();
            assert_eq!(scanned.participants, names, "{}", briefing.id());
            let ids: Vec<String> = (briefing.disagreements.iter())
                .filter_map(|d| d.id.clone())
                .collect();
            assert_eq!(scanned.disagreements, ids, "{}", briefing.id());
            assert_eq!(scanned, Headline::of(briefing), "what the index keeps");
        }
        let ids = sorted(Origin::Bundled.offered(Offered::Ids));
        let loaded: Vec<String> = corpus
            .briefings()
            .iter()
            .map(|b| b.id().to_owned())
            .collect();
        assert_eq!(ids, sorted(loaded));
    }

    #[test]
    fn keys_inside_multiline_strings_and_other_tables_are_not_taken() {
        let text = "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"X\"\n\
                    summary = \"\"\"\nname = \"Not Anyone\"\n[[participants]]\n\"\"\"\n\
                    tags = [\n  \"one\",\n  \"two\",\n]\n\
                    [[participants]]\nname = \"Ada Example\"\nrole = \"x\"\n\
                    [[sources]]\nid = \"s1\"\nname = \"also not\"\n";
        let scanned = headline("My File", text).unwrap();
        assert_eq!(scanned.id, "my-file", "from the file name");
        assert_eq!(scanned.participants, ["Ada Example"]);
        assert_eq!(
            sorted(scanned.tags),
            ["one", "two"],
            "tags over several lines"
        );
        assert!(scanned.disagreements.is_empty());
        assert!(headline("x", "not toml [").is_none());
    }
}
