"""Worked examples (resources/demo/) for training and for trying the app out: tenders (`*.svtender.json`)
and the Trust's own bids (`*.svbid.json`, the bid kind of the same file family, named apart so that every
`*.svtender.json` there is a tender).

The example files carry the managers' own choices; where a file chooses themes but no questions, the
questions come from the Trust's question bank, two per theme, as a manager would start: those suited to
the service first, and none the bank marks as suiting other services.
"""

from __future__ import annotations

from pathlib import Path

from .model.bid import Bid
from .model.tender import Tender
from .model.tender_file import read_tender_file
from .paths import resources_dir


def demo_files(resources: Path | None = None) -> list[Path]:
    return sorted((resources or resources_dir()).joinpath("demo").glob("*.svtender.json"))


def demo_bid_files(resources: Path | None = None) -> list[Path]:
    return sorted((resources or resources_dir()).joinpath("demo").glob("*.svbid.json"))


def with_bank_questions(tender: Tender, bank, per_theme: int = 2) -> Tender:
    if tender.questions or tender.category not in {c for q in bank.questions for c in q.categories}:
        return tender
    for choice in tender.themes:
        suited = [q for q in bank.questions_for_tender(tender, choice.theme) if q.suits(tender) is not False]
        for bank_question in suited[:per_theme]:
            tender.questions.append(bank.to_question(bank_question))
    return tender


def load_demo(service) -> list[tuple[Tender, bool]]:
    """Import every example into the service's store; returns (tender, created) per example."""
    results = []
    for path in demo_files():
        tender = with_bank_questions(read_tender_file(path), service.bank)
        results.append(service.import_tender(tender))
    return results


def load_demo_bids(service) -> list[Bid]:
    """Import every example bid, with the library commitments it carries, into the service's store."""
    return [service.import_bid_file(path) for path in demo_bid_files()]
