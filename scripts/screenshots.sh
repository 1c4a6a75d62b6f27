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
cp tests/fixtures/malformed/bad-status.toml tests/fixtures/malformed/duplicate-keys.toml "$work/problems/"

# xterm at COLUMNS x ROWS running sherpa with THEME (dark, light or nocolor) on PATHS;
# sets `term` (its pid) and `id` (its window) once it is drawn.
start() {
    local columns=$1 rows=$2 theme=$3
    shift 3
    local colors=(-bg black -fg gray90) env=(env -u NO_COLOR) config=$work/dark.toml
    case $theme in
    light) colors=(-bg white -fg black) config=$work/light.toml ;;
    nocolor) env=(env NO_COLOR=1) ;;
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
    sleep 1.2
}

# Presses keys (xdotool key names) with a pause for the frame.
keys() {
    xdotool key --delay 40 "$@"
    sleep 0.6
}

# Every view in the dark theme; the others where they differ most (kept few, to keep the
# repository small).
wanted=" reader-dark help-dark finder-dark timeline-dark board-dark problems-dark narrow-dark reader-light narrow-light reader-nocolor narrow-nocolor "

# Saves the window as OUT/NAME.png, if wanted, in 16 colours (text needs few).
shot() {
    local id=$1 name=$2
    [[ $wanted == *" $name "* ]] || return 0
    import -window "$id" "$work/shot.png"
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

for theme in dark light nocolor; do
    start 200 50 "$theme" briefings
    keys "${to_anchorage[@]}"
    shot "$id" "reader-$theme"
    keys question
    shot "$id" "help-$theme"
    keys Escape slash c e a s e f i r e
    shot "$id" "finder-$theme"
    keys Escape t
    shot "$id" "timeline-$theme"
    keys Escape b
    shot "$id" "board-$theme"
    keys b
    stop

    start 200 50 "$theme" "$work/problems"
    keys exclam
    shot "$id" "problems-$theme"
    stop

    start 80 24 "$theme" briefings
    keys "${to_anchorage[@]}"
    shot "$id" "narrow-$theme"
    stop
done
du -ch "$out"/*.png | tail -1
