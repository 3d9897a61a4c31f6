"""The tender wizard window: the step sidebar, one page per step, live findings, F1 help, autosave.

A page stack in a QMainWindow rather than QWizard, because the manager must be able to jump to any step
(QWizard only walks forwards and back) and the findings and help panels need docks. It still behaves as
a wizard: Back and Next, and it reopens on the step where it was left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.tender import OUT_OF_SCOPE_CATEGORIES, Tender
from ...services.errors import ServiceError
from .. import icons
from ..style import frame_style
from ..widgets.text_guard import TextGuard
from ..window_state import restore_geometry, save_geometry, ui_settings
from .autosave import Autosaver
from .base_page import WizardPage
from .details_page import DetailsPage
from .exporting import Exporter
from .findings_panel import FindingsPanel
from .help_panel import HelpPanel
from .local_page import LocalPage
from .page_ids import PageId
from .requirements_page import RequirementsPage
from .review_page import ReviewPage
from .sidebar import StepSidebar
from .spec_page import SpecPage
from .step_state import step_states
from .themes_page import ThemesPage
from .unfinished import unfinished_entries, unfinished_summary
from .view_menu import FindingsView
from .weighting_page import WeightingPage

if TYPE_CHECKING:
    from ...model.rules import Finding
    from ...services.contract import UiService

CHECK_DELAY_MS = 300
EARLY_STAGES = ("pipeline", "pre_market")
"""Before the ITT nothing has failed yet: the findings are what is still to do."""
GEOMETRY_KEY = "wizard"


class TenderWizard(QMainWindow):
    PAGES: tuple[type[WizardPage], ...] = (
        DetailsPage, SpecPage, LocalPage, ThemesPage, WeightingPage, RequirementsPage, ReviewPage)

    closed = Signal(str)
    """The reference the tender is stored under, when the window closes."""
    saved = Signal(object)
    """A tender was autosaved (the main window refreshes its list)."""
    unfinished_changed = Signal(str, str)
    """(stored reference, summary): the window holds unfinished entries (summary empty when none)."""

    def __init__(self, service: UiService, tender: Tender, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tender = tender
        self.findings: list[Finding] = []
        self.settings = settings or ui_settings(service)
        self.autosaver = Autosaver(service, lambda: self.tender, parent=self)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.run_check)
        self.setWindowIcon(icons.icon("app"))

        titles = {step: info.title for step, info in service.content.steps.items()}
        self.sidebar = StepSidebar(titles)
        frame_style(self.sidebar)
        self.stack = QStackedWidget()
        self.pages: list[WizardPage] = []
        for index, page_class in enumerate(self.PAGES):
            page = page_class(service)
            assert page.page_id == index, f"{page_class.__name__} is out of order in PAGES"
            page.changed.connect(self._page_changed)
            page.complete_changed.connect(self._update_navigation)
            self.stack.addWidget(page)
            self.pages.append(page)
        self.exporter = Exporter(service, lambda: self.tender, lambda: self.findings, self.settings, self)
        self.exporter.unfinished = lambda: [e.sentence() for e in unfinished_entries(self.pages)]
        self.exporter.done.connect(self._show_message)
        self.review_page.attach(self.exporter)

        self._build_central()
        self._build_docks()
        self._build_status()
        self._build_actions()

        self.sidebar.step_chosen.connect(self._jump)
        self.findings_panel.step_requested.connect(self.go_to_step)
        self.review_page.findings.step_requested.connect(self.go_to_step)
        self.autosaver.status_changed.connect(self._show_save_state)
        self.autosaver.saved.connect(self._stored)

        self.details_page.stored_reference = self.autosaver.stored_reference
        for page in self.pages:
            page.load(tender)
        self.text_guard = TextGuard(self)  # a pasted NUL must never stop the tender from saving
        self.text_guard.notice.connect(self._show_message)
        self.text_guard.watch(self)
        self.run_check()
        start = PageId.for_step(tender.current_step)
        if tender.category in OUT_OF_SCOPE_CATEGORIES:
            start = PageId.DETAILS
        self.go_to(start, remember=False)
        self._update_title()
        self._show_save_state("saved" if tender.version else "new", _("All changes are saved") if tender.version
                              else _("Not saved yet: the tender is saved as soon as you change something"))
        restore_geometry(self, self.settings, GEOMETRY_KEY, (1366, 768))

    # ---- construction

    def _build_central(self) -> None:
        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.sidebar)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 8, 8)
        right.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 4, 8, 0)
        self.help_button = QPushButton(icons.icon("help"), _("Help (F1)"))
        self.help_button.setAccessibleName(_("Help for this step"))
        self.back_button = QPushButton(icons.icon("back"), _("&Back"))
        self.back_button.setAccessibleName(_("Back to the previous step"))
        self.back_button.setToolTip(_("Previous step (Alt+B or Alt+Left)"))
        self.next_button = QPushButton(icons.icon("next"), _("&Next"))
        self.next_button.setAccessibleName(_("Next step"))
        self.next_button.setToolTip(_("Next step (Alt+N or Alt+Right)"))
        self.close_button = QPushButton(icons.icon("close"), _("Close"))
        self.close_button.setAccessibleName(_("Close the tender; everything is saved"))
        self.close_button.setToolTip(_("Close (Ctrl+W); your changes are already saved"))
        buttons.addWidget(self.help_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            button.setMinimumWidth(96)
            buttons.addWidget(button)
        right.addLayout(buttons)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)
        self.help_button.clicked.connect(self.show_help)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close)

    def _build_docks(self) -> None:
        self.findings_panel = FindingsPanel()
        self.findings_dock = QDockWidget(_("Findings"), self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setWidget(self.findings_panel)
        self.findings_dock.setMinimumWidth(200)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.help_panel = HelpPanel()
        self.help_dock = QDockWidget(_("Help"), self)
        self.help_dock.setObjectName("help")
        self.help_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                   | QDockWidget.DockWidgetFeature.DockWidgetMovable)  # never over the page
        self.help_dock.setWidget(self.help_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.help_dock)
        self.help_dock.hide()
        self.resizeDocks([self.findings_dock], [280], Qt.Orientation.Horizontal)
        self.findings_view = FindingsView(self, self.findings_dock, self.findings_panel.list, self.settings)

    def _build_status(self) -> None:
        self.save_icon = QLabel()
        self.save_label = QLabel()
        self.save_label.setTextFormat(Qt.TextFormat.PlainText)  # errors can quote a typed reference
        self.save_label.setAccessibleName(_("Save status"))
        self.reload_button = QPushButton(icons.icon("reload"), _("Reload"))
        self.reload_button.setAccessibleName(_("Reload the tender as saved by someone else"))
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        status = QWidget()
        layout = QHBoxLayout(status)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.save_icon)
        layout.addWidget(self.save_label)
        layout.addWidget(self.reload_button)
        self.statusBar().addPermanentWidget(status)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.export_action = self._action(_("Export PDF pack"), QKeySequence("Ctrl+E"), self.exporter.export_pdf)
        self.print_action = self._action(_("Print"), QKeySequence.StandardKey.Print, self.exporter.print_slot)
        self.help_action = self._action(_("Help"), QKeySequence.StandardKey.HelpContents, self.show_help)
        self.back_action = self._action(_("Back"), QKeySequence("Alt+Left"), self.back)
        self.next_action = self._action(_("Next"), QKeySequence("Alt+Right"), self.next)
        self.close_action = self._action(_("Close"), [QKeySequence.StandardKey.Close, QKeySequence("Esc")],
                                         self.close)
        for page_id in PageId:
            self._action(_("Go to step {number}").format(
                number=page_id + 1), QKeySequence(f"Ctrl+{page_id + 1}"),
                          lambda _checked=False, p=page_id: self._jump(p))

    # ---- pages

    def page(self, page_id: PageId) -> WizardPage:
        return self.pages[page_id]

    @property
    def details_page(self) -> DetailsPage:
        page = self.pages[PageId.DETAILS]
        assert isinstance(page, DetailsPage)
        return page

    @property
    def review_page(self) -> ReviewPage:
        page = self.pages[PageId.REVIEW]
        assert isinstance(page, ReviewPage)
        return page

    def current_page_id(self) -> PageId:
        return PageId(self.stack.currentIndex())

    def current_page(self) -> WizardPage:
        return self.pages[self.stack.currentIndex()]

    def _reachable(self) -> int:
        return len(self.pages) - 1 if self.page(PageId.DETAILS).is_complete() else int(PageId.DETAILS)

    def go_to(self, page_id: PageId, remember: bool = True) -> bool:
        """Show a page; False when the way there is closed (medicines)."""
        page_id = PageId(page_id)
        if page_id > self._reachable():
            self.sidebar.set_current(self.stack.currentIndex())
            self.statusBar().showMessage(
                _("Choose a category in scope of the policy on the first step before going on."), 8000)
            return False
        page = self.page(page_id)
        page.enter(self.tender)
        page.show_findings(self.findings)
        self.stack.setCurrentWidget(page)
        self.sidebar.set_current(page_id)
        # The review page lists every finding itself; the panel would only repeat it.
        self.findings_view.allowed(page_id != PageId.REVIEW)
        self._show_help_for(page)
        if remember and self.tender.current_step != page.step_id:
            self.tender.current_step = page.step_id
            self.autosaver.remember_step()  # not a change: "Last changed" stays
        self._update_navigation()
        return True

    def _jump(self, row: int) -> None:
        self.go_to(PageId(row))

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def go_to_step(self, step: str) -> None:
        self.go_to(PageId.for_step(step))

    def back(self) -> None:
        current = self.current_page_id()
        if current > 0:
            self.go_to(PageId(current - 1))

    def next(self) -> None:
        current = self.current_page_id()
        if current < len(self.pages) - 1 and self.current_page().is_complete():
            self.go_to(PageId(current + 1))

    def _update_navigation(self) -> None:
        current = self.current_page_id()
        last = len(self.pages) - 1
        self.back_button.setEnabled(current > 0)
        self.next_button.setEnabled(current < last and self.current_page().is_complete())
        self.sidebar.set_reachable(self._reachable())

    # ---- edits, checks, saving

    def _page_changed(self) -> None:
        self.autosaver.schedule()
        self.check_timer.start()
        self._update_title()
        self.unfinished_changed.emit(self.autosaver.stored_reference or "",
                                     unfinished_summary(unfinished_entries(self.pages)))

    def run_check(self) -> None:
        self.check_timer.stop()
        try:
            self.findings = list(self.service.check(self.tender))
        except (ServiceError, ValueError, KeyError) as exc:
            self.findings = []
            self.findings_panel.summary.setText(_("The policy check could not run: {error}").format(
                error=exc))
            return
        titles = {step: info.title for step, info in self.service.content.steps.items()}
        self.findings_panel.set_findings(self.findings, titles, new=self.tender.stage in EARLY_STAGES)
        self.current_page().show_findings(self.findings)
        self.sidebar.set_states(step_states(self.tender, self.findings,
                                            {e.step for e in unfinished_entries(self.pages)}))

    def _show_save_state(self, state: str, text: str) -> None:
        icon = {"saving": "saving", "saved": "saved", "new": "info"}.get(state, "save-error")
        self.save_state = state
        self.save_icon.setPixmap(icons.pixmap(icon, 16))
        self.save_label.setText(text)
        self.save_label.setAccessibleName(_("Save status: {status}").format(status=text))
        self.reload_button.setVisible(state == "conflict")

    def _stored(self, stored: Tender) -> None:
        self.details_page.stored_reference = stored.reference
        self._update_title()
        self.saved.emit(stored)

    def reload(self) -> None:
        reference = self.autosaver.stored_reference or self.tender.reference
        try:
            fresh = self.service.get(reference)
        except ServiceError as exc:
            QMessageBox.warning(self, _("Cannot reload"), _("The saved tender could not be read: {error}").format(
                error=exc))
            return
        current = self.current_page_id()
        self.tender = fresh
        self.autosaver.reset(fresh)
        self.details_page.stored_reference = fresh.reference
        for page in self.pages:
            page.load(fresh)
        self.run_check()
        self.go_to(current, remember=False)
        self._update_title()

    def _update_title(self) -> None:
        title = " ".join(self.tender.title.split())
        if len(title) > 70:
            title = title[:69] + "…"
        self.setWindowTitle(_("{reference} – {title} – sv-desktop").format(
            reference=self.tender.reference, title=title or _("Untitled tender")))

    # ---- help

    def _show_help_for(self, page: WizardPage) -> None:
        info = self.service.content.steps[page.step_id]
        self.help_panel.show_step(info.title, page.help_paragraphs, tuple(info.policy_sections))

    def show_help(self) -> None:
        self._show_help_for(self.current_page())
        self.help_dock.show()
        self.help_dock.raise_()
        self.help_panel.setFocus()

    # ---- closing

    def unsaved_problems(self) -> list[str]:
        return [problem for page in self.pages for problem in page.problems()]

    def closeEvent(self, event: QCloseEvent) -> None:
        saved = self.autosaver.flush()
        problems = self.unsaved_problems()
        if problems:
            listed = "\n".join(f"• {p}" for p in problems[:8])
            answer = QMessageBox.question(
                self, _("Some entries are not saved"),
                _("These entries need correcting before they can be saved:\n\n{listed}\n\n"
                  "Close anyway? Everything else is saved.").format(listed=listed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if not saved:
            answer = QMessageBox.question(
                self, _("Latest changes not saved"),
                _("The latest changes could not be saved.\n{error}\n\nClose anyway and lose them?").format(
                    error=self.autosaver.last_error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        save_geometry(self, self.settings, GEOMETRY_KEY)
        self.check_timer.stop()
        self.closed.emit(self.autosaver.stored_reference or "")
        event.accept()
