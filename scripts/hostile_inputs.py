#!/usr/bin/env python3
"""The worst briefings under sherpa's per-file limits, for timing `check`, `list` and
`export` (PERFORMANCE.md, "Hostile inputs").

Each file has as many items (`=`, `{`, `[`, `,` and `.` outside strings and comments) as
the limit allows, and is padded with long names towards the 16 MiB size limit where that
makes the parse heavier. Usage:

    scripts/hostile_inputs.py OUT_DIR [--items N]

writes one folder per case into OUT_DIR holding `worst.toml`, and `CASE-two` and
`CASE-eight` folders of copies (ids `worst-0`, `worst-1`, ...). `--items` is the item
limit (default: MAX_FILE_ITEMS, read from crates/sherpa-core/src/corpus.rs).
"""

import argparse
import pathlib
import re
import shutil

MAX_BYTES = 16 * 1024 * 1024
HEADER = '[summit]\nid = "worst"\ntitle = "T"\ndate = 2020-01-02\nlocation = "L"\n'
HEADER_ITEMS = 5  # four `=` and one `[`


def limit_from_source():
    source = pathlib.Path(__file__).parent.parent / "crates/sherpa-core/src/corpus.rs"
    found = re.search(r"pub const MAX_FILE_ITEMS: usize = ([\d_]+);", source.read_text())
    return int(found.group(1).replace("_", ""))


def padding(count, per_item, fixed):
    """Characters to add to each of `count` items so the file nears the size limit."""
    return max(0, (MAX_BYTES - fixed) // count - per_item - 1)


def inline_tables(items):
    # `x = [{},{},…]`: `=` and `[`, then a `{` and a `,` per table.
    count = (items - HEADER_ITEMS - 2) // 2
    return HEADER + "x = [" + "{}," * count + "{}]\n"


def ignored_table(items):
    # One unknown table holding every key: one warning, the whole parse.
    count = items - HEADER_ITEMS - 1
    pad = "k" * padding(count, len("k123456 = 1\n"), len(HEADER))
    return HEADER + "[extra]\n" + "".join(f"{pad}{i} = 1\n" for i in range(count))


def unknown_keys(items):
    # One warning per key, each at its own line.
    count = items - HEADER_ITEMS
    pad = "k" * padding(count, len("k123456 = 1\n"), len(HEADER))
    return "".join(f"{pad}{i} = 1\n" for i in range(count)) + HEADER


def participants_unknown_key(items):
    # `[[`, `name =`, `nmae =`: four items and one warning each.
    count = (items - HEADER_ITEMS) // 4
    return HEADER + "".join(
        f'[[participants]]\nname = "P{i}"\nnmae = "x"\n' for i in range(count)
    )


def dangling_sources(items):
    # `[[`, `name =`, `sources = [`: five items and one warning each.
    count = (items - HEADER_ITEMS) // 5
    return HEADER + "".join(
        f'[[participants]]\nname = "P{i}"\nsources = ["missing-{i}"]\n'
        for i in range(count)
    )


def citing_sources(items):
    # A participant (five items) citing its own source (four items).
    count = (items - HEADER_ITEMS) // 9
    people = "".join(
        f'[[participants]]\nname = "P{i}"\nsources = ["s{i}"]\n' for i in range(count)
    )
    sources = "".join(
        f'[[sources]]\nid = "s{i}"\ntitle = "Source {i}"\n' for i in range(count)
    )
    return HEADER + people + sources


def long_participants(items):
    # `[[`, `name =`, `role =`: four items each, names long enough to fill 16 MiB, all kept.
    count = (items - HEADER_ITEMS) // 4
    fixed = len('[[participants]]\nname = "P123456"\nrole = "R"\n')
    pad = "x" * padding(count, fixed, len(HEADER))
    return HEADER + "".join(
        f'[[participants]]\nname = "P{i}{pad}"\nrole = "R"\n' for i in range(count)
    )


def dangling_links(items):
    # `[[`, `date =`, `place =`, `summary =`, `summit =`: six items and one warning each,
    # found only once every file is loaded.
    count = (items - HEADER_ITEMS) // 6
    return HEADER + "".join(
        f'[[prior_meetings]]\ndate = 2019-01-01\nplace = "Q"\nsummary = "S"\n'
        f'summit = "gone-{i}"\n'
        for i in range(count)
    )


def dangling_links_one_line(items):
    # The same links in inline tables on one line: each link's position is on that line,
    # which must not be copied for every one of them.
    count = (items - HEADER_ITEMS - 2) // 9
    meeting = '{ date = 2019-01-01, place = "Q", summary = "S", summit = "gone" }'
    # Before the header: a key after `[summit]` would belong to that table.
    return "prior_meetings = [" + ", ".join([meeting] * count) + "]\n" + HEADER


def dotted_keys(items):
    # `k1.a.a.a = 1`: every `.` makes a table.
    depth = 8
    count = (items - HEADER_ITEMS) // (depth + 1)
    path = ".a" * depth
    return HEADER + "[extra]\n" + "".join(f"k{i}{path} = 1\n" for i in range(count))


CASES = {
    "inline-tables": inline_tables,
    "ignored-table": ignored_table,
    "unknown-keys": unknown_keys,
    "participants-unknown-key": participants_unknown_key,
    "dangling-sources": dangling_sources,
    "citing-sources": citing_sources,
    "long-participants": long_participants,
    "dangling-links": dangling_links,
    "dangling-links-one-line": dangling_links_one_line,
    "dotted-keys": dotted_keys,
}

# Folders of several copies: the parallel loader's memory budget at work.
COPIES = {"two": 2, "eight": 8}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--items", type=int, default=None)
    args = parser.parse_args()
    items = args.items or limit_from_source()
    for name, make in CASES.items():
        text = make(items)
        assert len(text.encode()) <= MAX_BYTES, (name, len(text))
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "worst.toml").write_text(text)
        for label, copies in COPIES.items():
            many = args.out / f"{name}-{label}"
            many.mkdir(exist_ok=True)
            for n in range(copies):
                # Each copy has its own id, so none is a duplicate.
                shutil.copy(folder / "worst.toml", many / f"worst-{n}.toml")
                body = (many / f"worst-{n}.toml").read_text()
                (many / f"worst-{n}.toml").write_text(
                    body.replace('id = "worst"', f'id = "worst-{n}"', 1)
                )
        print(f"{name}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
