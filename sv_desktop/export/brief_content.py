"""What the pre-market engagement brief says: a pre-market document telling the market what the Trust
plans to buy and when, the social value it will evaluate, the measures it wants to discuss, who can take
part on this route, questions for the market and how to respond by when (policy P238 sections 4.1, 4.2b).

It prints only text written for suppliers (`model.supplier_text`): never the internal notes of the steps,
the engagement log, the award or delivery, and never the names of suppliers met. Sentences about dates
follow the issue date: a planned event is in the future tense until its day has passed.
"""

from __future__ import annotations

import datetime as dt

from ..i18n import N_, _, ngettext
from ..model.brief_wording import load_brief_wording
from ..model.pack_wording import local_share
from ..model.tender import PSR_ROUTES
from . import formatting as fmt
from .blocks import Block, Bullets, Callout, Cover, Document, Facts, Heading, Para, Table
from .context import PackContext
from .pack_content import NHS_GUIDANCE

BRIEF_NAME = N_("Pre-market engagement brief")
BRIEF_DRAFT_MARK = N_("DRAFT \u2013 NOT READY FOR THE MARKET")
BRIEF_RULES = frozenset({"SCOPE-MEDICINES", "SV-MIN-WEIGHT", "SV-CLIMATE", "SV-THEME-WEIGHTS"})
"""Blockers that make what the brief itself says wrong (the weighting and themes it announces, a category
outside the policy). Rules that apply at the invitation to tender (KPIs set, published, requirements) do
not mark the brief: the policy (4.2b) has KPIs developed with bidders at this stage."""
RESPONSE_DAYS = 28
"""Suppliers get four weeks to respond..."""
NOTICE_MARGIN_DAYS = 14
"""...ending at least two weeks before the procurement starts, so the answers can still change it."""
MIN_RESPONSE_DAYS = 7


def response_deadline(ctx: PackContext) -> dt.date:
    """Four weeks from issue, brought forward to two weeks before the planned start, but never under a week."""
    issued = ctx.issue_date
    deadline = issued + dt.timedelta(days=RESPONSE_DAYS)
    notice = ctx.tender.tender_notice_date
    if notice is not None:
        deadline = min(deadline, notice - dt.timedelta(days=NOTICE_MARGIN_DAYS))
    return max(deadline, issued + dt.timedelta(days=MIN_RESPONSE_DAYS))


def brief_blockers(ctx: PackContext) -> tuple[str, ...]:
    """The blocker messages that apply to the brief (see BRIEF_RULES)."""
    if not ctx.blocker_rules:  # a context built without rule ids: every blocker counts
        return ctx.blocker_messages
    return tuple(message for rule, message in zip(ctx.blocker_rules, ctx.blocker_messages, strict=False)
                 if rule in BRIEF_RULES)


def _planned(ctx: PackContext, day: dt.date | None, future: str, past: str) -> str | None:
    if day is None:
        return None
    return (future if day >= ctx.issue_date else past).format(date=fmt.long_date(day))


