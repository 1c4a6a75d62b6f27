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
        &self.summit.tags
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
    pub(super) tags: Vec<String>,
    pub(super) links: StoredLinks,
}

impl ListedSummit {
    pub(super) fn new(
        [id, title, location]: [&str; 3],
        date: Date,
        status: Option<SummitStatus>,
        tags: Vec<String>,
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
/// link needs a place.
#[derive(Debug)]
pub(super) enum StoredLinks {
    Found(Vec<Link>, Sites),
    Encoded(Box<[u8]>),
}

impl StoredLinks {
    /// Calls `visit` with each link: the meeting's index, its date and the id it links to.
    pub(super) fn for_each(&self, mut visit: impl FnMut(usize, Date, &str)) {
        match self {
            Self::Found(links, _) => {
                for link in links {
                    visit(link.meeting, link.date, &link.target);
                }
            }
            Self::Encoded(bytes) => {
                // Checked when the row was read, so this reads every link.
                let _ = super::row::decode_links(bytes, visit);
            }
        }
    }

    /// The sites; none where the row's do not read back (the row's checksum held, so only
    /// a row forged with its checksum gets here, and it loses only the line numbers).
    pub(super) fn sites(&self) -> Cow<'_, Sites> {
        match self {
            Self::Found(_, sites) => Cow::Borrowed(sites),
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
            let links = StoredLinks::Found(Link::all(&briefing).collect(), parsed.sites);
            let summit = briefing.summit;
            Self {
                path: parsed.path,
                summit: ListedSummit::new(
                    [&summit.id, &summit.title, &summit.location],
                    summit.date,
                    summit.status,
                    summit.tags,
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
