"""Tenders as Open Contracting Data Standard 1.1 releases: the format Find a Tender publishes.

One release per tender, tagged by how far it has gone: planning (a pipeline or pre-market plan), tender
(issued), award (awarded) and contract (in delivery, with its KPIs as agreed metrics). Only supplier-facing
facts go in: no engagement notes, no internal text. KPIs use the OCDS metrics extension (`agreedMetrics` on the
contract), and the social value weighting is stated in the tender's award criteria. Nothing is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..i18n import PSEUDO, _, language
from .tender import Tender

OCDS_VERSION = "1.1"
METRICS_EXTENSION = ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_metric_extension/"
                     "master/extension.json")
METHODS: Mapping[str, str] = {
    "open": "open", "competitive_flexible": "selective", "framework_agreement": "open",
    "framework_call_off": "selective", "direct_award": "direct", "light_touch": "open",
    "below_threshold": "open", "psr_direct_award": "direct", "psr_most_suitable_provider": "limited",
    "psr_competitive": "open",
}
"""The OCDS procurement method (closed codelist) closest to each route; the route's name goes in the details."""
CATEGORIES: Mapping[str, str] = {
    "estates_facilities": "services", "transport": "services", "ddat": "services",
    "medical_devices": "goods", "clinical_services": "services", "goods_services": "goods",
    "medicines": "goods",
}
PLANNING_STAGES = frozenset({"pipeline", "pre_market"})
DELIVERY_STAGES = frozenset({"awarded", "renewal_due"})
CENT = Decimal("0.01")
_OCID_SAFE = re.compile(r"[^A-Za-z0-9-]+")


@dataclass(frozen=True)
class Publisher:
    name: str
    identifier: str = ""
    """The organisation's identifier (e.g. its Find a Tender organisation id); empty when not recorded."""
    ocid_prefix: str = "ocds-local"
    """The prefix registered with the Open Contracting Partnership; "ocds-local" marks an unregistered one."""


def _money(amount: Decimal | None, vat_multiplier: Decimal | None = None) -> dict[str, Any] | None:
    """An OCDS value: `amount` excluding VAT and, where the VAT rate is known, `amountGross` including it
    (as Find a Tender's UK extension writes values)."""
    if amount is None:
        return None
    value: dict[str, Any] = {"amount": float(Decimal(amount).quantize(CENT)), "currency": "GBP"}
    if vat_multiplier is not None:
        value["amountGross"] = float((Decimal(amount) * vat_multiplier).quantize(CENT))
    return value


def _when(day: dt.date | None) -> str | None:
    return None if day is None else f"{day.isoformat()}T00:00:00Z"