def _plans(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    wording = load_brief_wording().routes[tender.route]
    notice, start, _end = fmt.contract_dates(tender)
    blocks: list[Block] = [Heading(1, _("1 What we plan to buy and when"))]
    if tender.description.strip():
        blocks.append(Para(tender.description))
    blocks.append(Facts((
        (_("Title"), tender.title),
        (_("Reference"), tender.reference),
        (_("Category"), ctx.category_label),
        (_("Estimated value (whole life, excluding VAT)"), fmt.value_band(tender.value_excl_vat_gbp)),
        (_("Contract length (including extensions)"), fmt.duration(tender.duration_months)),
        (wording.notice_label, notice),
        (_("Planned contract start"), start),
        (_("Procurement route"), ctx.route_label),
    )))
    timing = [_planned(ctx, tender.tender_notice_date, _("We plan to start the procurement on {date}."),
                       _("The procurement started on {date}.")),
              _planned(ctx, tender.contract_start_date, _("We plan for the contract to start on {date}."),
                       _("The contract started on {date}."))]
    if any(timing):
        blocks.append(Para(" ".join(sentence for sentence in timing if sentence)))
    if tender.supplier_text.spec.strip():
        blocks.append(Para(tender.supplier_text.spec, label=_("What the specification will ask for: ")))
    return blocks


def _social_value(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    rows = tuple((ctx.theme_label(choice.theme), fmt.percent(choice.weighting_pct)) for choice in tender.themes)
    blocks: list[Block] = [
        Heading(1, _("2 The social value we will evaluate")),
        Para(_("Social value will make up {percent} of the total evaluation score. Our policy "
               "{policy_reference} sets a minimum of 10% for every contract, and Fighting climate "
               "change is part of every tender, as NHS England's guidance “{nhs_guidance}” requires. "
               "We plan to evaluate these themes:").format(
               percent=fmt.percent(tender.social_value_weighting_pct), policy_reference=ctx.policy_reference, nhs_guidance=NHS_GUIDANCE)),
    ]
    if rows:
        blocks.append(Table((_("Theme"), _("Weighting (% of total score)")), rows, (3, 1.6), numeric=(1,)))
    return blocks


def _measures(ctx: PackContext) -> list[Block]:
    """The KPIs (with any proposed target), else the example actions chosen per theme."""
    tender = ctx.tender
    blocks: list[Block] = [Heading(1, _("3 Measures we want to discuss")), Para(load_brief_wording().measures_intro)]
    if tender.kpis:
        rows = tuple((kpi.name, ctx.theme_label(kpi.theme), kpi.unit or "\u2013",
                      kpi.target.strip() or _("To be agreed")) for kpi in tender.kpis if kpi.name.strip())
        blocks.append(Table((_("Measure"), _("Theme"), _("Unit"), _("Proposed target")), rows, (3.2, 1.8, 0.9, 1.3)))
    actions = [(ctx.theme_label(choice.theme), action) for choice in tender.themes
               for action in [*choice.actions, *choice.own_actions] if action.strip()]
    if actions:
        blocks.append(Bullets(tuple(action for _theme, action in actions),
                              title=_("The kind of commitments we would like to hear about:"),
                              labels=tuple(f"{theme}: " for theme, _action in actions)))
    if not tender.kpis and not actions:
        blocks.append(Para(_("We have not chosen measures yet and would welcome your suggestions."), style="note"))
    return blocks


def _asks(ctx: PackContext) -> list[Block]:
    psr = ctx.tender.route in PSR_ROUTES  # the Provider Selection Regime speaks of providers, not bidders
    blocks: list[Block] = [Heading(1, _("4 What we will ask providers for") if psr
                                   else _("4 What we will ask bidders for"))]
    if ctx.requirements:
        blocks.append(Para(_("We expect to ask each provider for the following, so it is worth preparing now:")
                           if psr else
                           _("We expect to ask every bidder for the following, so it is worth preparing now:")))
        blocks.append(Bullets(tuple(text for _title, text in ctx.requirements),
                              labels=tuple(f"{title}: " for title, _text in ctx.requirements)))
    blocks.append(Para(_("The NHS is working towards net zero: by 2040 for the emissions it controls "
                         "directly and by 2045 for the emissions it can influence, including those of "
                         "its suppliers.")))
    return blocks


def _engagement_dates(ctx: PackContext) -> str:
    days = sorted({event.held_on for event in ctx.tender.engagement if event.held_on is not None})
    past = [fmt.long_date(day) for day in days if day < ctx.issue_date]
    future = [fmt.long_date(day) for day in days if day >= ctx.issue_date]
    sentences = []
    if past:
        sentences.append(_("We met interested suppliers on {dates}.").format(dates=_and(past)))
    if future:
        sentences.append(_("We will meet interested suppliers on {dates}; contact us to take part.").format(
            dates=_and(future)))
    return " ".join(sentences)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]),
                                                                           last=items[-1])


