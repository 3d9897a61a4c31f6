"""What the ITT social value question pack says, in order; `pack_pdf` and `pack_docx` only lay it out.

Sections: introduction for bidders, tender details, weighting, the questions theme by theme, the KPI
schedule, requirements for bidders, and a response form per question.
"""

from __future__ import annotations

from decimal import Decimal

from ..i18n import N_, _
from ..model.question_weights import question_weights as published_weights
from ..model.tender import Question, Tender
from . import formatting as fmt
from . import regime_text
from .blocks import (
    Block,
    Bullets,
    Callout,
    Contents,
    Cover,
    Document,
    Facts,
    Heading,
    Para,
    ResponseForm,
    Table,
)
from .context import PackContext
from .pack_evaluation import evaluation_blocks, minimum_sentence

PACK_NAME = N_("Social value question pack")
DRAFT_MARK = N_("DRAFT \u2013 NOT POLICY-COMPLIANT")
NHS_GUIDANCE = "Applying net zero and social value in the procurement of NHS goods and services"


def question_weights(tender: Tender) -> list[Decimal | None]:
    """Each question's share of the total evaluation score as printed, in tender.questions order (the rule is
    `model.question_weights`). None for a question whose theme the tender does not use."""
    return [None if weight is None else weight.weight_pct for weight in published_weights(tender)]


def question_order(tender: Tender) -> list[tuple[str, list[int]]]:
    """The indexes of tender.questions grouped by theme, in the tender's theme order (the pack's order)."""
    themes = list(tender.theme_ids)
    themes += [q.theme for q in tender.questions if q.theme not in themes]
    return [(theme, [i for i, q in enumerate(tender.questions) if q.theme == theme])
            for theme in dict.fromkeys(themes)]


def ordered_questions(ctx: PackContext) -> list[tuple[str, list[tuple[str, Question, Decimal | None]]]]:
    """Questions grouped by theme, in the tender's theme order, each with its reference (SV1, SV2...),
    worded as the pack prints them (regime_text.tidy_question)."""
    tender = ctx.tender
    weights = question_weights(tender)
    groups: list[tuple[str, list[tuple[str, Question, Decimal | None]]]] = []
    number = 0
    for theme, indexes in question_order(tender):
        items = []
        for index in indexes:
            number += 1
            items.append((f"SV{number}", regime_text.tidy_question(ctx, tender.questions[index]), weights[index]))
        groups.append((theme, items))
    return groups


