"""The core (domain, storage, services, exports, the idg command) never imports Qt."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, idg_desktop\n"
        "for m in pkgutil.walk_packages(idg_desktop.__path__, 'idg_desktop.'):\n"
        "    if not m.name.startswith('idg_desktop.ui'):\n"
        "        importlib.import_module(m.name)\n"
        "from idg_desktop.cli import main\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
