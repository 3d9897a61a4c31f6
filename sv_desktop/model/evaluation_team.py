"""Team mode: on a shared database each evaluator scores alone, from their own computer, until moderation opens.

Who is reading is the database user each person logs in as. A panel member is that user when the member's name
is the user's name, or the part of it before "@" with dots, underscores or hyphens read as spaces (letter case
aside): "jane.smith@TRUST.NHS.UK" and "jane_smith" are the panel's "Jane Smith". Anyone else, such as the
procurement lead who runs the evaluation, is not an evaluator.

Before moderation opens, an evaluator reads only their own individual scores and may change only those;
someone not on the panel reads none, but everyone sees how many scores each evaluator has entered. Once
moderation opens, everyone sees every score (and individual scores are locked anyway).
"""

from __future__ import annotations

import dataclasses
import re

from ..i18n import _
from .evaluation import Evaluation, EvaluationError, IndividualScore, PanelMember, TeamView


def _plain_name(text: str) -> str:
    return " ".join(re.split(r"[\s._-]+", text.strip().casefold())).strip()


def panel_member_for(user: str, panel: list[PanelMember]) -> str:
    """The panel member the database user `user` is, or "" when none is."""
    if not user:
        return ""
    wanted = {_plain_name(user), _plain_name(user.split("@", 1)[0])}
    for member in panel:
        if _plain_name(member.name) in wanted:
            return member.name
    return ""


def hidden_before_moderation(evaluation: Evaluation) -> bool:
    return evaluation.status == "scoring"


def view_for(evaluation: Evaluation, user: str) -> Evaluation:
    """The evaluation as the database user `user` may read it: before moderation opens, only their own
    individual scores, with each evaluator's count of scores entered; afterwards, all of it."""
    if not hidden_before_moderation(evaluation):
        return evaluation
    me = panel_member_for(user, evaluation.panel)
    counts: dict[str, int] = {member.name: 0 for member in evaluation.panel}
    for score in evaluation.scores:
        counts[score.evaluator] = counts.get(score.evaluator, 0) + 1
    view = TeamView(me, tuple((member.name, counts[member.name]) for member in evaluation.panel),
                    len(evaluation.bidders) * len(evaluation.questions))
    own = [s for s in evaluation.scores if me and s.evaluator == me]
    return dataclasses.replace(evaluation, scores=own, team_view=view)


def _renamed(before: list[str], after: list[str]) -> dict[str, str]:
    """Names changed in place (the same position, a new name), as the panel and bidder editors rename."""
    if len(before) != len(after):
        return {}
    return {old: new for old, new in zip(before, after, strict=True) if old != new and old not in after}


def merged_for(stored: Evaluation, changed: Evaluation, user: str) -> Evaluation:
    """`changed`, saved by the database user `user`, with the individual scores they may not see or change
    kept as stored. A change to someone else's score is refused in one sentence; so is removing a bidder or
    panel member who has scores the user cannot see. After moderation opened, `changed` as it is."""
    if not hidden_before_moderation(stored):
        return changed
    me = panel_member_for(user, stored.panel)
    theirs = {(s.evaluator, s.bidder, s.question): s for s in stored.scores if s.evaluator != me}
    for score in changed.scores:
        if score.evaluator == me and me:
            continue
        if theirs.get((score.evaluator, score.bidder, score.question)) != score:
            if not me:
                raise EvaluationError(_("Only the panel's evaluators enter individual scores, each their own: "
                                        "you ({user}) are not on the panel.").format(user=user))
            raise EvaluationError(_("You can enter and change only your own scores ({me}): {evaluator}'s "
                                    "scores are theirs to enter.").format(me=me, evaluator=score.evaluator))
    panel = _renamed([m.name for m in stored.panel], [m.name for m in changed.panel])
    bidders = _renamed([b.name for b in stored.bidders], [b.name for b in changed.bidders])
    kept = [IndividualScore(panel.get(s.evaluator, s.evaluator), bidders.get(s.bidder, s.bidder), s.question,
                            s.score, s.rationale) for s in theirs.values()]
    members, names = {m.name for m in changed.panel}, {b.name for b in changed.bidders}
    for score in kept:
        if score.evaluator not in members or score.bidder not in names:
            gone = score.evaluator if score.evaluator not in members else score.bidder
            raise EvaluationError(_("{name} has scores recorded, so stays in the evaluation.").format(name=gone))
    own = [s for s in changed.scores if me and s.evaluator == me]
    return dataclasses.replace(changed, scores=kept + own, team_view=None)
