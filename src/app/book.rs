//! Your own book in the reader: marks and notes on items, the list of marks, and where you
//! left off.
//!
//! The store ([`Store`]) lives in the state; reading and writing its file are the runner's
//! (a [`Effect::SaveBook`] after each change, [`App::closing_book`] on quit), so `update`
//! does no I/O. A change made before the file is read is merged with it when it arrives.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::{Accept, Action, App, Effect, Overlay, Picker, PickerEntries, Place};
use crate::grid::{Grid, GridPane};
use crate::keymap::{Command, Context};
use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::Diagnostic;
use sherpa_core::document::{Item, pane_items};
use sherpa_core::item_key::{ItemKey, pane_keys};
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::FoldedText;
use sherpa_core::store::{
    Anchor, Note, Placement, Position, Store, day_of, now, place_all, shown_quote,
};
use sherpa_core::wrap::{LineStyle, TextLine, wrap_indented};

/// The longest note the input line takes, in characters: a note is a line, not a memo.
const NOTE_CHARS: usize = 500;

/// The longest note kept from the editor, in characters: room for a page of thought, far
/// below what would swell the store file (a thousand such notes stay under its limit).
const LONG_NOTE_CHARS: usize = 4_000;

/// A note being written on the input line: the item it is for, and the text so far.
#[derive(Debug, Clone)]
pub(super) struct NoteInput {
    anchor: Anchor,
    text: String,
}

/// How far the store has come: read by the runner, then its position gone back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum BookProgress {
    #[default]
    Unread,
    /// Read; the reader goes back to its place once the corpus is loaded too.
    Read,
    /// The place was gone back to (or there was none, or remembering is off): from now
    /// on, the reader's place is the one to keep.
    Restored,
}

/// Your notes as the finder matches them: each folded once for [`Query::matcher`], and
/// where it stands in the corpus shown, worked out for all the notes at once
/// ([`place_all`]) by the runner in the background after a load (as the finder's entries
/// are) or by the first keystroke that needs it. Folded and placed one by one at every
/// keystroke, a thousand notes over 10,000 summits cost several times the rest of the
/// keystroke (21 M instructions for a letter most notes hold).
///
/// [`Query::matcher`]: sherpa_core::search::Query::matcher
#[derive(Clone, Default)]
pub struct FinderNotes {
    corpus: Arc<Corpus>,
    /// The store's notes, in its order, each with its text folded.
    notes: Arc<[(Note, FoldedText)]>,
    /// Each note's item now, in the same order (`None`: orphaned).
    places: Arc<OnceLock<Vec<Option<ItemKey>>>>,
}

impl FinderNotes {
    /// The same notes in another corpus (a load or a reload): placed anew, on first use.
    fn in_corpus(&self, corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            notes: Arc::clone(&self.notes),
            places: Arc::default(),
        }
    }

    /// The notes, each with its folded text and the item it stands on now; places worked
    /// out now if no one has yet.
    pub fn placed(&self) -> impl Iterator<Item = (&Note, &FoldedText, Option<&ItemKey>)> {
        let places = self.places.get_or_init(|| {
            let anchors: Vec<&Anchor> = self.notes.iter().map(|(note, _)| &note.anchor).collect();
            keys_of(&anchors, place_all(&anchors, &self.corpus))
        });
        (self.notes.iter())
            .zip(places)
            .map(|((note, folded), place)| (note, folded, place.as_ref()))
    }

    /// Whether the places are worked out, so a keystroke only looks them up.
    #[must_use]
    pub fn is_placed(&self) -> bool {
        self.places.get().is_some()
    }

    /// The same corpus with `notes`, the store's notes now: places already worked out are
    /// kept and only the notes on new items placed (a note just written, or merged from the
    /// file), so writing a note does not place the others again.
    fn with_notes(&self, notes: Vec<Note>) -> Self {
        if self.notes.len() == notes.len()
            && self
                .notes
                .iter()
                .zip(&notes)
                .all(|((kept, _), note)| kept == note)
        {
            return self.clone();
        }
        let places = OnceLock::new();
        if let Some(old) = self.places.get() {
            let known: HashMap<&Anchor, &Option<ItemKey>> = (self.notes.iter())
                .map(|(note, _)| &note.anchor)
                .zip(old)
                .collect();
            let new: Vec<&Anchor> = (notes.iter().map(|note| &note.anchor))
                .filter(|anchor| !known.contains_key(anchor))
                .collect();
            let mut new_places: HashMap<&Anchor, Option<ItemKey>> = new
                .iter()
                .copied()
                .zip(keys_of(&new, place_all(&new, &self.corpus)))
                .collect();
            let all = notes.iter().map(|note| match known.get(&note.anchor) {
                Some(place) => (*place).clone(),
                None => new_places.remove(&note.anchor).flatten(),
            });
            let _ = places.set(all.collect());
        }
        Self {
            corpus: Arc::clone(&self.corpus),
            notes: folded(notes),
            places: Arc::new(places),
        }
    }
}

