"""Shows every window under the pseudo-locale and reports visible English: text on a label, a button, a
group box, a tab or a window title with a run of four or more plain ASCII letters that is not data.

    SV_DESKTOP_LANG=pseudo python -m tests.ui.pseudo_probe

Under the pseudo-locale every marked string is accented and bracketed (`[Ɓáćķ ··]`), so plain English left
on screen is a string that does not go through `_()`. Data is not the app's text and stays as it is: the
content, bank, rules and portal files under `resources/` and the worked examples the windows are filled
with. What remains of a text once its pseudo-translated parts are taken out is split into phrases (words and
spaces between figures and punctuation); a phrase with four plain letters in a row that appears in none of
the data is reported. Prints one JSON list of problems.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PSEUDO_PART = re.compile(r"\[[^\[\]]*·\]")
"""One pseudo-translated string: brackets around accented text ending in its padding dots."""
PHRASE = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")
ENGLISH = re.compile(r"[A-Za-z]{4,}")
TAGS = re.compile(r"<[^<>]*>|&[a-z]+;")
ACCELERATOR = re.compile(r"&(?=[^&\s])")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def data_text() -> str:
    """Every text of the data the windows show, whitespace made single, one text a line."""
    import yaml

    texts: list[str] = []
    resources = ROOT / "resources"
    for path in sorted(resources.rglob("*.yaml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((resources / "demo").glob("*.json")):
        texts += _strings(json.loads(path.read_text(encoding="utf-8")))
    return "\n".join(" ".join(text.split()) for text in texts)


def english_in(text: str, data: str) -> list[str]:
    """The phrases of `text` that are plain English and not data."""
    plain = ACCELERATOR.sub("", TAGS.sub(" ", text)).replace("&&", "&")
    while PSEUDO_PART.search(plain):
        plain = PSEUDO_PART.sub("\u2016", plain)
    return [phrase for phrase in (p.strip(" -'") for p in PHRASE.findall(plain))
            if ENGLISH.search(phrase) and phrase not in data]


def visible_texts(window) -> Iterator[tuple[str, str]]:
    """(kind, text) of every visible label, button, group box and tab, and the window's title."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

    yield "window title", window.windowTitle()
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton) + window.findChildren(
            QGroupBox) + window.findChildren(QTabBar):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield "tab", widget.tabText(index)
        elif isinstance(widget, QGroupBox):
            yield "group box", widget.title()
        else:
            yield type(widget).__name__, widget.text()


def run() -> list[str]:
    from PySide6.QtWidgets import QApplication

    from sv_desktop.services.tender_service import open_service
    from sv_desktop.ui.app import application

    from .windows import every_window

    data = data_text()
    app = application([])
    app.setStyle("Fusion")
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sv-pseudo-") as tmp:
        service = open_service(data_dir=Path(tmp) / "data")
        try:
            for name, window in every_window(service, (1366, 768)):
                for kind, text in visible_texts(window):
                    for phrase in english_in(text, data):
                        problem = f"{name}: {kind} {text[:120]!r}: {phrase!r}"
                        if problem not in problems:
                            problems.append(problem)
        finally:
            from sv_desktop.ui.worker import wait_for_all

            wait_for_all()
            service.close()
    QApplication.processEvents()
    return problems


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(run(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
