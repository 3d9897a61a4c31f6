"""Fields that check what is typed as it is typed and say, under the field, how to put it right.

A field keeps exactly what was typed (nothing is lost). `value()` is the value to store: what the text
says when the text is whole and passes every check, otherwise the value the field held before this edit
began. So a half-typed entry (`2.5 mill` on its way to `2.5 million`) never leaves a prefix (`2.5`)
behind: while the text is unfinished the tender keeps its earlier value, and the field says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ...i18n import _
from .. import icons
from ..parsing import FieldError, format_date, parse_date
from ..style import error_color, make_secondary

Check = Callable[[Any], str | None]
"""An extra check on a parsed value: a message when it is wrong, None when it is fine."""


def plain_name(label_text: str) -> str:
    """'&Value excl. VAT (£):' -> 'Value excl. VAT (£)' for accessible names."""
    return label_text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def focus_target(widget: QWidget) -> QWidget:
    target, proxy = widget, widget.focusProxy()
    while proxy is not None:
        target, proxy = proxy, proxy.focusProxy()
    return target


def add_row(form: QFormLayout, label_text: str, widget: QWidget, description: str = "") -> QLabel:
    """addRow with a mnemonic label whose buddy is the field; the field is named for screen readers."""
    label = QLabel(label_text)
    target = focus_target(widget)
    label.setBuddy(target)  # the field itself, not its container: the mnemonic focuses it, readers pair them
    form.addRow(label, widget)
    if not target.accessibleName():
        target.setAccessibleName(plain_name(label_text))
    if description and not target.accessibleDescription():
        target.setAccessibleDescription(description)
        target.setToolTip(description)
    return label


def text_area(name: str, description: str = "", max_height: int = 0) -> QPlainTextEdit:
    """A multi-line note where Tab moves on to the next field, as keyboard users expect."""
    area = QPlainTextEdit()
    area.setTabChangesFocus(True)
    area.setAccessibleName(name)
    if description:
        area.setAccessibleDescription(description)
    if max_height:
        area.setMaximumHeight(max_height)
    return area


def supplier_text_area(name: str, description: str) -> QPlainTextEdit:
    """A text written for suppliers (printed in their documents), set apart from the internal notes by
    a placeholder that says so."""
    area = text_area(name, description)
    area.setPlaceholderText(_("Written for suppliers: printed in the pre-market brief."))
    area.setToolTip(description)
    area.setMinimumHeight(70)
    return area


class FieldMessage(QWidget):
    """The line under a field: a warning icon and a sentence; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._icon = QLabel()
        self._icon.setPixmap(icons.pixmap("field-error", 16))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setStyleSheet(f"color: {error_color().name()};")
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self._text.text()

    def show_message(self, message: str) -> None:
        self._text.setText(message)
        self.setAccessibleName(message)
        self.setVisible(bool(message))


