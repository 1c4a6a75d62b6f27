//! Where things are written in a briefing's text: the places diagnostics point at and the
//! line an editor opens. Every position is a span the parser read (the parsed table's own,
//! or the file's [`SpanIndex`] made from them): nothing here searches the text.

use std::cell::OnceCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::LoadOptions;
use super::id::{is_valid_id, slug};
use crate::diagnostics::{Diagnostic, FileDiagnostics, Severity, point_all};
use crate::model::{Briefing, ItemTable};
use crate::span::{Place, SpanIndex};

/// Where the problems found only once every file is parsed (a duplicate id, a dangling
/// `summit =` link) are written, found while the file's text is at hand: the corpus never
/// keeps a file's text. Each is a diagnostic with a position and no path or message yet,
/// all pointed at in one pass over the text (so a line holding thousands costs one count,
/// and is not copied for each).
#[derive(Debug, Default, Clone)]
pub(super) struct Sites {
    /// The `id` key of `[summit]`, else the `[summit]` header.
    pub(super) id: Option<Diagnostic>,
    /// Where each prior meeting's `summit` link is written, by the meeting's index (`None`
    /// for a meeting without one).
    pub(super) links: Vec<Option<Diagnostic>>,
}

impl Sites {
    /// The sites of a parsed file, from the parser's spans: exact for inline tables and
    /// dotted keys too, and in whatever order they are written. Read from the parsed table
    /// itself, as every file needs them and few need a [`SpanIndex`].
    pub(super) fn in_table(text: &str, root: &DeTable<'_>) -> Self {
        // Where `key` of a table, or its value, is written (`None` when `value` is no
        // table or lacks it).
        let key_span = |value: &DeValue<'_>, key: &str| match value {
            DeValue::Table(table) => table.get_key_value(key).map(|(key, _)| key.span()),
            _ => None,
        };
        let value_span = |value: &DeValue<'_>, key: &str| match value {
            DeValue::Table(table) => table.get(key).map(toml::Spanned::span),
            _ => None,
        };
        // The `id` key, else the whole `[summit]` header (the table's value).
        let id = root
            .get("summit")
            .map(|summit| key_span(summit.get_ref(), "id").unwrap_or_else(|| summit.span()));
        let meetings = match root.get("prior_meetings").map(toml::Spanned::get_ref) {
            Some(DeValue::Array(meetings)) => Some(meetings),
            _ => None,
        };
        let links = meetings
            .into_iter()
            .flat_map(|meetings| meetings.iter())
            // At the linked id itself: that is what a misspelt link gets wrong, and where an
            // editor underlines it.
            .map(|meeting| value_span(meeting.get_ref(), "summit"));
        let ranges: Vec<Option<Range<usize>>> = std::iter::once(id).chain(links).collect();
        let placed: Vec<bool> = ranges.iter().map(Option::is_some).collect();
        let blank = || Diagnostic::new("", Severity::Error, "");
        let pointed = point_all(text, ranges.into_iter().map(|r| (blank(), r)).collect());
        let mut sites = pointed
            .into_iter()
            .zip(placed)
            .map(|(site, placed)| placed.then_some(site));
        Self {
            id: sites.next().flatten(),
            links: sites.collect(),
        }
    }

    /// A diagnostic at `site` (or about the whole file when there is none).
    pub(super) fn at(
        site: Option<&Diagnostic>,
        path: &str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        match site {
            Some(site) => Diagnostic {
                path: path.to_owned(),
                severity,
                message,
                ..site.clone()
            },
            None => Diagnostic::new(path, severity, message),
        }
    }
}

/// A place in a briefing an editor can be opened at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPlace {
    /// The `[summit]` table.
    Summit,
    /// Item `index` of a table of items (a participant, meeting, goal or disagreement).
    Item(ItemTable, usize),
    /// The `index`th `[[sources]]` entry.
    Source(usize),
}

