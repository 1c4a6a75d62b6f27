//! Where each key and value of a briefing is written, taken once from the parser's own
//! spans: the one source of every position the loader reports (unknown keys, ids, links,
//! citations) and of the line an editor opens at.
//!
//! Searching the text again for a key finds it in the wrong place (inside a string, on the
//! line above an inline table): the parser already knows where everything is, so the
//! [`SpanIndex`] keeps what it knows, and nothing else looks.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A range of a file's text with the line and column of both ends: what a diagnostic points
/// at. Lines and columns are 1-based and columns count characters; the end is exclusive (the
/// position just after the last character), as in a language server's ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just after the last byte.
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Span {
    /// The byte range, to slice the text it was made from.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a value holds, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A table: a `[header]`, an `[[array]]` element, an inline `{...}` or a dotted key's
    /// implicit table.
    Table,
    /// An array, inline or of tables.
    Array,
    /// A string, number, boolean or date.
    Scalar,
}

/// How a place is reached from its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'i> {
    /// The whole file.
    Root,
    /// A key of a table, as the parser read it (quotes and escapes resolved).
    Key(Cow<'i, str>),
    /// An element of an array.
    Index(usize),
}

/// One key (with its value) or array element.
#[derive(Debug)]
struct Node<'i> {
    segment: Segment<'i>,
    /// Where the key is written; `None` for the root and array elements.
    key: Option<Range<usize>>,
    /// Where the value is written. For a table with a header this is the header
    /// (`[summit]`, `[[participants]]`); for an array of tables, the first element's header;
    /// for a dotted key's implicit table, the key.
    value: Range<usize>,
    kind: Kind,
    /// The parent's index (the root is its own parent).
    parent: usize,
    /// One past the index of the last descendant: nodes are kept in pre-order, so the
    /// children follow their parent, each after the previous child's descendants.
    subtree_end: usize,
}

/// Every key and value of one parsed file with where it is written, in one vector made in
/// one walk of the parsed table: no allocation per key (names borrow the text unless
/// escaped), and no line counted until a position is asked for.
#[derive(Debug)]
pub struct SpanIndex<'i> {
    nodes: Vec<Node<'i>>,
}

/// The children of a table or array still to be indexed, kept on the explicit stack of
/// [`SpanIndex::new`]: the walk does not recurse, so it needs no depth limit of its own.
enum Pending<'a, 'i> {
    Table(toml::map::Iter<'a, Spanned<Cow<'i, str>>, Spanned<DeValue<'i>>>),
    Array(std::iter::Enumerate<std::slice::Iter<'a, Spanned<DeValue<'i>>>>),
}

impl<'i> SpanIndex<'i> {
    /// Indexes a parsed file (`root` as [`DeTable::parse`] returns it).
    #[must_use]
    pub fn new(root: &Spanned<DeTable<'i>>) -> Self {
        let mut nodes = vec![Node {
            segment: Segment::Root,
            key: None,
            value: root.span(),
            kind: Kind::Table,
            parent: 0,
            subtree_end: 1,
        }];
        // Each entry: a node whose children are being added, and the children left.
        let mut stack = vec![(0, Pending::Table(root.get_ref().iter()))];
        while let Some((parent, pending)) = stack.last_mut() {
            let parent = *parent;
            let next = match pending {
                Pending::Table(entries) => entries.next().map(|(key, value)| {
                    (Segment::Key(key.get_ref().clone()), Some(key.span()), value)
                }),
                Pending::Array(items) => items
                    .next()
                    .map(|(index, value)| (Segment::Index(index), None, value)),
            };
            let Some((segment, key, value)) = next else {
                nodes[parent].subtree_end = nodes.len();
                stack.pop();
                continue;
            };
            let at = nodes.len();
            let (kind, children) = match value.get_ref() {
                DeValue::Table(table) => (Kind::Table, Some(Pending::Table(table.iter()))),
                DeValue::Array(items) => {
                    (Kind::Array, Some(Pending::Array(items.iter().enumerate())))
                }
                _ => (Kind::Scalar, None),
            };
            nodes.push(Node {
                segment,
                key,
                value: value.span(),
                kind,
                parent,
                subtree_end: at + 1,
            });
            if let Some(children) = children {
                stack.push((at, children));
            }
        }
        Self { nodes }
    }

    /// The whole file.
    #[must_use]
    pub fn root(&self) -> Place<'_, 'i> {
        Place { index: self, at: 0 }
    }

