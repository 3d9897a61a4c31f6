"""Every message a user reads outside the UI goes through `_()` or `ngettext()`.

The services', store's, model's and exports' error messages, and what the command line prints, are read
by a manager (in a message box, beside a field, on a terminal). This test reads the code with `ast` and
names, as file:line, every string literal or f-string with letters that is the message of one of the
project's user-facing errors, the problem given to a content file's `fail()`, or a line the command line
prints, without `_()`. Log messages, data keys and identifiers are not looked at.
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
LETTERS = re.compile(r"[A-Za-z]")

# Errors raised with a text no user reads: (file, line text fragment) -> why.
ALLOWED = {
    ("sv_desktop/model/resource_yaml.py", "the key {key!r} is written twice"):
        "PyYAML's own error, caught at once; load_yaml_file words the problem through _()",
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


def _sinks(tree: ast.AST, errors: set[str], cli: bool, export: bool = False) -> Iterator[ast.expr]:
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
        for sink in _sinks(ast.parse(text), errors, cli, export):
            for literal in untranslated(sink):
                line = lines[literal.lineno - 1]
                if any(file == relative and fragment in line for file, fragment in ALLOWED):
                    continue
                found.append(f"{relative}:{literal.lineno}: {line.strip()[:100]}")
    return sorted(set(found))


def test_every_user_facing_message_goes_through_gettext():
    missing = findings()
    assert not missing, ("Wrap these messages in _() (or ngettext for a count):\n" + "\n".join(missing))