/// Where `place` is in a file's span index: its table header, or for an item of an
/// inline array (`goals = [{...}]`) its own `{...}`.
fn find<'a, 'i>(index: &'a SpanIndex<'i>, place: ItemPlace) -> Option<Place<'a, 'i>> {
    let root = index.root();
    match place {
        ItemPlace::Summit => root.get("summit"),
        ItemPlace::Item(table, at) => root.get(table.key())?.at(at),
        ItemPlace::Source(at) => root.get("sources")?.at(at),
    }
}

/// The 1-based line of a briefing's text where `place` begins: its table header, or for an
/// item of an inline array (`goals = [{...}]`) the line of its `{`. `None` when the text
/// does not hold it (the file changed since it was loaded, or no longer parses).
#[must_use]
pub fn item_line(text: &str, place: ItemPlace) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let index = SpanIndex::new(&root);
    let span = find(&index, place)?.value_span();
    Diagnostic::new("", Severity::Error, "")
        .at_range(text, span)
        .line
}

/// Points at an item's table and its citations in one file, through its span index, made
/// (from the text parsed again) only when a problem is found: nearly every file has none.
pub(super) struct ItemSites<'a> {
    path: &'a str,
    text: &'a str,
    index: OnceCell<Option<SpanIndex<'a>>>,
}

impl<'a> ItemSites<'a> {
    pub(super) fn new(path: &'a str, text: &'a str) -> Self {
        Self {
            path,
            text,
            index: OnceCell::new(),
        }
    }