    /// Every key and array element, parents before children.
    pub fn places(&self) -> impl Iterator<Item = Place<'_, 'i>> {
        (1..self.nodes.len()).map(|at| Place { index: self, at })
    }
}

/// A key or array element of a [`SpanIndex`].
#[derive(Clone, Copy)]
pub struct Place<'a, 'i> {
    index: &'a SpanIndex<'i>,
    at: usize,
}

impl<'a, 'i> Place<'a, 'i> {
    fn node(&self) -> &'a Node<'i> {
        &self.index.nodes[self.at]
    }

    /// The keys of a table or the elements of an array, in the parser's order (a table's
    /// keys sorted by name, an array's elements as written).
    pub fn children(self) -> impl Iterator<Item = Place<'a, 'i>> {
        let end = self.node().subtree_end;
        let nodes = &self.index.nodes;
        std::iter::successors(Some(self.at + 1).filter(|&at| at < end), move |&at| {
            Some(nodes[at].subtree_end).filter(|&next| next < end)
        })
        .map(move |at| Place {
            index: self.index,
            at,
        })
    }

    /// The value of `key`, when this is a table that has it.
    #[must_use]
    pub fn get(self, key: &str) -> Option<Self> {
        self.children()
            .find(|child| matches!(&child.node().segment, Segment::Key(name) if name == key))
    }

    /// Element `index`, when this is an array that long.
    #[must_use]
    pub fn at(self, index: usize) -> Option<Self> {
        self.children().nth(index)
    }

    /// How this place is reached from its parent.
    #[must_use]
    pub fn segment(&self) -> &'a Segment<'i> {
        &self.node().segment
    }

    #[must_use]
    pub fn kind(&self) -> Kind {
        self.node().kind
    }

    /// Where the key is written (`None` for an array element).
    #[must_use]
    pub fn key_span(&self) -> Option<Range<usize>> {
        self.node().key.clone()
    }

    /// Where the value is written: for a table with a header, the header (`[summit]`,
    /// `[[participants]]`); for an array of tables, its first header; for a dotted key's
    /// implicit table, the key.
    #[must_use]
    pub fn value_span(&self) -> Range<usize> {
        self.node().value.clone()
    }

    /// Where a problem with this place is shown: its key, or for an array element its value.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.key_span().unwrap_or_else(|| self.value_span())
    }

    /// The dotted path to this place (`participants.2.nmae`), as messages name keys.
    #[must_use]
    pub fn path(self) -> PlacePath<'a, 'i> {
        PlacePath(self)
    }
}

/// A [`Place`] written as a dotted path; written out only when shown.
pub struct PlacePath<'a, 'i>(Place<'a, 'i>);

impl fmt::Display for PlacePath<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nodes = &self.0.index.nodes;
        let mut chain = Vec::new();
        let mut at = self.0.at;
        while at != 0 {
            chain.push(&nodes[at].segment);
            at = nodes[at].parent;
        }
        for (position, segment) in chain.iter().rev().enumerate() {
            if position > 0 {
                f.write_str(".")?;
            }
            match segment {
                Segment::Key(key) => f.write_str(key)?,
                Segment::Index(index) => write!(f, "{index}")?,
                Segment::Root => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_by_key_and_index_with_their_paths() {
        let text = "[summit]\nid = \"x\"\n[[participants]]\nname = \"A\"\n\
                    [[participants]]\nname = \"B\"\nsources = [\"s1\", 's2']\n";
        let root = DeTable::parse(text).expect("valid TOML");
        let index = SpanIndex::new(&root);
        let second = index
            .root()
            .get("participants")
            .and_then(|p| p.at(1))
            .expect("the second participant");
        assert_eq!(&text[second.value_span()], "[[participants]]");
        let cited = second
            .get("sources")
            .and_then(|s| s.at(1))
            .expect("a source");
        assert_eq!(&text[cited.span()], "'s2'");
        assert_eq!(cited.path().to_string(), "participants.1.sources.1");
        let id = index
            .root()
            .get("summit")
            .and_then(|s| s.get("id"))
            .expect("the id");
        assert_eq!(&text[id.span()], "id");
        assert_eq!(index.places().count(), 10);
        assert!(index.root().get("nothing").is_none());
    }

    #[test]
    fn nested_dotted_keys_and_arrays_are_indexed_to_their_depth() {
        // The parser refuses deeper nesting than this; the walk needs no limit of its own.
        let depth = 50;
        let text = format!("{} = [[1]]\n", vec!["a"; depth].join("."));
        let root = DeTable::parse(&text).expect("the parser accepts 50 levels");
        let index = SpanIndex::new(&root);
        assert_eq!(index.places().count(), depth + 2);
        let deepest = index.places().last().expect("a place");
        assert_eq!(&text[deepest.span()], "1");
        assert_eq!(
            deepest.path().to_string(),
            format!("{}.0.0", vec!["a"; depth].join("."))
        );
    }
}
