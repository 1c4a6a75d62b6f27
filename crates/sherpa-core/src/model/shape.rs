//! The keys the format allows, table by table, read from the JSON Schema the model
//! generates: the loader finds a file's unknown keys by walking its span index against this
//! shape (so each comes with where it is written), and a misspelt key's "did you mean"
//! comes from the same table's keys, as every required key a file lacks does. All follow
//! the types the loader deserialises, so none can drift from them.

use std::ops::Range;
use std::sync::LazyLock;

use serde_json::Value;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::span::{Kind, Place, Segment, SpanIndex};

/// What one place in a briefing holds.
#[derive(Debug)]
enum Shape {
    /// A table: the keys it allows, each with what it holds, and those it needs.
    Table {
        keys: Vec<(&'static str, Shape)>,
        required: Vec<&'static str>,
    },
    /// An array and what each item holds.
    Array(Box<Shape>),
    /// A string, number, date or list of such: nothing with keys inside.
    Value,
}

/// The whole file's shape, made once from the schema.
static BRIEFING: LazyLock<Shape> = LazyLock::new(|| Shape::of(super::schema(), super::schema()));

impl Shape {
    /// The shape a schema `node` describes, `$ref`s resolved against `root`. The model has no
    /// recursive types, so this ends.
    fn of(root: &'static Value, node: &'static Value) -> Self {
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix('#').and_then(|r| root.pointer(r)) {
                Some(target) => target,
                None => return Self::Value,
            },
            None => node,
        };
        if let Some(Value::Object(keys)) = node.get("properties") {
            let required = node.get("required").and_then(Value::as_array);
            Self::Table {
                keys: keys
                    .iter()
                    .map(|(key, node)| (key.as_str(), Self::of(root, node)))
                    .collect(),
                required: required
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect(),
            }
        } else if let Some(items) = node.get("items") {
            Self::Array(Box::new(Self::of(root, items)))
        } else {
            Self::Value
        }
    }

    /// What `key` of this table holds, if the table allows it.
    fn key(&self, key: &str) -> Option<&Self> {
        match self {
            Self::Table { keys, .. } => {
                keys.iter().find(|(k, _)| *k == key).map(|(_, shape)| shape)
            }
            _ => None,
        }
    }

    /// Reports each key under `place` this shape does not allow, without looking inside
    /// it.
    fn unknown_keys<'a, 'i>(&self, place: Place<'a, 'i>, found: &mut impl FnMut(Place<'a, 'i>)) {
        match (self, place.kind()) {
            (Self::Table { .. }, Kind::Table) => self.unknown_in(place, found),
            (Self::Array(item), Kind::Array) => {
                for element in place.children() {
                    item.unknown_keys(element, found);
                }
            }
            // A value of the wrong kind is the deserialiser's error to report.
            _ => {}
        }
    }

    /// Whether `value` holds a key this shape does not allow ([`has_unknown_keys`]).
    fn any_unknown(&self, value: &DeValue<'_>) -> bool {
        match (self, value) {
            (Self::Table { .. }, DeValue::Table(table)) => self.any_unknown_in(table),
            (Self::Array(item), DeValue::Array(elements)) => elements
                .iter()
                .any(|element| item.any_unknown(element.get_ref())),
            // A value of the wrong kind is the deserialiser's error to report.
            _ => false,
        }
    }

    /// [`Shape::any_unknown`] for the keys of `table`, this shape's table.
    fn any_unknown_in(&self, table: &DeTable<'_>) -> bool {
        table.iter().any(|(key, value)| {
            self.key(key.get_ref())
                .is_none_or(|shape| shape.any_unknown(value.get_ref()))
        })
    }

