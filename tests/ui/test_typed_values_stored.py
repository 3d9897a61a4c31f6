"""Typing key by key into every validated field of the wizard never stores a prefix of an unfinished entry.

A hypothesis search over typed text: after the manager types a text into a field (one key at a time, with
autosave running), the tender read back from the real SQLite file holds either what the whole text says
(when it says something the field accepts) or the value it held before that edit began. `2.5 million`
passes through `2.5` on the way; the prefix must never be what is stored.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sv_desktop.ui.parsing import FieldError
from sv_desktop.ui.widgets.fields import ValidatedField
from sv_desktop.ui.wizard.page_ids import PageId

from .test_focus_chain import demo_tender

TYPED = st.one_of(
    st.sampled_from(["2.5 million", "1,2OO,000", "1.2m", "250k", "1,200,000.00", "1,20,000", "1.2.3", "12 5",
                     "31/02/2027", "01/06/2027", "15/09/2027", "2027-10-01", "1 Mar 2028", "101", "99.5", "7",
                     "20 %", "750", "1,000", "3 lots", "LPT-2027-9", "60130000-8", "6013000-8"]),
    st.text(alphabet="0123456789,./- %kmbnilo", min_size=1, max_size=12),
)


def wizard_fields(wizard) -> dict[str, tuple[ValidatedField, object]]:
    """Every validated field of the wizard, with how to read its value from a stored tender."""
    details, local = wizard.page(PageId.DETAILS), wizard.page(PageId.LOCAL)
    requirements, weighting = wizard.page(PageId.REQUIREMENTS), wizard.page(PageId.WEIGHTING)
    fields = {
        "reference": (details.reference, lambda t: t.reference),
        "title": (details.title_field, lambda t: t.title),
        "value": (details.value, lambda t: t.value_excl_vat_gbp),
        "vat": (details.vat, lambda t: t.vat_rate_pct),
        "duration": (details.duration, lambda t: t.duration_months),
        "notice": (details.notice_date, lambda t: t.tender_notice_date),
        "start": (details.start_date, lambda t: t.contract_start_date),
        "clarification": (details.clarification, lambda t: t.clarification_deadline),
        "award_estimate": (details.award_estimate, lambda t: t.estimated_award_date),
        "cpv": (details.cpv_code, lambda t: t.cpv_code),
        "lots": (local.lot_count, lambda t: t.lots.lot_count),
        "head": (local.head_pct, lambda t: t.lots.head_contract_local_pct),
        "msra": (requirements.ms_date, lambda t: t.modern_slavery_risk_assessment.completed_on),
        "weighting": (weighting.weighting, lambda t: t.social_value_weighting_pct),
        "word_limit": (weighting.questions.word_limit, lambda t: t.questions[0].word_limit),
        "question_weight": (weighting.questions.weight, lambda t: t.questions[0].weighting_pct),
        "min_score": (weighting.questions.min_score, lambda t: t.questions[0].min_score),
    }
    chosen = {c.theme for c in wizard.tender.themes}
    for theme, field in weighting.split_fields.items():
        if theme not in chosen:
            continue  # a theme's split is only offered (and stored) once the theme is chosen
        fields[f"split:{theme}"] = (field, lambda t, theme=theme: next(
            (c.weighting_pct for c in t.themes if c.theme == theme), None))
    return fields


def test_no_prefix_of_an_unfinished_entry_is_ever_stored(qtbot, real_service, open_wizard):
    tender = demo_tender(real_service)
    tender.lots.divided = True
    tender.lots.lot_count = 2
    tender = real_service.save(tender)
    wizard = open_wizard(real_service, tender)
    wizard.page(PageId.WEIGHTING).questions.refresh(select=0)
    fields = wizard_fields(wizard)
    unchosen = {f for t, f in wizard.page(PageId.WEIGHTING).split_fields.items()
                if t not in {c.theme for c in tender.themes}}
    every = {f for page in wizard.pages for f in page.fields()} - unchosen
    missing = [f.edit.accessibleName() for f in every if f not in {field for field, _ in fields.values()}]
    assert not missing, f"validated fields this test does not type into: {missing}"
    seen = {"stored whole": 0, "kept": 0}

    def stored(read):
        wizard.autosaver.flush()
        return read(real_service.get(wizard.autosaver.stored_reference))

    @settings(max_examples=14, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(text=TYPED)
    def type_into(name, text):
        field, read = fields[name]
        before = stored(read)
        field.set_value(before)  # a fresh edit starts from the stored value, as when the manager comes back
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, text)
        try:
            expected = field.read(text)
            seen["stored whole"] += 1
        except FieldError:
            expected = before
            seen["kept"] += 1
            assert field.is_unfinished() and "Until then" in field.problem() or before in (None, "")
        assert stored(read) == expected, f"{name}: typed {text!r}, stored {stored(read)!r}, expected {expected!r}"
        field.edit.editingFinished.emit()

    for name in fields:
        type_into(name)
    assert seen["stored whole"] > 20 and seen["kept"] > 20, seen


def test_saved_after_every_key_the_store_holds_the_whole_text_or_the_earlier_value(qtbot, real_service, open_wizard):
    """Autosave may run between any two keys: each time, what is stored is what the text on screen says as
    a whole, or the value from before the edit; never the value of an earlier, shorter text."""
    tender = real_service.save(demo_tender(real_service))
    wizard = open_wizard(real_service, tender)
    field = wizard.page(PageId.DETAILS).value
    for typed in ("2.5 million", "1,2OO,000", "1.2m", "250k", "1,20,000", "1.2.3"):
        before = real_service.get(tender.reference).value_excl_vat_gbp
        field.set_value(before)
        field.edit.selectAll()
        for position, key in enumerate(typed, start=1):
            qtbot.keyClicks(field.edit, key)
            wizard.autosaver.flush()
            stored = real_service.get(tender.reference).value_excl_vat_gbp
            try:
                expected = field.read(typed[:position])
            except FieldError:
                expected = before
            assert stored == expected, f"after {typed[:position]!r}: stored {stored}, expected {expected}"
        field.edit.editingFinished.emit()
    assert real_service.get(tender.reference).value_excl_vat_gbp == Decimal(250000)
