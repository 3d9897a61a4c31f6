"""Fields that check what is typed as it is typed and say, under the field, how to put it right.

A field keeps exactly what was typed (nothing is lost), but `value()` only ever returns the last value
that passed its checks, so a half-typed or wrong entry is never saved over a good one.
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

from .. import icons
from ..parsing import FieldError, format_date, parse_date
from ..style import error_color

Check = Callable[[Any], str | None]
"""An extra check on a parsed value: a message when it is wrong, None when it is fine."""


def plain_name(label_text: str) -> str:
    """'&Value excl. VAT (£):' -> 'Value excl. VAT (£)' for accessible names."""
    return label_text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def focus_target(widget: QWidget) -> QWidget:
    target = widget
    while target.focusProxy() is not None:
        target = target.focusProxy()
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
    area.setPlaceholderText("Written for suppliers: printed in the pre-market brief.")
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
        self._problem = ""
        self._description = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.message = FieldMessage()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edited)

    # ---- configuration

    def add_check(self, check: Check) -> None:
        self._checks.append(check)

    def set_narrow(self, width: int = 90) -> None:
        """A short field (a percentage, a count) that stays short and left-aligned."""
        self.edit.setMaximumWidth(width)
        self.row.addStretch(1)

    def set_description(self, text: str) -> None:
        self._description = text
        self.edit.setAccessibleDescription(text)
        self.edit.setToolTip(text)

    # ---- values

    def set_value(self, value: Any) -> None:
        """Show a stored value (no `edited` signal); a stored value is trusted as the last good one."""
        self.edit.setText("" if value is None else self._fmt(value))
        self.edit.setCursorPosition(0)
        self._value = value
        self._show("")

    def value(self) -> Any:
        """The last value that passed every check."""
        return self._value

    def text(self) -> str:
        return self.edit.text()

    def is_valid(self) -> bool:
        return not self._problem

    def problem(self) -> str:
        return self._problem

    def revalidate(self) -> bool:
        """Check the current text again (another field it depends on changed)."""
        try:
            value = self._parse(self.edit.text())
            for check in self._checks:
                message = check(value)
                if message:
                    raise FieldError(message)
        except FieldError as exc:
            self._show(str(exc))
            return False
        self._value = value
        self._show("")
        return True

    def _on_edited(self, _text: str) -> None:
        self.revalidate()
        self.edited.emit()

    def _show(self, message: str) -> None:
        self._problem = message
        self.message.show_message(message)
        self.edit.setAccessibleDescription(message or self._description)


class DateField(ValidatedField):
    """A date typed as day/month/year or picked from a calendar; empty means not set."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parse_date, fmt=format_date, placeholder="dd/mm/yyyy", parent=parent)
        self.edit.setMaximumWidth(150)
        self.button = QToolButton()
        self.button.setIcon(icons.icon("calendar"))
        self.button.setAccessibleName(f"Choose the {name.lower()} from a calendar")
        self.button.setToolTip(f"Choose the {name.lower()} from a calendar")
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
        self.edit.setFocus()
