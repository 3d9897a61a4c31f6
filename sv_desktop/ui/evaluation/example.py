"""A worked example evaluated from start to finish, for the screenshots and the layout checks: three bidders,
a panel of three, every individual score with its rationale, moderation closed with a reason for each
consensus score, and the award notice date recorded. Everything goes through the service, as the screens do."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...model.evaluation import Bidder, Evaluation, IndividualScore, PanelMember

if TYPE_CHECKING:
    from ...services.contract import UiService

EXAMPLE_REFERENCE = "LPT-2027-014"

BIDDERS = (
    Bidder("Greenway Logistics Ltd", "Unit 4, Meridian Way, Leicester", "08123456", "LE19 1WX", sme=True),
    Bidder("Midlands Community Transport CIC", "21 Wharf Street, Leicester", "10987654", "LE1 2AG", vcse=True),
    Bidder("National Fleet Services plc", "1 Kingsway, London", "00456789", "WC2B 6AN"),
)
PANEL = (
    PanelMember("Priya Patel", "Procurement lead (chair)", dt.date(2027, 5, 10), "12 years in NHS procurement"),
    PanelMember("Tom Hughes", "Fleet and transport manager", dt.date(2027, 5, 11), "Runs the Trust's fleet"),
    PanelMember("Aisha Khan", "Sustainability lead", dt.date(2027, 5, 11), "Green plan author"),
)
# Fifths of each question's scale: each evaluator's score per bidder, then the consensus.
SCORES = {"Greenway Logistics Ltd": ((4, 4, 3), 4), "Midlands Community Transport CIC": ((3, 5, 2), 3),
          "National Fleet Services plc": ((2, 2, 3), 2)}
REASONS = {
    "Greenway Logistics Ltd": "Specific, timed commitments with named owners and quarterly reporting (section 4, "
                              "pages 6-8); local recruitment cohort sized and costed.",
    "Midlands Community Transport CIC": "Strong local partnerships (appendix B) but targets not quantified beyond "
                                        "year one; the panel agreed 3 after discussing the spread.",
    "National Fleet Services plc": "Corporate policy restated (pages 2-3) without commitments specific to this "
                                   "contract.",
}


def evaluated_example(service: UiService, reference: str = EXAMPLE_REFERENCE) -> Evaluation:
    """Start, score and moderate `reference` (a worked example already loaded)."""
    if service.get_evaluation(reference) is None:
        service.start_evaluation(reference, pack_version="Pack version 2, issued 14/04/2027")

    def evaluate(evaluation: Evaluation) -> None:
        evaluation.bidders = [Bidder(b.name, b.address, b.identifier, b.postcode, b.sme, b.vcse) for b in BIDDERS]
        evaluation.panel = list(PANEL)
        for index, question in enumerate(evaluation.questions):
            top = question.scale_max
            for bidder, (individual, _agreed) in SCORES.items():
                for member, fifths in zip(PANEL, individual, strict=True):
                    value = min(5, fifths + (index % 2 if member is PANEL[1] else 0))
                    evaluation.record_score(IndividualScore(member.name, bidder, question.reference,
                                                            value * top // 5, f"Bid section {index + 2}, page "
                                                            f"{index * 2 + 3}"))
        evaluation.open_moderation()
        for question in evaluation.questions:
            for bidder, (_individual, agreed) in SCORES.items():
                commitment = (f"{question.title}: measured quarterly against the baseline"
                              if bidder == BIDDERS[0].name else "")
                evaluation.agree(bidder, question.reference, agreed * question.scale_max // 5, REASONS[bidder],
                                 commitment)
        evaluation.close_moderation()
        evaluation.award_notice_date = dt.date(2027, 7, 5)
    return service.change_evaluation(reference, evaluate)
