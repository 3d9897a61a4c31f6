"""The ITT question bank and KPI library: validated, read-only data the wizard copies from.

The bank lives in `resources/bank/` (questions.yaml, kpis.yaml, scoring.yaml) so the Trust can edit it
without a programmer. It is checked in full when loaded: a mistake stops the load with one line naming
the file and the key. A tender never holds bank objects, only editable copies made by `to_question` and
`to_kpi`, so editing or dropping a question in one tender cannot change the bank or another tender.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..i18n import _, language, ngettext
from .bank_reader import IN_SCOPE_CATEGORIES, BankError, Reader, level_range, read_yaml
from .tender import CATEGORIES, KPI_FREQUENCIES, SCORING_SCALES, THEMES, Kpi, Question, Tender

__all__ = [
    "BankError",
    "BankKpi",
    "BankQuestion",
    "QuestionBank",
    "ScoreLevel",
    "ScoringScale",
    "load_question_bank",
]

BANK_FOLDER = "bank"
QUESTIONS_FILE = "questions.yaml"
KPIS_FILE = "kpis.yaml"
SCORING_FILE = "scoring.yaml"
WORD_LIMIT_RANGE = (50, 10_000)
MIN_QUESTIONS_PER_CELL = 2
MAX_TOMS_REFERENCE = 200
"""The tender file's limit for a KPI's TOMs reference."""


@dataclass(frozen=True)
class BankKpi:
    id: str
    theme: str
    name: str
    unit: str
    baseline_guidance: str
    target_guidance: str
    frequency: str
    evidence: str
    categories: tuple[str, ...]
    """Categories it suits; empty means every category in scope."""
    quantitative: bool
    toms_reference: str = ""
    """Free text the Trust may add from its own licensed copy of the TOMs; empty as shipped."""


@dataclass(frozen=True)
class BankQuestion:
    id: str
    categories: tuple[str, ...]
    theme: str
    title: str
    text: str
    must_describe: tuple[str, ...]
    sub_criteria: tuple[str, ...]
    word_limit: int
    evaluation_guidance: str
    kpi_ids: tuple[str, ...]
    source: str
    services: tuple[str, ...] = ()
    """Words naming the services it suits; empty means every service in its categories."""

    def suits(self, tender: Tender) -> bool | None:
        """True when the tender's title or description names one of its services, False when it names
        none of them, None for a question that suits every service."""
        if not self.services:
            return None
        words = f"{tender.title} {tender.description}".casefold()
        return any(service.casefold() in words for service in self.services)


@dataclass(frozen=True)
class ScoreLevel:
    label: str
    """The score ("5") or band ("81-100") as shown to evaluators."""
    name: str
    descriptor: str


@dataclass(frozen=True)
class ScoringScale:
    id: str
    name: str
    levels: tuple[ScoreLevel, ...]


@dataclass(frozen=True)
class QuestionBank:
    questions: tuple[BankQuestion, ...]
    kpis: Mapping[str, BankKpi]
    scales: Mapping[str, ScoringScale]
    default_scale: str
    default_word_limit: int
    _by_id: Mapping[str, BankQuestion] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({q.id: q for q in self.questions}))

    def questions_for(self, category: str, theme: str) -> list[BankQuestion]:
        """The bank's questions for one category x theme cell, in file order (empty for medicines)."""
        _check_cell(category, theme)
        return [q for q in self.questions if q.theme == theme and category in q.categories]

    def questions_for_tender(self, tender: Tender, theme: str) -> list[BankQuestion]:
        """The cell's questions for a tender, those naming its service first and those suiting other
        services last (file order otherwise)."""
        order = {True: 0, None: 1, False: 2}
        return sorted(self.questions_for(tender.category, theme), key=lambda q: order[q.suits(tender)])

    def kpis_for(self, category: str, theme: str) -> list[BankKpi]:
        """KPIs suggested by that cell's questions, in order of first mention, without duplicates."""
        seen: dict[str, BankKpi] = {}
        for question in self.questions_for(category, theme):
            for kpi_id in question.kpi_ids:
                seen.setdefault(kpi_id, self.kpis[kpi_id])
        return list(seen.values())

    def question(self, id: str) -> BankQuestion:
        try:
            return self._by_id[id]
        except KeyError:
            raise KeyError(f"no question {id!r} in the question bank") from None

    def kpi(self, id: str) -> BankKpi:
        try:
            return self.kpis[id]
        except KeyError:
            raise KeyError(f"no KPI {id!r} in the KPI library") from None

    def to_question(self, bq: BankQuestion | str, *, word_limit: int | None = None,
                    scale: str | None = None) -> Question:
        """A new, editable question for one tender; `source_id` remembers the bank entry."""
        if isinstance(bq, str):
            bq = self.question(bq)
        limit = bq.word_limit if word_limit is None else word_limit
        low, high = WORD_LIMIT_RANGE
        if isinstance(limit, bool) or not isinstance(limit, int) or not low <= limit <= high:
            raise ValueError(_("word limit must be a whole number between {low} and {high}, not "
                               "{limit!r}").format(low=low, high=high, limit=limit))
        scale_id = self.default_scale if scale is None else scale
        if scale_id not in self.scales:
            raise ValueError(_("unknown scoring scale {scale_id!r} (one of: {scales})").format(
                               scale_id=scale_id, scales=', '.join(self.scales)))
        return Question(
            theme=bq.theme,
            title=bq.title,
            text=bq.text,
            must_describe=list(bq.must_describe),
            sub_criteria=list(bq.sub_criteria),
            word_limit=limit,
            scoring_scale=scale_id,
            evaluation_guidance=bq.evaluation_guidance,
            source_id=bq.id,
        )

    def to_kpi(self, bk: BankKpi | str) -> Kpi:
        """A new, editable KPI for one tender.

        Baseline and target are left empty: they are figures for this contract, which the manager (or
        the winning bidder's response) supplies. The bank's baseline and target guidance says how to set
        them and stays reachable through `source_id`; the evidence required is copied as written.
        """
        if isinstance(bk, str):
            bk = self.kpi(bk)
        return Kpi(
            name=bk.name,
            unit=bk.unit,
            baseline="",
            target="",
            frequency=bk.frequency,
            theme=bk.theme,
            evidence=bk.evidence,
            toms_reference=bk.toms_reference,
            source_id=bk.id,
        )


