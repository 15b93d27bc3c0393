#!/usr/bin/env bash
# The .deb that scripts/package builds, installed with apt into a clean Debian root
# (debootstrap, minimal variant): its dependencies must bring in every library the app
# loads, its desktop entry must validate and match the window, the installed app must
# start under Xvfb and show its first page, and a purge must leave nothing behind.
#
# Needs root (debootstrap, chroot, mounts). The clean root is cached as a tarball under
# the target folder, so only the first run downloads it (about a minute).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIPPED: the package test needs root (debootstrap, chroot, mounts); run it as root."
  exit 0
fi

SUITE=bookworm
MIRROR=http://deb.debian.org/debian
PACKAGE=follow-through
BINARY=/usr/bin/followthrough
DESKTOP="/usr/share/applications/Follow Through.desktop"
# Tools the test itself uses inside the root, installed only after the package's own
# dependencies have been checked, so they cannot hide a missing one.
TEST_TOOLS=(xvfb xauth dbus x11-utils xdotool x11-apps)

target="${CARGO_TARGET_DIR:-target}"
work="$target/package-test"
cache="$work/$SUITE-minbase.tar.gz"
root="$work/root"
artifacts=tests/artifacts
mkdir -p "$work" "$artifacts"

fail() { echo "FAIL: $*" >&2; exit 1; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  # --one-file-system: never follow into a mount that failed to come off.
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

echo "--> Building the package"
scripts/package >"$work/package.log" 2>&1 || { tail -40 "$work/package.log"; fail "scripts/package failed"; }
debs=("$target"/release/bundle/deb/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb, found: ${debs[*]}"
deb="${debs[0]}"
echo "    $deb ($(du -h "$deb" | cut -f1))"

version=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "followthrough"))')
[ "$(dpkg-deb -f "$deb" Package)" = "$PACKAGE" ] || fail "package name is $(dpkg-deb -f "$deb" Package)"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version), Cargo.toml says $version"
echo "    Depends: $(dpkg-deb -f "$deb" Depends)"

echo "--> A clean $SUITE root"
rm -rf --one-file-system "$root"
if [ -f "$cache" ]; then
  mkdir -p "$root"
  tar -C "$root" -xzf "$cache"
else
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  tar -C "$root" -czf "$cache.part" . && mv "$cache.part" "$cache"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount -t sysfs sysfs "$root/sys" && mounts+=("$root/sys")
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" && mounts+=("$root/dev/shm")
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp" && mounts+=("$root/tmp")

echo "--> apt-get install ./$(basename "$deb") (no recommends: Depends alone must do)"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root sh -c "cd /tmp && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends './$(basename "$deb")'" \
  >"$work/install.log" 2>&1 || { tail -30 "$work/install.log"; fail "apt-get install failed"; }
[ -x "$root$BINARY" ] || fail "$BINARY is not installed"

