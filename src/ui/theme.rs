//! Colours and emphasis. The dark and light palettes use named ANSI colours, which follow
//! the terminal's own palette; a config can replace any colour. With `NO_COLOR` set (or
//! `theme = "plain"`) only bold, italic, underline and reverse remain. Colour never carries
//! meaning alone: statuses are always written out.

use ratatui::style::{Color, Modifier, Style};

pub use crate::palette::{NO_COLOR_ENV, Palette, ThemeName};
use sherpa_core::diagnostics::Severity;
use sherpa_core::document::FieldKind;
use sherpa_core::model::DisagreementStatus;
use sherpa_core::render_text::LineStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// `None` draws without colour.
    palette: Option<Palette>,
}

impl Theme {
    /// A theme from a palette (`None` for no colour); `NO_COLOR` always wins.
    #[must_use]
    pub fn new(palette: Option<Palette>) -> Self {
        Self {
            palette: palette.filter(|_| !crate::palette::no_color()),
        }
    }

    #[must_use]
    pub fn colored() -> Self {
        Self {
            palette: Some(Palette::DARK),
        }
    }

    /// The light palette whatever the environment, as [`Theme::colored`] is the dark one.
    #[must_use]
    pub fn light() -> Self {
        Self {
            palette: Some(Palette::LIGHT),
        }
    }

    #[must_use]
    pub fn plain() -> Self {
        Self { palette: None }
    }

    fn fg(self, pick: impl Fn(&Palette) -> Color) -> Style {
        match &self.palette {
            Some(palette) => Style::new().fg(pick(palette)),
            None => Style::new(),
        }
    }

    #[must_use]
    pub fn line(self, style: LineStyle) -> Style {
        match style {
            LineStyle::Title => self.fg(|p| p.accent).add_modifier(Modifier::BOLD),
            LineStyle::Heading => Style::new().add_modifier(Modifier::BOLD),
            LineStyle::Field(FieldKind::Meta | FieldKind::Citation) | LineStyle::Note => {
                self.fg(|p| p.muted)
            }
            LineStyle::Field(FieldKind::Unsourced) => {
                self.fg(|p| p.unsourced).add_modifier(Modifier::ITALIC)
            }
            LineStyle::Field(FieldKind::Link) => {
                self.fg(|p| p.link).add_modifier(Modifier::UNDERLINED)
            }
            LineStyle::Field(FieldKind::Status(status)) => self.status(status),
            LineStyle::UserNote => self.fg(|p| p.accent).add_modifier(Modifier::ITALIC),
            LineStyle::Problem(Severity::Error) => self.error(),
            // A warning takes the "narrowed" hue: attention, not alarm.
            LineStyle::Problem(Severity::Warning) => self.fg(|p| p.narrowed),
            LineStyle::Field(FieldKind::Body) | LineStyle::Blank => Style::new(),
        }
    }

    /// A status word: its hue only, not bold, so a column of them stays quieter than the
    /// titles. Without colour the word itself (always written out) carries the meaning.
    #[must_use]
    pub fn status(self, status: DisagreementStatus) -> Style {
        self.fg(|p| match status {
            DisagreementStatus::Open => p.open,
            DisagreementStatus::Narrowed => p.narrowed,
            DisagreementStatus::Resolved => p.resolved,
        })
    }

    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(|p| p.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(|p| p.muted)
        }
    }

    /// The bar beside the selected item.
    #[must_use]
    pub fn selection(self, focused: bool) -> Style {
        self.border(focused)
    }

    /// Every row of the selected item in the focused pane, across the text width (as
    /// lazygit and gitui do): a quiet background in colour, reverse video without, so the
    /// selection reads on a monochrome screen too. Other panes show only the bar.
    #[must_use]
    pub fn selected_row(self, focused: bool) -> Style {
        match (&self.palette, focused) {
            (_, false) => Style::new(),
            (Some(palette), true) => Style::new().bg(palette.selection),
            (None, true) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Patched over the screen behind an overlay: grey and faint, without the emphasis
    /// or backgrounds that would compete with the overlay.
    #[must_use]
    pub fn backdrop(self) -> Style {
        let style = match &self.palette {
            Some(palette) => Style::new().fg(palette.muted).bg(Color::Reset),
            None => Style::new(),
        };
        style
            .add_modifier(Modifier::DIM)
            .remove_modifier(Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED)
    }

    #[must_use]
    pub fn error(self) -> Style {
        self.fg(|p| p.error).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn key(self) -> Style {
        self.fg(|p| p.accent).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn dim(self) -> Style {
        self.fg(|p| p.muted)
    }

    /// A search match: dark text on the match colour, or without colour, reversed and
    /// underlined so it still stands out inside a reversed (selected) row.
    #[must_use]
    pub fn search_match(self) -> Style {
        match &self.palette {
            // Not reversed inside a reversed (selected) row: black on the match colour.
            Some(palette) => Style::new()
                .fg(Color::Black)
                .bg(palette.matched)
                .remove_modifier(Modifier::REVERSED),
            None => Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        }
    }

    #[must_use]
    pub fn highlight(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}
