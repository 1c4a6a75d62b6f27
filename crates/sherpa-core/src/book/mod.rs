//! The briefing book: selected summits in date order as one document to print or send.
//!
//! A [`Book`] is assembled once from the corpus — each summit's [`Document`] (the same
//! model as the reader and the exports), the board and the timeline of the selection, and
//! the sources of every briefing numbered once across the book — and then formatted as
//! markdown ([`book_markdown`]) or one self-contained HTML file ([`book_html`]). The
//! formatters only lay out what the book holds, so the two formats cannot disagree.

mod html;
mod markdown;

pub use html::book_html;
pub use markdown::book_markdown;

use std::collections::HashMap;

use crate::analysis::{self, Board, TimelineEntry};
use crate::corpus::Corpus;
use crate::document::{Document, Pane, Section, SectionKind};
use crate::model::{Briefing, Date, Source};

/// The book formats of `sherpa book --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BookFormat {
    /// Markdown that renders on GitHub: headings, lists, a table, footnotes.
    #[default]
    Markdown,
    /// One HTML file with its styles inline, for screens and for print.
    Html,
}

impl BookFormat {
    /// Every format, in the order help lists them.
    pub const ALL: [Self; 2] = [Self::Markdown, Self::Html];

    /// The name used on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }
}

/// Which summits a book holds. Empty criteria select everything; ids, when given, are
/// taken as named (an unknown one is an error) and the other criteria narrow them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub ids: Vec<String>,
    /// A tag the summit carries (case and accents ignored).
    pub tag: Option<String>,
    /// Part of a participant's name (case and accents ignored), as `timeline --participant`.
    pub participant: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// Why a selection holds no book.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("no summit with id \"{id}\"")]
    UnknownSummit { id: String },
    #[error("no summit matches the selection")]
    Empty,
}

impl Selection {
    /// The corpus positions of the selected summits, in date order.
    ///
    /// # Errors
    /// [`SelectError::UnknownSummit`] for an id the corpus does not have (so a typo is not
    /// silently left out of the book), [`SelectError::Empty`] when nothing matches.
    pub fn positions(&self, corpus: &Corpus) -> Result<Vec<usize>, SelectError> {
        let mut named = Vec::new();
        for id in &self.ids {
            let position = corpus
                .position(id)
                .ok_or_else(|| SelectError::UnknownSummit { id: id.clone() })?;
            named.push(position);
        }
        let tag = self.tag.as_deref().map(analysis::name_key);
        let participant = self.participant.as_deref().map(analysis::name_key);
        let selected: Vec<usize> = (0..corpus.len())
            .filter(|p| self.ids.is_empty() || named.contains(p))
            .filter(|&p| {
                let b = &corpus.briefings()[p];
                let date = b.summit.date;
                tag.as_ref()
                    .is_none_or(|tag| b.summit.tags.iter().any(|t| analysis::name_key(t) == *tag))
                    && participant.as_ref().is_none_or(|name| {
                        b.participants
                            .iter()
                            .any(|p| analysis::name_matches(&p.name, name))
                    })
                    && self.from.is_none_or(|from| date >= from)
                    && self.to.is_none_or(|to| date <= to)
            })
            .collect();
        if selected.is_empty() {
            return Err(SelectError::Empty);
        }
        Ok(selected)
    }
}

/// One summit of the book.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// 1-based, in date order; also the part's anchor (`summit-1`).
    pub number: usize,
    pub briefing: &'a Briefing,
    /// The whole briefing, laid out as every export lays it out.
    pub document: Document,
    /// Each of the briefing's source ids to its number in the book.
    numbers: HashMap<String, usize>,
}

