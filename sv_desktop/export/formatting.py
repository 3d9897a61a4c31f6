"""How money, percentages, dates and durations read in every export (UK English, no locale surprises)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import N_, _, ngettext
from ..model.pack_wording import local_share
from ..model.rules import text as rules_text
from ..model.tender import LotsDecision, Tender

NOT_SET = N_("Not set")
"""Marked only: shown as `_(NOT_SET)` (`not_set()`)."""

_FREQUENCIES = {
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
    "six_monthly": N_("Six-monthly"),
    "annually": N_("Annually"),
}
SHORT_MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))

# Upper bounds (excl. VAT) of the value bands suppliers see before the tender; the last band is open.
_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(100_000), N_("Up to £100,000")),
    (Decimal(500_000), N_("£100,000 to £500,000")),
    (Decimal(1_000_000), N_("£500,000 to £1 million")),
    (Decimal(5_000_000), N_("£1 million to £5 million")),
    (Decimal(10_000_000), N_("£5 million to £10 million")),
    (Decimal(50_000_000), N_("£10 million to £50 million")),
)


def not_set() -> str:
    return _(NOT_SET)


def money(value: Decimal | int | None) -> str:
    """£1,234,567 for whole pounds, £1,234.50 otherwise."""
    if value is None:
        return not_set()
    amount = Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def number(value: Decimal | int | None) -> str:
    """A percentage figure without trailing zeros: 10, 7.5, 3.33."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal | int | None) -> str:
    return not_set() if value is None else f"{number(value)}%"


def long_date(day: date | None) -> str:
    """1 March 2027."""
    return not_set() if day is None else rules_text.long_date(day)


def short_date(day: date | None) -> str:
    """23 Sep 2026: fits a table column on one line."""
    if day is None:
        return "\u2013"
    return _("{day} {month} {year}").format(day=day.day, month=_(SHORT_MONTHS[day.month - 1]), year=day.year)


def duration(months: int) -> str:
    """60 months (5 years); 18 months (1 year 6 months)."""
    years, rest = divmod(months, 12)
    base = ngettext("{months} month", "{months} months", months).format(months=months)
    if years == 0:
        return base
    in_years = ngettext("{years} year", "{years} years", years).format(years=years)
    if rest:
        in_years = _("{years} {months}").format(
            years=in_years, months=ngettext("{months} month", "{months} months", rest).format(months=rest))
    return _("{months} ({years})").format(months=base, years=in_years)


def frequency(value: str) -> str:
    return _(_FREQUENCIES[value]) if value in _FREQUENCIES else value.replace("_", " ").capitalize()


def value_band(value_excl_vat: Decimal) -> str:
    for upper, label in _BANDS:
        if value_excl_vat <= upper:
            return _(label)
    return _("Over £50 million")


def yes_no(flag: bool) -> str:
    return _("Yes") if flag else _("No")


def lots_summary(lots: LotsDecision) -> str:
    """One line on how the contract is packaged, for the tender details and the brief."""
    if lots.divided is None:
        text = _("Not yet decided")
    elif lots.divided:
        text = (ngettext("Divided into {count} lot", "Divided into {count} lots", lots.lot_count).format(
                    count=lots.lot_count) if lots.lot_count else _("Divided into lots"))
    else:
        text = _("Not divided into lots")
    if lots.head_contract_local_pct is not None:
        text += f"; {local_share(percent(lots.head_contract_local_pct))}"
    return text


def contract_dates(tender: Tender) -> tuple[str, str, str]:
    """Planned tender notice, contract start and contract end, as printed."""
    return (
        long_date(tender.tender_notice_date),
        long_date(tender.contract_start_date),
        long_date(tender.contract_end_date),
    )
