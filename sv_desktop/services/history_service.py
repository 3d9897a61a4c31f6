"""Use-cases of the audit trail: a tender's versions (who, when, what changed) and restoring one of them.

A mixin of `TenderService`: it uses the service's store and `_guard()`, and its `save()` so a restored
version goes through the same checks, limits and optimistic locking as any other save.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..model.history import HistoryEntry
from ..model.tender import Tender
from ..model.tender_file import TenderFileError, parse_tender_json
from .errors import InvalidTenderError, NotFoundError


class HistoryUseCases:
    """Needs from TenderService: `_store`, `_guard()`, `get()` and `is_compliant()`."""

    _store: Any

    if TYPE_CHECKING:  # provided by TenderService
        def get(self, reference: str) -> Tender: ...
        def is_compliant(self, tender: Tender) -> bool: ...
        def _guard(self) -> AbstractContextManager[None]: ...

    def history(self, reference: str) -> list[HistoryEntry]:
        """Every recorded version of the tender, newest first."""
        with self._guard():
            return self._store.history(reference)

    def tender_at(self, reference: str, entry_id: int) -> Tender:
        """The tender as it stood at one version of its history."""
        with self._guard():
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
        current = self.get(reference)
        if old.reference != reference:
            raise NotFoundError(_("That version belongs to {reference}, not {reference2}.").format(
                                  reference=old.reference, reference2=reference))
        old.version = current.version
        old.updated_at = current.updated_at
        with self._guard():
            return self._store.save(old, compliant=self.is_compliant(old), previous_reference=reference,
                                    action="restored_version")
