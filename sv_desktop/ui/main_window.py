"""The main window: the list of tenders, search, and everything done to a whole tender (new, open,
duplicate, delete with undo, import, export, bin, backups, settings, help).

Each open tender gets its own wizard window; the list refreshes whenever one of them autosaves.

The window can be shown before its service exists (`MainWindow(None, data_dir=...)`): it then says
"Loading tenders…", every action that needs the service is disabled, and `attach(service, rows)` fills it
once the database has been opened and read off the UI thread. The wizard, the dialogs and the lifecycle
tools are imported when first needed, so none of them delays the window's first appearance. What is
built before the window first shows reads no `Qt.` name (see `qt_names`); `attach()` and later may.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from ..services.errors import ServiceError
from . import icons
from .qt_names import set_by_name
from .style import make_heading, make_secondary
from .window_actions import WindowActions
from .window_state import STATE_FILE, restore_geometry, save_geometry, ui_settings

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ..model.tender import Tender, TenderSummary
    from ..services.contract import UiService
    from .bids.menu import BidsMenu
    from .lifecycle.filtering import LifecycleFilter
    from .lifecycle.menu import LifecycleMenu
    from .tender_table import TenderTableModel
    from .wizard.wizard_window import TenderWizard

UNDO_SECONDS = 20
PAGE_LIST, PAGE_EMPTY = 0, 1  # inserted by attach() before the "Loading tenders…" page


class UndoBar(QWidget):
    """"Moved to the bin. Undo" in the status bar, for a short while after a delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        set_by_name(self.label, "textFormat", "PlainText")
        self.button = QPushButton(_("&Undo"))  # its icon is drawn when first offered
        self.button.setAccessibleName(_("Undo the delete"))
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.reference: str | None = None
        self.bid = False
        """Whether the deleted `reference` is a bid (else a tender)."""
        self.hide()

    def offer(self, reference: str, text: str, *, bid: bool = False) -> None:
        if self.button.icon().isNull():
            self.button.setIcon(icons.icon("undo"))
        self.reference = reference
        self.bid = bid
        self.label.setText(text)
        self.show()
        self.timer.start(UNDO_SECONDS * 1000)


