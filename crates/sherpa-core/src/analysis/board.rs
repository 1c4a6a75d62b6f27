//! The disagreement board: every tracked disagreement against every summit that discusses
//! one, so the whole relationship shows at a glance.
//!
//! The [`Board`] is data, not text: rows, columns (each with its summit's position in the
//! corpus) and cells (a status and the disagreement's index in that briefing), so the
//! reader can draw it, scroll it and open a cell's summit at its disagreement, while
//! [`board_text`] lays it out as an aligned table for the command line and the book.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::{Corpus, Unheld};
use crate::model::{Date, DisagreementStatus};
use crate::sanitize::sanitize_line;

/// A summit that discusses at least one tracked disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardColumn {
    pub summit: String,
    pub title: String,
    pub date: Date,
    /// The briefing's position in the corpus (date order), for opening it.
    pub position: usize,
}

/// Where a disagreement stood at one summit, and where the briefing lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoardCell {
    pub status: DisagreementStatus,
    /// The disagreement's index in the briefing's `[[disagreements]]`, for selecting it.
    pub disagreement: usize,
}

/// One tracked disagreement across the board's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardRow {
    pub id: String,
    /// The topic as the latest summit words it.
    pub topic: String,
    /// One cell per column; `None` where the summit does not discuss it.
    pub cells: Vec<Option<BoardCell>>,
}

/// Disagreements (rows, by first appearance) against summits (columns, by date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    pub rows: Vec<BoardRow>,
}

impl Board {
    /// The cell at a row and column, if the disagreement came up there.
    #[must_use]
    pub fn cell(&self, row: usize, column: usize) -> Option<BoardCell> {
        self.rows.get(row)?.cells.get(column).copied().flatten()
    }

    /// What `Enter` on a cell opens: the summit's corpus position and the disagreement's
    /// index in it.
    #[must_use]
    pub fn target(&self, row: usize, column: usize) -> Option<(usize, usize)> {
        let cell = self.cell(row, column)?;
        Some((self.columns.get(column)?.position, cell.disagreement))
    }
}

/// The board of the whole corpus.
#[must_use]
pub fn board(corpus: &Corpus) -> Board {
    let all: Vec<usize> = (0..corpus.len()).collect();
    board_of(corpus, &all)
}

/// The board of some summits (by corpus position, e.g. a book's selection). Positions out
/// of range are ignored; columns come in corpus (date) order whatever the order given.
/// The documents are read on every core and not kept ([`Corpus::unheld`]): held, the
/// documents of 100,000 summits took more than a gigabyte.
#[must_use]
pub fn board_of(corpus: &Corpus, positions: &[usize]) -> Board {
    board_through(&corpus.unheld(), positions)
}

/// [`board_of`], reading through `unheld` (one that stops when the view is given up on,
/// [`Corpus::unheld_until`]: what it stopped before reading is left out).
#[must_use]
pub fn board_through(unheld: &Unheld<'_>, positions: &[usize]) -> Board {
    let mut positions: Vec<usize> = positions
        .iter()
        .copied()
        .filter(|&p| p < unheld.corpus().len())
        .collect();
    positions.sort_unstable();
    positions.dedup();
    // Each summit's column and its tracked disagreements: index, id, topic and status.
    let summits: Vec<(BoardColumn, Vec<Tracked>)> = (positions.par_iter())
        .filter_map(|&position| {
            let briefing = unheld.briefing(position)?;
            let tracked: Vec<Tracked> = (briefing.disagreements.iter())
                .enumerate()
                .filter_map(|(index, d)| {
                    let id = d.id.clone()?;
                    Some((index, id, d.topic.clone(), d.status))
                })
                .collect();
            if tracked.is_empty() {
                return None;
            }
            let column = BoardColumn {
                summit: briefing.id().to_owned(),
                title: briefing.summit.title.clone(),
                date: briefing.summit.date,
                position,
            };
            Some((column, tracked))
        })
        .collect();
    let mut columns = Vec::with_capacity(summits.len());
    let mut rows: Vec<BoardRow> = Vec::new();
    // Each id's row, so a corpus with thousands of disputes is not searched per cell.
    let mut row_of: HashMap<String, usize> = HashMap::new();
    for (column_of_summit, tracked) in summits {
        let column = columns.len();
        columns.push(column_of_summit);
        for (index, id, topic, status) in tracked {
            let row = *row_of.entry(id).or_insert_with_key(|id| {
                rows.push(BoardRow {
                    id: id.clone(),
                    topic: String::new(),
                    cells: Vec::new(),
                });
                rows.len() - 1
            });
            let row = &mut rows[row];
            row.topic = topic;
            row.cells.resize(column + 1, None);
            // A briefing listing the same id twice: the first entry counts, as in `track`.
            row.cells[column].get_or_insert(BoardCell {
                status,
                disagreement: index,
            });
        }
    }
    for row in &mut rows {
        row.cells.resize(columns.len(), None);
    }
    Board { columns, rows }
}

