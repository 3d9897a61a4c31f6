"""The pack for every route x category x VAT treatment says what its regime requires and nothing it must
not: a table of phrases checked on the document model of every combination, and on the PDF (pypdf) and
Word file (python-docx) of a set that covers every route, every category and every VAT treatment."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import pytest
from conftest import body_text, make_tender, squash
from docx import Document as WordDocument

from sv_desktop.demo import with_bank_questions
from sv_desktop.export import write_pack_docx, write_pack_pdf
from sv_desktop.export.blocks import Cover, Document
from sv_desktop.export.context import make_pack_context
from sv_desktop.export.pack_content import build_pack
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.tender import (
    CATEGORIES,
    OUT_OF_SCOPE_CATEGORIES,
    PSR_ROUTES,
    ROUTES,
    VAT_TREATMENTS,
    ModernSlaveryAssessment,
)

ISSUED = dt.date(2027, 2, 1)
IN_SCOPE = tuple(c for c in CATEGORIES if c not in OUT_OF_SCOPE_CATEGORIES)

EVERY_PACK_MUST = (
    "weighted mark = question weighting × score awarded ÷ maximum score of the scale",
    "one consensus score for each response",
    "Only commitments that go beyond the core requirements of the contract score",
    "Text beyond a question's word limit is not read or scored",
    "means the postcode areas LE and NN",
    "Small to Medium Enterprise (SME)",
    "Voluntary Community Social Enterprise (VCSE)",
    "Freedom of Information Act 2000",
    "By signing it you confirm",
    "the contract's social value schedule",
    "Their targets are minimum requirements of the contract",
    "Pass/fail, assessed",
)
EVERY_PACK_MUST_NOT = (
    "(as defined in the tender documents)",
    "at selection",
    "No social value key performance indicators are set",
    "key performance indicators in section 5",
    "more than 2 on the 0-5 scale (more than 40",
    "additional pages",
)
ACT_MUST = ("Procurement Act 2023",)
ACT_MUST_NOT = ("Provider Selection Regime", "key criteria", "intention to award")
PSR_MUST = ("Provider Selection Regime", "key criteria", "intention to award", "Pass/fail, assessed")
PSR_MUST_NOT = ("tender notice", "Procurement Act", "section 52", "section 71", "contract performance notice",
                "assessment summary", "condition of participation", "section 23")
S52 = ("at least once every 12 months", "contract performance notice (section 71)")
ROUTE_MUST = {
    "open": ("section 23", "maximising public benefit (section 12)", "Planned tender notice", "Pass/fail, assessed as a condition of participation",
             "assessment summary", "standstill period of at least 8 working days"),
    "competitive_flexible": ("section 23", "Planned tender notice", "assessment summary"),
    "framework_agreement": ("awards a framework agreement (section 45", "Planned tender notice"),
    "framework_call_off": ("called off under an existing framework agreement", "Pass/fail, assessed at call-off",
                           "no further stage before the award criteria"),
    "direct_award": ("section 41", "Planned transparency notice", "Pass/fail, assessed before the contract"),
    "light_touch": ("light-touch contract (section 9",),
    "below_threshold": ("below the procurement thresholds",),
    "psr_competitive": ("competitive process of the Provider Selection Regime",
                        "Planned start of the competitive process",
                        "Pass/fail, assessed against the basic selection criteria"),
    "psr_direct_award": ("without a competition", "Planned start of the award process"),
    "psr_most_suitable_provider": ("without a competition", "Planned start of the award process"),
}
ROUTE_MUST_NOT = {
    "framework_call_off": ("selection", "as a condition of participation", "Planned tender notice"),
    "framework_agreement": S52,
    "light_touch": S52,
    "direct_award": ("standstill",),
}
VAT_MUST = {
    "standard": ("Whole-life value (including VAT at 20%)", "standard rate of 20%"),
    "zero_rated": ("zero-rated for VAT", "VAT is charged at 0%"),
    "exempt": ("exempt from VAT", "no VAT is charged"),
}
VAT_MUST_NOT = {
    "standard": ("zero-rated", "exempt from VAT"),
    "zero_rated": ("standard rate", "exempt from VAT"),
    "exempt": ("VAT at 0%", "charged at 0%", "zero-rated", "standard rate"),
}


def expected(route: str, vat: str, s52: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    psr = route in PSR_ROUTES
    must = EVERY_PACK_MUST + (PSR_MUST if psr else ACT_MUST) + ROUTE_MUST[route] + VAT_MUST[vat]
    must_not = (EVERY_PACK_MUST_NOT + (PSR_MUST_NOT if psr else ACT_MUST_NOT) + ROUTE_MUST_NOT.get(route, ())
                + VAT_MUST_NOT[vat])
    if s52:
        must += S52
    elif not psr:
        must_not += S52
    return must, must_not


@pytest.fixture(scope="module")
def bank():
    return load_question_bank()


def tender_for(bank, route: str, category: str, vat: str):
    """The tender as issued: its modern slavery risk assessment done before the notice, so no draft notes."""
    assessed = ModernSlaveryAssessment(completed_on=dt.date(2027, 1, 20), risk="medium")
    tender = make_tender(route=route, category=category, vat_treatment=vat, questions=[],
                         modern_slavery_risk_assessment=assessed)
    return with_bank_questions(tender, bank)


def context_for(tender):
    return make_pack_context(tender, today=ISSUED, local_areas=("LE", "NN"))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for f in fields(value) for s in _strings(getattr(value, f.name))]
    return []


def model_text(document: Document) -> str:
    parts = _strings(document.body) + _strings(document.cover if isinstance(document.cover, Cover) else ())
    return " ".join(parts)


def check(text: str, must, must_not, where: str) -> None:
    flat = squash(text)
    missing = [p for p in must if squash(p) not in flat]
    present = [p for p in must_not if squash(p).casefold() in flat.casefold()]
    assert not missing, f"{where}: missing {missing}"
    assert not present, f"{where}: must not say {present}"


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_category_and_vat_treatment_in_the_document(bank, route):
    for category in IN_SCOPE:
        for vat in VAT_TREATMENTS:
            ctx = context_for(tender_for(bank, route, category, vat))
            assert ctx.compliant, ctx.blocker_messages
            must, must_not = expected(route, vat, ctx.s52_applies)
            check(model_text(build_pack(ctx)), must, must_not, f"{route}/{category}/{vat}")


def test_s52_follows_the_rule_for_each_route(bank):
    applies = {route: context_for(tender_for(bank, route, "transport", "standard")).s52_applies for route in ROUTES}
    assert applies == {route: route not in PSR_ROUTES | {"framework_agreement", "light_touch"} for route in ROUTES}
    small = make_tender(value_excl_vat_gbp=make_tender().value_excl_vat_gbp / 4)
    assert not context_for(small).s52_applies


def _docx_text(path) -> str:
    document = WordDocument(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(parts)


RENDERED = [(route, IN_SCOPE[i % len(IN_SCOPE)], VAT_TREATMENTS[i % len(VAT_TREATMENTS)])
            for i, route in enumerate(ROUTES)]


def test_rendered_set_covers_every_route_category_and_vat():
    assert {r for r, _c, _v in RENDERED} == set(ROUTES)
    assert {c for _r, c, _v in RENDERED} == set(IN_SCOPE)
    assert {v for _r, _c, v in RENDERED} == set(VAT_TREATMENTS)


@pytest.mark.parametrize(("route", "category", "vat"), RENDERED)
def test_pdf_and_word_carry_the_same_phrases(bank, tmp_path, route, category, vat):
    ctx = context_for(tender_for(bank, route, category, vat))
    must, must_not = expected(route, vat, ctx.s52_applies)
    pdf = write_pack_pdf(ctx, tmp_path / "pack.pdf")
    check(" ".join(body_text(pdf)), must, must_not, f"PDF {route}/{category}/{vat}")
    docx = write_pack_docx(ctx, tmp_path / "pack.docx")
    check(_docx_text(docx), must, must_not, f"Word {route}/{category}/{vat}")
