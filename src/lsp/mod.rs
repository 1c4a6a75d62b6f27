//! `sherpa lsp`: a language server for briefing files over standard input and output.
//!
//! It knows what a schema cannot: how the files of a folder refer to each other. Each open
//! document is checked against its folder as `sherpa check` checks it (links, duplicate ids,
//! citations), and links, citations and disagreement ids can be followed, hovered and
//! completed. It never writes a file: fixes are workspace edits the editor applies.
//!
//! Synchronous and single-threaded, on `lsp-server`'s message types and `lsp-types`: a
//! change is re-checked in milliseconds (one file parsed, the folder's other parses kept), so
//! there is nothing to cancel or run in the background. [`transport`] reads the frames
//! itself, so that garbage is answered rather than ending the connection.

mod complete;
mod diagnose;
mod documents;
mod navigate;
mod position;
mod syntax;
mod transport;

use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Initialize,
    References, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, GotoDefinitionResponse,
    HoverProviderCapability, InitializeResult, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use documents::{Document, Workspace};
use position::LineIndex;
use transport::Incoming;

/// Serves one client until it sends `exit` or closes its end. Returns whether the client
/// asked to shut down first (the protocol's exit status 0).
pub fn serve(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<bool> {
    let mut server = Server::default();
    loop {
        match transport::read(input)? {
            Incoming::End => return Ok(server.phase == Phase::ShutDown),
            Incoming::Invalid { id, code, message } => {
                transport::write_error(output, &id, code, &message)?;
            }
            Incoming::Message(Message::Request(request)) => {
                let response = server.answer(request);
                transport::write(output, &response.into())?;
            }
            Incoming::Message(Message::Notification(notification)) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(server.phase == Phase::ShutDown);
                }
                for message in server.notice(notification) {
                    transport::write(output, &message)?;
                }
            }
            // The server sends no requests, so a response answers nothing.
            Incoming::Message(Message::Response(_)) => {}
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
enum Phase {
    #[default]
    Uninitialized,
    Running,
    ShutDown,
}

#[derive(Default)]
struct Server {
    phase: Phase,
    workspace: Workspace,
}

/// Why a request has no result.
struct Refusal(ErrorCode, String);

impl Server {
    /// The response to a request; a request out of order or with bad parameters gets an
    /// error, and a bug in a feature (a panic) gets an internal error, not the end of the
    /// server.
    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| self.dispatch(request)))
            .unwrap_or_else(|_| Err(Refusal(ErrorCode::InternalError, "internal error".into())));
        match outcome {
            Ok(result) => Response {
                id,
                response_result: Ok(result),
            },
            Err(Refusal(code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn dispatch(&mut self, request: Request) -> Result<serde_json::Value, Refusal> {
        let method = request.method.as_str();
        match (&self.phase, method) {
            (Phase::Uninitialized, Initialize::METHOD) => {
                self.phase = Phase::Running;
                return to_json(&capabilities());
            }
            (Phase::Uninitialized, _) => {
                return Err(Refusal(
                    ErrorCode::ServerNotInitialized,
                    format!("{method} before initialize"),
                ));
            }
            (_, Initialize::METHOD) => {
                return Err(Refusal(
                    ErrorCode::InvalidRequest,
                    "initialize was already received".into(),
                ));
            }
            (Phase::ShutDown, _) => {
                return Err(Refusal(
                    ErrorCode::InvalidRequest,
                    format!("{method} after shutdown"),
                ));
            }
            (Phase::Running, Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                return Ok(serde_json::Value::Null);
            }
            (Phase::Running, _) => {}
        }
        let workspace = &self.workspace;
        match method {
            HoverRequest::METHOD => at_cursor(workspace, request.params, |document, offset| {
                navigate::hover(workspace, document, offset)
            }),
            GotoDefinition::METHOD => at_cursor(workspace, request.params, |document, offset| {
                navigate::definition(workspace, document, offset)
                    .map(GotoDefinitionResponse::Scalar)
            }),
            References::METHOD => {
                let params: lsp_types::ReferenceParams = params_of(request.params)?;
                let declaration = params.context.include_declaration;
                at_position(
                    workspace,
                    &params.text_document_position,
                    |document, offset| {
                        navigate::references(workspace, document, offset, declaration)
                    },
                )
            }
            Completion::METHOD => {
                let params: lsp_types::CompletionParams = params_of(request.params)?;
                at_position(
                    workspace,
                    &params.text_document_position,
                    |document, offset| {
                        let corpus = workspace.corpus_of(document)?;
                        Some(complete::complete(document, corpus, offset))
                    },
                )
            }
            DocumentSymbolRequest::METHOD => {
                let params: lsp_types::DocumentSymbolParams = params_of(request.params)?;
                let symbols = (workspace.document(&params.text_document.uri))
                    .map(navigate::symbols)
                    .unwrap_or_default();
                to_json(&symbols)
            }
            CodeActionRequest::METHOD => {
                let params: lsp_types::CodeActionParams = params_of(request.params)?;
                let actions = workspace
                    .document(&params.text_document.uri)
                    .map(|document| {
                        let lines = LineIndex::new(&document.text);
                        let range =
                            lines.offset(params.range.start)..lines.offset(params.range.end);
                        diagnose::code_actions(
                            workspace,
                            document,
                            range,
                            &params.context.diagnostics,
                        )
                    })
                    .unwrap_or_default();
                to_json(&actions)
            }
            _ => Err(Refusal(
                ErrorCode::MethodNotFound,
                format!("{method} is not supported"),
            )),
        }
    }

    /// Applies a notification; returns the diagnostics to publish.
    fn notice(&mut self, notification: Notification) -> Vec<Message> {
        if self.phase != Phase::Running {
            return Vec::new();
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| self.apply(notification)));
        let Ok(Some(touched)) = outcome else {
            return Vec::new();
        };
        touched.into_iter().map(|uri| self.publish(uri)).collect()
    }

    /// Changes the workspace as a notification says: the URIs whose diagnostics to publish,
    /// `None` for a notification not understood (notifications get no error response).
    fn apply(&mut self, notification: Notification) -> Option<Vec<Uri>> {
        let workspace = &mut self.workspace;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let document = params.text_document;
                Some(workspace.open(document.uri, document.text, document.version))
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                // Full sync: the last change is the whole text.
                let text = params.content_changes.into_iter().last()?.text;
                let document = params.text_document;
                Some(workspace.change(&document.uri, text, document.version))
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).ok()?;
                let uri = params.text_document.uri;
                let mut touched = workspace.close(&uri);
                // Its diagnostics are cleared: the editor no longer shows the file.
                touched.push(uri);
                Some(touched)
            }
            DidChangeWatchedFiles::METHOD => {
                let params: lsp_types::DidChangeWatchedFilesParams =
                    serde_json::from_value(notification.params).ok()?;
                let uris: Vec<Uri> = params.changes.into_iter().map(|c| c.uri).collect();
                Some(workspace.files_changed(&uris))
            }
            _ => None,
        }
    }

    /// The diagnostics of a document (none for one no longer open).
    fn publish(&self, uri: Uri) -> Message {
        let document = self.workspace.document(&uri);
        let params = PublishDiagnosticsParams {
            diagnostics: document
                .map(|document| diagnose::diagnostics(&self.workspace, document))
                .unwrap_or_default(),
            version: document.map(|document| document.version),
            uri,
        };
        Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into()
    }
}

