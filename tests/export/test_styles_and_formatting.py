"""Colours, fonts and number formats shared by every export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from reportlab.lib.colors import HexColor, white
from reportlab.lib.fonts import tt2ps

from sv_desktop.export import fonts
from sv_desktop.export import formatting as fmt
from sv_desktop.export.pack_content import question_weights
from sv_desktop.export.styles import TEXT_PAIRS, contrast_ratio, fit_one_line
from sv_desktop.model.tender import LotsDecision, Question, Tender, ThemeChoice


@pytest.mark.parametrize("use", sorted(TEXT_PAIRS))
def test_every_text_colour_pair_meets_wcag_aa(use):
    foreground, background = TEXT_PAIRS[use]
    assert contrast_ratio(foreground, background) >= 4.5


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio(HexColor("#000000"), white) == pytest.approx(21, abs=0.01)
    assert contrast_ratio(white, HexColor("#005EB8")) == pytest.approx(6.38, abs=0.01)
    assert contrast_ratio(HexColor("#777777"), white) < 4.5


def test_font_files_and_licences_are_bundled():
    for path in fonts.font_files():
        assert path.is_file() and path.stat().st_size > 100_000
    folder = fonts.fonts_dir()
    assert "SIL Open Font License" in (folder / "LICENSE-LiberationSans.txt").read_text()
    assert "Bitstream" in (folder / "LICENSE-DejaVuSans.txt").read_text()


def test_families_switch_faces_for_bold_and_italic():
    fonts.register_fonts()
    assert tt2ps(fonts.BODY, 1, 0) == fonts.BOLD
    assert tt2ps(fonts.BODY, 0, 1) == fonts.ITALIC
    assert tt2ps(fonts.BODY, 1, 1) == fonts.BOLD_ITALIC
    assert tt2ps(fonts.FALLBACK, 1, 0) == "DejaVuSans-Bold"
    assert tt2ps(fonts.FALLBACK_BOOK, 1, 1) == fonts.FALLBACK_BOOK


def test_fit_one_line_cuts_with_an_ellipsis():
    assert fit_one_line("Short", 200, 9) == "Short"
    cut = fit_one_line("word " * 5000, 200, 9)
    assert cut.endswith("\u2026") and 10 < len(cut) < 80


def test_money_percent_dates_and_durations():
    assert fmt.money(Decimal("10000000")) == "£10,000,000"
    assert fmt.money(Decimal("1234.5")) == "£1,234.50"
    assert fmt.money(None) == "Not set"
    assert fmt.percent(Decimal("10.00")) == "10%"
    assert fmt.percent(Decimal("7.5")) == "7.5%"
    assert fmt.percent(Decimal("3.333")) == "3.33%"
    assert fmt.long_date(dt.date(2027, 3, 1)) == "1 March 2027"
    assert fmt.duration(1) == "1 month"
    assert fmt.duration(18) == "18 months (1 year 6 months)"
    assert fmt.duration(60) == "60 months (5 years)"
    assert fmt.frequency("six_monthly") == "Six-monthly"


@pytest.mark.parametrize(("value", "band"), [
    (Decimal(0), "Up to £100,000"),
    (Decimal(100_000), "Up to £100,000"),
    (Decimal("100000.01"), "£100,000 to £500,000"),
    (Decimal(5_000_000), "£1 million to £5 million"),
    (Decimal(10_000_000), "£5 million to £10 million"),
    (Decimal(60_000_000), "Over £50 million"),
])
def test_value_bands(value, band):
    assert fmt.value_band(value) == band


def test_lots_summary():
    assert fmt.lots_summary(LotsDecision()) == "Not yet decided"
    assert fmt.lots_summary(LotsDecision(divided=True, lot_count=4)) == "Divided into 4 lots"
    assert fmt.lots_summary(LotsDecision(divided=False, head_contract_local_pct=Decimal(15))) == (
        "Not divided into lots; the main contractor must deliver at least 15% of the contract through local "
        "subcontractors")


def test_question_weights():
    tender = Tender("R", "T", "transport", Decimal(1), 12, Decimal(10),
                    themes=[ThemeChoice("fighting_climate_change", Decimal(7)), ThemeChoice("wellbeing", Decimal(3))],
                    questions=[Question("fighting_climate_change", "a"), Question("wellbeing", "b"),
                               Question("fighting_climate_change", "c"), Question("equal_opportunity", "d"),
                               Question("fighting_climate_change", "e", weighting_pct=Decimal(1))])
    assert question_weights(tender) == [Decimal(3), Decimal(3), Decimal(3), None, Decimal(1)]
