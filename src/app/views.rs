//! The text views over the panes (help, summary, sources, what changed, problems) and
//! the pane's text for export and copy.

use ratatui::layout::Rect;

use super::EXPORT_WIDTH;
use super::{App, Effect, Overlay, OverlayKind, ScrollView, TextOverlay};
use crate::keymap::{Context, Keymap};
use crate::layout::{overlay_area, pane_text_area};
use sherpa_core::analysis;
use sherpa_core::document::Pane;
use sherpa_core::document::{Document, Header, sources_items_for};
use sherpa_core::render_text::{
    LineStyle, TextLine, export_text, render_header, render_items, render_pane, wrap_indented,
    wrap_text,
};
use sherpa_core::sanitize::{Safe, sanitize};

impl App {
    /// The focused pane as exported text (the same text `sherpa export ID PANE` prints).
    pub(super) fn pane_export_text(&self) -> Option<String> {
        self.briefing()
            .map(|b| export_text(&Document::of(b, Some(self.focused_pane())), EXPORT_WIDTH))
    }

    pub(super) fn export_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let stem = format!(
            "{}-{}",
            self.briefing().map_or("", |b| b.id()),
            self.focused_pane().name()
        );
        Effect::Export {
            dir: self.settings.export_dir.clone(),
            stem,
            contents,
        }
    }

    pub(super) fn copy_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let lines = contents.lines().count();
        self.set_status(
            format!(
                "Copied {} ({lines} lines) to the clipboard via OSC 52, if your terminal allows it",
                self.focused_pane().title()
            ),
            false,
        );
        Effect::Copy(contents)
    }

    /// The `sources` list of the selected item in the focused pane.
    pub(super) fn selected_item_sources(&self) -> Vec<String> {
        let Some(briefing) = self.briefing() else {
            return Vec::new();
        };
        let selected = self.panes[self.focus].selected;
        let Some(table) = self.focused_pane().table() else {
            return Vec::new();
        };
        briefing
            .citing_items()
            .into_iter()
            .find(|item| item.table == table && item.index == selected)
            .map(|item| item.sources.to_vec())
            .unwrap_or_default()
    }

    pub(super) fn show_item_sources(&mut self) {
        if self.briefing().is_some() && !self.panes[self.focus].items.is_empty() {
            self.open_overlay(OverlayKind::ItemSources);
        }
    }

    pub(super) fn open_overlay(&mut self, kind: OverlayKind) {
        let title = match kind {
            OverlayKind::Help => "Keys".to_owned(),
            OverlayKind::Summary => "Summary".to_owned(),
            OverlayKind::Diagnostics => format!("Problems in {}", self.settings.origin),
            OverlayKind::Sources => "Sources and what cites them".to_owned(),
            OverlayKind::ItemSources => format!(
                "Sources cited by the selected item in {}",
                self.focused_pane().title()
            ),
            OverlayKind::Changes => "What changed".to_owned(),
        };
        self.overlay = Overlay::Text(TextOverlay {
            title,
            kind,
            text: ScrollView::default(),
        });
        self.rewrap_overlay();
    }

    pub(super) fn rewrap_overlay(&mut self) {
        let area = overlay_area(Rect::new(0, 0, self.width, self.height));
        let text_area = pane_text_area(area);
        let width = usize::from(text_area.width.max(1));
        let lines = match &self.overlay {
            Overlay::Text(overlay) => self.overlay_lines(overlay.kind, width),
            _ => return,
        };
        if let Overlay::Text(overlay) = &mut self.overlay {
            overlay.text.lines = lines;
            overlay.text.height = text_area.height;
            overlay.text.clamp();
        }
    }

    pub(super) fn overlay_lines(&self, kind: OverlayKind, width: usize) -> Vec<TextLine> {
        match kind {
            OverlayKind::Help => help_lines(self.keymap(), width),
            OverlayKind::Summary => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let mut lines = render_header(&Header::of(briefing), width);
                lines.push(TextLine::blank());
                lines.extend(render_pane(briefing, Pane::Summary, width));
                lines
            }
            OverlayKind::Sources => self
                .briefing()
                .map(|b| render_pane(b, Pane::Sources, width))
                .unwrap_or_default(),
            OverlayKind::ItemSources => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let ids = self.selected_item_sources();
                if ids.is_empty() {
                    let note = "This item cites no source: it is unsourced.";
                    return wrap_text(&Safe::trusted(note), width, LineStyle::Note);
                }
                render_items(&sources_items_for(briefing, &ids), width)
            }
            OverlayKind::Changes => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let text =
                    match analysis::previous_with_shared_participant(&self.corpus, self.current)
                        .and_then(|i| self.corpus.briefings().get(i))
                    {
                        Some(previous) => analysis::diff_text(&analysis::diff(previous, briefing)),
                        None => vec![
                            "No earlier summit in this corpus shares a participant with this one."
                                .to_owned(),
                        ],
                    };
                text.iter()
                    .flat_map(|line| wrap_indented(line, width, LineStyle::Note))
                    .collect()
            }
            OverlayKind::Diagnostics => {
                let diagnostics = self.corpus.diagnostics();
                if diagnostics.is_empty() {
                    let text = format!(
                        "No problems: {} briefings loaded cleanly.",
                        self.corpus.len()
                    );
                    return wrap_text(&Safe::trusted(text), width, LineStyle::Note);
                }
                let mut lines = Vec::new();
                for diagnostic in diagnostics {
                    lines.extend(wrap_text(
                        &sanitize(&diagnostic.to_string()),
                        width,
                        LineStyle::Note,
                    ));
                    lines.push(TextLine::blank());
                }
                lines
            }
        }
    }
}

/// The help overlay's text, generated from the key table.
fn help_lines(keymap: &Keymap, width: usize) -> Vec<TextLine> {
    // Descriptions line up in a column wide enough for most key lists; a longer list is
    // followed by two spaces instead, so it never runs into its description.
    const KEY_COLUMN: usize = 18;
    let mut lines = Vec::new();
    for context in Context::ALL {
        if !lines.is_empty() {
            lines.push(TextLine::blank());
        }
        lines.extend(wrap_text(
            &Safe::trusted(context.title()),
            width,
            LineStyle::Heading,
        ));
        for binding in keymap.bindings_in(context) {
            let keys = binding.keys_label();
            let row = format!("{keys:<KEY_COLUMN$}  {}", binding.command.description());
            lines.extend(wrap_text(&sanitize(&row), width, LineStyle::Note));
        }
    }
    lines
}
