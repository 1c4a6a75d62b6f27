//! A file's catalog row: what `list`, completion and the checks across files need of one
//! briefing file, kept in the persistent index beside its whole parse.
//!
//! Every row is read at every `list` and at every Tab, so its layout is flat and
//! positional rather than a self-describing format: numbers are LEB128, a text is its
//! length and its UTF-8 bytes, a list is its length and its items, in a fixed order.
//! Decoding one is a walk with no format machinery, and a reader that needs one field
//! (completion's ids) skips the others without allocating. What is rarely needed is decoded
//! only when needed: where the id and the links are written (for a duplicate id or a
//! dangling link), and the file's own diagnostics (CBOR; most files have none).
//!
//! ```text
//! row     = 0 diagnostics                          a file that did not load
//!         | 1 id date status title location tags participants disagreements links sites diagnostics
//! date    = year month day                        (a number and two bytes)
//! status  = 0 (none) | 1 scheduled | 2 held | 3 cancelled
//! links   = count (meeting date target)*          each prior meeting with a `summit` link
//! sites   = bytes: site (the id's), then count site* (each prior meeting's link)
//! site    = 0 (none) | 1 line column span snippet  (a place: `Sites`' blank diagnostics)
//! line, column = 0 (none) | n + 1
//! span    = 0 (none) | 1 start end line column end_line end_column
//! snippet = 0 (none) | 1 text
//! diagnostics = bytes: empty, or CBOR of the file's diagnostics
//! ```

use super::catalog::{Link, ListedSummit, StoredLinks, Tags};
use super::parse::Parsed;
use super::scan::{Headline, Offered};
use super::sites::Sites;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Date, SummitStatus};
use crate::span::Span;

/// The row of a file the loader parsed; `None` when a part does not encode (the file is
/// then parsed again by the next load).
pub(super) fn encode(parsed: &Parsed) -> Option<Vec<u8>> {
    let mut row = Vec::with_capacity(256);
    let Some(briefing) = &parsed.briefing else {
        row.push(0);
        put_diagnostics(&mut row, &parsed.diagnostics)?;
        return Some(row);
    };
    let summit = &briefing.summit;
    let headline = Headline::of(briefing);
    row.push(1);
    let texts = [&*headline.id, &summit.title, &summit.location];
    put_header(&mut row, texts, summit.date, summit.status, &headline.tags);
    put_texts(&mut row, &headline.participants);
    put_texts(&mut row, &headline.disagreements);
    let links: Vec<Link> = Link::all(briefing).collect();
    put_number(&mut row, links.len() as u64);
    for link in links {
        put_number(&mut row, link.meeting as u64);
        put_date(&mut row, link.date);
        put_text(&mut row, &link.target);
    }
    let mut sites = Vec::new();
    put_site(&mut sites, parsed.sites.id.as_ref())?;
    put_number(&mut sites, parsed.sites.links.len() as u64);
    for link in &parsed.sites.links {
        put_site(&mut sites, link.as_ref())?;
    }
    put_bytes(&mut row, &sites);
    put_diagnostics(&mut row, &parsed.diagnostics)?;
    Some(row)
}

/// What a row says of its file: its summit, if it loaded, and its own diagnostics.
/// `None` for a row that does not read back (the file is then parsed).
pub(super) fn decode(row: &[u8]) -> Option<(Option<ListedSummit>, Vec<Diagnostic>)> {
    let mut fields = Fields { rest: row };
    let summit = match fields.byte()? {
        0 => None,
        1 => {
            let header = fields.header()?;
            fields.skip_texts()?;
            fields.skip_texts()?;
            // The links and sites are kept as they are, their texts checked when they are
            // read (at most once, for the checks across files): checking every link's
            // target as 100,000 rows were read was half of decoding them.
            let links = fields.rest;
            fields.skip_links()?;
            fields.bytes()?;
            let links = &links[..links.len() - fields.rest.len()];
            Some(header.summit(StoredLinks::Encoded(links.into())))
        }
        _ => return None,
    };
    let diagnostics = fields.diagnostics()?;
    fields.rest.is_empty().then_some((summit, diagnostics))
}

