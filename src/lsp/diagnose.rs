//! Diagnostics as the loader reports them, with the fixes it suggests: a misspelt key, a
//! link or citation to an id that is not there (did you mean…?), a source never defined.
//! The fixes are both the diagnostics' related information and the code actions.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, TextEdit, WorkspaceEdit,
};
use sherpa_core::corpus::{Corpus, inside_quotes};
use sherpa_core::diagnostics::{self, Severity};
use sherpa_core::model::{closest_key, unknown_keys};

use super::documents::{Document, Workspace};
use super::navigate::summit_location;
use super::position::LineIndex;
use super::syntax::Syntax;

/// A way to mend one problem, at the byte where the loader's diagnostic for it starts.
pub struct Fix {
    /// Where the diagnostic it mends starts.
    anchor: usize,
    /// What the editor shows beside the diagnostic (a did-you-mean, where the id is used).
    related: Option<DiagnosticRelatedInformation>,
    /// The code action: its title, and the text to put in place of a range.
    edit: Option<(String, Range<usize>, String)>,
}

/// Everything `sherpa check` reports for the document, in the editor's terms.
#[must_use]
pub fn diagnostics(workspace: &Workspace, document: &Document) -> Vec<Diagnostic> {
    let Some(corpus) = workspace.corpus_of(document) else {
        return Vec::new();
    };
    let shown = document.path.display().to_string();
    let lines = LineIndex::new(&document.text);
    let fixes = fixes(workspace, document, corpus);
    corpus
        .diagnostics()
        .iter()
        .filter(|d| d.path == shown || d.path == document.uri.as_str())
        .map(|d| {
            let start = d.span.as_ref().map(|span| span.start);
            let related: Vec<DiagnosticRelatedInformation> = fixes
                .iter()
                .filter(|fix| Some(fix.anchor) == start)
                .filter_map(|fix| fix.related.clone())
                .collect();
            Diagnostic {
                range: d
                    .span
                    .as_ref()
                    .map(|span| lines.range(span.range()))
                    .unwrap_or_default(),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                source: Some("sherpa".to_owned()),
                message: d.message.clone(),
                related_information: (!related.is_empty()).then_some(related),
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// The code actions for the problems that start in `range` (bytes), as workspace edits:
/// the server never writes a file itself.
#[must_use]
pub fn code_actions(
    workspace: &Workspace,
    document: &Document,
    range: Range<usize>,
    reported: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some(corpus) = workspace.corpus_of(document) else {
        return Vec::new();
    };
    let lines = LineIndex::new(&document.text);
    fixes(workspace, document, corpus)
        .into_iter()
        .filter(|fix| range.start <= fix.anchor && fix.anchor <= range.end)
        .filter_map(|fix| {
            let (title, replaced, text) = fix.edit?;
            let at = lines.position(fix.anchor);
            let mends: Vec<Diagnostic> = reported
                .iter()
                .filter(|d| d.range.start == at)
                .cloned()
                .collect();
            let edit = TextEdit {
                range: lines.range(replaced),
                new_text: text,
            };
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!mends.is_empty()).then_some(mends),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(document.uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// Every fix for the document's text as it is.
fn fixes(workspace: &Workspace, document: &Document, corpus: &Corpus) -> Vec<Fix> {
    let Some(syntax) = Syntax::parse(&document.text) else {
        return Vec::new();
    };
    let mut fixes = key_fixes(document, &syntax);
    if syntax.briefing.is_some() {
        fixes.extend(duplicate_fix(workspace, document, &syntax, corpus));
        fixes.extend(link_fixes(workspace, document, &syntax, corpus));
        fixes.extend(citation_fixes(document, &syntax));
    }
    fixes
}

/// Information at a range of the document itself.
fn here(document: &Document, span: Range<usize>, message: String) -> DiagnosticRelatedInformation {
    DiagnosticRelatedInformation {
        location: Location {
            uri: document.uri.clone(),
            range: LineIndex::new(&document.text).range(span),
        },
        message,
    }
}

/// A misspelt key: the key of its table meant.
fn key_fixes(document: &Document, syntax: &Syntax<'_>) -> Vec<Fix> {
    let mut fixes = Vec::new();
    unknown_keys(&syntax.index, |key| {
        let (Some(near), Some(span)) = (closest_key(&key.path().to_string()), key.key_span())
        else {
            return;
        };
        let typed = document.text.get(span.clone()).unwrap_or_default();
        fixes.push(Fix {
            anchor: span.start,
            related: Some(here(
                document,
                span.clone(),
                format!("did you mean `{near}`?"),
            )),
            edit: Some((
                format!("Replace `{typed}` with `{near}`"),
                span,
                near.to_owned(),
            )),
        });
    });
    fixes
}

/// A duplicate id: where the briefing that keeps it is.
fn duplicate_fix(
    workspace: &Workspace,
    document: &Document,
    syntax: &Syntax<'_>,
    corpus: &Corpus,
) -> Option<Fix> {
    let id = syntax.briefing.as_ref()?.id();
    let kept = corpus.position(id)?;
    if corpus.path_of(kept) == Some(document.path.display().to_string().as_str()) {
        return None;
    }
    let summit = syntax.index.root().get("summit")?;
    let site = summit.get("id").unwrap_or(summit);
    Some(Fix {
        anchor: site.span().start,
        related: Some(DiagnosticRelatedInformation {
            location: summit_location(workspace, corpus, id)?,
            message: format!("the briefing that keeps \"{id}\""),
        }),
        edit: None,
    })
}

/// A link to a summit not in the folder: the ids near it.
fn link_fixes(
    workspace: &Workspace,
    document: &Document,
    syntax: &Syntax<'_>,
    corpus: &Corpus,
) -> Vec<Fix> {
    let Some(briefing) = &syntax.briefing else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    for (at, meeting) in briefing.prior_meetings.iter().enumerate() {
        let Some(id) = meeting
            .summit
            .as_deref()
            .filter(|id| corpus.position(id).is_none())
        else {
            continue;
        };
        let Some(link) = (syntax.index.root().get("prior_meetings"))
            .and_then(|m| m.at(at))
            .and_then(|m| m.get("summit"))
        else {
            continue;
        };
        for near in corpus.closest_ids(id) {
            fixes.push(Fix {
                anchor: link.value_span().start,
                related: summit_location(workspace, corpus, near).map(|location| {
                    DiagnosticRelatedInformation {
                        location,
                        message: format!("did you mean `{near}`?"),
                    }
                }),
                edit: Some((
                    format!("Link to `{near}`"),
                    inside_quotes(&document.text, link.value_span()),
                    near.to_owned(),
                )),
            });
        }
    }
    fixes
}

/// A citation of a source no `[[sources]]` entry defines: the id near it, or a new entry.
fn citation_fixes(document: &Document, syntax: &Syntax<'_>) -> Vec<Fix> {
    let Some(briefing) = &syntax.briefing else {
        return Vec::new();
    };
    let text = document.text.as_str();
    let defined: Vec<&str> = briefing.sources.iter().map(|s| s.id.as_str()).collect();
    let mut fixes = Vec::new();
    for item in briefing.citing_items() {
        for (at, id) in item.sources.iter().enumerate() {
            if defined.contains(&id.as_str()) {
                continue;
            }
            let Some(cited) = (syntax.index.root().get(item.table.key()))
                .and_then(|t| t.at(item.index))
                .and_then(|i| i.get("sources"))
                .and_then(|s| s.at(at))
            else {
                continue;
            };
            let span = inside_quotes(text, cited.value_span());
            if let Some(near) = diagnostics::closest_word(id, defined.iter().copied()) {
                fixes.push(Fix {
                    anchor: span.start,
                    related: (syntax.source_span(near))
                        .map(|entry| here(document, entry, format!("did you mean `{near}`?"))),
                    edit: Some((format!("Cite `{near}`"), span.clone(), near.to_owned())),
                });
            }
            fixes.push(Fix {
                anchor: span.start,
                related: None,
                edit: Some((
                    format!("Add a [[sources]] entry \"{id}\""),
                    text.len()..text.len(),
                    new_source(text, id),
                )),
            });
        }
    }
    fixes
}

/// A `[[sources]]` entry for `id` to append to `text`.
fn new_source(text: &str, id: &str) -> String {
    let newline = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    format!(
        "{newline}\n[[sources]]\nid = {}\ntitle = \"\"\n",
        toml::Value::String(id.to_owned())
    )
}
