"""Evaluating the social value of bids: individual scores, moderation to a consensus, weighted marks and ranks.

The questions are frozen as issued (`IssuedQuestion`: reference, theme, weight, scale, minimum), so every score
refers to the question bidders answered. Evaluators score alone; when moderation opens their scores lock; the
panel then records one consensus score per bidder and question, never an automatic average, with its reason
(averaging without reasoned moderation was criticised in Bromcom v United Learning Trust [2022] EWHC 3262
(TCC)). A question is flagged for discussion when the highest and lowest individual scores differ by more than
the spread threshold (a share of the scale, 40% by default, as VendorPanel does).

Weighted mark = question weight x consensus score / scale maximum, exact in Decimal; totals are sums of the
exact marks, and rounding happens once, for display (two decimal places, half up). A bidder scoring below a
minimum the pack published as disqualifying is disqualified, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import _, ngettext
from .question_weights import even_share

DEFAULT_SPREAD_PCT = Decimal(40)
DISPLAY_PLACES = Decimal("0.01")
STATUSES = ("scoring", "moderation", "complete")


class EvaluationError(ValueError):
    """A step the evaluation's state does not allow (scoring after moderation opened, a missing reason...)."""


@dataclass(frozen=True)
class IssuedQuestion:
    """A question as issued in the pack the bidders answered."""

    reference: str
    theme: str
    title: str
    text: str
    weight_pct: Decimal
    """Share of the total evaluation score."""
    scale_max: int
    scale_id: str = "0-5"
    minimum_score: int | None = None
    disqualify_below_minimum: bool = False
    """True only where the pack published that failing the minimum disqualifies."""
    shared_pct: Decimal | None = None
    """For a question sharing its theme's weighting evenly: the part of the theme weighting shared, as the pack
    published it (`weight_pct` is then the printed share, e.g. 0.83% of 2.5% shared by three)."""
    shared_by: int = 1


@dataclass
class Bidder:
    name: str
    address: str = ""
    identifier: str = ""
    """Companies House, charity or other registration number."""
    postcode: str = ""
    sme: bool = False
    vcse: bool = False
    lot: int | None = None
    summary_sent_on: dt.date | None = None
    """When its assessment summary was sent (Procurement Act 2023 s.50)."""


@dataclass
class PanelMember:
    name: str
    role: str = ""
    conflict_declared_on: dt.date | None = None
    experience: str = ""


@dataclass
class IndividualScore:
    evaluator: str
    bidder: str
    question: str
    """The IssuedQuestion reference."""
    score: int
    rationale: str = ""
    """Why, citing the bid (document, page or paragraph)."""


@dataclass
class Consensus:
    bidder: str
    question: str
    score: int | None = None
    """None until the panel agrees one: never filled in automatically."""
    reason: str = ""
    commitment: str = ""
    """The bidder's scored commitment in its own words (quoted in its assessment summary; becomes a KPI of the
    contract if it wins)."""


@dataclass(frozen=True)
class TeamView:
    """What a reader of a team database sees of the individual scores before moderation opens."""

    evaluator: str
    """The panel member reading; empty for someone not on the panel (e.g. the procurement lead)."""
    entered: tuple[tuple[str, int], ...]
    """(panel member, how many scores they have entered), in panel order."""
    expected: int
    """Scores each evaluator enters: bidders x questions."""


