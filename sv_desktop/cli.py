"""`sv-desktop` on the command line: the same services as the app.

Every failure is one plain line on stderr and a non-zero exit, never a traceback:
0 done (check: no blocker), 1 check found a blocker, 2 bad input or usage, 3 the database cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .i18n import _, ngettext

EXIT_OK, EXIT_BLOCKER, EXIT_INPUT, EXIT_DATABASE = 0, 1, 2, 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sv-desktop",
        description=_("Build social value into NHS tenders (policy P238). With no command, opens the "
                      "app."))
    parser.add_argument("--version", action="version", version=f"sv-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("folder for the database, backups and "
                                                            "settings (default: the user's local "
                                                            "application data folder; or "
                                                            "SV_DESKTOP_DATA_DIR)"))
    parser.add_argument("--database-url", metavar="URL", help=_(
        "shared PostgreSQL database for team mode, e.g. postgresql+psycopg://user@server/svdesktop "
        "(or SV_DESKTOP_DATABASE_URL)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help=_("list the tenders"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = sub.add_parser("import", help=_("import a .svtender.json file (an existing reference is "
                                        "updated)"))
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true", help=_("replace the stored tender even if it was "
                                                          "changed after the file was exported (the "
                                                          "replaced version stays in its history)"))
    p = sub.add_parser("export", help=_("write a tender to a .svtender.json file"))
    p.add_argument("reference")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("check", help=_("check a tender file or a stored tender against the policy"))
    p.add_argument("target", help=_("a .svtender.json file or a tender reference"))
    p.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    p = sub.add_parser("pack", help=_("export the ITT social value question pack (.pdf or .docx)"))
    p.add_argument("reference")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("portal", help=_("write the questions as an e-tendering portal import workbook "
                                        "(.xlsx or .csv)"))
    p.add_argument("reference")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--profile", default="neutral", metavar="NAME",
                   help=_("the portal's layout (default: neutral; also proactis-webprocure, "
                          "award-atamis, or a Trust's own profile)"))
    p = sub.add_parser("brief", help=_("export the pre-market engagement brief (.pdf or .docx)"))
    p.add_argument("reference")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("report", help=_("write the social value compliance report (.pdf for the "
                                        "committee, .xlsx for analysts)"))
    p.add_argument("--from", dest="start", metavar="DATE",
                   help=_("first day of the period, YYYY-MM-DD or DD/MM/YYYY (default: two years "
                          "before --to)"))
    p.add_argument("--to", dest="end", metavar="DATE", help=_("last day of the period (default: today)"))
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("pipeline", help=_("export the tenders due to go to market in the coming months "
                                          "(.csv or .xlsx)"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--months", type=int, default=12, metavar="N", help=_("how many months ahead "
                                                                         "(default 12)"))
    p.add_argument("--notice", action="store_true", help=_("write the Procurement Act 2023 s.93 "
                                                           "pipeline notice (.xlsx or .json) for the "
                                                           "financial year given by --year"))
    p.add_argument("--year", type=int, metavar="YYYY", help=_("with --notice: the financial year "
                                                              "starting 1 April YYYY (default: the "
                                                              "next 1 April)"))
    p = sub.add_parser("ocds", help=_("write tenders as an Open Contracting Data Standard 1.1 release "
                                      "package (.json), as Find a Tender publishes notices; nothing is "
                                      "sent"))
    p.add_argument("references", nargs="*", metavar="REF", help=_("the tenders to include"))
    p.add_argument("--pipeline-year", type=int, metavar="YYYY",
                   help=_("instead of REFs: the contracts of the pipeline notice for the year from 1 "
                          "April YYYY"))
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("performance", help=_("write the KPI ratings each contract performance notice "
                                             "needs (Procurement Act 2023 s.71) as .xlsx or .json"))
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("evaluation", help=_("the evaluation of a tender's bids: evaluator workbooks, "
                                            "importing their scores, the moderation record and the "
                                            "bidders' assessment summaries"))
    p.add_argument("reference")
    p.add_argument("--workbooks", type=Path, metavar="DIR", help=_("write one evaluator workbook (.xlsx) "
                                                                   "per panel member into DIR"))
    p.add_argument("--import", dest="import_files", type=Path, nargs="+", metavar="FILE",
                   help=_("import filled evaluator workbooks; any error refuses them all, naming the "
                          "cell"))
    p.add_argument("--moderation", type=Path, metavar="OUT.pdf", help=_("write the moderation record "
                                                                        "(.pdf)"))
    p.add_argument("--summaries", type=Path, metavar="DIR", help=_("write each bidder's assessment "
                                                                   "summary (.pdf and .docx) into DIR"))
    p.add_argument("--sent", metavar="DATE", help=_("with --summaries: record the summaries as sent on "
                                                    "DATE (YYYY-MM-DD or DD/MM/YYYY)"))
    p.add_argument("--force", action="store_true", help=_("replace files that are already there"))
    p = sub.add_parser("bid", help=_("the Trust's own bids: list, import, export, check, response, approval, "
                                     "pipeline"))
    bid_sub = p.add_subparsers(dest="bid_command", required=True)
    bid_sub.add_parser("list", help=_("list the bids"))
    q = bid_sub.add_parser("import", help=_("import a bid file (.svbid.json, format sv-desktop.bid)"))
    q.add_argument("file", type=Path)
    q = bid_sub.add_parser("export", help=_("write a bid, with the commitments it uses, to a bid file"))
    q.add_argument("reference")
    q.add_argument("--out", type=Path, required=True)
    q = bid_sub.add_parser("check", help=_("check a stored bid against the bid rules"))
    q.add_argument("reference")
    q = bid_sub.add_parser("response", help=_("write the response to the commissioner's questions (.docx or "
                                              ".pdf), ready to paste into the portal"))
    q.add_argument("reference")
    q.add_argument("--out", type=Path, required=True, metavar="FILE.docx|FILE.pdf")
    q = bid_sub.add_parser("approval", help=_("write the one-page internal approval summary (.pdf)"))
    q.add_argument("reference")
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    q = bid_sub.add_parser("pipeline", help=_("write every bid as the Bid Lead's pipeline (.csv or .xlsx)"))
    q.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    sub.add_parser("demo", help=_("load worked example tenders and bids"))
    sub.add_parser("backup", help=_("back up the database now"))
    p = sub.add_parser("restore", help=_("restore the database from a backup file"))
    p.add_argument("file", type=Path)
    sub.add_parser("doctor", help=_("check the database and list backups and data locations"))
    p = sub.add_parser("team-setup", help=_("print the SQL that creates least-privilege roles for a "
                                            "team database"))
    p.add_argument("--print-sql", action="store_true", required=True, help=_("print the set-up script"))
    p.add_argument("--schema", default="sv_desktop", help=_("schema holding the tables (default "
                                                            "sv_desktop)"))
    p.add_argument("--owner", default="sv_desktop_owner", help=_("role that owns the tables and runs "
                                                                 "upgrades"))
    p.add_argument("--member", default="sv_desktop_member", help=_("group role of the people using the "
                                                                   "app"))
    p.add_argument("--database", help=_("database name: set the schema as its search path for every "
                                        "member"))
    return parser


def _service(args: argparse.Namespace):
    from .services.errors import DatabaseProblem, ServiceError
    from .services.tender_service import open_service

    try:
        service = open_service(args.data_dir, args.database_url)
    except DatabaseProblem as exc:
        hint = (_(" Run 'sv-desktop restore BACKUP' to restore a backup, or open the app to choose.")
                if exc.damaged else "")
        raise CliError(f"{exc}{hint}", EXIT_DATABASE) from exc
    except ServiceError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from exc
    from .logging_setup import install_exception_hooks, setup_logging

    setup_logging(service.data_dir)  # background failures (the backup before an import) are logged
    install_exception_hooks()
    return service


def _money(value) -> str:
    return f"£{value:,.2f}"


def cmd_list(args) -> int:
    import json

    service = _service(args)
    rows = service.list_tenders()
    if args.json:
        print(json.dumps([
            {"reference": r.reference, "title": r.title, "category": r.category,
             "value_excl_vat_gbp": float(r.value_excl_vat_gbp), "stage": r.stage, "compliant": r.compliant,
             "tender_notice_date": r.tender_notice_date.isoformat() if r.tender_notice_date else None}
            for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(_("No tenders yet. Create one in the app, or run 'sv-desktop demo' for worked examples."))
        return EXIT_OK
    for r in rows:
        state = {True: _("compliant"), False: _("NOT compliant"), None: _("not checked")}[r.compliant]
        print(f"{r.reference}\t{r.title}\t{service.content.category_label(r.category)}\t"
              f"{_money(r.value_excl_vat_gbp)}\t{state}")
    return EXIT_OK


def _one_writer(args, what: str):
    """The instance lock for destructive work on the local database (see `services.backups.one_writer`)."""
    from .services.backups import one_writer

    return one_writer(args.data_dir, args.database_url, what)


def cmd_import(args) -> int:
    from .services.errors import ImportConflictError

    try:
        with _one_writer(args, _("import")):
            service = _service(args)
            try:
                tender, created = service.import_file(args.file, force=args.force)
            finally:
                service.close()
    except ImportConflictError as exc:
        raise CliError(_("{exc} Run the import again with --force to replace it; the version replaced "
                         "is kept in the tender's history.").format(exc=exc)) from exc
    done = _("Imported {reference}: {title}") if created else _("Updated {reference}: {title}")
    print(done.format(reference=tender.reference, title=tender.title))
    return EXIT_OK


def cmd_export(args) -> int:
    service = _service(args)
    out = service.export_file(service.get(args.reference), args.out)
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def _looks_like_file(target: str) -> bool:
    path = Path(target)
    return path.suffix.lower() == ".json" or path.exists() or "/" in target or "\\" in target


def _severity_label(severity: str) -> str:
    """A finding's severity as `check` prints it (the JSON output keeps the id)."""
    labels = {"blocker": _("blocker"), "requirement": _("requirement"), "warning": _("warning"),
              "advice": _("advice")}
    return labels.get(severity, severity)