def _introduction(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    weighting = fmt.percent(tender.social_value_weighting_pct)
    blocks: list[Block] = [
        Heading(1, _("1 Introduction for bidders"), page_break=True),
        Heading(2, _("Why we ask about social value")),
        Para(_("{organisation} spends public money on behalf of the communities it serves. The Public "
               "Services (Social Value) Act 2012 asks us to consider how what we buy can improve the "
               "economic, social and environmental wellbeing of our area, {law_clause}. Our policy "
               "{policy_reference} puts this into practice in every contract we award.").format(
               organisation=ctx.organisation, law_clause=regime_text.law_clause(ctx), policy_reference=ctx.policy_reference)),
        Bullets((
            _("Social value makes up at least 10% of the total evaluation score of every new contract "
              "we commission or bid for. In this tender it makes up {weighting}.").format(
              weighting=weighting),
            _("Every tender includes the theme Fighting climate change, as NHS England's guidance "
              "“{nhs_guidance}” requires.").format(nhs_guidance=NHS_GUIDANCE),
            _("The NHS has committed to reach net zero by 2040 for the emissions it controls directly, "
              "with an 80% reduction by 2028–2032, and by 2045 for the emissions it can influence, "
              "including those of its suppliers, with an 80% reduction by 2036–2039."),
            _("Procurement accounts for 62% of the NHS carbon footprint, so what suppliers commit to "
              "in their tenders makes a real difference."),
        )),
        Heading(2, _("How to respond")),
        Bullets((
            _("Answer each question in section 4 on its response form in section 7, one form per "
              "question."),
            _("Keep within the word limit shown for each question."),
            _("Evaluators score what you commit to deliver under this contract, using the scoring "
              "scale and the evaluation guidance shown with each question, as section 3 explains."),
            _("Commitments in the successful tender become part of the contract's social value "
              "schedule and are monitored through key performance indicators, as section 5 explains."),
            _("Send clarification questions to the {contact_role} as section 3.8 explains.").format(
              contact_role=ctx.contact_role),
        )),
    ]
    if tender.description.strip():
        blocks.append(Heading(2, _("About this contract")))
        blocks.append(Para(tender.description))
    return blocks


def _tender_details(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    notice, start, end = fmt.contract_dates(tender)
    return [
        Heading(1, _("2 Tender details")),
        Facts((
            (_("Tender title"), tender.title),
            (_("Reference"), tender.reference),
            (_("Category"), ctx.category_label),
            (_("Procurement route"), ctx.route_label),
            (_("Estimated value (excluding VAT)"), fmt.money(tender.value_excl_vat_gbp)),
            *regime_text.vat_rows(ctx),
            (_("Average annual value (excluding VAT)"), fmt.money(tender.annual_value_excl_vat)),
            (_("Contract length (including extensions)"), fmt.duration(tender.duration_months)),
            (regime_text.notice_label(ctx), notice),
            (_("Planned contract start"), start),
            (_("Contract end"), end),
            (_("Lots"), fmt.lots_summary(tender.lots)),
            (_("Social value weighting"), _("{percent} of the total evaluation score").format(
                                         percent=fmt.percent(tender.social_value_weighting_pct))),
        )),
    ]


def _weighting(ctx: PackContext, groups) -> list[Block]:
    tender = ctx.tender
    theme_rows = tuple(
        (ctx.theme_label(choice.theme), fmt.percent(choice.weighting_pct),
         str(sum(1 for q in tender.questions if q.theme == choice.theme)))
        for choice in tender.themes
    )
    total = ((_("Total"), fmt.percent(tender.theme_weighting_total), str(len(tender.questions))),)
    blocks: list[Block] = [
        Heading(1, _("3 Social value weighting and evaluation")),
        Para(ctx.words.regime(tender.route).basis),
        Para(ctx.words.evaluation["intro"]),
        Heading(2, _("3.1 Weighting")),
        Para(_("Social value makes up {percent} of the total evaluation score for this tender. It is "
               "split between the themes below; where a theme has more than one question, its "
               "weighting is shared between them as shown.").format(
               percent=fmt.percent(tender.social_value_weighting_pct))),
        Table((_("Theme"), _("Weighting (% of total score)"), _("Questions")), theme_rows + total, (3, 1.6, 1),
              total_row=True, numeric=(1, 2)),
    ]
    question_rows = tuple(
        (ref, ctx.theme_label(theme), fmt.percent(weight) if weight is not None else _("Theme not weighted"))
        for theme, items in groups for ref, _question, weight in items
    )
    if question_rows:
        blocks.append(Table((_("Question"), _("Theme"), _("Weighting (% of total score)")), question_rows, (1, 3, 1.6),
                            numeric=(2,)))
    blocks += evaluation_blocks(ctx, groups)
    return blocks


def _scale_table(ctx: PackContext, scale: str) -> Table:
    return Table((_("Score"), _("Rating"), _("What the evaluators look for")),
                 tuple((level.label, level.name, level.descriptor) for level in ctx.scales.get(scale, ())),
                 (0.8, 1.3, 4.6), keep_together=True)


def _main_scale(tender: Tender) -> str:
    """The scale most questions use (the first in question order on a tie): printed once, up front."""
    scales = [q.scoring_scale for q in tender.questions]
    return max(dict.fromkeys(scales), key=scales.count) if scales else ""


def _questions(ctx: PackContext, groups) -> list[Block]:
    tender = ctx.tender
    main = _main_scale(tender)
    blocks: list[Block] = [Heading(1, _("4 Social value questions"), page_break=True)]
    if main and ctx.scales.get(main):
        blocks.append(Para(_("Unless a question says otherwise, each response is scored on the {main} "
                             "scale:").format(main=main),
                           label=_("Scoring: ")))
        blocks.append(_scale_table(ctx, main))
    shown = {main}
    for number, (theme, items) in enumerate(groups, start=1):
        choice = tender.theme(theme)
        blocks.append(Heading(2, f"4.{number} {ctx.theme_label(theme)}"))
        weight = (_("{percent} of the total evaluation score").format(percent=fmt.percent(choice.weighting_pct))
                  if choice else _("this theme is not weighted in this tender"))
        blocks.append(Para(weight, label=_("Theme weighting: ")))
        if not items:
            blocks.append(Para(_("No question has been set for this theme."), style="note"))
        for ref, question, share in items:
            blocks.extend(_question(ctx, ref, question, share, shown))
    return blocks


def _question(ctx: PackContext, ref: str, question: Question, share: Decimal | None,
              shown: set[str]) -> list[Block]:
    blocks: list[Block] = [
        Heading(3, _("Question {ref}: {title}").format(ref=ref, title=question.title) if question.title.strip() else _("Question {ref}").format(
                                                                                        ref=ref)),
        Callout("", text=(question.text,), kind="question"),
    ]
    if question.must_describe:
        blocks.append(Bullets(tuple(question.must_describe), title=_("Your response must describe:")))
    if question.sub_criteria:
        weighted = any("%" in item for item in question.sub_criteria)
        blocks.append(Bullets(tuple(question.sub_criteria), title=_("Sub-criteria (weighted as shown):") if weighted
                              else _("Sub-criteria (equally weighted):")))
    baseline = regime_text.question_baseline(ctx, question)
    if baseline:
        blocks.append(Para(baseline, label=_("Baseline: ")))
    blocks.append(Para(_("{word_limit:,} words").format(word_limit=question.word_limit), label=_("Word limit: ")))
    if share is not None:
        blocks.append(Para(_("{percent} of the total evaluation score").format(percent=fmt.percent(share)), label=_("Weighting: ")))
    minimum = minimum_sentence(ctx, ref, question)
    if minimum:
        blocks.append(Para(minimum, label=_("Minimum score: ")))
    scale = question.scoring_scale
    if scale in shown or not ctx.scales.get(scale):
        text = (_("Scored on the {scale} scale shown at the start of section 4.") if scale == _main_scale(ctx.tender)
                else _("Scored on the {scale} scale."))
        blocks.append(Para(text.format(scale=scale), label=_("Scoring: ")))
    else:
        shown.add(scale)
        blocks.append(Para(_("This question is scored on the {scale} scale:").format(scale=scale), label=_("Scoring: ")))
        blocks.append(_scale_table(ctx, scale))
    if question.evaluation_guidance.strip():
        blocks.append(Para(question.evaluation_guidance, label=_("Evaluation guidance: ")))
    return blocks


def _kpis(ctx: PackContext) -> list[Block]:
    return regime_text.kpi_blocks(ctx)


def _requirements(ctx: PackContext) -> list[Block]:
    return regime_text.requirement_blocks(ctx)


WORDS_PER_LINE = 12
"""Words a ruled line of a response form holds, handwritten or typed: the form has room for the word limit."""


def _response_forms(ctx: PackContext, groups) -> list[Block]:
    lots = ctx.tender.lots
    lot_count = (lots.lot_count or 0) if lots.divided else None
    blocks: list[Block] = [
        Heading(1, _("7 Response forms"), page_break=True),
        Para(_("Use one form per question and write your response in the space provided. The space is "
               "sized to the word limit; words over the limit are not read or scored (section 3.5).")
             + (_(" Say which lot or lots each response is for.") if lot_count is not None else "")),
    ]
    forms = [(ref, theme, question) for theme, items in groups for ref, question, _share in items]
    if not forms:
        blocks.append(Para(_("No questions have been set, so there are no response forms."), style="note"))
    for index, (ref, theme, question) in enumerate(forms):
        lines = max(4, -(-question.word_limit // WORDS_PER_LINE))
        blocks.append(ResponseForm(ref, ctx.theme_label(theme), question.text, question.word_limit,
                                   lines=lines, new_page=index > 0, lots=lot_count))
    return blocks


def draft_callout(ctx: PackContext) -> Callout | None:
    if ctx.compliant:
        return None
    return Callout(
        _(DRAFT_MARK),
        text=(_("This pack does not yet meet {policy_reference} and must not be issued to bidders "
                "until the following are resolved:").format(policy_reference=ctx.policy_reference),),
        items=ctx.blocker_messages or (_("The policy check found a problem that blocks this tender."),),
        kind="draft",
    )


def build_pack(ctx: PackContext) -> Document:
    tender = ctx.tender
    groups = ordered_questions(ctx)
    cover = Cover(
        eyebrow=_(PACK_NAME),
        title=tender.title or tender.reference,
        organisation=ctx.organisation,
        facts=(
            (_("Tender reference"), tender.reference),
            (_("Issued"), fmt.long_date(ctx.issue_date)),
            (_("Version"), ctx.version_label),
            (_("Category"), ctx.category_label),
            (_("Policy"), ctx.policy_reference),
            (_("Contact"), ctx.contact),
        ),
        draft=draft_callout(ctx),
        note=_("This pack is the social value part of the invitation to tender: why we ask, how social "
               "value is weighted, the questions with their scoring, the key performance indicators, "
               "what bidders must provide, and a response form for each question."),
    )
    body: list[Block] = [Heading(1, _("Contents"), page_break=True, toc=False), Contents()]
    body += _introduction(ctx)
    body += _tender_details(ctx)
    body += _weighting(ctx, groups)
    body += _questions(ctx, groups)
    body += _kpis(ctx)
    body += _requirements(ctx)
    body += _response_forms(ctx, groups)
    keywords = [_("social value"), "ITT", "NHS", _("procurement"), tender.reference,
                *(ctx.theme_label(t) for t in tender.theme_ids)]
    return Document(
        cover=cover,
        body=tuple(body),
        title=_("{name}: {title}").format(name=_(PACK_NAME), title=tender.title) if tender.title else _(PACK_NAME),
        subject=_("Social value questions for tender {reference}, under {policy_reference}").format(
                  reference=tender.reference, policy_reference=ctx.policy_reference),
        keywords=tuple(keywords),
        running_head=f"{tender.reference} \u00b7 {tender.title}" if tender.title else tender.reference,
        footer_label=f"{_(PACK_NAME)} \u00b7 {ctx.organisation}",
    )
