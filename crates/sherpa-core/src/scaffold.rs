//! The text of a new briefing, as `sherpa new` writes it.
//!
//! A new file must pass `sherpa check --strict` as written, so every example entry is a
//! comment and the `[summit]` table holds only valid values: the flags given, else
//! placeholders that say what to write. Strings are written by the TOML serialiser, so a
//! title with quotes or backslashes cannot break the file.

use crate::model::Date;

/// What `sherpa new` knows about the summit when it writes the file.
#[derive(Debug, Clone)]
pub struct Scaffold<'a> {
    /// A valid id (the caller checks it with [`crate::corpus::is_valid_id`]).
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub date: Date,
    pub location: Option<&'a str>,
    /// What to put after `#:schema `: a path to the schema, relative to the new file when
    /// one is near; `None` when no schema file could be found.
    pub schema: Option<&'a str>,
}

/// The placeholder title, for tests and for users searching their files for it.
pub const TITLE_PLACEHOLDER: &str = "TODO: the summit's title";
/// The placeholder location.
pub const LOCATION_PLACEHOLDER: &str = "TODO: where the summit takes place";

/// One commented example entry for every section, the keys as the README documents them.
const EXAMPLES: &str = r#"
# Every section below is optional. Uncomment an entry, fill it in, and copy it for more.

# [[participants]]                 # name required; the rest optional
# name = "Full Name"
# role = "Office at the time of the summit"
# delegation = "Country or organisation"
# notes = "Anything the reader should know."
# sources = ["s1"]                 # ids of [[sources]] entries in this file

# [[prior_meetings]]               # date, place, summary required
# date = 2025-01-01
# place = "City"
# summary = "What the meeting was about."
# outcome = "What came of it."     # optional
# summit = "other-briefing-id"     # optional: links the briefing of that meeting
# sources = ["s1"]

# [[goals]]                        # party, goal required
# party = "Country or organisation"
# goal = "What it says it wants from the summit."
# sources = ["s1"]

# [[disagreements]]                # topic required
# id = "short-stable-id"           # optional: the same id in other files tracks it across summits
# topic = "The question still open"
# summary = "Where it stands."     # optional
# status = "open"                  # open | narrowed | resolved; default open
# positions = [
#   { party = "One side", position = "What it holds." },
#   { party = "The other side", position = "What it holds." },
# ]
# sources = ["s1"]

# [[sources]]                      # id required; the rest optional
# id = "s1"
# title = "Title of the document"
# publisher = "Who published it"
# url = "https://example.org/document"
# date = 2025-01-01
"#;

/// The whole text of the new briefing.
#[must_use]
pub fn render(scaffold: &Scaffold<'_>) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let mut out = String::new();
    match scaffold.schema {
        Some(schema) => out.push_str(&format!("#:schema {schema}\n")),
        None => out.push_str(
            "# No schema file was found near this folder: `sherpa schema > briefing.schema.json`\n\
             # writes one, and a first line `#:schema PATH` lets editors check this file.\n",
        ),
    }
    out.push_str(&format!(
        "\n[summit]\nid = {}\ntitle = {}\ndate = {}\nlocation = {}\nstatus = \"scheduled\"     # scheduled | held | cancelled\n\
         # summary = \"\"\"\n# Background for the reader; paragraphs are separated by blank lines.\n# \"\"\"\n\
         # tags = [\"keyword\"]\n",
        quoted(scaffold.id),
        quoted(scaffold.title.unwrap_or(TITLE_PLACEHOLDER)),
        scaffold.date,
        quoted(scaffold.location.unwrap_or(LOCATION_PLACEHOLDER)),
    ));
    out.push_str(EXAMPLES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn scaffold<'a>(title: Option<&'a str>, schema: Option<&'a str>) -> Scaffold<'a> {
        Scaffold {
            id: "oslo-2026",
            title,
            date: Date::new(2026, 5, 1).unwrap_or_else(|| unreachable!()),
            location: None,
            schema,
        }
    }

    #[test]
    fn a_new_briefing_loads_without_a_single_diagnostic() {
        let text = render(&scaffold(None, Some("../schema/briefing.schema.json")));
        let corpus = Corpus::from_sources([("oslo-2026.toml", text.as_str())]);
        assert_eq!(corpus.diagnostics(), &[]);
        let briefing = corpus.get("oslo-2026").expect("loads");
        assert_eq!(briefing.summit.title, TITLE_PLACEHOLDER);
        assert_eq!(briefing.summit.date.to_string(), "2026-05-01");
        assert!(text.starts_with("#:schema ../schema/briefing.schema.json\n"));
    }

    #[test]
    fn every_commented_example_is_valid_once_uncommented() {
        let text = render(&scaffold(None, Some("s.json")));
        let uncommented = text
            .lines()
            .map(|line| line.strip_prefix("# ").unwrap_or(line))
            .filter(|line| !line.starts_with('#') && !line.starts_with("Every section"))
            .collect::<Vec<_>>()
            .join("\n");
        let corpus = Corpus::from_sources([("oslo-2026.toml", uncommented.as_str())]);
        let briefing = corpus
            .get("oslo-2026")
            .expect("the uncommented scaffold loads");
        assert_eq!(briefing.participants.len(), 1);
        assert_eq!(briefing.disagreements[0].positions.len(), 2);
        assert_eq!(briefing.sources.len(), 1);
        // The only complaint is the link to a briefing that does not exist.
        assert_eq!(corpus.diagnostics().len(), 1, "{:?}", corpus.diagnostics());
    }

    #[test]
    fn titles_with_quotes_and_backslashes_stay_one_string() {
        let title = "The \"Big\" \\ summit\n# not a comment";
        let text = render(&scaffold(Some(title), None));
        let corpus = Corpus::from_sources([("oslo-2026.toml", text.as_str())]);
        assert_eq!(corpus.get("oslo-2026").expect("loads").summit.title, title);
    }
}
