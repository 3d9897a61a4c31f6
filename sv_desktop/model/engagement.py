"""What pre-market engagement found, for the think-local step (policy P238 §4.1, §4.4: are there local
suppliers, SMEs or VCSEs that could provide this, and how can they be helped to bid?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .lifecycle import EngagementEvent, Supplier


def _key(supplier: Supplier) -> tuple[str, str]:
    return " ".join(supplier.name.split()).casefold(), supplier.postcode.replace(" ", "").upper()


def suppliers_met(events: list[EngagementEvent]) -> list[Supplier]:
    """Each supplier once (same name and postcode), in the order first met, SME/VCSE if ever recorded so."""
    met: dict[tuple[str, str], Supplier] = {}
    for event in events:
        for supplier in event.suppliers:
            if not supplier.name.strip():
                continue
            key = _key(supplier)
            if key in met:
                known = met[key]
                met[key] = Supplier(known.name, known.postcode, known.sme or supplier.sme, known.vcse or supplier.vcse)
            else:
                met[key] = Supplier(supplier.name.strip(), supplier.postcode, supplier.sme, supplier.vcse)
    return list(met.values())


@dataclass(frozen=True)
class EngagementCounts:
    events: int
    suppliers: int
    local: int
    sme: int
    vcse: int


def engagement_counts(events: list[EngagementEvent], is_local: Callable[[str], bool]) -> EngagementCounts:
    met = suppliers_met(events)
    return EngagementCounts(events=len(events), suppliers=len(met),
                            local=sum(bool(s.postcode.strip()) and is_local(s.postcode) for s in met),
                            sme=sum(s.sme for s in met), vcse=sum(s.vcse for s in met))


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def think_local_note(events: list[EngagementEvent], is_local: Callable[[str], bool]) -> str:
    """A paragraph for the think-local notes: who was met and which of them are local, SMEs or VCSEs."""
    counts = engagement_counts(events, is_local)
    if not counts.suppliers:
        return (f"Pre-market engagement: {_plural(counts.events, 'event')} recorded; no suppliers recorded "
                "as met yet.")
    dated = [event.held_on for event in events if event.held_on]
    latest = f" (latest {max(dated):%d/%m/%Y})" if dated else ""
    described = []
    for supplier in suppliers_met(events):
        flags = [name for name, on in (("local", bool(supplier.postcode.strip()) and is_local(supplier.postcode)),
                                       ("SME", supplier.sme), ("VCSE", supplier.vcse)) if on]
        described.append(supplier.name + (f" ({', '.join(flags)})" if flags else ""))
    return (f"Pre-market engagement: {_plural(counts.events, 'event')}{latest}; "
            f"{_plural(counts.suppliers, 'supplier')} met, of which {counts.local} local, "
            f"{_plural(counts.sme, 'SME')} and {_plural(counts.vcse, 'VCSE')}: {'; '.join(described)}.")
