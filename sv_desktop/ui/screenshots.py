"""Screenshots of the main window and of every wizard page at 1366 x 768, in a light and a dark palette.

    python -m sv_desktop.ui.screenshots docs/screenshots
    QT_SCALE_FACTOR=1.25 python -m sv_desktop.ui.screenshots shots-125    (a 1366 x 768 laptop at 125%)

Runs headless (offscreen) on a throw-away data folder filled with the worked examples, so the pictures
show real content and never touch the user's own tenders. Used for the README and to review layouts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)
"""The screen in physical pixels; with QT_SCALE_FACTOR set (125%, 150%) the windows get what is left."""
EXAMPLE_REFERENCE = "LPT-2027-014"
EVALUATED_EXAMPLE = "LPT-2026-017"
"""The worked example carrying its evaluation (three bidders, a panel of three, moderation closed)."""


def _settle(app, rounds: int = 5) -> None:
    for _round in range(rounds):
        app.processEvents()


def _use_bundled_font(app) -> None:
    """Liberation Sans (metric-compatible with Arial, the NHS fallback font) so shots look the same anywhere."""
    from PySide6.QtGui import QFont, QFontDatabase

    from ..paths import resources_dir

    fonts = resources_dir() / "fonts"
    families: list[str] = []
    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(fonts / name))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        app.setFont(QFont(families[0], 10))


def take(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..demo import load_demo
    from ..services.tender_service import open_service
    from . import icons
    from .app import application
    from .main_window import MainWindow
    from .style import dark_palette, light_palette
    from .wizard.page_ids import PageId
    from .wizard.wizard_window import TenderWizard

    out.mkdir(parents=True, exist_ok=True)
    factor = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    size = (round(SIZE[0] / factor), round(SIZE[1] / factor))
    app = application([])
    app.setStyle("Fusion")
    _use_bundled_font(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="sv-shots-") as tmp:
        service = open_service(data_dir=Path(tmp))
        try:
            load_demo(service)
            references = [s.reference for s in service.list_tenders()]
            reference = EXAMPLE_REFERENCE if EXAMPLE_REFERENCE in references else references[0]
            for mode, palette in (("light", light_palette()), ("dark", dark_palette())):
                app.setPalette(palette)
                icons.clear_cache()
                window = MainWindow(service)
                window.resize(*size)
                window.show()
                window.select(reference)
                _settle(app)
                path = out / f"{mode}-main-window.png"
                window.grab().save(str(path), "PNG", 0)
                written.append(path)
                wizard = TenderWizard(service, service.get(reference), window.settings)
                wizard.resize(*size)
                wizard.show()
                for page_id in PageId:
                    wizard.go_to(page_id)
                    wizard.autosaver.flush()
                    _settle(app)
                    path = out / f"{mode}-step-{page_id + 1}-{page_id.step}.png"
                    wizard.grab().save(str(path), "PNG", 0)
                    written.append(path)
                wizard.go_to(PageId.DETAILS)
                wizard.close()
                window.close()
                wizard.deleteLater()
                window.deleteLater()
                _settle(app)
            app.setPalette(light_palette())
            icons.clear_cache()
            written += _evaluation_shots(app, service, out, size)
            written += _bid_shots(app, service, out, size)
        finally:
            from .worker import wait_for_all

            wait_for_all()  # steps remembered and reminders looked up in the background
            service.close()
    return written


def _evaluation_shots(app, service, out: Path, size: tuple[int, int]) -> list[Path]:
    """The evaluation dialog's four tabs for the evaluated worked example (loaded with the others)."""
    from .evaluation.dialog import EvaluationDialog
    from .worker import wait_for_all

    dialog = EvaluationDialog(service, EVALUATED_EXAMPLE, service.get(EVALUATED_EXAMPLE).title)
    dialog.resize(*size)
    dialog.show()
    wait_for_all()
    _settle(app)
    dialog.scores_tab.grid.setCurrentCell(0, 0)
    dialog.moderation_tab.table.setCurrentCell(1, 0)
    written = []
    for index, name in enumerate(("panel", "scores", "moderation", "results")):
        dialog.tabs.setCurrentIndex(index)
        _settle(app)
        path = out / f"evaluation-{name}.png"
        dialog.grab().save(str(path), "PNG", 0)
        written.append(path)
    dialog.close()
    dialog.deleteLater()
    _settle(app)
    return written


def _bid_shots(app, service, out: Path, size: tuple[int, int]) -> list[Path]:
    """The worked example bid: its opportunity, its first response (with the checks that run after typing
    pauses) and the Trust's commitment library."""
    from ..demo import load_demo_bids
    from .bids.bid_window import BidWindow
    from .bids.library import CommitmentLibrary
    from .worker import wait_for_all

    bid = load_demo_bids(service)[0]
    window = BidWindow(service, service.get_bid(bid.reference))
    window.show()
    window.resize(*size)  # after showing: a window first shown is fitted to the (offscreen) screen
    written = []
    for index, name in ((0, "bid-window"), (2, "bid-response-editor")):
        window.tabs.setCurrentIndex(index)
        _settle(app)
        if index == 2:  # the answer's warnings and lessons, looked up in the background once typing pauses
            window.responses.check_timer.stop()
            window.responses.check()
        wait_for_all()
        _settle(app)
        path = out / f"{name}.png"
        window.grab().save(str(path), "PNG", 0)
        written.append(path)
    window.close()
    window.deleteLater()
    library = CommitmentLibrary(service)
    library.show()
    library.resize(*size)
    wait_for_all()
    _settle(app)
    path = out / "bid-commitment-library.png"
    library.grab().save(str(path), "PNG", 0)
    written.append(path)
    library.close()
    library.deleteLater()
    _settle(app)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sv_desktop.ui.screenshots OUTPUT_FOLDER", file=sys.stderr)
        return 2
    for path in take(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
