"""The social value questions as an e-tendering portal import workbook (XLSX or CSV), one row per question.

The rows come from the same grouping, numbering and weights as the question pack (`pack_content`), so what
the Procurement Lead loads into the portal cannot drift from the pack: the weights add up to the pack's, the
word limits and scoring ranges are the pack's. A portal profile (`model.portal_profiles`) decides the
columns. Text is plain (no markup), never a spreadsheet formula, and shortened only where the profile says
the portal keeps fewer characters, with a note of each shortening for the person exporting.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_, _, ngettext
from ..model.portal_profiles import PortalColumn, PortalProfile
from ..model.tender import Question
from . import formatting as fmt
from .atomic import atomic_write
from .context import PackContext
from .pack_content import ordered_questions
from .xlsx_cells import TITLE_FONT, csv_text, header_row, put, set_widths, sheet_title

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
QUESTIONNAIRE = N_("Social value")
"""The questionnaire's folder in the portal (translated where used)."""


@dataclass(frozen=True)
class PortalRow:
    """One question with every field a profile column can show (see `portal_profiles.FIELDS`)."""

    values: Mapping[str, object]


@dataclass
class PortalTable:
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]
    shortened: list[str] = field(default_factory=list)
    """One sentence per value cut to the portal's length (question reference and column)."""


def share_of_100(weights: Sequence[Decimal]) -> list[Decimal]:
    """Weights scaled to total exactly 100 at two decimal places (largest remainder goes first)."""
    total = sum(weights, Decimal(0))
    if total <= 0:
        return [Decimal(0)] * len(weights)
    exact = [w * HUNDRED / total for w in weights]
    rounded = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    left = int(((HUNDRED - sum(rounded, Decimal(0))) / CENT).to_integral_value(ROUND_HALF_UP))
    order = sorted(range(len(weights)), key=lambda i: (exact[i] - rounded[i], -i), reverse=True)
    for i in order[:left]:
        rounded[i] += CENT
    return rounded


def _scale_range(ctx: PackContext, scale_id: str) -> tuple[int | None, int | None]:
    numbers = [int(n) for level in ctx.scales.get(scale_id, ()) for n in re.findall(r"\d+", level.label)]
    if not numbers:
        numbers = [int(n) for n in re.findall(r"\d+", scale_id)]
    return (min(numbers), max(numbers)) if numbers else (None, None)


def _bidder_guidance(question: Question) -> str:
    parts: list[str] = []
    if question.must_describe:
        parts.append(_("Your response must describe:") + "\n"
                     + "\n".join(f"- {item}" for item in question.must_describe))
    if question.sub_criteria:
        parts.append(_("Sub-criteria:") + "\n" + "\n".join(f"- {item}" for item in question.sub_criteria))
    parts.append(ngettext("Word limit: {count:,} word.", "Word limit: {count:,} words.", question.word_limit).format(
        count=question.word_limit))
    return "\n\n".join(parts)


def _evaluator_guidance(ctx: PackContext, question: Question) -> str:
    levels = ctx.scales.get(question.scoring_scale, ())
    lines = [f"{level.label} {level.name}: {level.descriptor}" for level in levels]
    text = "\n".join(lines) if lines else _("Scored on the {scale} scale.").format(scale=question.scoring_scale)
    if question.evaluation_guidance.strip():
        text += "\n\n" + _("Evaluation guidance: {guidance}").format(guidance=question.evaluation_guidance.strip())
    return text