def _taking_part(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    lots = tender.lots
    wording = load_brief_wording().routes[tender.route]
    blocks: list[Block] = [Heading(1, _("5 Who can take part")), Para(wording.audience)]
    points: list[str] = []
    if lots.divided:
        points.append(ngettext("We plan to divide the contract into {count} lot, so you can take part in the "
                               "parts that suit your organisation.",
                               "We plan to divide the contract into {count} lots, so you can take part in the "
                               "parts that suit your organisation.", lots.lot_count).format(count=lots.lot_count)
                      if lots.lot_count else
                      _("We plan to divide the contract into lots, so you can take part in the parts that suit "
                        "your organisation."))
    elif lots.divided is False:
        points.append(_("We plan to let it as a single contract."))
    if lots.head_contract_local_pct is not None:
        share = local_share(fmt.percent(lots.head_contract_local_pct))
        points.append(_("{share}, so there will be subcontracting opportunities for local organisations.").format(
            share=f"{share[:1].upper()}{share[1:]}"))
    points += wording.points
    blocks.append(Bullets(tuple(points)))
    if lots.divided is not None and lots.reasons.strip():
        blocks.append(Para(lots.reasons, label=_("Why we plan to package the contract this way: ")))
    if tender.supplier_text.local.strip():
        blocks.append(Para(tender.supplier_text.local, label=_("Local suppliers, SMEs and VCSEs: ")))
    dates = _engagement_dates(ctx)
    if dates or tender.supplier_text.engagement.strip():
        blocks.append(Heading(2, _("Engagement with the market")))
        if dates:
            blocks.append(Para(dates))
        if tender.supplier_text.engagement.strip():
            blocks.append(Para(tender.supplier_text.engagement))
    return blocks


def _questions_and_response(ctx: PackContext) -> list[Block]:
    deadline = fmt.long_date(response_deadline(ctx))
    return [
        Heading(1, _("6 Questions for the market")),
        Para(_("We would welcome your answers to any of these questions:")),
        Bullets(load_brief_wording().questions),
        Heading(1, _("7 How to respond")),
        Facts((
            (_("Respond by"), deadline),
            (_("Contact"), ctx.contact),
            (_("Quote"), _("Reference {reference}").format(reference=ctx.tender.reference)),
        )),
        Para(_("Send your answers, views or questions to {contact} at {organisation} by {deadline}, "
               "quoting reference {reference}. Tell us if you would like to be kept informed.").format(
               contact=ctx.contact, organisation=ctx.organisation, deadline=deadline, reference=ctx.tender.reference)),
        Para(_("This brief is for market engagement only. It is not a call for competition and does "
               "not commit {organisation} to any procurement; taking part, or not, will not affect how "
               "any tender is evaluated. Information you give us may be shared in anonymised form with "
               "all interested suppliers so that everyone has the same information.").format(
               organisation=ctx.organisation), style="note"),
    ]


def brief_draft(ctx: PackContext) -> Callout | None:
    blockers = brief_blockers(ctx)
    if not blockers:
        return None
    return Callout(_(BRIEF_DRAFT_MARK), text=(_("Fix these before sending this brief to the market:"),),
                   items=blockers, kind="draft")


def build_brief(ctx: PackContext) -> Document:
    tender = ctx.tender
    cover = Cover(eyebrow=_(BRIEF_NAME), title=tender.title or tender.reference, organisation=ctx.organisation,
                  facts=(), draft=brief_draft(ctx))
    body = [*_plans(ctx), *_social_value(ctx), *_measures(ctx), *_asks(ctx), *_taking_part(ctx),
            *_questions_and_response(ctx)]
    return Document(
        cover=cover,
        body=tuple(body),
        title=_("{name}: {title}").format(name=_(BRIEF_NAME), title=tender.title) if tender.title else _(BRIEF_NAME),
        subject=_("Pre-market engagement for tender {reference}").format(reference=tender.reference),
        keywords=(_("pre-market engagement"), _("social value"), _("NHS"), _("procurement"), tender.reference),
        running_head=f"{tender.reference} \u00b7 {tender.title}" if tender.title else tender.reference,
        footer_label=f"{_(BRIEF_NAME)} \u00b7 {ctx.organisation}",
        body_starts_on_cover=True,
    )
