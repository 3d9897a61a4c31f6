"""The pre-market engagement brief: two to four pages telling suppliers what the Trust plans to buy,
when, the social value it will evaluate, what it will ask bidders for, and how SMEs, VCSEs and local
firms can take part (policy P238 section 4.1).
"""

from __future__ import annotations

from pathlib import Path

from ..model.pack_wording import local_share
from . import formatting as fmt
from .atomic import ExportError, atomic_write
from .blocks import Block, Bullets, Cover, Document, Facts, Heading, Para, Table
from .context import PackContext
from .pack_content import NHS_GUIDANCE
from .pack_pdf import furniture_for
from .pdf_render import build_pdf, cover_flowables

BRIEF_NAME = "Pre-market engagement brief"


def _plans(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    notice, start, _end = fmt.contract_dates(tender)
    blocks: list[Block] = [Heading(1, "1 What we plan to buy and when")]
    if tender.description.strip():
        blocks.append(Para(tender.description))
    blocks.append(Facts((
        ("Title", tender.title),
        ("Reference", tender.reference),
        ("Category", ctx.category_label),
        ("Estimated value (whole life, excluding VAT)", fmt.value_band(tender.value_excl_vat_gbp)),
        ("Contract length (including extensions)", fmt.duration(tender.duration_months)),
        ("Planned tender notice", notice),
        ("Planned contract start", start),
        ("Procurement route", ctx.route_label),
    )))
    return blocks


def _social_value(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    rows = tuple((ctx.theme_label(choice.theme), fmt.percent(choice.weighting_pct)) for choice in tender.themes)
    blocks: list[Block] = [
        Heading(1, "2 The social value we will evaluate"),
        Para(f"Social value will make up {fmt.percent(tender.social_value_weighting_pct)} of the total evaluation "
             f"score. Our policy {ctx.policy_reference} sets a minimum of 10% for every contract, and Fighting "
             f"climate change is part of every tender, as NHS England's guidance \u201c{NHS_GUIDANCE}\u201d "
             "requires. We will evaluate these themes:"),
    ]
    if rows:
        blocks.append(Table(("Theme", "Weighting (% of total score)"), rows, (3, 1.6), numeric=(1,)))
    if tender.kpis:
        blocks.append(Bullets(tuple(kpi.name for kpi in tender.kpis),
                              title="We expect to measure delivery with key performance indicators such as:"))
    blocks.append(Para("We would welcome your views on these themes and measures: what you could offer, what "
                       "evidence you could provide, and what would make them practical for a business of your "
                       "size."))
    return blocks


def _asks(ctx: PackContext) -> list[Block]:
    blocks: list[Block] = [Heading(1, "3 What we will ask bidders for")]
    if ctx.requirements:
        blocks.append(Para("Bidders will be asked to provide the following with their tender, so it is worth "
                           "preparing now:"))
        blocks.append(Bullets(tuple(text for _title, text in ctx.requirements),
                              labels=tuple(f"{title}: " for title, _text in ctx.requirements)))
    blocks.append(Para("The NHS is working towards net zero: by 2040 for the emissions it controls directly and "
                       "by 2045 for the emissions it can influence, including those of its suppliers."))
    return blocks


def _taking_part(ctx: PackContext) -> list[Block]:
    tender = ctx.tender
    lots = tender.lots
    blocks: list[Block] = [
        Heading(1, "4 How SMEs, VCSEs and local firms can take part"),
        Para("We want small and medium-sized enterprises (SMEs), voluntary, community and social enterprise "
             "organisations (VCSEs) and local suppliers to be able to bid for this contract or to take part in "
             "delivering it."),
    ]
    points: list[str] = []
    if lots.divided:
        count = f"{lots.lot_count} lots" if lots.lot_count else "lots"
        points.append(f"The contract will be divided into {count}, so you can bid for the parts that suit "
                      "your organisation.")
    elif lots.divided is False:
        points.append("The contract will be let as a single contract.")
    if lots.head_contract_local_pct is not None:
        share = local_share(fmt.percent(lots.head_contract_local_pct))
        points.append(f"{share[:1].upper()}{share[1:]}, so there will be subcontracting opportunities for "
                      "local firms.")
    points.append("Consortium bids and subcontracting arrangements are welcome; tell us at this stage if "
                  "anything in our plans would stop your organisation from bidding.")
    blocks.append(Bullets(tuple(points)))
    if lots.divided is not None and lots.reasons.strip():
        blocks.append(Para(lots.reasons, label="Why we have packaged the contract this way: "))
    if tender.think_local.considered and tender.think_local.notes.strip():
        blocks.append(Para(tender.think_local.notes, label="What we have done so far: "))
    return blocks


def _contact(ctx: PackContext) -> list[Block]:
    return [
        Heading(1, "5 Next steps and contact"),
        Para(f"To register your interest, give us your views or ask a question, contact the {ctx.contact_role} "
             f"at {ctx.organisation}, quoting reference {ctx.tender.reference}."),
        Para("This brief is for market engagement only. It is not a call for competition and does not commit "
             f"{ctx.organisation} to any procurement; taking part, or not, will not affect how any tender is "
             "evaluated.", style="note"),
    ]


def build_brief(ctx: PackContext) -> Document:
    tender = ctx.tender
    cover = Cover(eyebrow=BRIEF_NAME, title=tender.title or tender.reference, organisation=ctx.organisation,
                  facts=(), draft=None)
    body = [*_plans(ctx), *_social_value(ctx), *_asks(ctx), *_taking_part(ctx), *_contact(ctx)]
    return Document(
        cover=cover,
        body=tuple(body),
        title=f"{BRIEF_NAME}: {tender.title}" if tender.title else BRIEF_NAME,
        subject=f"Pre-market engagement for tender {tender.reference}",
        keywords=("pre-market engagement", "social value", "NHS", "procurement", tender.reference),
        running_head=f"{tender.reference} \u00b7 {tender.title}" if tender.title else tender.reference,
        footer_label=f"{BRIEF_NAME} \u00b7 {ctx.organisation}",
        body_starts_on_cover=True,
    )


def write_brief_pdf(ctx: PackContext, out: Path) -> Path:
    """Build the brief and write it atomically to `out`; returns `out`."""
    document = build_brief(ctx)
    furniture = furniture_for(ctx, document.running_head, document.footer_label)
    reference_line = f"Reference {ctx.tender.reference} \u00b7 Issued {fmt.long_date(ctx.issue_date)}"

    def write(temp: Path) -> None:
        try:
            build_pdf(document, furniture, ctx.organisation, temp,
                      cover_flowables(document, reference_line, large=False))
        except FileNotFoundError as error:
            raise ExportError(f"Cannot build the PDF: {error} Reinstall sv-desktop to restore it.") from error

    return atomic_write(out, write)