    /// The file's span index, made the first time a position is asked for.
    fn index(&self) -> Option<&SpanIndex<'a>> {
        self.index
            .get_or_init(|| {
                DeTable::parse(self.text)
                    .ok()
                    .map(|root| SpanIndex::new(&root))
            })
            .as_ref()
    }

    /// Warns about `sources = [...]` entries that name no `[[sources]]` id in the file,
    /// each at its own occurrence; with `require_sources`, an error for each item that
    /// cites nothing, at its table header.
    pub(super) fn check_sources(
        &self,
        briefing: &Briefing,
        options: LoadOptions,
        report: &mut FileDiagnostics,
    ) {
        // A briefing defines a handful of sources: a sorted list is searched faster than a
        // hash set is built, and stays O(log n) for a file of thousands.
        let mut known: Vec<&str> = briefing.sources.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        if known.windows(2).any(|pair| pair[0] == pair[1]) {
            self.report_repeated_sources(briefing, report);
        }
        // Items borrow their names, so the common case (every citation resolves) builds no
        // strings; a label and a position are made only for a diagnostic that is kept.
        for item in briefing.citing_items() {
            if item.sources.is_empty() {
                if options.require_sources {
                    report.push_at_with(Severity::Error, || {
                        let header = self.item(item.table, item.index).map(|i| i.value_span());
                        let message = format!("{} cites no source", item.label());
                        (Diagnostic::new(self.path, Severity::Error, message), header)
                    });
                }
                continue;
            }
            for (at, id) in item
                .sources
                .iter()
                .enumerate()
                .filter(|(_, id)| known.binary_search(&id.as_str()).is_err())
            {
                report.push_at_with(Severity::Warning, || {
                    let cited = self
                        .item(item.table, item.index)
                        .and_then(|item| item.get("sources")?.at(at))
                        .map(|cited| inside_quotes(self.text, cited.value_span()));
                    let message = format!(
                        "{} cites source \"{id}\", which no [[sources]] entry defines",
                        item.label()
                    );
                    (
                        Diagnostic::new(self.path, Severity::Warning, message),
                        cited,
                    )
                });
            }
        }
    }

    /// An error at each disagreement id that is not a valid id ([`is_valid_id`], the
    /// schema's pattern), suggesting its slug: such an id was tracked by the reader but
    /// refused by the schema and left out of completion.
    pub(super) fn check_disagreement_ids(&self, briefing: &Briefing, report: &mut FileDiagnostics) {
        for (at, disagreement) in briefing.disagreements.iter().enumerate() {
            let Some(id) = disagreement.id.as_deref().filter(|id| !is_valid_id(id)) else {
                continue;
            };
            report.push_at_with(Severity::Error, || {
                let written = self
                    .item(ItemTable::Disagreements, at)
                    .and_then(|item| item.get("id"))
                    .map(|id| inside_quotes(self.text, id.value_span()));
                let near = Some(slug(id)).filter(|near| is_valid_id(near));
                let hint = near
                    .as_ref()
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                let message = format!(
                    "disagreement id \"{id}\" must be lowercase letters, digits and dashes, starting with a letter or digit{hint}"
                );
                let diagnostic =
                    Diagnostic::new(self.path, Severity::Error, message).with_suggestion(near);
                (diagnostic, written)
            });
        }
    }

    /// An error at each source `url` that is not a URI ([`crate::model::is_url`]): the rule
    /// the schema's pattern states, so an editor and `sherpa check` agree.
    pub(super) fn check_source_urls(&self, briefing: &Briefing, report: &mut FileDiagnostics) {
        for (at, source) in briefing.sources.iter().enumerate() {
            let Some(url) = source
                .url
                .as_deref()
                .filter(|url| !crate::model::is_url(url))
            else {
                continue;
            };
            report.push_at_with(Severity::Error, || {
                let written = self
                    .index()
                    .and_then(|index| index.root().get("sources")?.at(at)?.get("url"))
                    .map(|url| inside_quotes(self.text, url.value_span()));
                let message = format!(
                    "source \"{}\" has url \"{url}\", which is not a URI (scheme, colon, then no spaces: https://example.org/report)",
                    source.id
                );
                (Diagnostic::new(self.path, Severity::Error, message), written)
            });
        }
    }

    /// An error at each `[[sources]]` id that an earlier entry already has: a citation of
    /// it could mean either, and only its knock-on warnings told of it before.
    fn report_repeated_sources(&self, briefing: &Briefing, report: &mut FileDiagnostics) {
        let mut seen = std::collections::HashSet::with_capacity(briefing.sources.len());
        for (at, source) in briefing.sources.iter().enumerate() {
            if seen.insert(source.id.as_str()) {
                continue;
            }
            report.push_at_with(Severity::Error, || {
                let id = self
                    .index()
                    .and_then(|index| index.root().get("sources")?.at(at)?.get("id"))
                    .map(|id| inside_quotes(self.text, id.value_span()));
                let message = format!(
                    "duplicate source id \"{}\": [[sources]] entry {} repeats an earlier entry's id",
                    source.id,
                    at + 1
                );
                (Diagnostic::new(self.path, Severity::Error, message), id)
            });
        }
    }

    /// Item `index` of `table`.
    fn item(&self, table: ItemTable, index: usize) -> Option<Place<'_, 'a>> {
        self.index()?.root().get(table.key())?.at(index)
    }
}

