"""Exports of supplier documents through the service: the version rises only when the content changed,
keeps the date of its issue and names the contact; a DRAFT is never issued; a supplier met is never named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sv_desktop.model.lifecycle import EngagementEvent, Supplier
from sv_desktop.model.tender_file import read_tender_file
from sv_desktop.paths import app_paths
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


class Today:
    """The service's clock, set by hand."""

    day = dt.date(2027, 1, 4)

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def today():
    return Today()


@pytest.fixture
def service(tmp_path, today):
    paths = app_paths(tmp_path / "data")
    svc = TenderService(TenderStore.open(paths), load_settings(paths), clock=today)
    svc.settings.contact_email = "procurement@trust.nhs.uk"
    yield svc
    svc.close()


def _cover(path: Path) -> str:
    return " ".join(PdfReader(str(path)).pages[0].extract_text().split())


def test_version_rises_only_when_the_content_changes(service, today, tmp_path):
    tender = service.import_tender(read_tender_file(DEMO / "02-estates-maintenance.svtender.json"))[0]
    tender.leads["procurement_lead"] = "Sam Patel"
    tender = service.save(tender)
    assert service.is_compliant(tender)
    today.day = dt.date(2027, 1, 4)
    first = _cover(service.export_pdf(tender, tmp_path / "a.pdf"))
    assert "Version 1" in first and "4 January 2027" in first
    assert "Sam Patel, Procurement Lead (procurement@trust.nhs.uk)" in first
    today.day = dt.date(2027, 1, 11)
    again = _cover(service.export_docx(tender, tmp_path / "a.docx") and service.export_pdf(tender, tmp_path / "b.pdf"))
    assert "Version 1" in again and "4 January 2027" in again, "unchanged: same version and issue date"
    tender.description += " Includes grounds maintenance."
    tender = service.save(tender)
    changed = _cover(service.export_pdf(tender, tmp_path / "c.pdf"))
    assert "Version 2" in changed and "11 January 2027" in changed


def test_a_draft_pack_is_not_issued(service, tmp_path):
    tender = service.import_tender(read_tender_file(DEMO / "04-talking-therapies.svtender.json"))[0]
    assert not service.is_compliant(tender)
    assert "Version Draft" in _cover(service.export_pdf(tender, tmp_path / "d.pdf"))


def test_a_supplier_met_named_in_supplier_text_stops_the_export(service, tmp_path):
    tender = service.import_tender(read_tender_file(DEMO / "01-patient-transport.svtender.json"))[0]
    tender.engagement.append(EngagementEvent("Market day", dt.date(2027, 1, 12), [Supplier("Acme Coaches")]))
    tender.supplier_text.engagement = "We met Acme Coaches."
    with pytest.raises(ServiceError, match="names Acme Coaches"):
        service.export_brief(tender, tmp_path / "brief.pdf")
    assert not (tmp_path / "brief.pdf").exists()
