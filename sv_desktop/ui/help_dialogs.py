"""Help for the main window (F1) and About: what the program does, the seven steps, the keys, the data."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__
from ..i18n import _
from .widgets.scrolling import resize_within_screen
from .window_state import data_folder

if TYPE_CHECKING:
    from ..services.contract import UiService

def shortcuts() -> tuple[tuple[str, str], ...]:
    """The keys and what they do (key names as printed on English keyboards, as Qt names them)."""
    return (
        ("Ctrl+N", _("New tender")),
        (_("Enter"), _("Open the selected tender")),
        ("Ctrl+D", _("Duplicate the selected tender")),
        (_("Delete"), _("Move the selected tender or bid to the bin for 30 days (Undo in the status bar)")),
        ("Ctrl+F", _("Search the tender list")),
        ("Ctrl+I", _("Import a tender file")),
        ("F1", _("Help; in a tender, help for the step on screen")),
        ("Alt+Left / Alt+Right", _("In a tender: previous / next step")),
        ("Ctrl+1 … Ctrl+7", _("In a tender: go to step 1 to 7")),
        ("Ctrl+E", _("In a tender: export the PDF pack")),
        ("Ctrl+P", _("In a tender: print")),
        (_("Ctrl+W or Esc"), _("In a tender: close it (everything is already saved)")),
    )


def help_html(service: UiService) -> str:
    organisation = service.content.organisation
    steps = "".join(f"<li><b>{escape(info.title)}</b>: {escape(info.why)}</li>"
                    for info in service.content.steps.values())
    keys = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in shortcuts())
    folder = data_folder(service)
    where = _("<p>Your tenders, backups and settings are kept in <b>{folder}</b>.</p>").format(
        folder=escape(str(folder))) if folder else ""
    return _(
        "<h2>Social value in tenders</h2>"
        "<p>sv-desktop walks you through building social value into a tender, following "
        "{organisation}'s {policy} ({reference} {version}). "
        "Everything you type is saved as you go; there is no Save button.</p>"
        "<h3>The seven steps</h3><ol>{steps}</ol>"
        "<p>The panel on the right of a tender lists the policy findings as you type. A <b>blocker</b> "
        "means the pack can still be produced but is marked DRAFT – NOT POLICY-COMPLIANT until it is "
        "fixed; the step that fixes it shows <b>Needs attention</b> in the list of steps.</p>"
        "<h3>Keys</h3><table cellpadding='3'>{keys}</table>"
        "<h3>Your data</h3>{where}"
        "<p>Deleted tenders stay in the Bin for 30 days. Tools &gt; Back up now makes a copy of the database "
        "at any time; backups are also made automatically.</p>"
    ).format(organisation=escape(organisation.name), policy=escape(organisation.policy_title),
             reference=escape(organisation.policy_reference), version=escape(organisation.policy_version),
             steps=steps, keys=keys, where=where)


class HelpDialog(QDialog):
    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("sv-desktop help"))
        resize_within_screen(self, 720, 600)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("Help"))
        self.browser.setHtml(help_html(service))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close help"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget, service: UiService) -> None:
    organisation = service.content.organisation
    QMessageBox.about(
        parent, _("About sv-desktop"),
        _("<h3>sv-desktop {version}</h3><p>Build social value into NHS tenders, step by step.</p>"
          "<p>Follows {policy_title}, policy {policy_reference} {policy_version} (approved {approved}, "
          "review due {review_date:%d %B %Y}).</p><p>Free software under the MIT licence. Fonts: Liberation "
          "Sans and DejaVu Sans, under their own licences (in the resources folder).</p>").format(
            version=escape(__version__), policy_title=escape(organisation.policy_title),
            policy_reference=escape(organisation.policy_reference), policy_version=escape(organisation.policy_version),
            approved=escape(organisation.approved), review_date=organisation.review_date))
