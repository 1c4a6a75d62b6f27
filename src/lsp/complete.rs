//! Completion: what may be typed where the cursor is. The text being typed often does not
//! parse (`sources = ["s`), so the slot is read from the cursor's line and the table header
//! above it; what is offered comes from the folder's corpus and the loader's own shape.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};
use sherpa_core::corpus::Corpus;
use sherpa_core::model::{json_schema, keys_of};

use super::documents::Document;
use super::position::LineIndex;

/// Where the cursor is, as far as completion is concerned.
#[derive(Debug, PartialEq, Eq)]
enum Slot {
    /// Where a key of `table` (a dotted path, `""` for the top level) is typed.
    Key { table: String },
    /// In the value of `key` in `table`; `quoted` when inside a string already.
    Value {
        table: String,
        key: String,
        quoted: bool,
    },
}

/// The completions at byte `offset` of the document.
#[must_use]
pub fn complete(document: &Document, corpus: &Corpus, offset: usize) -> Vec<CompletionItem> {
    let text = document.text.as_str();
    let Some(slot) = slot_at(text, offset) else {
        return Vec::new();
    };
    // The word being typed is replaced: ids hold `-`, which editors do not take for a word.
    let word_start = text[..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let lines = LineIndex::new(text);
    let replaced = lines.range(word_start..offset);
    let (choices, quoted) = match slot {
        Slot::Key { table } => (
            keys_of(&table)
                .into_iter()
                .map(|key| (key.to_owned(), None, CompletionItemKind::PROPERTY))
                .collect(),
            true,
        ),
        Slot::Value { table, key, quoted } => (values(document, corpus, &table, &key), quoted),
    };
    choices
        .into_iter()
        .map(|(label, detail, kind)| {
            let new_text = if quoted {
                label.clone()
            } else {
                toml::Value::String(label.clone()).to_string()
            };
            CompletionItem {
                label,
                kind: Some(kind),
                detail,
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replaced,
                    new_text,
                })),
                ..CompletionItem::default()
            }
        })
        .collect()
}

type Choice = (String, Option<String>, CompletionItemKind);

