//! Text cut to a number of terminal columns, for every view that draws into a fixed width:
//! kept apart so the views that use it (overlays, the board, the chart) need not import
//! one another.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to `width` columns, ending in `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        // Leave a column for the ellipsis.
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` shortened to `width` columns at a word boundary, with `…` where it was cut (at
/// a character when the first word alone is too wide).
pub fn fit_words(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    if cut == text {
        return cut;
    }
    let kept = cut.trim_end_matches('…');
    match kept.rfind(' ') {
        Some(space) if space > 0 => format!("{}…", kept[..space].trim_end()),
        _ => cut,
    }
}

/// Cuts `text` to `width` columns from the start, beginning with `…` when something was
/// cut: for a path, whose end (the folder's own name) says most.
pub fn fit_start(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        // Leave a column for the ellipsis.
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    // Combining marks kept without the letter they sit on would draw on the ellipsis.
    while kept.last().is_some_and(|c| c.width() == Some(0)) {
        kept.pop();
    }
    let mut out = String::new();
    if width > 0 {
        out.push('…');
    }
    out.extend(kept.into_iter().rev());
    out
}

/// The columns the cursor takes at the end of an input line.
const CURSOR_WIDTH: usize = 1;

/// A one-line input's text as shown in `width` columns with the cursor after it: whole
/// when it fits, else its end behind `…`, so what was just typed and the cursor stay in
/// view as the line scrolls sideways, as prompts in less and helix do. Every input line
/// (the finder's query, a note) goes through here so they scroll alike.
pub fn input_tail(text: &str, width: usize) -> String {
    fit_start(text, width.saturating_sub(CURSOR_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::{fit_start, input_tail};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_path_cut_from_the_start_keeps_its_end_behind_an_ellipsis() {
        assert_eq!(fit_start(" /tmp/abc/problems ", 12), "…c/problems ");
        assert_eq!(fit_start(" book ", 12), " book ");
        assert_eq!(fit_start("abc", 0), "");
    }

    #[test]
    fn a_long_input_keeps_its_end_and_a_column_for_the_cursor() {
        let query = "summit talks delegation communique verification observers";
        let shown = input_tail(query, 20);
        assert_eq!(shown, "…fication observers");
        assert_eq!(shown.width(), 20 - 1);
        assert_eq!(input_tail("short", 20), "short");
    }

    #[test]
    fn a_scrolled_input_counts_wide_characters_and_keeps_marks_on_their_letters() {
        // Each CJK character takes two columns: four of them and the ellipsis fill 9.
        assert_eq!(input_tail("首脳会談の共同声明", 10), "…共同声明");
        // "é" as e + combining acute: a mark whose letter scrolled off is not shown alone.
        let shown = input_tail("cafe\u{301} de\u{301}ja\u{300}", 6);
        assert_eq!(shown, "…de\u{301}ja\u{300}");
        assert_eq!(input_tail("e\u{301}e\u{301}e\u{301}", 3), "…e\u{301}");
    }
}
