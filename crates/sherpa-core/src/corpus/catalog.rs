//! The catalog: every summit as `sherpa list` shows it, with the problems a load finds,
//! from each file's small catalog row (`row`) rather than its whole parse.
//!
//! A warm `list` over 100,000 briefings decoded 8 KB of CBOR a file to build a `Corpus`
//! it then showed four fields of. The catalog holds those fields, and what the checks
//! across files need (the id, each `summit =` link and where it is written); it is
//! assembled by the same code as a [`Corpus`](super::Corpus), so the two list the same
//! summits in the same order with the same diagnostics.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::cached::{LoadIndex, Stores};
use super::parse::Parsed;
use super::sites::Sites;
use super::{Assembly, Found, LoadOptions, Summit};
use crate::diagnostics::Diagnostic;
use crate::index::{DecodeSummary, Fingerprint, Reader};
use crate::model::{Briefing, Date, SummitStatus};

/// Every summit of a set of briefings, ordered by date then id, with the problems found on
/// the way: what `sherpa list` shows.
#[derive(Debug, Default)]
pub struct Catalog {
    listed: Vec<Listed>,
    diagnostics: Vec<Diagnostic>,
    failed_files: usize,
}

impl Catalog {
    /// Lists files and folders (folders are searched recursively for `*.toml`) as
    /// [`super::Corpus::load_paths_indexed`] loads them, keeping the persistent index in
    /// `index_dir` (`None`: without one). Files whose fingerprint matches their row come
    /// from the row alone; every other file is read and parsed, and its row written.
    #[must_use]
    pub fn load_paths_indexed(
        paths: &[PathBuf],
        options: LoadOptions,
        index_dir: Option<&Path>,
    ) -> Self {
        Self::from(super::load_found(paths, options, index_dir, &()))
    }

    /// Every summit, ordered by date then id (the order and the summits of
    /// [`super::Corpus::briefings`]).
    #[must_use]
    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }

    /// Every problem found, in file order, as a [`super::Corpus`] has them.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// How many files were found but not loaded.
    #[must_use]
    pub fn failed_files(&self) -> usize {
        self.failed_files
    }
}

impl From<Assembly<Listed>> for Catalog {
    fn from(assembly: Assembly<Listed>) -> Self {
        Self {
            listed: assembly.kept,
            diagnostics: assembly.diagnostics,
            failed_files: assembly.failed_files,
        }
    }
}

/// One summit of the catalog.
#[derive(Debug)]
pub struct Listed {
    /// The file it was read from, as shown.
    path: String,
    summit: ListedSummit,
}

impl Listed {
    #[must_use]
    pub fn id(&self) -> &str {
        self.summit.id()
    }

    #[must_use]
    pub fn date(&self) -> Date {
        self.summit.date
    }

    #[must_use]
    pub fn status(&self) -> Option<SummitStatus> {
        self.summit.status
    }

    #[must_use]
    pub fn title(&self) -> &str {
        self.summit.title()
    }

    #[must_use]
    pub fn location(&self) -> &str {
        self.summit.location()
    }

    #[must_use]
    pub fn tags(&self) -> &[String] {
        self.summit.tags.all()
    }

    /// The file the summit was read from, as shown (as [`super::Corpus::path_of`]).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A summit of the file shown as `path`, as its row has it.
    pub(super) fn new(path: String, summit: ListedSummit) -> Self {
        Self { path, summit }
    }

    /// The file as shown and the row's summit: what a corpus keeps of a summit whose
    /// document it reads later.
    pub(super) fn into_parts(self) -> (String, ListedSummit) {
        (self.path, self.summit)
    }
}

/// What a catalog row keeps of a summit. A warm `list` holds 100,000 of these, made from
/// rows as the index is read: each string of its own was most of the allocations, so the
/// id, title and location share one, and the links and sites stay as the row holds them.
#[derive(Debug)]
pub(super) struct ListedSummit {
    /// The id, the title and the location, one after the other.
    text: Box<str>,
    /// Where the title begins in `text` (the id ends).
    title_at: usize,
    /// Where the location begins in `text` (the title ends).
    location_at: usize,
    pub(super) date: Date,
    pub(super) status: Option<SummitStatus>,
    pub(super) tags: Tags,
    pub(super) links: StoredLinks,
}

/// A summit's tags: as the parse found them, or as its row holds them (checked when the
/// row was read), decoded the first time they are asked for. `list --json` shows them,
/// `list` does not: decoding three tags of 100,000 rows into strings of their own was a
/// sixteenth of a warm `list`'s instructions, on the threads reading the index.
#[derive(Debug)]
pub(super) struct Tags {
    encoded: Option<Box<[u8]>>,
    decoded: OnceLock<Vec<String>>,
}

impl Tags {
    pub(super) fn found(tags: Vec<String>) -> Self {
        Self {
            encoded: None,
            decoded: OnceLock::from(tags),
        }
    }

    /// Tags as a row's `tags` field holds them, which has read back.
    pub(super) fn encoded(field: &[u8]) -> Self {
        Self {
            encoded: Some(field.into()),
            decoded: OnceLock::new(),
        }
    }

    pub(super) fn all(&self) -> &[String] {
        self.decoded.get_or_init(|| {
            let field = self.encoded.as_deref().unwrap_or_default();
            // Checked when the row was read, so this reads every tag.
            super::row::decode_texts(field).unwrap_or_default()
        })
    }
}

