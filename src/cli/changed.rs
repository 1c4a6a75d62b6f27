//! `sherpa changed`: the summits changed since you last read them in the reader, each with
//! what changed (the comparison `sherpa diff` makes). The store and the remembered versions
//! are only read: listing never marks anything read.

use super::CommandResult;
use super::json::{ChangedJson, ChangedRow};
use super::marks::read_store;
use super::output::{print_json, print_rows};
use sherpa_core::analysis;
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::store::{BookFile, Versions};

pub(super) fn changed(origin: &Origin, corpus: &Corpus, json: bool) -> CommandResult {
    let changed = BookFile::of(origin)
        .map(|book| {
            Versions::beside(&book.path)
                .recall_read(&read_store(origin))
                .changed_in(corpus)
        })
        .unwrap_or_default();
    if json {
        let summits = (changed.iter())
            .filter_map(|summit| {
                let now = corpus.get(&summit.id)?;
                Some(ChangedRow::of(summit, now))
            })
            .collect();
        return print_json(&ChangedJson {
            version: sherpa_core::export::JSON_VERSION,
            summits,
        });
    }
    print_rows(changed.into_iter().map(|summit| {
        let line = format!("{}  updated since you read it on {}", summit.id, summit.day);
        // The comparison's own heading names the summit twice: the line above says it.
        let detail = analysis::diff_text(&summit.diff)
            .into_iter()
            .skip(1)
            .filter(|line| !line.is_empty())
            .collect();
        (line, detail)
    }))
}
