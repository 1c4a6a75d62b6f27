//! Feeds arbitrary text to the config and key-table parser as a config file's contents
//! (`Config::read`: TOML, every setting, colours, `[keys]` per context). Any panic is a
//! bug: a config gives settings and issues at `path:line:col`, never a crash, and every
//! issue as printed carries no control character but line breaks.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sherpa::config::Config;
use sherpa::palette::Background;
use sherpa_core::diagnostics::Severity;

fuzz_target!(|data: &[u8]| {
    // A config that is not UTF-8 is refused before it is parsed.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::read(Path::new("fuzz/config.toml"), text);
    for issue in config.issues() {
        for severity in [Severity::Warning, Severity::Error] {
            let shown = issue.report(severity);
            assert!(
                shown.chars().all(|c| c == '\n' || !c.is_control()),
                "a control character in {shown:?}"
            );
        }
    }
    let _ = config.palette(|| Background::Dark);
    let _ = config.keymap.key_for(sherpa::keymap::Command::Quit);
});
