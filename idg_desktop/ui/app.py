"""``idg-desktop [FILE] [--demo] [--present] [--smoke]``: start the workshop window."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from idg_desktop import __version__


class _QuitAfterFirstPaint(QObject):
    """For ``--smoke``: quit once the window has really been painted."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # The moment of the first real paint, for bench/bench_window.py.
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="idg-desktop", description="IDG Workshop: the workshop window."
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="an assessment (.idg) to open")
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh copy of the demo workshop"
    )
    parser.add_argument(
        "--present",
        action="store_true",
        help="present the file's slides full screen on the projector once it is open",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="quit right after the first paint (for tests and start-up timing)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offscreen (every page, report and the workbook) and quit",
    )
    parser.add_argument("--version", action="version", version=f"IDG Workshop {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        return _self_test()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("IDG Workshop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("IDG Workshop")
    app.setStyle("Fusion")

    checking = args.smoke or getattr(args, "self_test", False)  # never the user's program
    if not checking and _handed_over(args):
        return 0  # the running program opens it (ui/single_instance.py)

    from idg_desktop.ui.main_window import MainWindow

    window = MainWindow()
    watcher = None
    if args.smoke:
        watcher = _QuitAfterFirstPaint(app)
        window.installEventFilter(watcher)
    opened = True
    if args.demo:
        window.open_demo()
        opened = window.workspace is not None
    elif args.file:
        opened = window.open_path(Path(args.file), defer=True)
    if args.present and opened:
        window.presenter.present_when_open()  # once the file is attached
    window.place_on_screen()  # the screen's available area the first time, then as left
    window.show()
    running = None
    if not checking:
        from idg_desktop.ui.windows import Running

        running = Running(window, app)  # more windows, the crash dialog
    try:
        code = app.exec()
    finally:
        if running is not None:
            running.stop()
    if args.smoke and not opened:
        return 2
    return code


def _handed_over(args: argparse.Namespace) -> bool:
    from idg_desktop.ui.single_instance import hand_over, request_for

    files = [args.file] if args.file else []
    return hand_over(request_for(files, demo=args.demo, present=args.present))


def _self_test() -> int:
    import tempfile

    from idg_desktop.ui import self_test

    with tempfile.TemporaryDirectory(prefix="idg-self-test-home-") as folder:
        self_test.prepare_environment(Path(folder))
        app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
        app.setApplicationName("IDG Workshop")
        app.setStyle("Fusion")
        return self_test.run()


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