/// The text of a string value between its quotes (`"id"` gives `id`), where a citation
/// is pointed at: the span's own delimiters, not a search. Public for the language server,
/// whose fixes replace what the loader points at.
#[must_use]
pub fn inside_quotes(text: &str, span: Range<usize>) -> Range<usize> {
    let raw = text.get(span.clone()).unwrap_or_default();
    let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    if raw.len() >= 2 * quote {
        span.start + quote..span.end - quote
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::MINIMAL;
    use crate::corpus::{Corpus, parse_briefing};
    use crate::diagnostics::{Diagnostic, MAX_PER_FILE};

    #[test]
    fn a_repeated_source_id_is_an_error_at_the_repeat() {
        let source = |title: &str| format!("\n[[sources]]\nid = \"s\"\ntitle = \"{title}\"\n");
        let text = format!("{MINIMAL}{}{}", source("first"), source("second"));
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let [repeat] = diagnostics.as_slice() else {
            panic!("one error expected: {diagnostics:?}");
        };
        assert_eq!(repeat.severity, Severity::Error);
        assert!(
            repeat.message.contains("duplicate source id \"s\""),
            "{repeat}"
        );
        assert_eq!(
            (repeat.line, repeat.column),
            (Some(11), Some(7)),
            "{repeat}"
        );
    }

    #[test]
    fn a_disagreement_id_with_spaces_is_an_error_suggesting_its_slug() {
        let text = format!("{MINIMAL}\n[[disagreements]]\nid = \"SDI dispute\"\ntopic = \"T\"\n");
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let [bad] = diagnostics.as_slice() else {
            panic!("one error expected: {diagnostics:?}");
        };
        assert_eq!(bad.severity, Severity::Error);
        assert_eq!((bad.line, bad.column), (Some(7), Some(7)), "{bad}");
        assert_eq!(bad.suggestion(), Some("sdi-dispute"));
        assert!(bad.message.contains("did you mean `sdi-dispute`?"), "{bad}");
    }

    #[test]
    fn a_url_that_is_not_a_uri_is_an_error_at_its_value() {
        let text = format!("{MINIMAL}\n[[sources]]\nid = \"s\"\nurl = \"not a url\"\n");
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let [bad] = diagnostics.as_slice() else {
            panic!("one error expected: {diagnostics:?}");
        };
        assert_eq!(bad.severity, Severity::Error);
        assert!(bad.message.contains("not a URI"), "{bad}");
        assert_eq!((bad.line, bad.column), (Some(8), Some(8)), "{bad}");
        for good in [
            "https://example.org/a?b=c#d",
            "mailto:a@example.org",
            "urn:isbn:0451450523",
        ] {
            assert!(crate::model::is_url(good), "{good}");
        }
        for bad in [
            "not a url",
            "example.org/x",
            "https://a b",
            "https:",
            "1http://x",
            "https://ö.de",
        ] {
            assert!(!crate::model::is_url(bad), "{bad}");
        }
    }

    #[test]
    fn sites_come_from_the_parser_in_inline_tables_and_dotted_keys_too() {
        // The id is written after the link, so the sites are not met in the text's order.
        let text = concat!(
            "prior_meetings = [\n",
            "  { date = 2019-01-01, place = \"Q\", summary = \"S\", summit = \"gone\" },\n",
            "]\n",
            "summit.title = \"T\"\nsummit.date = 2020-01-02\nsummit.location = \"L\"\n",
            "summit.id = \"one\"\n",
        );
        let corpus = Corpus::from_sources([("a.toml", text), ("b.toml", text)]);
        let at = |d: &Diagnostic| (d.path.clone(), d.line, d.column);
        let duplicate = &corpus.diagnostics()[0];
        assert_eq!(
            at(duplicate),
            ("b.toml".into(), Some(7), Some(8)),
            "{duplicate}"
        );
        assert!(
            duplicate.message.contains("already used by a.toml:7:8"),
            "{duplicate}"
        );
        let link = &corpus.diagnostics()[1];
        // At the linked id, after `summit = `.
        assert_eq!(at(link), ("a.toml".into(), Some(2), Some(61)), "{link}");
        assert_eq!(corpus.diagnostics().len(), 2, "{:?}", corpus.diagnostics());
    }

    #[test]
    fn twenty_thousand_links_on_one_line_are_pointed_at_without_copying_the_line() {
        let count = 20_000;
        let meeting = "{ date = 2019-01-01, place = \"Q\", summary = \"S\", summit = \"gone\" }";
        let line = format!("prior_meetings = [{}]", vec![meeting; count].join(", "));
        let text = format!("{line}\n{MINIMAL}");
        let corpus = Corpus::from_sources([("f.toml", text.as_str())]);
        let shown = corpus.diagnostics();
        assert_eq!(crate::diagnostics::count(shown), (0, count));
        let column = |i: usize| "prior_meetings = [".len() + i * (meeting.len() + 2) + 59;
        for (i, diagnostic) in shown.iter().take(MAX_PER_FILE).enumerate() {
            assert_eq!(
                (
                    diagnostic.line,
                    diagnostic.column,
                    diagnostic.snippet.as_deref()
                ),
                (Some(1), Some(column(i)), None),
                "{diagnostic}"
            );
        }
    }

    #[test]
    fn a_dangling_citation_in_an_inline_table_points_at_its_first_occurrence() {
        let text =
            format!("goals = [{{ party = \"P\", goal = \"G\", sources = [\"gone\"] }}]\n{MINIMAL}");
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].column),
            (Some(1), Some(49)),
            "{}",
            diagnostics[0]
        );
    }

    #[test]
    fn item_lines_are_the_table_headers_of_the_items() {
        // The inline array comes before the first header: after one, it would be a key of
        // that table (the text search this replaces took it for the top-level `goals`).
        let text = format!(
            "# comment\ngoals = [{{ party = \"P\", goal = \"G\" }}]\n{MINIMAL}\n\
             [[participants]]\nname = \"A\"\n\n[[participants]]\nname = \"B\"\n\n\
             [[sources]]\nid = \"s1\"\n"
        );
        assert_eq!(item_line(&text, ItemPlace::Summit), Some(3));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Participants, 1)),
            Some(11)
        );
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Goals, 0)),
            Some(2)
        );
        assert_eq!(item_line(&text, ItemPlace::Source(0)), Some(14));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Disagreements, 0)),
            None
        );
        assert_eq!(item_line("", ItemPlace::Summit), None);
    }

    /// Each item of an inline array opens at its own `{`, not at the array's key; a key
    /// named like a table inside another table is not that table.
    #[test]
    fn item_lines_of_an_inline_array_are_each_items_own_line() {
        let text = format!(
            "goals = [\n  {{ party = \"P\", goal = \"G\" }},\n  {{ party = \"Q\", goal = \"H\" }},\n]\n\
             {MINIMAL}[[participants]]\nname = \"A\"\ngoals = [{{ party = \"R\", goal = \"I\" }}]\n"
        );
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Goals, 1)),
            Some(3)
        );
        assert_eq!(item_line(&text, ItemPlace::Item(ItemTable::Goals, 2)), None);
    }

    #[test]
    fn dangling_source_refs_warn_in_every_kind_of_item() {
        let text = format!(
            "{MINIMAL}[[participants]]\nname = \"P\"\nsources = [\"x1\"]\n\
             [[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsources = [\"x2\"]\n\
             [[goals]]\nparty = \"G\"\ngoal = \"g\"\nsources = [\"x3\"]\n\
             [[disagreements]]\ntopic = \"D\"\nsources = [\"x4\"]\n"
        );
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let cited: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.message.contains("which no [[sources]] entry defines"))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            cited.len(),
            briefing.unwrap().citing_items().len(),
            "{cited:?}"
        );
        assert!(cited[0].starts_with("participants[0] (P) cites source \"x1\""));
    }

    #[test]
    fn a_dangling_citation_with_escaped_quotes_is_pointed_at_inside_its_quotes() {
        // The id as read is `a"b\c`; the diagnostic points at what is written between the
        // quotes (`a\"b\\c`, from column 13 on), however the escapes make it longer.
        let text = format!(
            "{MINIMAL}[[participants]]\nname = \"P\"\nsources = [\"ok\", \"a\\\"b\\\\c\"]\n\
             [[sources]]\nid = \"ok\"\ntitle = \"T\"\n"
        );
        let line = text.lines().position(|l| l.starts_with("sources")).unwrap() + 1;
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        let [dangling] = diagnostics.as_slice() else {
            panic!("one warning expected: {diagnostics:?}");
        };
        assert!(
            dangling.message.contains(r#"cites source "a"b\c""#),
            "{dangling}"
        );
        assert_eq!(
            (dangling.line, dangling.column),
            (Some(line), Some(19)),
            "{dangling}"
        );
    }
}
