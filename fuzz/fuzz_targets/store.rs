//! Arbitrary text as the store file (your marks, notes, place and read times:
//! `Store::parse`, which cuts the file before every table header and reads each piece
//! alone). Any panic is a bug, and so is a store that does not read back as written: the
//! text written for what was read must read back to the same store and the same text, or
//! a reader that saves would change or lose entries on every save.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sherpa_core::store::Store;

fuzz_target!(|data: &[u8]| {
    // The file's bytes that are not UTF-8 are replaced before parsing, as `Store::load` does.
    let text = String::from_utf8_lossy(data);
    let (store, _problems) = Store::parse("fuzz/book.toml", &text);
    let written = store.to_toml();
    let (again, _) = Store::parse("fuzz/book.toml", &written);
    assert_eq!(again, store, "read back differently from:\n{written}");
    assert_eq!(again.to_toml(), written, "written differently the second time");
    // Merging the file as another reader left it into this one changes nothing.
    let mut merged = store.clone();
    merged.merge(again);
    assert_eq!(merged.to_toml(), written, "a merge with itself changed the store");
});
