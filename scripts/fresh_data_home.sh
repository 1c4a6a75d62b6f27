#!/bin/sh
# A `--bin` for examples/e2e_timing: starts sherpa ($SHERPA_BIN) from a fresh data folder,
# a copy of $NOTES_PRISTINE/sherpa (a store written by examples/notes_store, or nothing),
# so no timed run sees the position, read state or remembered versions an earlier run
# saved when it quit. $XDG_DATA_HOME is the folder sherpa reads; it is emptied first.
#
#   SHERPA_BIN=target/release/sherpa NOTES_PRISTINE=/tmp/notes-data XDG_DATA_HOME=/tmp/live \
#     target/release/examples/e2e_timing --bin scripts/fresh_data_home.sh --dir /tmp/corpus-10k
set -eu
rm -rf "${XDG_DATA_HOME:?}/sherpa"
if [ -d "${NOTES_PRISTINE:-}/sherpa" ]; then
    cp -r "$NOTES_PRISTINE/sherpa" "$XDG_DATA_HOME/"
fi
exec "$SHERPA_BIN" "$@"