def cmd_check(args) -> int:
    import json

    from .model import rules
    from .model.tender_file import TenderFileError, read_tender_file

    if _looks_like_file(args.target):
        try:
            tender = read_tender_file(args.target)
        except TenderFileError as exc:
            if args.json:
                print(json.dumps({"reference": None, "valid": False, "error": str(exc)}, ensure_ascii=False))
            raise CliError(f"{args.target}: {exc}") from exc
        report = rules.check_report(tender, rules.evaluate(tender))
    else:
        service = _service(args)
        report = service.check_report(service.get(args.target))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        verdict = (_("{reference} meets the policy.") if report["compliant"]
                   else _("{reference} does NOT meet the policy."))
        print(verdict.format(reference=report["reference"]))
        for f in report["findings"]:
            print(f"  [{_severity_label(f['severity'])}] {f['rule']}: {f['message']}")
    return EXIT_OK if report["compliant"] else EXIT_BLOCKER


def cmd_pack(args) -> int:
    service = _service(args)
    tender = service.get(args.reference)
    suffix = args.out.suffix.lower()
    if suffix == ".pdf":
        out = service.export_pdf(tender, args.out)
    elif suffix == ".docx":
        out = service.export_docx(tender, args.out)
    else:
        raise CliError(_("--out must end in .pdf or .docx, not {name!r}").format(name=args.out.name))
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def cmd_portal(args) -> int:
    service = _service(args)
    tender = service.get(args.reference)
    out, notes = service.export_portal(tender, args.out, args.profile)
    print(_("Wrote {out}").format(out=out))
    for note in notes:
        print(_("  Note: {note}").format(note=note))
    return EXIT_OK


