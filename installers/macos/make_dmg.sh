#!/usr/bin/env bash
# Make the macOS disk image from the frozen application, on a Mac, after
#   pyinstaller --noconfirm installers/idg-workshop.spec
# has written "dist/IDG Workshop.app":
#
#   bash installers/macos/make_dmg.sh        -> dist/idg-workshop-VERSION-macos.dmg
#
# Checks first that the .app's Info.plist carries the version of
# pyproject.toml and declares the .idg and .idgpkg document types. The image
# holds the .app and a link to /Applications (drag one onto the other).
#
# Signing and notarisation run only when their settings are given:
#   MACOS_SIGN_IDENTITY    a "Developer ID Application: ..." identity in the keychain:
#                          the .app is signed (hardened runtime) and so is the image;
#   MACOS_NOTARY_PROFILE   a notarytool keychain profile (xcrun notarytool
#                          store-credentials): the image is notarised and the
#                          ticket stapled, so Gatekeeper can check it offline.
# Without them the image is unsigned: the first time, users Control-click
# (right-click) the app > Open, or on macOS 15 and later allow it in
# System Settings > Privacy & Security > Open Anyway.
#
# IDG_DIST (default: dist/ in the project) and PYTHON (default: the project's
# .venv, else python3; reads the Info.plist) can be set.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dist="${IDG_DIST:-$root/dist}"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if [[ -x "$root/.venv/bin/python" ]]; then python="$root/.venv/bin/python"; else python=python3; fi
fi
app_name="IDG Workshop.app"
app="$dist/$app_name"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n 1)"
[[ -n "$version" ]] || { echo "make_dmg: no version in pyproject.toml" >&2; exit 2; }
[[ -d "$app" ]] || { echo "make_dmg: $app not found: run pyinstaller installers/idg-workshop.spec first" >&2; exit 2; }
dmg="$dist/idg-workshop-$version-macos.dmg"

# The Info.plist: this version, and both document types opened by the app.
"$python" - "$app/Contents/Info.plist" "$version" <<'PY'
import plistlib
import sys

path, version = sys.argv[1], sys.argv[2]
with open(path, "rb") as handle:
    info = plistlib.load(handle)
problems = []
if info.get("CFBundleShortVersionString") != version:
    problems.append(f"CFBundleShortVersionString is {info.get('CFBundleShortVersionString')!r}, not {version!r}")
declared = set()
for kind in info.get("CFBundleDocumentTypes", []):
    declared.update(ext.lower().lstrip(".") for ext in kind.get("CFBundleTypeExtensions", []))
    for uti in kind.get("LSItemContentTypes", []):
        for exported in info.get("UTExportedTypeDeclarations", []):
            if exported.get("UTTypeIdentifier") == uti:
                tags = exported.get("UTTypeTagSpecification", {}).get("public.filename-extension", [])
                declared.update([tags] if isinstance(tags, str) else tags)
for ext in ("idg", "idgpkg"):
    if ext not in declared:
        problems.append(f"no document type for .{ext} (CFBundleDocumentTypes)")
if problems:
    print("make_dmg: Info.plist: " + "; ".join(problems), file=sys.stderr)
    sys.exit(2)
PY

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
  echo "make_dmg: signing $app_name with $MACOS_SIGN_IDENTITY (hardened runtime)"
  codesign --force --deep --timestamp --options runtime \
    --entitlements "$here/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$app_name"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "IDG Workshop $version" -srcfolder "$stage" -fs HFS+ \
  -format UDZO -ov "$dmg"

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
  if [[ -n "${MACOS_NOTARY_PROFILE:-}" ]]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    echo "make_dmg: $dmg signed, notarised and stapled"
  else
    echo "make_dmg: $dmg signed, NOT notarised (MACOS_NOTARY_PROFILE not set)"
  fi
else
  echo "make_dmg: $dmg is UNSIGNED (MACOS_SIGN_IDENTITY not set): the first time, users" \
    "Control-click the app > Open (macOS 15 and later: System Settings > Privacy & Security > Open Anyway)"
fi