/// Each note with its text folded for the finder.
fn folded(notes: Vec<Note>) -> Arc<[(Note, FoldedText)]> {
    (notes.into_iter())
        .map(|note| {
            let folded = FoldedText::new(&note.text);
            (note, folded)
        })
        .collect()
}

/// The item each anchor stands on, from its placement.
fn keys_of(anchors: &[&Anchor], placements: Vec<Placement>) -> Vec<Option<ItemKey>> {
    (anchors.iter().zip(placements))
        .map(|(anchor, placement)| placement.key(anchor).cloned())
        .collect()
}

impl std::fmt::Debug for FinderNotes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FinderNotes")
            .field("notes", &self.notes.len())
            .field("placed", &self.is_placed())
            .finish_non_exhaustive()
    }
}

impl App {
    /// Your notes as the finder matches them (placed on first use), to hand to the
    /// runner's warm-up.
    #[must_use]
    pub fn finder_notes(&self) -> FinderNotes {
        self.finder_notes.clone()
    }

    /// The notes as the store holds them now.
    fn store_notes(&self) -> Vec<Note> {
        self.book.notes().cloned().collect()
    }

    /// The notes in a new corpus: none placed yet.
    pub(super) fn place_notes_anew(&mut self) {
        self.finder_notes = self.finder_notes.in_corpus(Arc::clone(&self.corpus));
    }

    /// The notes changed (written here, or read or merged from the file): only the new
    /// ones are placed.
    fn notes_changed(&mut self) {
        self.finder_notes = self.finder_notes.with_notes(self.store_notes());
    }

