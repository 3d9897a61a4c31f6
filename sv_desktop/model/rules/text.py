"""How figures read in findings and requests: £1,234 or £1,234.56 (as in every document), 9.99%, and dates written out (1 April YYYY).

Formatting is done here by hand (not through the locale) so that a finding reads the same on every
machine and the generated documentation is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import ROUND_HALF_UP, Decimal

from ...i18n import N_, _
from ..tender import PENNY, Tender

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
"""Marked: `long_date` translates them."""


def money(value: Decimal) -> str:
    """A tender's own amount as every document writes money: £6,000,000 when whole, else £6,000,000.50."""
    amount = value.quantize(PENNY, ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def money_limit(value: Decimal) -> str:
    """A threshold: whole pounds when it is whole (£5,000,000), else to the penny."""
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return money(value)


def pct(value: Decimal) -> str:
    """10% rather than 10.00%; 9.99% stays 9.99%."""
    if value == value.to_integral_value():
        return f"{int(value)}%"
    return f"{format(value.normalize(), 'f')}%"


def long_date(day: dt.date) -> str:
    """The day, the month by name and the year, in the language in use."""
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]), year=day.year)


def count(value: Decimal | int) -> str:
    return str(int(value))


def threshold_text(name: str, value: Decimal) -> str:
    """Format a threshold by its name's suffix (_gbp, _pct, _count)."""
    if name.endswith("_gbp"):
        return money_limit(value)
    if name.endswith("_pct"):
        return pct(value)
    return count(value)


def placeholders(template: str) -> list[str]:
    """The {names} a template uses; ValueError for anything but plain {name} fields."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(_("{{{name}}} is not a plain placeholder such as {{weighting}}").format(
                               name=name))
        names.append(name)
    return names


def render(template: str, fields: dict[str, str]) -> str:
    """Fill a template checked at load time; values are inserted as they are, never re-parsed."""
    return template.format_map(fields)


def tender_fields(tender: Tender, notice_date: dt.date, route_labels: dict[str, str],
                  category_labels: dict[str, str]) -> dict[str, str]:
    """The placeholders every message may use."""
    return {
        "reference": tender.reference,
        "title": tender.title,
        "category": category_labels.get(tender.category, tender.category),
        "route": route_labels.get(tender.route, tender.route),
        "value_excl_vat": money(tender.value_excl_vat_gbp),
        "vat_rate": pct(tender.vat_rate_pct),
        "whole_life_incl_vat": money(tender.whole_life_value_incl_vat),
        "annual_excl_vat": money(tender.annual_value_excl_vat),
        "weighting": pct(tender.social_value_weighting_pct),
        "duration_months": str(tender.duration_months),
        "notice_date": long_date(notice_date),
    }