    /// Reports each required key that `value` (spanning `span` of the text) or a table
    /// inside it lacks, with the span of the table that lacks it.
    fn missing_keys(
        &self,
        value: &DeValue<'_>,
        span: Range<usize>,
        found: &mut impl FnMut(&'static str, Range<usize>),
    ) {
        match (self, value) {
            (Self::Table { .. }, DeValue::Table(table)) => self.missing_in(table, span, found),
            (Self::Array(item), DeValue::Array(elements)) => {
                for element in elements {
                    item.missing_keys(element.get_ref(), element.span(), found);
                }
            }
            // A value of the wrong kind is the deserialiser's error to report.
            _ => {}
        }
    }

    /// [`Shape::missing_keys`] for `table`, this shape's table.
    fn missing_in(
        &self,
        table: &DeTable<'_>,
        span: Range<usize>,
        found: &mut impl FnMut(&'static str, Range<usize>),
    ) {
        let Self::Table { required, .. } = self else {
            return;
        };
        for key in required {
            if !table.contains_key(*key) {
                found(key, span.clone());
            }
        }
        for (key, value) in table {
            if let Some(shape) = self.key(key.get_ref()) {
                shape.missing_keys(value.get_ref(), value.span(), found);
            }
        }
    }

    /// [`Shape::unknown_keys`] for the keys of `table`, this shape's table.
    fn unknown_in<'a, 'i>(&self, table: Place<'a, 'i>, found: &mut impl FnMut(Place<'a, 'i>)) {
        for child in table.children() {
            let Segment::Key(key) = child.segment() else {
                continue;
            };
            match self.key(key) {
                Some(shape) => shape.unknown_keys(child, found),
                None => found(child),
            }
        }
    }
}

/// Whether a parsed briefing has any key the format does not know: the walk over the parsed
/// table itself that spares a file with none (nearly every file) the span index that
/// [`unknown_keys`] needs to say where each is.
#[must_use]
pub fn has_unknown_keys(root: &DeTable<'_>) -> bool {
    BRIEFING.any_unknown_in(root)
}

/// Calls `found` with each key of a parsed briefing that the format does not know (its
/// [`Place::path`] is `summit.locaton`, `participants.2.nmae`), table by table, each
/// table's keys in the order the parser keeps them (sorted by name), as deserialising meets
/// them. A whole unknown table is one key. Nothing is written out here: a hostile file has
/// hundreds of thousands, most of them only counted.
pub fn unknown_keys<'a, 'i>(index: &'a SpanIndex<'i>, mut found: impl FnMut(Place<'a, 'i>)) {
    BRIEFING.unknown_in(index.root(), &mut found);
}

/// Calls `found` with each required key a parsed briefing lacks, table by table, and the
/// span of the table lacking it (as the deserialiser points at it). Deserialising stops at
/// the first: a file missing `date` and `location` (misspelt `locaton`) said only `date`.
pub fn missing_keys(
    root: &Spanned<DeTable<'_>>,
    mut found: impl FnMut(&'static str, Range<usize>),
) {
    BRIEFING.missing_in(root.get_ref(), root.span(), &mut found);
}

/// The key closest to an unknown one, given as a dotted path (`summit.locaton`,
/// `participants.2.nmae`): a key of the same table, near enough to be a typo.
#[must_use]
pub fn closest_key(path: &str) -> Option<&'static str> {
    let (leaf, tables) = path.rsplit_once('.').map_or((path, ""), |(t, l)| (l, t));
    crate::diagnostics::closest_word(leaf, keys_of(tables))
}

/// The keys the table at a dotted path allows (`""` for the file's top level,
/// `participants.2` or `participants` for a participant), in the schema's order: what an
/// editor completes where a key is typed. Empty for a path that is no table.
#[must_use]
pub fn keys_of(table: &str) -> Vec<&'static str> {
    let mut shape = &*BRIEFING;
    for segment in table.split('.').filter(|s| !s.is_empty()) {
        shape = match shape {
            Shape::Array(item) if segment.parse::<usize>().is_ok() => item,
            table => match table.key(segment) {
                Some(inner) => inner,
                None => return Vec::new(),
            },
        };
    }
    // An array of tables named without an index is its items' table.
    if let Shape::Array(item) = shape {
        shape = item;
    }
    match shape {
        Shape::Table { keys, .. } => keys.iter().map(|(key, _)| *key).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Briefing;

    /// The keys deserialising ignores, as `serde_ignored` reports them: what the loader
    /// asked before it walked the table itself.
    fn ignored_by_serde(text: &str) -> Option<Vec<String>> {
        let mut keys = Vec::new();
        let de = toml::Deserializer::parse(text).ok()?;
        serde_ignored::deserialize::<_, _, Briefing>(de, |path| keys.push(path.to_string()))
            .ok()?;
        Some(keys)
    }

    fn walked(text: &str) -> Vec<String> {
        let root = toml::de::DeTable::parse(text).expect("valid TOML");
        let index = SpanIndex::new(&root);
        let mut keys = Vec::new();
        unknown_keys(&index, |key| keys.push(key.path().to_string()));
        // The loader indexes only a file the quick walk says has one.
        assert_eq!(
            has_unknown_keys(root.get_ref()),
            !keys.is_empty(),
            "{keys:?}"
        );
        keys
    }

    #[test]
    fn the_walk_finds_what_deserialising_ignores_in_every_table_of_the_bundled_briefings() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../briefings");
        let mut compared = 0;
        for entry in std::fs::read_dir(folder).expect("the bundled briefings") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("text");
            assert_eq!(walked(&text), Vec::<String>::new());
            // An unknown key after every table header, and in every inline table.
            let mut mutated = String::new();
            for line in text.lines() {
                mutated.push_str(&line.replace("{ ", "{ nmae = 1, "));
                mutated.push('\n');
                if line.starts_with('[') {
                    mutated.push_str("zz_unknown = 1\nextra.deep = 2\n");
                }
            }
            let expected = ignored_by_serde(&mutated).expect("still a briefing");
            assert!(expected.len() > 10, "{expected:?}");
            assert_eq!(walked(&mutated), expected);
            compared += 1;
        }
        assert!(compared >= 10, "{compared} briefings");
    }

