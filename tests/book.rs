//! `sherpa book`: the HTML parsed as a browser would, the markdown checked for the
//! structure GitHub renders, hostile briefings, writing to a file, and a real print to PDF.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command as Process;

use common::{bundled, fixtures, sherpa, squeeze};
use predicates::prelude::*;
use scraper::{Html, Selector};
use sherpa_core::corpus::Corpus;

/// A fixed cover date, so runs compare equal.
const EPOCH: &str = "1767225600"; // 2026-01-01

fn book(dir: &Path, args: &[&str]) -> String {
    let output = sherpa(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("book")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(element: scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

fn bundled_dir() -> String {
    bundled().display().to_string()
}

#[test]
fn html_book_holds_every_summit_in_date_order_with_working_contents() {
    let tmp = tempfile::tempdir().unwrap();
    let html = Html::parse_document(&book(
        tmp.path(),
        &["--format", "html", "--dir", &bundled_dir()],
    ));
    let corpus = Corpus::load_paths(&[bundled()]);
    let parts = select(&html, "section.summit > h2");
    assert_eq!(parts.len(), corpus.len());
    for (part, briefing) in parts.iter().zip(corpus.briefings()) {
        assert!(
            text_of(*part).ends_with(&briefing.summit.title),
            "{} is not {}",
            text_of(*part),
            briefing.summit.title
        );
    }
    let ids: HashSet<String> = select(&html, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_owned())
        .collect();
    let contents = select(&html, "nav a");
    assert_eq!(
        contents.len(),
        corpus.len() + 3,
        "summits, board, timeline, sources"
    );
    for link in select(&html, "a[href^='#']") {
        let target = &link.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "#{target} has no element");
    }
    for section in ["board", "timeline", "sources"] {
        assert!(ids.contains(section), "{section}");
    }
    assert_eq!(select(&html, "title").len(), 1);
    assert_eq!(
        text_of(select(&html, "header.cover h1")[0]),
        "Briefing book"
    );
    let cover = text_of(select(&html, "header.cover")[0]);
    assert!(cover.contains("2017-07-07 to 2026-01-22"), "{cover}");
    assert!(
        cover.contains("19 summits") && cover.contains("2026-01-01"),
        "{cover}"
    );
}

#[test]
fn every_source_is_listed_once_as_a_link_and_every_footnote_points_at_one() {
    let tmp = tempfile::tempdir().unwrap();
    let html = Html::parse_document(&book(
        tmp.path(),
        &["--format", "html", "--dir", &bundled_dir()],
    ));
    let sources = select(&html, "ol.sources > li");
    assert!(sources.len() > 100, "{}", sources.len());
    let mut urls = HashSet::new();
    for source in &sources {
        let links = source
            .select(&Selector::parse("a[href^='https://'], a[href^='http://']").unwrap())
            .collect::<Vec<_>>();
        assert_eq!(links.len(), 1, "{}", source.html());
        assert!(
            urls.insert(links[0].value().attr("href").unwrap().to_owned()),
            "listed twice: {}",
            source.html()
        );
    }
    let footnotes = select(&html, "sup a[href^='#source-']");
    assert!(footnotes.len() > sources.len(), "claims cite sources");
}

#[test]
fn html_is_self_contained_with_screen_and_print_styles() {
    let tmp = tempfile::tempdir().unwrap();
    let text = book(tmp.path(), &["--format", "html", "--dir", &bundled_dir()]);
    let html = Html::parse_document(&text);
    for forbidden in [
        "script", "link", "img", "iframe", "object", "embed", "[src]",
    ] {
        assert!(select(&html, forbidden).is_empty(), "{forbidden}");
    }
    let style = text_of(select(&html, "style")[0]);
    for needed in [
        "prefers-color-scheme: dark",
        "@page",
        "@media print",
        "break-before: page",
        "attr(href)",
    ] {
        assert!(style.contains(needed), "{needed}");
    }
    assert!(!style.contains("url(") && !style.contains("@import"));
}

/// A briefing whose every field carries markup, a script and a `javascript:` link.
fn hostile_briefing(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("hostile");
    std::fs::create_dir(&folder).unwrap();
    let x = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let text = format!(
        r#"[summit]
id = "evil"
title = '{x} title'
date = 2020-01-01
location = '{x}'
summary = '{x} summary'
tags = ['{x}']
[[participants]]
name = '{x} name'
role = '{x}'
sources = ["s1", '{x}']
[[prior_meetings]]
date = 2019-01-01
place = '{x}'
summary = '{x}'
summit = '{x}'
[[goals]]
party = '{x}'
goal = '{x}'
[[disagreements]]
id = "dispute"
topic = '{x} topic'
positions = [{{ party = '{x}', position = '{x}' }}]
[[sources]]
id = "s1"
title = '{x} source'
publisher = '{x}'
url = "javascript:alert(3)"
[[sources]]
id = "s2"
title = "Quoted"
url = 'https://example.org/"><script>alert(4)</script>'
"#
    );
    std::fs::write(folder.join("evil.toml"), text).unwrap();
    folder
}

#[test]
fn hostile_fields_show_as_text_and_never_run() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = hostile_briefing(tmp.path());
    let text = book(
        tmp.path(),
        &["--format", "html", "--dir", &folder.display().to_string()],
    );
    let html = Html::parse_document(&text);
    assert!(select(&html, "script").is_empty(), "a <script> element");
    assert!(select(&html, "img").is_empty(), "an <img> element");
    for element in select(&html, "*") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(
                !value.to_ascii_lowercase().starts_with("javascript:"),
                "{value}"
            );
        }
    }
    let title = text_of(select(&html, "section.summit > h2")[0]);
    assert!(title.contains("<script>alert(1)</script>"), "{title}");
    let body = text_of(select(&html, "body")[0]);
    assert!(body.contains("javascript:alert(3)"), "shown as text");
    assert!(body.matches("<script>alert(1)</script>").count() > 10);
}

