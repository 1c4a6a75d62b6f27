//! sherpa: a terminal reader for summit briefing books.
//!
//! This crate is the terminal side: the reader's state machine, its drawing code, the key
//! table, the config and the command line. Everything about briefings themselves (model,
//! loader, document model, analyses, export) lives in `sherpa_core`, which knows no terminal.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod grid;
pub mod keymap;
pub mod layout;
pub mod logging;
pub mod lsp;
pub mod palette;
pub mod tui;
pub mod ui;
