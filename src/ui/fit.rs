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
    let mut out = String::new();
    if width > 0 {
        out.push('…');
    }
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::fit_start;

    #[test]
    fn a_path_cut_from_the_start_keeps_its_end_behind_an_ellipsis() {
        assert_eq!(fit_start(" /tmp/abc/problems ", 12), "…c/problems ");
        assert_eq!(fit_start(" book ", 12), " book ");
        assert_eq!(fit_start("abc", 0), "");
    }
}