def _check_cell(category: str, theme: str) -> None:
    if category not in CATEGORIES:
        raise ValueError(_("unknown category {category!r}").format(category=category))
    if theme not in THEMES:
        raise ValueError(_("unknown theme {theme!r}").format(theme=theme))


# ---------------------------------------------------------------- loading


def load_question_bank(resources: Path | None = None) -> QuestionBank:
    """The bank under `resources/bank/` (default: the app's resources folder), checked in full.

    Loaded once per folder; a bank that fails validation raises `BankError` and is not cached, so a
    corrected file is read on the next call.
    """
    if resources is None:
        from ..paths import resources_dir

        resources = resources_dir()
    return _load(Path(resources).resolve() / BANK_FOLDER, language())


@lru_cache(maxsize=8)
def _load(folder: Path, language: str) -> QuestionBank:
    """`language` is part of the cache key: a translated file replaces the English one."""
    kpis = _read_kpis(read_yaml(folder, KPIS_FILE))
    questions = _read_questions(read_yaml(folder, QUESTIONS_FILE), kpis)
    scales, default_scale, default_word_limit = _read_scoring(read_yaml(folder, SCORING_FILE))
    return QuestionBank(
        questions=questions,
        kpis=MappingProxyType(kpis),
        scales=MappingProxyType(scales),
        default_scale=default_scale,
        default_word_limit=default_word_limit,
    )


def _top_list(file: str, data: object) -> list:
    if not isinstance(data, list) or not data:
        raise BankError(file, None, _("must be a non-empty list of entries (each starting with '- id:')"))
    return data


