"""``idg-desktop --self-test``: the installed application checks itself.

Offscreen, in a temporary folder (its own configuration and data folders, so
the user's settings, recent files and data are never touched): it builds the
demo workshop, opens it in the main window, visits every page, builds every
printable report and the workbook the way the Reports page does, renders a
page of a report with QtPdf (the report preview), opens the presentation
window once, and checks that Qt's platform plugins and image formats are
there. One line per check on standard output; the first failure ends the run
with one line naming it on standard error and a non-zero exit status.

It exists for the frozen bundle (installers/): a Qt module, plugin, resource
or hidden import left out of the bundle shows up here, not at a facilitator's
first click.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

EXIT_FAILED = 1

#: Qt's platform plugins each system needs: the window's own and offscreen.
PLATFORM_PLUGINS = {
    "linux": ("xcb", "offscreen"),
    "win32": ("windows", "offscreen"),
    "darwin": ("cocoa", "offscreen"),
}
#: Image formats Qt must read (icons and the help's pictures).
IMAGE_FORMATS = ("png", "jpeg", "svg", "ico")


class CheckFailed(Exception):
    """One check of the self-test failed; the message names what."""


def prepare_environment(folder: Path) -> None:
    """Before the QApplication exists: offscreen, and private folders."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["IDG_CONFIG_DIR"] = str(folder / "config")
    os.environ["IDG_DATA_DIR"] = str(folder / "data")


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def _plugins() -> str:
    from PySide6.QtCore import QLibraryInfo

    base = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = {p.name for p in base.glob("*")} if base.is_dir() else set()
    wanted = PLATFORM_PLUGINS.get(sys.platform, ("offscreen",))
    missing = [w for w in wanted if not any(w in name.lower() for name in names)]
    if missing:
        raise CheckFailed(f"Qt platform plugin missing in {base}: {', '.join(missing)}")
    return ", ".join(wanted)


def _image_formats() -> str:
    from PySide6.QtGui import QImageReader

    have = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in IMAGE_FORMATS if f not in have]
    if missing:
        raise CheckFailed(f"Qt image formats missing: {', '.join(missing)}")
    return ", ".join(IMAGE_FORMATS)


def _render_pdf(path: Path) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise CheckFailed(f"QtPdf cannot read {path.name}")
    image = document.render(0, QSize(400, 560))
    if image.isNull():
        raise CheckFailed(f"QtPdf cannot render a page of {path.name}")
    return f"{path.name}, page 1 of {document.pageCount()}"


def _say(line: str) -> None:
    print(line, flush=True)  # in order with the failure on standard error


def run(out: Callable[[str], None] = _say) -> int:
    """The whole self-test in the running QApplication; 0 when all passed."""
    from PySide6.QtWidgets import QApplication

    from idg_desktop import __version__
    from idg_desktop.reports.kinds import REPORTS
    from idg_desktop.services.demo import build_demo
    from idg_desktop.ui.main_window import MainWindow
    from idg_desktop.ui.pages.report_choices import WORKBOOK
    from idg_desktop.ui.pages.reports_page import build
    from idg_desktop.ui.workshop_view import PAGES

    folder = Path(tempfile.mkdtemp(prefix="idg-self-test-"))
    window = None
    step = "start"

    def check(name: str, action: Callable[[], object]) -> None:
        nonlocal step
        step = name
        detail = action()
        out(f"ok  {name}" + (f": {detail}" if detail else ""))

    try:
        out(f"IDG Workshop {__version__} self-test, Qt platform {QApplication.platformName()}")
        check("platform plugins", _plugins)
        check("image formats", _image_formats)
        demo = folder / "demo.idg"
        check("demo workshop", lambda: build_demo(demo).close())
        window = MainWindow()
        window.resize(1280, 800)
        window.show()

        def open_demo() -> None:
            if not window.open_path(demo) or window.workspace is None:
                raise CheckFailed(f"the window cannot open {demo.name}")

        check("open in the window", open_demo)
        for key, _module, _cls in PAGES:

            def visit(key: str = key) -> None:
                page = window.show_page(key)
                _settle()
                if page is None or not page.isVisible():
                    raise CheckFailed(f"page {key} is not shown")

            check(f"page {key}", visit)
        written: dict[str, Path] = {}
        reports_page = window.show_page("reports")
        for kind in (*REPORTS, WORKBOOK):
            suffix = ".xlsx" if kind == WORKBOOK else ".pdf"

            def make(kind: str = kind, suffix: str = suffix) -> str:
                reports_page.choose(kind)  # the page's options: the worksheets' group
                options = reports_page.options() if kind != WORKBOOK else {}
                done = build(demo, kind, folder / f"{kind}{suffix}", options)
                if not done.path.is_file() or done.path.stat().st_size == 0:
                    raise CheckFailed(f"{kind} was not written")
                written[kind] = done.path
                unit = "sheet" if kind == WORKBOOK else "page"
                return f"{done.count} {unit}{'s' if done.count != 1 else ''}"

            check(f"report {kind}", make)
        check("report preview (QtPdf)", lambda: _render_pdf(written["assessment"]))

        def present() -> None:
            window.presenter.start()
            _settle()
            shown = window.presenter.window
            if shown is None or not shown.isVisible():
                raise CheckFailed("the presentation window did not open")
            window.presenter.stop()
            _settle()

        check("presentation", present)
        window.close()
        _settle()
        window = None
        out("self-test passed")
    except Exception as error:  # every failure is reported as one line
        reason = (
            str(error) if isinstance(error, CheckFailed) else f"{type(error).__name__}: {error}"
        )
        details = folder / "self-test-error.txt"
        details.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            f"self-test failed at {step}: {reason} (details in {details})",
            file=sys.stderr,
            flush=True,
        )
        return EXIT_FAILED
    finally:
        if window is not None:
            window.close()
            _settle()
    shutil.rmtree(folder, ignore_errors=True)
    return 0