@dataclass
class Evaluation:
    questions: list[IssuedQuestion]
    pack_version: str = ""
    social_value_weight_pct: Decimal = Decimal(0)
    """The social value weighting published in the pack; the questions' weights must add up to it."""
    bidders: list[Bidder] = field(default_factory=list)
    panel: list[PanelMember] = field(default_factory=list)
    scores: list[IndividualScore] = field(default_factory=list)
    consensus: list[Consensus] = field(default_factory=list)
    status: str = "scoring"
    spread_threshold_pct: Decimal = DEFAULT_SPREAD_PCT
    award_notice_date: dt.date | None = None
    """The contract award notice (Procurement Act) or notice of intention to award (PSR): starts standstill."""
    version: int = 0
    """Optimistic-locking counter kept by the store; 0 for an evaluation never saved."""
    team_view: TeamView | None = field(default=None, compare=False)
    """On a team database before moderation opens: who is reading (their own scores only are in `scores`) and
    how many scores each evaluator has entered. None when every score is shown. Never stored."""

    def question(self, reference: str) -> IssuedQuestion:
        for question in self.questions:
            if question.reference == reference:
                return question
        raise EvaluationError(_("There is no question {reference} in the pack as issued.").format(
                                reference=reference))

    def bidder(self, name: str) -> Bidder:
        for bidder in self.bidders:
            if bidder.name == name:
                return bidder
        raise EvaluationError(_("There is no bidder {name!r}.").format(name=name))

    # ---- bidders and panel

    def _fixed_once_moderating(self) -> None:
        if self.status != "scoring":
            raise EvaluationError(_("Bidders and panel members cannot be added, renamed or removed once moderation "
                                    "has opened."))

    def put_bidder(self, original: str | None, bidder: Bidder) -> None:
        """Add a bidder (`original` None) or change one; a new name is carried to its scores."""
        names = [b.name for b in self.bidders]
        if not bidder.name:
            raise EvaluationError(_("Give the bidder's name."))
        if bidder.name in names and bidder.name != original:
            raise EvaluationError(_("There is already a bidder called {name}.").format(name=bidder.name))
        if original is None or original != bidder.name:
            self._fixed_once_moderating()
        if original is None:
            self.bidders.append(bidder)
            return
        bidder.summary_sent_on = self.bidder(original).summary_sent_on
        self.bidders[names.index(original)] = bidder
        for score in self.scores:
            if score.bidder == original:
                score.bidder = bidder.name
        for entry in self.consensus:
            if entry.bidder == original:
                entry.bidder = bidder.name

    def put_member(self, original: str | None, member: PanelMember) -> None:
        """Add a panel member (`original` None) or change one; a new name is carried to their scores."""
        names = [m.name for m in self.panel]
        if not member.name:
            raise EvaluationError(_("Give the panel member's name."))
        if member.name in names and member.name != original:
            raise EvaluationError(_("{name} is already on the panel.").format(name=member.name))
        if original is None or original != member.name:
            self._fixed_once_moderating()
        if original is None:
            self.panel.append(member)
            return
        self.panel[names.index(original)] = member
        for score in self.scores:
            if score.evaluator == original:
                score.evaluator = member.name

    def remove_bidder(self, name: str) -> None:
        """Take a bidder out of the evaluation; refused once it has scores or moderation has opened."""
        self._remove([s.bidder for s in self.scores], name)
        self.bidders = [b for b in self.bidders if b.name != name]

    def remove_member(self, name: str) -> None:
        """Take a panel member off the panel; refused once they have scored or moderation has opened."""
        self._remove([s.evaluator for s in self.scores], name)
        self.panel = [m for m in self.panel if m.name != name]

    def _remove(self, scored_by: list[str], name: str) -> None:
        self._fixed_once_moderating()
        if name in scored_by:
            raise EvaluationError(_("{name} has scores recorded, so stays in the evaluation.").format(name=name))

    # ---- individual scoring

    def record_score(self, score: IndividualScore) -> None:
        """Add or replace one evaluator's score; refused once moderation has opened or off the scale."""
        if self.status != "scoring":
            raise EvaluationError(_("Individual scores are locked: moderation has opened."))
        question = self.question(score.question)
        self.bidder(score.bidder)
        if score.evaluator not in {member.name for member in self.panel}:
            raise EvaluationError(_("{evaluator!r} is not on the evaluation panel.").format(
                                    evaluator=score.evaluator))
        if not 0 <= score.score <= question.scale_max:
            raise EvaluationError(_("A score for {reference} must be from 0 to {scale_max}, not "
                                    "{score}.").format(
                                    reference=question.reference, scale_max=question.scale_max, score=score.score))
        self.scores = [s for s in self.scores if (s.evaluator, s.bidder, s.question) !=
                       (score.evaluator, score.bidder, score.question)]
        self.scores.append(score)

    def individual(self, bidder: str, question: str) -> list[IndividualScore]:
        return [s for s in self.scores if s.bidder == bidder and s.question == question]

    # ---- moderation

    def open_moderation(self) -> None:
        if self.status != "scoring":
            raise EvaluationError(_("Moderation is already open."))
        self.status = "moderation"
        for bidder in self.bidders:
            for question in self.questions:
                if self.consensus_for(bidder.name, question.reference) is None:
                    self.consensus.append(Consensus(bidder.name, question.reference))

    def spread_flagged(self, bidder: str, question: str) -> bool:
        """True when the highest and lowest individual scores differ by more than the threshold share of
        the scale."""
        values = [s.score for s in self.individual(bidder, question)]
        if len(values) < 2:
            return False
        scale = self.question(question).scale_max
        return Decimal(max(values) - min(values)) * 100 > self.spread_threshold_pct * scale

    def consensus_for(self, bidder: str, question: str) -> Consensus | None:
        for entry in self.consensus:
            if entry.bidder == bidder and entry.question == question:
                return entry
        return None

    def agree(self, bidder: str, question: str, score: int, reason: str, commitment: str | None = None) -> None:
        if self.status != "moderation":
            raise EvaluationError(_("Consensus scores are agreed once moderation has opened, before it "
                                    "closes."))
        issued = self.question(question)
        if not 0 <= score <= issued.scale_max:
            raise EvaluationError(_("A score for {question} must be from 0 to {scale_max}, not {score}.").format(
                                    question=question, scale_max=issued.scale_max, score=score))
        if not reason.strip():
            raise EvaluationError(_("Record why the panel agreed {score} for {bidder} on {question}.").format(
                                    score=score, bidder=bidder, question=question))
        entry = self.consensus_for(bidder, question)
        if entry is None:
            entry = Consensus(bidder, question)
            self.consensus.append(entry)
        entry.score, entry.reason = score, reason.strip()
        if commitment is not None:
            entry.commitment = commitment.strip()

    def missing_consensus(self) -> list[tuple[str, str]]:
        """(bidder, question) pairs without an agreed score and its reason."""
        missing = []
        for bidder in self.bidders:
            for question in self.questions:
                entry = self.consensus_for(bidder.name, question.reference)
                if entry is None or entry.score is None or not entry.reason.strip():
                    missing.append((bidder.name, question.reference))
        return missing

    def close_moderation(self) -> None:
        missing = self.missing_consensus()
        if missing:
            bidder, question = missing[0]
            raise EvaluationError(ngettext(
                "{count} consensus score still needs a score and a reason: {bidder} on {question}.",
                "{count} consensus scores still need a score and a reason, starting with {bidder} on {question}.",
                len(missing)).format(
                                    count=len(missing), bidder=bidder, question=question))
        self.status = "complete"

    def weights_problem(self) -> str:
        """A sentence when the questions' weights are not what the pack published, or do not add up to the
        social value weight published.

        An even share is compared with the part of the theme weighting it shares, exactly, rather than the sum of
        the rounded shares the pack prints (three questions sharing 2.5% are printed as 0.83% each)."""
        total = Decimal(0)
        pools: dict[tuple[str, Decimal, int], int] = {}
        for question in self.questions:
            if question.shared_pct is None:
                total += question.weight_pct
                continue
            printed = even_share(question.shared_pct, question.shared_by)
            if question.weight_pct != printed:
                return _("{reference} carries {weight}%, but the pack printed {printed}% as its share of "
                         "{shared}%.").format(reference=question.reference, weight=question.weight_pct,
                                              printed=printed, shared=question.shared_pct)
            key = (question.theme, question.shared_pct, question.shared_by)
            pools[key] = pools.get(key, 0) + 1
        for (theme, shared, shared_by), count in pools.items():
            if count != shared_by:
                return _("The pack shared {shared}% between {shared_by} questions, but {count} questions of "
                         "{theme} carry a share of it.").format(shared=shared, shared_by=shared_by, count=count,
                                                                 theme=theme)
            total += shared
        if total != self.social_value_weight_pct:
            return _("The questions' weights add up to {total}%, but the pack published a social value weight of "
                     "{published}%.").format(total=_plain(total), published=_plain(self.social_value_weight_pct))
        return ""


