//! The colours a config can choose: the built-in palettes and the theme names. Plain data,
//! below both the config (which reads them) and the screen (which draws with them), so
//! the command line never depends on the reader's drawing code.

use ratatui::style::Color;
use serde::Deserialize;

/// The variable that turns colour off whatever the theme (<https://no-color.org>).
pub const NO_COLOR_ENV: &str = "NO_COLOR";

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
}

impl Palette {
    /// For dark backgrounds.
    pub const DARK: Self = Self {
        accent: Color::Cyan,
        muted: Color::DarkGray,
        link: Color::LightBlue,
        error: Color::LightRed,
        unsourced: Color::Yellow,
        open: Color::LightRed,
        narrowed: Color::Yellow,
        resolved: Color::LightGreen,
        matched: Color::Yellow,
    };

    /// For light backgrounds: darker hues, no yellow or cyan on white.
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
    };
}

/// The palette choice in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// No colours at all, as with `NO_COLOR`.
    Plain,
}
