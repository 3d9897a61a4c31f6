"""Storage errors as service errors: every use-case reads and writes the store inside `plain_errors()`, so
the UI and the command line never see the storage layer's exceptions, only `ServiceError`s."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .. import store
from .errors import ConflictError, DatabaseInUse, DuplicateReferenceError, NotFoundError, ServiceError

_STORE_ERRORS: dict[type[store.StoreError], type[ServiceError]] = {
    store.NotFoundError: NotFoundError,
    store.DuplicateReferenceError: DuplicateReferenceError,
    store.ConflictError: ConflictError,
    store.DatabaseBusyError: DatabaseInUse,
}


@contextlib.contextmanager
def plain_errors() -> Iterator[None]:
    """Translate store errors into service errors so callers never see the storage layer."""
    try:
        yield
    except store.StoreError as exc:
        for store_cls, service_cls in _STORE_ERRORS.items():
            if isinstance(exc, store_cls):
                raise service_cls(str(exc)) from exc
        raise ServiceError(str(exc)) from exc
