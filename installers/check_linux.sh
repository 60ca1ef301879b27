#!/usr/bin/env bash
# Checks the Linux builds as a facilitator's laptop would meet them: the
# frozen application run from a folder with no virtual environment on the
# PATH and an empty HOME, from the unpacked tar.gz, then (as root) from the
# installed .deb; and, under strace, that it opens no IPv4 or IPv6 socket.
#
#   bash installers/check_linux.sh          # builds first if dist/ has no build
#
# Needs: strace (network check), dpkg / apt-get and root for the .deb (else
# that part is skipped and says so; IDG_CHECK_SKIP_DEB=1 skips it on a
# machine that must not be changed). Exits non-zero on the first failure,
# with one line naming it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
TARBALL=$ROOT/dist/idg-workshop-$VERSION-linux-x86_64.tar.gz
DEB=$ROOT/dist/idg-workshop_${VERSION}_amd64.deb

fail() {
  echo "check_linux: FAILED: $*" >&2
  exit 1
}
ok() { echo "check_linux: ok  $* [${SECONDS} s]"; }

if [ ! -f "$TARBALL" ] || [ ! -f "$DEB" ]; then
  bash installers/build.sh
fi

WORK=$(mktemp -d /tmp/idg-check-linux.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Run a program as on a bare laptop: empty HOME, system PATH only (no venv,
# no PYTHONPATH), offscreen Qt, a UTF-8 locale.
bare() {
  local home=$1
  shift
  env -i HOME="$home" PATH="$BIN:/usr/bin:/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}

# The same five checks, with the programs found in $BIN.
workflow() {
  local where=$1 home
  home=$(mktemp -d "$WORK/home.XXXXXX")
  local out
  out=$(cd "$home" && bare "$home" idg --version) || fail "$where: idg --version"
  [ "$out" = "IDG Workshop $VERSION" ] || fail "$where: idg --version says '$out', not $VERSION"
  out=$(cd "$home" && bare "$home" idg-desktop --version) || fail "$where: idg-desktop --version"
  [ "$out" = "IDG Workshop $VERSION" ] || fail "$where: idg-desktop --version says '$out'"
  ok "$where: idg --version and idg-desktop --version: $VERSION"
  (cd "$home" && bare "$home" idg demo demo.idg >/dev/null) || fail "$where: idg demo"
  ok "$where: idg demo"
  (cd "$home" && bare "$home" idg export pdf demo.idg --report assessment -o report.pdf >/dev/null) \
    || fail "$where: idg export pdf --report assessment"
  [ -s "$home/report.pdf" ] || fail "$where: the assessment report was not written"
  ok "$where: idg export pdf --report assessment"
  local group
  group=$(cd "$home" && bare "$home" idg groups demo.idg --json | grep -m1 '"id"' | cut -d'"' -f4)
  [ -n "$group" ] || fail "$where: the demo has no working group"
  (cd "$home" && bare "$home" idg package export demo.idg --group "$group" -o group.idgpkg >/dev/null) \
    || fail "$where: idg package export"
  [ -s "$home/group.idgpkg" ] || fail "$where: the package was not written"
  ok "$where: idg package export"
  (cd "$home" && bare "$home" idg-desktop --self-test >"$WORK/self-test.log" 2>&1) \
    || fail "$where: idg-desktop --self-test: $(tail -n 1 "$WORK/self-test.log")"
  ok "$where: idg-desktop --self-test ($(grep -c '^ok' "$WORK/self-test.log") checks)"
}

# -- the tar.gz: unpack and run ------------------------------------------------
tar -C "$WORK" -xzf "$TARBALL"
BIN=$WORK/idg-workshop-$VERSION
[ -x "$BIN/idg-desktop" ] || fail "the tar.gz has no idg-desktop at its top"
workflow "tar.gz"

# -- no network: strace over the frozen self-test --------------------------------
if command -v strace >/dev/null; then
  # The control: strace does see an internet socket when there is one (a
  # connection attempt to this machine's own closed port 9: nothing leaves it).
  strace -f -qq -e trace=network -o "$WORK/control.log" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' \
    >/dev/null 2>&1 || true
  grep -q 'AF_INET' "$WORK/control.log" || fail "strace does not show sockets here (control)"
  home=$(mktemp -d "$WORK/home.XXXXXX")
  (cd "$home" && bare "$home" strace -f -qq -e trace=network -o "$WORK/strace.log" \
    "$BIN/idg-desktop" --self-test >/dev/null 2>&1) || fail "the self-test under strace"
  (cd "$home" && bare "$home" strace -f -qq -e trace=network -o "$WORK/strace-cli.log" \
    "$BIN/idg" demo demo.idg >/dev/null 2>&1) || fail "idg demo under strace"
  if grep -hE 'AF_INET6?\b' "$WORK/strace.log" "$WORK/strace-cli.log" | head -n 3 >"$WORK/inet"; [ -s "$WORK/inet" ]; then
    fail "an internet socket was used: $(head -n 1 "$WORK/inet")"
  fi
  ok "no network: strace -f -e trace=network shows no AF_INET/AF_INET6 socket" \
    "($(grep -c 'socket(' "$WORK/strace.log" || true) local sockets in the self-test)"
else
  fail "strace is missing (apt-get install strace)"
fi

# -- the .deb: install, run from /usr/bin, remove ---------------------------------
if [ "$(id -u)" -ne 0 ] || [ "${IDG_CHECK_SKIP_DEB:-0}" = 1 ]; then
  echo "check_linux: skipped the .deb install (not root, or IDG_CHECK_SKIP_DEB=1)"
  exit 0
fi
if dpkg-query -W -f='${Status}' idg-workshop 2>/dev/null | grep -q "ok installed"; then
  fail "idg-workshop is already installed here; remove it first (dpkg -r idg-workshop)"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-unsafe-io "$DEB" >/dev/null \
  || fail "apt-get install $DEB"
trap 'dpkg -r idg-workshop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
[ -x /opt/idg-workshop/idg-desktop ] || fail "the .deb did not install /opt/idg-workshop"
for file in /usr/share/applications/org.idg_workshop.IDGWorkshop.desktop \
  /usr/share/mime/packages/idg-workshop.xml \
  /usr/share/metainfo/org.idg_workshop.IDGWorkshop.metainfo.xml \
  /usr/share/icons/hicolor/256x256/apps/idg-workshop.png; do
  [ -f "$file" ] || fail "the .deb did not install $file"
done
if command -v update-mime-database >/dev/null; then
  [ -f /usr/share/mime/application/x-idg-assessment.xml ] \
    || fail "the .idg file type is not registered after install"
  ok ".deb: .idg and .idgpkg registered with shared-mime-info"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net /usr/share/metainfo/org.idg_workshop.IDGWorkshop.metainfo.xml \
    >"$WORK/appstream.log" 2>&1 || fail "appstreamcli validate: $(grep -m1 '^[EW]:' "$WORK/appstream.log")"
  ok ".deb: AppStream metainfo valid"
fi
BIN=/usr/bin
workflow ".deb (/usr/bin)"
dpkg -r idg-workshop >/dev/null || fail "dpkg -r idg-workshop"
[ ! -e /usr/bin/idg-desktop ] || fail "dpkg -r left /usr/bin/idg-desktop"
ok ".deb: removed cleanly"
