"""Settings: the organisation named in packs, the local postcode areas, question defaults, the data folder.

Values are checked as typed like every other field; OK stays disabled until they are all valid, so a bad
entry can never replace a good setting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..model.tender import SCORING_SCALES
from ..services.errors import ServiceError
from . import icons
from .parsing import FieldError, format_number, parse_postcode_areas, parse_whole
from .style import make_secondary
from .widgets.fields import ValidatedField, add_row
from .widgets.text_guard import TextGuard
from .window_state import data_folder

if TYPE_CHECKING:
    from ..services.contract import UiService

WORD_LIMITS = (50, 10_000)


def _organisation(text: str) -> str:
    if not text.strip():
        raise FieldError(_("Enter the organisation's name as it should appear in packs."))
    if len(text) > 500:
        raise FieldError(_("Keep the organisation's name under 500 characters."))
    return text.strip()


def _email(text: str) -> str:
    value = text.strip()
    if not value:
        return ""
    local, _at, domain = value.partition("@")
    if not local or "." not in domain or " " in value or domain.startswith(".") or len(value) > 254:
        raise FieldError(_("Enter an email address such as procurement@trust.nhs.uk, or leave it empty."))
    return value


def _short_text(limit: int, what: str):
    def parse(text: str) -> str:
        value = " ".join(text.split())
        if len(value) > limit:
            raise FieldError(_("Keep {what} under {limit} characters.").format(what=what, limit=limit))
        return value
    return parse


def _ocid_prefix(text: str) -> str:
    value = text.strip().lower()
    if value and not re.fullmatch(r"ocds-[a-z0-9]{6}", value):
        raise FieldError(_("Enter the prefix the Open Contracting Partnership gave the Trust, such as ocds-a1b2c3, "
                         "or leave it empty."))
    return value


class SettingsDialog(QDialog):
    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        settings = service.settings
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.organisation = ValidatedField(_organisation)
        self.organisation.set_value(settings.organisation)
        add_row(form, _("&Organisation:"), self.organisation, _("The organisation named on every pack."))
        self.contact_email = ValidatedField(_email, placeholder=_("for example procurement@trust.nhs.uk"))
        self.contact_email.set_value(getattr(settings, "contact_email", ""))
        add_row(form, _("&Contact email for suppliers:"), self.contact_email,
                _("Printed with the Procurement Lead's name as the contact in packs and briefs."))
        self.identifier = ValidatedField(_short_text(100, _("the identifier")),
                                         placeholder=_("for example the Trust's Find a Tender identifier"))
        self.identifier.set_value(settings.organisation_identifier)
        add_row(form, _("Organisation &identifier:"), self.identifier,
                _("Named in the pipeline notice and in open contracting data."))
        self.ocid_prefix = ValidatedField(_ocid_prefix, placeholder=_("for example ocds-a1b2c3"))
        self.ocid_prefix.set_value(settings.ocid_prefix)
        add_row(form, _("Open contracting pre&fix:"), self.ocid_prefix,
                _("The prefix of the Trust's open contracting IDs; empty until one is registered."))
        self.report_author = ValidatedField(_short_text(200, _("the author")), placeholder=_("a name or team"))
        self.report_author.set_value(settings.report_author)
        add_row(form, _("Compliance report &author:"), self.report_author,
                _("Named on the cover of the compliance report for the committee."))
        self.postcodes = ValidatedField(parse_postcode_areas, fmt=lambda areas: ", ".join(areas),
                                        placeholder=_("for example LE, NN"))
        self.postcodes.set_value(list(settings.local_postcode_areas))
        add_row(form, _("&Local postcode areas:"), self.postcodes,
                _("The postcode areas that count as local, separated by commas, for example LE, NN."))
        low, high = WORD_LIMITS
        self.word_limit = ValidatedField(
            lambda t: parse_whole(t, low, high, _("the default word limit"), "750"), fmt=format_number)
        self.word_limit.set_narrow()
        self.word_limit.set_value(settings.default_word_limit)
        add_row(form, _("Default &word limit:"), self.word_limit, _("Used for questions you write yourself."))
        self.scale = QComboBox()
        scales = service.bank.scales
        for scale_id in SCORING_SCALES:
            name = scales[scale_id].name if scale_id in scales else scale_id
            self.scale.addItem(f"{name} ({scale_id})", scale_id)
        self.scale.setCurrentIndex(max(self.scale.findData(settings.default_scoring_scale), 0))
        add_row(form, _("Default &scoring scale:"), self.scale)
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(data_folder(service) or ""))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleDescription(_("Where sv-desktop keeps its database, backups and settings; "
                                             "read-only here."))
        self.open_folder_button = QPushButton(icons.icon("folder"), _("O&pen folder"))
        self.open_folder_button.setAccessibleName(_("Open the data folder"))
        folder_layout.addWidget(self.folder, 1)
        folder_layout.addWidget(self.open_folder_button)
        folder_row.setFocusProxy(self.folder)
        add_row(form, _("&Data folder:"), folder_row)
        # Where the tenders are: the file, or the team database's address with any password masked.
        self.database = QLineEdit(service.database_location)
        self.database.setReadOnly(True)
        self.database.setAccessibleDescription(_("Where sv-desktop keeps the tenders; read-only here. A password "
                                               "in a team database's address is never shown."))
        add_row(form, _("Data&base:"), self.database)
        layout.addLayout(form)
        self.status = make_secondary(QLabel())
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.text_guard = TextGuard(self)  # a pasted NUL is taken out and the manager told
        self.text_guard.notice.connect(self.status.setText)
        self.text_guard.watch(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(_("Save the settings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        for field in self.fields():
            field.edited.connect(self._update_ok)

    def fields(self) -> list[ValidatedField]:
        return [self.organisation, self.contact_email, self.identifier, self.ocid_prefix, self.report_author,
                self.postcodes, self.word_limit]

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(all(f.is_valid() for f in self.fields()))

    def open_data_folder(self) -> None:
        folder = data_folder(self.service)
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def apply(self) -> bool:
        """Write the valid values to the settings and save them; False (with a message) if that fails."""
        settings = self.service.settings
        settings.organisation = self.organisation.value()
        settings.contact_email = self.contact_email.value()
        settings.organisation_identifier = self.identifier.value()
        settings.ocid_prefix = self.ocid_prefix.value()
        settings.report_author = self.report_author.value()
        settings.local_postcode_areas = list(self.postcodes.value())
        settings.default_word_limit = self.word_limit.value()
        settings.default_scoring_scale = self.scale.currentData()
        try:
            self.service.save_settings()
        except ServiceError as exc:
            QMessageBox.warning(self, _("Settings not saved"), str(exc))
            return False
        return True

    def accept(self) -> None:
        if all(f.is_valid() for f in self.fields()) and self.apply():
            super().accept()
