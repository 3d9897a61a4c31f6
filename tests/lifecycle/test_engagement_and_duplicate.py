"""The engagement summary that feeds the think-local step, and a duplicated tender starting a new
procurement without the old one's engagement, award and delivery records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sv_desktop.model.engagement import engagement_counts, suppliers_met, think_local_note
from sv_desktop.model.lifecycle import Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import new_tender


def is_local(postcode: str) -> bool:
    return postcode.upper().startswith(("LE", "NN"))


EVENTS = [
    EngagementEvent("Market day", dt.date(2027, 1, 12), [Supplier("Green Cabs CIC", "LE1 7RH", sme=True),
                                                        Supplier("Bigco plc", "B1 1AA")]),
    EngagementEvent("Follow-up", dt.date(2027, 2, 3), [Supplier(" green  cabs cic ", "le17rh", vcse=True),
                                                       Supplier("Nene Care", "NN1 1AA", vcse=True),
                                                       Supplier("", "LE2 2AA")]),
    EngagementEvent("Questionnaire"),
]


def test_suppliers_met_once_each_with_every_flag_recorded():
    met = suppliers_met(EVENTS)
    assert [(s.name, s.sme, s.vcse) for s in met] == [
        ("Green Cabs CIC", True, True), ("Bigco plc", False, False), ("Nene Care", False, True)]
    counts = engagement_counts(EVENTS, is_local)
    assert (counts.events, counts.suppliers, counts.local, counts.sme, counts.vcse) == (3, 3, 2, 1, 2)


def test_the_think_local_note():
    assert think_local_note(EVENTS, is_local) == (
        "Pre-market engagement: 3 events (latest 03/02/2027); 3 suppliers met, of which 2 local, 1 SME and "
        "2 VCSEs: Green Cabs CIC (local, SME, VCSE); Bigco plc; Nene Care (local, VCSE).")
    assert think_local_note([EngagementEvent("Questionnaire")], is_local) == (
        "Pre-market engagement: 1 event recorded; no suppliers recorded as met yet.")


def test_a_duplicate_starts_a_new_procurement(service):
    tender = new_tender("OLD-1", "Courier service", "transport")
    tender.stage = "renewal_due"
    tender.engagement = list(EVENTS)
    tender.award = Award(Supplier("Green Cabs CIC", "LE1 7RH"), dt.date(2024, 1, 1), Decimal(100), "EV only")
    tender.kpi_results = [KpiResult("Vans", None, dt.date(2024, 3, 31))]
    tender.case_studies = [CaseStudy("Story")]
    tender.role_checklists = {"bid_lead": ["Prepares bids and tenders reports."]}
    service.create(tender)
    twin = service.duplicate("OLD-1")
    stored = service.get(twin.reference)
    assert stored.stage == "pipeline" and stored.title == "Copy of Courier service"
    assert (stored.engagement, stored.kpi_results, stored.case_studies, stored.role_checklists) == ([], [], [], {})
    assert stored.award == Award()
    assert service.get("OLD-1").award.renewal_requirements == "EV only"
