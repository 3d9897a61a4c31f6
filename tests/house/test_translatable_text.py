"""Every piece of text the screens show goes through `_()` or `ngettext()` (sv_desktop/i18n.py).

The test reads every module under `sv_desktop/ui` with `ast` and fails, naming the file, the line and the
literal, when a string (or f-string) containing letters is handed straight to something that shows it: a Qt
text setter or constructor, a message box, a status bar, or one of the project's own helpers that put text
on screen (`add_row`, `text_area`, `FieldError`, ...). Text built with `"...".format()`, `+`, `... if ...
else ...` or in a list of header labels is looked into; `_("... {name} ...").format(name=...)` passes.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "sv_desktop" / "ui"

ALL = None  # every positional argument
"""Callables that show text, with the positions of their text arguments (ALL: every positional one)."""
TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    # Qt setters
    **dict.fromkeys((
        "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "setAccessibleName",
        "setAccessibleDescription", "setWhatsThis", "setTitle", "setHtml", "setPlainText", "setSuffix",
        "setPrefix", "setSpecialValueText", "setInformativeText", "setDetailedText", "setLabelText",
        "setWindowIconText", "showMessage", "addMenu", "addAction", "setTabText", "setTabToolTip",
        "setItemText", "setItemToolTip", "setHeaderLabels", "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels", "addItems", "insertItems", "addTab", "insertTab", "addRow", "insertRow",
        "addButton", "setButtonText", "setApplicationDisplayName", "setDefaultText",
    ), ALL),
    "addItem": (0, 1),
    "insertItem": (1, 2),
    # Qt constructors
    **dict.fromkeys((
        "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu", "QToolBar",
        "QToolButton", "QCommandLinkButton", "QDockWidget", "QListWidgetItem", "QTableWidgetItem",
        "QTreeWidgetItem", "QStandardItem", "QWidgetAction",
    ), ALL),
    "QMessageBox": (1, 2),
    # message boxes and file dialogs: (parent, title, text, ...) / (parent, caption, folder, filter)
    **dict.fromkeys(("information", "warning", "critical", "question", "about"), (1, 2)),
    **dict.fromkeys(("getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory"), (1, 3)),
    "getText": (1, 2),
    "getItem": (1, 2),
    # the project's own helpers that put text on screen
    "add_row": (1, 3),
    "text_area": (0, 1),
    "supplier_text_area": (0, 1),
    "DateField": (0,),
    "WrappingCheckBox": (0,),
    "make_heading": ALL,
    "BankPicker": (0, 1),
    "TextReportDialog": (0, 1),
    "SupplierTextPreview": (1,),
    "FieldError": ALL,
    "show_message": ALL,
    "show_state": (1,),
    "_action": (0, 3, 4),
    "_row": (0,),
    "_combo": ALL,
    "_tool_failed": (0,),
    "_short_text": (1,),
    "parse_percent": (1,),
    "parse_whole": (3,),
    "_number": (1,),
    "not_in_future": (2,),
    "ask_replace": ALL,
    "__init__": ALL,  # a dialog base's (service, tender, title, intro)
}
"""Callables whose list arguments are lists of text (elsewhere a tuple is, say, keyboard shortcuts)."""
LIST_CALLS = frozenset({"setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItems",
                        "insertItems", "QTreeWidgetItem"})
"""Keyword arguments that are text on screen, whatever they are passed to."""
TEXT_KEYWORDS = frozenset({
    "text", "title", "intro", "caption", "placeholder", "tip", "tooltip", "description", "message", "noun",
    "heading", "what", "label", "explanation",
})
"""Callables that take messages among other values: a literal passed to them is text if it reads as prose
(it has a space or ends with punctuation), so that keys such as emit("saving", ...) pass."""
PROSE_CALLS = frozenset({"emit", "append", "extend", "insert", "join_sentences", "done", "failed", "finished"})
"""Receivers whose calls are log records or settings, never shown to the user."""
NOT_SHOWN_RECEIVERS = frozenset({"log", "logger", "_log", "LOG", "logging", "settings", "_settings"})

"""Literals that stay as they are, each with its reason (kept short and explicit)."""
ALLOWED: dict[str, str] = {
    "sv-desktop": "the product's name",
}

_LETTERS = re.compile(r"[A-Za-z]")
_MARKUP = re.compile(r"<[^<>]*>|\{[^{}]*\}|&[a-zA-Z]+;|%[sd]")
_FILE_PATTERN = re.compile(r"^\s*\((\*(\.[\w.*]+)?\s*)+\)\s*$")  # " (*.pdf)", " (*.svtender.json)", " (*)"


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    call: str
    literal: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.literal!r} given to {self.call}() without _()"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _receiver(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        value = func.value
        if isinstance(value, ast.Attribute):
            return value.attr
        if isinstance(value, ast.Name):
            return value.id
    return ""


def _is_text(value: str, prose_only: bool) -> bool:
    words = _MARKUP.sub(" ", value)  # markup and placeholders are not text to translate
    if not _LETTERS.search(words) or value in ALLOWED or _FILE_PATTERN.match(value):
        return False
    return not prose_only or " " in words.strip() or words.rstrip().endswith((".", "?", "!", ":", "…"))


def _literals(node: ast.expr, prose_only: bool) -> list[tuple[int, str]]:
    """The untranslated literals that make up the text `node` computes."""
    if isinstance(node, ast.Constant):
        return [(node.lineno, node.value)] if isinstance(node.value, str) and _is_text(node.value, prose_only) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else "{…}" for part in node.values)
        return [(node.lineno, "f" + repr(text))] if _is_text(text.replace("{…}", ""), prose_only) else []
    if isinstance(node, ast.IfExp):
        return _literals(node.body, prose_only) + _literals(node.orelse, prose_only)
    if isinstance(node, ast.BinOp):
        return _literals(node.left, prose_only) + _literals(node.right, prose_only)
    if isinstance(node, ast.BoolOp):
        return [found for value in node.values for found in _literals(value, prose_only)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [found for value in node.elts for found in _literals(value, prose_only)]
    if isinstance(node, ast.Starred):
        return _literals(node.value, prose_only)
    if isinstance(node, ast.Call) and _name(node.func) in ("format", "join", "strip", "upper", "lower", "rstrip"):
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        found = _literals(receiver, prose_only) if receiver is not None else []
        return [f for f in found if _name(node.func) != "join" or _is_text(f[1], True)]
    return []  # names, other calls (_() among them), attributes: not literals


def untranslated(source: str, file: str) -> list[Finding]:
    """Every literal in `source` shown to the user without going through `_()` or `ngettext()`."""
    findings: list[Finding] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in ("_", "ngettext") or _receiver(node.func) in NOT_SHOWN_RECEIVERS:
            continue
        arguments: list[tuple[ast.expr, bool]] = []
        if name in TEXT_CALLS:
            positions = TEXT_CALLS[name]
            arguments += [(arg, False) for index, arg in enumerate(node.args)
                          if positions is ALL or index in positions]
        elif name in PROSE_CALLS:
            arguments += [(arg, True) for arg in node.args]
        arguments += [(keyword.value, False) for keyword in node.keywords if keyword.arg in TEXT_KEYWORDS]
        for argument, prose_only in arguments:
            if isinstance(argument, (ast.List, ast.Tuple)) and name not in LIST_CALLS:
                continue
            findings += [Finding(file, line, name, literal) for line, literal in _literals(argument, prose_only)]
    return findings


def _modules() -> list:
    return sorted(UI.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(UI).as_posix())
def test_text_on_screen_is_translatable(path):
    findings = untranslated(path.read_text(encoding="utf-8"), f"sv_desktop/ui/{path.relative_to(UI).as_posix()}")
    assert not findings, "Text shown without _() / ngettext():\n" + "\n".join(map(str, findings))


def test_the_check_finds_what_it_is_meant_to_find():
    source = textwrap.dedent('''
        from PySide6.QtWidgets import QLabel, QMessageBox
        label = QLabel("Not marked")
        label.setToolTip(f"{n} tenders")
        label.setText("Saved " + name)
        label.setText("Yes" if ok else _("No"))
        add_row(form, "Reference:", field, "What it is")
        QMessageBox.warning(parent, "Not saved", _("text"))
        self.status_changed.emit("saving", "Saving…")
        table.setHorizontalHeaderLabels([_("Reference"), "Title"])
        label.setText("Saved {name}".format(name=name))
    ''')
    found = [(f.line, f.literal) for f in untranslated(source, "example.py")]
    assert sorted(found) == [
        (3, "Not marked"), (4, "f'{…} tenders'"), (5, "Saved "), (6, "Yes"), (7, "Reference:"),
        (7, "What it is"), (8, "Not saved"), (9, "Saving…"), (10, "Title"), (11, "Saved {name}"),
    ]


def test_translated_text_file_patterns_keys_and_logs_pass():
    source = textwrap.dedent('''
        label = QLabel(_("Marked"))
        label.setText(_("Saved {name}").format(name=name))
        label.setText(ngettext("{n} tender", "{n} tenders", n).format(n=n))
        dialog = getSaveFileName(self, _("Save"), folder, _("PDF files") + " (*.pdf)")
        self.status_changed.emit("saving", _("Saving…"))
        log.warning("Could not read %s", path)
        self.setWindowTitle("sv-desktop")
        icon = icons.icon("new")
        self._action(_("&New"), "new", self.new, ("Ctrl+N",))
    ''')
    assert untranslated(source, "example.py") == []
