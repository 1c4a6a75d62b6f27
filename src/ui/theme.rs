//! Colours and emphasis. Named ANSI colours follow the terminal's own palette, so they stay
//! readable on dark and light backgrounds; with `NO_COLOR` set only bold, dim and reverse
//! remain. Colour never carries meaning alone: statuses are always written out.

use ratatui::style::{Color, Modifier, Style};

use crate::document::FieldKind;
use crate::model::DisagreementStatus;
use crate::render_text::LineStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// The theme for this process: plain when `NO_COLOR` is set to anything non-empty.
    #[must_use]
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    #[must_use]
    pub fn colored() -> Self {
        Self { color: true }
    }

    #[must_use]
    pub fn plain() -> Self {
        Self { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    #[must_use]
    pub fn line(self, style: LineStyle) -> Style {
        match style {
            LineStyle::Title => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            LineStyle::Heading => Style::new().add_modifier(Modifier::BOLD),
            LineStyle::Field(FieldKind::Meta | FieldKind::Citation) | LineStyle::Note => {
                self.fg(Color::DarkGray)
            }
            LineStyle::Field(FieldKind::Unsourced) => {
                self.fg(Color::Yellow).add_modifier(Modifier::ITALIC)
            }
            LineStyle::Field(FieldKind::Link) => {
                self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
            }
            LineStyle::Field(FieldKind::Status(status)) => self.status(status),
            LineStyle::Field(FieldKind::Body) | LineStyle::Blank => Style::new(),
        }
    }

    #[must_use]
    pub fn status(self, status: DisagreementStatus) -> Style {
        let color = match status {
            DisagreementStatus::Open => Color::Red,
            DisagreementStatus::Narrowed => Color::Yellow,
            DisagreementStatus::Resolved => Color::Green,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// The bar beside the selected item.
    #[must_use]
    pub fn selection(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    #[must_use]
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray)
    }

    #[must_use]
    pub fn highlight(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}