def cmd_brief(args) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise CliError(_("--out must end in .pdf or .docx, not {name!r}").format(name=args.out.name))
    service = _service(args)
    tender = service.get(args.reference)
    out = service.export_brief(tender, args.out) if suffix == ".pdf" else service.export_brief_docx(tender, args.out)
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def _date(text: str | None, option: str):
    """A date given on the command line, or None; a bad one is a one-line error naming the option."""
    import datetime as dt
    import re

    if text is None:
        return None
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            return dt.date(*(int(part) for part in value.split("-")))
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise CliError(_("{option} {text!r} is not a real date.").format(option=option, text=text)) from None
    raise CliError(_("{option} must be a date written YYYY-MM-DD or DD/MM/YYYY, not {text!r}.").format(
                     option=option, text=text))


def cmd_report(args) -> int:
    if args.out.suffix.lower() not in (".pdf", ".xlsx"):
        raise CliError(_("--out must end in .pdf or .xlsx, not {name!r}").format(name=args.out.name))
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if start and end and start > end:
        raise CliError(_("--from ({start}) is after --to ({end}).").format(
                         start=start.isoformat(), end=end.isoformat()))
    service = _service(args)
    out = service.export_report(start, end, args.out)
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def _pipeline_notice(args) -> int:
    if args.out.suffix.lower() not in (".xlsx", ".json"):
        raise CliError(_("With --notice, --out must end in .xlsx or .json, not {name!r}").format(
                         name=args.out.name))
    if args.year is not None and not 2000 <= args.year <= 2200:
        raise CliError(_("--year must be a year such as 2027, not {year}.").format(year=args.year))
    service = _service(args)
    from .model.rules.text import long_date

    out, notice = service.export_pipeline_notice(args.out, args.year)
    count = len(notice.contracts)
    print(ngettext("Wrote {out}: pipeline notice {year_label}, {count} contract; publish it by {publish_by}.",
                   "Wrote {out}: pipeline notice {year_label}, {count} contracts; publish it by {publish_by}.",
                   count).format(out=out, year_label=notice.year_label, count=count,
                                 publish_by=long_date(notice.publish_by)))
    return EXIT_OK


