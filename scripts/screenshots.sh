#!/usr/bin/env bash
# Screenshots of the reader in a real terminal emulator (xterm, DejaVu Sans Mono) under a
# virtual X server, saved as docs/screenshots/*.png for the README and for reviewing the
# design by eye. Run by hand, not in CI; it installs nothing. It needs:
#
#   apt-get install xvfb xterm imagemagick xdotool fonts-dejavu
#
# Usage: scripts/screenshots.sh [OUT_DIR]   (default docs/screenshots)
# SHERPA_BIN picks the binary (default: target/release/sherpa, built if missing).
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
mkdir -p "$out"

for tool in Xvfb xterm import convert xdotool; do
    command -v "$tool" >/dev/null || {
        echo "screenshots: $tool is missing; apt-get install xvfb xterm imagemagick xdotool fonts-dejavu" >&2
        exit 1
    }
done
[[ $(fc-list) == *"DejaVu Sans Mono"* ]] || {
    echo "screenshots: DejaVu Sans Mono is missing; apt-get install fonts-dejavu" >&2
    exit 1
}

bin=${SHERPA_BIN:-target/release/sherpa}
[[ -x $bin ]] || cargo build --release
bin=$(realpath "$bin")

work=$(mktemp -d)
display=:${SCREENSHOT_DISPLAY:-77}
Xvfb "$display" -screen 0 1700x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

# Configs that name the theme, so the user's own config plays no part.
printf 'theme = "dark"\n' >"$work/dark.toml"
printf 'theme = "light"\n' >"$work/light.toml"
# A corpus with a broken file, for the problems view.
mkdir -p "$work/problems"
cp briefings/anchorage-2025.toml briefings/helsinki-2018.toml "$work/problems/"
# Sherpa runs in the work folder, so the status line and the problems name short relative
# paths (`briefings`, `problems`), not the temporary folder's.
cp -r briefings "$work/briefings"
cp tests/fixtures/malformed/bad-status.toml tests/fixtures/malformed/duplicate-keys.toml "$work/problems/"

# xterm at COLUMNS x ROWS running sherpa with THEME (dark, light or nocolor) on PATHS;
# sets `term` (its pid) and `id` (its window) once it is drawn.
start() {
    local columns=$1 rows=$2 theme=$3
    shift 3
    local colors=(-bg black -fg gray90) env=(env -C "$work" -u NO_COLOR) config=$work/dark.toml
    case $theme in
    light) colors=(-bg white -fg black) config=$work/light.toml ;;
    nocolor) env=(env -C "$work" NO_COLOR=1) ;;
    esac
    xterm -fa "DejaVu Sans Mono" -fs 10 -geometry "${columns}x${rows}+0+0" "${colors[@]}" \
        -xrm "XTerm*cursorBlink: false" +sb -bw 0 -title sherpa \
        -e "${env[@]}" TERM=xterm-256color "$bin" --config "$config" "$@" >/dev/null 2>&1 &
    term=$!
    id=""
    for _ in $(seq 100); do
        id=$(xdotool search --pid "$term" 2>/dev/null | tail -1) && [[ -n $id ]] && break
        sleep 0.1
    done
    xdotool windowfocus --sync "$id" 2>/dev/null || true
    # Without a window manager a capture returns the focus to the window under the
    # pointer: the pointer goes inside this one, so keys reach it at any size.
    xdotool mousemove --window "$id" 5 5 2>/dev/null || true
    sleep 1.2
}

# Presses keys (xdotool key names) with a pause for the frame: SCREENSHOT_PAUSE seconds
# (default 0.6; more on a busy machine, where a debug build draws late).
keys() {
    xdotool key --delay 40 "$@"
    sleep "${SCREENSHOT_PAUSE:-0.6}"
}

# Every view in the dark theme at 200×50 and 80×24 ("small-"); the reader itself in the
# other themes, where they differ most (kept few, to keep the repository small).
wanted=" reader-dark help-dark finder-dark sources-dark timeline-dark board-dark problems-dark
 narrowed-dark reader-light reader-nocolor small-dark small-light small-nocolor
 small-finder-dark small-sources-dark small-board-dark small-problems-dark small-narrowed-dark "
wanted=${wanted//$'\n'/ }

# Saves the window as OUT/NAME.png, if wanted, in 16 colours (text needs few).
shot() {
    local id=$1 name=$2
    [[ $wanted == *" $name "* ]] || return 0
    # A capture that hangs (seen under heavy load) fails the run instead of stalling it.
    timeout 60 import -window "$id" "$work/shot.png"
    convert "$work/shot.png" +dither -colors 16 -define png:compression-level=9 "PNG8:$out/$name.png"
    echo "screenshots: $out/$name.png"
}

# Quits (closing any view first), and ends xterm if sherpa did not.
stop() {
    keys Escape Escape q
    kill "$term" 2>/dev/null || true
    wait "$term" 2>/dev/null || true
}

# Anchorage has every pane filled and a board column: found with the finder.
to_anchorage=(slash a n c h o r a g e Return)
# The finder on a word, its last passage selected, so the preview (from 120 columns) shows.
find_ceasefire=(slash c e a s e f i r e End)
# The reader narrowed to the tag "ukraine".
narrow_ukraine=(f u k r a i n e Return)

# The views of one corpus at COLUMNS x ROWS in THEME, named with PREFIX.
views() {
    local columns=$1 rows=$2 theme=$3 prefix=$4
    start "$columns" "$rows" "$theme" briefings
    keys "${to_anchorage[@]}"
    shot "$id" "${prefix:-reader-}$theme"
    # The other themes show the reader only.
    if [[ $theme != dark ]]; then
        stop
        return
    fi
    keys question
    shot "$id" "${prefix}help-$theme"
    keys Escape "${find_ceasefire[@]}"
    shot "$id" "${prefix}finder-$theme"
    keys Escape S
    shot "$id" "${prefix}sources-$theme"
    keys Escape t
    shot "$id" "${prefix}timeline-$theme"
    keys Escape b
    shot "$id" "${prefix}board-$theme"
    keys b "${narrow_ukraine[@]}"
    shot "$id" "${prefix}narrowed-$theme"
    stop

    start "$columns" "$rows" "$theme" problems
    keys exclam
    shot "$id" "${prefix}problems-$theme"
    stop
}

for theme in dark light nocolor; do
    views 200 50 "$theme" ""
    views 80 24 "$theme" small-
done
du -ch "$out"/*.png | tail -1