def _read_kpis(data: object) -> dict[str, BankKpi]:
    kpis: dict[str, BankKpi] = {}
    where: dict[str, str] = {}
    for i, raw in enumerate(_top_list(KPIS_FILE, data)):
        r = Reader(KPIS_FILE, f"[{i}]", raw,
                   required=("id", "theme", "name", "unit", "baseline_guidance", "target_guidance",
                             "frequency", "evidence", "quantitative"),
                   optional=("categories", "toms_reference"))
        kpi_id = r.ident("id")
        if kpi_id in kpis:
            r.fail("id", _("duplicate id {kpi_id!r} (also at {where})").format(
                           kpi_id=kpi_id, where=where[kpi_id]))
        where[kpi_id] = f"[{i}]"
        kpis[kpi_id] = BankKpi(
            id=kpi_id,
            theme=r.choice("theme", THEMES, "theme"),
            name=r.text("name"),
            unit=r.text("unit"),
            baseline_guidance=r.text("baseline_guidance"),
            target_guidance=r.text("target_guidance"),
            frequency=r.choice("frequency", KPI_FREQUENCIES, "frequency"),
            evidence=r.text("evidence"),
            categories=r.categories("categories", optional=True),
            quantitative=r.boolean("quantitative"),
            toms_reference=r.text("toms_reference", default=""),
        )
        if len(kpis[kpi_id].toms_reference) > MAX_TOMS_REFERENCE:
            r.fail("toms_reference", _("is too long (at most {max_toms_reference} characters)").format(
                                       max_toms_reference=MAX_TOMS_REFERENCE))
    return kpis


def _read_questions(data: object, kpis: Mapping[str, BankKpi]) -> tuple[BankQuestion, ...]:
    questions: list[BankQuestion] = []
    where: dict[str, str] = {}
    for i, raw in enumerate(_top_list(QUESTIONS_FILE, data)):
        r = Reader(QUESTIONS_FILE, f"[{i}]", raw,
                   required=("id", "categories", "theme", "title", "text", "must_describe", "sub_criteria",
                             "word_limit", "evaluation_guidance", "kpis", "source"), optional=("services",))
        question_id = r.ident("id")
        if question_id in where:
            r.fail("id", _("duplicate id {question_id!r} (also at {where})").format(
                           question_id=question_id, where=where[question_id]))
        where[question_id] = f"[{i}]"
        categories = r.categories("categories")
        theme = r.choice("theme", THEMES, "theme")
        kpi_ids = _question_kpis(r, kpis, theme, categories)
        questions.append(BankQuestion(
            id=question_id,
            categories=categories,
            theme=theme,
            title=r.text("title"),
            text=r.text("text"),
            must_describe=r.texts("must_describe", least=1),
            sub_criteria=r.texts("sub_criteria", least=3, most=5),
            word_limit=r.integer("word_limit", *WORD_LIMIT_RANGE),
            evaluation_guidance=r.text("evaluation_guidance"),
            kpi_ids=kpi_ids,
            source=r.text("source"),
            services=r.texts("services") if r.data.get("services") is not None else (),
        ))
    for category in IN_SCOPE_CATEGORIES:
        for theme in THEMES:
            count = sum(1 for q in questions if q.theme == theme and category in q.categories)
            if count < MIN_QUESTIONS_PER_CELL:
                raise BankError(QUESTIONS_FILE, None,
                                ngettext("{category} x {theme} has {count} question; at least {least} are needed",
                                         "{category} x {theme} has {count} questions; at least {least} are needed",
                                         count).format(category=category, theme=theme, count=count,
                                                       least=MIN_QUESTIONS_PER_CELL))
    return tuple(questions)