#[test]
fn hostile_control_characters_never_reach_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    for format in ["html", "markdown"] {
        let text = book(
            tmp.path(),
            &[
                "--format",
                format,
                "--dir",
                &fixtures("hostile").display().to_string(),
            ],
        );
        assert!(
            !text.chars().any(|c| c != '\n' && common::forbidden(c)),
            "{format}"
        );
        assert!(text.contains("MARK-CSI"), "{format}");
    }
}

#[test]
fn markdown_book_has_the_structure_github_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let md = book(
        tmp.path(),
        &["--dir", &bundled_dir(), "--title", "The *book*"],
    );
    let corpus = Corpus::load_paths(&[bundled()]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "# The \\*book\\*");
    assert_eq!(lines.iter().filter(|l| l.starts_with("# ")).count(), 1);
    let parts: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("## ") && l.as_bytes()[3].is_ascii_digit())
        .copied()
        .collect();
    assert_eq!(parts.len(), corpus.len());
    for (n, (line, briefing)) in parts.iter().zip(corpus.briefings()).enumerate() {
        assert_eq!(*line, format!("## {}. {}", n + 1, briefing.summit.title));
    }
    for heading in [
        "## Contents",
        "## The disagreement board",
        "## Timeline of the selection",
        "## All sources",
        "### Summary",
        "### Disagreements (6)",
    ] {
        assert!(lines.contains(&heading), "{heading}");
    }
    // Contents: one link per summit, each to the anchor GitHub makes of its heading.
    assert_eq!(
        lines[8],
        "1. [Trump–Putin meeting at the G20 in Hamburg](#1-trumpputin-meeting-at-the-g20-in-hamburg)"
    );
    // The board as a table with a header separator and one column per summit.
    let header = lines
        .iter()
        .position(|l| l.starts_with("| Disagreement |"))
        .unwrap();
    let columns = lines[header].matches(" | ").count() + 1;
    assert_eq!(lines[header + 1].matches("---|").count(), columns);
    assert!(lines[header + 2].starts_with("| election-interference | open |"));
}

#[test]
fn selection_by_ids_tag_participant_and_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = bundled_dir();
    let parts = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--dir", dir.as_str()];
        all.extend_from_slice(args);
        book(tmp.path(), &all)
            .lines()
            .filter(|l| l.starts_with("## ") && l.as_bytes()[3].is_ascii_digit())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        parts(&["anchorage-2025", "helsinki-2018"]),
        vec![
            "## 1. Trump–Putin summit in Helsinki",
            "## 2. Trump–Putin summit in Anchorage"
        ]
    );
    assert_eq!(parts(&["--tag", "G20"]).len(), 3);
    assert_eq!(
        parts(&["--from", "2025-08-15", "--to", "2025-08-18"]).len(),
        2
    );
    let niinisto = parts(&["--participant", "niinisto"]);
    assert_eq!(niinisto, vec!["## 1. Trump–Putin summit in Helsinki"]);
}

#[test]
fn a_selection_that_holds_nothing_or_a_mistyped_id_fails() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["book", "helsinki-2081", "--dir"])
        .arg(bundled())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("did you mean helsinki-2018?"));
    sherpa(tmp.path())
        .args(["book", "--tag", "no-such-tag", "--dir"])
        .arg(bundled())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no summit matches the selection"));
    sherpa(tmp.path())
        .args(["book", "--from", "2025-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a date"));
}

