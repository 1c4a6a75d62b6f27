//! What a summit id may be, and the id a file's name suggests: the one rule the parser,
//! the sites that check links and `sherpa new` all follow.

/// Whether an id fits the documented pattern `[a-z0-9][a-z0-9-]*`.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Turns a file stem into a valid id ("Geneva 2021" -> "geneva-2021"); also what
/// `sherpa new` suggests for an id it refuses.
#[must_use]
pub fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
