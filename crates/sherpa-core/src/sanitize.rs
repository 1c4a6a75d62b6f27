//! The one place where untrusted briefing text is made safe to show.
//!
//! Briefing files come from other people. A string that reaches a terminal could carry
//! escape sequences (window-title reports, OSC 52 clipboard writes, cursor moves that draw
//! fake text) or bidi overrides that make text read differently than it is. Like `less`,
//! sherpa shows such characters in a visible form instead of passing them through or
//! silently dropping them. Screen, text and markdown export and the clipboard all take
//! [`Safe`] text, which only [`sanitize`] makes, so skipping this step is a type error.

use std::fmt;
use std::ops::Deref;

use unicode_width::UnicodeWidthChar;

/// Tab stops every this many columns.
pub const TAB_WIDTH: usize = 4;

/// Text that contains no control, escape or bidi-override characters (newlines excepted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Safe(String);

impl Safe {
    /// Text the program itself wrote (labels, numbers). Debug builds check the promise.
    #[must_use]
    pub fn trusted(text: impl Into<String>) -> Self {
        let text = text.into();
        // A joiner between emoji is kept by `sanitize`, so text cut from its output may hold one.
        debug_assert!(
            text.chars()
                .all(|c| c == '\n' || c == '\u{200d}' || !needs_escape(c))
        );
        Self(text)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for Safe {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Safe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a character must not reach a terminal as itself.
fn needs_escape(c: char) -> bool {
    c.is_control() // C0, DEL and C1 (U+0080–U+009F)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}') // directional marks
        || matches!(c, '\u{2028}' | '\u{2029}') // line/paragraph separators some terminals break on
        || is_invisible(c)
}

/// Default-ignorable and filler characters whose width terminals disagree on: zero columns
/// to `unicode-width`, but a soft hyphen or a Hangul filler takes a column on many
/// terminals, and runs of joiners or tags shift what follows. They are shown escaped, so the
/// columns sherpa counts are the columns drawn. Emoji variation selectors (U+FE0E, U+FE0F)
/// stay, and so does a zero-width joiner between two emoji (see [`sanitize`]).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0d}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Emoji (and the modifiers and selector that end one) that a zero-width joiner may join.
fn is_emoji_part(c: char) -> bool {
    matches!(
        c,
        '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}' | '\u{fe0f}'
    )
}

/// Makes untrusted text safe for a terminal: newlines are kept, `\r\n` becomes `\n`, tabs
/// expand to the next multiple of [`TAB_WIDTH`] columns, and every other control, escape or
/// bidi character becomes a visible form: `^[` for C0 and DEL (caret notation, as `less` and
/// `cat -v` show them), `\u{202e}` for C1 controls and bidi formatting characters.
#[must_use]
pub fn sanitize(text: &str) -> Safe {
    // Printable ASCII, most of what briefings hold, is safe as it is, and so is text whose
    // other characters need no escape (a title with a dash or an accent): sanitising it
    // character by character, measuring each one's width, was a fifth of a warm
    // `sherpa list` over 100,000 briefings.
    if text
        .chars()
        .all(|c| matches!(c, ' '..='~') || (!c.is_ascii() && !needs_escape(c)))
    {
        return Safe(text.to_owned());
    }
    sanitize_chars(text)
}

/// [`sanitize`], character by character.
fn sanitize_chars(text: &str) -> Safe {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let joins_emoji = c == '\u{200d}'
            && previous.is_some_and(is_emoji_part)
            && chars.peek().copied().is_some_and(is_emoji_part);
        previous = Some(c);
        match c {
            '\u{200d}' if joins_emoji => out.push(c),
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if needs_escape(c) => {
                // An escaped character joins nothing.
                previous = None;
                let visible = visible_form(c);
                column += visible.len();
                out.push_str(&visible);
            }
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    Safe(out)
}

/// Sanitises text that must stay on one line (titles, table cells): newlines become spaces.
#[must_use]
pub fn sanitize_line(text: &str) -> Safe {
    let safe = sanitize(text);
    if safe.contains('\n') {
        Safe(safe.0.replace('\n', " "))
    } else {
        safe
    }
}

/// Sanitises one field of a line that others parse (a diagnostic's path or message, a
/// status note): a newline is shown as `^J`, like every other control character, so the
/// field can never start a line of its own.
#[must_use]
pub fn sanitize_field(text: &str) -> Safe {
    let safe = sanitize(&text.replace("\r\n", "\r^J"));
    if safe.contains('\n') {
        Safe(safe.0.replace('\n', "^J"))
    } else {
        safe
    }
}

/// Makes untrusted text safe inside HTML, as element text or a quoted attribute value: it
/// is sanitised to one line (so controls show as they do on screen), then `&`, `<`, `>`,
/// `"` and `'` become character references. A field holding `<script>` reads as text.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let safe = sanitize_line(text);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn visible_form(c: char) -> String {
    let code = u32::from(c);
    if code < 0x20 {
        // Caret notation: ESC (0x1B) is ^[, NUL is ^@.
        format!("^{}", char::from_u32(code + 0x40).unwrap_or('?'))
    } else if code == 0x7F {
        "^?".to_owned()
    } else {
        format!("\\u{{{code:04x}}}")
    }
}

/// A URL safe to make a link of, or to hand to a browser: `http` or `https`, with nothing a link could be broken
/// out of (spaces, quotes, angle brackets, controls). Anything else (`javascript:`, a
/// `file:` path) stays text, so a hostile briefing cannot plant a script in a link.
#[must_use]
pub fn linkable(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = url.chars().all(|c| {
        !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\')
    }) && sanitize_line(url).as_str() == url;
    (web && clean && url.len() > 8).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for printable ASCII gives what sanitising each character does.
    #[test]
    fn printable_ascii_is_kept_as_sanitising_each_character_keeps_it() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        for text in [printable.as_str(), "", "Summit in Geneva, 2026 (held)"] {
            assert_eq!(sanitize_chars(text).as_str(), text);
            assert_eq!(sanitize(text).as_str(), text);
        }
        for (text, shown) in [("a\tb", "a   b"), ("a\u{7f}", "a^?"), ("a\r\nb", "a\nb")] {
            assert_eq!(sanitize(text).as_str(), shown);
        }
    }

    proptest::proptest! {
        /// The shortcut for text needing no escape gives what sanitising each character
        /// does, on text mixing plain letters, accents, dashes, scripts, emoji, joiners,
        /// controls, bidi marks and invisible characters.
        #[test]
        fn any_text_sanitises_as_each_character_does(
            text in "[a-z \\t\\n\\r\u{7f}\u{85}\u{9b}\u{a0}\u{ad}é–नई中\u{200b}-\u{200f}\u{202e}\u{2066}\u{fe0f}\u{1f600}\u{e0041}]{0,12}"
        ) {
            let (quick, each) = (sanitize(&text), sanitize_chars(&text));
            proptest::prop_assert_eq!(quick.as_str(), each.as_str());
        }
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b").as_str(), "a^[]0;pwned^Gb");
        assert_eq!(sanitize("\u{9b}31m").as_str(), "\\u{009b}31m");
        assert_eq!(sanitize("x\u{202e}y").as_str(), "x\\u{202e}y");
        assert_eq!(sanitize("del\u{7f}").as_str(), "del^?");
    }

    #[test]
    fn carriage_return_cannot_overwrite() {
        assert_eq!(sanitize("safe\rEVIL").as_str(), "safe^MEVIL");
        assert_eq!(sanitize("one\r\ntwo").as_str(), "one\ntwo");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize("a\tb\n\tc").as_str(), "a   b\n    c");
    }

    #[test]
    fn invisible_characters_are_shown_and_emoji_keep_their_joiners() {
        assert_eq!(
            sanitize("a\u{ad}b\u{3164}").as_str(),
            "a\\u{00ad}b\\u{3164}"
        );
        assert_eq!(
            sanitize("x\u{200d}\u{200d}").as_str(),
            "x\\u{200d}\\u{200d}"
        );
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family).as_str(), family);
        assert_eq!(sanitize("❤\u{fe0f}").as_str(), "❤\u{fe0f}");
    }

    #[test]
    fn sanitize_field_shows_newlines() {
        assert_eq!(sanitize_field("a\nb\r\nc").as_str(), "a^Jb^M^Jc");
    }

    #[test]
    fn html_escaping_leaves_no_markup_and_no_controls() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\"\u{1b}[2J"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;^[[2J"
        );
    }

    #[test]
    fn sanitize_line_joins_lines() {
        assert_eq!(sanitize_line("a\nb").as_str(), "a b");
    }
}
