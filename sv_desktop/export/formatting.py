"""How money, percentages, dates and durations read in every export (UK English, no locale surprises)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..model.pack_wording import local_share
from ..model.tender import LotsDecision, Tender

NOT_SET = "Not set"

_FREQUENCIES = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "six_monthly": "Six-monthly",
    "annually": "Annually",
}

# Upper bounds (excl. VAT) of the value bands suppliers see before the tender; the last band is open.
_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(100_000), "Up to £100,000"),
    (Decimal(500_000), "£100,000 to £500,000"),
    (Decimal(1_000_000), "£500,000 to £1 million"),
    (Decimal(5_000_000), "£1 million to £5 million"),
    (Decimal(10_000_000), "£5 million to £10 million"),
    (Decimal(50_000_000), "£10 million to £50 million"),
)


def money(value: Decimal | int | None) -> str:
    """£1,234,567 for whole pounds, £1,234.50 otherwise."""
    if value is None:
        return NOT_SET
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
    return NOT_SET if value is None else f"{number(value)}%"


def long_date(day: date | None) -> str:
    """1 March 2027."""
    return NOT_SET if day is None else f"{day.day} {day:%B %Y}"


def duration(months: int) -> str:
    """60 months (5 years); 18 months (1 year 6 months)."""
    years, rest = divmod(months, 12)
    base = f"{months} month" + ("" if months == 1 else "s")
    if years == 0:
        return base
    parts = [f"{years} year" + ("" if years == 1 else "s")]
    if rest:
        parts.append(f"{rest} month" + ("" if rest == 1 else "s"))
    return f"{base} ({' '.join(parts)})"


def frequency(value: str) -> str:
    return _FREQUENCIES.get(value, value.replace("_", " ").capitalize())


def value_band(value_excl_vat: Decimal) -> str:
    for upper, label in _BANDS:
        if value_excl_vat <= upper:
            return label
    return "Over £50 million"


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def lots_summary(lots: LotsDecision) -> str:
    """One line on how the contract is packaged, for the tender details and the brief."""
    if lots.divided is None:
        text = "Not yet decided"
    elif lots.divided:
        text = f"Divided into {lots.lot_count} lots" if lots.lot_count else "Divided into lots"
    else:
        text = "Not divided into lots"
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