    /// The runner read the store: it is merged with what was marked meanwhile, and the
    /// reader goes back to where it was left if it has not been anywhere yet. The first
    /// problem in the file is shown (the others are kept in it, as written).
    pub fn book_loaded(&mut self, loaded: Store, diagnostics: &[Diagnostic]) {
        let mut book = std::mem::take(&mut self.book);
        book.merge(loaded);
        self.book = book;
        self.notes_changed();
        if self.book_progress == BookProgress::Unread {
            self.book_progress = BookProgress::Read;
        }
        if let Some(first) = diagnostics.first() {
            let more = diagnostics.len() - 1;
            let text = format!(
                "Your notes file has problems: {}{}",
                sanitize_line(first.to_string().lines().next().unwrap_or_default()),
                if more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                }
            );
            self.set_status(text, true);
        }
        self.restore_position();
        self.rewrap_all();
    }

    /// Wraps every pane again, for notes that came or went.
    fn rewrap_all(&mut self) {
        for pane in GridPane::ALL {
            self.rewrap(pane);
        }
    }

    /// The runner saved the store (merged with the file), away from the drawing thread:
    /// what another reader wrote shows here too, and what was changed here since the save
    /// was asked for is kept ([`Store::saved`]).
    pub fn book_saved(&mut self, result: Result<Store, String>) {
        match result {
            Ok(saved) => {
                // The panes are laid out again only when the file brought marks or notes
                // they show: laying them out brings each selection back into view, which
                // undid a wheel scroll made while the save ran (one runs with the first
                // key after a summit is opened). The merge says so, where copying every
                // mark and note twice to compare them came with every summit opened.
                if self.book.saved(saved) {
                    self.notes_changed();
                    self.rewrap_all();
                }
            }
            Err(reason) => self.set_status(sanitize_line(&reason).to_string(), true),
        }
    }

    /// The store to save as the reader quits, with where the reader is now (unless
    /// `remember_position` is off).
    #[must_use]
    pub fn closing_book(&mut self) -> Store {
        self.book_with_position()
    }

    /// The store with where the reader is now (unless `remember_position` is off), to save.
    pub(super) fn book_with_position(&mut self) -> Store {
        // Before the stored position was gone back to, a save keeps it as it was.
        if self.settings.remember_position
            && self.book_progress == BookProgress::Restored
            && let Some(position) = self.here()
        {
            self.book.set_position(position);
        }
        self.book.clone()
    }

    /// Marks, notes and place as the reader holds them.
    #[must_use]
    pub fn book(&self) -> &Store {
        &self.book
    }

    /// Builds the item keys of the current summit's panes, once per summit shown.
    pub(super) fn refresh_item_keys(&mut self) {
        let briefing = self.corpus.briefings().get(self.current);
        self.item_keys = Grid::from_fn(|pane| {
            briefing.map_or_else(Vec::new, |briefing| pane_keys(briefing, pane.pane()))
        });
    }

    /// Positions of the marked items of a pane of the current summit, for the pane's
    /// markers: lookups of the pane's keys, built once per summit.
    #[must_use]
    pub fn marked_items(&self, pane: GridPane) -> Vec<usize> {
        if self.book.marks().next().is_none() {
            return Vec::new();
        }
        self.item_keys[pane]
            .iter()
            .enumerate()
            .filter(|(_, key)| self.book.is_marked(key))
            .map(|(index, _)| index)
            .collect()
    }

    /// How many items of a pane of the current summit carry a note, for the pane's title.
    #[must_use]
    pub fn noted_items(&self, pane: GridPane) -> usize {
        if self.book.notes().next().is_none() {
            return 0;
        }
        self.item_keys[pane]
            .iter()
            .filter(|key| self.book.note(key).is_some())
            .count()
    }

    /// The note being written, while its input line is open: the text so far.
    #[must_use]
    pub fn note_input(&self) -> Option<&str> {
        self.note_input.as_ref().map(|input| input.text.as_str())
    }

    /// `lines` of a pane with each note under its item, in the notes' own style and
    /// marked as yours, as part of the item (selected and scrolled with it).
    pub(super) fn with_notes(
        &self,
        pane: GridPane,
        lines: Vec<TextLine>,
        width: usize,
    ) -> Vec<TextLine> {
        if self.book.notes().next().is_none() {
            return lines;
        }
        let notes: Vec<Option<&str>> = self.item_keys[pane]
            .iter()
            .map(|key| self.book.note(key).map(|note| note.text.as_str()))
            .collect();
        if notes.iter().all(Option::is_none) {
            return lines;
        }
        let mut out = Vec::with_capacity(lines.len() + notes.len());
        let mut lines = lines.into_iter().peekable();
        while let Some(line) = lines.next() {
            let item = line.item;
            out.push(line);
            let last_of_item = lines.peek().map(|next| next.item) != Some(item);
            if let Some(index) = item.filter(|_| last_of_item)
                && let Some(Some(text)) = notes.get(index)
            {
                out.extend(
                    wrap_indented(&format!("  ✎ you: {text}"), width, LineStyle::UserNote)
                        .into_iter()
                        .map(|line| TextLine {
                            item: Some(index),
                            ..line
                        }),
                );
            }
        }
        out
    }

    /// The selected item of the focused pane, if there is one.
    fn selected_item(&self) -> Option<Item> {
        let selected = self.panes[self.focus].selected;
        self.briefing()
            .and_then(|b| pane_items(b, self.focused_pane()).into_iter().nth(selected))
    }

    /// `a`: opens the input line for a note on the selected item, holding its note if it
    /// has one.
    pub(super) fn begin_note(&mut self) {
        let Some(item) = self.selected_item() else {
            self.set_status("Nothing to write a note on here", false);
            return;
        };
        let text = self
            .book
            .note(&item.key)
            .map(|note| note.text.clone())
            .unwrap_or_default();
        self.note_input = Some(NoteInput {
            anchor: Anchor::of(&item),
            text,
        });
    }

    /// A key while the note's input line is open: it types, `Enter` keeps the note (an
    /// empty one removes it), `Esc` drops what was typed.
    pub(super) fn update_note(&mut self, action: &Action) -> Effect {
        let Some(input) = &mut self.note_input else {
            return Effect::None;
        };
        match action {
            Action::FinderInput(c) if input.text.chars().count() < NOTE_CHARS => {
                input.text.push(*c);
            }
            Action::FinderDeleteChar => {
                input.text.pop();
            }
            Action::FinderDeleteWord => {
                let kept = input
                    .text
                    .trim_end()
                    .rfind(' ')
                    .map_or(0, |space| space + 1);
                input.text.truncate(kept);
            }
            Action::FinderClear => input.text.clear(),
            Action::Close => {
                self.note_input = None;
                self.set_status("Note not changed", false);
            }
            Action::Open => {
                let Some(NoteInput { anchor, text }) = self.note_input.take() else {
                    return Effect::None;
                };
                return self.keep_note(anchor, &text);
            }
            _ => {}
        }
        Effect::None
    }

    /// Writes the anchored item's note (blank text removes it), says so and asks for the
    /// store to be saved.
    ///
    /// Text that leaves the note as it was (the same words, or blank where there was no
    /// note, as an editor closed without a change leaves it) changes nothing, and says so
    /// rather than "Note removed" for a note that never was.
    fn keep_note(&mut self, anchor: Anchor, text: &str) -> Effect {
        let before = self
            .book
            .note(&anchor.key)
            .map_or("", |note| note.text.as_str());
        if text.split_whitespace().eq(before.split_whitespace()) {
            self.set_status("Note not changed", false);
            return Effect::None;
        }
        self.book.set_note(anchor, text, now());
        self.notes_changed();
        self.set_status(
            if text.trim().is_empty() {
                "Note removed"
            } else {
                "Note kept"
            },
            false,
        );
        self.rewrap_all();
        Effect::SaveBook(self.book.clone())
    }

    /// `A`: a longer note on the selected item, written in your editor: the runner opens
    /// it on a temporary file holding the item's note and reports back with
    /// [`App::note_edited`].
    pub(super) fn begin_long_note(&mut self) -> Effect {
        let Some(item) = self.selected_item() else {
            self.set_status("Nothing to write a note on here", false);
            return Effect::None;
        };
        let text = self
            .book
            .note(&item.key)
            .map(|note| note.text.clone())
            .unwrap_or_default();
        Effect::EditNote {
            anchor: Anchor::of(&item),
            text,
        }
    }

    /// The runner reports the note written in the editor (its lines become one, as every
    /// note is shown on its item), or why the editor failed (the note is then unchanged).
    pub fn note_edited(&mut self, anchor: Anchor, result: Result<String, String>) -> Effect {
        match result {
            Ok(text) => {
                let cut = text.chars().count() > LONG_NOTE_CHARS;
                let text: String = text.chars().take(LONG_NOTE_CHARS).collect();
                let effect = self.keep_note(anchor, &text);
                if cut {
                    self.set_status(
                        format!("Note kept, cut to its first {LONG_NOTE_CHARS} characters"),
                        true,
                    );
                }
                effect
            }
            Err(reason) => {
                self.set_status(
                    format!("Note not changed: {}", sanitize_line(&reason)),
                    true,
                );
                Effect::None
            }
        }
    }

    /// `m`: marks the selected item, or removes its mark, and asks for the store to be saved.
    pub(super) fn toggle_mark(&mut self) -> Effect {
        let Some(item) = self.selected_item() else {
            self.set_status("Nothing to mark here", false);
            return Effect::None;
        };
        let marked = self.book.toggle_mark(Anchor::of(&item), now());
        let text = if marked {
            format!(
                "Marked; {} lists your marks",
                self.keymap().key_for(Command::Marks)
            )
        } else {
            "Mark removed".to_owned()
        };
        self.set_status(text, false);
        Effect::SaveBook(self.book.clone())
    }

    /// `'`: every mark of the corpus, placed in the briefings as they are now: `Enter`
    /// goes to the item; a mark whose item is gone is listed as orphaned, with its quote.
    pub(super) fn show_marks(&mut self) {
        if self.book.marks().next().is_none() {
            self.set_status(
                format!(
                    "No marks yet: {} marks the selected item",
                    self.keymap().key_for(Command::Mark)
                ),
                false,
            );
            return;
        }
        let anchors: Vec<&Anchor> = self.book.marks().map(|mark| &mark.anchor).collect();
        // Placed together, as the notes are: each marked pane built once.
        let rows = place_all(&anchors, &self.corpus)
            .into_iter()
            .zip(&anchors)
            .map(|(placement, anchor)| {
                let (line, target) = placed_line(anchor, placement.key(anchor));
                (line, vec![shown_quote(&anchor.quote)], target)
            });
        let entries = PickerEntries::from_lines(rows.collect::<Vec<_>>());
        let open = self.keymap().key_in(Context::List, Command::Open);
        self.open_item_list(&format!("Your marks ({open} goes to the item)"), entries);
    }

    /// `"`: every note of the corpus (its summit, item, text and day), placed in the
    /// briefings as they are now: `Enter` goes to the item; a note whose item is gone is
    /// listed as orphaned, with the quote of the item it was on.
    pub(super) fn show_notes(&mut self) {
        if self.book.notes().next().is_none() {
            self.set_status(
                format!(
                    "No notes yet: {} writes one on the selected item",
                    self.keymap().key_for(Command::Note)
                ),
                false,
            );
            return;
        }
        let rows = self.finder_notes.placed().map(|(note, _, placed)| {
            let (line, target) = placed_line(&note.anchor, placed);
            let mut detail = vec![format!("✎ {}", note.text)];
            if target.is_none() {
                detail.push(format!("was on: {}", shown_quote(&note.anchor.quote)));
            } else {
                detail.push(shown_quote(&note.anchor.quote));
            }
            detail.push(format!("written {}", day_of(note.at)));
            (line, detail, target)
        });
        let entries = PickerEntries::from_lines(rows.collect::<Vec<_>>());
        let open = self.keymap().key_in(Context::List, Command::Open);
        self.open_item_list(&format!("Your notes ({open} goes to the item)"), entries);
    }

    /// Opens a list whose entries go to items.
    fn open_item_list(&mut self, title: &str, entries: PickerEntries) {
        let mut picker = Picker::new(title, Arc::new(entries), None);
        picker.accept = Accept::Item;
        self.overlay = Overlay::Picker(Box::new(picker));
    }

    /// Goes to the item `key` names: its summit, its pane, the item selected and shown.
    pub(super) fn go_to_item(&mut self, key: &ItemKey) -> bool {
        let Some(position) = self.corpus.position(key.summit()) else {
            return false;
        };
        let Some(grid_pane) = GridPane::of(key.pane()) else {
            return false;
        };
        let Some(index) = pane_keys(&self.corpus.briefings()[position], key.pane())
            .iter()
            .position(|k| k == key)
        else {
            return false;
        };
        self.go_to(position);
        self.set_focus(grid_pane);
        let view = &mut self.panes[grid_pane];
        view.selected = index;
        view.clamp();
        view.reveal_selected();
        true
    }

    /// Where the reader is, as the store keeps it.
    fn here(&self) -> Option<Position> {
        let briefing = self.briefing()?;
        let view = &self.panes[self.focus];
        Some(Position {
            summit: briefing.id().to_owned(),
            pane: self.focused_pane(),
            item: self.item_keys[self.focus].get(view.selected).cloned(),
            scroll: view.text.scroll,
        })
    }

    /// Whether the reader went back to its place (or had none to go back to): from then
    /// on, where it goes is its own choice.
    pub(super) fn book_is_restored(&self) -> bool {
        self.book_progress == BookProgress::Restored
    }

    /// Once both the corpus and the store are read: reopens at the stored position, and
    /// the summit it opens at is read.
    pub(super) fn restore_position(&mut self) {
        if self.book_progress != BookProgress::Read || self.loading || self.corpus.is_empty() {
            return;
        }
        self.book_progress = BookProgress::Restored;
        self.go_back_to_position();
        self.summit_opened();
    }

    /// Goes back to the stored position, the item found by its key (the scroll as it was,
    /// the item still shown), unless remembering it is off.
    fn go_back_to_position(&mut self) {
        if !self.settings.remember_position {
            return;
        }
        let Some(position) = self.book.position().cloned() else {
            return;
        };
        let Some(summit) = self.corpus.position(&position.summit) else {
            return;
        };
        let Some(grid_pane) = GridPane::of(position.pane) else {
            return;
        };
        let selected = position.item.as_ref().and_then(|key| {
            pane_keys(&self.corpus.briefings()[summit], position.pane)
                .iter()
                .position(|k| k == key)
        });
        let mut places = Grid::<Place>::default();
        places[grid_pane] = Place {
            selected: selected.unwrap_or_default(),
            scroll: position.scroll,
        };
        self.focus = grid_pane;
        self.show(summit, places);
    }
}

/// A list entry's line for an anchored entry placed on `placed`, and the item (by key)
/// `Enter` goes to: where it stands now, or `orphaned` and nowhere.
fn placed_line(anchor: &Anchor, placed: Option<&ItemKey>) -> (String, Option<String>) {
    match placed {
        Some(key) => (
            format!("{} · {}", key.summit(), key.pane().title()),
            Some(key.to_string()),
        ),
        None => (format!("orphaned · {}", anchor.key), None),
    }
}