#[test]
fn writing_to_a_file_keeps_an_existing_one_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("book.html");
    let run = |force: bool| {
        let mut cmd = sherpa(tmp.path());
        cmd.args(["book", "helsinki-2018", "-o"])
            .arg(&path)
            .arg("--dir")
            .arg(bundled());
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
    };
    run(false)
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote"));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"), "format from .html");
    std::fs::write(&path, "mine").unwrap();
    run(false)
        .code(1)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    run(true).success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let leftovers = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".sherpa-export-")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file left behind");
}

/// The first of these programs found on PATH.
fn find_program(names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let found = Process::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()?;
        found
            .status
            .success()
            .then(|| String::from_utf8_lossy(&found.stdout).trim().to_owned())
    })
}

/// `html` printed by headless Chromium on `paper` (a CSS page size: the book names none,
/// so it prints on whatever paper it is given) and read back with pdftotext; `None` (and
/// a skip) when either program is missing.
fn printed(dir: &Path, html: &str, paper: &str) -> Option<String> {
    let Some(chromium) = find_program(&["chromium", "chromium-browser", "google-chrome"]) else {
        common::skip("no chromium on PATH (.ci/run installs it with apt-get)");
        return None;
    };
    let Some(pdftotext) = find_program(&["pdftotext"]) else {
        common::skip("no pdftotext on PATH (.ci/run installs poppler-utils)");
        return None;
    };
    let page = dir.join(format!("book-{paper}.html"));
    let pdf = dir.join(format!("book-{paper}.pdf"));
    let sized = html.replacen(
        "</head>",
        &format!("<style>@page {{ size: {paper}; }}</style></head>"),
        1,
    );
    std::fs::write(&page, sized).unwrap();
    let log = dir.join("chromium.log");
    let mut chromium = Process::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        // To a file, not a pipe: a full pipe would stall the browser until the deadline.
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    // A browser that hangs (no display services, a locked profile) fails the test, not CI.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while chromium.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            chromium.kill().unwrap();
            panic!("chromium did not finish printing within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = chromium.wait().unwrap();
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF ({status}): {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    let text = Process::new(&pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    Some(String::from_utf8_lossy(&text.stdout).into_owned())
}

/// The bundled briefings' book as HTML.
fn bundled_book_html(dir: &Path) -> String {
    let html = dir.join("book.html");
    sherpa(dir)
        .args(["book", "--format", "html", "-o"])
        .arg(&html)
        .arg("--dir")
        .arg(bundled())
        .assert()
        .success();
    std::fs::read_to_string(&html).unwrap()
}

#[test]
fn the_html_book_prints_to_pdf_with_every_summit() {
    let tmp = tempfile::tempdir().unwrap();
    let html = bundled_book_html(tmp.path());
    let Some(text) = printed(tmp.path(), &html, "A4") else {
        return;
    };
    let text = squeeze(&text);
    let corpus = Corpus::load_paths(&[bundled()]);
    for briefing in corpus.briefings() {
        assert!(
            text.contains(&squeeze(&briefing.summit.title)),
            "{} missing from the PDF",
            briefing.summit.title
        );
    }
    assert!(text.contains("Thedisagreementboard") && text.contains("Allsources"));
}

/// The board's summit ids and the count of each status word, as the HTML has them.
fn board_in_html(html: &str) -> (Vec<String>, HashMap<&'static str, usize>) {
    let (_, board) = html.split_once("<section class=\"part-board\"").unwrap();
    let (board, _) = board.split_once("</section>").unwrap();
    let ids = board
        .split("<th scope=\"col\"><a href=\"#")
        .skip(1)
        .filter_map(|head| {
            let (_, rest) = head.split_once("\">")?;
            rest.split_once("</a>").map(|(id, _)| id.to_owned())
        })
        .collect();
    let statuses = ["open", "narrowed", "resolved"]
        .into_iter()
        .map(|word| (word, board.matches(&format!("\">{word}</td>")).count()))
        .collect();
    (ids, statuses)
}

#[test]
fn every_board_column_and_status_word_reaches_a4_and_letter_paper() {
    let tmp = tempfile::tempdir().unwrap();
    let html = bundled_book_html(tmp.path());
    let (ids, statuses) = board_in_html(&html);
    assert!(ids.len() > 10, "{ids:?}");
    assert!(statuses["narrowed"] > 0, "{statuses:?}");
    for paper in ["A4", "letter"] {
        let Some(text) = printed(tmp.path(), &html, paper) else {
            return;
        };
        // The board's pages: from its heading (the last one: the contents list it too)
        // to the next part's.
        let start = text.rfind("The disagreement board").unwrap();
        let end = start + text[start..].find("Timeline of the selection").unwrap();
        let words: Vec<&str> = text[start..end].split_whitespace().collect();
        for id in &ids {
            assert!(
                words.contains(&id.as_str()),
                "{paper}: column {id} cut or lost"
            );
        }
        for (word, count) in &statuses {
            let printed = words.iter().filter(|w| *w == word).count();
            assert_eq!(printed, *count, "{paper}: {word} printed {printed} times");
        }
        assert!(
            text[start..end].contains("status at summits 1–4 of"),
            "{paper}: no caption"
        );
    }
}

/// Markdown parsed as GitHub does (tables and footnotes on): the headings by level with
/// their text, link targets, footnote references and definitions, tables, raw HTML.
#[derive(Default)]
struct Markdown {
    headings: Vec<(usize, String)>,
    links: Vec<String>,
    references: HashSet<String>,
    definitions: Vec<String>,
    table_columns: Vec<usize>,
    raw_html: Vec<String>,
}

fn parse_markdown(text: &str) -> Markdown {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut md = Markdown::default();
    let mut heading: Option<(usize, String)> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as usize, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => md.headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => md.links.push(dest_url.to_string()),
            Event::FootnoteReference(label) => {
                md.references.insert(label.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(label)) => md.definitions.push(label.to_string()),
            Event::Start(Tag::Table(alignments)) => md.table_columns.push(alignments.len()),
            Event::Html(h) | Event::InlineHtml(h) => md.raw_html.push(h.to_string()),
            _ => {}
        }
    }
    md
}

/// GitHub's anchor for a heading, restated from its rules: lowercase, punctuation other
/// than `-` and `_` removed, spaces to hyphens.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn markdown_parses_as_github_would_with_resolving_links_and_footnotes() {
    let tmp = tempfile::tempdir().unwrap();
    let md = parse_markdown(&book(tmp.path(), &["--dir", &bundled_dir()]));
    let corpus = Corpus::load_paths(&[bundled()]);
    assert_eq!(
        md.headings.iter().filter(|(level, _)| *level == 1).count(),
        1
    );
    let parts: Vec<&str> = md
        .headings
        .iter()
        .filter(|(level, text)| *level == 2 && text.as_bytes()[0].is_ascii_digit())
        .map(|(_, text)| text.as_str())
        .collect();
    let titles: Vec<String> = corpus
        .briefings()
        .iter()
        .enumerate()
        .map(|(i, b)| format!("{}. {}", i + 1, b.summit.title))
        .collect();
    assert_eq!(parts, titles);
    let anchors: HashSet<String> = md.headings.iter().map(|(_, text)| anchor(text)).collect();
    let internal: Vec<&String> = md.links.iter().filter(|l| l.starts_with('#')).collect();
    assert!(
        internal.len() > corpus.len() * 2,
        "contents and board link to parts"
    );
    for link in internal {
        assert!(
            anchors.contains(&link[1..]),
            "{link} is no heading's anchor"
        );
    }
    assert!(!md.references.is_empty());
    let defined: HashSet<String> = md.definitions.iter().cloned().collect();
    assert_eq!(
        defined.len(),
        md.definitions.len(),
        "a footnote defined twice"
    );
    assert_eq!(md.references, defined, "references and definitions differ");
    let summits_with_disputes = Corpus::load_paths(&[bundled()])
        .briefings()
        .iter()
        .filter(|b| b.disagreements.iter().any(|d| d.id.is_some()))
        .count();
    assert_eq!(
        md.table_columns,
        vec![summits_with_disputes + 1],
        "the board"
    );
    assert!(md.raw_html.is_empty(), "{:?}", md.raw_html);
}

#[test]
fn hostile_markdown_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = hostile_briefing(tmp.path());
    let text = book(tmp.path(), &["--dir", &folder.display().to_string()]);
    let md = parse_markdown(&text);
    assert!(md.raw_html.is_empty(), "raw HTML: {:?}", md.raw_html);
    assert!(
        md.links
            .iter()
            .all(|l| !l.to_lowercase().starts_with("javascript")),
        "{:?}",
        md.links
    );
    assert!(
        md.headings
            .iter()
            .any(|(_, h)| h.contains("<script>alert(1)</script>")),
        "{:?}",
        md.headings
    );
}
