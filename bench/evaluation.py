"""Evaluation records: 10 bidders x 5 evaluators x 12 questions (the largest realistic tender), moderated,
then its results, the moderation record and every bidder's assessment summary (PDF and Word) written through
the service, as a manager issuing them would.

The scoring and moderation are set up once, untimed; each run reads the evaluation from the database, works
out the results and writes the 21 documents. The questions share each theme's weighting evenly, as the pack
prints it (three questions sharing 2.5% print 0.83% each). Warm: the first run of a session also loads fonts and content,
and starts the two worker processes that write the summaries (`export/parallel.py`), which the app then keeps.
The goal is a promise to the user (under 2 s for the lot), so there is no floor.
"""

from __future__ import annotations

from pathlib import Path

from .dataset import largest_tender
from .harness import Result, median, timed, value_goal

BIDDERS, EVALUATORS = 10, 5
GOAL_S = 2.0


def _score(bidder: int, evaluator: int, question: int, top: int) -> int:
    return min(top, (bidder + evaluator + question) % 4 * top // 5 + top // 5)


def prepare(service, reference: str) -> None:
    """Bidders, panel, every individual score, consensus with reasons and commitments, moderation closed."""
    from sv_desktop.model.evaluation import Bidder, IndividualScore, PanelMember

    service.start_evaluation(reference, pack_version="1")

    def fill(ev) -> None:
        ev.bidders += [Bidder(f"Bidder {b:02d} Ltd", f"{b} Market Street, Leicester", f"0{b:07d}", "LE1 1AA")
                       for b in range(1, BIDDERS + 1)]
        ev.panel += [PanelMember(f"Evaluator {e}", "Panel member") for e in range(1, EVALUATORS + 1)]
        for b, bidder in enumerate(ev.bidders):
            for q, question in enumerate(ev.questions):
                for e, member in enumerate(ev.panel):
                    ev.record_score(IndividualScore(member.name, bidder.name, question.reference,
                                                    _score(b, e, q, question.scale_max),
                                                    f"Method statement section {q + 1}, page {b + e + 2}"))
        ev.open_moderation()
        for b, bidder in enumerate(ev.bidders):
            for q, question in enumerate(ev.questions):
                ev.agree(bidder.name, question.reference, _score(b, 2, q, question.scale_max) if b else
                         question.scale_max, f"The panel agreed on the evidence in section {q + 1} of the bid.",
                         commitment=f"{q + 2} apprenticeships for local residents each contract year")
        ev.close_moderation()
    service.change_evaluation(reference, fill)


def bench_evaluation(workdir: Path, repeat: int = 5) -> Result:
    from sv_desktop.services.tender_service import open_service

    workdir = Path(workdir)
    service = open_service(workdir / "evaluation-data")
    try:
        tender = largest_tender(service.bank)
        tender = service.create(tender)
        prepare(service, tender.reference)
        out = workdir / "evaluation-out"

        def issue() -> None:
            service.evaluation_results(tender.reference)
            service.export_moderation_record(tender.reference, out / "moderation.pdf")
            service.write_assessment_summaries(tender.reference, out / "summaries")

        out.mkdir(parents=True, exist_ok=True)
        issue()  # warm: fonts registered, content loaded
        times = [timed(issue) for _ in range(repeat)]
        files = len(list((out / "summaries").iterdir()))
    finally:
        service.close()
    return value_goal("evaluation", median(times), None, "s", GOAL_S, repeat, bidders=BIDDERS,
                      evaluators=EVALUATORS, questions=len(tender.questions), documents=files + 1)