/// Calls `visit` with each link of a row's `links` field, at the start of `bytes`: the
/// meeting's index, its date and the id it links to. Returns what follows the field, or
/// `None` when it does not read back.
pub(super) fn decode_links(
    bytes: &[u8],
    mut visit: impl FnMut(usize, Date, &str),
) -> Option<&[u8]> {
    let mut fields = Fields { rest: bytes };
    for _ in 0..fields.number()? {
        visit(fields.size()?, fields.date()?, fields.text()?);
    }
    Some(fields.rest)
}

/// The texts of a row's list of texts (its `tags` field), all of `bytes`; `None` when they
/// do not read back.
pub(super) fn decode_texts(bytes: &[u8]) -> Option<Vec<String>> {
    let mut fields = Fields { rest: bytes };
    let texts = fields.texts()?;
    fields.rest.is_empty().then_some(texts)
}

/// The sites a row's `sites` field holds, after its `links` field at the start of
/// `bytes`; `None` when they do not read back.
pub(super) fn decode_sites(bytes: &[u8]) -> Option<Sites> {
    let after_links = decode_links(bytes, |_, _, _| {})?;
    let mut fields = Fields {
        rest: Fields { rest: after_links }.bytes()?,
    };
    let id = fields.site()?;
    let links = (0..fields.number()?)
        .map(|_| fields.site())
        .collect::<Option<_>>()?;
    fields.rest.is_empty().then_some(Sites { id, links })
}

/// The words of `field` in a row, for completion, skipping every other field; `None` for a
/// file that did not load (completion scans it: its lighter reading may find words) or a
/// row that does not read back.
pub(super) fn offered(row: &[u8], field: Offered) -> Option<Vec<String>> {
    if field == Offered::Ids {
        let mut fields = Fields { rest: row };
        if fields.byte()? != 1 {
            return None;
        }
        return Some(vec![fields.text()?.to_owned()]);
    }
    at_list(row, field)?.texts()
}

/// The bytes of `field`'s list in a row, to be read with [`list_texts`] when asked for:
/// what the reader keeps of the participants' names of 100,000 summits, where a string
/// each was most of its load's allocations. The texts are checked (UTF-8) only when read:
/// checking 1.4 million names as the index was read was a fifth of a warm start's longest
/// step, for a finder that reads them after the first frame. `None` for `Ids` (not a
/// list), a file that did not load, or a row that does not read back.
pub(super) fn offered_list(row: &[u8], field: Offered) -> Option<&[u8]> {
    if field == Offered::Ids {
        return None;
    }
    let mut fields = at_list(row, field)?;
    let list = fields.rest;
    fields.skip_texts()?;
    Some(&list[..list.len() - fields.rest.len()])
}

/// `texts` as a row's list holds them, to be read with [`list_texts`]: the reader keeps
/// a parsed summit's participants' names so, as it keeps a recalled one's.
pub(super) fn text_list<'a>(texts: impl ExactSizeIterator<Item = &'a str>) -> Vec<u8> {
    let mut list = Vec::new();
    put_number(&mut list, texts.len() as u64);
    for text in texts {
        put_text(&mut list, text);
    }
    list
}

/// The texts of a list [`offered_list`] gave, borrowed from it, each checked as it is
/// read: the list ends at the first text that is not UTF-8 (only a row forged with its
/// checksum has one), and bytes that are not a list give none.
pub(super) fn list_texts(list: &[u8]) -> impl Iterator<Item = &str> {
    let mut fields = Fields { rest: list };
    let count = fields.number().unwrap_or_default();
    (0..count).map_while(move |_| fields.text())
}

/// A loaded file's row read up to the start of `field`'s list (not `Ids`), skipping every
/// field before it.
fn at_list(row: &[u8], field: Offered) -> Option<Fields<'_>> {
    let mut fields = Fields { rest: row };
    if fields.byte()? != 1 {
        return None;
    }
    fields.text()?;
    fields.date()?;
    fields.byte()?;
    fields.text()?;
    fields.text()?;
    for skipped in [Offered::Tags, Offered::Participants] {
        if field == skipped {
            return Some(fields);
        }
        fields.skip_texts()?;
    }
    Some(fields)
}

pub(super) fn put_number(row: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        row.push((number & 0x7f) as u8 | 0x80);
        number >>= 7;
    }
    row.push(number as u8);
}

pub(super) fn put_bytes(row: &mut Vec<u8>, bytes: &[u8]) {
    put_number(row, bytes.len() as u64);
    row.extend_from_slice(bytes);
}

