"""Step 1, Tender details: what is bought, for how much and when, and who leads it.

The derived figures the rules use (whole-life value including VAT, average annual value, contract end)
are shown as the manager types, so a threshold such as "over £5m" is never a surprise later.
Medicines are refused here, with the policy's reason, before any other step can be reached.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.content import unknown_label
from ...model.tender import (
    CATEGORIES,
    CPV_PATTERN,
    OUT_OF_SCOPE_CATEGORIES,
    ROLES,
    ROUTES,
    STAGES,
    VAT_TREATMENTS,
    Tender,
)
from .. import icons
from ..labels import stage_labels
from ..parsing import (
    MAX_TITLE,
    FieldError,
    check_reference,
    check_title,
    format_date,
    format_money,
    format_number,
    parse_money,
    parse_percent,
    parse_whole,
)
from ..style import error_color, make_secondary
from ..widgets.fields import DateField, ValidatedField, add_row, text_area
from ..widgets.reflow import mark_reflow
from .base_page import WizardPage
from .page_ids import PageId

TEXT_LIMIT = 100_000


def vat_treatment_labels() -> dict[str, str]:
    return {"standard": _("Standard-rated"), "zero_rated": _("Zero-rated (VAT at 0%)"),
            "exempt": _("Exempt from VAT (for example health care)")}


MAX_MONTHS = 600


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for item_id, text in items:
        combo.addItem(text, item_id)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


def select(combo: QComboBox, item_id: str | None) -> None:
    """Show `item_id`; a value this version does not know (written into the database by something else) is
    shown as an extra "Unknown (...)" entry and kept, never replaced by the first entry without a word."""
    index = combo.findData(item_id)
    if index < 0 and item_id:
        combo.addItem(unknown_label(item_id), item_id)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def _cpv_code(text: str) -> str:
    """A CPV code as written in notices (60130000-8), or empty."""
    value = text.strip()
    if value and not CPV_PATTERN.match(value):
        raise FieldError(_("Write the CPV code as 8 digits, a hyphen and the check digit, for example 60130000-8, "
                         "or leave it empty."))
    return value


class DetailsPage(WizardPage):
    page_id = PageId.DETAILS

    def build(self, layout: QVBoxLayout) -> None:
        self.stored_reference: str | None = None
        columns = mark_reflow(QHBoxLayout())  # the two columns stack on a narrow or scaled screen
        columns.setSpacing(16)
        layout.addLayout(columns)

        tender_box = QGroupBox(_("The tender"))
        form = QFormLayout(tender_box)
        self._tune(form)
        self.reference = ValidatedField(check_reference, placeholder=_("for example LPT-2027-014"))
        self.reference.edit.setMaxLength(100)
        self.reference.add_check(self._reference_free)
        add_row(form, _("&Reference:"), self.reference, _("The Trust's tender reference; it must be unique."))
        self.title_field = ValidatedField(check_title, placeholder=_("for example Non-emergency patient "
                                                                     "transport"))
        self.title_field.edit.setMaxLength(MAX_TITLE)  # what a tender file carries
        add_row(form, _("&Title:"), self.title_field)
        self.category = _combo([(c, self.content.category_label(c)) for c in CATEGORIES])
        self.category_note = QLabel()
        self.category_note.setWordWrap(True)
        self.category_note.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal = self._refusal_box()
        category_box = self._stack(self.category, self.category_note, self.refusal)
        category_box.setFocusProxy(self.category)
        add_row(form, _("&Category:"), category_box, _("The category decides which toolkit guide applies."))
        self.route = _combo([(r, self.content.route_label(r)) for r in ROUTES])
        self.route_note = make_secondary(QLabel())
        route_box = self._stack(self.route, self.route_note)
        route_box.setFocusProxy(self.route)
        add_row(form, _("Procurement r&oute:"), route_box)
        self.stage = _combo([(s, stage_labels()[s]) for s in STAGES])
        add_row(form, _("Sta&ge:"), self.stage)
        self.value = ValidatedField(parse_money, fmt=format_number, placeholder=_("for example 250000 or 1.2m"))
        self.value.set_narrow(180)
        self.value.show_understood(lambda v: f"= {format_money(v, pence=True)}")
        add_row(form, _("Value e&xcl. VAT (£):"), self.value,
                _("Whole-life estimated value in pounds, excluding VAT, including any extensions."))
        self.vat = ValidatedField(lambda t: parse_percent(t, _("the VAT rate"), "20"), fmt=format_number)
        self.vat.set_narrow()
        add_row(form, _("VAT r&ate (%):"), self.vat, _("20% for most contracts; 0% is allowed."))
        self.vat_treatment = _combo([(v, vat_treatment_labels()[v]) for v in VAT_TREATMENTS])
        add_row(form, _("VAT (standard, &zero, exempt):"), self.vat_treatment,
                _("Health care services are exempt from VAT, which is not the same as zero-rated; the pack says "
                "which applies."))
        self.duration = ValidatedField(
            lambda t: parse_whole(t, 1, MAX_MONTHS, _("the duration in months"), "60"), fmt=format_number)
        self.duration.set_narrow()
        add_row(form, _("&Duration (months):"), self.duration, _("The whole term including any extensions."))
        self.notice_date = DateField(_("Tender notice date"))
        add_row(form, _("Tender notice dat&e:"), self.notice_date,
                _("The planned tender notice date: the rules use this date, not today's."))
        self.start_date = DateField(_("Contract start date"))
        self.start_date.add_check(self._start_after_notice)
        add_row(form, _("Contract &start date:"), self.start_date)
        self.clarification = DateField(_("Clarification questions deadline"))
        self.clarification.add_check(self._clarification_after_notice)
        add_row(form, _("Clarification &questions by:"), self.clarification,
                _("The last day bidders may ask clarification questions; the pack publishes it."))
        self.award_estimate = DateField(_("Estimated award date"))
        self.award_estimate.add_check(self._award_after_notice)
        add_row(form, _("Estimated a&ward date:"), self.award_estimate,
                _("When the contract is expected to be awarded: the pipeline notice publishes it."))
        columns.addWidget(tender_box, 1)

        right = QVBoxLayout()
        self.derived = QGroupBox(_("Worked out for you"))
        grid = QGridLayout(self.derived)
        self.whole_life = QLabel()
        self.annual = QLabel()
        self.end_date = QLabel()
        # Read-only figures, not fields: captions without the colon of a field label, and each figure
        # named with its caption so a screen reader reads the pair.
        self._captions = {self.whole_life: _("Whole-life value incl. VAT"),
                          self.annual: _("Average annual value excl. VAT"), self.end_date: _("Contract end date")}
        for row, (label, caption) in enumerate(self._captions.items()):
            grid.addWidget(QLabel(caption), row, 0)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        right.addWidget(self.derived)

        leads_box = QGroupBox(_("Named leads (policy section 5)"))
        leads_form = QFormLayout(leads_box)
        self._tune(leads_form)
        mnemonics = {"procurement_lead": _("&Procurement Lead:"), "bid_lead": _("Bid &Lead:"),
                     "technical_lead": _("Tec&hnical Lead(s):"), "social_value_lead": _("Social Val&ue Lead:"),
                     "contract_management_lead": _("Contract &Management Lead:"),
                     "finance_lead": _("&Finance Lead:")}
        self.leads: dict[str, QLineEdit] = {}
        for role in ROLES:
            edit = QLineEdit()
            edit.setMaxLength(TEXT_LIMIT)
            edit.setPlaceholderText(_("Name"))
            info = self.content.roles[role]
            add_row(leads_form, mnemonics[role], edit, _("{label} (policy section {section}).").format(
                label=info.label, section=info.section))
            edit.textEdited.connect(self.edited)
            self.leads[role] = edit
        right.addWidget(leads_box)
        self.description = text_area(_("Description"), _("A short description of what is being bought."), 90)
        description_box = QGroupBox(_("What is being bought"))
        description_layout = QFormLayout(description_box)
        self._tune(description_layout)
        add_row(description_layout, _("Descr&iption:"), self.description)
        self.cpv_code = ValidatedField(_cpv_code, placeholder=_("for example 60130000-8"))
        self.cpv_code.set_narrow()
        add_row(description_layout, _("Vocabular&y code (CPV):"), self.cpv_code,
                _("The Common Procurement Vocabulary code of what is being bought, for notices."))
        right.addWidget(description_box)
        right.addStretch(1)
        columns.addLayout(right, 1)

        for field in (self.reference, self.title_field, self.value, self.vat, self.duration,
                      self.notice_date, self.start_date, self.clarification, self.award_estimate, self.cpv_code):
            field.edited.connect(self.edited)
        self.vat_treatment.currentIndexChanged.connect(self._vat_treatment_changed)
        self.notice_date.edited.connect(self._recheck_start)
        self.notice_date.edited.connect(self.clarification.revalidate)
        self.notice_date.edited.connect(self.award_estimate.revalidate)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.route.currentIndexChanged.connect(self._route_changed)
        self.stage.currentIndexChanged.connect(self.edited)
        self.description.textChanged.connect(self.edited)

    @staticmethod
    def _tune(form: QFormLayout) -> None:
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def _refusal_box(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 4)
        icon = QLabel()
        icon.setPixmap(icons.pixmap("sev-blocker", 20))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.refusal_text = QLabel()
        self.refusal_text.setWordWrap(True)
        self.refusal_text.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal_text.setStyleSheet(f"color: {error_color().name()}; font-weight: bold;")
        layout.addWidget(icon)
        layout.addWidget(self.refusal_text, 1)
        box.hide()
        return box

    # ---- checks that need more than the field itself

    def _reference_free(self, reference: str) -> str | None:
        previous = self.stored_reference
        if self.service.reference_taken(reference, except_reference=previous):
            return _("Another tender already uses {reference}: choose a different reference.").format(
                reference=reference[:40])
        return None

    def _recheck_start(self) -> None:
        self.start_date.revalidate()

    def _clarification_after_notice(self, day) -> str | None:
        notice = self.notice_date.value() if self.notice_date.is_valid() else None
        if day is not None and notice is not None and day <= notice:
            return _("Clarification questions can only be asked after the tender notice ({date}): "
                     "check both dates.").format(date=format_date(notice))
        return None

    def _award_after_notice(self, day) -> str | None:
        notice = self.notice_date.value() if self.notice_date.is_valid() else None
        if day is not None and notice is not None and day <= notice:
            return _("The award is expected after the tender notice ({date}): check both dates.").format(
                date=format_date(notice))
        return None

    def _start_after_notice(self, start) -> str | None:
        notice = self.notice_date.value() if self.notice_date.is_valid() else None
        if start is not None and notice is not None and start <= notice:
            return _("The contract must start after the tender notice date ({date}): check both dates.").format(
                date=format_date(notice))
        return None

    # ---- load / apply

    def fill(self, tender: Tender) -> None:
        if self.stored_reference is None and tender.version:
            self.stored_reference = tender.reference
        self.reference.set_value(tender.reference)
        self.title_field.set_value(tender.title)
        select(self.category, tender.category)
        select(self.route, tender.route)
        select(self.stage, tender.stage)
        self.value.set_value(tender.value_excl_vat_gbp)
        self.vat.set_value(tender.vat_rate_pct)
        self.duration.set_value(tender.duration_months)
        self.notice_date.set_value(tender.tender_notice_date)
        self.start_date.set_value(tender.contract_start_date)
        select(self.vat_treatment, tender.vat_treatment)
        self.vat.setEnabled(tender.vat_treatment == "standard")
        self.clarification.set_value(tender.clarification_deadline)
        self.award_estimate.set_value(tender.estimated_award_date)
        self.cpv_code.set_value(tender.cpv_code)
        for role, edit in self.leads.items():
            edit.setText(tender.leads.get(role, ""))
            edit.setCursorPosition(0)
        if self.description.toPlainText() != tender.description:
            self.description.setPlainText(tender.description)
        self._show_category(tender.category)
        self._show_route(tender.route)
        self._show_derived(tender)

    def apply(self, tender: Tender) -> None:
        tender.reference = self.reference.value()
        tender.title = self.title_field.value()
        tender.category = self.category.currentData()
        tender.route = self.route.currentData()
        tender.stage = self.stage.currentData()
        tender.value_excl_vat_gbp = self.value.value()
        tender.vat_rate_pct = self.vat.value()
        tender.duration_months = self.duration.value()
        tender.tender_notice_date = self.notice_date.value()
        tender.contract_start_date = self.start_date.value()
        tender.vat_treatment = self.vat_treatment.currentData()
        tender.clarification_deadline = self.clarification.value()
        tender.estimated_award_date = self.award_estimate.value()
        tender.cpv_code = self.cpv_code.value()
        tender.leads = {role: edit.text() for role, edit in self.leads.items() if edit.text().strip()}
        tender.description = self.description.toPlainText()
        self._show_derived(tender)

    def is_complete(self) -> bool:
        category = self.category.currentData()
        return category in CATEGORIES and category not in OUT_OF_SCOPE_CATEGORIES

    # ---- live display

    def _category_changed(self) -> None:
        self._show_category(self.category.currentData())
        self.edited()
        self.complete_changed.emit()

    def _vat_treatment_changed(self) -> None:
        self.vat.setEnabled(self.vat_treatment.currentData() == "standard")
        self.edited()

    def _route_changed(self) -> None:
        self._show_route(self.route.currentData())
        self.edited()

    def _show_category(self, category: str) -> None:
        guide = self.content.categories.get(category)
        if guide is None:
            self.category_note.setText(_("{category}: this version of sv-desktop does not know this "
                                         "category. Choose one of the list to carry on.").format(
                category=unknown_label(category)))
            self.category_note.setVisible(True)
            self.refusal.setVisible(False)
            return
        self.category_note.setText(guide.description)
        self.category_note.setVisible(guide.in_scope)
        self.refusal_text.setText(
            _("{label} cannot use this toolkit (policy P238 section 3.2): {refusal_reason} Choose another "
              "category to carry on.").format(label=guide.label, refusal_reason=guide.refusal_reason))
        self.refusal.setVisible(not guide.in_scope)
        self.category.setAccessibleDescription("" if guide.in_scope else self.refusal_text.text())

    def _show_route(self, route: str) -> None:
        known = self.content.routes.get(route)
        self.route_note.setText(known.description if known else
                                _("{route}: this version of sv-desktop does not know this route.").format(
                                    route=unknown_label(route)))

    def _show_derived(self, tender: Tender) -> None:
        self.whole_life.setText(format_money(tender.whole_life_value_incl_vat, pence=True))
        self.annual.setText(format_money(tender.annual_value_excl_vat, pence=True))
        end = tender.contract_end_date
        self.end_date.setText(format_date(end) if end else _("Enter a contract start date"))
        for label, caption in self._captions.items():
            label.setAccessibleName(f"{caption}: {label.text()}")
        self.derived.setAccessibleDescription(
            _("Whole-life value incl. VAT {whole_life}; average annual value excl. VAT {annual}; contract "
              "end date {end}.").format(
                whole_life=self.whole_life.text(), annual=self.annual.text(), end=self.end_date.text()))
