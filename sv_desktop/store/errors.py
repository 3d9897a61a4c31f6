"""What can go wrong with storage, in words a procurement manager can act on.

Every exception carries a plain sentence as its message; the UI shows it as it is.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Storage failed; the message says what happened and what to do."""


class NotFoundError(StoreError):
    """No tender has that reference (or it is in the bin when a live one was asked for)."""


class DuplicateReferenceError(StoreError):
    """Another tender already uses the reference."""


class ConflictError(StoreError):
    """Someone else saved the tender after it was opened; the caller offers to reload it."""

    def __init__(self, reference: str, message: str | None = None) -> None:
        self.reference = reference
        super().__init__(message or (
            f"{reference} was changed by someone else since you opened it. Your changes were not saved: "
            "reload the tender to see the latest version, then make your changes again."))


class NewerSchemaError(StoreError):
    """The database was written by a newer sv-desktop; it is left exactly as it is."""

    def __init__(self, revision: str, where: str) -> None:
        self.revision = revision
        super().__init__(
            f"The database at {where} was written by a newer version of sv-desktop (schema {revision}). "
            "It has not been changed. Install the newer sv-desktop to open it.")


class DatabaseDamagedError(StoreError):
    """The database file cannot be used; the app offers to restore a backup or start empty."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"The database {path} is damaged and cannot be opened ({reason}). "
            "You can restore the most recent good backup or start with an empty database; "
            "the damaged file is kept, never deleted.")


class DatabaseBusyError(StoreError):
    """Another program holds the database: it is in use, not damaged; nothing is offered but waiting."""

    def __init__(self, path: Path | str, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"The database {path} is in use by {holder}, so sv-desktop cannot use it now. It is not damaged "
            "and nothing was changed: close the other program, or wait a moment, and try again.")