echo "--> Every library the app needs is there"
missing=$(in_root ldd "$BINARY" | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries not installed by the package's dependencies:
$missing"
# Loaded at run time, so ldd does not see them: the tray's indicator library, the
# WebKit helper processes, and xdg-open for drafts and PDFs.
# Read the cache whole before searching it: with pipefail, `ldconfig -p | grep -q` fails
# whenever grep stops at its match while ldconfig is still writing (SIGPIPE).
cache_list=$(in_root ldconfig -p)
grep -q 'libayatana-appindicator3\.so\.1 ' <<<"$cache_list" || fail "libayatana-appindicator3.so.1 (the tray) is not installed"
for helper in WebKitWebProcess WebKitNetworkProcess; do
  [ -x "$root/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/$helper" ] || fail "WebKit's $helper is not installed"
done
in_root sh -c 'command -v xdg-open' >/dev/null || fail "xdg-open is not installed"

echo "--> Desktop entry and icons"
desktop-file-validate "$root$DESKTOP" || fail "desktop-file-validate refused $DESKTOP"
entry() { sed -n "s/^$1=//p" "$root$DESKTOP"; }
[ "$(entry Name)" = "Follow Through" ] || fail "Name=$(entry Name)"
[ -n "$(entry Comment)" ] && [ -n "$(entry Keywords)" ] || fail "the entry has no Comment or Keywords"
[ "$(entry Exec)" = "$(basename "$BINARY")" ] || fail "Exec=$(entry Exec)"
icon=$(entry Icon)
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  [ -f "$root/usr/share/icons/hicolor/$size/apps/$icon.png" ] || fail "no $size icon named $icon"
done

# A display number no X server on this machine uses: the root's Xvfb would otherwise
# clash with another one's abstract socket, or its clients reach the wrong display. Asked
# again before each start: the root's own /tmp keeps a lock the last Xvfb in it may not
# have removed yet, and a second start on that number fails.
free_display() {
  local d=200
  while [ -e "/tmp/.X$d-lock" ] || [ -e "$root/tmp/.X$d-lock" ] ||
    grep -q "@/tmp/.X11-unix/X$d\b" /proc/net/unix; do
    d=$((d + 1))
  done
  echo "$d"
}
xvfb=(xvfb-run -n "$(free_display)" -s "-screen 0 1280x800x24")

echo "--> The installed app starts under Xvfb and shows its first page"
in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${TEST_TOOLS[*]}" \
  >"$work/tools.log" 2>&1 || { tail -30 "$work/tools.log"; fail "installing the test tools failed"; }
ready=$(timeout 180 chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  FOLLOWTHROUGH_EXIT_WHEN_READY=1 \
  "${xvfb[@]}" dbus-run-session -- \
  followthrough --data-dir /root/ft-data 2>"$work/app.log" | grep 'first page shown' || true)
[ -n "$ready" ] || { tail -30 "$work/app.log"; fail "the app did not show its first page"; }
echo "    $ready"

echo "--> Its window's WM_CLASS matches the entry's StartupWMClass"
# Started again, left running: find the window, read its class, take a screenshot.
cat >"$root/tmp/look.sh" <<'EOF'
followthrough --data-dir /root/ft-data 2>/tmp/app2.log &
app=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^Follow Through$' | head -1)
[ -n "$wid" ] && sleep 2 && xprop -id "$wid" WM_CLASS && xwd -root -silent >/tmp/window.xwd
status=$?
kill "$app"
wait "$app" 2>/dev/null
exit $status
EOF
xvfb=(xvfb-run -n "$(free_display)" -s "-screen 0 1280x800x24")
wm_class=$(timeout 120 chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  "${xvfb[@]}" dbus-run-session -- sh /tmp/look.sh 2>"$work/look.log") ||
  { cat "$work/look.log" "$root/tmp/app2.log" >&2; fail "the app's window did not show"; }
echo "    $wm_class"
class=$(echo "$wm_class" | sed -n 's/.*= "\(.*\)", "\(.*\)"$/\2/p')
[ "$class" = "$(entry StartupWMClass)" ] || fail "StartupWMClass=$(entry StartupWMClass), the window's class is $class"
convert "xwd:$root/tmp/window.xwd" "$artifacts/package-window.png"
echo "    screenshot: $artifacts/package-window.png"

echo "--> apt-get purge leaves nothing behind"
in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $PACKAGE" >"$work/purge.log" 2>&1 ||
  { tail -30 "$work/purge.log"; fail "apt-get purge failed"; }
in_root dpkg-query -W "$PACKAGE" >/dev/null 2>&1 && fail "$PACKAGE is still known to dpkg"
for path in "$BINARY" "$DESKTOP" "/usr/share/icons/hicolor/128x128/apps/$icon.png"; do
  [ ! -e "$root$path" ] || fail "$path is still there after the purge"
done

echo "OK: $(basename "$deb") installs, starts, and purges cleanly in a clean $SUITE root"
