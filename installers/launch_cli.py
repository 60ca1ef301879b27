"""The frozen ``idg`` program: the command line (PyInstaller's entry script)."""

import sys

from idg_desktop.cli import main

sys.exit(main())
