"""The doctor: one report of everything worth knowing when something seems wrong with the data.

It runs the full integrity and foreign-key checks, reads the schema revision, lists the backups and says
where everything lives. Each line is plain text, fit to paste into an e-mail to the IT team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from sv_desktop import __version__
from sv_desktop.i18n import _, ngettext

from . import backups as backup_files
from .migrate import current_revisions, head_revision
from .models import TenderRow

if TYPE_CHECKING:
    from .tender_store import TenderStore

# Folders synchronised by cloud clients or redirected profiles break SQLite's locking and WAL.
_RISKY_FOLDER_WORDS = ("onedrive", "dropbox", "google drive", "icloud", "\\\\", "appdata\\roaming")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def lines(self) -> list[str]:
        verdict = _("everything looks healthy.") if self.ok else _("problems were found.")
        out = [f"sv-desktop {__version__}: {verdict}"]
        states = {True: _("OK"), False: _("PROBLEM")}
        width = max(len(state) for state in states.values())
        out += [_("{state} {check}: {detail}").format(state=states[check.ok].ljust(width), check=check.name,
                                                      detail=check.detail) for check in self.checks]
        out += [_("{label}: {value}").format(label=label, value=value) for label, value in self.facts]
        return out


def run_doctor(store: TenderStore) -> DoctorReport:
    report = DoctorReport()
    add = report.checks.append
    with store.engine.connect() as connection:
        revisions = current_revisions(connection)
        head = head_revision()
        revision = _("revision {revisions}").format(revisions=", ".join(revisions) or _("none"))
        if revisions != (head,):
            revision = _("{revision}; this version expects {head}").format(revision=revision, head=head)
        add(Check(_("Schema"), revisions == (head,), revision))
        if store.is_sqlite:
            rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            add(Check(_("Integrity check"), rows == ["ok"], _("ok") if rows == ["ok"] else "; ".join(rows[:5])))
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            add(Check(_("Links between tables"), not broken,
                      _("ok") if not broken else ngettext("{count} row points at a missing tender",
                                                          "{count} rows point at missing tenders",
                                                          len(broken)).format(count=len(broken))))
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            add(Check(_("Journal mode"), str(mode).lower() == "wal", str(mode)))
        live = connection.scalar(select(func.count()).select_from(TenderRow).where(TenderRow.deleted_at.is_(None)))
        binned = connection.scalar(
            select(func.count()).select_from(TenderRow).where(TenderRow.deleted_at.is_not(None)))
        if not store.is_sqlite:
            server = connection.execute(text("SELECT version()")).scalar()
            report.facts.append((_("Database server"), str(server).split(",")[0]))
    report.facts.append((_("Tenders"), _("{live} (and {binned} in the bin)").format(live=live, binned=binned)))
    report.facts.append((_("Database"), store.location))
    report.facts.append((_("Data folder"), str(store.paths.data_dir)))
    if store.is_sqlite:
        _backup_checks(store, report)
        lowered = str(store.paths.data_dir).lower()
        risky = any(word in lowered for word in _RISKY_FOLDER_WORDS)
        add(Check(_("Data folder location"), not risky,
                  _("local disk") if not risky else _("it looks like a synchronised or network folder; "
                                                      "keep the data folder on the local disk")))
    else:
        report.facts.append((_("Backups"), _("made by the database server's administrators")))
    return report


def _backup_checks(store: TenderStore, report: DoctorReport) -> None:
    found = backup_files.list_backups(store.paths)
    good = [info for info in found if info.ok]
    bad = [info for info in found if not info.ok]
    report.checks.append(backup_files_check(len(good), len(bad)))
    report.facts.append((_("Backups folder"), str(store.paths.backups)))
    for info in found:
        state = _("ok") if info.ok else _("DAMAGED")
        report.facts.append((_("Backup"), _("{created} {reason} {size:,} bytes {state}: {name}").format(
            created=f"{info.created.astimezone():%Y-%m-%d %H:%M}", reason=info.reason, size=info.size, state=state,
            name=info.path.name)))
    if store.paths.damaged.is_dir():
        kept = sorted(p.name for p in store.paths.damaged.iterdir() if p.name.endswith(".sqlite3"))
        if kept:
            report.facts.append((_("Damaged files kept"), _("{count} in {folder}").format(
                count=len(kept), folder=store.paths.damaged)))


def backup_files_check(good: int, bad: int) -> Check:
    if bad:
        return Check(_("Backups"), False, _("{good} good, {bad} damaged").format(good=good, bad=bad))
    return Check(_("Backups"), True, _("{good} good").format(good=good) if good
                 else _("none yet (one is made when data changes)"))
