//! Keeping what was read as the reader goes: the store (its read entries and place) and
//! each summit's version as read, written by one thread of its own, so a key never waits
//! for the disk and a reader killed or hung up on loses at most the summit it was on.
//!
//! One thread, in the order asked: a summit's version is kept when it is opened and again
//! when it is left (after a reload, the two differ), and the later must land last. What
//! queued up while a save ran is kept in one save (holding `]` down saves once, not once
//! a summit). The reader's quit waits for it, then keeps its own last state after it.

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
    thread: Option<JoinHandle<()>>,
}

impl ReadKeeper {
    /// Starts the thread, which reports each save to the reader on `messages`.
    pub(super) fn start(book: Option<BookFile>, messages: Sender<Message>) -> Self {
        let (requests, inbox) = mpsc::channel::<Keep>();
        let thread = thread::spawn(move || {
            while let Ok(mut keep) = inbox.recv() {
                while let Ok(later) = inbox.try_recv() {
                    keep.then(later);
                }
                write(keep, book.as_ref(), &messages);
            }
        });
        Self {
            requests: Some(requests),
            thread: Some(thread),
        }
    }

    /// Asks for `book` and `versions` to be kept, after what was asked before.
    pub(super) fn keep(&self, book: Store, versions: ReadVersions) {
        if let Some(requests) = &self.requests {
            // The thread is gone only if it panicked; the quit still saves.
            let _ = requests.send(Keep {
                book,
                versions: versions.0,
            });
        }
    }

    /// The reader quits: keeps `book` and `versions` after everything asked before, and
    /// waits until all of it is written.
    pub(super) fn finish(&mut self, book: Store, versions: Vec<Briefing>) {
        self.keep(book, ReadVersions(versions));
        drop(self.requests.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Saves the store (re-read, merged, written atomically), then keeps each version beside
/// it; what happened goes back to the reader as a save of the store does (the store as
/// merged with the file, which may hold another reader's marks, or why it failed), and
/// every failure to the log. Without a data folder there is nowhere to keep them, which a
/// mark made says; a summit opened does not say it again.
fn write(keep: Keep, book: Option<&BookFile>, messages: &Sender<Message>) {
    let Some(book) = book else {
        return;
    };
    let saved = save_book(keep.book, Some(book));
    if let Err(reason) = &saved {
        tracing::warn!("{reason}");
    }
    let _ = messages.send(Message::BookSaved(saved));
    let versions = Versions::beside(&book.path);
    for briefing in &keep.versions {
        if let Err(reason) = versions.remember(briefing) {
            tracing::warn!("{reason}");
            let _ = messages.send(Message::BookSaved(Err(reason)));
            return;
        }
    }
}