pub(super) fn put_text(row: &mut Vec<u8>, text: &str) {
    put_bytes(row, text.as_bytes());
}

fn put_texts(row: &mut Vec<u8>, texts: &[String]) {
    put_number(row, texts.len() as u64);
    for text in texts {
        put_text(row, text);
    }
}

fn put_date(row: &mut Vec<u8>, date: Date) {
    put_number(row, u64::from(date.year));
    row.extend([date.month, date.day]);
}

/// A summit's header as a row holds it (and a search's snapshot, `super::snapshot`),
/// read back by [`Fields::header`].
pub(super) fn put_header(
    row: &mut Vec<u8>,
    [id, title, location]: [&str; 3],
    date: Date,
    status: Option<SummitStatus>,
    tags: &[String],
) {
    put_text(row, id);
    put_date(row, date);
    put_status(row, status);
    put_text(row, title);
    put_text(row, location);
    put_texts(row, tags);
}

fn put_status(row: &mut Vec<u8>, status: Option<SummitStatus>) {
    row.push(match status {
        None => 0,
        Some(SummitStatus::Scheduled) => 1,
        Some(SummitStatus::Held) => 2,
        Some(SummitStatus::Cancelled) => 3,
    });
}

/// A site: a blank diagnostic (no path, no message) pointed at a place. Anything else
/// cannot be written (`None`), so what reads back is what was written.
fn put_site(row: &mut Vec<u8>, site: Option<&Diagnostic>) -> Option<()> {
    let Some(site) = site else {
        row.push(0);
        return Some(());
    };
    let blank = site.path.is_empty()
        && site.message.is_empty()
        && site.severity == Severity::Error
        && site.suggestion.is_none()
        && site.omitted == 0;
    if !blank {
        return None;
    }
    row.push(1);
    let optional = |row: &mut Vec<u8>, number: Option<usize>| {
        put_number(row, number.map_or(0, |number| number as u64 + 1));
    };
    optional(row, site.line);
    optional(row, site.column);
    match &site.span {
        None => row.push(0),
        Some(span) => {
            row.push(1);
            for number in [
                span.start,
                span.end,
                span.line,
                span.column,
                span.end_line,
                span.end_column,
            ] {
                put_number(row, number as u64);
            }
        }
    }
    match &site.snippet {
        None => row.push(0),
        Some(snippet) => {
            row.push(1);
            put_text(row, snippet);
        }
    }
    Some(())
}

/// The diagnostics as bytes: none as nothing, which is most files, so decoding them costs
/// nothing.
pub(super) fn put_diagnostics(row: &mut Vec<u8>, diagnostics: &[Diagnostic]) -> Option<()> {
    if diagnostics.is_empty() {
        put_bytes(row, &[]);
    } else {
        let mut bytes = Vec::new();
        ciborium::into_writer(diagnostics, &mut bytes).ok()?;
        put_bytes(row, &bytes);
    }
    Some(())
}

/// A summit's header as [`put_header`] writes it, borrowed from what holds it: its id,
/// title and place, its date and status, and its tags (checked, still encoded).
pub(super) struct Header<'a> {
    pub(super) texts: [&'a str; 3],
    pub(super) date: Date,
    pub(super) status: Option<SummitStatus>,
    pub(super) tags: &'a [u8],
}

impl Header<'_> {
    /// The summit of a catalog with this header and `links`.
    pub(super) fn summit(&self, links: StoredLinks) -> ListedSummit {
        ListedSummit::new(
            self.texts,
            self.date,
            self.status,
            Tags::encoded(self.tags),
            links,
        )
    }
}

/// A row being read, field by field. Every read is checked: a row is untrusted input.
pub(super) struct Fields<'a> {
    pub(super) rest: &'a [u8],
}