class MainWindow(QMainWindow):
    loaded = Signal()
    """The service is attached and the list filled (at once when the window was built with a service)."""

    def __init__(self, service: UiService | None = None, parent: QWidget | None = None, *, data_dir: str | Path | None = None) -> None:
        super().__init__(parent)
        self.service = service
        if service is not None:
            self.settings = ui_settings(service)
        elif data_dir is not None:
            self.settings = QSettings(str(Path(data_dir) / STATE_FILE), QSettings.Format.IniFormat)
        else:
            self.settings = QSettings()
        self.wizards: list[TenderWizard] = []
        self._opening: set[str] = set()  # tenders being read off the UI thread to open
        self.model: TenderTableModel | None = None
        self.proxy: LifecycleFilter | None = None
        self.lifecycle: LifecycleMenu | None = None
        self.bids: BidsMenu | None = None
        self.setWindowTitle(_("sv-desktop – social value in tenders"))
        self.setWindowIcon(icons.icon("app"))
        self.window_actions = WindowActions(self)  # File, Tools and Help menus
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self.undo_bar = UndoBar()
        self.undo_bar.button.clicked.connect(self.undo_delete)
        self.count_label = QLabel(_("Loading tenders…"))
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addWidget(self.undo_bar)
        self.policy_label = QLabel()
        set_by_name(self.policy_label, "textFormat", "PlainText")
        self.statusBar().addPermanentWidget(self.policy_label)
        restore_geometry(self, self.settings, "main", (1280, 720))
        if service is not None:
            self.attach(service)
        else:
            self._enable_service_actions(False)

    @property
    def attached(self) -> UiService:
        """The service given to `attach()`; every action that uses it is disabled until then."""
        if self.service is None:
            raise RuntimeError("the main window has no service yet")
        return self.service

    @property
    def is_loaded(self) -> bool:
        return self.proxy is not None

    def attach(self, service: UiService, rows: list[TenderSummary] | None = None) -> None:
        """Take the opened service and fill the list: with `rows` when they were already read (off the UI
        thread, at start-up), else by asking the service now."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QHeaderView

        from .bids.menu import BidsMenu
        from .lifecycle.filtering import LifecycleFilter
        from .lifecycle.menu import LifecycleMenu
        from .tender_table import COL_TITLE, COL_UPDATED, TenderTableModel

        self.service = service
        self._build_list_pages()
        labels = {c: g.label for c, g in service.content.categories.items()}
        self.model = TenderTableModel(labels, self)
        self.proxy = LifecycleFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        header = self.table.horizontalHeader()
        # Fixed widths worked out from the widest texts (`fit_columns`), never ResizeToContents: that
        # measured up to a thousand rows through Python on every change of the list.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_chosen_in_view)  # after the view has re-sorted
        self._show_policy()
        self.lifecycle = LifecycleMenu(self)  # filter bar, Lifecycle menu, KPI reports due
        self.bids = BidsMenu(self)  # New bid, the commitment library, tenders/bids/both
        self.proxy.filtered.connect(lambda: self._search_changed(self.search.text()))
        self._enable_service_actions(True)
        self.refresh(rows=rows)
        self.loaded.emit()

    def _show_policy(self) -> None:
        service = self.attached
        organisation = service.settings.organisation or service.content.organisation.name
        policy = service.content.organisation
        self.policy_label.setText(_("{organisation} · policy {policy_reference} {policy_version}").format(
            organisation=organisation, policy_reference=policy.policy_reference, policy_version=policy.policy_version))

    def _enable_service_actions(self, enabled: bool) -> None:
        for action in (self.new_action, self.open_action, self.duplicate_action, self.delete_action,
                       self.import_action, self.export_action, self.bin_action, self.backup_action,
                       self.restore_action, self.doctor_action, self.settings_action, self.help_action,
                       self.about_action, self.history_action):
            action.setEnabled(enabled)
        if hasattr(self, "empty_new"):
            self.empty_new.setEnabled(enabled)
        if enabled:
            self._update_actions()

    # ---- construction

    def _action(self, text: str, icon: str, slot, shortcuts: QKeySequence.StandardKey | tuple[str, ...] = (),
                name: str = "", *, in_menu_only: bool = False) -> QAction:
        """An action of this window. `shortcuts` is a standard key (every binding the platform gives it)
        or key sequences written out ("Ctrl+D")."""
        action = QAction(text, self)
        if in_menu_only:  # drawn the first time a menu opens: not needed to show the window
            self._menu_icons.append((action, icon or "info"))
        else:
            action.setIcon(icons.icon(icon or "info"))
        if isinstance(shortcuts, QKeySequence.StandardKey):
            action.setShortcuts(shortcuts)
        elif shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if name:
            action.setToolTip(name)
        return action

    def _build_actions(self) -> None:
        self._menu_icons: list[tuple[QAction, str]] = []
        self.new_action = self._action(_("&New tender"), "new", self.new_tender, QKeySequence.StandardKey.New)
        self.open_action = self._action(_("&Open"), "open", self.open_selected)
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        set_by_name(self.open_action, "shortcutContext", "WidgetShortcut")  # Enter opens only in the list
        self.duplicate_action = self._action(_("D&uplicate"), "duplicate", self.duplicate_selected, ("Ctrl+D",))
        # "Del" written out: the standard Delete key is also Ctrl+D on Linux desktops, Duplicate's key.
        self.delete_action = self._action(_("&Delete"), "delete", self.delete_selected, ("Del",))
        set_by_name(self.delete_action, "shortcutContext", "WidgetShortcut")  # Delete in the search box: text
        self.import_action = self._action(_("&Import tender file…"), "import", self.window_actions.import_file, ("Ctrl+I",))
        self.export_action = self._action(_("E&xport tender file…"), "export", self.window_actions.export_file, ("Ctrl+Shift+E",))
        self.bin_action = self._action(_("&Bin…"), "bin", self.window_actions.show_bin, in_menu_only=True)
        self.history_action = self._action(_("&History…"), "reload", self.window_actions.show_history, ("Ctrl+H",),
                                           _("Who changed the selected tender, when, and what changed"))
        self.quit_action = self._action(_("&Quit"), "close", self.close, ("Ctrl+Q",),
                                        in_menu_only=True)
        self.backup_action = self._action(_("&Back up now"), "backup", self.window_actions.backup_now, in_menu_only=True)
        self.restore_action = self._action(_("&Restore backup…"), "restore", self.window_actions.restore_backup, in_menu_only=True)
        self.doctor_action = self._action(_("&Check database"), "doctor", self.window_actions.check_database, in_menu_only=True)
        self.settings_action = self._action(_("&Settings…"), "settings", self.window_actions.show_settings, in_menu_only=True)
        self.help_action = self._action(_("&Help"), "help", self.window_actions.show_help, QKeySequence.StandardKey.HelpContents,
                                        in_menu_only=True)
        self.about_action = self._action(_("&About sv-desktop"), "info", self.window_actions.show_about, in_menu_only=True)
        self.log_folder_action = self._action(_("Open &log folder"), "folder", self.window_actions.open_log_folder,
                                              in_menu_only=True)
        self.find_action = self._action(_("&Find"), "search", self.focus_search, QKeySequence.StandardKey.Find)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        for item in (self.new_action, self.open_action, self.duplicate_action, self.delete_action, None,
                     self.import_action, self.export_action, None, self.history_action, self.bin_action, None,
                     self.quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        tools = bar.addMenu(_("&Tools"))
        for item in (self.backup_action, self.restore_action, self.doctor_action, None, self.settings_action):
            tools.addSeparator() if item is None else tools.addAction(item)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(self.about_action)
        self.addAction(self.find_action)
        for menu in (file_menu, tools, help_menu):
            menu.aboutToShow.connect(self.draw_menu_icons)

    def draw_menu_icons(self) -> None:
        """Give the actions seen only in menus their icons (once, when a menu first opens)."""
        pending, self._menu_icons = self._menu_icons, []
        for action, name in pending:
            action.setIcon(icons.icon(name))

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_("Tenders"))
        toolbar.setObjectName("tenders")
        toolbar.setMovable(False)
        set_by_name(toolbar, "toolButtonStyle", "ToolButtonTextBesideIcon")
        for action in (self.new_action, self.open_action, self.duplicate_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.export_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        search_label = QLabel(_("&Search:"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Reference, title, category, stage or lead (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setAccessibleName(_("Search tenders"))
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search_label.setBuddy(self.search)
        toolbar.addWidget(search_label)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.open_selected)  # Enter opens the tender the search highlights
        for action in (self.new_action, self.open_action, self.duplicate_action, self.delete_action,
                       self.import_action, self.export_action):
            widget = toolbar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    def _build_central(self) -> None:
        """Only the "Loading tenders…" page: the list and the empty-list pages are built by attach()."""
        self.stack = QStackedWidget()
        self.stack.addWidget(self._loading_page())
        self.setCentralWidget(self.stack)

    def _build_list_pages(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QTableView

        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(_("Tenders"))
        self.table.setAccessibleDescription(_("Press Enter to open the selected tender."))
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.addAction(self.open_action)
        self.table.addAction(self.delete_action)
        self.table.addAction(self.history_action)
        self.table.doubleClicked.connect(self._double_clicked)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        heading = make_heading(QLabel(_("No tenders yet")))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = make_secondary(QLabel(
            _("Start a tender with New (Ctrl+N), or import a tender file a colleague sent you (Ctrl+I).")))
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new = QPushButton(icons.icon("new"), _("Start a &new tender"))
        self.empty_new.setAccessibleName(_("Start a new tender"))
        self.empty_new.setEnabled(self.service is not None)
        self.empty_new.clicked.connect(self.new_tender)
        empty_layout.addWidget(heading)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_new, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(2)
        self.no_match = make_secondary(QLabel())
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)

        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(8, 8, 8, 4)
        self.table_layout = table_layout
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.no_match)
        self.stack.insertWidget(PAGE_LIST, table_page)
        self.stack.insertWidget(PAGE_EMPTY, empty)

    def _loading_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        heading = make_heading(QLabel(_("Loading tenders…")))
        set_by_name(heading, "alignment", "AlignCenter")
        note = make_secondary(QLabel(_("Opening the tender database. The list appears in a moment.")))
        set_by_name(note, "alignment", "AlignCenter")
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(2)
        page.setAccessibleName(_("Loading tenders"))
        return page

    # ---- the list

    def refresh(self, select: str | None = None, rows: list[TenderSummary] | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .bids.rows import all_rows
        from .tender_table import fit_columns

        if self.model is None or self.proxy is None:
            return  # still loading: attach() fills the list
        current = select or self.selected_reference()
        if rows is None:
            try:
                rows = all_rows(self.attached)
            except ServiceError as exc:
                QMessageBox.warning(self, _("Cannot list the tenders"), str(exc))
                rows = []
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(PAGE_LIST if rows else PAGE_EMPTY)
        fit_columns(self.table, self.model)
        if current:
            self.select(current)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._search_changed(self.search.text())

    def select(self, reference: str) -> bool:
        if self.model is None or self.proxy is None:
            return False
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

    def _keep_chosen_in_view(self, *_args) -> None:
        if self.table.currentIndex().isValid():
            self.table.scrollTo(self.table.currentIndex())

    def selected_reference(self) -> str | None:
        if self.proxy is None or not hasattr(self, "table"):
            return None
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.summary(source.row()).reference if source.isValid() and self.model else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if self.proxy is None or self.model is None:
            return  # typed while loading: applied when the list arrives
        before = self.selected_reference()
        self.proxy.set_text(text)
        if before is not None and not self.table.currentIndex().isValid():
            self.select(before)  # the list was filtered again: keep the tender chosen if it is still shown
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown or not total:
            self.no_match.setText("")
        elif text.strip():
            self.no_match.setText(ngettext(
                "No tender matches '{text}'. Clear the search to see the {total} tender.",
                "No tender matches '{text}'. Clear the search to see all {total} tenders.", total).format(
                text=text.strip()[:60], total=total))
        else:
            self.no_match.setText(ngettext(
                "No tender matches the filters. Clear the filters to see the {total} tender.",
                "No tender matches the filters. Clear the filters to see all {total} tenders.", total).format(
                total=total))
        self.no_match.setVisible(bool(self.no_match.text()))
        if text.strip() or shown != total:
            self.count_label.setText(ngettext("{shown} of {total} tender shown", "{shown} of {total} tenders shown",
                                              total).format(shown=shown, total=total))
        else:
            self.count_label.setText(ngettext("{total} tender", "{total} tenders", total).format(total=total))
        if shown and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_actions()

    def _update_actions(self) -> None:
        if self.proxy is None:
            return
        reference = self.selected_reference()
        tender = reference is not None and not (self.bids is not None and self.bids.is_bid(reference))
        for action in (self.open_action, self.delete_action):
            action.setEnabled(reference is not None)
        for action in (self.duplicate_action, self.export_action, self.history_action):
            action.setEnabled(tender)  # a bid is copied, exported and traced in its own window

    # ---- wizards

    def wizard_for(self, reference: str) -> TenderWizard | None:
        for wizard in self.wizards:
            if (wizard.autosaver.stored_reference or wizard.tender.reference) == reference:
                return wizard
        return None

    def open_wizard(self, tender: Tender) -> TenderWizard:
        from .wizard.wizard_window import TenderWizard

        wizard = TenderWizard(self.attached, tender, self.settings)
        wizard.saved.connect(self._wizard_saved)
        if self.model is not None:
            wizard.unfinished_changed.connect(self.model.set_unfinished)
        wizard.closed.connect(lambda reference, w=wizard: self._wizard_closed(w, reference))
        self.wizards.append(wizard)
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()
        return wizard

    def _wizard_saved(self, stored: Tender) -> None:
        # The tender chosen in the list stays chosen (an autosave elsewhere must not move the selection
        # under the pointer); the saved one is chosen when none was, or when it was renamed.
        chosen = self.selected_reference()
        self.refresh(select=chosen or stored.reference)
        if chosen and self.selected_reference() != chosen:
            self.select(stored.reference)

    def _double_clicked(self, _index) -> None:
        self.open_selected()

    def _current_changed(self, *_args) -> None:
        self._update_actions()

    def _wizard_closed(self, wizard: TenderWizard, reference: str) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        if self.model is not None:
            self.model.set_unfinished(reference, "")
        wizard.deleteLater()
        self.refresh(select=reference or None)

    def new_tender(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            tender = self.attached.new_tender()
        except ServiceError as exc:
            QMessageBox.warning(self, _("Cannot start a tender"), str(exc))
            return
        self.open_wizard(tender)

    def open_selected(self) -> None:
        """Open the selected tender: it is read off the UI thread, then its window shows."""
        from .worker import run_in_background

        reference = self.selected_reference()
        if reference is None or reference in self._opening:
            return
        if self.bids is not None and self.bids.is_bid(reference):
            self.bids.open_bid(reference)
            return
        existing = self.wizard_for(reference)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return
        self._opening.add(reference)
        self.statusBar().showMessage(_("Opening {reference}…").format(reference=reference))
        run_in_background(lambda: self.attached.get(reference), lambda tender: self._loaded(reference, tender),
                          lambda error: self._not_loaded(reference, error), context=self)

    def _loaded(self, reference: str, tender: Tender) -> None:
        self._opening.discard(reference)
        self.statusBar().clearMessage()
        existing = self.wizard_for(reference)
        if existing is None:
            self.open_wizard(tender)

    def _not_loaded(self, reference: str, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._opening.discard(reference)
        self.statusBar().clearMessage()
        message = str(error) if isinstance(error, ServiceError) else f"{type(error).__name__}: {error}"
        QMessageBox.warning(self, _("Cannot open the tender"), message)
        self.refresh()

    def _settle(self, reference: str) -> bool:
        """Save what an open wizard of this tender still holds; False if it could not be saved."""
        wizard = self.wizard_for(reference)
        return wizard is None or wizard.autosaver.flush()

    # ---- whole-tender operations

    def duplicate_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        reference = self.selected_reference()
        if reference is None or not self._settle(reference):
            return
        try:
            twin = self.attached.duplicate(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, _("Not duplicated"), str(exc))
            return
        self.refresh(select=twin.reference)
        self.statusBar().showMessage(_("Duplicated {reference} as {copy}.").format(
            reference=reference, copy=twin.reference), 10000)

    def delete_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        reference = self.selected_reference()
        if reference is None or self.model is None:
            return
        if self.bids is not None and self.bids.is_bid(reference):
            if self.bids.delete_bid(reference):
                self.undo_bar.offer(reference, _("Moved the bid {reference} to the bin.").format(reference=reference),
                                    bid=True)
            return
        row = self.model.summary(self.model.row_of(reference))
        title = " ".join(row.title.split())[:80] or "untitled"
        answer = QMessageBox.question(
            self, _("Move to the bin?"),
            # User text after a line break: Qt guesses rich text from the first line only, so a title such
            # as "<b>x</b>" is shown exactly as typed.
            _("Move this tender to the bin? It stays there for 30 days and can be restored.")
            + f"\n\n{reference}: {title}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        wizard = self.wizard_for(reference)
        if wizard is not None and not wizard.close():
            return
        try:
            self.attached.delete(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, _("Not deleted"), str(exc))
            return
        self.refresh()
        self.undo_bar.offer(reference, _("Moved {reference} to the bin.").format(reference=reference))

    def undo_delete(self) -> None:
        from .prompts import restore_from_bin

        reference = self.undo_bar.reference
        if not reference or not restore_from_bin(self, self.attached, reference, bid=self.undo_bar.bid):
            return
        self.undo_bar.hide()
        self.refresh(select=reference)
        self.statusBar().showMessage(_("Restored {reference}.").format(reference=reference), 8000)

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