impl ListedSummit {
    pub(super) fn new(
        [id, title, location]: [&str; 3],
        date: Date,
        status: Option<SummitStatus>,
        tags: Tags,
        links: StoredLinks,
    ) -> Self {
        let mut text = String::with_capacity(id.len() + title.len() + location.len());
        for part in [id, title, location] {
            text.push_str(part);
        }
        Self {
            text: text.into_boxed_str(),
            title_at: id.len(),
            location_at: id.len() + title.len(),
            date,
            status,
            tags,
            links,
        }
    }

    pub(super) fn id(&self) -> &str {
        &self.text[..self.title_at]
    }

    pub(super) fn title(&self) -> &str {
        &self.text[self.title_at..self.location_at]
    }

    pub(super) fn location(&self) -> &str {
        &self.text[self.location_at..]
    }
}

/// A prior meeting's `summit =` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// The meeting's index among the briefing's prior meetings, as [`Sites::links`] has it.
    pub(super) meeting: usize,
    /// The meeting's date, which the warning about a dangling link names.
    pub(super) date: Date,
    /// The summit id it links to.
    pub(super) target: String,
}

impl Link {
    /// The links of a briefing's prior meetings, in order.
    pub(super) fn all(briefing: &Briefing) -> impl Iterator<Item = Self> + '_ {
        (briefing.prior_meetings.iter().enumerate()).filter_map(|(meeting, prior)| {
            Some(Self {
                meeting,
                date: prior.date,
                target: prior.summit.clone()?,
            })
        })
    }
}

/// A summit's `summit =` links and where they and its id are written: as the parse found
/// them, or still encoded as its row holds them (checked when the row was read), the links
/// read where they are checked, the sites decoded only when a duplicate id or a dangling
/// link needs a place. Both are boxed, so a listed summit stays small: it is moved by the
/// sort and the map of a load, 100,000 times over for a warm `list`, and a parse's sites
/// (two diagnostics' worth) made each summit three times larger.
#[derive(Debug)]
pub(super) enum StoredLinks {
    Found(Box<(Vec<Link>, Sites)>),
    Encoded(Box<[u8]>),
}

impl StoredLinks {
    /// No links, for a summit whose links were for the checks across files, done by now:
    /// an empty field, which needs no allocation, reads as none.
    pub(super) fn checked() -> Self {
        Self::Encoded(Box::default())
    }

    /// Calls `visit` with each link: the meeting's index, its date and the id it links to.
    pub(super) fn for_each(&self, mut visit: impl FnMut(usize, Date, &str)) {
        match self {
            Self::Found(found) => {
                for link in &found.0 {
                    visit(link.meeting, link.date, &link.target);
                }
            }
            Self::Encoded(bytes) => {
                // Each link is checked as it is read: one whose date or target does not
                // read back ends them (only a row forged with its checksum has one).
                let _ = super::row::decode_links(bytes, visit);
            }
        }
    }

    /// The sites; none where the row's do not read back (the row's checksum held, so only
    /// a row forged with its checksum gets here, and it loses only the line numbers).
    pub(super) fn sites(&self) -> Cow<'_, Sites> {
        match self {
            Self::Found(found) => Cow::Borrowed(&found.1),
            Self::Encoded(bytes) => {
                Cow::Owned(super::row::decode_sites(bytes).unwrap_or_else(|| {
                    tracing::info!("the index's sites do not read back");
                    Sites::default()
                }))
            }
        }
    }
}

impl Summit for Listed {
    type Context = ();
    type Row = (Option<ListedSummit>, Vec<Diagnostic>);
    const DECODE_ROW: Option<DecodeSummary<Self::Row>> = Some(super::row::decode);
    /// `list` reads rows only.
    const STORES: Stores = Stores::RowsOnly;

    fn found(parsed: Parsed, (): &()) -> Found<Self> {
        let summit = parsed.briefing.map(|briefing| {
            let links =
                StoredLinks::Found(Box::new((Link::all(&briefing).collect(), parsed.sites)));
            let summit = briefing.summit;
            Self {
                path: parsed.path,
                summit: ListedSummit::new(
                    [&summit.id, &summit.title, &summit.location],
                    summit.date,
                    summit.status,
                    Tags::found(summit.tags),
                    links,
                ),
            }
        });
        Found {
            diagnostics: parsed.diagnostics,
            bundled: parsed.bundled,
            summit,
        }
    }

    fn recall(
        load: &LoadIndex<Self::Row>,
        _reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        (): &(),
    ) -> Option<Found<Self>> {
        let (summit, diagnostics) = load.take_summary(shown, path, fingerprint)?;
        Some(Found {
            diagnostics,
            bundled: false,
            summit: summit.map(|summit| Self {
                path: shown.to_owned(),
                summit,
            }),
        })
    }

    fn path(&self) -> &str {
        &self.path
    }

    fn date(&self) -> Date {
        self.summit.date
    }

    fn id(&self) -> &str {
        self.summit.id()
    }

    fn id_site(&self) -> Option<Diagnostic> {
        self.summit.links.sites().id.clone()
    }

    fn for_each_link(&self, visit: impl FnMut(usize, Date, &str)) {
        self.summit.links.for_each(visit);
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        self.summit
            .links
            .sites()
            .links
            .get(meeting)
            .cloned()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A warm `list` moves 100,000 of these through a map, a vector and a sort: a parse's
    /// sites held inline made each one 264 bytes.
    #[test]
    fn a_listed_summit_stays_small() {
        let size = std::mem::size_of::<Listed>();
        assert!(size <= 128, "{size} bytes");
    }
}
