//! The one conversion between the loader's byte offsets and the positions of the Language
//! Server Protocol: zero-based lines and columns counted in UTF-16 code units, so that `Ł`
//! counts one and an emoji two, whatever the editor shows.

use std::ops::Range;

use lsp_types::Position;

/// Where each line of a text starts, to turn byte offsets into positions and back.
pub struct LineIndex<'t> {
    text: &'t str,
    /// The byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr_newlines(text).map(|at| at + 1))
            .collect();
        Self { text, starts }
    }

    /// The position of a byte offset (clamped to the text, and moved back to the start of a
    /// character it falls inside).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        Position {
            line: to_u32(line),
            character: to_u32(self.text[start..offset].encode_utf16().count()),
        }
    }

    /// The byte offset of a position: a column past its line's end is the line's end, a line
    /// past the text's end is the text's end, and a column inside a character's two UTF-16
    /// units is that character's start.
    #[must_use]
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + at;
            }
        }
        end
    }

    #[must_use]
    pub fn range(&self, bytes: Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(bytes.start), self.position(bytes.end))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, byte)| *byte == b'\n')
        .map(|(at, _)| at)
}

/// LSP counts in `u32`; a text the loader accepts (16 MiB) never reaches its end.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_utf16_units_after_non_ascii_text() {
        let text = "a = 1\nŁ🙂 = \"x\"\r\nend";
        let index = LineIndex::new(text);
        let equals = text.rfind(" =").expect("the key's end");
        // Ł is one unit (two bytes), the emoji two units (four bytes).
        assert_eq!(index.position(equals), at(1, 3));
        assert_eq!(index.offset(at(1, 3)), equals);
        assert_eq!(index.position(text.find("end").expect("end")), at(2, 0));
        assert_eq!(index.position(text.len()), at(2, 3));
    }

    #[test]
    fn positions_outside_the_text_or_inside_a_character_are_clamped() {
        let text = "🙂x\nab";
        let index = LineIndex::new(text);
        // Between the emoji's two units: the emoji's start.
        assert_eq!(index.offset(at(0, 1)), 0);
        assert_eq!(index.offset(at(0, 2)), 4);
        assert_eq!(index.offset(at(0, 99)), 5, "the end of the first line");
        assert_eq!(index.offset(at(9, 0)), text.len());
        assert_eq!(index.position(2), at(0, 0), "a byte inside the emoji");
        assert_eq!(index.position(999), at(1, 2));
    }
}
