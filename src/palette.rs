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
    /// For dark backgrounds. Statuses use the terminal's normal (not bright) hues so that
    /// a column of "open" is calmer than the titles; the bright accent carries hierarchy.
    pub const DARK: Self = Self {
        accent: Color::LightCyan,
        muted: Color::DarkGray,
        link: Color::LightBlue,
        error: Color::LightRed,
        unsourced: Color::Yellow,
        open: Color::Red,
        narrowed: Color::Yellow,
        resolved: Color::Green,
        matched: Color::Yellow,
        selection: Color::Indexed(237),
    };

    /// For light backgrounds: darker hues, no yellow or cyan for text on white (the
    /// match background may be a pale yellow: black text sits on it).
    pub const LIGHT: Self = Self {
        accent: Color::Blue,
        muted: Color::DarkGray,
        link: Color::Blue,
        error: Color::Red,
        unsourced: Color::Magenta,
        open: Color::Red,
        narrowed: Color::Magenta,
        resolved: Color::Green,
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
