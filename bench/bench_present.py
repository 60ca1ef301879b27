"""Benchmark: the next slide shown on the projector, beside a bare full-screen repaint.

Run: ``.venv/bin/python bench/bench_present.py [--rounds 5]``

Opens the demo workshop in the real main window, starts the presentation
(View ▸ Present) and gives its window 1920x1080 (offscreen). A sample is one
step to the next slide (``forward()``, as Page Down does: the slide composed
with the running timer in its corner, then Qt's event loop until idle, which
paints it), taken once the slide before has been on screen long enough for the
window to draw the next one ahead (40 ms: the room reads a slide for longer).
The baseline, measured in the same run and interleaved with the steps so both
see the same machine, is a bare 1920x1080 widget that fills
itself with one colour and draws one line of text, marked for repaint, then the
event loop until idle. Every slide of the deck is visited ``--rounds`` times,
forwards. No figure is asserted; copy the table into the README.
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

WIDTH, HEIGHT = 1920, 1080


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(demo: Path, rounds: int) -> tuple[list[float], list[float], int]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    from idg_desktop.ui.main_window import MainWindow

    class Bare(QWidget):
        def paintEvent(self, _event) -> None:
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor(255, 255, 255))
            painter.setFont(QFont("sans-serif", 40))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Bare repaint")

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    main = MainWindow()
    main.resize(1366, 768)
    main.show()
    if not main.open_path(demo):
        raise RuntimeError(f"the demo {demo} did not open")
    main.presenter.start()
    window = main.presenter.window
    window.showNormal()
    window.resize(WIDTH, HEIGHT)
    window.start_timer(45)
    bare = Bare()
    bare.resize(WIDTH, HEIGHT)
    bare.show()
    app.processEvents()
    if (window.width(), window.height()) != (WIDTH, HEIGHT):
        raise RuntimeError(f"the presentation is {window.width()}x{window.height()}")
    steps, repaints = [], []
    count = len(window.slides)
    for _ in range(rounds):
        window.go(0)
        app.processEvents()
        for _ in range(count - 1):
            while window.ahead.isActive():  # the room reads; the next slide is drawn ahead
                app.processEvents()
            app.processEvents()
            start = time.perf_counter()
            bare.update()
            app.processEvents()
            repaints.append(time.perf_counter() - start)
            start = time.perf_counter()
            window.forward()
            app.processEvents()
            steps.append(time.perf_counter() - start)
    main.presenter.stop()
    bare.close()
    main.close()
    app.processEvents()
    return steps, repaints, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="idg-bench-present-"))
    demo = folder / "demo.idg"
    subprocess.run(
        [str(Path(sys.executable).with_name("idg")), "demo", str(demo)],
        check=True,
        capture_output=True,
    )
    steps, repaints, count = measure(demo, args.rounds)
    ms = 1000.0
    median_s, median_r = statistics.median(steps), statistics.median(repaints)
    p95_s, p95_r = p95(steps), p95(repaints)
    print(f"{count} slides, {len(steps)} steps at {WIDTH}x{HEIGHT} (offscreen)")
    print()
    print("| measure | next slide shown | bare full-screen repaint | ratio |")
    print("|---|---|---|---|")
    print(
        f"| median of {len(steps)} | {median_s * ms:.1f} ms | {median_r * ms:.1f} ms "
        f"| {median_s / median_r:.2f}x |"
    )
    print(f"| p95 | {p95_s * ms:.1f} ms | {p95_r * ms:.1f} ms | {p95_s / p95_r:.2f}x |")
    print()
    verdict = "met" if p95_s <= 2 * p95_r else "NOT met"
    print(f"Target: next slide p95 within 2x of a bare full-screen repaint ({verdict}).")


if __name__ == "__main__":
    main()
