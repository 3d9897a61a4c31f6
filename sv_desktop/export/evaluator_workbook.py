"""Evaluator workbooks: one XLSX per evaluator to score offline, and reading it back whole or not at all.

Each workbook lists every bidder's answer to every question (one row each) with the scale, a Score cell and a
Rationale cell; only those two columns are unlocked, the sheet and the workbook structure are protected, and the
score cells accept only whole numbers on the question's scale. A hidden sheet records which tender, pack version,
question set and evaluator the workbook is for. Reading it back checks all of that and every row; any problem
refuses the whole workbook, naming the cell, so a half-read workbook can never change the evaluation.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_, _
from ..model.evaluation import Evaluation, IndividualScore
from .atomic import atomic_write
from .xlsx_cells import BOLD, TITLE_FONT, header_row, put, set_widths, sheet_title

FORMAT = "sv-desktop.evaluator-workbook"
FORMAT_VERSION = 1
SHEET, SCALES = N_("Scores"), N_("Scoring scales")
"""Shown translated; the scores sheet's own name is recorded in the hidden sheet and read back from there,
so a workbook made in one language is read in any other."""
META = "About this workbook"
"""The hidden sheet's name: a structure marker the importer looks for, never translated (no one sees it)."""
HEADERS = (N_("Bidder"), N_("Lot"), N_("Question"), N_("Question title"), N_("Scale"), N_("Score"),
           N_("Rationale (cite the bid: document, page or paragraph)"))
