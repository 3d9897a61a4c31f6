"""Errors the UI and the CLI show to a manager. Each message is one plain sentence, never a traceback."""


class ServiceError(Exception):
    """Something the user can understand and act on."""


class NotFoundError(ServiceError):
    pass


class DuplicateReferenceError(ServiceError):
    pass


class ConflictError(ServiceError):
    """Someone else saved the tender since it was opened: reload before saving again."""


class InvalidTenderError(ServiceError):
    """An imported file or a value is not a valid tender."""


class DatabaseProblem(ServiceError):
    """The database cannot be opened as it is (damaged, newer schema, unreadable)."""

    def __init__(self, message: str, *, damaged: bool = False, newer: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged
        self.newer = newer


class DatabaseInUse(ServiceError):
    """Another program holds the database: it is in use, not damaged; waiting (or closing it) is the way out."""


class ReadOnlyFileError(ServiceError):
    """The export would replace a read-only file: the app asks, then calls `allow_replacing`; the CLI refuses."""


def export_error(exc: Exception) -> ServiceError:
    """The service error for an export that failed (a read-only file to replace is told apart)."""
    from ..export.atomic import ReadOnlyTargetError

    return (ReadOnlyFileError if isinstance(exc, ReadOnlyTargetError) else ServiceError)(str(exc))


class ImportConflictError(ConflictError):
    """The tender was changed in the database after the file was exported: importing would overwrite that
    change, so the app asks first and the command line needs --force."""