impl Part<'_> {
    /// The part's anchor in the book.
    #[must_use]
    pub fn anchor(&self) -> String {
        format!("summit-{}", self.number)
    }

    /// The summary and the four panes. A briefing's own sources section is left out: the
    /// book lists every source once, at the end.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.document.sections.iter().filter(|s| {
            !matches!(
                s.kind,
                SectionKind::Pane(Pane::Sources) | SectionKind::CitedSources
            )
        })
    }

    /// A citation written out: each footnote as `source` (a number) or `missing` (an id
    /// the briefing does not define) writes it, separated by spaces. Each format supplies
    /// only its markup.
    pub fn cite(
        &self,
        ids: &[String],
        source: impl Fn(usize) -> String,
        missing: impl Fn(&str) -> String,
    ) -> String {
        self.footnotes(ids)
            .into_iter()
            .map(|note| match note {
                Footnote::Source(n) => source(n),
                Footnote::Missing(id) => missing(&id),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The book's footnotes for a list of this briefing's source ids, in order.
    #[must_use]
    pub fn footnotes(&self, ids: &[String]) -> Vec<Footnote> {
        ids.iter()
            .map(|id| {
                self.numbers
                    .get(id)
                    .map_or_else(|| Footnote::Missing(id.clone()), |&n| Footnote::Source(n))
            })
            .collect()
    }
}

/// A citation in the book: a numbered source, or an id the briefing does not define
/// (shown, never dropped, as the reader shows `[?id]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Footnote {
    Source(usize),
    Missing(String),
}

/// A source as the book lists it, once however many briefings list it.
#[derive(Debug, Clone)]
pub struct BookSource<'a> {
    /// 1-based, in the order the parts first list the source.
    pub number: usize,
    pub source: &'a Source,
    /// Whether any item of the book cites it (markdown footnotes need a reference).
    pub cited: bool,
}

impl BookSource<'_> {
    /// What the source is called: its title, else its publisher, else the host its link
    /// names (`www.state.gov`), so a reader can tell untitled sources apart; "(untitled)"
    /// only for a source that has none of them.
    #[must_use]
    pub fn title(&self) -> &str {
        let source = self.source;
        source
            .title
            .as_deref()
            .or(source.publisher.as_deref())
            .or_else(|| source.url.as_deref().and_then(host_of))
            .unwrap_or("(untitled)")
    }

    /// Publisher and date, where given, in that order (the publisher not when it stands
    /// in for a missing title).
    #[must_use]
    pub fn meta(&self) -> Vec<String> {
        let publisher = self
            .source
            .publisher
            .clone()
            .filter(|_| self.source.title.is_some());
        [publisher, self.source.date.map(|d| d.to_string())]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// The host of a URL (`https://user@www.example.org:8080/a?b` gives `www.example.org:8080`
/// without the user), `None` when it names none.
fn host_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    (!host.is_empty()).then_some(host)
}

/// The whole book, ready to format.
#[derive(Debug, Clone)]
pub struct Book<'a> {
    pub title: String,
    /// The day the book was made, for its cover.
    pub made: Date,
    pub parts: Vec<Part<'a>>,
    pub board: Board,
    pub timeline: Vec<TimelineEntry>,
    pub sources: Vec<BookSource<'a>>,
    /// Each summit id's part, for links, board columns and timeline entries.
    part_index: HashMap<String, usize>,
}

/// The title of a book made without `--title`.
pub const DEFAULT_TITLE: &str = "Briefing book";