/// What a server offers: full-text sync, and each feature it answers.
fn capabilities() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".into(), "'".into(), "=".into()]),
                ..CompletionOptions::default()
            }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "sherpa".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

fn params_of<P: DeserializeOwned>(params: serde_json::Value) -> Result<P, Refusal> {
    serde_json::from_value(params).map_err(|err| {
        Refusal(
            ErrorCode::InvalidParams,
            format!("invalid parameters: {err}"),
        )
    })
}

fn to_json(value: &impl Serialize) -> Result<serde_json::Value, Refusal> {
    serde_json::to_value(value).map_err(|err| Refusal(ErrorCode::InternalError, err.to_string()))
}

/// Answers a request about a cursor position (`null` when there is nothing there).
fn at_cursor<R: Serialize>(
    workspace: &Workspace,
    params: serde_json::Value,
    feature: impl FnOnce(&Document, usize) -> Option<R>,
) -> Result<serde_json::Value, Refusal> {
    let params: TextDocumentPositionParams = params_of(params)?;
    at_position(workspace, &params, feature)
}

fn at_position<R: Serialize>(
    workspace: &Workspace,
    params: &TextDocumentPositionParams,
    feature: impl FnOnce(&Document, usize) -> Option<R>,
) -> Result<serde_json::Value, Refusal> {
    let Some(document) = workspace.document(&params.text_document.uri) else {
        return Ok(serde_json::Value::Null);
    };
    let offset = LineIndex::new(&document.text).offset(params.position);
    to_json(&feature(document, offset))
}

/// `sherpa lsp`: serves standard input and output. Answers whether the client shut the
/// server down before it exited; the command exits with status 1 when it did not, as the
/// protocol says.
pub fn run() -> io::Result<bool> {
    serve(&mut io::stdin().lock(), &mut io::stdout().lock())
}