/// A tracked disagreement of one briefing: its index there, id, topic and status.
type Tracked = (usize, String, String, DisagreementStatus);

/// The narrowest a status column gets: the longest status word, always written out.
const STATUS_WIDTH: usize = 8;
/// Space between columns.
const GAP: &str = "  ";

/// Cuts text to `width` columns, ending in `…` when it had to cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// The board as an aligned table no wider than `width` (from 11 columns up: at least one
/// status column is always shown). Summit ids head the columns and disagreement ids the rows; when the
/// columns do not fit side by side the table is split into groups of columns, each
/// with the rows its summits discuss, and an id too long for its column is shortened with `…`.
/// Status words are never abbreviated. Every string is sanitised.
#[must_use]
pub fn board_text(board: &Board, width: usize) -> Vec<String> {
    if board.rows.is_empty() {
        return vec!["No tracked disagreements in these briefings.".to_owned()];
    }
    let ids: Vec<String> = board
        .rows
        .iter()
        .map(|r| sanitize_line(&r.id).into_string())
        .collect();
    let header_width = ids.iter().map(|id| id.width()).max().unwrap_or(0);
    // The row headers give way first: to two fifths of the width, so a few columns fit
    // beside them, and further where needed so that at least one status column fits.
    let header_width = header_width
        .min((width * 2 / 5).max(12))
        .min(width.saturating_sub(GAP.len() + STATUS_WIDTH).max(1));
    let room = width
        .saturating_sub(header_width + GAP.len())
        .max(STATUS_WIDTH);
    let heads: Vec<String> = board
        .columns
        .iter()
        .map(|c| {
            let id = sanitize_line(&c.summit).into_string();
            fit(&id, room)
        })
        .collect();
    let widths: Vec<usize> = heads.iter().map(|h| h.width().max(STATUS_WIDTH)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut used = header_width;
    for (column, column_width) in widths.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if used + GAP.len() + column_width <= width => group.push(column),
            _ => {
                groups.push(vec![column]);
                used = header_width;
            }
        }
        used += GAP.len() + column_width;
    }
    let mut lines = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        if n > 0 {
            lines.push(String::new());
        }
        let mut line = pad("", header_width);
        for &column in group {
            line.push_str(GAP);
            line.push_str(&pad(&heads[column], widths[column]));
        }
        lines.push(line.trim_end().to_owned());
        for (row, id) in board.rows.iter().zip(&ids) {
            let words: Vec<&str> = group
                .iter()
                .map(|&column| {
                    row.cells
                        .get(column)
                        .copied()
                        .flatten()
                        .map_or("", |cell| cell.status.as_str())
                })
                .collect();
            // A group lists only the disagreements its summits discuss.
            if words.iter().all(|w| w.is_empty()) {
                continue;
            }
            let mut line = pad(&fit(id, header_width), header_width);
            for (&column, word) in group.iter().zip(words) {
                line.push_str(GAP);
                line.push_str(&pad(word, widths[column]));
            }
            lines.push(line.trim_end().to_owned());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let summit = |title: &str, date: &str, body: &str| {
            format!("[summit]\ntitle = \"{title}\"\ndate = {date}\nlocation = \"L\"\n{body}")
        };
        let d = |id: &str, status: &str| {
            format!(
                "[[disagreements]]\nid = \"{id}\"\ntopic = \"Topic {id}\"\nstatus = \"{status}\"\n"
            )
        };
        let a = summit(
            "A",
            "2020-01-01",
            &(d("border", "open") + &d("fish", "open")),
        );
        let b = summit(
            "B",
            "2021-01-01",
            "[[disagreements]]\ntopic = \"Untracked\"\n",
        );
        let c = summit(
            "C",
            "2022-01-01",
            &(d("water", "open") + &d("border", "narrowed")),
        );
        Corpus::from_sources([
            ("c-summit.toml", c.as_str()),
            ("a-summit.toml", a.as_str()),
            ("b-summit.toml", b.as_str()),
        ])
    }

    #[test]
    fn rows_are_ids_by_first_appearance_and_columns_summits_with_one_by_date() {
        let board = board(&corpus());
        let columns: Vec<(&str, usize)> = board
            .columns
            .iter()
            .map(|c| (c.summit.as_str(), c.position))
            .collect();
        assert_eq!(columns, vec![("a-summit", 0), ("c-summit", 2)]);
        let rows: Vec<&str> = board.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rows, vec!["border", "fish", "water"]);
        let status = |row, column| board.cell(row, column).map(|c| c.status);
        assert_eq!(status(0, 0), Some(DisagreementStatus::Open));
        assert_eq!(status(0, 1), Some(DisagreementStatus::Narrowed));
        assert_eq!(status(1, 1), None);
        assert_eq!(status(2, 0), None);
    }

    #[test]
    fn a_cells_target_is_the_summit_position_and_disagreement_index() {
        let board = board(&corpus());
        // "border" is the second disagreement of c-summit, at corpus position 2.
        assert_eq!(board.target(0, 1), Some((2, 1)));
        assert_eq!(board.target(1, 1), None);
        assert_eq!(board.target(9, 9), None);
    }

    #[test]
    fn a_selection_keeps_only_its_summits() {
        let board = board_of(&corpus(), &[2, 1, 99]);
        assert_eq!(board.columns.len(), 1);
        assert_eq!(board.rows.len(), 2);
        assert_eq!(board.rows[0].topic, "Topic water");
    }

    #[test]
    fn the_table_fits_its_width_and_writes_every_status_word() {
        let board = board(&corpus());
        let wide = board_text(&board, 80);
        assert_eq!(wide[0], "        a-summit  c-summit");
        assert_eq!(wide[1], "border  open      narrowed");
        assert_eq!(wide[3], "water             open");
        for width in [20, 26, 30] {
            let lines = board_text(&board, width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:#?}"
            );
            let text = lines.join("\n");
            assert!(text.contains("narrowed"), "{text}");
            assert_eq!(text.matches("open").count(), 3, "{text}");
        }
        // Split into two groups of one column each, row headers repeated.
        let split = board_text(&board, 20);
        assert_eq!(split.iter().filter(|l| l.starts_with("border")).count(), 2);
    }

    #[test]
    fn the_bundled_board_fits_every_width_and_keeps_every_cell() {
        let corpus = Corpus::load_bundled();
        let board = board(&corpus);
        let cells = board.rows.iter().flat_map(|r| &r.cells).flatten().count();
        for width in 11..=160 {
            let lines = board_text(&board, width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:#?}"
            );
            let words = lines
                .iter()
                .flat_map(|l| l.split_whitespace())
                .filter(|w| ["open", "narrowed", "resolved"].contains(w))
                .count();
            assert_eq!(words, cells, "every status written out at {width}");
        }
    }

    #[test]
    fn a_long_row_header_is_cut_so_columns_still_fit_beside_it() {
        let long = "x".repeat(100);
        let corpus = Corpus::from_sources([(
            "h.toml",
            format!("[summit]\ntitle = \"H\"\ndate = 2020-01-01\nlocation = \"L\"\n[[disagreements]]\nid = \"{long}\"\ntopic = \"T\"\n").as_str(),
        )]);
        let lines = board_text(&board(&corpus), 40);
        assert_eq!(lines[1], format!("{}…  open", "x".repeat(15)));
    }

    #[test]
    fn hostile_ids_are_sanitised_in_the_table() {
        let corpus = Corpus::from_sources([(
            "h.toml",
            "[summit]\ntitle = \"H\"\ndate = 2020-01-01\nlocation = \"L\"\n[[disagreements]]\nid = \"x\\u001b[2Jy\"\ntopic = \"T\"\n",
        )]);
        let text = board_text(&board(&corpus), 80).join("\n");
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("x^[[2Jy"), "{text:?}");
    }
}