def portal_rows(ctx: PackContext, descriptions: Mapping[str, str], profile: PortalProfile) -> list[PortalRow]:
    """Every question of the pack as a PortalRow, in pack order; themes without questions are left out."""
    tender = ctx.tender
    groups = [(theme, items) for theme, items in ordered_questions(ctx) if items]
    section_weights = []
    for theme, _items in groups:
        choice = tender.theme(theme)
        section_weights.append(choice.weighting_pct if choice else Decimal(0))
    sections_100 = share_of_100(section_weights)
    yes, _no = profile.yes_no
    lot = _("All lots") if tender.lots.divided and (tender.lots.lot_count or 0) > 1 else ""
    rows: list[PortalRow] = []
    for (theme, items), weight, weight_100 in zip(groups, section_weights, sections_100, strict=True):
        label = ctx.theme_label(theme)
        within = share_of_100([share or Decimal(0) for _ref, _q, share in items])
        for (ref, question, share), share_100 in zip(items, within, strict=True):
            low, high = _scale_range(ctx, question.scoring_scale)
            title = question.title.strip()
            rows.append(PortalRow({
                "section": label,
                "section_description": descriptions.get(theme, label),
                "section_weight": weight,
                "section_weight_of_100": weight_100,
                "question_reference": ref,
                "question_title": title,
                "question_text": question.text,
                "question_label": f"{ref} {title}" if title else ref,
                "bidder_guidance": _bidder_guidance(question),
                "evaluator_guidance": _evaluator_guidance(ctx, question),
                "response_type": profile.response_types["text"],
                "word_limit": question.word_limit,
                "score_min": low,
                "score_max": high,
                "question_weight": share,
                "question_weight_of_section": share_100,
                "required": yes,
                "lot": lot,
                "question_path": f"{_(QUESTIONNAIRE)}/{label}",
            }))
    return rows


def _plain(text: str, single_line: bool) -> str:
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    if single_line:
        return " ".join(line for line in lines if line)
    return "\n".join(lines).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


def _cell(row: PortalRow, column: PortalColumn, profile: PortalProfile, shortened: list[str]) -> object:
    value = row.values[column.field] if column.field else column.fixed
    if value is None or isinstance(value, Decimal | int):
        return value
    text = _plain(str(value), profile.single_line)
    if column.max_length is not None and len(text) > column.max_length:
        text = _shorten(text, column.max_length)
        shortened.append(_("{reference}: {column} shortened to {limit} characters, as the portal keeps no "
                           "more.").format(reference=row.values["question_reference"], column=column.header,
                                           limit=column.max_length))
    return text


def portal_table(ctx: PackContext, descriptions: Mapping[str, str], profile: PortalProfile) -> PortalTable:
    table = PortalTable(tuple(column.header for column in profile.columns), [])
    for row in portal_rows(ctx, descriptions, profile):
        table.rows.append(tuple(_cell(row, column, profile, table.shortened) for column in profile.columns))
    return table


def _xlsx(ctx: PackContext, profile: PortalProfile, table: PortalTable, temp: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = profile.sheet_name
    header_row(sheet, 1, table.headers)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r, values in enumerate(table.rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = put(sheet, r, c, value, "0.00" if isinstance(value, Decimal) else None)
            cell.alignment = wrap
    set_widths(sheet, [column.width for column in profile.columns])
    sheet.freeze_panes = "A2"
    if profile.about_sheet:
        about = book.create_sheet(sheet_title(_("About")))
        put(about, 1, 1, f"{ctx.tender.reference}: {ctx.tender.title}").font = TITLE_FONT
        facts = (
            (_("Social value weighting (% of total score)"), ctx.tender.social_value_weighting_pct),
            (_("Questions"), len(table.rows)),
            (_("Portal profile"), profile.name),
            (_("Layout source"), profile.source),
            (_("Taken from"), _("the {organisation} social value question pack, issued {date}").format(
                organisation=ctx.organisation, date=fmt.long_date(ctx.issue_date))),
        )
        for r, (name, value) in enumerate(facts, start=3):
            put(about, r, 1, name)
            put(about, r, 2, value, "0.00" if isinstance(value, Decimal) else None)
        set_widths(about, (40, 80))
    book.save(temp)


def _csv(table: PortalTable, temp: Path) -> None:
    with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.headers)
        for values in table.rows:
            writer.writerow([csv_text(value, keep_lines=True) for value in values])


def write_portal_workbook(ctx: PackContext, descriptions: Mapping[str, str], profile: PortalProfile,
                          out: Path) -> tuple[Path, list[str]]:
    """Write the workbook (.xlsx) or table (.csv) atomically; returns the file and the shortening notes."""
    out = Path(out)
    table = portal_table(ctx, descriptions, profile)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        return atomic_write(out, lambda temp: _xlsx(ctx, profile, table, temp)), table.shortened
    if suffix == ".csv":
        return atomic_write(out, lambda temp: _csv(table, temp)), table.shortened
    raise ValueError(_("a portal workbook is written as .xlsx or .csv, not {name!r}").format(name=out.name))
