"""IDG Workshop: run WCO Integrity Development Guide assessments offline.

The package is split so that the core never needs Qt: ``domain`` holds the
IDG's vocabulary and rules, ``storage`` the ``.idg`` file, ``services`` the
operations the window and the ``idg`` command share, ``exports`` what leaves
the application. Only ``idg_desktop.ui`` imports PySide6.
"""

__version__ = "0.1.0"
