//! The colours a config can choose: the built-in palettes and the theme names. Plain data,
//! below both the config (which reads them) and the screen (which draws with them), so
//! the command line never depends on the reader's drawing code.

use ratatui::style::Color;
use serde::Deserialize;

/// The variable that turns colour off whatever the theme (<https://no-color.org>).
pub const NO_COLOR_ENV: &str = "NO_COLOR";

/// Whether `NO_COLOR` is set to something (an empty value does not count, as the
/// convention says).
#[must_use]
pub fn no_color() -> bool {
    std::env::var_os(NO_COLOR_ENV).is_some_and(|v| !v.is_empty())
}

/// The colours of each role on screen. Every field can be set in the config's `[colors]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Titles, the focused pane's border, the selection bar and key names.
    pub accent: Color,
    /// Metadata, citations, unfocused borders.
    pub muted: Color,
    pub link: Color,
    pub error: Color,
    /// Items that cite no source.
    pub unsourced: Color,
    pub open: Color,
    pub narrowed: Color,
    pub resolved: Color,
    /// The background of search matches.
    pub matched: Color,
    /// The background of the selected item's rows in the focused pane: a quiet grey, so
    /// the text on it keeps its own colours.
    pub selection: Color,
}

impl Palette {
    /// Every colour role by the name `[colors]` gives it, text colours first and the two
    /// backgrounds (`matched`, `selection`) last: the one list `config --default` and the
    /// contrast test read.
    #[must_use]
    pub fn roles(&self) -> [(&'static str, Color); 10] {
        [
            ("accent", self.accent),
            ("muted", self.muted),
            ("link", self.link),
            ("error", self.error),
            ("unsourced", self.unsourced),
            ("open", self.open),
            ("narrowed", self.narrowed),
            ("resolved", self.resolved),
            ("matched", self.matched),
            ("selection", self.selection),
        ]
    }

    /// For dark backgrounds. Statuses use the terminal's normal (not bright) hues so that
    /// a column of "open" is calmer than the titles; the bright accent carries hierarchy.
    /// Muted text, links and red come from the 256-colour palette, whose values terminals
    /// share, so each keeps a contrast of at least 4.5:1 (WCAG AA) on the background and
    /// on the selection, which the 16 named colours did not (2.8, 4.4 and 3.6:1 in xterm).
    /// The light palette's muted grey, magenta and green are indexed for the same reason.
    pub const DARK: Self = Self {
        accent: Color::LightCyan,
        muted: Color::Indexed(246),
        link: Color::Indexed(111),
        error: Color::Indexed(210),
        unsourced: Color::Yellow,
        open: Color::Indexed(203),
        narrowed: Color::Yellow,
        resolved: Color::Green,
        matched: Color::Yellow,
        selection: Color::Indexed(235),
    };

    /// For light backgrounds: darker hues, no yellow or cyan for text on white (the
    /// match background may be a pale yellow: black text sits on it).
    pub const LIGHT: Self = Self {
        accent: Color::Blue,
        muted: Color::Indexed(241),
        link: Color::Blue,
        error: Color::Red,
        unsourced: Color::Indexed(127),
        open: Color::Red,
        narrowed: Color::Indexed(127),
        resolved: Color::Indexed(22),
        matched: Color::LightYellow,
        selection: Color::Indexed(254),
    };
}

/// The palette choice in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Dark or light after the terminal's background, asked once at start.
    #[default]
    Auto,
    Dark,
    Light,
    /// No colours at all, as with `NO_COLOR`.
    Plain,
}

/// Whether the terminal draws on a light or a dark background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

impl Background {
    #[must_use]
    pub fn palette(self) -> Palette {
        match self {
            Self::Dark => Palette::DARK,
            Self::Light => Palette::LIGHT,
        }
    }

    /// The background from what the terminal answered (`osc`, its reply to OSC 11, if it
    /// gave one in time), else from `COLORFGBG`, else dark: most terminals are dark, and a
    /// dark palette on white is still legible while the reverse is not always.
    #[must_use]
    pub fn choose(osc: Option<Self>, colorfgbg: Option<&str>) -> Self {
        osc.or_else(|| colorfgbg.and_then(Self::from_colorfgbg))
            .unwrap_or(Self::Dark)
    }

    /// Reads `COLORFGBG` (set by rxvt, Konsole and others as `fg;bg` or `fg;default;bg`):
    /// the last field is the background's ANSI index; 7 and 9–15 are light, 0–6 and 8
    /// dark. Anything else (`default`, empty, out of range) says nothing.
    #[must_use]
    pub fn from_colorfgbg(value: &str) -> Option<Self> {
        let index: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
        match index {
            7 | 9..=15 => Some(Self::Light),
            0..=6 | 8 => Some(Self::Dark),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour's sRGB value as xterm draws it by default (named colours) or as the
    /// 256-colour palette defines it (indexed).
    fn rgb(color: Color) -> (u8, u8, u8) {
        const NAMED: [(u8, u8, u8); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        let index = match color {
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(i) => i,
            Color::Rgb(r, g, b) => return (r, g, b),
            _ => 0,
        };
        match index {
            0..=15 => NAMED[usize::from(index)],
            16..=231 => {
                let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
                let n = index - 16;
                (level(n / 36), level(n / 6 % 6), level(n % 6))
            }
            _ => {
                let grey = 8 + 10 * (index - 232);
                (grey, grey, grey)
            }
        }
    }

    fn luminance(color: Color) -> f64 {
        let (r, g, b) = rgb(color);
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_colours_meet_wcag_aa_on_the_background_and_the_selection() {
        for (palette, background) in [
            (Palette::DARK, Color::Black),
            (Palette::LIGHT, Color::White),
        ] {
            let text = palette
                .roles()
                .into_iter()
                .filter(|(role, _)| !matches!(*role, "matched" | "selection"));
            for (role, color) in text {
                for behind in [background, palette.selection] {
                    let ratio = contrast(color, behind);
                    assert!(ratio >= 4.5, "{role} {color:?} on {behind:?}: {ratio:.2}:1");
                }
            }
        }
    }

    #[test]
    fn colorfgbg_names_the_background_by_its_last_field() {
        assert_eq!(Background::from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(Background::from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(
            Background::from_colorfgbg("0;default;7"),
            Some(Background::Light)
        );
        assert_eq!(Background::from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(Background::from_colorfgbg("15;default"), None);
        assert_eq!(Background::from_colorfgbg(""), None);
        assert_eq!(Background::from_colorfgbg("0;300"), None);
        assert_eq!(
            Background::from_colorfgbg("0; 11 "),
            Some(Background::Light)
        );
    }

    #[test]
    fn the_terminals_answer_wins_then_colorfgbg_then_dark() {
        use Background::{Dark, Light};
        assert_eq!(Background::choose(Some(Dark), Some("0;15")), Dark);
        assert_eq!(Background::choose(Some(Light), None), Light);
        assert_eq!(Background::choose(None, Some("0;15")), Light);
        assert_eq!(Background::choose(None, Some("nonsense")), Dark);
        assert_eq!(Background::choose(None, None), Dark);
    }
}
