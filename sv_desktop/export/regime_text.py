"""What the pack says that depends on the tender's regime, VAT treatment, KPIs and baselines.

The Procurement Act 2023 routes and the Provider Selection Regime routes are worded from
resources/content/pack_wording.yaml; nothing here cites a section of the Act for a PSR award.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..i18n import _
from ..model.rules import SupplierRequirement
from ..model.tender import Kpi, Question
from . import formatting as fmt
from .blocks import Block, Facts, Heading, Para, Table
from .context import PackContext

PSR_NOTICE_WORDS = ("tender notice",)
"""Act wording a Provider Selection Regime pack must never print (tests check it)."""


def tidy_question(ctx: PackContext, question: Question) -> Question:
    """A copy of the question without leftover wording, in the regime's own terms (the tender is unchanged)."""
    regime = ctx.words.regime(ctx.tender.route)

    def tidy(text: str) -> str:
        return ctx.words.tidy_text(text, question.scoring_scale, regime)

    return replace(question, title=tidy(question.title), text=tidy(question.text),
                   must_describe=[tidy(t) for t in question.must_describe],
                   sub_criteria=[tidy(t) for t in question.sub_criteria],
                   evaluation_guidance=tidy(question.evaluation_guidance))


def law_clause(ctx: PackContext) -> str:
    """The clause of the introduction naming the law behind social value for this route."""
    return ctx.words.regime(ctx.tender.route).law


def vat_rows(ctx: PackContext) -> tuple[tuple[str, str], ...]:
    """The whole-life value row, labelled by VAT treatment, and a row saying how VAT applies."""
    tender = ctx.tender
    wording = ctx.words.vat.get(tender.vat_treatment) or ctx.words.vat["standard"]
    rate = fmt.percent(tender.vat_rate_pct)
    return (
        (wording["label"].format(rate=rate), fmt.money(tender.whole_life_value_incl_vat)),
        (_("VAT"), wording["note"].format(rate=rate)),
    )


def notice_label(ctx: PackContext) -> str:
    return ctx.words.regime(ctx.tender.route).notice_label


def kpi_target(kpi: Kpi) -> str:
    target = kpi.target.strip() or fmt.not_set()
    unit = kpi.unit.strip()
    if not unit or not re.fullmatch(r"[\d.,]+", target):
        return target
    return f"{target}%" if unit == "%" else f"{target} {unit}"


def _question_kpis(ctx: PackContext, question: Question) -> list[Kpi]:
    """The Trust's KPIs a question's commitments would add to: linked through the bank where both came
    from it, otherwise those of the question's theme."""
    kpis = [k for k in ctx.tender.kpis if k.theme == question.theme]
    linked = ctx.bank_kpi_links.get(question.source_id, ()) if question.source_id else ()
    if linked and any(k.source_id for k in kpis):
        kpis = [k for k in kpis if k.source_id in linked]
    return kpis


def matches_local_share(ctx: PackContext, question: Question) -> bool:
    text = " ".join((question.title, question.text, *question.must_describe)).casefold()
    return any(term.casefold() in text for term in ctx.words.local_terms)


def local_share_text(ctx: PackContext) -> str | None:
    pct = ctx.tender.lots.head_contract_local_pct
    if pct is None:
        return None
    return ctx.words.baselines["local_subcontracting"].format(pct=fmt.percent(pct))


def question_baseline(ctx: PackContext, question: Question) -> str | None:
    """"... Only commitments beyond this baseline score." (printed after "Baseline: ") for a question whose
    subject the tender already requires (a local subcontracting share, a Trust KPI target), else None."""
    parts: list[str] = []
    local = local_share_text(ctx)
    if local and question.theme == "tackling_economic_inequality" and matches_local_share(ctx, question):
        parts.append(local)
    template = ctx.words.baselines["kpi_target"]
    if ctx.tender.kpi_targets_are_minimums:
        parts += [template.format(kpi=k.name, target=kpi_target(k)) for k in _question_kpis(ctx, question)
                  if k.target.strip()]
    if not parts:
        return None
    return ctx.words.baselines["question"].format(baselines="; ".join(parts))


def kpi_blocks(ctx: PackContext) -> list[Block]:
    """Section 5: whether the Trust's targets are minimums, the KPI table, the social value schedule with
    its remedy, and the regime's publication and assessment duties."""
    tender = ctx.tender
    words = ctx.words.kpis
    regime = ctx.words.regime(tender.route)
    blocks: list[Block] = [Heading(1, _("5 Key performance indicators"), page_break=True)]
    if tender.kpis:
        blocks.append(Para(words["minimums" if tender.kpi_targets_are_minimums else "indicative"]))
        rows = tuple(
            (kpi.name, kpi.unit, kpi.baseline, kpi.target, fmt.frequency(kpi.frequency),
             ctx.theme_label(kpi.theme), fmt.yes_no(kpi.publish))
            for kpi in tender.kpis
        )
        blocks.append(Table((_("KPI"), _("Unit"), _("Baseline"), _("Target"), _("Frequency"), _("Theme"), _("Published")), rows,
                            (3.0, 0.9, 1.1, 1.0, 1.3, 1.8, 1.35)))
        evidence = tuple((kpi.name, kpi.evidence) for kpi in tender.kpis if kpi.evidence.strip())
        if evidence:
            blocks.append(Table((_("KPI"), _("Evidence the supplier provides")), evidence, (1, 1.6)))
    else:
        blocks.append(Para(words["none_set"]))
    blocks.append(Heading(2, _("The social value schedule")))
    blocks.append(Para(words["schedule"]))
    blocks.append(Para(words["remedy"]))
    if regime.is_psr:
        blocks.append(Para(words["psr_publish"]))
    elif ctx.s52_applies and not tender.kpi_exemption_reason.strip():
        blocks.append(Para(words["s52"]))
    else:
        blocks.append(Para(words["pa23_publish"]))
    if tender.kpi_exemption_reason.strip() and not regime.is_psr:
        blocks.append(Para(tender.kpi_exemption_reason, label=_("Why performance is not assessed by "
                                                                "KPIs: ")))
    return blocks


def requirement_blocks(ctx: PackContext) -> list[Block]:
    """Section 6: each request with how it is assessed, how to respond and any word limit, worded for the
    regime (where a pass/fail request is assessed)."""
    words = ctx.words
    regime = words.regime(ctx.tender.route)
    blocks: list[Block] = [Heading(1, _("6 Requirements for bidders"))]
    details: tuple[SupplierRequirement | tuple[None, str, str], ...] = ctx.requirement_details or tuple((None, title, text) for title, text in ctx.requirements)
    if not details:
        blocks.append(Para(words.requirements["none"], style="note"))
        return blocks
    blocks.append(Para(words.requirements["intro"]))
    for item in details:
        if isinstance(item, tuple):
            _none, title, text = item
            facts: list[tuple[str, str]] = []
        else:
            title, text = item.title, item.text
            facts = []
            if item.assessment:
                facts.append((_("Assessment"), words.requirements[item.assessment].format(stage=regime.stage)))
            if item.respond:
                facts.append((_("How to respond"), item.respond))
            if item.word_limit:
                facts.append((_("Word limit"), _("{word_limit:,} words").format(word_limit=item.word_limit)))
        blocks.append(Heading(3, words.stage_text(title, regime)))
        if facts:
            blocks.append(Facts(tuple(facts)))
        blocks.append(Para(words.stage_text(text, regime)))
    return blocks