impl<'a> Fields<'a> {
    pub(super) fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(first)
    }

    pub(super) fn number(&mut self) -> Option<u64> {
        let mut number = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            number |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(number);
            }
        }
        None
    }

    pub(super) fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.number()?).ok()?;
        let (bytes, rest) = self.rest.split_at_checked(len)?;
        self.rest = rest;
        Some(bytes)
    }

    pub(super) fn text(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// A list of texts. Its count is not trusted for an allocation: each item read takes
    /// at least a byte of the row, so a forged count fails at the row's end.
    fn texts(&mut self) -> Option<Vec<String>> {
        (0..self.number()?)
            .map(|_| self.text().map(str::to_owned))
            .collect()
    }

    fn skip_texts(&mut self) -> Option<()> {
        for _ in 0..self.number()? {
            self.bytes()?;
        }
        Some(())
    }

    /// Skips a `links` field as [`decode_links`] reads it, checking its layout but not its
    /// dates or texts.
    fn skip_links(&mut self) -> Option<()> {
        for _ in 0..self.number()? {
            self.number()?;
            self.number()?;
            self.byte()?;
            self.byte()?;
            self.bytes()?;
        }
        Some(())
    }

    pub(super) fn date(&mut self) -> Option<Date> {
        let year = u16::try_from(self.number()?).ok()?;
        Date::new(year, self.byte()?, self.byte()?)
    }

    pub(super) fn size(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    /// A summit's header as [`put_header`] writes it.
    pub(super) fn header(&mut self) -> Option<Header<'a>> {
        self.header_with(|_| {})
    }

    /// A summit's header as [`put_header`] writes it, with its tags read into `tags` (each
    /// checked once, where reading them again from the header would check them twice).
    pub(super) fn header_and_tags(&mut self, tags: &mut Vec<&'a str>) -> Option<Header<'a>> {
        tags.clear();
        self.header_with(|tag| tags.push(tag))
    }

    fn header_with(&mut self, mut each_tag: impl FnMut(&'a str)) -> Option<Header<'a>> {
        let id = self.text()?;
        let date = self.date()?;
        let status = self.status()?;
        let texts = [id, self.text()?, self.text()?];
        let tags = self.rest;
        for _ in 0..self.number()? {
            each_tag(self.text()?);
        }
        Some(Header {
            texts,
            date,
            status,
            tags: &tags[..tags.len() - self.rest.len()],
        })
    }

    /// Diagnostics as [`put_diagnostics`] writes them.
    pub(super) fn diagnostics(&mut self) -> Option<Vec<Diagnostic>> {
        let bytes = self.bytes()?;
        if bytes.is_empty() {
            return Some(Vec::new());
        }
        ciborium::from_reader(bytes).ok()
    }

    /// A summit's status, `Some(None)` where it has none (`None`: the row does not read
    /// back, as for every read here).
    #[allow(clippy::option_option)]
    fn status(&mut self) -> Option<Option<SummitStatus>> {
        Some(match self.byte()? {
            0 => None,
            1 => Some(SummitStatus::Scheduled),
            2 => Some(SummitStatus::Held),
            3 => Some(SummitStatus::Cancelled),
            _ => return None,
        })
    }

    /// A site, `Some(None)` where there is none (`None`: the row does not read back, as
    /// for every read here).
    #[allow(clippy::option_option)]
    fn site(&mut self) -> Option<Option<Diagnostic>> {
        match self.byte()? {
            0 => return Some(None),
            1 => {}
            _ => return None,
        }
        let mut site = Diagnostic::new("", Severity::Error, "");
        // 0 for none, `n + 1` for `n`.
        site.line = self.size()?.checked_sub(1);
        site.column = self.size()?.checked_sub(1);
        site.span = match self.byte()? {
            0 => None,
            1 => Some(Box::new(Span {
                start: self.size()?,
                end: self.size()?,
                line: self.size()?,
                column: self.size()?,
                end_line: self.size()?,
                end_column: self.size()?,
            })),
            _ => return None,
        };
        site.snippet = match self.byte()? {
            0 => None,
            1 => Some(self.text()?.to_owned()),
            _ => return None,
        };
        Some(Some(site))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadOptions;
    use crate::corpus::parse::parse_file;
    use crate::corpus::read::bundled_files;

    #[test]
    fn every_bundled_briefing_reads_back_as_listed_and_as_offered() {
        for file in bundled_files() {
            let parsed = parse_file(file, LoadOptions::default(), None);
            let briefing = parsed.briefing.clone().unwrap();
            let row = encode(&parsed).unwrap();
            let (summit, diagnostics) = decode(&row).unwrap();
            let summit = summit.unwrap();
            assert_eq!(diagnostics, parsed.diagnostics);
            assert_eq!(summit.id(), briefing.id());
            assert_eq!(
                (
                    summit.date,
                    summit.status,
                    summit.title(),
                    summit.location()
                ),
                (
                    briefing.summit.date,
                    briefing.summit.status,
                    briefing.summit.title.as_str(),
                    briefing.summit.location.as_str()
                )
            );
            assert_eq!(summit.tags.all(), briefing.summit.tags);
            let mut links = Vec::new();
            summit.links.for_each(|meeting, date, target| {
                links.push(Link {
                    meeting,
                    date,
                    target: target.to_owned(),
                });
            });
            assert_eq!(links, Link::all(&briefing).collect::<Vec<_>>());
            let sites = summit.links.sites();
            assert_eq!(sites.id, parsed.sites.id);
            assert_eq!(sites.links, parsed.sites.links);
            let headline = Headline::of(&briefing);
            for (field, words) in [
                (Offered::Ids, vec![headline.id.clone()]),
                (Offered::Tags, headline.tags.clone()),
                (Offered::Participants, headline.participants.clone()),
                (Offered::Disagreements, headline.disagreements.clone()),
            ] {
                assert_eq!(offered(&row, field), Some(words.clone()), "{field:?}");
                if field != Offered::Ids {
                    let list = offered_list(&row, field).unwrap();
                    assert_eq!(list_texts(list).collect::<Vec<_>>(), words, "{field:?}");
                }
            }
            assert_eq!(
                offered_list(&row, Offered::Ids),
                None,
                "the id is not a list"
            );
        }
    }

    #[test]
    fn a_file_that_did_not_load_keeps_its_diagnostics_and_offers_nothing() {
        let parsed = Parsed {
            path: "f.toml".to_owned(),
            bundled: false,
            briefing: None,
            diagnostics: vec![Diagnostic::new(
                "f.toml",
                crate::diagnostics::Severity::Error,
                "bad",
            )],
            sites: super::super::sites::Sites::default(),
        };
        let row = encode(&parsed).unwrap();
        let (summit, diagnostics) = decode(&row).unwrap();
        assert!(summit.is_none());
        assert_eq!(diagnostics, parsed.diagnostics);
        assert_eq!(offered(&row, Offered::Ids), None);
        assert_eq!(offered_list(&row, Offered::Participants), None);
    }

    /// A row's links are checked as they are read, not when the row is: a target that is
    /// not UTF-8 (a row forged with its checksum) ends the links there, and the row, whose
    /// other fields hold, still reads back.
    #[test]
    fn a_link_that_does_not_read_back_ends_the_links() {
        let (parsed, links) = bundled_files()
            .into_iter()
            .map(|file| parse_file(file, LoadOptions::default(), None))
            .find_map(|parsed| {
                let links: Vec<Link> = Link::all(parsed.briefing.as_ref()?).collect();
                (links.len() >= 2).then_some((parsed, links))
            })
            .expect("a bundled briefing with two links");
        let mut row = encode(&parsed).unwrap();
        let target = links[1].target.as_bytes();
        let at = (row.windows(target.len()))
            .position(|window| window == target)
            .unwrap();
        row[at] = 0xff;
        let (summit, _) = decode(&row).expect("the row reads back");
        let mut read = Vec::new();
        summit
            .unwrap()
            .links
            .for_each(|_, _, target| read.push(target.to_owned()));
        assert_eq!(read, [links[0].target.clone()]);
    }

    /// Every cut and every changed byte of a row reads as a row that does not read back, or
    /// as some row: never a panic, never an allocation the size of a forged count.
    #[test]
    fn truncated_and_mangled_rows_never_panic() {
        let file = bundled_files().into_iter().next().unwrap();
        let row = encode(&parse_file(file, LoadOptions::default(), None)).unwrap();
        for cut in 0..row.len() {
            assert!(decode(&row[..cut]).is_none(), "cut at {cut}");
            let _ = offered(&row[..cut], Offered::Disagreements);
        }
        for at in 0..row.len() {
            for byte in [0, 0x7f, 0x80, 0xff] {
                let mut mangled = row.clone();
                mangled[at] = byte;
                if let Some((Some(summit), _)) = decode(&mangled) {
                    summit.links.for_each(|_, _, _| {});
                    let _ = summit.links.sites();
                }
                let _ = offered(&mangled, Offered::Disagreements);
                if let Some(list) = offered_list(&mangled, Offered::Participants) {
                    let _ = list_texts(list).count();
                }
                // Not a list at all: a forged count stops at the first text missing.
                assert!(list_texts(&mangled).count() <= mangled.len());
            }
        }
    }
}
