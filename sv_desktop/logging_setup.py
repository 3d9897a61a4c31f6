"""The log a support desk can ask for: `logs/sv-desktop.log` in the data folder, rotated, user-only.

What goes in: failures of background work (backups, emptying the bin, KPI reminders), uncaught exceptions
with their tracebacks, and start-up facts (version, platform). What never goes in: tender content (only
error messages and references are logged) and passwords (every record passes through `mask_secrets`).

The exception hooks (`sys.excepthook` and `threading.excepthook`) log the exception and then call a
`notify` function, which the desktop app uses to show a dialog with the log's location and a "Copy
details" button (`ui/crash_dialog.py`); the Windows build has no console, so without them an exception in a
Qt slot would vanish. Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from . import __version__
from .masking import mask_secrets

LOG_FILE = "sv-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOGGER = "sv_desktop"

Notify = Callable[[str, "Path | None"], None]
"""Called with the details of an uncaught exception (masked) and the log file's path (None: no log)."""


class _MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


_handler_class: type | None = None


def _private_handler_class() -> type:
    """A RotatingFileHandler whose files (each rotated one too) are created readable by their user only,
    whatever the umask. Built on first use: `logging.handlers` costs a few tens of milliseconds to import,
    which the app spends off the UI thread, after its window shows."""
    global _handler_class
    if _handler_class is None:
        from logging.handlers import RotatingFileHandler

        class PrivateRotatingFileHandler(RotatingFileHandler):
            def _open(self):
                fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                opened = os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
                os.chmod(self.baseFilename, 0o600)
                return opened

        _handler_class = PrivateRotatingFileHandler
    return _handler_class


def _ours(handler: logging.Handler) -> TypeGuard[logging.FileHandler]:
    """The app's own log file handler (a rotating file handler)."""
    return _handler_class is not None and isinstance(handler, _handler_class)


def _platform() -> str:
    import platform

    return f"{platform.system()} {platform.release()}, Python {platform.python_version()}"


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / "logs" / LOG_FILE


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log records to the rotating file in the data folder; returns its path, or None when
    the folder cannot be written (the app carries on without a log rather than not starting)."""
    path = log_path(data_dir)
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if _ours(handler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path.parent, 0o700)
        handler = _private_handler_class()(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                           encoding="utf-8", delay=False)
    except OSError:
        return None
    handler.setFormatter(_MaskingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    for old in [h for h in logger.handlers if _ours(h)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.info("sv-desktop %s on %s", __version__, _platform())
    return path


def current_log_path() -> Path | None:
    for handler in logging.getLogger(LOGGER).handlers:
        if _ours(handler):
            return Path(handler.baseFilename)
    return None


def log_failure(what: str, error: BaseException, logger: str = f"{LOGGER}.background") -> None:
    """Record a failure of work nobody is waiting for (a background backup, reminders...), with its
    traceback; the person using the app is not interrupted."""
    logging.getLogger(logger).warning("%s failed: %s", what, error,
                                      exc_info=(type(error), error, error.__traceback__))


def describe(kind: type[BaseException], value: BaseException, tb) -> str:
    """The details of an exception as shown in the dialog and copied for the support desk (masked)."""
    import traceback

    text = "".join(traceback.format_exception(kind, value, tb))
    return mask_secrets(f"sv-desktop {__version__} on {_platform()}\n{text}")


def install_exception_hooks(notify: Notify | None = None) -> None:
    """Log every uncaught exception (main thread and other threads), then call `notify` with its details."""
    logger = logging.getLogger(f"{LOGGER}.uncaught")

    def report(kind, value, tb, where: str) -> None:
        # A library configuring logging may have disabled existing loggers: a crash is always logged.
        for name in (LOGGER, f"{LOGGER}.uncaught"):
            logging.getLogger(name).disabled = False
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        logger.error("uncaught exception in %s", where, exc_info=(kind, value, tb))
        if notify is not None:
            try:
                notify(describe(kind, value, tb), current_log_path())
            except Exception:  # noqa: BLE001 - the hook itself must never raise
                logger.exception("the error dialog could not be shown")

    def main_hook(kind, value, tb) -> None:
        report(kind, value, tb, "the main thread")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        report(args.exc_type, args.exc_value, args.exc_traceback, name)

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