/// The same source listed by two briefings: the same link, or without one, the same
/// title, publisher and date.
fn source_key(source: &Source) -> String {
    match source.url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => format!("url {url}"),
        _ => analysis::name_key(&format!(
            "text {} | {} | {}",
            source.title.as_deref().unwrap_or_default(),
            source.publisher.as_deref().unwrap_or_default(),
            source.date.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
}

impl<'a> Book<'a> {
    /// Assembles the book of the summits at `positions` (see [`Selection::positions`]).
    #[must_use]
    pub fn new(corpus: &'a Corpus, positions: &[usize], title: &str, made: Date) -> Self {
        let briefings: Vec<&Briefing> = positions
            .iter()
            .filter_map(|&p| corpus.briefings().get(p))
            .collect();
        let mut sources: Vec<BookSource<'a>> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut parts = Vec::new();
        for (index, &briefing) in briefings.iter().enumerate() {
            let mut numbers = HashMap::new();
            for source in &briefing.sources {
                let next = sources.len() + 1;
                let number = *by_key.entry(source_key(source)).or_insert(next);
                if number == next {
                    sources.push(BookSource {
                        number,
                        source,
                        cited: false,
                    });
                }
                numbers.entry(source.id.clone()).or_insert(number);
            }
            let part = Part {
                number: index + 1,
                briefing,
                document: Document::of(briefing, None),
                numbers,
            };
            for field in part
                .sections()
                .flat_map(|s| &s.items)
                .flat_map(|i| &i.fields)
            {
                for note in part.footnotes(&field.sources) {
                    if let Footnote::Source(n) = note
                        && let Some(source) = sources.get_mut(n - 1)
                    {
                        source.cited = true;
                    }
                }
            }
            parts.push(part);
        }
        let title = if title.trim().is_empty() {
            DEFAULT_TITLE
        } else {
            title
        };
        let part_index = parts
            .iter()
            .enumerate()
            .map(|(i, part)| (part.briefing.id().to_owned(), i))
            .collect();
        Self {
            title: title.to_owned(),
            made,
            part_index,
            parts,
            board: analysis::board_of(corpus, positions),
            timeline: analysis::timeline_of(&briefings),
            sources,
        }
    }

    /// The first and last summit dates.
    #[must_use]
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let first = self.parts.first()?.briefing.summit.date;
        let last = self.parts.last()?.briefing.summit.date;
        Some((first, last))
    }

    /// The cover's lines under the title: dates, count, when made.
    #[must_use]
    pub fn cover_lines(&self) -> Vec<String> {
        let count = self.parts.len();
        let mut lines = Vec::new();
        if let Some((first, last)) = self.date_range() {
            lines.push(if first == last {
                first.to_string()
            } else {
                format!("{first} to {last}")
            });
        }
        lines.push(format!(
            "{count} summit{}",
            if count == 1 { "" } else { "s" }
        ));
        lines.push(format!("Made with sherpa on {}", self.made));
        lines
    }

    /// The part covering a summit, for links from a prior meeting to its own briefing.
    #[must_use]
    pub fn part_of(&self, summit: &str) -> Option<&Part<'a>> {
        self.parts.get(*self.part_index.get(summit)?)
    }
}

// The parts after the summits, as (title, HTML anchor). Titles no summit part can share:
// parts are numbered, so their markdown anchors never collide with these.
/// The board's part.
pub const BOARD: (&str, &str) = ("The disagreement board", "board");
/// The timeline's part.
pub const TIMELINE: (&str, &str) = ("Timeline of the selection", "timeline");
/// The sources' part.
pub const SOURCES: (&str, &str) = ("All sources", "sources");

