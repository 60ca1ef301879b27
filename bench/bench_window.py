"""Benchmark: window start-up, from process start to the first real paint.

Run: ``.venv/bin/python bench/bench_window.py [--runs 7]``

Starts ``idg-desktop --smoke FILE`` on the demo workshop (offscreen) and, in
the same run, a bare PySide6 ``QMainWindow`` measured the same way: the
time from just before the process is spawned to the moment the window
receives its first paint event (each child prints ``first-paint <time>``).
The ratio is what the application adds over Qt's own start-up on this
machine. Also times switching checklist sections in the same main window at
1280x800 against a forced repaint of that window with nothing changed (see
``section_switching``). No figure is asserted; copy the table into README.
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


CODES = ["LC", "RF", "TR", "AU", "RM", "AI", "CC", "HR", "MO", "PS", "SA", "CT", "MS", "GE"]
#: Each section visited this many times; every sample counts, the first visits too.
ROUNDS = 6


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[round(fraction * (len(ordered) - 1))]


def section_switching(demo: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Checklist section switching in the real main window, and its baseline.

    Both are measured in the same run, on the same ``MainWindow`` at the same
    size (1280x800) showing the Checklist page, interleaved so both see the
    same machine. A switch is ``show_target`` of another section, then Qt's
    event loop until idle (the layout and the paint of what changed: what the
    facilitator waits for); the baseline is every visible widget of the window
    marked for repaint with nothing changed (``update()``), then the event loop
    until idle: each widget painted once. Also returned: the window's own
    ``update()`` alone, which leaves the editor's scroll area unpainted.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QWidget

    from idg_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    if not window.open_path(demo):
        raise RuntimeError(f"the demo {demo} did not open")
    page = window.show_page("checklist")
    app.processEvents()
    window.update()
    app.processEvents()
    switching, repaint, top_only = [], [], []
    # Every visible widget marked for repaint: the window's update() alone no
    # longer repaints the answer editor, which sits in a scroll area (Qt paints
    # a scroll area's contents only when they are themselves marked dirty).
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible()]
    for _ in range(rounds):
        for code in CODES:
            start = time.perf_counter()
            for widget in widgets:
                widget.update()
            app.processEvents()
            repaint.append(time.perf_counter() - start)
            start = time.perf_counter()
            window.update()
            app.processEvents()
            top_only.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.show_target((code, ""))
            app.processEvents()
            switching.append(time.perf_counter() - start)
    window.close()
    app.processEvents()
    return switching, repaint, top_only


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
    switching, repaint, top_only = section_switching(demo, rounds=ROUNDS)
    first = switching[: len(CODES)]  # the first visit of each section expands it in the tree
    print("| measure | IDG Workshop | baseline | ratio |")
    print("|---|---|---|---|")
    print(
        f"| start-up to first paint (median of {args.runs}; baseline: a bare QMainWindow) | "
        f"{app_median * 1000:.0f} ms | {bare_median * 1000:.0f} ms | "
        f"{app_median / bare_median:.2f}x |"
    )
    s_median, r_median = statistics.median(switching), statistics.median(repaint)
    s_p95, r_p95 = _percentile(switching, 0.95), _percentile(repaint, 0.95)
    print(
        f"| switching checklist sections, median of {len(switching)} (baseline: the same "
        f"window repainted, nothing changed) | {s_median * 1000:.1f} ms | "
        f"{r_median * 1000:.1f} ms | {s_median / r_median:.2f}x |"
    )
    print(
        f"| switching checklist sections, p95 | {s_p95 * 1000:.1f} ms | "
        f"{r_p95 * 1000:.1f} ms | {s_p95 / r_p95:.2f}x |"
    )
    print(
        f"| (for comparison: the window's own update(), editor not repainted), median | "
        f"{s_median * 1000:.1f} ms | {statistics.median(top_only) * 1000:.1f} ms | "
        f"{s_median / statistics.median(top_only):.2f}x |"
    )
    print(
        f"| of which the first visit of each section, median of {len(first)} | "
        f"{statistics.median(first) * 1000:.1f} ms | | |"
    )
    print()
    verdict = {True: "met", False: "NOT met"}
    print(
        f"Targets: start-up under 3x the bare window ({verdict[app_median < 3 * bare_median]}); "
        f"section switching median within 1.5x of a repaint "
        f"({verdict[s_median <= 1.5 * r_median]}), p95 within 2x "
        f"({verdict[s_p95 <= 2 * r_p95]})."
    )


if __name__ == "__main__":
    main()
