//! What each summit said when it was last read: the remembered versions kept beside the
//! store file, one TOML file per summit (`<hash>.versions/<summit-id>.toml`), and which
//! summits changed since.
//!
//! A version is the parsed briefing written back as TOML, not the file's text: what the
//! reader compares is the document (the same [`analysis::diff`] as `sherpa diff`), so a
//! change of layout or comments in the file is not an update. Each file is written atomically and read with a
//! size limit; one that is missing, too large or damaged is as if the summit was never
//! read, never an error that stops the reader.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Store, file};
use crate::analysis::{self, SummitDiff};
use crate::corpus::{Corpus, is_valid_id};
use crate::document::Pane;
use crate::item_key::{ItemKey, pane_keys};
use crate::model::{Briefing, Date};

/// The largest remembered version read or written: far above any briefing's document
/// (the loader's own limit is on the file), far below what would slow the reader.
pub const MAX_VERSION_BYTES: u64 = 4 * 1024 * 1024;

/// The folder of remembered versions beside a store file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    dir: PathBuf,
}

impl Versions {
    /// The versions kept beside the store file at `store_path`.
    #[must_use]
    pub fn beside(store_path: &Path) -> Self {
        Self {
            dir: store_path.with_extension("versions"),
        }
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of summit `id`; `None` for an id that is not one (a hand-edited store's
    /// `../x` must not name a file outside the folder).
    fn path_of(&self, id: &str) -> Option<PathBuf> {
        is_valid_id(id).then(|| self.dir.join(format!("{id}.toml")))
    }

    /// Keeps `briefing` as the version of its summit last read.
    ///
    /// # Errors
    /// Why the file could not be written (an invalid id, too large, the disk).
    pub fn remember(&self, briefing: &Briefing) -> Result<(), String> {
        let path = self
            .path_of(briefing.id())
            .ok_or_else(|| format!("\"{}\" is not a summit id", briefing.id()))?;
        let text = version_text(briefing)?;
        if text.len() as u64 > MAX_VERSION_BYTES {
            return Err(format!(
                "{}: the summit is too large to remember",
                path.display()
            ));
        }
        file::write_atomically(&path, &text)
    }

    /// The version of summit `id` last read, if one was kept and can be read.
    #[must_use]
    pub fn recall_one(&self, id: &str) -> Option<Briefing> {
        let file = std::fs::File::open(self.path_of(id)?).ok()?;
        let mut bytes = Vec::new();
        file.take(MAX_VERSION_BYTES + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        if bytes.len() as u64 > MAX_VERSION_BYTES {
            return None;
        }
        toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()
    }

    /// The version last read of every summit `store` says was read, where one was kept.
    #[must_use]
    pub fn recall_read(&self, store: &Store) -> Remembered {
        self.recall(store.read_summits())
    }

    /// The versions last read of the summits `read` names (id, when read), where one was
    /// kept.
    #[must_use]
    pub fn recall(&self, read: Vec<(String, u64)>) -> Remembered {
        let mut remembered = Remembered::default();
        for (id, at) in read {
            if let Some(briefing) = self.recall_one(&id) {
                remembered.insert(briefing, at);
            }
        }
        remembered
    }
}

/// `briefing` as TOML its own type reads back: the model writes a date as a string (JSON
/// has no dates), which the model refuses in a briefing, so every `date` is written as the
/// TOML date it was.
fn version_text(briefing: &Briefing) -> Result<String, String> {
    fn dates_as_dates(value: &mut toml::Value) {
        match value {
            toml::Value::Table(table) => {
                for (key, value) in table.iter_mut() {
                    if key == "date"
                        && let toml::Value::String(text) = value
                        && let Ok(date) = text.parse::<toml::value::Datetime>()
                    {
                        *value = toml::Value::Datetime(date);
                    } else {
                        dates_as_dates(value);
                    }
                }
            }
            toml::Value::Array(values) => values.iter_mut().for_each(dates_as_dates),
            _ => {}
        }
    }
    let mut value = toml::Value::try_from(briefing).map_err(|error| error.to_string())?;
    dates_as_dates(&mut value);
    toml::to_string(&value).map_err(|error| error.to_string())
}

/// A summit as it was when last read, and when that was.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub briefing: Arc<Briefing>,
    /// When it was read, in seconds since the Unix epoch.
    pub at: u64,
}

impl Reading {
    /// The day it was read, as "3 Dec 2026".
    #[must_use]
    pub fn day(&self) -> String {
        day_of(self.at)
    }
}

/// The summits as they were when last read, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Remembered {
    readings: HashMap<String, Reading>,
}

impl Remembered {
    /// Remembers `briefing` as read at `at`, replacing what was remembered of its summit.
    pub fn insert(&mut self, briefing: Briefing, at: u64) {
        self.readings.insert(
            briefing.id().to_owned(),
            Reading {
                briefing: Arc::new(briefing),
                at,
            },
        );
    }

