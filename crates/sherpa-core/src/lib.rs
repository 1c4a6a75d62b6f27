//! sherpa's core: everything about briefings that does not need a terminal.
//!
//! The briefing model and its loader with diagnostics, the document model every output
//! formats, wrapping, the sanitiser, the analyses across summits, export and the book. The reader
//! and the command line in the `sherpa` crate build on it; nothing here draws, reads keys
//! or parses arguments, and the crate's dependencies make that a compile error.

pub mod analysis;
pub mod book;
pub mod corpus;
pub mod diagnostics;
pub mod document;
pub mod export;
pub mod fold;
pub mod index;
pub mod item_key;
pub mod model;
pub mod pane;
pub mod render_text;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod span;
pub mod store;
pub mod wrap;
