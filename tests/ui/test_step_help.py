"""F1 shows each step's help as readable paragraphs: whole sentences, never one letter per line."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from sv_desktop.model.content import load_content
from sv_desktop.ui.wizard.page_ids import PageId


def test_f1_help_of_every_step_is_paragraphs_of_the_content(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    content = load_content()
    for page_id in PageId:
        wizard.go_to(page_id)
        qtbot.keyClick(wizard, Qt.Key.Key_F1)
        page = wizard.page(page_id)
        expected = [p for p in content.steps[page.step_id].help.split("\n\n") if p.strip()]
        assert list(page.help_paragraphs) == expected, page_id.name
        assert all(len(p) > 40 and " " in p for p in page.help_paragraphs), page_id.name
        assert wizard.help_dock.isVisible()
        shown = wizard.help_panel.toPlainText()
        lines = [line for line in shown.splitlines() if line.strip()]
        assert not [line for line in lines if len(line.strip()) <= 2], f"{page_id.name}: letter-per-line help"
        for paragraph in expected:
            assert " ".join(paragraph.split()) in " ".join(shown.split()), (page_id.name, paragraph[:40])
        assert len(lines) >= len(expected) + 1  # the title, then each paragraph
        assert re.search(r"[.:]$", lines[-1].strip()), lines[-1]