pub use crate::sanitize::linkable;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn corpus() -> Corpus {
        let a = r#"
[summit]
title = "Alpha <b>talks</b>"
date = 2020-01-01
location = "Alpha"
tags = ["Trade"]
summary = "First."
[[participants]]
name = "Ada Example"
sources = ["shared", "own"]
[[disagreements]]
id = "border"
topic = "Border"
sources = ["nope"]
[[sources]]
id = "shared"
title = "Shared report"
url = "https://example.org/shared"
[[sources]]
id = "own"
title = "Own report"
url = "javascript:alert(1)"
[[sources]]
id = "idle"
title = "Never cited"
"#;
        let b = r#"
[summit]
title = "Beta"
date = 2021-01-01
location = "Beta"
[[participants]]
name = "Bo Sample"
sources = ["s"]
[[prior_meetings]]
date = 2020-01-01
place = "Alpha"
summit = "a"
summary = "Met."
[[disagreements]]
id = "border"
topic = "Border"
status = "narrowed"
[[sources]]
id = "s"
title = "Shared report again"
url = "https://example.org/shared"
"#;
        Corpus::from_sources([("a.toml", a), ("b.toml", b)])
    }

    pub(super) fn book(corpus: &Corpus) -> Book<'_> {
        let all = Selection::default().positions(corpus).unwrap();
        Book::new(corpus, &all, "", Date::new(2026, 1, 2).unwrap())
    }

    #[test]
    fn a_source_listed_by_two_briefings_is_numbered_once() {
        let corpus = corpus();
        let book = book(&corpus);
        assert_eq!(book.sources.len(), 3);
        assert_eq!(
            book.parts[1].footnotes(&["s".to_owned()]),
            vec![Footnote::Source(1)]
        );
        assert_eq!(
            book.parts[0].footnotes(&["own".to_owned(), "nope".to_owned()]),
            vec![Footnote::Source(2), Footnote::Missing("nope".to_owned())]
        );
        let cited: Vec<bool> = book.sources.iter().map(|s| s.cited).collect();
        assert_eq!(cited, vec![true, true, false]);
    }

    #[test]
    fn selection_by_tag_participant_dates_and_ids() {
        let corpus = corpus();
        let select = |selection: Selection| selection.positions(&corpus);
        let tag = Selection {
            tag: Some("trade".to_owned()),
            ..Selection::default()
        };
        assert_eq!(select(tag), Ok(vec![0]));
        let person = Selection {
            participant: Some("SAMPLE".to_owned()),
            ..Selection::default()
        };
        assert_eq!(select(person), Ok(vec![1]));
        let dates = Selection {
            from: Date::new(2020, 6, 1),
            to: Date::new(2022, 1, 1),
            ..Selection::default()
        };
        assert_eq!(select(dates), Ok(vec![1]));
        let ids = Selection {
            ids: vec!["b".to_owned(), "a".to_owned()],
            ..Selection::default()
        };
        assert_eq!(select(ids), Ok(vec![0, 1]));
        let typo = Selection {
            ids: vec!["zz".to_owned()],
            ..Selection::default()
        };
        assert_eq!(
            select(typo),
            Err(SelectError::UnknownSummit {
                id: "zz".to_owned()
            })
        );
        let none = Selection {
            tag: Some("none".to_owned()),
            ..Selection::default()
        };
        assert_eq!(select(none), Err(SelectError::Empty));
    }

    #[test]
    fn the_cover_gives_dates_count_and_the_day_made() {
        let corpus = corpus();
        let book = book(&corpus);
        assert_eq!(book.title, DEFAULT_TITLE);
        assert_eq!(
            book.cover_lines(),
            vec![
                "2020-01-01 to 2021-01-01",
                "2 summits",
                "Made with sherpa on 2026-01-02"
            ]
        );
    }

    #[test]
    fn only_plain_web_links_become_links() {
        assert!(linkable("https://example.org/a?b=c#d").is_some());
        assert!(linkable("HTTP://example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "https://x.org/\"onmouseover=\"alert(1)",
            "https://x.org/<script>",
            "https://x.org/a b",
            "https://x.org/\u{1b}[2J",
            "https://x.org/\u{202e}",
            "file:///etc/passwd",
            "https://",
        ] {
            assert!(linkable(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_untitled_source_is_called_by_its_publisher_else_its_host() {
        let source = |title: Option<&str>, publisher: Option<&str>, url: Option<&str>| Source {
            id: "s".to_owned(),
            title: title.map(str::to_owned),
            publisher: publisher.map(str::to_owned),
            url: url.map(str::to_owned),
            date: None,
        };
        let named = |source: &Source| {
            let listed = BookSource {
                number: 1,
                source,
                cited: true,
            };
            (listed.title().to_owned(), listed.meta())
        };
        let url = Some("https://user@www.state.gov:443/r?q#f");
        assert_eq!(
            named(&source(Some("Report"), Some("State"), url)),
            ("Report".to_owned(), vec!["State".to_owned()])
        );
        assert_eq!(
            named(&source(None, Some("State"), url)),
            ("State".to_owned(), vec![])
        );
        assert_eq!(
            named(&source(None, None, url)),
            ("www.state.gov:443".to_owned(), vec![])
        );
        assert_eq!(
            named(&source(None, None, Some("urn:isbn:1"))),
            ("(untitled)".to_owned(), vec![])
        );
    }
}