FIRST_ROW = 6
SCORE_COL, RATIONALE_COL = 6, 7
MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""A zip bomb (a small file that unpacks to gigabytes) is refused before it is unpacked."""
MAX_RATIONALE = 5000


class WorkbookError(ValueError):
    """A workbook that cannot be imported; the message names the file and, where it can, the cell."""


@dataclass(frozen=True)
class WorkbookRow:
    bidder: str
    lot: int | None
    question: str


def question_set_fingerprint(evaluation: Evaluation) -> str:
    data = [(q.reference, q.weight_pct.normalize().to_eng_string(), q.scale_max, q.text) for q in evaluation.questions]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def expected_rows(evaluation: Evaluation) -> list[WorkbookRow]:
    return [WorkbookRow(bidder.name, bidder.lot, question.reference)
            for bidder in evaluation.bidders for question in evaluation.questions]


def write_evaluator_workbook(evaluation: Evaluation, reference: str, title: str, evaluator: str,
                             scales: Mapping[str, Sequence[tuple[str, str, str]]], out: Path) -> Path:
    """The workbook for `evaluator`; `scales` gives each scale's (score, name, descriptor) levels."""
    meta: dict[str, str | int] = {"format": FORMAT, "format_version": FORMAT_VERSION, "reference": reference,
            "pack_version": evaluation.pack_version, "questions": question_set_fingerprint(evaluation),
            "evaluator": evaluator, "scores_sheet": sheet_title(_(SHEET))}
    own = {(s.bidder, s.question): s for s in evaluation.scores if s.evaluator == evaluator}

    def write(temp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
        sheet.title = str(meta["scores_sheet"])
        put(sheet, 1, 1, _("Social value evaluation: {reference} {title}").format(
            reference=reference, title=title)).font = TITLE_FONT
        put(sheet, 2, 1, _("Evaluator: {evaluator}. Score each answer alone, on its own merits, before "
                           "moderation.").format(evaluator=evaluator))
        put(sheet, 3, 1, _("Enter a whole number in {score} and your reasons in {rationale}, citing the bid. "
                           "Do not add, remove or reorder rows: the workbook is read back row by row.").format(
                               score=_(HEADERS[SCORE_COL - 1]), rationale=_("Rationale")))
        header_row(sheet, FIRST_ROW - 1, [_(header) for header in HEADERS])
        unlocked = Protection(locked=False)
        questions = {q.reference: q for q in evaluation.questions}
        for offset, row in enumerate(expected_rows(evaluation)):
            r = FIRST_ROW + offset
            question = questions[row.question]
            previous = own.get((row.bidder, row.question))
            values = (row.bidder, row.lot, row.question, question.title or question.text[:80],
                      _("0 to {top}").format(top=question.scale_max))
            for c, value in enumerate(values, start=1):
                put(sheet, r, c, value).alignment = Alignment(vertical="top", wrap_text=True)
            score = sheet.cell(row=r, column=SCORE_COL, value=previous.score if previous else None)
            score.protection = unlocked
            rationale = sheet.cell(row=r, column=RATIONALE_COL)
            if previous and previous.rationale:
                put(sheet, r, RATIONALE_COL, previous.rationale)
            rationale.protection = unlocked
            rationale.alignment = Alignment(vertical="top", wrap_text=True)
            check = DataValidation(type="whole", operator="between", formula1="0",
                                   formula2=str(question.scale_max), allow_blank=True, showErrorMessage=True,
                                   errorTitle=_("Score off the scale"),
                                   error=_("Enter a whole number from 0 to {top}.").format(top=question.scale_max))
            sheet.add_data_validation(check)
            check.add(score)
        set_widths(sheet, (26, 6, 10, 36, 10, 8, 70))
        sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=1).coordinate
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        scale_sheet = book.create_sheet(sheet_title(_(SCALES)))
        line = 1
        for scale_id, levels in scales.items():
            put(scale_sheet, line, 1, _("Scale {scale}").format(scale=scale_id)).font = BOLD
            line += 1
            for level, name, descriptor in levels:
                put(scale_sheet, line, 1, level)
                put(scale_sheet, line, 2, name)
                put(scale_sheet, line, 3, descriptor).alignment = Alignment(wrap_text=True, vertical="top")
                line += 1
            line += 1
        set_widths(scale_sheet, (10, 16, 100))
        scale_sheet.protection.sheet = True
        about = book.create_sheet(META)
        for r, (key, value) in enumerate(meta.items(), start=1):
            put(about, r, 1, key)
            put(about, r, 2, value)
        about.sheet_state = "veryHidden"
        about.protection.sheet = True
        book.security.lockStructure = True
        book.save(temp)

    return atomic_write(Path(out), write)


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing anything but a regular file (a FIFO is opened without waiting for a writer)
    and reading at most the limit plus one byte, never trusting the size the file system reports."""
    name = Path(path).name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise WorkbookError(_("{name} cannot be read ({value}).").format(
                              name=name, value=exc.strerror or exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise WorkbookError(_("{name} is not a regular file.").format(name=name))
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise WorkbookError(_("{name} cannot be read ({value}).").format(
                              name=name, value=exc.strerror or exc)) from None
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        raise WorkbookError(_("{name} is larger than an evaluator workbook can be ({value} MB).").format(
                              name=name, value=MAX_BYTES // (1024 * 1024)))
    return b"".join(chunks)


def _open(path: Path):
    data = _read_bounded(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookError(_("{name} unpacks to more than an evaluator workbook can hold.").format(
                                  name=Path(path).name))
        return load_workbook(io.BytesIO(data), data_only=True)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError(_("{name} is not an Excel workbook written by sv-desktop ({name2}).").format(
                              name=Path(path).name, name2=type(exc).__name__)) from None


def read_evaluator_workbook(path: Path, evaluation: Evaluation, reference: str) -> tuple[str, list[IndividualScore]]:
    """The workbook's evaluator and every scored row as IndividualScores, or a WorkbookError naming the
    problem."""
    name = Path(path).name
    book = _open(path)
    if META not in book.sheetnames:
        raise WorkbookError(_("{name} is not an evaluator workbook written by sv-desktop.").format(name=name))
    about = book[META]
    meta = {str(about.cell(row=r, column=1).value): about.cell(row=r, column=2).value for r in range(1, 10)}
    # The scores sheet is named in the language the workbook was made in (workbooks made before the name
    # was recorded have the English one).
    scores_sheet = str(meta.get("scores_sheet") or SHEET)
    if (meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION
            or scores_sheet not in book.sheetnames):
        raise WorkbookError(_("{name} is not an evaluator workbook written by sv-desktop.").format(name=name))
    if meta.get("reference") != reference:
        raise WorkbookError(_("{name} is for tender {get}, not {reference}.").format(
                              name=name, get=meta.get('reference'), reference=reference))
    if meta.get("pack_version") != evaluation.pack_version or meta.get("questions") != question_set_fingerprint(
            evaluation):
        raise WorkbookError(_("{name} was made for another version of the questions; make the "
                              "workbooks again.").format(name=name))
    evaluator = str(meta.get("evaluator") or "")
    if evaluator not in {member.name for member in evaluation.panel}:
        raise WorkbookError(_("{name} is for {evaluator!r}, who is not on the evaluation panel.").format(
                              name=name, evaluator=evaluator))
    sheet = book[scores_sheet]
    questions = {q.reference: q for q in evaluation.questions}
    scores: list[IndividualScore] = []
    rows = expected_rows(evaluation)
    for offset, expected in enumerate(rows):
        r = FIRST_ROW + offset
        found = (sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=3).value)
        if found != (expected.bidder, expected.question):
            raise WorkbookError(_("{name}: row {r} should be {bidder} on {question}; rows must not be "
                                  "added, removed or reordered.").format(
                                  name=name, r=r, bidder=expected.bidder, question=expected.question))
        value = sheet.cell(row=r, column=SCORE_COL).value
        cell = f"{scores_sheet}!F{r}"
        rationale_value = sheet.cell(row=r, column=RATIONALE_COL).value
        rationale = "" if rationale_value is None else str(rationale_value).strip()
        if value is None or (isinstance(value, str) and not value.strip()):
            if rationale:
                raise WorkbookError(_("{name}: {cell} has no score but its row has a rationale.").format(
                                      name=name, cell=cell))
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
            raise WorkbookError(_("{name}: {cell} holds {value!r}, not a whole number.").format(
                                  name=name, cell=cell, value=value))
        top = questions[expected.question].scale_max
        if not 0 <= int(value) <= top:
            raise WorkbookError(_("{name}: {cell} holds {value}, off the scale of 0 to {top}.").format(
                                  name=name, cell=cell, value=int(value), top=top))
        if len(rationale) > MAX_RATIONALE:
            raise WorkbookError(_("{name}: {sheet}!G{r} is longer than {max_rationale:,} characters.").format(
                                  name=name, sheet=scores_sheet, r=r, max_rationale=MAX_RATIONALE))
        try:
            rationale.encode("utf-8")
        except UnicodeEncodeError:
            raise WorkbookError(_("{name}: {sheet}!G{r} holds characters that cannot be stored.").format(
                                  name=name, sheet=scores_sheet, r=r)) from None
        scores.append(IndividualScore(evaluator, expected.bidder, expected.question, int(value), rationale))
    extra = sheet.cell(row=FIRST_ROW + len(rows), column=1).value
    if extra not in (None, ""):
        raise WorkbookError(_("{name}: row {value} was added; rows must not be added.").format(
                              name=name, value=FIRST_ROW + len(rows)))
    return evaluator, scores
