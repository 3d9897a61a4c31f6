"""The service layer on a real SQLite file: what the UI and the CLI rely on."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from sv_desktop.services.errors import ConflictError, DuplicateReferenceError, NotFoundError, ServiceError
from sv_desktop.services.tender_service import open_service


@pytest.fixture
def service(tmp_path):
    svc = open_service(tmp_path / "data")
    yield svc
    svc.close()


def test_new_tender_has_policy_defaults_and_a_free_reference(service):
    first = service.create(service.new_tender("Laundry service", "estates_facilities"))
    second = service.new_tender()
    assert first.reference != second.reference
    assert first.social_value_weighting_pct == 10
    assert first.theme_ids == ["fighting_climate_change"]
    assert [s.reference for s in service.list_tenders()] == [first.reference]


def test_save_records_compliance_and_conflicts_are_plain(service):
    tender = service.create(service.new_tender("Fleet", "transport"))
    tender.social_value_weighting_pct = Decimal("9.99")
    tender.themes[0].weighting_pct = Decimal("9.99")
    saved = service.save(tender)
    assert service.list_tenders()[0].compliant is False
    stale = dataclasses.replace(saved, version=saved.version - 1, title="Old copy")
    with pytest.raises(ConflictError):
        service.save(stale)
    with pytest.raises(NotFoundError):
        service.get("NOPE")
    other = service.create(service.new_tender("Other"))
    other_ref = other.reference
    other.reference = saved.reference
    with pytest.raises(DuplicateReferenceError):
        service.save(other, previous_reference=other_ref)


def test_duplicate_delete_and_bin(service):
    original = service.create(service.new_tender("Cleaning", "estates_facilities"))
    twin = service.duplicate(original.reference)
    assert twin.title == "Copy of Cleaning" and twin.reference != original.reference
    service.delete(original.reference)
    assert [s.reference for s in service.list_tenders()] == [twin.reference]
    assert [s.reference for s in service.list_bin()] == [original.reference]
    service.restore_from_bin(original.reference)
    assert len(service.list_tenders()) == 2


def test_restore_backup_from_the_running_service(service):
    kept = service.create(service.new_tender("Kept"))
    backup = service.backup()
    service.create(service.new_tender("Added after the backup"))
    assert len(service.list_tenders()) == 2
    moved = service.restore_backup(backup)
    assert moved is not None and moved.exists()
    assert [s.reference for s in service.list_tenders()] == [kept.reference]
    # the service keeps working on the restored file
    service.create(service.new_tender("After restore"))
    assert len(service.list_tenders()) == 2


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(service, tmp_path):
    service.create(service.new_tender("Stays"))
    bad = tmp_path / "bad-backup.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(ServiceError):
        service.restore_backup(bad)
    assert [s.title for s in service.list_tenders()] == ["Stays"]


def test_reopening_finds_every_field(tmp_path):
    from sv_desktop.demo import with_bank_questions
    from sv_desktop.model.tender_file import read_tender_file, tender_to_dict
    from sv_desktop.paths import resources_dir

    svc = open_service(tmp_path / "data")
    example = with_bank_questions(read_tender_file(resources_dir() / "demo" / "01-patient-transport.svtender.json"),
                                  svc.bank)
    example.current_step = "weighting"
    saved, created = svc.import_tender(example)
    assert created
    svc.close()
    again = open_service(tmp_path / "data")
    try:
        found = again.get(example.reference)
        assert tender_to_dict(found) == tender_to_dict(example)
        assert found.current_step == "weighting"
    finally:
        again.close()
