# Installs what Follow Through needs to build, run and test, skipping whatever is
# already there, so running it again costs a second. Sourced by scripts/run and
# scripts/test; Debian and Ubuntu only (apt-get).

set -euo pipefail

# Build: WebKitGTK and friends for Tauri (see the Tauri v2 Linux prerequisites).
BUILD_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev
)
# Tests: a virtual display, a private session bus, the WebDriver bridge for WebKitGTK,
# a real notification server, tools to look at the window, poppler to read the
# PDFs the app prints, and Python for the independent vCard reader (below).
TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 dbus-tests webkit2gtk-driver dunst libnotify-bin
  imagemagick xdotool x11-utils fonts-inter poppler-utils xdg-utils python3 python3-venv
  sqlite3
)
# The package test: a clean Debian root to install the .deb into, and the desktop
# entry's validator.
PACKAGE_TEST_PACKAGES=(debootstrap desktop-file-utils)
# Python libraries the tests read exported files with, independent of the app's own
# code (tests/python/): vobject for vCards, icalendar for calendar files, jsonschema
# for the command line's JSON against its schema (schemas/), Pillow for the reports'
# PNG images.
TEST_PYTHON_PACKAGES=(vobject icalendar jsonschema pillow)
TEST_VENV=.venv-test
TAURI_DRIVER_VERSION=2.1.0
# Tauri's CLI, which drives the bundler (scripts/package). Any 2.x: the 3.0 alphas on
# crates.io read a different configuration.
TAURI_CLI_VERSION='^2'

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Missing packages: ${missing[*]}. Install them with your package manager." >&2
    exit 1
  fi
  echo "==> Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null; then
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt 2>/dev/null || true
}

ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! tauri-driver --help >/dev/null 2>&1; then
    echo "==> Installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --quiet
  fi
}

ensure_tauri_cli() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
    echo "==> Installing tauri-cli $TAURI_CLI_VERSION (compiles for several minutes, once)"
    cargo install tauri-cli --version "$TAURI_CLI_VERSION" --locked --quiet
  fi
}

# A virtual environment at $TEST_VENV with TEST_PYTHON_PACKAGES, made once; the
# Rust tests find its interpreter through FOLLOWTHROUGH_TEST_PYTHON.
ensure_test_python() {
  if ! "$TEST_VENV/bin/python" -c "import vobject, icalendar, jsonschema, PIL" 2>/dev/null; then
    echo "==> Making the test Python environment ($TEST_VENV)"
    python3 -m venv "$TEST_VENV"
    "$TEST_VENV/bin/pip" install --quiet "${TEST_PYTHON_PACKAGES[@]}"
  fi
  FOLLOWTHROUGH_TEST_PYTHON="$(pwd)/$TEST_VENV/bin/python"
  export FOLLOWTHROUGH_TEST_PYTHON
}

deps_build() {
  ensure_packages "${BUILD_PACKAGES[@]}"
  ensure_rust
}

deps_package() {
  deps_build
  ensure_tauri_cli
}

deps_test() {
  deps_build
  ensure_packages "${TEST_PACKAGES[@]}" "${PACKAGE_TEST_PACKAGES[@]}"
  ensure_tauri_driver
  ensure_test_python
}
