"""Benchmark: window start-up, from process start to the first real paint.

Run: ``.venv/bin/python bench/bench_window.py [--runs 7]``

Starts ``idg-desktop --smoke FILE`` on the demo workshop (offscreen) and, in
the same run, a bare PySide6 ``QMainWindow`` measured the same way: the
time from just before the process is spawned to the moment the window
receives its first paint event (each child prints ``first-paint <time>``).
The ratio is what the application adds over Qt's own start-up on this
machine. Also times switching checklist sections in process. No figure is
asserted; copy the table into README.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
class Quit(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
quitter = Quit()
window.installEventFilter(quitter)
window.resize(1280, 800)
window.show()
app.exec()
"""


def first_paint(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported by {command[0]}: {done.stderr[-500:]}")


def section_switching(demo: Path, env_dir: Path) -> list[float]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from idg_desktop.storage.document import AssessmentDocument
    from idg_desktop.ui.pages.checklist_page import ChecklistPage
    from idg_desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    workspace = Workspace(AssessmentDocument.open(demo))
    page = ChecklistPage(workspace)
    page.resize(1600, 1000)
    page.show()
    app.processEvents()
    codes = ["LC", "RF", "TR", "AU", "RM", "AI", "CC", "HR", "MO", "PS", "SA", "CT", "MS", "GE"]
    times = []
    for _ in range(3):
        for code in codes:
            start = time.perf_counter()
            page.show_target((code, ""))
            app.processEvents()
            times.append(time.perf_counter() - start)
    workspace.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="idg-bench-window-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "IDG_CONFIG_DIR": str(folder / "config"),
        "IDG_DATA_DIR": str(folder / "data"),
    }
    os.environ.update({k: env[k] for k in ("IDG_CONFIG_DIR", "IDG_DATA_DIR")})
    demo = folder / "demo.idg"
    subprocess.run(
        [str(Path(sys.executable).with_name("idg")), "demo", str(demo)],
        check=True,
        capture_output=True,
        env=env,
    )
    app_cmd = [str(Path(sys.executable).with_name("idg-desktop")), "--smoke", str(demo)]
    bare_cmd = [sys.executable, "-c", BARE]
    first_paint(bare_cmd, env)  # warm the disk cache for both
    first_paint(app_cmd, env)
    app_times, bare_times = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        bare_times.append(first_paint(bare_cmd, env))
        app_times.append(first_paint(app_cmd, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    switching = section_switching(demo, folder)
    print("| measure | IDG Workshop | bare QMainWindow | ratio |")
    print("|---|---|---|---|")
    print(
        f"| start-up to first paint (median of {args.runs}) | {app_median * 1000:.0f} ms | "
        f"{bare_median * 1000:.0f} ms | {app_median / bare_median:.2f}x |"
    )
    ordered = sorted(switching)
    p95 = ordered[round(0.95 * (len(ordered) - 1))]
    print(
        f"| switching checklist sections (median / p95 of {len(switching)}) | "
        f"{statistics.median(switching) * 1000:.1f} / {p95 * 1000:.1f} ms | | |"
    )
    print()
    print(
        f"Targets: start-up under 3x the bare window "
        f"({'met' if app_median < 3 * bare_median else 'NOT met'}); section switching under "
        f"50 ms ({'met' if p95 < 0.05 else 'NOT met'})."
    )


if __name__ == "__main__":
    main()
