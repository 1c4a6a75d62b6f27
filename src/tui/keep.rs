//! Keeping what was read as the reader goes: the store (its read entries and place) and
//! each summit's version as read, written by one thread of its own, so a key never waits
//! for the disk and a reader killed or hung up on loses at most the summit it was on.
//!
//! One thread, in the order asked: a summit's version is kept when it is opened and again
//! when it is left (after a reload, the two differ), and the later must land last. What is
//! asked while a batch of keys is handled goes to the thread once the frame that answers
//! them is drawn (as a search does), so the write never takes a core from that frame; what
//! queued up while a save ran is kept in one save (holding `]` down saves once, not once a
//! summit). A save reports back only when the reader must take it in (a colleague's marks
//! or notes came in, or it failed): a report redraws the screen, which for a summit kept
//! as read would draw nothing new, after the frame, on every `]`. The reader's quit waits
//! for it all, then keeps its own last state after it.

use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use super::{Message, save_book};
use crate::app::ReadVersions;
use sherpa_core::model::Briefing;
use sherpa_core::store::{BookFile, Store, Versions};

/// The store and the summits' versions to keep.
struct Keep {
    book: Store,
    versions: Vec<Briefing>,
}

impl Keep {
    /// Takes in a later request: its store, and its versions over any of the same summit.
    fn then(&mut self, later: Self) {
        self.book = later.book;
        for version in later.versions {
            self.versions.retain(|kept| kept.id() != version.id());
            self.versions.push(version);
        }
    }
}

/// The thread that keeps what was read, and the way to it.
pub(super) struct ReadKeeper {
    requests: Option<Sender<Keep>>,
    /// What was asked since the last frame was drawn, handed to the thread once it is.
    pending: Option<Keep>,
    thread: Option<JoinHandle<()>>,
}

impl ReadKeeper {
    /// Starts the thread, which reports to the reader on `messages` the saves it must take
    /// in.
    pub(super) fn start(book: Option<BookFile>, messages: Sender<Message>) -> Self {
        let (requests, inbox) = mpsc::channel::<Keep>();
        let thread = thread::spawn(move || {
            let mut written = Vec::new();
            while let Ok(mut keep) = inbox.recv() {
                while let Ok(later) = inbox.try_recv() {
                    keep.then(later);
                }
                written = write(keep, book.as_ref(), &messages, &written);
            }
        });
        Self {
            requests: Some(requests),
            pending: None,
            thread: Some(thread),
        }
    }

    /// Asks for `book` and `versions` to be kept, after what was asked before; the thread
    /// gets them with [`ReadKeeper::send_pending`].
    pub(super) fn keep(&mut self, book: Store, versions: ReadVersions) {
        let keep = Keep {
            book,
            versions: versions.0,
        };
        match &mut self.pending {
            Some(pending) => pending.then(keep),
            None => self.pending = Some(keep),
        }
    }

    /// Hands what was asked to the thread: once the frame that answers the keys is drawn,
    /// and before anything that holds the reader up (the editor, the quit).
    pub(super) fn send_pending(&mut self) {
        if let (Some(keep), Some(requests)) = (self.pending.take(), &self.requests) {
            // The thread is gone only if it panicked; the quit still saves.
            let _ = requests.send(keep);
        }
    }

