"""The UI's service contract: the real service and the page tests' fake both offer every member of
`UiService` (mypy checks the signatures; this checks the names at run time, so a method added to the
protocol and forgotten in the fake fails here too), and the screens ask nothing the contract lacks."""

from __future__ import annotations

import re
from pathlib import Path

from sv_desktop.services.contract import UiService
from sv_desktop.services.tender_service import TenderService
from tests.ui.fake_service import FakeService

ROOT = Path(__file__).resolve().parents[2]


def contract_members() -> set[str]:
    return {name for name in vars(UiService) if not name.startswith("_")}


def test_the_contract_names_what_the_screens_use():
    assert {"list_tenders", "save", "check", "export_pdf", "compliance_report", "settings"} <= contract_members()


def test_the_real_service_offers_every_member():
    missing = {name for name in contract_members() if not hasattr(TenderService, name)
               and name not in {"content", "bank", "settings"}}  # set in __init__
    assert not missing


def test_the_fake_offers_every_member(tmp_path):
    fake = FakeService(tmp_path)
    assert not {name for name in contract_members() if not hasattr(fake, name)}


def test_the_screens_call_only_what_the_contract_declares():
    called = set()
    for path in (ROOT / "sv_desktop" / "ui").rglob("*.py"):
        called |= set(re.findall(r"\bservice\.([a-z_]+)\b", path.read_text(encoding="utf-8")))
    assert called <= contract_members(), called - contract_members()


def test_the_screens_never_guess_what_a_service_has():
    for path in (ROOT / "sv_desktop" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(getattr|hasattr)\((self\.)?service\b", text), path.name