def _question_kpis(r: Reader, kpis: Mapping[str, BankKpi], theme: str,
                   categories: tuple[str, ...]) -> tuple[str, ...]:
    """The KPI ids a question suggests: each must exist, share its theme and suit its categories."""
    ids: list[str] = []
    for j, kpi_id in enumerate(r.items("kpis", least=1)):
        where = f"kpis[{j}]"
        if not isinstance(kpi_id, str):
            r.fail(where, _("must be a KPI id, not {name}").format(name=type(kpi_id).__name__))
        kpi = kpis.get(kpi_id)
        if kpi is None:
            r.fail(where, _("unknown KPI {kpi_id!r} (not in {kpis_file})").format(
                            kpi_id=kpi_id, kpis_file=KPIS_FILE))
        if kpi_id in ids:
            r.fail(where, _("KPI {kpi_id!r} is listed twice").format(kpi_id=kpi_id))
        if kpi.theme != theme:
            r.fail(where, _("KPI {kpi_id!r} belongs to theme {theme!r}, not {theme2!r}").format(
                            kpi_id=kpi_id, theme=kpi.theme, theme2=theme))
        missing = [c for c in categories if kpi.categories and c not in kpi.categories]
        if missing:
            r.fail(where, _("KPI {kpi_id!r} is not offered for category {missing!r}").format(
                            kpi_id=kpi_id, missing=missing[0]))
        ids.append(kpi_id)
    return tuple(ids)


def _read_scoring(data: object) -> tuple[dict[str, ScoringScale], str, int]:
    top = Reader(SCORING_FILE, "", data, required=("default_scale", "default_word_limit", "scales"))
    scales: dict[str, ScoringScale] = {}
    for i, raw in enumerate(top.items("scales", least=1)):
        r = Reader(SCORING_FILE, f"scales[{i}]", raw, required=("id", "name", "levels"))
        scale_id = r.choice("id", SCORING_SCALES, "scoring scale")
        if scale_id in scales:
            r.fail("id", _("scale {scale_id!r} is defined twice").format(scale_id=scale_id))
        levels = tuple(_read_level(r, j, raw_level) for j, raw_level in enumerate(r.items("levels", least=2)))
        _check_coverage(r, scale_id, levels)
        scales[scale_id] = ScoringScale(id=scale_id, name=r.text("name"), levels=levels)
    for scale_id in SCORING_SCALES:
        if scale_id not in scales:
            top.fail("scales", _("scale {scale_id!r} is missing").format(scale_id=scale_id))
    default_scale = top.choice("default_scale", tuple(scales), "scoring scale")
    default_word_limit = top.integer("default_word_limit", *WORD_LIMIT_RANGE)
    return scales, default_scale, default_word_limit


def _read_level(scale: Reader, j: int, raw: object) -> ScoreLevel:
    r = Reader(SCORING_FILE, f"{scale.at}.levels[{j}]", raw, required=("label", "name", "descriptor"))
    label = r.data["label"]
    if isinstance(label, int) and not isinstance(label, bool):
        label = str(label)
    if not isinstance(label, str) or level_range(label.strip()) is None:
        r.fail("label", _("must be a score such as 3 or a band such as '21-40', not {label!r}").format(
                          label=label))
    return ScoreLevel(label=label.strip(), name=r.text("name"), descriptor=r.text("descriptor"))


def _check_coverage(r: Reader, scale_id: str, levels: tuple[ScoreLevel, ...]) -> None:
    """Levels must run from 0 to the scale's top, each score in exactly one level, lowest first."""
    top = int(scale_id.split("-")[1])
    expected = 0
    for j, level in enumerate(levels):
        low, high = level_range(level.label)  # type: ignore[misc]  # checked in _read_level
        if low != expected:
            r.fail(f"levels[{j}].label", _("{label!r} does not follow on: the next level must start at "
                                           "{expected}").format(label=level.label, expected=expected))
        if high > top:
            r.fail(f"levels[{j}].label", _("{label!r} goes beyond the top of the {scale_id} scale").format(
                                           label=level.label, scale_id=scale_id))
        expected = high + 1
    if expected != top + 1:
        r.fail("levels", _("the levels stop at {value}; they must reach {top}").format(
                           value=expected - 1, top=top))