class ValidatedField(QWidget):
    """A one-line field with a parser and optional extra checks."""

    edited = Signal()
    """The user changed the text (the value may or may not be valid)."""

    def __init__(self, parse: Callable[[str], Any], *, fmt: Callable[[Any], str] = str,
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parse = parse
        self._fmt = fmt
        self._checks: list[Check] = []
        self._value: Any = None
        self._kept: Any = None
        """The value to store while the text is unfinished: the value before this edit began."""
        self._editing = False
        self._understood: Callable[[Any], str] | None = None
        self._problem = ""
        self._description = ""
        self.announce_kept = True
        """Say under a refused entry which value is kept meanwhile (off for filters and report periods)."""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.message = FieldMessage()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.edit, 1)
        # The figure the text was read as, right under the field so it never squeezes a narrow field.
        self.understood = make_secondary(QLabel())
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.understood.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.understood)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)  # the message under the field wraps: a form must give it the height
        self.setSizePolicy(policy)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._end_edit)

    # ---- configuration

    def add_check(self, check: Check) -> None:
        self._checks.append(check)

    def set_narrow(self, width: int = 90) -> None:
        """A short field (a percentage, a count) that stays short and left-aligned."""
        self.edit.setMaximumWidth(width)
        self.row.addStretch(1)

    def show_understood(self, fmt: Callable[[Any], str]) -> None:
        """Show beside the field the figure the text was read as ("= £1,200,000.00")."""
        self._understood = fmt

    # ---- values

    def set_value(self, value: Any) -> None:
        """Show a stored value (no `edited` signal); a stored value is trusted as the last good one."""
        self.edit.setText("" if value is None else self._fmt(value))
        self.edit.setCursorPosition(0)
        self._value = self._kept = value
        self._editing = False
        self._show("")

    def value(self) -> Any:
        """The value to store: the text's value when it is whole and right, else the value before this edit."""
        return self._kept if self._problem else self._value

    def kept_value(self) -> Any:
        """The value the tender keeps while the text is unfinished."""
        return self._kept

    def kept_text(self) -> str:
        """The kept value as the field shows it (money as £1,200,000); empty when nothing is kept."""
        if self._kept is None:
            return ""
        if self._understood is not None:
            return self._understood(self._kept).removeprefix("= ")
        return self._fmt(self._kept)

    def is_unfinished(self) -> bool:
        """The text does not (yet) say a value that can be stored."""
        return bool(self._problem)

    def text(self) -> str:
        return self.edit.text()

    def is_valid(self) -> bool:
        return not self._problem

    def problem(self) -> str:
        """The message under the field: what is wrong, how to fix it and what the tender keeps meanwhile."""
        return self.message.text() if self._problem else ""

    def read(self, text: str) -> Any:
        """What `text` would store in this field; FieldError when it cannot be stored."""
        value = self._parse(text)
        for check in self._checks:
            message = check(value)
            if message:
                raise FieldError(message)
        return value

    def revalidate(self) -> bool:
        """Check the current text again (another field it depends on changed)."""
        try:
            value = self.read(self.edit.text())
        except FieldError as exc:
            self._show(str(exc))
            return False
        self._value = value
        self._show("")
        return True

    def _on_edited(self, _text: str) -> None:
        if not self._editing:
            self._kept = self.value()
            self._editing = True
        self.revalidate()
        self.edited.emit()

    def _end_edit(self) -> None:
        self._editing = False
        if not self._problem:
            self._kept = self._value

    def _show(self, message: str) -> None:
        self._problem = message
        shown = message
        if message and self.announce_kept and self.kept_text().strip():
            shown = _("{message} Until then {kept} is kept.").format(message=message, kept=self.kept_text())
        elif message and self.announce_kept and self._editing:
            shown = _("{message} Until then it stays empty.").format(message=message)
        self.message.show_message(shown)
        self.edit.setAccessibleDescription(shown or self._description)
        self._show_understood()

    def _show_understood(self) -> None:
        if self._understood is None:
            return
        text = "" if self._problem or self._value is None else self._understood(self._value)
        self.understood.setText(text)
        self.understood.setAccessibleName(_("Read as {value}").format(
            value=text.lstrip('= ')) if text else "")
        self.understood.setVisible(bool(text))


class DateField(ValidatedField):
    """A date typed as day/month/year or picked from a calendar; empty means not set."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parse_date, fmt=format_date, placeholder=_("dd/mm/yyyy"), parent=parent)
        self.edit.setMaximumWidth(150)
        self.button = QToolButton()
        self.button.setIcon(icons.icon("calendar"))
        self.button.setAccessibleName(_("Choose the {field} from a calendar").format(field=name.lower()))
        self.button.setToolTip(_("Choose the {field} from a calendar").format(field=name.lower()))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setAccessibleName(name)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.row.addWidget(self.button)
        self.row.addStretch(1)

    def _prepare_calendar(self) -> None:
        day = self.value() or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, qdate: QDate) -> None:
        self.edit.setText(format_date(dt.date(qdate.year(), qdate.month(), qdate.day())))
        self.button.menu().hide()
        self._on_edited(self.edit.text())
        self._end_edit()
        self.edit.setFocus()
