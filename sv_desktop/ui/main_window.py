"""The main window: the list of tenders, search, and everything done to a whole tender (new, open,
duplicate, delete with undo, import, export, bin, backups, settings, help).

Each open tender gets its own wizard window; the list refreshes whenever one of them autosaves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..model.tender import Tender
from ..services.errors import ServiceError
from . import icons
from .bin_dialog import BinDialog
from .help_dialogs import HelpDialog, show_about
from .lifecycle.filtering import LifecycleFilter
from .lifecycle.tools import LifecycleTools
from .settings_dialog import SettingsDialog
from .style import make_heading, make_secondary
from .tender_table import (
    COL_COMPLIANCE,
    COL_REFERENCE,
    COL_TITLE,
    COL_UPDATED,
    REFERENCE_ROLE,
    TenderTableModel,
)
from .tools_dialogs import RestoreBackupDialog, TextReportDialog
from .window_state import restore_geometry, save_geometry, ui_settings
from .wizard.exporting import safe_file_stem
from .wizard.wizard_window import TenderWizard

TENDER_FILE_FILTER = "Tender files (*.svtender.json);;All files (*)"
UNDO_SECONDS = 20


class UndoBar(QWidget):
    """"Moved to the bin. Undo" in the status bar, for a short while after a delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.button = QPushButton(icons.icon("undo"), "&Undo")
        self.button.setAccessibleName("Undo the delete")
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.reference: str | None = None
        self.hide()

    def offer(self, reference: str, text: str) -> None:
        self.reference = reference
        self.label.setText(text)
        self.show()
        self.timer.start(UNDO_SECONDS * 1000)


