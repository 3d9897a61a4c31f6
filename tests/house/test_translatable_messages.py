"""Every message a user reads outside the UI goes through `_()` or `ngettext()`.

The services', store's, model's and exports' error messages, and what the command line prints, are read
by a manager (in a message box, beside a field, on a terminal). This test reads the code with `ast` and
names, as file:line, every string literal or f-string with letters that is the message of one of the
project's user-facing errors, the problem given to a content file's `fail()`, or a line the command line
prints, without `_()`. The exports' workbooks are read too (cells, sheet names, data validation messages,
the tables of headers and labels, which are marked with `N_()`), and the doctor's checks, facts and lines.
Log messages, data keys and identifiers are not looked at.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sv_desktop"
SCANNED = ("model", "store", "services", "export")
# The command line's modules: what they print is read on a terminal.
CLI_MODULES = ("cli.py",)
TRANSLATING = {"_", "ngettext"}
# The exports' document blocks (export/blocks.py): every text given to one is printed in a document.
BLOCKS = {"Heading", "Para", "Bullets", "Table", "Facts", "Callout", "Cover", "Document", "ResponseForm"}
NOT_TEXT = {"style", "kind"}
# What the exports write into workbooks (openpyxl): `put(sheet, row, column, value)`, `sheet.append([...])`,
# `cell.value = ...`, `sheet.title = ...`, `book.create_sheet(...)`, a data validation's message, and the
# tables of headers and labels defined at import (which must be marked with N_() and translated where used).
CELL_WRITERS = {"put": 3, "append": 0, "create_sheet": 0}
SHEET_NAMES = {"about", "summary", "ws"}
SHOWN_ATTRIBUTES = {"value", "title"}
SHOWN_KEYWORDS = {"errorTitle", "error", "promptTitle", "prompt"}
SHOWN_CONSTANTS = {"NOT_SET", "NOT_RATED", "REPORT_NAME", "AUDIENCE", "LEGAL_BASIS", "QUESTIONNAIRE", "SHEET",
                   "SCALES", "SHEETS", "PERIODS", "MEASURES", "TITLE", "PACK_NAME", "DRAFT_MARK", "DRAFT_VERSION"}
# The doctor's report (store/doctor.py): the checks' names and details, the facts, and its lines.
DOCTOR = "doctor.py"
LETTERS = re.compile(r"[A-Za-z]")

# Errors raised with a text no user reads: (file, line text fragment) -> why.
ALLOWED = {
    ("sv_desktop/model/resource_yaml.py", "the key {key!r} is written twice"):
        "PyYAML's own error, caught at once; load_yaml_file words the problem through _()",
    ("sv_desktop/store/doctor.py", 'f"sv-desktop {__version__}: {verdict}"'):
        "the program's name and version; the verdict is translated",
}


def scanned_files() -> list[Path]:
    files = [p for folder in SCANNED for p in sorted((PACKAGE / folder).rglob("*.py"))
             if "migrations" not in p.parts]
    files += sorted(p for p in PACKAGE.glob("*.py"))
    return files


def error_classes(files: list[Path]) -> set[str]:
    """The project's exception classes: every class deriving (here or through another of ours) from an
    exception, plus ValueError, which our validation raises with a sentence for the user."""
    bases: dict[str, set[str]] = {}
    for path in files + sorted((PACKAGE / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                                    for b in node.bases}
    found = {"ValueError"}
    roots = {"Exception", "ValueError", "OSError", "RuntimeError"}
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in found and parents & (found | roots):
                found.add(name)
                changed = True
    return found


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated(node: ast.expr | None) -> Iterator[ast.expr]:
    """The literal text in `node` that reaches the user without `_()`."""
    if node is None:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if LETTERS.search(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and LETTERS.search(str(v.value)) for v in node.values):
            yield node
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from untranslated(value.value)
    elif isinstance(node, ast.BinOp):
        yield from untranslated(node.left)
        yield from untranslated(node.right)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from untranslated(element)
    elif isinstance(node, ast.Starred):
        yield from untranslated(node.value)
    elif isinstance(node, ast.IfExp):
        yield from untranslated(node.body)
        yield from untranslated(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from untranslated(value)
    elif isinstance(node, ast.Call):
        name = _called_name(node.func)
        if name in TRANSLATING:
            return
        if name in ("format", "join") and isinstance(node.func, ast.Attribute):
            # "...".format(x) is checked as its literal; _("...").format(x) is translated.
            yield from untranslated(node.func.value)
            for arg in node.args:
                yield from untranslated(arg)
            for keyword in node.keywords:
                yield from untranslated(keyword.value)


# Where the message is among an error's (or `fail()`'s) positional arguments; by default the first. The
# others are file names, key paths, references and codes.
MESSAGE_AT = {"ContentError": 2, "BankError": 2, "DatabaseDamagedError": 1, "DatabaseBusyError": 1,
              "NewerSchemaError": None, "fail": -1, "ConflictError": slice(None)}


def message_arguments(call: ast.Call) -> Iterator[ast.expr]:
    at = MESSAGE_AT.get(_called_name(call.func), 0)
    if isinstance(at, slice):
        yield from call.args[at]
    elif at is not None and call.args and -len(call.args) <= at < len(call.args):
        yield call.args[at]
    for keyword in call.keywords:
        if keyword.arg in (None, "message", "problem", "reason", "msg", "detail"):
            yield keyword.value


def _shown_constant(name: str) -> bool:
    return name in SHOWN_CONSTANTS or name.endswith(("HEADERS", "LABELS"))


def _on_sheet(call: ast.Call) -> bool:
    """`sheet.append(...)` (a worksheet's rows), not a list's append."""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    return isinstance(receiver, ast.Name) and ("sheet" in receiver.id.lower() or receiver.id in SHEET_NAMES)


def _workbook_sinks(tree: ast.AST) -> Iterator[ast.expr]:
    """Text an export writes into a workbook, and the tables of headers and labels it is taken from."""
    module_level = set(map(id, getattr(tree, "body", [])))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            at = CELL_WRITERS.get(_called_name(node.func))
            if at is not None and len(node.args) > at and (_called_name(node.func) != "append" or _on_sheet(node)):
                yield node.args[at]
            yield from (keyword.value for keyword in node.keywords if keyword.arg in SHOWN_KEYWORDS)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in SHOWN_ATTRIBUTES:
                    yield node.value
                elif id(node) in module_level:
                    names = target.elts if isinstance(target, ast.Tuple) else [target]
                    values = (node.value.elts if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                              else [node.value])
                    for name, value in zip(names, values, strict=False):
                        if isinstance(name, ast.Name) and _shown_constant(name.id):
                            yield value
        elif (isinstance(node, ast.AnnAssign) and id(node) in module_level and node.value is not None
              and isinstance(node.target, ast.Name) and _shown_constant(node.target.id)):
            yield node.value


def _doctor_sinks(tree: ast.AST) -> Iterator[ast.expr]:
    """The doctor's checks (name and detail), facts and the lines it returns."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node.func) == "Check":
            yield from (arg for index, arg in enumerate(node.args) if index != 1)
        elif isinstance(node, ast.Call) and _called_name(node.func) == "append":
            yield from node.args
        elif isinstance(node, ast.Assign | ast.AugAssign) and isinstance(node.value, ast.List | ast.ListComp):
            yield from (node.value.elts if isinstance(node.value, ast.List) else [node.value.elt])


def _sinks(tree: ast.AST, errors: set[str], cli: bool, export: bool = False,
           doctor: bool = False) -> Iterator[ast.expr]:
    if export:
        yield from _workbook_sinks(tree)
    if doctor:
        yield from _doctor_sinks(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node.func)
        if name in errors or name == "fail" or (cli and name in ("print", "write", "error")):
            yield from message_arguments(node)
        elif export and name in BLOCKS:
            yield from node.args
            yield from (keyword.value for keyword in node.keywords if keyword.arg not in NOT_TEXT)
        elif cli and name in ("add_argument", "add_parser", "ArgumentParser"):
            for keyword in node.keywords:
                if keyword.arg in ("help", "description"):
                    yield keyword.value


def findings(files: list[Path] | None = None) -> list[str]:
    files = files if files is not None else scanned_files()
    errors = error_classes(scanned_files())
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        relative = path.relative_to(ROOT).as_posix()
        cli = path.name in CLI_MODULES
        export = path.parent.name == "export"
        doctor = path.name == DOCTOR and path.parent.name == "store"
        for sink in _sinks(ast.parse(text), errors, cli, export, doctor):
            for literal in untranslated(sink):
                line = lines[literal.lineno - 1]
                if any(file == relative and fragment in line for file, fragment in ALLOWED):
                    continue
                found.append(f"{relative}:{literal.lineno}: {line.strip()[:100]}")
    return sorted(set(found))


def test_every_user_facing_message_goes_through_gettext():
    missing = findings()
    assert not missing, ("Wrap these messages in _() (or ngettext for a count):\n" + "\n".join(missing))


CAUGHT = """
HEADERS = ("Reference", N_("Title"))
NOT_SET = "Not set"
SHEET, META = "Scores", "hidden marker"

def write(sheet, book, check):
    put(sheet, 1, 1, "Organisation")
    put(sheet, 2, 1, f"Pipeline notice {year}")
    sheet.append(["This period", value])
    sheet.title = "Summary"
    book.create_sheet("Contracts")
    cell.value = "Yes" if flag else "No"
    DataValidation(type="whole", errorTitle="Score off the scale")
"""
PASSED = """
HEADERS = (N_("Reference"), N_("Title"))
NOT_SET = N_("Not set")
SHEET, META = N_("Scores"), "hidden marker"
FORMAT = "sv-desktop.evaluator-workbook"

def write(sheet, book, check):
    put(sheet, 1, 1, _("Organisation"))
    put(sheet, 2, 1, _("Pipeline notice {year}").format(year=year))
    put(sheet, 3, 1, value, "0.00")
    sheet.append([_("This period"), value])
    sheet.title = sheet_title(_(SHEET))
    book.create_sheet(sheet_title(_("Contracts")))
    cell.value = _("Yes") if flag else _("No")
    DataValidation(type="whole", errorTitle=_("Score off the scale"))
"""
DOCTOR_CAUGHT = """
def run(report, add, mode):
    add(Check("Journal mode", mode == "wal", str(mode)))
    add(Check(_("Integrity check"), ok, "ok" if ok else detail))
    report.facts.append(("Tenders", f"{live} (and {binned} in the bin)"))
    out = [f"{'OK' if c.ok else 'PROBLEM'} {c.name}" for c in checks]
"""
DOCTOR_PASSED = """
def run(report, add, mode):
    add(Check(_("Journal mode"), mode == "wal", str(mode)))
    report.facts.append((_("Tenders"), _("{live} (and {binned} in the bin)").format(live=live, binned=binned)))
    out = [_("{state} {name}").format(state=states[c.ok], name=c.name) for c in checks]
"""


def _literals(source: str, **kinds: bool) -> list[str]:
    return [ast.unparse(literal) for sink in _sinks(ast.parse(source), set(), cli=False, **kinds)
            for literal in untranslated(sink)]


def test_english_written_into_workbooks_is_caught():
    caught = _literals(CAUGHT, export=True)
    for text in ("'Reference'", "'Not set'", "'Scores'", "'Organisation'", "f'Pipeline notice {year}'",
                 "'This period'", "'Summary'", "'Contracts'", "'Yes'", "'No'", "'Score off the scale'"):
        assert text in caught, (text, caught)
    assert "'hidden marker'" not in caught and "'Title'" not in caught
    assert _literals(PASSED, export=True) == []


def test_english_in_the_doctors_report_is_caught():
    caught = _literals(DOCTOR_CAUGHT, doctor=True)
    for text in ("'Journal mode'", "'ok'", "'Tenders'", "f'{live} (and {binned} in the bin)'"):
        assert text in caught, (text, caught)
    assert any("PROBLEM" in text for text in caught)
    assert "'wal'" not in caught
    assert _literals(DOCTOR_PASSED, doctor=True) == []
