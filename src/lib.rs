//! sherpa: a terminal reader for summit briefing books.
//!
//! The library holds everything the binary and the tests share: the briefing model and
//! loader (no terminal in them), the pane renderer, the sanitiser, export, the reader's
//! state machine and its drawing code.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostics;
pub mod document;
pub mod export;
pub mod keymap;
pub mod logging;
pub mod model;
pub mod render_text;
pub mod sanitize;
pub mod tui;
pub mod ui;
pub mod watch;
