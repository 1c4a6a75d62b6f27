//! Where things are written in a briefing's text: the places diagnostics point at and the
//! line an editor opens.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::LoadOptions;
use crate::diagnostics::{Diagnostic, FileDiagnostics, LineCounter, LineIndex, Severity};
use crate::model::{Briefing, ItemTable};

/// Where the problems found only once every file is parsed (a duplicate id, a dangling
/// `summit =` link) are written, found while the file's text is at hand: the corpus never
/// keeps a file's text. Each is a diagnostic with a position and no path or message yet,
/// made by one [`LineCounter`] pass (so a line holding thousands costs one count, and is
/// not copied for each).
#[derive(Debug, Default)]
pub(super) struct Sites {
    /// The `id` key of `[summit]`, else the `[summit]` header.
    pub(super) id: Option<Diagnostic>,
    /// Where each prior meeting's `summit` link is written, by the meeting's index (`None`
    /// for a meeting without one).
    pub(super) links: Vec<Option<Diagnostic>>,
}

impl Sites {
    /// The sites of a parsed file, from the parser's own spans: no second pass over the
    /// text, and exact for inline tables and dotted keys too.
    pub(super) fn in_table(text: &str, root: &DeTable<'_>) -> Self {
        let mut counter = LineCounter::new(text);
        let mut site =
            |offset: usize| counter.point(Diagnostic::new("", Severity::Error, ""), offset);
        let summit = root.get("summit");
        let id = summit
            .and_then(|summit| key_offset(summit, "id"))
            .or_else(|| summit.map(|summit| summit.span().start));
        let id = id.map(&mut site);
        let links = match root.get("prior_meetings").map(Spanned::get_ref) {
            Some(DeValue::Array(meetings)) => meetings
                .iter()
                .map(|meeting| key_offset(meeting, "summit").map(&mut site))
                .collect(),
            _ => Vec::new(),
        };
        Self { id, links }
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

/// Where `key` is written in `table`, when it is a table that has it.
fn key_offset(table: &Spanned<DeValue<'_>>, key: &str) -> Option<usize> {
    match table.get_ref() {
        DeValue::Table(table) => table.get_key_value(key).map(|(key, _)| key.span().start),
        _ => None,
    }
}

/// Whether a line (its indentation removed) sets `key`: `key = ...`.
fn sets_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// The offset of the line that sets `key` in `text[start..end]`, if one does.
fn key_line_in(text: &str, (start, end): (usize, usize), key: &str) -> Option<usize> {
    let mut offset = start;
    for line in text.get(start..end)?.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if sets_key(trimmed, key) {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// The offset of the `id =` line in `[summit]`, else of the `[summit]` header. The summit
/// table comes first in almost every file, so this reads a few lines, not the file.
fn summit_id_offset(text: &str) -> Option<usize> {
    let mut header = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = offset + (line.len() - trimmed.len());
        offset += line.len();
        if trimmed.starts_with('[') {
            if header.is_some() {
                break;
            }
            if trimmed.starts_with("[summit]") {
                header = Some(at);
            }
        } else if header.is_some() && sets_key(trimmed, "id") {
            return Some(at);
        }
    }
    header
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

/// The 1-based line of a briefing's text where `place` begins: its table header, or for an
/// inline array of tables (`goals = [{...}]`) the line of the key. `None` when the text
/// does not hold it (the file changed since it was loaded).
#[must_use]
pub fn item_line(text: &str, place: ItemPlace) -> Option<usize> {
    let mut locator = KeyLocator::new(text);
    let (table, header) = match place {
        ItemPlace::Summit => {
            let offset = locator
                .tables
                .get("summit")
                .copied()
                .or_else(|| summit_id_offset(text));
            return Some(text.get(..offset?)?.matches('\n').count() + 1);
        }
        ItemPlace::Item(table, index) => (table.key(), locator.header(table.key(), index)),
        ItemPlace::Source(index) => ("sources", locator.header("sources", index)),
    };
    // No header: an inline array, whose items all start on the key's line, if it has one.
    let offset = header.or_else(|| locator.locate(table))?;
    Some(text.get(..offset)?.matches('\n').count() + 1)
}

/// Points at items (a table header, a citation, a link) in one file's text, building the
/// key and line indexes only when there is something to point at.
pub(super) struct ItemSites<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) locator: Option<KeyLocator<'a>>,
    pub(super) lines: Option<LineIndex<'a>>,
    /// The offset of the first occurrence of each quoted string, made when needed.
    pub(super) quoted: Option<HashMap<&'a str, usize>>,
}

/// The offset of the opening quote of the first `"text"` for every text between two quotes,
/// in one pass: what `text.find("\"id\"")` gives for each id (ids containing a quote cannot
/// be written that way and are not found).
fn first_quoted(text: &str) -> HashMap<&str, usize> {
    let mut found = HashMap::new();
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    for pair in quotes.windows(2) {
        let (open, close) = (pair[0], pair[1]);
        if let Some(inner) = text.get(open + 1..close) {
            found.entry(inner).or_insert(open);
        }
    }
    found
}

impl<'a> ItemSites<'a> {
    fn indexes(&mut self) -> (&mut KeyLocator<'a>, &LineIndex<'a>) {
        let text = self.text;
        (
            self.locator.get_or_insert_with(|| KeyLocator::new(text)),
            self.lines.get_or_insert_with(|| LineIndex::new(text)),
        )
    }

    fn diagnostic_at(
        &mut self,
        offset: Option<usize>,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let path = self.path;
        let diagnostic = Diagnostic::new(path, severity, message);
        match offset {
            Some(offset) => diagnostic.at_offset_in(self.indexes().1, offset),
            None => diagnostic,
        }
    }

    /// Warns about `sources = [...]` entries that name no `[[sources]]` id in the file,
    /// each at its own occurrence; with `require_sources`, an error for each item that
    /// cites nothing, at its table header.
    pub(super) fn check_sources(
        &mut self,
        briefing: &Briefing,
        options: LoadOptions,
        report: &mut FileDiagnostics,
    ) {
        // A briefing defines a handful of sources: a sorted list is searched faster than a
        // hash set is built, and stays O(log n) for a file of thousands.
        let mut known: Vec<&str> = briefing.sources.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        // Items borrow their names, so the common case (every citation resolves) builds no
        // strings; a label and a position are made only for a diagnostic that is kept.
        for item in briefing.citing_items() {
            if item.sources.is_empty() {
                if options.require_sources {
                    report.push_with(Severity::Error, || {
                        let header = self.indexes().0.header(item.table.key(), item.index);
                        let message = format!("{} cites no source", item.label());
                        self.diagnostic_at(header, Severity::Error, message)
                    });
                }
                continue;
            }
            for id in item
                .sources
                .iter()
                .filter(|id| known.binary_search(&id.as_str()).is_err())
            {
                report.push_with(Severity::Warning, || {
                    let offset = self.citation(item.table.key(), item.index, id);
                    let message = format!(
                        "{} cites source \"{id}\", which no [[sources]] entry defines",
                        item.label()
                    );
                    self.diagnostic_at(offset, Severity::Warning, message)
                });
            }
        }
    }

    /// Where item `index` of `table` writes `"id"`: inside its own table (after its
    /// `sources` key), else the first occurrence in the file (an inline array of tables).
    fn citation(&mut self, table: &str, index: usize, id: &str) -> Option<usize> {
        let needle = format!("\"{id}\"");
        let text = self.text;
        let within = self.indexes().0.item_span(table, index).and_then(|span| {
            let from = key_line_in(text, span, "sources").unwrap_or(span.0);
            text.get(from..span.1)?
                .find(&needle)
                .map(|at| from + at + 1)
        });
        within.or_else(|| {
            // An inline array of tables: the first `"id"` in the file, from an index of
            // every quoted string made in one pass, so many such citations stay linear.
            let quoted = self.quoted.get_or_insert_with(|| first_quoted(text));
            quoted.get(id).map(|&open| open + 1)
        })
    }
}

/// Finds the byte offsets of dotted key paths such as `participants.2.nmae` in the text.
/// serde reports unknown keys by path only, so this finds the table header of the path (from
/// an index of every header made in one pass) and looks for the key from there. The search
/// for keys is bounded in total, so a file with many keys it cannot find (quoted keys,
/// inline tables) costs a few passes over the text, not one per key; keys past the budget
/// are reported without a position.
pub(super) struct KeyLocator<'a> {
    text: &'a str,
    /// The offsets of each `[[table]]` header, in order.
    arrays: HashMap<&'a str, Vec<usize>>,
    /// The offset of the first `[table]` header.
    tables: HashMap<&'a str, usize>,
    /// The offsets of the lines that start with each key (`key = ...`), made at the first
    /// search.
    keys: Option<HashMap<&'a str, Vec<usize>>>,
    /// The offsets of every table header, in order: where one item's table ends.
    headers: Vec<usize>,
    /// Results already found, by start offset and key.
    found: HashMap<(usize, String), Option<usize>>,
    /// Bytes the key search may still read.
    budget: usize,
}

/// How many times over the text the search for keys may read in all.
const KEY_SEARCH_PASSES: usize = 4;

impl<'a> KeyLocator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut arrays: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut tables = HashMap::new();
        let mut headers = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                headers.push(offset);
            }
            if let Some(rest) = trimmed.strip_prefix("[[") {
                if let Some(end) = rest.find("]]") {
                    arrays.entry(&rest[..end]).or_default().push(offset);
                }
            } else if let Some(rest) = trimmed.strip_prefix('[')
                && let Some(end) = rest.find(']')
            {
                tables.entry(&rest[..end]).or_insert(offset);
            }
            offset += line.len();
        }
        Self {
            text,
            arrays,
            tables,
            keys: None,
            headers,
            found: HashMap::new(),
            budget: text.len().saturating_mul(KEY_SEARCH_PASSES).max(1 << 20),
        }
    }

    /// The offset of the `[[table]]` header of item `nth`.
    fn header(&self, table: &str, nth: usize) -> Option<usize> {
        self.arrays.get(table)?.get(nth).copied()
    }

    /// The text of item `nth` of `table`: from its `[[table]]` header to the next header.
    fn item_span(&self, table: &str, nth: usize) -> Option<(usize, usize)> {
        let start = self.header(table, nth)?;
        let next = self.headers.partition_point(|&h| h <= start);
        Some((
            start,
            self.headers.get(next).copied().unwrap_or(self.text.len()),
        ))
    }

    pub(super) fn locate(&mut self, key_path: &str) -> Option<usize> {
        let segments: Vec<&str> = key_path.split('.').collect();
        let leaf = *segments.last()?;
        let mut start = 0;
        if let [table, rest @ ..] = segments.as_slice()
            && !rest.is_empty()
        {
            let nth = rest
                .first()
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0);
            // The first of: the nth `[[table]]` header, or a `[table]` header before it.
            let array = self.arrays.get(table).and_then(|a| a.get(nth)).copied();
            let plain = self.tables.get(table).copied();
            start = match (array, plain) {
                (Some(a), Some(p)) => a.min(p),
                (a, p) => a.or(p).unwrap_or(0),
            };
        }
        let cached = (start, leaf.to_owned());
        if let Some(&known) = self.found.get(&cached) {
            return known;
        }
        let result = self.search(start, leaf);
        self.found.insert(cached, result);
        result
    }

    fn search(&mut self, start: usize, leaf: &str) -> Option<usize> {
        let text = self.text;
        let keys = self.keys.get_or_insert_with(|| {
            let mut keys: HashMap<&str, Vec<usize>> = HashMap::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                if let Some(eq) = trimmed.find('=') {
                    let key = trimmed[..eq].trim_end();
                    if !key.is_empty() {
                        keys.entry(key)
                            .or_default()
                            .push(offset + (line.len() - trimmed.len()));
                    }
                }
                offset += line.len();
            }
            keys
        });
        // A line starting with the key, from the index; else a scan for `key =` anywhere
        // in a line (inline tables), within the budget.
        if let Some(offsets) = keys.get(leaf) {
            let first = offsets.partition_point(|&o| o < start);
            if let Some(&offset) = offsets.get(first) {
                return Some(offset);
            }
        }
        let pattern = format!("{leaf} =");
        let mut offset = start;
        for line in self.text.get(start..)?.split_inclusive('\n') {
            if self.budget < line.len() {
                return None;
            }
            self.budget -= line.len();
            let trimmed = line.trim_start();
            if sets_key(trimmed, leaf) {
                return Some(offset + (line.len() - trimmed.len()));
            }
            if let Some(pos) = line.find(&pattern) {
                return Some(offset + pos);
            }
            offset += line.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::MINIMAL;
    use crate::corpus::{Corpus, parse_briefing};
    use crate::diagnostics::{Diagnostic, MAX_PER_FILE};

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
        assert_eq!(at(link), ("a.toml".into(), Some(2), Some(52)), "{link}");
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
        let column = |i: usize| "prior_meetings = [".len() + i * (meeting.len() + 2) + 50;
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
        let text = format!(
            "# comment\n{MINIMAL}\n[[participants]]\nname = \"A\"\n\n[[participants]]\nname = \"B\"\n\n\
             goals = [{{ party = \"P\", goal = \"G\" }}]\n\n[[sources]]\nid = \"s1\"\n"
        );
        assert_eq!(item_line(&text, ItemPlace::Summit), Some(2));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Participants, 1)),
            Some(10)
        );
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Goals, 0)),
            Some(13)
        );
        assert_eq!(item_line(&text, ItemPlace::Source(0)), Some(15));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Disagreements, 0)),
            None
        );
        assert_eq!(item_line("", ItemPlace::Summit), None);
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
}
