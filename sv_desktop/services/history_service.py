"""Use-cases of the audit trail: a tender's versions (who, when, what changed) and restoring one of them.

Given the store and the policy check it needs (`is_compliant`), so it works on its own; `TenderService`
makes one and forwards to it. A restored version is saved with the same compliance check and optimistic
locking as any other save.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import store
from ..i18n import _
from ..model.history import HistoryEntry
from ..model.tender import Tender
from ..model.tender_file import TenderFileError, parse_tender_json
from .errors import InvalidTenderError, NotFoundError
from .guard import plain_errors


class HistoryUseCases:
    """A tender's versions and restoring one, over `tender_store`; `is_compliant` is the policy check a
    restored version is stored with."""

    def __init__(self, tender_store: store.TenderStore, *, is_compliant: Callable[[Tender], bool]) -> None:
        self._store = tender_store
        self._is_compliant = is_compliant

    def history(self, reference: str) -> list[HistoryEntry]:
        """Every recorded version of the tender, newest first."""
        with plain_errors():
            return self._store.history(reference)

    def tender_at(self, reference: str, entry_id: int) -> Tender:
        """The tender as it stood at one version of its history."""
        with plain_errors():
            text = self._store.version_snapshot(reference, entry_id)
        try:
            return parse_tender_json(text)
        except TenderFileError as exc:
            raise InvalidTenderError(_("That version of {reference} cannot be read back: {exc}.").format(
                                       reference=reference, exc=exc)) from exc

    def restore_version(self, reference: str, entry_id: int) -> Tender:
        """Make an earlier version the current one (a new version: the history keeps everything). The
        tender must not be open with unsaved changes; the current version is checked as any save is."""
        old = self.tender_at(reference, entry_id)
        with plain_errors():
            current = self._store.get(reference)
        if old.reference != reference:
            raise NotFoundError(_("That version belongs to {reference}, not {reference2}.").format(
                                  reference=old.reference, reference2=reference))
        old.version = current.version
        old.updated_at = current.updated_at
        with plain_errors():
            return self._store.save(old, compliant=self._is_compliant(old), previous_reference=reference,
                                    action="restored_version")