    #[test]
    fn unknown_tables_arrays_and_dotted_keys_are_one_key_each_at_their_path() {
        let text = concat!(
            "stray = 1\n",
            "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\nlocaton = \"x\"\n",
            "[summit.extra]\na = 1\nb.c = 2\n",
            "[[participants]]\nname = \"N\"\nnmae = \"x\"\n",
            "[[disagreements]]\ntopic = \"T\"\nsummary = \"S\"\nstatus = \"open\"\n",
            "positions = [{ party = \"P\", position = \"Q\", stance = 1 }]\n",
            "[[notes]]\nx = 1\n",
        );
        let expected = [
            "disagreements.0.positions.0.stance",
            "notes",
            "participants.0.nmae",
            "stray",
            "summit.extra",
            "summit.locaton",
        ];
        assert_eq!(walked(text), expected);
        assert_eq!(ignored_by_serde(text).expect("a briefing"), expected);
    }

    #[test]
    fn a_misspelt_key_is_matched_with_a_key_of_its_own_table() {
        assert_eq!(closest_key("summit.locaton"), Some("location"));
        assert_eq!(closest_key("participants.3.nmae"), Some("name"));
        assert_eq!(
            closest_key("disagreements.0.positions.1.postion"),
            Some("position")
        );
        assert_eq!(closest_key("summitt"), Some("summit"));
        assert_eq!(closest_key("summit.extra.zzzzzz"), None);
    }

    #[test]
    fn the_keys_of_a_table_are_those_the_loader_allows_there() {
        assert!(keys_of("").contains(&"prior_meetings"));
        assert!(keys_of("summit").contains(&"location"));
        assert_eq!(keys_of("participants"), keys_of("participants.4"));
        assert!(keys_of("disagreements.0.positions").contains(&"party"));
        assert!(keys_of("summit.title").is_empty());
        assert!(keys_of("nowhere").is_empty());
    }
}
