"""Entry script of the frozen build: both executables start here, as `sv-desktop` does when installed.

PyInstaller needs a script file rather than a console-script entry point; this one only hands over to
`sv_desktop.cli.main`, so the frozen app and `pip install` behave the same.
"""

import multiprocessing
import sys

from sv_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process writing documents (export/parallel.py) starts here
    sys.exit(main())