class MainWindow(QMainWindow):
    def __init__(self, service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = ui_settings(service)
        self.wizards: list[TenderWizard] = []
        self.setWindowTitle("sv-desktop – social value in tenders")
        self.setWindowIcon(icons.icon("app"))
        labels = {c: g.label for c, g in service.content.categories.items()}
        self.model = TenderTableModel(labels, self)
        self.proxy = LifecycleFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self.undo_bar = UndoBar()
        self.undo_bar.button.clicked.connect(self.undo_delete)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addWidget(self.undo_bar)
        organisation = getattr(service.settings, "organisation", "") or service.content.organisation.name
        policy = service.content.organisation
        self.policy_label = QLabel(f"{organisation} · policy {policy.policy_reference} {policy.policy_version}")
        self.statusBar().addPermanentWidget(self.policy_label)
        self.lifecycle = LifecycleTools(self)  # filter bar, Lifecycle menu, KPI reports due
        self.proxy.filtered.connect(lambda: self._search_changed(self.search.text()))
        self.refresh()
        self.table.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        restore_geometry(self, self.settings, "main", (1280, 720))

    # ---- construction

    def _action(self, text: str, icon: str, slot, shortcuts=(), name: str = "") -> QAction:
        action = QAction(icons.icon(icon) if icon else icons.icon("info"), text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if name:
            action.setToolTip(name)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New tender", "new", self.new_tender, [QKeySequence.StandardKey.New])
        self.open_action = self._action("&Open", "open", self.open_selected)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.duplicate_action = self._action("D&uplicate", "duplicate", self.duplicate_selected, ["Ctrl+D"])
        self.delete_action = self._action("&Delete", "delete", self.delete_selected,
                                          [QKeySequence.StandardKey.Delete])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.import_action = self._action("&Import tender file…", "import", self.import_file, ["Ctrl+I"])
        self.export_action = self._action("E&xport tender file…", "export", self.export_file, ["Ctrl+Shift+E"])
        self.bin_action = self._action("&Bin…", "bin", self.show_bin)
        self.quit_action = self._action("&Quit", "close", self.close, [QKeySequence("Ctrl+Q")])
        self.backup_action = self._action("&Back up now", "backup", self.backup_now)
        self.restore_action = self._action("&Restore backup…", "restore", self.restore_backup)
        self.doctor_action = self._action("&Check database", "doctor", self.check_database)
        self.settings_action = self._action("&Settings…", "settings", self.show_settings)
        self.help_action = self._action("&Help", "help", self.show_help, [QKeySequence.StandardKey.HelpContents])
        self.about_action = self._action("&About sv-desktop", "info", lambda: show_about(self, self.service))
        self.find_action = self._action("&Find", "search", self.focus_search, [QKeySequence.StandardKey.Find])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for item in (self.new_action, self.open_action, self.duplicate_action, self.delete_action, None,
                     self.import_action, self.export_action, None, self.bin_action, None, self.quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        tools = bar.addMenu("&Tools")
        for item in (self.backup_action, self.restore_action, self.doctor_action, None, self.settings_action):
            tools.addSeparator() if item is None else tools.addAction(item)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)
        self.addAction(self.find_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Tenders")
        toolbar.setObjectName("tenders")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.duplicate_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.export_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        search_label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Reference, title, category, stage or lead (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setAccessibleName("Search tenders")
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_label.setBuddy(self.search)
        toolbar.addWidget(search_label)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self.search.textChanged.connect(self._search_changed)
        for action in (self.new_action, self.open_action, self.duplicate_action, self.delete_action,
                       self.import_action, self.export_action):
            widget = toolbar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    def _build_central(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName("Tenders")
        self.table.setAccessibleDescription("Press Enter to open the selected tender.")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.addAction(self.open_action)
        self.table.addAction(self.delete_action)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        heading = make_heading(QLabel("No tenders yet"))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = make_secondary(QLabel(
            "Start a tender with New (Ctrl+N), or import a tender file a colleague sent you (Ctrl+I)."))
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new = QPushButton(icons.icon("new"), "Start a &new tender")
        self.empty_new.setAccessibleName("Start a new tender")
        self.empty_new.clicked.connect(self.new_tender)
        empty_layout.addWidget(heading)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_new, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(2)
        self.no_match = make_secondary(QLabel())
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.stack = QStackedWidget()
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(8, 8, 8, 4)
        self.table_layout = table_layout
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.no_match)
        self.stack.addWidget(table_page)
        self.stack.addWidget(empty)
        self.setCentralWidget(self.stack)

    # ---- the list

    def refresh(self, select: str | None = None) -> None:
        current = select or self.selected_reference()
        try:
            rows = self.service.list_tenders()
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot list the tenders", str(exc))
            rows = []
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        self.table.resizeColumnToContents(COL_REFERENCE)
        self.table.resizeColumnToContents(COL_COMPLIANCE)
        if current:
            self.select(current)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._search_changed(self.search.text())

    def select(self, reference: str) -> bool:
        row = self.model.row_of(reference)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def selected_reference(self) -> str | None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        return index.data(REFERENCE_ROLE) if index is not None and index.isValid() else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown or not total:
            self.no_match.setText("")
        elif text.strip():
            self.no_match.setText(f"No tender matches '{text.strip()[:60]}'. Clear the search to see all "
                                  f"{total} tenders.")
        else:
            self.no_match.setText(f"No tender matches the filters. Clear the filters to see all {total} tenders.")
        self.no_match.setVisible(bool(self.no_match.text()))
        if text.strip() or shown != total:
            self.count_label.setText(f"{shown} of {total} tender{'s' if total != 1 else ''} shown")
        else:
            self.count_label.setText(f"{total} tender{'s' if total != 1 else ''}")
        if shown and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.selected_reference() is not None
        for action in (self.open_action, self.duplicate_action, self.delete_action, self.export_action):
            action.setEnabled(has)

    # ---- wizards

    def wizard_for(self, reference: str) -> TenderWizard | None:
        for wizard in self.wizards:
            if (wizard.autosaver.stored_reference or wizard.tender.reference) == reference:
                return wizard
        return None

    def open_wizard(self, tender: Tender) -> TenderWizard:
        wizard = TenderWizard(self.service, tender, self.settings)
        wizard.saved.connect(self._wizard_saved)
        wizard.closed.connect(lambda reference, w=wizard: self._wizard_closed(w, reference))
        self.wizards.append(wizard)
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()
        return wizard

    def _wizard_saved(self, stored: Tender) -> None:
        self.refresh(select=stored.reference)

    def _restored(self, reference: str) -> None:
        self.refresh(select=reference)

    def _double_clicked(self, _index) -> None:
        self.open_selected()

    def _current_changed(self, *_args) -> None:
        self._update_actions()

    def _wizard_closed(self, wizard: TenderWizard, reference: str) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        wizard.deleteLater()
        self.refresh(select=reference or None)

    def new_tender(self) -> None:
        try:
            tender = self.service.new_tender()
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot start a tender", str(exc))
            return
        self.open_wizard(tender)

    def open_selected(self) -> None:
        reference = self.selected_reference()
        if reference is None:
            return
        existing = self.wizard_for(reference)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return
        try:
            tender = self.service.get(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot open the tender", str(exc))
            self.refresh()
            return
        self.open_wizard(tender)

    def _settle(self, reference: str) -> bool:
        """Save what an open wizard of this tender still holds; False if it could not be saved."""
        wizard = self.wizard_for(reference)
        return wizard is None or wizard.autosaver.flush()

    # ---- whole-tender operations

    def duplicate_selected(self) -> None:
        reference = self.selected_reference()
        if reference is None or not self._settle(reference):
            return
        try:
            twin = self.service.duplicate(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not duplicated", str(exc))
            return
        self.refresh(select=twin.reference)
        self.statusBar().showMessage(f"Duplicated {reference} as {twin.reference}.", 10000)

    def delete_selected(self) -> None:
        reference = self.selected_reference()
        if reference is None:
            return
        row = self.model.summary(self.model.row_of(reference))
        title = " ".join(row.title.split())[:80] or "untitled"
        answer = QMessageBox.question(
            self, "Move to the bin?",
            f"Move {reference} ({title}) to the bin? It stays there for 30 days and can be restored.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        wizard = self.wizard_for(reference)
        if wizard is not None and not wizard.close():
            return
        try:
            self.service.delete(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))
            return
        self.refresh()
        self.undo_bar.offer(reference, f"Moved {reference} to the bin.")

    def undo_delete(self) -> None:
        reference = self.undo_bar.reference
        if not reference:
            return
        try:
            self.service.restore_from_bin(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not restored", str(exc))
            return
        self.undo_bar.hide()
        self.refresh(select=reference)
        self.statusBar().showMessage(f"Restored {reference}.", 8000)

    def import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import a tender file", str(Path.home()), TENDER_FILE_FILTER)
        if not chosen:
            return
        try:
            tender, created = self.service.import_file(Path(chosen))
        except ServiceError as exc:
            QMessageBox.warning(self, "Not imported", str(exc))
            return
        self.refresh(select=tender.reference)
        verb = "Imported" if created else "Updated"
        self.statusBar().showMessage(f"{verb} {tender.reference} from {Path(chosen).name}.", 10000)

    def export_file(self) -> None:
        reference = self.selected_reference()
        if reference is None or not self._settle(reference):
            return
        suggested = Path.home() / f"{safe_file_stem(reference)}.svtender.json"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the tender file", str(suggested), TENDER_FILE_FILTER,
                                                options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        if not path.name.endswith(".svtender.json"):
            path = path.with_name(path.name + ".svtender.json")
        if path.exists():
            answer = QMessageBox.question(
                self, "Replace the file?", f"{path.name} already exists in {path.parent}. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            written = self.service.export_file(self.service.get(reference), path)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not exported", str(exc))
            return
        self.statusBar().showMessage(f"Saved {reference} as {written or path}.", 10000)

    def show_bin(self) -> None:
        dialog = BinDialog(self.service, self)
        dialog.restored.connect(self._restored)
        dialog.exec()

    # ---- tools

    def backup_now(self) -> None:
        try:
            path = self.service.backup()
        except ServiceError as exc:
            QMessageBox.warning(self, "No backup made", str(exc))
            return
        self.statusBar().showMessage(f"Backed up to {path}.", 10000)

    def restore_backup(self) -> None:
        try:
            backups = self.service.list_backups()
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot list the backups", str(exc))
            return
        dialog = RestoreBackupDialog(backups, self)
        if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        if not self.close_wizards():
            return
        try:
            self.service.restore_backup(Path(dialog.chosen()))
        except ServiceError as exc:
            QMessageBox.warning(self, "Not restored", str(exc))
            return
        self.refresh()
        self.statusBar().showMessage("Restored the backup. The database as it was is kept in the backups "
                                     "folder.", 15000)

    def check_database(self) -> None:
        try:
            lines = self.service.doctor()
        except ServiceError as exc:
            lines = [f"The check could not run: {exc}"]
        TextReportDialog("Database check", "What sv-desktop found when it checked its database. If anything "
                         "is wrong, copy this text to IT.", lines, self).exec()

    def show_settings(self) -> None:
        SettingsDialog(self.service, self).exec()
        organisation = getattr(self.service.settings, "organisation", "")
        policy = self.service.content.organisation
        self.policy_label.setText(f"{organisation} · policy {policy.policy_reference} {policy.policy_version}")

    def show_help(self) -> None:
        HelpDialog(self.service, self).exec()

    # ---- closing

    def close_wizards(self) -> bool:
        """Close every tender window (each saves first); False if one stays open."""
        return all(wizard.close() for wizard in list(self.wizards))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_wizards():
            event.ignore()
            return
        save_geometry(self, self.settings, "main")
        event.accept()