    /// Takes in what `other` remembers of summits this one does not: what was read since
    /// `other` was loaded is newer.
    pub fn fill_from(&mut self, other: Self) {
        for (id, reading) in other.readings {
            self.readings.entry(id).or_insert(reading);
        }
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Reading> {
        self.readings.get(id)
    }

    /// The reading of `briefing`'s summit if the summit changed since: `None` when it was
    /// never read (there is nothing to compare) or reads the same.
    #[must_use]
    pub fn changed(&self, briefing: &Briefing) -> Option<&Reading> {
        self.get(briefing.id())
            .filter(|reading| *reading.briefing != *briefing)
    }

    /// The positions in `corpus` of the summits read before, in date order: only their
    /// documents are compared, so a reader over 100,000 summits reads those few.
    #[must_use]
    pub fn read_in(&self, corpus: &Corpus) -> Vec<usize> {
        let mut positions: Vec<usize> = (self.readings.keys())
            .filter_map(|id| corpus.position(id))
            .collect();
        positions.sort_unstable();
        positions
    }

    /// Every summit of `corpus` changed since it was last read, in date order.
    #[must_use]
    pub fn changed_in(&self, corpus: &Corpus) -> Vec<ChangedSummit> {
        let briefings = corpus.briefings();
        self.read_in(corpus)
            .into_iter()
            .filter_map(|position| briefings.get(position))
            .filter_map(|briefing| {
                let reading = self.changed(briefing)?;
                Some(ChangedSummit {
                    id: briefing.id().to_owned(),
                    title: briefing.summit.title.clone(),
                    at: reading.at,
                    day: reading.day(),
                    diff: analysis::diff(&reading.briefing, briefing),
                    read: Arc::clone(&reading.briefing),
                })
            })
            .collect()
    }
}

/// A summit that changed since it was last read: what `sherpa changed` lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedSummit {
    pub id: String,
    pub title: String,
    /// When it was last read, in seconds since the Unix epoch.
    pub at: u64,
    /// The day it was last read, in words ("3 Dec 2026").
    pub day: String,
    /// What changed, from the version read to the briefing now.
    pub diff: SummitDiff,
    /// The summit as it was when last read.
    pub read: Arc<Briefing>,
}

/// The items of `now`'s pane that the summit as `read` did not have: each key of the pane
/// not among the keys it had then.
#[must_use]
pub fn new_items(read: &Briefing, now: &Briefing, pane: Pane) -> Vec<usize> {
    let before: Vec<ItemKey> = pane_keys(read, pane);
    pane_keys(now, pane)
        .iter()
        .enumerate()
        .filter(|(_, key)| !before.contains(key))
        .map(|(index, _)| index)
        .collect()
}

/// `at` (seconds since the Unix epoch) as a day in words, "3 Dec 2026", in UTC.
#[must_use]
pub fn day_of(at: u64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = i64::try_from(at / 86_400).unwrap_or(i64::MAX);
    match Date::from_unix_days(days) {
        Some(date) => format!(
            "{} {} {}",
            date.day,
            MONTHS
                .get(usize::from(date.month).saturating_sub(1))
                .unwrap_or(&"?"),
            date.year
        ),
        None => "an unknown day".to_owned(),
    }
}