def cmd_pipeline(args) -> int:
    if args.notice:
        return _pipeline_notice(args)
    if args.year is not None:
        raise CliError(_("--year is used with --notice only."))
    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        raise CliError(_("--out must end in .csv or .xlsx, not {name!r}").format(name=args.out.name))
    if not 1 <= args.months <= 120:
        raise CliError(_("--months must be between 1 and 120, not {months}.").format(months=args.months))
    service = _service(args)
    rows = service.pipeline(args.months)
    out = service.export_pipeline(args.out, rows)
    print(ngettext("Wrote {out} ({count} tender in the next {months} months)",
                   "Wrote {out} ({count} tenders in the next {months} months)",
                   len(rows)).format(out=out, count=len(rows), months=args.months))
    return EXIT_OK


def cmd_ocds(args) -> int:
    if bool(args.references) == (args.pipeline_year is not None):
        raise CliError(_("Name the tenders (REF ...) or give --pipeline-year, one or the other."))
    if args.out.suffix.lower() != ".json":
        raise CliError(_("--out must end in .json, not {name!r}").format(name=args.out.name))
    service = _service(args)
    out, count = service.export_ocds(args.out, args.references, pipeline_year=args.pipeline_year)
    print(ngettext("Wrote {out} ({count} release, OCDS 1.1).", "Wrote {out} ({count} releases, OCDS 1.1).",
                   count).format(out=out, count=count))
    return EXIT_OK


def cmd_performance(args) -> int:
    if args.out.suffix.lower() not in (".xlsx", ".json"):
        raise CliError(_("--out must end in .xlsx or .json, not {name!r}").format(name=args.out.name))
    service = _service(args)
    out, years = service.export_performance_notices(args.out)
    waiting = sum(not year.complete for year in years)
    wrote = ngettext("Wrote {out}: {count} assessment year.", "Wrote {out}: {count} assessment years.",
                     len(years)).format(out=out, count=len(years))
    if waiting:
        wrote = ngettext("Wrote {out}: {count} assessment year, {waiting} still missing ratings.",
                         "Wrote {out}: {count} assessment years, {waiting} still missing ratings.",
                         len(years)).format(out=out, count=len(years), waiting=waiting)
    print(wrote)
    return EXIT_OK


def _refuse_existing(paths, force: bool) -> None:
    from .i18n import _

    if force:
        return
    for path in paths:
        if Path(path).exists():
            raise CliError(_("{path} is already there; run again with --force to replace it.").format(path=path))


