#!/usr/bin/env bash
# Compile the Windows installer script with makensis on Linux, against a
# STAND-IN payload (dummy idg-desktop.exe / idg.exe and a resources folder),
# warnings treated as errors (-WX). Exits non-zero on any error or warning.
#
#   bash installers/windows/check_nsis.sh [path/to/script.nsi [makensis options...]]
#
# This proves the script compiles; it does not build, install or run the
# Windows application (that needs build.ps1 on Windows, see ../README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script="${1:-$here/idg-workshop.nsi}"
shift || true
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if [[ -x "$root/.venv/bin/python" ]]; then python="$root/.venv/bin/python"; else python=python3; fi
fi
command -v makensis >/dev/null || { echo "check_nsis: makensis not found (apt-get install nsis)" >&2; exit 2; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n 1)"
[[ -n "$version" ]] || { echo "check_nsis: no version in pyproject.toml" >&2; exit 2; }

# IDG_NSIS_OUT keeps the stand-in payload and the setup program there (tests
# open the setup with 7-Zip); otherwise both go to a temporary folder.
if [[ -n "${IDG_NSIS_OUT:-}" ]]; then
  work="$IDG_NSIS_OUT"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
payload="$work/idg-workshop"
mkdir -p "$payload/_internal/resources/framework" "$payload/_internal/resources/demo" \
  "$payload/_internal/PySide6/plugins/platforms"
printf 'MZ stand-in, not a program\n' > "$payload/idg-desktop.exe"
printf 'MZ stand-in, not a program\n' > "$payload/idg.exe"
printf 'stand-in\n' > "$payload/_internal/python311.dll"
printf '{}\n' > "$payload/_internal/resources/framework/idg-2021.json"
printf '{}\n' > "$payload/_internal/resources/demo/demo-workshop.json"
printf 'stand-in\n' > "$payload/_internal/PySide6/plugins/platforms/qwindows.dll"
printf 'a $ in a name\n' > "$payload/_internal/odd \$name.txt"

"$python" "$here/payload_list.py" "$payload" "$work/files.nsh"
out="$work/idg-workshop-$version-windows-x64-setup.exe"
makensis -V2 -WX -NOCD "-DVERSION=$version" "-DPAYLOAD=$payload" "-DFILES=$work/files.nsh" \
  "-DOUTFILE=$out" "$@" "$script"
[[ -s "$out" ]] || { echo "check_nsis: makensis wrote no installer" >&2; exit 1; }
echo "check_nsis: $(basename "$script") compiles with makensis -WX against a stand-in payload;" \
  "this proves the script compiles, not the Windows build, install or uninstall."
