"""Floor for start-up and memory: a bare PySide6 script that shows an empty QMainWindow.

It reports idle exactly as sv-desktop does under SV_DESKTOP_BENCH_EXIT_WHEN_IDLE=1 (the first time the
event loop is about to wait with the window visible), so both are timed to the same moment.
Run as a script: `python bench/floor_startup.py`.
"""

import sys

from PySide6.QtCore import QAbstractEventDispatcher
from PySide6.QtWidgets import QApplication, QMainWindow

MARKER = "floor: main window idle"


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1280, 720)
    window.show()
    dispatcher = QAbstractEventDispatcher.instance()

    def about_to_block() -> None:
        if window.isVisible():
            dispatcher.aboutToBlock.disconnect(about_to_block)
            print(MARKER, flush=True)
            app.quit()

    dispatcher.aboutToBlock.connect(about_to_block)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