def _clean(value: Any) -> Any:
    """Drop empty values so the release says only what is known."""
    if isinstance(value, dict):
        cleaned = {key: _clean(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (_clean(entry) for entry in value) if item not in (None, "", [], {})]
    return value


def ocid(tender: Tender, publisher: Publisher) -> str:
    return f"{publisher.ocid_prefix}-{_OCID_SAFE.sub('-', tender.reference).strip('-')}"


def release_tags(tender: Tender) -> list[str]:
    if tender.stage in PLANNING_STAGES:
        return ["planning"]
    if tender.award.is_awarded and tender.stage in DELIVERY_STAGES:
        return ["award", "contract"]
    if tender.award.is_awarded:
        return ["award"]
    return ["tender"]


def _slug(text: str) -> str:
    return _OCID_SAFE.sub("-", text.lower()).strip("-")


def _buyer(publisher: Publisher) -> dict[str, Any]:
    return {"id": publisher.identifier or f"buyer-{_slug(publisher.name)}", "name": publisher.name}


def _parties(tender: Tender, publisher: Publisher) -> list[dict[str, Any]]:
    parties = [{**_buyer(publisher), "roles": ["buyer", "procuringEntity"],
                "identifier": {"id": publisher.identifier} if publisher.identifier else None}]
    supplier = tender.award.supplier
    if tender.award.is_awarded and supplier.name.strip():
        parties.append({
            "id": f"supplier-{_slug(supplier.name)}",
            "name": supplier.name,
            "roles": ["supplier"],
            "address": {"postalCode": supplier.postcode.upper().strip(), "countryName": "United Kingdom"},
            "details": {"scale": "sme" if supplier.sme else "large", "vcse": supplier.vcse},
        })
    return parties


def _award_criteria(tender: Tender, theme_labels: Mapping[str, str]) -> str:
    themes = "; ".join(f"{theme_labels.get(c.theme, c.theme)} {c.weighting_pct.normalize():f}%"
                       for c in tender.themes)
    share = f"{tender.social_value_weighting_pct.normalize():f}"
    if themes:
        return _("Social value {percent}% of the total evaluation score ({themes}).").format(percent=share,
                                                                                             themes=themes)
    return _("Social value {percent}% of the total evaluation score.").format(percent=share)


def _tender(tender: Tender, publisher: Publisher, route_labels: Mapping[str, str],
            theme_labels: Mapping[str, str]) -> dict[str, Any]:
    status = "planning" if tender.stage in PLANNING_STAGES else (
        "complete" if tender.award.is_awarded else "active")
    items = []
    if tender.cpv_code:
        items.append({"id": "1", "description": tender.title,
                      "classification": {"scheme": "CPV", "id": tender.cpv_code.split("-")[0]}})
    end = tender.contract_end_date
    return {
        "id": tender.reference,
        "title": tender.title,
        "description": tender.description,
        "status": status,
        "procuringEntity": _buyer(publisher),
        "items": items,
        "value": _money(tender.value_excl_vat_gbp, tender.vat_multiplier),
        "procurementMethod": METHODS.get(tender.route),
        "procurementMethodDetails": route_labels.get(tender.route, tender.route),
        "mainProcurementCategory": CATEGORIES.get(tender.category),
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _award_criteria(tender, theme_labels),
        "tenderPeriod": {"startDate": _when(tender.tender_notice_date)},
        "awardPeriod": {"endDate": _when(tender.estimated_award_date)} if not tender.award.is_awarded else None,
        "contractPeriod": {"startDate": _when(tender.contract_start_date), "endDate": _when(end)},
    }


def _metrics(tender: Tender) -> list[dict[str, Any]]:
    metrics = []
    for index, kpi in enumerate(tender.kpis, start=1):
        observations: list[dict[str, Any]] = []
        for kind, value in (("baseline", kpi.baseline), ("target", kpi.target)):
            if value.strip():
                observations.append({"id": kind, "notes": _("Baseline") if kind == "baseline" else _("Target"), "measure": value.strip(),
                                     "unit": {"name": kpi.unit} if kpi.unit.strip() else None})
        for number, result in enumerate((r for r in tender.kpi_results if r.kpi == kpi.name), start=1):
            observations.append({
                "id": f"result-{number}", "notes": _("Result, rated {rating}").format(rating=result.rating) if result.rating
                else _("Result"),
                "measure": result.result.strip() or result.rating,
                "period": {"startDate": _when(result.period_start), "endDate": _when(result.period_end)}})
        metrics.append({"id": str(index), "title": kpi.name,
                        "description": (_("Reported {frequency}. Evidence: {evidence}") if kpi.evidence.strip()
                                        else _("Reported {frequency}.")).format(frequency=kpi.frequency,
                                                                                 evidence=kpi.evidence),
                        "observations": observations})
    return metrics


def release(tender: Tender, publisher: Publisher, released_on: dt.datetime, *, route_labels: Mapping[str, str],
            theme_labels: Mapping[str, str]) -> dict[str, Any]:
    tags = release_tags(tender)
    stamp = released_on.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data: dict[str, Any] = {
        "ocid": ocid(tender, publisher),
        "id": f"{ocid(tender, publisher)}-{tags[-1]}-{released_on.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        "date": stamp,
        "tag": tags,
        "initiationType": "tender",
        "language": "en-XA" if language() == PSEUDO else language(),
        # the language of its texts (the pseudo-locale as the code reserved for it)
        "parties": _parties(tender, publisher),
        "buyer": _buyer(publisher),
        "planning": {"budget": {"amount": _money(tender.value_excl_vat_gbp, tender.vat_multiplier),
                                "description": _("Estimated whole-life value")}},
        "tender": _tender(tender, publisher, route_labels, theme_labels),
    }
    award = tender.award
    if award.is_awarded:
        supplier_ref = [{"id": p["id"], "name": p["name"]} for p in data["parties"] if "supplier" in p["roles"]]
        data["awards"] = [{"id": f"{tender.reference}-award", "status": "active", "date": _when(award.awarded_on),
                           "value": _money(award.awarded_value_gbp, tender.vat_multiplier),
                           "suppliers": supplier_ref}]
        if "contract" in tags:
            data["contracts"] = [{
                "id": f"{tender.reference}-contract", "awardID": f"{tender.reference}-award", "status": "active",
                "period": {"startDate": _when(tender.contract_start_date or award.awarded_on),
                           "endDate": _when(tender.contract_end_date)},
                "value": _money(award.awarded_value_gbp, tender.vat_multiplier),
                "agreedMetrics": _metrics(tender),
            }]
    return _clean(data)


def release_package(tenders: Iterable[Tender], publisher: Publisher, published: dt.datetime, *,
                    route_labels: Mapping[str, str], theme_labels: Mapping[str, str]) -> dict[str, Any]:
    releases = [release(t, publisher, published, route_labels=route_labels, theme_labels=theme_labels)
                for t in tenders]
    uses_metrics = any("agreedMetrics" in c for r in releases for c in r.get("contracts", []))
    stamp = published.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    package: dict[str, Any] = {
        "uri": f"urn:sv-desktop:{publisher.ocid_prefix}:{published.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        "version": OCDS_VERSION,
        "publishedDate": stamp,
        "publisher": {"name": publisher.name, "uid": publisher.identifier or None},
        "releases": releases,
    }
    if uses_metrics:
        package["extensions"] = [METRICS_EXTENSION]
    return _clean(package)