    /// The reader quits: keeps `book` and `versions` after everything asked before, and
    /// waits until all of it is written.
    pub(super) fn finish(&mut self, book: Store, versions: Vec<Briefing>) {
        self.keep(book, ReadVersions(versions));
        self.send_pending();
        drop(self.requests.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Saves the store (re-read, merged, written atomically), then keeps each version beside
/// it, but for one just `written` as it is (a summit left as it was opened, the usual
/// `]`: a write and a sync fewer a summit); returns the versions it wrote. The store as
/// merged with the file goes back to the reader when it brought news (another reader's
/// marks or notes, or removals written); why a write failed always does, and to the log.
/// Without a data folder there is nowhere to keep them, which a mark made says; a summit
/// opened does not say it again.
fn write(
    keep: Keep,
    book: Option<&BookFile>,
    messages: &Sender<Message>,
    written: &[Briefing],
) -> Vec<Briefing> {
    let Some(book) = book else {
        return Vec::new();
    };
    match save_book(keep.book, Some(book)) {
        Ok((saved, true)) => {
            let _ = messages.send(Message::BookSaved(Ok(saved)));
        }
        Ok((_, false)) => {}
        Err(reason) => {
            tracing::warn!("{reason}");
            let _ = messages.send(Message::BookSaved(Err(reason)));
        }
    }
    let versions = Versions::beside(&book.path);
    let mut now_written = Vec::new();
    for briefing in keep.versions {
        if written.contains(&briefing) {
            now_written.push(briefing);
            continue;
        }
        if let Err(reason) = versions.remember(&briefing) {
            tracing::warn!("{reason}");
            let _ = messages.send(Message::BookSaved(Err(reason)));
            break;
        }
        now_written.push(briefing);
    }
    now_written
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::mpsc::Receiver;

    use super::*;
    use sherpa_core::corpus::Corpus;
    use sherpa_core::item_key::ItemKey;
    use sherpa_core::store::{Anchor, store_path};

    /// A keeper writing into `dir`, and what it reports.
    fn keeper(dir: &Path) -> (ReadKeeper, BookFile, Receiver<Message>) {
        let sources = vec!["/briefings".to_owned()];
        let book = BookFile {
            path: store_path(dir, &sources),
            sources,
        };
        let (messages, reports) = mpsc::channel();
        (
            ReadKeeper::start(Some(book.clone()), messages),
            book,
            reports,
        )
    }

    /// The store after reading `ids`, one after the other.
    fn read(ids: &[&str]) -> Store {
        let mut store = Store::default();
        for (at, id) in (1..).zip(ids) {
            store.mark_read(id, at);
        }
        store
    }

    /// The saves reported back: the stores taken in, and how many failed.
    fn reported(reports: &Receiver<Message>) -> (Vec<Store>, usize) {
        let mut saved = Vec::new();
        let mut failed = 0;
        for message in reports.try_iter() {
            match message {
                Message::BookSaved(Ok(store)) => saved.push(store),
                Message::BookSaved(Err(_)) => failed += 1,
                _ => {}
            }
        }
        (saved, failed)
    }

    #[test]
    fn a_burst_of_summits_is_written_once_the_frame_is_drawn_and_every_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut keeper, book, reports) = keeper(dir.path());
        let corpus = Corpus::load_bundled();
        let briefings: Vec<Briefing> = corpus.briefings().iter().take(4).cloned().collect();
        let ids: Vec<&str> = briefings.iter().map(Briefing::id).collect();
        // `]` four times in one batch of keys: each opens a summit and leaves the one before.
        for (opened, briefing) in briefings.iter().enumerate() {
            let left = opened.checked_sub(1).and_then(|left| briefings.get(left));
            let versions = left.into_iter().chain([briefing]).cloned().collect();
            keeper.keep(read(&ids[..=opened]), ReadVersions(versions));
        }
        let versions = Versions::beside(&book.path);
        assert!(
            versions.recall_one(ids[0]).is_none(),
            "nothing before the frame"
        );
        keeper.send_pending();
        keeper.finish(read(&ids), Vec::new());
        for id in &ids {
            assert!(versions.recall_one(id).is_some(), "{id} kept");
        }
        let (on_disk, _) = Store::load(&book.path);
        assert_eq!(on_disk.read_summits().len(), ids.len());
        // Only read times came and went: nothing the reader must take in.
        assert_eq!(reported(&reports), (Vec::new(), 0));
    }

    #[test]
    fn a_summit_left_as_it_was_opened_is_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let (mut keeper, book, _reports) = keeper(dir.path());
        let corpus = Corpus::load_bundled();
        let [first, second, third] = [0, 1, 2].map(|at| corpus.briefings()[at].clone());
        let versions = Versions::beside(&book.path);
        let kept = |briefing: &Briefing| versions.dir().join(format!("{}.toml", briefing.id()));
        // Two summits opened, then the frame is drawn and the thread writes them.
        keeper.keep(read(&[first.id()]), ReadVersions(vec![first.clone()]));
        keeper.keep(read(&[second.id()]), ReadVersions(vec![second.clone()]));
        keeper.send_pending();
        for _ in 0..10_000 {
            if kept(&second).exists() {
                break;
            }
            thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(kept(&second).exists(), "written");
        // Their files are removed here, to see which is written again: the first is left
        // as it was, the second after a reload changed it, and a third is opened.
        std::fs::remove_file(kept(&first)).unwrap();
        std::fs::remove_file(kept(&second)).unwrap();
        let mut reloaded = second.clone();
        reloaded.summit.title.push_str(" (edited)");
        let leaving = vec![first.clone(), reloaded.clone(), third.clone()];
        keeper.finish(read(&[third.id()]), leaving);
        assert!(!kept(&first).exists(), "written as it was, not again");
        assert_eq!(versions.recall_one(second.id()), Some(reloaded));
        assert_eq!(versions.recall_one(third.id()), Some(third));
    }

    #[test]
    fn a_save_that_brings_a_colleagues_mark_is_reported_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut keeper, book, reports) = keeper(dir.path());
        let key = ItemKey::parse("alpha/participants/ann").unwrap();
        let mut colleague = Store::default();
        let anchor = Anchor {
            key: key.clone(),
            quote: "Ann".to_owned(),
        };
        colleague.toggle_mark(anchor, 1);
        colleague.save(&book.path).unwrap();
        keeper.finish(read(&["alpha"]), Vec::new());
        let (saved, failed) = reported(&reports);
        assert_eq!(failed, 0);
        assert_eq!(saved.len(), 1, "one report");
        assert!(saved[0].is_marked(&key));
    }

    #[test]
    fn a_write_that_fails_is_reported_back() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the books' folder should be: nothing can be written under it.
        std::fs::write(dir.path().join("books"), "").unwrap();
        let (mut keeper, _, reports) = keeper(dir.path());
        keeper.finish(read(&["alpha"]), Vec::new());
        assert_eq!(reported(&reports).1, 1);
    }
}
