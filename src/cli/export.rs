//! `sherpa export ID [PANE]`: one pane, or the whole briefing, in a chosen format.

use std::path::Path;

use super::args::ExportArgs;
use super::load::{find_summit, load_for_summit};
use super::marks::read_store;
use super::output::{Output, write_output};
use super::{CliError, CommandResult};
use sherpa_core::corpus::Origin;
use sherpa_core::export::{self, Format};
use sherpa_core::store::{NotesStyle, notes_section};

pub(super) fn export(origin: &Origin, args: ExportArgs) -> CommandResult {
    let corpus = load_for_summit(origin, &args.id);
    let briefing = find_summit(&corpus, &args.id)?;
    let format = export_format(args.format, args.output.as_deref())?;
    let mut text = export::render(briefing, args.pane, format, usize::from(args.width))?;
    if args.notes {
        let style = match format {
            Format::Text => NotesStyle::Text,
            Format::Markdown => NotesStyle::Markdown,
            // Text after a JSON document would make it invalid.
            Format::Json => {
                eprintln!(
                    "sherpa: --notes prints with text and markdown; `sherpa notes --json` lists your notes for scripts"
                );
                return Err(CliError::Reported);
            }
        };
        let store = read_store(origin);
        if let Some(notes) = notes_section(&store, &corpus, briefing.id(), args.pane, style) {
            text.push('\n');
            text.push_str(&notes);
        }
    }
    let output = match args.output {
        Some(path) => Output::File {
            path,
            force: args.force,
        },
        // A pane is short and often piped into something; the whole briefing pages.
        None => Output::Stdout {
            no_pager: args.no_pager || args.pane.is_some(),
        },
    };
    write_output(&text, output)
}

/// The format an output file's extension names (`.json`, `.md` or `.markdown`, `.txt`),
/// case ignored; `None` for any other name.
fn format_of_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "json" => Some(Format::Json),
        "md" | "markdown" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

/// The export's format, as `book` chooses one: `--format` when given, else the output
/// file's extension, else text. A `--format` the extension contradicts (`--format json
/// -o notes.md`) is an error rather than a file whose name lies about its contents.
fn export_format(explicit: Option<Format>, output: Option<&Path>) -> Result<Format, CliError> {
    let implied = output.and_then(|path| Some((path, format_of_extension(path)?)));
    match (explicit, implied) {
        (Some(format), Some((path, implied))) if format != implied => {
            Err(CliError::FormatContradiction {
                format: format.name(),
                implied: implied.name(),
                path: path.to_path_buf(),
            })
        }
        (Some(format), _) => Ok(format),
        (None, Some((_, implied))) => Ok(implied),
        (None, None) => Ok(Format::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_flag_else_the_extension_else_text() {
        let json = Some(Path::new("out/X.JSON"));
        assert_eq!(export_format(None, json).ok(), Some(Format::Json));
        let markdown = Some(Path::new("x.md"));
        assert_eq!(export_format(None, markdown).ok(), Some(Format::Markdown));
        let other = Some(Path::new("x.out"));
        assert_eq!(export_format(None, other).ok(), Some(Format::Text));
        assert_eq!(export_format(None, None).ok(), Some(Format::Text));
        assert_eq!(
            export_format(Some(Format::Json), other).ok(),
            Some(Format::Json)
        );
        assert_eq!(
            export_format(Some(Format::Markdown), markdown).ok(),
            Some(Format::Markdown)
        );
        assert!(matches!(
            export_format(Some(Format::Text), json),
            Err(CliError::FormatContradiction {
                format: "text",
                implied: "json",
                ..
            })
        ));
    }
}