def cmd_evaluation(args) -> int:
    import datetime as dt

    from .i18n import _, ngettext

    if not (args.workbooks or args.import_files or args.moderation or args.summaries):
        raise CliError(_("Say what to do: --workbooks DIR, --import FILE..., --moderation OUT.pdf or "
                         "--summaries DIR."))
    if args.moderation and args.moderation.suffix.lower() != ".pdf":
        raise CliError(_("--moderation must end in .pdf, not {name!r}").format(name=args.moderation.name))
    if args.sent and not args.summaries:
        raise CliError(_("--sent is used with --summaries only."))
    sent = _date(args.sent, "--sent")
    if sent is not None and sent > dt.date.today():
        raise CliError(_("--sent {day} is after today.").format(day=args.sent))
    if args.moderation:
        _refuse_existing([args.moderation], args.force)
    service = _service(args)
    ref = args.reference
    if args.workbooks:
        names = service.evaluator_workbook_files(ref, args.workbooks)
        _refuse_existing(names, args.force)
        for path in service.write_evaluator_workbooks(ref, args.workbooks):
            print(_("Wrote {path}").format(path=path))
    if args.import_files:
        count = service.import_evaluator_workbooks(ref, args.import_files)
        print(ngettext("Imported {count} score.", "Imported {count} scores.", count).format(count=count))
    if args.moderation:
        print(_("Wrote {path}").format(path=service.export_moderation_record(ref, args.moderation)))
    if args.summaries:
        for path in service.write_assessment_summaries(ref, args.summaries, replace=args.force):
            print(_("Wrote {path}").format(path=path))
        if sent is not None:
            service.record_summaries_sent(ref, sent)
            print(_("Recorded the summaries as sent on {day}.").format(day=f"{sent:%d/%m/%Y}"))
    return EXIT_OK


def cmd_demo(args) -> int:
    from .demo import load_demo, load_demo_bids

    with _one_writer(args, _("load the examples")):
        service = _service(args)
        try:
            loaded = load_demo(service)
            bids = load_demo_bids(service)
        finally:
            service.close()
    for tender, created in loaded:
        done = _("Added {reference}: {title}") if created else _("Refreshed {reference}: {title}")
        print(done.format(reference=tender.reference, title=tender.title))
    for bid in bids:
        print(_("Loaded bid {reference}: {title}").format(reference=bid.reference, title=bid.title))
    return EXIT_OK


def cmd_backup(args) -> int:
    print(_("Backed up to {backup}").format(backup=_service(args).backup()))
    return EXIT_OK


def cmd_restore(args) -> int:
    from .services.backups import restore_local_backup
    from .services.errors import ServiceError

    if args.database_url:
        raise CliError(_("Restore works on the local database only; a shared database is restored by "
                         "its server's administrator."))
    try:
        outcome = restore_local_backup(args.data_dir, args.file)
    except ServiceError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from exc
    kept = _("; the previous database was kept as {kept}").format(kept=outcome.kept) if outcome.kept else ""
    copy = _(" and backed up as {backup}").format(backup=outcome.backup) if outcome.backup else ""
    print(_("Restored {name}{kept}{copy}").format(name=args.file.name, kept=kept, copy=copy))
    return EXIT_OK


def cmd_doctor(args) -> int:
    from .paths import app_paths

    try:
        service = _service(args)
    except CliError as exc:
        from .masking import mask_secrets

        paths = app_paths(args.data_dir)
        print(_("Database: {database}").format(database=paths.database))
        print(_("Problem: {problem}").format(problem=mask_secrets(str(exc))))
        backups = sorted(paths.backups.glob("*.sqlite3")) if paths.backups.is_dir() else []
        for backup in backups:
            print(_("Backup: {backup}").format(backup=backup))
        raise
    lines = service.doctor()
    print("\n".join(lines))
    return EXIT_OK


def cmd_team_setup(args) -> int:
    from .team_setup import TeamSetupError, setup_sql

    try:
        print(setup_sql(args.schema, args.owner, args.member, args.database), end="")
    except TeamSetupError as exc:
        raise CliError(str(exc)) from exc
    return EXIT_OK


_BID_DOCUMENTS = {"response": (".docx", ".pdf"), "approval": (".pdf",), "pipeline": (".csv", ".xlsx")}


