//! Hover, go to definition, references and the document outline: what a briefing names
//! elsewhere in its folder, and where.

use std::path::{Path, PathBuf};

use lsp_types::{
    DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, SymbolKind,
};
use sherpa_core::corpus::Corpus;
use sherpa_core::model::ItemTable;

use super::documents::{Document, Workspace};
use super::position::LineIndex;
use super::syntax::{Syntax, Target};

/// What the cursor at `offset` is on: a link's summit, a source, a disagreement's status at
/// every summit that tracks it.
#[must_use]
pub fn hover(workspace: &Workspace, document: &Document, offset: usize) -> Option<Hover> {
    let corpus = workspace.corpus_of(document)?;
    let syntax = Syntax::parse(&document.text)?;
    let (target, span) = syntax.target_at(offset)?;
    let id = syntax.id_of(target)?;
    let text = match target {
        Target::SummitId | Target::Link(_) => {
            let summit = &corpus.get(id)?.summit;
            format!("{}\n{} · {}", summit.title, summit.date, summit.location)
        }
        Target::Citation(..) => {
            let source = syntax
                .briefing
                .as_ref()?
                .sources
                .iter()
                .find(|s| s.id == id)?;
            let mut text = source.title.clone().unwrap_or_else(|| source.id.clone());
            let details: Vec<String> = [
                source.publisher.clone(),
                source.date.map(|date| date.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !details.is_empty() {
                text.push('\n');
                text.push_str(&details.join(" · "));
            }
            text
        }
        Target::Disagreement(_) => {
            let tracked: Vec<String> = corpus
                .briefings()
                .iter()
                .flat_map(|briefing| {
                    briefing
                        .disagreements
                        .iter()
                        .filter(|d| d.id.as_deref() == Some(id))
                        .map(move |d| {
                            format!(
                                "{} ({}): {}",
                                briefing.id(),
                                briefing.summit.date,
                                d.status.as_str()
                            )
                        })
                })
                .collect();
            format!("disagreement \"{id}\"\n{}", tracked.join("\n"))
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::PlainText,
            value: text,
        }),
        range: Some(LineIndex::new(&document.text).range(span)),
    })
}

/// Where what the cursor is on is defined: a link's briefing's `[summit]`, a citation's
/// `[[sources]]` entry.
#[must_use]
pub fn definition(workspace: &Workspace, document: &Document, offset: usize) -> Option<Location> {
    let corpus = workspace.corpus_of(document)?;
    let syntax = Syntax::parse(&document.text)?;
    let (target, _) = syntax.target_at(offset)?;
    let id = syntax.id_of(target)?;
    match target {
        Target::Link(_) => summit_location(workspace, corpus, id),
        Target::Citation(..) => Some(Location {
            uri: document.uri.clone(),
            range: LineIndex::new(&document.text).range(syntax.source_span(id)?),
        }),
        Target::SummitId | Target::Disagreement(_) => None,
    }
}

/// Every link to the summit the cursor names (its `[summit] id` or a link to it), with its
/// id too when `declaration` is asked for.
#[must_use]
pub fn references(
    workspace: &Workspace,
    document: &Document,
    offset: usize,
    declaration: bool,
) -> Option<Vec<Location>> {
    let corpus = workspace.corpus_of(document)?;
    let syntax = Syntax::parse(&document.text)?;
    let (target, _) = syntax.target_at(offset)?;
    if !matches!(target, Target::SummitId | Target::Link(_)) {
        return None;
    }
    let id = syntax.id_of(target)?;
    let mut found = Vec::new();
    for (position, briefing) in corpus.briefings().iter().enumerate() {
        let meetings: Vec<usize> = (briefing.prior_meetings.iter().enumerate())
            .filter(|(_, m)| m.summit.as_deref() == Some(id))
            .map(|(at, _)| at)
            .collect();
        let declared = declaration && briefing.id() == id;
        if meetings.is_empty() && !declared {
            continue;
        }
        let Some(path) = corpus.path_of(position).map(PathBuf::from) else {
            continue;
        };
        let Some(text) = workspace.text_of(&path) else {
            continue;
        };
        let Some(file) = Syntax::parse(&text) else {
            continue;
        };
        let line_index = LineIndex::new(&text);
        let Some(uri) = workspace.uri_for(&path) else {
            continue;
        };
        let root = file.index.root();
        let declared_at = declared
            .then(|| {
                root.get("summit")?
                    .get("id")
                    .map(|place| place.value_span())
            })
            .flatten();
        let links = meetings.iter().filter_map(|&at| {
            let link = root.get("prior_meetings")?.at(at)?.get("summit")?;
            Some(link.value_span())
        });
        found.extend(declared_at.into_iter().chain(links).map(|span| Location {
            uri: uri.clone(),
            range: line_index.range(span),
        }));
    }
    Some(found)
}