/// The values `key` of `table` may take.
fn values(document: &Document, corpus: &Corpus, table: &str, key: &str) -> Vec<Choice> {
    let top = table.split('.').next().unwrap_or_default();
    match (top, key) {
        (_, "summit") if top != "summit" => (corpus.briefings().iter())
            .map(|b| {
                let detail = format!("{} · {}", b.summit.title, b.summit.date);
                (
                    b.id().to_owned(),
                    Some(detail),
                    CompletionItemKind::REFERENCE,
                )
            })
            .collect(),
        (_, "sources") if top != "sources" => (document.sources.iter())
            .map(|(id, title)| (id.clone(), title.clone(), CompletionItemKind::REFERENCE))
            .collect(),
        (_, "party") => {
            let mut parties: Vec<String> = (corpus.briefings().iter())
                .flat_map(|b| {
                    let goals = b.goals.iter().map(|g| &g.party);
                    let sides =
                        (b.disagreements.iter()).flat_map(|d| d.positions.iter().map(|p| &p.party));
                    let delegations = b.participants.iter().filter_map(|p| p.delegation.as_ref());
                    goals
                        .chain(sides)
                        .chain(delegations)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .collect();
            parties.sort_unstable();
            parties.dedup();
            (parties.into_iter())
                .map(|party| (party, None, CompletionItemKind::VALUE))
                .collect()
        }
        ("disagreements", "id") => {
            // Each id once, with the topic it was last given, so a dispute keeps its id.
            let topics: BTreeMap<&str, &str> = (corpus.briefings().iter())
                .flat_map(|b| b.disagreements.iter())
                .filter_map(|d| Some((d.id.as_deref()?, d.topic.as_str())))
                .collect();
            (topics.into_iter())
                .map(|(id, topic)| {
                    (
                        id.to_owned(),
                        Some(topic.to_owned()),
                        CompletionItemKind::REFERENCE,
                    )
                })
                .collect()
        }
        ("summit" | "disagreements", "status") => {
            let name = if top == "summit" {
                "SummitStatus"
            } else {
                "DisagreementStatus"
            };
            (STATUSES.get(name).into_iter().flatten())
                .map(|value| (value.clone(), None, CompletionItemKind::ENUM_MEMBER))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Each status type's values, from the schema the loader's types generate.
static STATUSES: LazyLock<BTreeMap<String, Vec<String>>> = LazyLock::new(|| {
    let schema = json_schema();
    let Some(definitions) = schema.get("$defs").and_then(|d| d.as_object()) else {
        return BTreeMap::new();
    };
    definitions
        .iter()
        .filter_map(|(name, node)| {
            let values = node.get("enum")?.as_array()?;
            Some((
                name.clone(),
                values
                    .iter()
                    .filter_map(|v| Some(v.as_str()?.to_owned()))
                    .collect(),
            ))
        })
        .collect()
});

/// The slot at `offset`: the table is the last header above the cursor's line; on the line,
/// the last `key =` before the cursor outside strings, unless an inline table's `{` or `,`
/// comes after it.
fn slot_at(text: &str, offset: usize) -> Option<Slot> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = &before[line_start..];
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|header| {
            header
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    let mut key: Option<String> = None;
    // The key whose array the cursor's line opened, and the key an open `{` belongs to.
    let mut array_of: Option<String> = None;
    let mut inline: Option<String> = None;
    let mut braces = 0_usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut token = String::new();
    for c in line.chars() {
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && open == '"' {
                escaped = true;
            } else if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => return None,
            '=' => {
                key = Some(token.trim().to_owned());
                token.clear();
            }
            '[' if key.is_some() => array_of.clone_from(&key),
            '{' => {
                braces += 1;
                inline = key.take().or_else(|| array_of.clone());
                token.clear();
            }
            '}' => {
                braces = braces.saturating_sub(1);
                key = None;
            }
            ',' if braces > 0 && !in_array_after_key(line) => {
                key = None;
                token.clear();
            }
            _ => token.push(c),
        }
    }
    let table = match inline.filter(|_| braces > 0) {
        Some(inline) if table.is_empty() => inline,
        Some(inline) => format!("{table}.{inline}"),
        None => table,
    };
    Some(match key {
        Some(key) => Slot::Value {
            table,
            key: key.rsplit('.').next().unwrap_or_default().trim().to_owned(),
            quoted: quote.is_some(),
        },
        None if token
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_') =>
        {
            Slot::Key { table }
        }
        None => return None,
    })
}

/// Whether the line's last `=` opens an array that is still open (`sources = ["a", `):
/// its commas separate values, not keys.
fn in_array_after_key(line: &str) -> bool {
    line.rsplit_once('=')
        .is_some_and(|(_, value)| value.matches('[').count() > value.matches(']').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(text: &str) -> Option<Slot> {
        slot_at(text, text.len())
    }

    #[allow(clippy::unnecessary_wraps)] // Compared with `slot`'s answers as they are.
    fn value(table: &str, key: &str, quoted: bool) -> Option<Slot> {
        Some(Slot::Value {
            table: table.to_owned(),
            key: key.to_owned(),
            quoted,
        })
    }

    #[test]
    fn the_slot_is_read_from_the_line_and_the_header_above() {
        assert_eq!(
            slot("[[prior_meetings]]\nsummit = \"har"),
            value("prior_meetings", "summit", true)
        );
        assert_eq!(
            slot("[[goals]]\nsources = [\"s1\", \"s"),
            value("goals", "sources", true)
        );
        assert_eq!(
            slot("[summit]\nstatus = "),
            value("summit", "status", false)
        );
        assert_eq!(
            slot("[[disagreements]]\npositions = [{ party = \"N\", position = \"x\" }, { par"),
            Some(Slot::Key {
                table: "disagreements.positions".to_owned()
            })
        );
        assert_eq!(
            slot("[[disagreements]]\n  { party = \"No"),
            value("disagreements", "party", true)
        );
        assert_eq!(
            slot("[summit]\nloc"),
            Some(Slot::Key {
                table: "summit".to_owned()
            })
        );
        assert_eq!(slot("title = \"a = b, c"), value("", "title", true));
        assert_eq!(slot("# a comment = "), None);
    }

    #[test]
    fn the_word_replaced_starts_after_a_non_ascii_character_before_it() {
        // An emoji (two UTF-16 units, not part of a word) just before the word.
        let text = "[[goals]]\nparty = \"🙂No";
        let corpus = Corpus::from_sources([(
            "a.toml",
            "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n\
             [[goals]]\nparty = \"North\"\ngoal = \"G\"\n",
        )]);
        let uri: lsp_types::Uri = "file:///b.toml".parse().expect("a URI");
        let document = Document {
            uri,
            text: text.to_owned(),
            version: 1,
            path: "/b.toml".into(),
            folder: None,
            sources: Vec::new(),
        };
        let items = complete(&document, &corpus, text.len());
        let [item] = items.as_slice() else {
            panic!("one party: {items:?}");
        };
        let Some(CompletionTextEdit::Edit(edit)) = &item.text_edit else {
            panic!("an edit");
        };
        assert_eq!(edit.new_text, "North");
        assert_eq!(edit.range.start, lsp_types::Position::new(1, 11));
        assert_eq!(edit.range.end, lsp_types::Position::new(1, 13));
    }

    #[test]
    fn status_values_come_from_the_schema() {
        assert_eq!(
            STATUSES["DisagreementStatus"],
            ["open", "narrowed", "resolved"]
        );
        assert!(STATUSES["SummitStatus"].contains(&"held".to_owned()));
    }
}
