#!/usr/bin/env bash
# Builds IDG Workshop for Linux on a Debian/Ubuntu machine, with the project's
# own virtual environment (.venv, made by tools/bootstrap.sh):
#
#   dist/idg-workshop/                              the frozen application (PyInstaller onedir)
#   dist/idg-workshop-VERSION-linux-x86_64.tar.gz   unpack anywhere, run idg-desktop at its top
#   dist/idg-workshop_VERSION_amd64.deb             installs under /opt/idg-workshop
#
# The .deb's Depends is computed from the bundle (installers/deb_depends.py).
# Needs: objdump (binutils) and dpkg-deb (dpkg-dev brings both).
# IDG_BUILD_REUSE=1 skips the freezing when dist/idg-workshop already exists
# (repacking only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=.venv/bin/python

if [ ! -x "$PY" ]; then
  echo "build.sh: no .venv here; run 'bash tools/bootstrap.sh' first" >&2
  exit 1
fi
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  "$PY" -m pip install -q -e '.[build]'
fi
for tool in objdump dpkg-deb dpkg; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install dpkg-dev)" >&2; exit 1; }
done

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
NAME=idg-workshop
APP_ID=org.idg_workshop.IDGWorkshop
BUNDLE=dist/$NAME
START=$(date +%s)

# -- 1. freeze ---------------------------------------------------------------
if [ "${IDG_BUILD_REUSE:-0}" = 1 ] && [ -x "$BUNDLE/idg-desktop" ]; then
  echo "build.sh: reusing $BUNDLE"
else
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installers/idg-workshop.spec
fi
for program in idg-desktop idg; do
  [ -x "$BUNDLE/$program" ] || { echo "build.sh: $BUNDLE/$program was not built" >&2; exit 1; }
done
FROZEN=$(date +%s)

# -- 2. tar.gz: unpack and run ------------------------------------------------
TOP=$NAME-$VERSION
rm -rf build/tar && mkdir -p "build/tar/$TOP"
cp -a "$BUNDLE/." "build/tar/$TOP/"
cp resources/icons/idg-workshop.png "build/tar/$TOP/idg-workshop.png"
cat > "build/tar/$TOP/README.txt" <<EOF
IDG Workshop $VERSION for Linux (x86-64)

Start the workshop window: double-click idg-desktop in this folder, or run
./idg-desktop from a terminal. The command line is ./idg (./idg --help).
Nothing needs installing; keep this folder together (_internal holds Python,
Qt and the application's data). Use the same version on every laptop of a
workshop.
EOF
TARBALL=dist/$NAME-$VERSION-linux-x86_64.tar.gz
# packed beside the .deb (two compressions of ~250 MB: one core each)
tar -C build/tar --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$TOP" &
TAR_PID=$!

# -- 3. .deb -------------------------------------------------------------------
DEPENDS=$("$PY" installers/deb_depends.py "$BUNDLE")
PKG=build/deb/root
rm -rf build/deb && mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" \
  "$PKG/usr/share/applications" "$PKG/usr/share/mime/packages" "$PKG/usr/share/metainfo" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps" \
  "$PKG/usr/share/doc/$NAME"
cp -a "$BUNDLE" "$PKG/opt/$NAME"
ln -s "/opt/$NAME/idg-desktop" "$PKG/usr/bin/idg-desktop"
ln -s "/opt/$NAME/idg" "$PKG/usr/bin/idg"
cp installers/linux/$APP_ID.desktop "$PKG/usr/share/applications/"
cp installers/linux/idg-workshop-mime.xml "$PKG/usr/share/mime/packages/$NAME.xml"
DATE=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
sed "s/@VERSION@/$VERSION/; s/@DATE@/$DATE/" installers/linux/$APP_ID.metainfo.xml.in \
  > "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
cp resources/icons/idg-workshop.png "$PKG/usr/share/icons/hicolor/256x256/apps/idg-workshop.png"
cp resources/icons/idg-workshop.svg "$PKG/usr/share/icons/hicolor/scalable/apps/idg-workshop.svg"
cp resources/fonts/OFL.txt "$PKG/usr/share/doc/$NAME/fonts-OFL.txt"
SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: amd64
Maintainer: IDG Workshop <idg-workshop@localhost>
Installed-Size: $SIZE
Depends: $DEPENDS
Section: misc
Priority: optional
Description: Integrity assessment workshops in Customs, offline
 IDG Workshop runs integrity assessment workshops following the WCO's
 Integrity Development Guide: checklist, findings, integrity profile,
 priorities, action plan, reports and slides. It never uses a network.
 .
 The application is installed under /opt/$NAME with its own Python and Qt;
 idg-desktop (the window) and idg (the command line) are on the PATH.
EOF
for script in postinst postrm; do
  cat > "$PKG/DEBIAN/$script" <<'EOF'
#!/bin/sh
# Double-click on .idg / .idgpkg: refresh the file types, the menu entry and the icon.
set -e
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
EOF
  chmod 0755 "$PKG/DEBIAN/$script"
done
DEB=dist/${NAME}_${VERSION}_amd64.deb
# gzip rather than dpkg's default xz: quicker to build (CI time counts).
dpkg-deb --build --root-owner-group -Zgzip "$PKG" "$DEB" >/dev/null
wait "$TAR_PID" || { echo "build.sh: packing $TARBALL failed" >&2; exit 1; }
END=$(date +%s)

echo "build.sh: frozen in $((FROZEN - START)) s, packed in $((END - FROZEN)) s"
echo "build.sh: $(du -sh "$BUNDLE" | cut -f1) unpacked in $BUNDLE"
ls -l "$TARBALL" "$DEB" | awk '{print "build.sh: " $5 " bytes " $9}'
echo "build.sh: Depends: $DEPENDS"