/// Where the briefing with this id has its `[summit]`.
#[must_use]
pub fn summit_location(workspace: &Workspace, corpus: &Corpus, id: &str) -> Option<Location> {
    let path = Path::new(corpus.path_of(corpus.position(id)?)?);
    let text = workspace.text_of(path)?;
    let span = Syntax::parse(&text)?.summit_span()?;
    Some(Location {
        uri: workspace.uri_for(path)?,
        range: LineIndex::new(&text).range(span),
    })
}

/// The outline: the summit, then each table of items with its items, then the sources.
#[must_use]
pub fn symbols(document: &Document) -> Vec<DocumentSymbol> {
    let Some(syntax) = Syntax::parse(&document.text) else {
        return Vec::new();
    };
    let Some(briefing) = &syntax.briefing else {
        return Vec::new();
    };
    let lines = LineIndex::new(&document.text);
    let root = syntax.index.root();
    let mut outline = Vec::new();
    if let Some(span) = syntax.summit_span() {
        outline.push(symbol(
            briefing.summit.title.clone(),
            Some(briefing.id().to_owned()),
            SymbolKind::MODULE,
            lines.range(span),
            None,
        ));
    }
    let tables: [(&str, SymbolKind, Vec<String>); 5] = [
        (
            ItemTable::Participants.key(),
            SymbolKind::OBJECT,
            briefing
                .participants
                .iter()
                .map(|p| p.name.clone())
                .collect(),
        ),
        (
            ItemTable::PriorMeetings.key(),
            SymbolKind::EVENT,
            (briefing.prior_meetings.iter())
                .map(|m| format!("{} {}", m.date, m.place))
                .collect(),
        ),
        (
            ItemTable::Goals.key(),
            SymbolKind::FIELD,
            briefing.goals.iter().map(|g| g.party.clone()).collect(),
        ),
        (
            ItemTable::Disagreements.key(),
            SymbolKind::ENUM,
            (briefing.disagreements.iter())
                .map(|d| d.topic.clone())
                .collect(),
        ),
        (
            "sources",
            SymbolKind::CONSTANT,
            briefing.sources.iter().map(|s| s.id.clone()).collect(),
        ),
    ];
    for (key, kind, names) in tables {
        let Some(table) = root.get(key) else {
            continue;
        };
        let children: Vec<DocumentSymbol> = table
            .children()
            .zip(names)
            .map(|(item, name)| symbol(name, None, kind, lines.range(item.value_span()), None))
            .collect();
        let Some(first) = children.first().map(|c| c.range.start) else {
            continue;
        };
        let last = children.last().map_or(first, |c| c.range.end);
        outline.push(symbol(
            key.to_owned(),
            None,
            SymbolKind::ARRAY,
            lsp_types::Range::new(first, last),
            Some(children),
        ));
    }
    outline
}

fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    // `deprecated` is a field the protocol keeps for old clients; it has to be written.
    #[allow(deprecated)]
    DocumentSymbol {
        // An editor refuses a symbol with an empty name.
        name: if name.trim().is_empty() {
            "(unnamed)".to_owned()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children,
    }
}
