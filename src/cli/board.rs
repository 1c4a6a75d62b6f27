//! `sherpa board`: every tracked disagreement against every summit, as a table or JSON.

use super::CommandResult;
use super::json::BoardJson;
use super::output::{print_json, print_rows};
use sherpa_core::analysis;
use sherpa_core::corpus::Corpus;

pub(super) fn board(corpus: &Corpus, json: bool, width: usize) -> CommandResult {
    let board = analysis::board(corpus);
    if json {
        return print_json(&BoardJson::of(corpus, &board));
    }
    print_rows(
        analysis::board_text(&board, width)
            .into_iter()
            .map(|line| (line, Vec::new())),
    )
}
