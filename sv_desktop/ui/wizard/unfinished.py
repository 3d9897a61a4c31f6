"""Entries the manager has not finished typing: which field, what is typed, and what the tender keeps.

While a field's text cannot be stored, the tender keeps the value from before the edit; the sidebar
marks the step, the tender list marks the tender, and an export says which value the document uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...i18n import _, ngettext

if TYPE_CHECKING:
    from .base_page import WizardPage


@dataclass(frozen=True)
class UnfinishedEntry:
    step: str
    name: str
    typed: str
    kept: str
    """The value the tender (and so any document) uses meanwhile, as the field shows it; "" for none."""

    def sentence(self) -> str:
        typed = self.typed if len(self.typed) <= 40 else self.typed[:39] + "…"
        used = self.kept or _("nothing (left empty)")
        return _("{name}: '{typed}' is not finished; {used} is used until it is corrected.").format(
            name=self.name, typed=typed, used=used)


def unfinished_entries(pages: Iterable[WizardPage]) -> list[UnfinishedEntry]:
    """Every unfinished entry on the wizard's pages, in page order."""
    entries = []
    for page in pages:
        for field in page.fields():
            if field.is_unfinished() and field.isEnabled() and not field.isHidden():
                name = field.edit.accessibleName() or _("A field")
                entries.append(UnfinishedEntry(page.step_id, name, field.text(), field.kept_text()))
    return entries


def unfinished_summary(entries: list[UnfinishedEntry]) -> str:
    """One line for the tender list's tooltip; empty when every entry is finished."""
    if not entries:
        return ""
    names = ", ".join(e.name for e in entries[:3])
    if len(entries) > 3:
        names = _("{names} and more").format(names=names)
    return ngettext("Unfinished entry in the open tender window: {names}.",
                    "Unfinished entries in the open tender window: {names}.", len(entries)).format(names=names)