def _plain(value: Decimal) -> str:
    """10.0 as "10", 9.96 as "9.96": a percentage as people write it."""
    return f"{value.normalize():f}"


def question_to_dict(question: IssuedQuestion) -> dict:
    return {"reference": question.reference, "theme": question.theme, "title": question.title,
            "text": question.text, "weight_pct": f"{question.weight_pct:f}", "scale_max": question.scale_max,
            "scale_id": question.scale_id, "minimum_score": question.minimum_score,
            "disqualify_below_minimum": question.disqualify_below_minimum,
            "shared_pct": None if question.shared_pct is None else f"{question.shared_pct:f}",
            "shared_by": question.shared_by}


def question_from_dict(data: dict) -> IssuedQuestion:
    return IssuedQuestion(
        reference=str(data["reference"]), theme=str(data.get("theme", "")), title=str(data.get("title", "")),
        text=str(data.get("text", "")), weight_pct=Decimal(str(data["weight_pct"])),
        scale_max=int(data["scale_max"]), scale_id=str(data.get("scale_id", "0-5")),
        minimum_score=None if data.get("minimum_score") is None else int(data["minimum_score"]),
        disqualify_below_minimum=bool(data.get("disqualify_below_minimum", False)),
        shared_pct=None if data.get("shared_pct") is None else Decimal(str(data["shared_pct"])),
        shared_by=int(data.get("shared_by", 1)))