def _bid_document(args) -> int:
    """`bid response REF --out FILE.docx|.pdf`, `bid approval REF --out FILE.pdf`, `bid pipeline --out FILE`."""
    allowed = _BID_DOCUMENTS[args.bid_command]
    if args.out.suffix.lower() not in allowed:
        raise CliError(_("--out must end in {allowed}, not {name!r}").format(allowed=_(" or ").join(allowed),
                                                                           name=args.out.name))
    service = _service(args)
    if args.bid_command == "response":
        out = service.export_bid_response(args.reference, args.out)
    elif args.bid_command == "approval":
        out = service.export_bid_approval(args.reference, args.out)
    else:
        out = service.export_bid_pipeline(args.out)
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def cmd_bid(args) -> int:
    """`sv-desktop bid list|import FILE|export REF --out FILE|check REF|response|approval|pipeline`."""
    from .model.bid import stage_label

    if args.bid_command in _BID_DOCUMENTS:
        return _bid_document(args)
    service = _service(args)
    if args.bid_command == "list":
        rows = service.list_bids()
        if not rows:
            print(_("No bids yet."))
        for r in rows:
            value = _money(r.value_gbp) if r.value_gbp is not None else "-"
            print(f"{r.reference}\t{r.title}\t{r.commissioner}\t{value}\t{stage_label(r.stage)}")
        return EXIT_OK
    if args.bid_command == "import":
        bid = service.import_bid_file(args.file)
        print(_("Imported bid {reference}.").format(reference=bid.reference))
        return EXIT_OK
    if args.bid_command == "export":
        print(service.export_bid_file(args.reference, args.out))
        return EXIT_OK
    findings = service.bid_findings(service.get_bid(args.reference))
    for finding in findings:
        print(f"[{finding.severity}] {finding.rule}: {finding.message} ({finding.source})")
    if not findings:
        print(_("No findings."))
    return EXIT_BLOCKER if any(f.severity == "blocker" for f in findings) else EXIT_OK


COMMANDS = {
    "bid": cmd_bid, "list": cmd_list, "import": cmd_import, "export": cmd_export, "check": cmd_check, "pack": cmd_pack,
    "portal": cmd_portal, "ocds": cmd_ocds, "performance": cmd_performance, "brief": cmd_brief,
    "report": cmd_report, "pipeline": cmd_pipeline, "evaluation": cmd_evaluation, "demo": cmd_demo,
    "backup": cmd_backup, "restore": cmd_restore, "doctor": cmd_doctor, "team-setup": cmd_team_setup,
}


APP_OPTIONS = ("--data-dir", "--database-url")


def app_options(argv: Sequence[str]) -> dict[str, str] | None:
    """The options when `argv` only opens the app: nothing but `--data-dir` and `--database-url`, each
    spelt out in full with its value (`--data-dir DIR` or `--data-dir=DIR`). None for anything else (a
    command, --help, --version, an abbreviation, a missing value), which the full parser then handles.

    Opening the app is what nearly every start does; building the full parser with its thirteen commands
    costs about as much as drawing the main window's toolbar, so it is built only when needed.
    """
    found: dict[str, str] = {}
    tokens = iter(argv)
    for token in tokens:
        name, equals, value = token.partition("=")
        if name not in APP_OPTIONS:
            return None
        if not equals:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        found[name] = value
    return found


def _open_app(data_dir: str | None, database_url: str | None) -> int:
    """The desktop app; when Qt cannot load for want of a system library, which one and how to install it."""
    from .gui import main as gui_main

    try:
        return gui_main(data_dir, database_url)
    except ImportError:  # PySide6 loads its libraries on first import, inside gui.main
        from .qt_runtime import missing_libraries, problem

        missing = missing_libraries()
        if not missing:
            raise
        print(problem(missing), file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opening = app_options(argv)
    if opening is not None:
        return _open_app(opening.get("--data-dir"), opening.get("--database-url"))
    args = _parser().parse_args(argv)
    if args.command is None:
        return _open_app(args.data_dir, args.database_url)
    from .masking import mask_secrets
    from .services.errors import DatabaseInUse, ServiceError

    try:
        return COMMANDS[args.command](args)
    except (CliError, DatabaseInUse, ServiceError) as exc:
        print(_("sv-desktop: {problem}").format(problem=mask_secrets(str(exc))), file=sys.stderr)
        if isinstance(exc, CliError):
            return exc.code
        return EXIT_DATABASE if isinstance(exc, DatabaseInUse) else EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
