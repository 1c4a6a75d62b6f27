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

use super::cached::LoadIndex;
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
        Self::from(super::load_found(paths, options, index_dir))
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
        &self.summit.id
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
        &self.summit.title
    }

    #[must_use]
    pub fn location(&self) -> &str {
        &self.summit.location
    }

    #[must_use]
    pub fn tags(&self) -> &[String] {
        &self.summit.tags
    }

    /// The file the summit was read from, as shown (as [`super::Corpus::path_of`]).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// What a catalog row keeps of a summit.
#[derive(Debug)]
pub(super) struct ListedSummit {
    pub(super) id: String,
    pub(super) date: Date,
    pub(super) status: Option<SummitStatus>,
    pub(super) title: String,
    pub(super) location: String,
    pub(super) tags: Vec<String>,
    pub(super) links: Vec<Link>,
    pub(super) sites: StoredSites,
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

/// Where a summit's id and links are written: as the parse found them, or still encoded
/// in its row, decoded only when a duplicate id or a dangling link needs a place.
#[derive(Debug)]
pub(super) enum StoredSites {
    Found(Sites),
    Encoded(Box<[u8]>),
}

impl StoredSites {
    /// The sites; none where the row's do not read back (the row's checksum held, so only
    /// a row forged with its checksum gets here, and it loses only the line numbers).
    pub(super) fn get(&self) -> Cow<'_, Sites> {
        match self {
            Self::Found(sites) => Cow::Borrowed(sites),
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
    type Row = (Option<ListedSummit>, Vec<Diagnostic>);
    const DECODE_ROW: Option<DecodeSummary<Self::Row>> = Some(super::row::decode);

    fn found(parsed: Parsed) -> Found<Self> {
        let summit = parsed.briefing.map(|briefing| {
            let links = Link::all(&briefing).collect();
            let summit = briefing.summit;
            Self {
                path: parsed.path,
                summit: ListedSummit {
                    id: summit.id,
                    date: summit.date,
                    status: summit.status,
                    title: summit.title,
                    location: summit.location,
                    tags: summit.tags,
                    links,
                    sites: StoredSites::Found(parsed.sites),
                },
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
        &self.summit.id
    }

    fn id_site(&self) -> Option<Diagnostic> {
        self.summit.sites.get().id.clone()
    }

    fn for_each_link(&self, mut visit: impl FnMut(usize, Date, &str)) {
        for link in &self.summit.links {
            visit(link.meeting, link.date, &link.target);
        }
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        self.summit
            .sites
            .get()
            .links
            .get(meeting)
            .cloned()
            .flatten()
    }
}
