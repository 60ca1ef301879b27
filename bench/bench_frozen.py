"""Benchmark: the frozen application (installers/build.sh) beside the same
from the virtual environment, and the bundle's sizes.

Run after ``bash installers/build.sh``:
``.venv/bin/python bench/bench_frozen.py [--runs 7]``

Start-up to first paint is measured as bench/bench_window.py does it: from
just before the process is spawned to the window's first paint event
(``idg-desktop --smoke FILE`` prints ``first-paint <time>``), on the demo
workshop, offscreen, both programs interleaved in one run so both see the
same machine. The frozen program runs with a bare environment (no virtual
environment, no PYTHONPATH); the venv's with this checkout on PYTHONPATH.
Sizes: the bundle unpacked (bytes of its files), the tar.gz and the .deb.
No figure is asserted; copy the table into README.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_window import first_paint  # noqa: E402


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    bundle = ROOT / "dist" / "idg-workshop"
    tarball = ROOT / "dist" / f"idg-workshop-{version}-linux-x86_64.tar.gz"
    deb = ROOT / "dist" / f"idg-workshop_{version}_amd64.deb"
    if not (bundle / "idg-desktop").exists():
        print("bench_frozen: no build in dist/ (run bash installers/build.sh)", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="idg-bench-frozen-"))
    (folder / "home").mkdir()
    common = {
        "QT_QPA_PLATFORM": "offscreen",
        "IDG_CONFIG_DIR": str(folder / "config"),
        "IDG_DATA_DIR": str(folder / "data"),
        "LANG": "C.UTF-8",
    }
    frozen_env = {**common, "HOME": str(folder / "home"), "PATH": "/usr/bin:/bin"}
    venv_env = {**os.environ, **common, "PYTHONPATH": str(ROOT)}
    demo = folder / "demo.idg"
    subprocess.run([str(bundle / "idg"), "demo", str(demo)], check=True, env=frozen_env,
                   capture_output=True)  # fmt: skip
    frozen = [str(bundle / "idg-desktop"), "--smoke", str(demo)]
    venv = [str(Path(sys.executable).with_name("idg-desktop")), "--smoke", str(demo)]
    first_paint(frozen, frozen_env)  # warm the disk cache for both
    first_paint(venv, venv_env)
    frozen_times, venv_times = [], []
    for _ in range(args.runs):
        frozen_times.append(first_paint(frozen, frozen_env))
        venv_times.append(first_paint(venv, venv_env))
    f_median, v_median = statistics.median(frozen_times), statistics.median(venv_times)
    print("| measure | frozen (dist/idg-workshop) | virtual environment | ratio |")
    print("|---|---|---|---|")
    print(
        f"| start-up to first paint, demo workshop (median of {args.runs}) | "
        f"{f_median * 1000:.0f} ms | {v_median * 1000:.0f} ms | {f_median / v_median:.2f}x |"
    )
    print()
    print("| bundle | size |")
    print("|---|---|")
    print(f"| unpacked (dist/idg-workshop) | {_mb(_size(bundle))} |")
    for packed in (tarball, deb):
        if packed.exists():
            print(f"| {packed.name} | {_mb(_size(packed))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