def weighted_mark(question: IssuedQuestion, score: int) -> Decimal:
    """Question weight x score / scale maximum, exact."""
    return question.weight_pct * Decimal(score) / Decimal(question.scale_max)


def display(value: Decimal) -> Decimal:
    """The one rounding, for display: two decimal places, half up."""
    return value.quantize(DISPLAY_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class QuestionResult:
    question: str
    theme: str
    score: int | None
    mark: Decimal
    reason: str


@dataclass(frozen=True)
class BidderResult:
    bidder: str
    lot: int | None
    questions: tuple[QuestionResult, ...]
    total: Decimal
    theme_totals: tuple[tuple[str, Decimal], ...]
    disqualified: str
    """Why the bidder is disqualified; empty when it is not."""
    rank: int | None = None
    """1 for the highest total in its lot; equal totals share a rank; None when disqualified."""


def _disqualification(evaluation: Evaluation, bidder: str) -> str:
    reasons = []
    for question in evaluation.questions:
        if question.minimum_score is None or not question.disqualify_below_minimum:
            continue
        entry = evaluation.consensus_for(bidder, question.reference)
        if entry is not None and entry.score is not None and entry.score < question.minimum_score:
            reasons.append(f"{question.reference} scored {entry.score}, below the published minimum of "
                           f"{question.minimum_score}")
    return "; ".join(reasons)


def bidder_result(evaluation: Evaluation, bidder: Bidder) -> BidderResult:
    rows: list[QuestionResult] = []
    themes: dict[str, Decimal] = {}
    for question in evaluation.questions:
        entry = evaluation.consensus_for(bidder.name, question.reference)
        score = entry.score if entry else None
        mark = weighted_mark(question, score) if score is not None else Decimal(0)
        rows.append(QuestionResult(question.reference, question.theme, score, mark, entry.reason if entry else ""))
        themes[question.theme] = themes.get(question.theme, Decimal(0)) + mark
    return BidderResult(bidder.name, bidder.lot, tuple(rows), sum((r.mark for r in rows), Decimal(0)),
                        tuple(themes.items()), _disqualification(evaluation, bidder.name))


def ranked(results: Iterable[BidderResult]) -> list[BidderResult]:
    """Rank within each lot by total (highest first); equal totals share a rank ("1, 1, 3")."""
    out: list[BidderResult] = []
    by_lot: dict[int | None, list[BidderResult]] = {}
    for result in results:
        by_lot.setdefault(result.lot, []).append(result)
    for lot in sorted(by_lot, key=lambda lot: (lot is not None, lot or 0)):
        qualified = sorted((r for r in by_lot[lot] if not r.disqualified), key=lambda r: (-r.total, r.bidder))
        previous_total, previous_rank = None, 0
        for position, result in enumerate(qualified, start=1):
            rank = previous_rank if result.total == previous_total else position
            previous_total, previous_rank = result.total, rank
            out.append(_with_rank(result, rank))
        out.extend(sorted((r for r in by_lot[lot] if r.disqualified), key=lambda r: r.bidder))
    return out


def _with_rank(result: BidderResult, rank: int) -> BidderResult:
    return BidderResult(result.bidder, result.lot, result.questions, result.total, result.theme_totals,
                        result.disqualified, rank)


def results(evaluation: Evaluation) -> list[BidderResult]:
    """Every bidder's marks, totals and rank within its lot, from the consensus scores."""
    return ranked(bidder_result(evaluation, bidder) for bidder in evaluation.bidders)


def winners(evaluation: Evaluation) -> dict[int | None, list[str]]:
    """Per lot, the bidders ranked first (more than one when they tie)."""
    best: dict[int | None, list[str]] = {}
    for result in results(evaluation):
        if result.rank == 1:
            best.setdefault(result.lot, []).append(result.bidder)
    return best
