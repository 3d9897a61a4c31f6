"""What bids add to the main window: "New bid" (File menu and toolbar), the commitment library, the
"Records" choice of the filter bar (tenders, bids or both), the bid pipeline export and a bid window for each
bid opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLayout, QMenu, QMessageBox, QWidget

from ...i18n import _
from ...services.errors import ServiceError
from .. import icons
from ..lifecycle.flow_layout import keep_together
from ..lifecycle.menu import ask_spreadsheet_path
from ..worker import run_in_background
from .rows import KINDS, is_bid_row, kind_labels

if TYPE_CHECKING:
    from ...model.bid import Bid
    from ..main_window import MainWindow
    from .bid_window import BidWindow
    from .library import CommitmentLibrary


class BidsMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.attached
        self.windows: list[BidWindow] = []
        self.library: CommitmentLibrary | None = None
        self._opening: set[str] = set()
        self.new_action = QAction(icons.icon("new"), _("Ne&w bid"), window)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.setToolTip(_("Start the Trust's own bid for a commissioner's tender"))
        self.new_action.triggered.connect(self.new_bid)
        self.library_action = QAction(icons.icon("library"), _("Commitment &library…"), window)
        self.library_action.setToolTip(_("The Trust-wide commitments its bids pick from"))
        self.library_action.triggered.connect(self.show_library)
        self.pipeline_action = QAction(icons.icon("export"), _("Bid &pipeline…"), window)
        self.pipeline_action.setToolTip(_("Every bid with its commissioner, deadline, stage, Bid Lead and approver, "
                                          "as a spreadsheet"))
        self.pipeline_action.triggered.connect(self.export_pipeline)
        file_menu = cast(QMenu, window.menuBar().actions()[0].menu())
        file_menu.insertActions(window.open_action, [self.new_action, self.library_action,
                                                     self.pipeline_action])  # after "New tender"
        toolbar = window.toolbar
        toolbar.insertAction(window.open_action, self.new_action)
        button = toolbar.widgetForAction(self.new_action)
        if button is not None:
            button.setAccessibleName(_("New bid"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Show tenders, bids or both"))
        for kind in KINDS:
            self.kind.addItem(kind_labels()[kind], kind)
        label = QLabel(_("Re&cords:"))
        label.setBuddy(self.kind)
        bar = window.lifecycle.bar if window.lifecycle is not None else None
        if bar is not None:
            cast(QLayout, bar.layout()).addWidget(keep_together(label, self.kind))
            QWidget.setTabOrder(bar.clear_button, self.kind)  # Tab reaches it where it shows: after the filters
            bar.clear_button.clicked.connect(lambda: self.kind.setCurrentIndex(0))
        self.kind.currentIndexChanged.connect(self._kind_changed)

    # ---- the list

    def _kind_changed(self, *_args) -> None:
        if self.window.proxy is not None:
            self.window.proxy.set_kind(self.kind.currentData() or "")
            self.window._search_changed(self.window.search.text())

    def is_bid(self, reference: str | None) -> bool:
        model = self.window.model
        if reference is None or model is None:
            return False
        row = model.row_of(reference)
        return row >= 0 and is_bid_row(model.summary(row))

    # ---- bids

    def new_bid(self) -> BidWindow | None:
        try:
            bid = self.service.new_bid()
        except ServiceError as exc:
            QMessageBox.warning(self.window, _("Cannot start a bid"), str(exc))
            return None
        return self.show_bid(bid)

    def window_for(self, reference: str) -> BidWindow | None:
        return next((w for w in self.windows if w.bid.reference == reference), None)

    def open_bid(self, reference: str) -> None:
        """Read the bid off the UI thread, then show its window (or raise the one already open)."""
        existing = self.window_for(reference)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return
        if reference in self._opening:
            return
        self._opening.add(reference)
        run_in_background(lambda: self.service.get_bid(reference), self._loaded,
                          lambda error: self._not_loaded(reference, error), context=self)

    def _loaded(self, bid: Bid) -> None:
        self._opening.discard(bid.reference)
        if self.window_for(bid.reference) is None:
            self.show_bid(bid)

    def _not_loaded(self, reference: str, error: Exception) -> None:
        self._opening.discard(reference)
        QMessageBox.warning(self.window, _("Cannot open the bid"), str(error))

    def show_bid(self, bid: Bid) -> BidWindow:
        from .bid_window import BidWindow

        bid_window = BidWindow(self.service, bid, self.window)
        bid_window.saved.connect(self._saved)
        bid_window.contract_made.connect(lambda reference: self.window.refresh(select=reference))
        bid_window.finished.connect(lambda _result, w=bid_window: self._closed(w))
        self.windows.append(bid_window)
        bid_window.show()
        bid_window.raise_()
        return bid_window

    def _saved(self, bid: Bid) -> None:
        self.window.refresh(select=self.window.selected_reference() or bid.reference)

    def _closed(self, bid_window: BidWindow) -> None:
        if bid_window in self.windows:
            self.windows.remove(bid_window)
        bid_window.deleteLater()

    def delete_bid(self, reference: str) -> bool:
        """Ask, then move the bid to the bin (closing its window); True when it went."""
        answer = QMessageBox.question(
            self.window, _("Move to the bin?"),
            _("Move this bid to the bin? It stays there for 30 days with its answers and outcome, and can be "
              "restored.") + f"\n\n{reference}", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        open_window = self.window_for(reference)
        if open_window is not None:
            open_window.autosaver.discard()
            open_window.reject()
        try:
            self.service.delete_bid(reference)
        except ServiceError as exc:
            QMessageBox.warning(self.window, _("Not deleted"), str(exc))
            return False
        self.window.refresh()
        return True

    def export_pipeline(self) -> Path | None:
        """Ask where, then write every bid as a CSV or Excel pipeline off the UI thread."""
        path = ask_spreadsheet_path(self.window, self.service, _("Export the bid pipeline"), _("Bid pipeline"))
        if path is None:
            return None
        self.window.statusBar().showMessage(_("Writing {name}…").format(name=path.name))
        run_in_background(lambda: self.service.export_bid_pipeline(path), self._pipeline_written,
                          self._pipeline_failed, context=self)
        return path

    def _pipeline_written(self, path: Path) -> None:
        self.window.statusBar().showMessage(_("Saved the bid pipeline as {path}.").format(path=path), 10000)

    def _pipeline_failed(self, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, _("Bid pipeline not exported"), str(error))

    def show_library(self) -> CommitmentLibrary:
        from .library import CommitmentLibrary

        if self.library is None:
            self.library = CommitmentLibrary(self.service, self.window)
            self.library.finished.connect(self._library_closed)
        self.library.show()
        self.library.raise_()
        return self.library

    def _library_closed(self, *_args) -> None:
        if self.library is not None:
            self.library.deleteLater()
            self.library = None
