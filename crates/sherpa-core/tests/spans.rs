//! The span index checked against an oracle: for every key and value of every bundled
//! briefing, of generated corpora and of a file of every TOML shape the format allows, the
//! text a span covers is what the parser read there. A span one byte off either way fails:
//! the text then carries a quote, comma, bracket or blank too many or too few.

use sherpa_core::span::{Kind, Place, Segment, SpanIndex};
use toml::de::DeTable;

#[path = "../../../examples/gen_corpus.rs"]
#[allow(dead_code)] // The example's command-line half is not used here.
mod gen_corpus;

/// A TOML document holding `raw` as the value of `v`, read back.
fn value_of(raw: &str) -> Option<toml::Value> {
    let mut table: toml::Table = toml::from_str(&format!("v = {raw}")).ok()?;
    table.remove("v")
}

/// The key names of a `[table]` or `[[table]]` header, read back.
fn header_keys(raw: &str) -> Vec<String> {
    let mut names = Vec::new();
    let parsed: Result<toml::Table, _> = toml::from_str(raw);
    let mut table = parsed.unwrap_or_else(|err| panic!("{raw:?} is not a header: {err}"));
    while let Some((name, value)) = table.into_iter().next() {
        names.push(name);
        table = match value {
            toml::Value::Table(inner) => inner,
            toml::Value::Array(mut items) => match items.pop() {
                Some(toml::Value::Table(inner)) => inner,
                _ => break,
            },
            _ => break,
        };
    }
    names
}

/// Checks `place` and everything under it against `value`, what the whole file parses to at
/// that place; `keys` are the keys leading to it. Returns how many places were checked.
fn check(text: &str, place: Place<'_, '_>, value: &toml::Value, keys: &mut Vec<String>) -> usize {
    let mut checked = 0;
    for child in place.children() {
        let (child_value, pushed) = match child.segment() {
            Segment::Key(name) => {
                let key = child.key_span().expect("a key has a span");
                let raw = &text[key];
                let read: String = if raw.starts_with(['"', '\'']) {
                    header_keys(&format!("[{raw}]")).concat()
                } else {
                    raw.to_owned()
                };
                assert_eq!(read, name.as_ref(), "key at {}", child.path());
                keys.push(name.to_string());
                (value.get(name.as_ref()), true)
            }
            Segment::Index(index) => (value.get(*index), false),
            Segment::Root => unreachable_root(),
        };
        let child_value =
            child_value.unwrap_or_else(|| panic!("{} is not in the parsed file", child.path()));
        let raw = &text[child.value_span()];
        assert!(
            !raw.is_empty() && raw.trim() == raw,
            "value at {}: {raw:?}",
            child.path()
        );
        // An array of tables is written as its first element's header.
        let header = match child.kind() {
            Kind::Table => raw.starts_with('['),
            Kind::Array => child.at(0).map(|first| first.value_span()) == Some(child.value_span()),
            Kind::Scalar => false,
        };
        if header {
            // A table's header, or an array of tables' first header: the keys leading here.
            assert_eq!(&header_keys(raw), keys, "header at {}", child.path());
        } else if child.kind() == Kind::Table && !raw.starts_with('{') {
            // A dotted key's implicit table is written as the key.
            assert_eq!(
                Some(raw),
                child.key_span().map(|k| &text[k]),
                "{}",
                child.path()
            );
        } else {
            assert_eq!(
                value_of(raw).as_ref(),
                Some(child_value),
                "value at {}",
                child.path()
            );
        }
        checked += 1 + check(text, child, child_value, keys);
        if pushed {
            keys.pop();
        }
    }
    checked
}

fn unreachable_root() -> ! {
    panic!("the root is no one's child")
}

/// Checks every place of a file; returns how many there were.
fn check_file(name: &str, text: &str) -> usize {
    let root = DeTable::parse(text).unwrap_or_else(|err| panic!("{name}: {err}"));
    let index = SpanIndex::new(&root);
    let whole: toml::Value = toml::from_str(text).unwrap_or_else(|err| panic!("{name}: {err}"));
    let checked = check(text, index.root(), &whole, &mut Vec::new());
    assert_eq!(checked, index.places().count(), "{name}");
    checked
}

#[test]
fn every_span_of_every_bundled_briefing_covers_what_the_parser_read() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../briefings");
    let mut files = 0;
    for entry in std::fs::read_dir(folder).expect("the bundled briefings") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a briefing's text");
        assert!(check_file(&path.display().to_string(), &text) > 50);
        files += 1;
    }
    assert!(files >= 10, "{files} briefings");
}

#[test]
fn every_span_of_generated_briefings_covers_what_the_parser_read() {
    let mut files = gen_corpus::generate(20, 7);
    files.push(gen_corpus::huge_participants(200, 7));
    for (name, text) in &files {
        check_file(name, text);
    }
}

#[test]
fn every_span_of_every_shape_of_key_and_value_covers_what_the_parser_read() {
    let text = concat!(
        "# a comment\r\n",
        "top = 1\r\n",
        "\"quoted key\" = 'literal'\n",
        "'single quoted' = \"escaped \\\" quote\"\n",
        "\"esc\\u00e9\" = 2\n",
        "\"clé\" = \"unicode key\"\n",
        "a.b.\"c d\".e = 1.5\n",
        "  indented   =   true  # trailing\n",
        "when = 2020-01-02T03:04:05Z\n",
        "day = 2020-01-02\n",
        "multi = \"\"\"\nline one\nline \"two\"\n\"\"\"\n",
        "raw = '''\nno \\escapes'''\n",
        "nested = [[1, 2], [\"x\", { y = [ {z = 1}, {} ] }], []]\n",
        "inline = { p.q = 1, 'r s' = { t = 2 } }\n",
        "goals = [\n  { party = \"P\", goal = \"G\" },\n  { party = \"Q\", goal = \"H\", sources = ['s1', \"s2\"] },\n]\n",
        "[summit]\ntitle = \"T\"\n",
        "[ summit . \"sub table\" ]\nx = -1\n",
        "[[participants]]\nname = \"A\"\n",
        "[[participants]]\nname = \"B\"\n",
        "[participants.extra]\ny = 0x1F\n",
        "[[participants.notes]]\nz = +inf\n",
        "[[ 'spaced array' ]]\n",
    );
    assert_eq!(check_file("shapes.toml", text), 57);
}
