"""``python -m idg_desktop.cli``: the ``idg`` command."""

from idg_desktop.cli import entry

if __name__ == "__main__":  # not when a tool imports every module (tests/test_core_is_qt_free.py)
    entry()
