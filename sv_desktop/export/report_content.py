"""What the compliance report says, as plain blocks and chart specifications (the PDF lays them out).

The committee reads the measures first, then the exceptions it may act on, then how each figure was
worked out. Analysts get every contract in the XLSX; the PDF lists the exceptions and the awarded
contracts, capped so a very large period still prints as a readable document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import N_, _, ngettext
from ..model.compliance import (
    MIN_WEIGHTING_PCT,
    ComplianceReport,
    ContractLine,
    PeriodFigures,
    SpendLine,
    percent_of,
)
from . import formatting as fmt
from .blocks import Block, Bullets, Cover, Document, Heading, Para, Table

REPORT_NAME = N_("Social value compliance report")
AUDIENCE = N_("Sustainability Programme Group and Finance & Performance Committee")
LIST_LIMIT = 250
"""Rows of one list printed in the PDF; the XLSX always holds every contract."""


@dataclass(frozen=True)
class Chart:
    title: str
    rows: tuple[tuple[str, Decimal | None, Decimal | None], ...]
    """(label, this period %, previous period %)."""


Part = Block | Chart


def pct(value: Decimal | None) -> str:
    """66.7% (one decimal place); "n/a" when there was nothing to count."""
    if value is None:
        return _("n/a")
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def contracts(number: int) -> str:
    """"1 contract", "3 contracts"."""
    return ngettext("{number:,} contract", "{number:,} contracts", number).format(number=number)


def tenders(number: int) -> str:
    return ngettext("{number:,} tender", "{number:,} tenders", number).format(number=number)


def share(count: int, total: int) -> str:
    return _("{count:,} of {total:,} ({percent})").format(count=count, total=total,
                                                          percent=pct(percent_of(count, total)))


def period_text(figures: PeriodFigures) -> str:
    return _("{start} to {end}").format(start=fmt.long_date(figures.start), end=fmt.long_date(figures.end))


MEASURES = (N_("Contracts counted"), N_("With a social value weighting of at least 10%"),
            N_("Including the Fighting climate change theme"), N_("KPIs set where the policy requires them"),
            N_("Spend in the period (excluding VAT)"), N_("Spend with local suppliers"), N_("Spend with SMEs"),
            N_("Spend with VCSEs"))
"""The summary's measures, in the order the committee reads them."""


def measure_rows(figures: PeriodFigures) -> list[tuple[str, str]]:
    """(measure, figure as printed) for the summary table, in the order the committee reads them."""
    spend = figures.spend()
    rows = [
        (_(MEASURES[0]), f"{figures.counted:,}"),
        (_(MEASURES[1]), share(figures.meeting_weighting, figures.counted)),
        (_(MEASURES[2]), share(figures.with_climate, figures.counted)),
        (_(MEASURES[3]), share(figures.kpis_set_where_required, figures.kpis_required)),
        (_(MEASURES[4]), f"{fmt.money(spend)} ({contracts(len(figures.spend_lines))})"),
    ]
    for which, label in zip(("local", "sme", "vcse"), MEASURES[5:], strict=True):
        rows.append((_(label), f"{fmt.money(figures.spend(which))} ({pct(figures.spend_pct(which))})"))
    return rows


def chart_rows(report: ComplianceReport) -> tuple[tuple[str, Decimal | None, Decimal | None], ...]:
    def measures(f: PeriodFigures) -> list[Decimal | None]:
        return [percent_of(f.meeting_weighting, f.counted), percent_of(f.with_climate, f.counted),
                percent_of(f.kpis_set_where_required, f.kpis_required), f.spend_pct("local"), f.spend_pct("sme"),
                f.spend_pct("vcse")]

    labels = (_("Weighting of 10% or more"), _("Fighting climate change"), _("KPIs set where required"),
              _("Spend with local suppliers"), _("Spend with SMEs"), _("Spend with VCSEs"))
    return tuple(zip(labels, measures(report.current), measures(report.previous), strict=True))


def _summary(report: ComplianceReport) -> list[Part]:
    now, before = report.current, report.previous
    previous_rows = dict(measure_rows(before))
    rows = tuple((label, figure, previous_rows[label]) for label, figure in measure_rows(now))
    parts: list[Part] = [
        Heading(1, _("1 Summary")),
        Para(_("The Trust's policy P238 asks for two compliance measures every two years: every "
               "contract with a social value weighting of at least {number}%, and the benchmarked "
               "percentage and value of local procurement spend. The benchmark is the period of the "
               "same length just before ({period_text}).").format(
               number=fmt.number(MIN_WEIGHTING_PCT), period_text=period_text(before))),
        Table((_("Measure"), _("This period"), _("Previous period")), rows, (2.6, 1.7, 1.7)),
    ]
    figures = chart_rows(report)
    if any(now_pct is not None or before_pct is not None for _label, now_pct, before_pct in figures):
        parts.append(Chart(_("The measures as percentages, this period against the previous one"), figures))
    return parts


def _line_rows(lines: list[ContractLine], cells) -> tuple[tuple[str, ...], ...]:
    return tuple(cells(line) for line in lines[:LIST_LIMIT])


def _limit_note(lines: list[ContractLine]) -> list[Part]:
    if len(lines) <= LIST_LIMIT:
        return []
    return [Para(_("The first {list_limit:,} of {count:,} are listed; the XLSX export lists them all.").format(
                   list_limit=LIST_LIMIT, count=len(lines)),
                 style="note")]


def _exception(title: str, lines: list[ContractLine], header: tuple[str, ...], cells) -> list[Part]:
    if not lines:
        return []
    return [Heading(3, title), Table(header, _line_rows(lines, cells), (1.4, 3.2, 1.0, 0.9), numeric=(3,)),
            *_limit_note(lines)]


def _weighting(report: ComplianceReport) -> list[Part]:
    now = report.current
    below = [line for line in now.contracts if not line.meets_weighting]
    no_climate = [line for line in now.contracts if not line.has_climate]
    no_kpis = [line for line in now.contracts if line.kpis_required and not line.kpis_set]
    parts: list[Part] = [Heading(1, _("2 Social value weighting and themes"))]
    if not now.counted:
        return [*parts, Para(_("No contract counts in this period: no tender issued to the market has "
                               "an award date, or a tender notice date, inside it."), style="lead")]
    kpis = (_("{share} contracts that need a social value KPI (over £5m, or a weighting over 15%) or the "
              "Procurement Act's three KPIs had them set").format(
                share=share(now.kpis_set_where_required, now.kpis_required))
            if now.kpis_required else _("no contract counted needed a social value KPI or the Procurement Act's "
                                        "three KPIs"))
    parts.append(Para(
        _("{share} contracts counted in the period had a social value weighting of at least {number}% "
          "of the total evaluation score; {share2} included the mandatory Fighting climate change "
          "theme; {kpis}.").format(
          share=share(now.meeting_weighting, now.counted), number=fmt.number(MIN_WEIGHTING_PCT), share2=share(now.with_climate, now.counted), kpis=kpis)))
    if not (below or no_climate or no_kpis):
        parts.append(Para(_("Every contract counted met these measures."), style="lead"))
        return parts

    def weighting_cells(line: ContractLine) -> tuple[str, ...]:
        return (line.reference, line.title, fmt.short_date(line.counted_on), fmt.percent(line.weighting_pct))

    header = (_("Reference"), _("Title"), _("Counted on"), _("Weighting"))
    parts += _exception(_("Contracts below a 10% weighting"), below, header, weighting_cells)
    parts += _exception(_("Contracts without the Fighting climate change theme"), no_climate, header,
                        weighting_cells)
    parts += _exception(_("Contracts without the KPIs the policy requires"), no_kpis, header, weighting_cells)
    return parts


SPEND_METHOD = N_(
    "Spend in a period is the part of each awarded contract's value that falls inside it, not the whole-life value "
    "of the contracts awarded in it: each month of a contract, from its start date (or its award date when no "
    "start is recorded), carries an equal share of its awarded value excluding VAT, and a month partly inside "
    "the period counts for its days inside. Where finance has recorded the actual spend of a financial year, that "
    "figure replaces the estimate for that year. Every awarded contract running in the period counts, whenever "
    "it was awarded."
)


def _spend(report: ComplianceReport) -> list[Part]:
    now, before = report.current, report.previous
    areas = ", ".join(report.local_areas) or _("none set")
    rows = [(_("All contracts running"), f"{len(now.spend_lines):,}", fmt.money(now.spend()),
             fmt.money(before.spend()), "100%" if now.spend_lines else _("n/a"),
             "100%" if before.spend_lines else _("n/a"))]
    for which, label in (("local", _("Local suppliers")), ("sme", _("SMEs")), ("vcse", _("VCSEs"))):
        rows.append((label, f"{now.spend_count(which):,}", fmt.money(now.spend(which)), fmt.money(before.spend(which)),
                     pct(now.spend_pct(which)), pct(before.spend_pct(which))))
    return [
        Heading(1, _("3 Local, SME and VCSE spend")),
        Para(_("{spend_method} A supplier is local when its postcode is in one of the Trust's local "
               "postcode areas ({areas}); SMEs and VCSEs are as recorded at award. A supplier can be "
               "local, an SME and a VCSE at once, so the shares do not add up to 100%. Each figure "
               "stands beside the same figure for the previous period of the same length "
               "({period_text}).").format(
               spend_method=_(SPEND_METHOD), areas=areas, period_text=period_text(before))),
        Table((_("Suppliers"), _("Contracts"), _("Spend"), _("Spend before"), _("Share"), _("Share before")), tuple(rows),
              (1.8, 0.9, 1.3, 1.3, 0.9, 1.0), numeric=(1, 2, 3, 4, 5)),
    ]


MEASURE_NOTES: dict[str, str] = {  # measure -> note, both marked with N_()
    N_("Contracts counted"): N_("Tenders issued to the market (Invitation to tender or later) whose award date, or for "
                         "a tender not yet awarded its tender notice date, falls in the period."),
    N_("With a social value weighting of at least 10%"): N_("Contracts counted whose social value weighting is at least "
                                                     "10% of the total evaluation score (exactly 10% counts)."),
    N_("Including the Fighting climate change theme"): N_("Contracts counted that include the mandatory Fighting "
                                                   "climate change theme."),
    N_("KPIs set where the policy requires them"): N_("Of the contracts counted that need a social value KPI (over £5m "
                                               "including VAT, or a weighting over 15%) or the Procurement Act's "
                                               "three KPIs, how many have them."),
    N_("Spend in the period (excluding VAT)"): N_("The part of each awarded contract's value that falls inside the "
                                           "period (pro rata by its months, or the actual spend finance "
                                           "recorded for a financial year), whenever it was awarded."),
    N_("Spend with local suppliers"): N_("Spend in the period with suppliers whose postcode is in one of the Trust's "
                                  "local postcode areas, and its share of all spend in the period."),
    N_("Spend with SMEs"): N_("Spend in the period with suppliers recorded at award as SMEs, and its share."),
    N_("Spend with VCSEs"): N_("Spend in the period with suppliers recorded at award as VCSEs, and its share."),
}
"""How each summary figure is worked out, in a sentence (shown beside the figures on screen)."""


def measure_notes() -> dict[str, str]:
    """MEASURE_NOTES in the language in use, keyed by the measures as `measure_rows` words them."""
    return {_(measure): _(note) for measure, note in MEASURE_NOTES.items()}


def counted_note(figures: PeriodFigures) -> str:
    """What "Contracts counted" counts in this period, and by which date."""
    by_award = sum(line.date_basis == "award" for line in figures.contracts)
    by_notice = figures.counted - by_award
    return _("Contracts counted: {counted:,}, the tenders issued to the market (Invitation to tender or "
             "later) dated in the period: {by_award:,} by their award date and {by_notice:,} not yet awarded, "
             "by their tender notice date.").format(counted=figures.counted, by_award=by_award, by_notice=by_notice)


def method_notes(report: ComplianceReport) -> list[str]:
    """How the figures of the period were worked out, and what was left out and why: the same sentences
    in the PDF and on screen."""
    now = report.current
    notes = [
        counted_note(now),
        _("A contract counts in the period when its award date falls inside it; a tender not yet awarded counts "
          "by its tender notice date. The first and last days of the period are included."),
        _("Only tenders issued to the market count (stage Invitation to tender or later): a tender still in the "
          "pipeline or at pre-market engagement is a plan, not yet a contract. Medicines are outside the policy."),
        _("\u201cKPIs set where the policy requires them\u201d counts the contracts that would be missing a "
          "social value KPI (P238 §4.2a) or the three KPIs of the Procurement Act 2023 s.52 without their KPIs, "
          "and how many of them have them."),
        _("The benchmark is the period of the same length just before this one (the same number of months "
          "when the period is whole months, otherwise of days), counted the same way."),
    ]
    left_out = [text for number, text in (
        (now.not_issued, ngettext("{number:,} tender still in the pipeline or at pre-market engagement",
                                  "{number:,} tenders still in the pipeline or at pre-market engagement",
                                  now.not_issued).format(number=now.not_issued)),
        (now.out_of_scope, ngettext("{number:,} medicines tender", "{number:,} medicines tenders",
                                    now.out_of_scope).format(number=now.out_of_scope)),
    ) if number]
    if left_out:
        notes.append(_("Dated in this period but not counted: {left_out}.").format(left_out="; ".join(left_out)))
    notes.append(_(SPEND_METHOD))
    estimated = sum(line.basis != "actual" for line in now.spend_lines)
    if now.spend_lines:
        notes.append(_("Of the {contracts} with spend in the period, {estimated:,} use the pro-rata estimate for "
                       "at least one financial year and {actual:,} use actual spend recorded by finance only.").format(
                         contracts=contracts(len(now.spend_lines)), estimated=estimated,
                         actual=len(now.spend_lines) - estimated))
    if now.awarded_without_value:
        notes.append(_("Not in the spend figures: {contracts} awarded in the period with no awarded value "
                       "recorded.").format(contracts=contracts(now.awarded_without_value)))
    if report.undated:
        notes.append(_("In no period: {tenders} with neither an award date nor a tender notice date.").format(
            tenders=tenders(report.undated)))
    return notes


def _method(report: ComplianceReport) -> list[Part]:
    return [Heading(1, _("4 How the figures are worked out")), Bullets(tuple(method_notes(report)))]


def supplier_flags(line: ContractLine | SpendLine) -> str:
    """"Local, SME" for a contract's supplier, a dash when it is none of them."""
    return ", ".join(name for name, on in ((_("Local"), line.local), (_("SME"), line.sme), (_("VCSE"), line.vcse))
                     if on) or "\u2013"


def _awarded(report: ComplianceReport) -> list[Part]:
    lines = list(report.current.awarded)
    if not lines:
        return []

    def cells(line: ContractLine) -> tuple[str, ...]:
        return (line.reference, line.supplier_name or _("Not recorded"), line.supplier_postcode or "\u2013",
                supplier_flags(line), fmt.short_date(line.awarded_on), fmt.money(line.awarded_value_gbp))

    return [Heading(1, _("5 Contracts awarded in the period")),
            Table((_("Reference"), _("Supplier"), _("Postcode"), _("Local, SME, VCSE"), _("Awarded on"), _("Value")),
                  _line_rows(lines, cells), (1.4, 2.1, 0.9, 1.2, 1.25, 1.2), numeric=(5,)),
            *_limit_note(lines)]


def _spend_list(report: ComplianceReport) -> list[Part]:
    lines = list(report.current.spend_lines)
    if not lines:
        return []
    rows = tuple((line.reference, line.supplier_name or _("Not recorded"), supplier_flags(line),
                  fmt.money(line.awarded_value_gbp), fmt.money(line.spend_gbp),
                  _("Actual") if line.basis == "actual" else _("Estimate") if line.basis == "estimate" else _("Both"))
                 for line in lines[:LIST_LIMIT])
    parts: list[Part] = [
        Heading(1, _("6 Spend in the period, contract by contract")),
        Table((_("Reference"), _("Supplier"), _("Local, SME, VCSE"), _("Awarded value"), _("Spend in period"), _("From")), rows,
              (1.4, 2.0, 1.2, 1.3, 1.3, 0.8), numeric=(3, 4)),
    ]
    if len(lines) > LIST_LIMIT:
        parts.append(Para(_("The first {list_limit:,} of {count:,} are listed; the XLSX export lists "
                            "them all.").format(list_limit=LIST_LIMIT, count=len(lines)),
                          style="note"))
    return parts


def _coming_up(report: ComplianceReport) -> list[Part]:
    parts: list[Part] = [
        Heading(1, _("7 Coming up: tenders in the pipeline and at pre-market engagement")),
        Para(_("Tenders not yet issued to the market, soonest tender notice first, with what the "
               "policy check finds today. They are not counted above; they show what the committee can "
               "expect next.")),
    ]
    if not report.coming_up:
        return [*parts, Para(_("No tender is in the pipeline or at pre-market engagement."), style="note")]
    checks = {True: _("Compliant"), False: _("Not yet compliant"), None: _("Not checked")}
    rows = tuple((s.reference, s.title, _("Pre-market") if s.stage == "pre_market" else _("Pipeline"),
                  fmt.short_date(s.tender_notice_date), fmt.money(s.value_excl_vat_gbp), checks[s.compliant])
                 for s in report.coming_up[:LIST_LIMIT])
    parts.append(Table((_("Reference"), _("Title"), _("Stage"), _("Notice"), _("Value"), _("Policy check")), rows,
                       (1.3, 2.5, 0.9, 0.9, 1.1, 1.2), numeric=(4,)))
    return parts


def _recommendation(report: ComplianceReport) -> list[Part]:
    return [
        Heading(1, _("For the committee")),
        Para(_("Purpose: to report the Trust's compliance with its Social Value and Sustainable "
               "Procurement Policy (P238 Appendix Two) for {period_text}, benchmarked against the "
               "period before, and to show what is coming up.").format(
               period_text=period_text(report.current))),
        Table((_("For the committee to complete"), ""),
              ((_("Recommendation"), ""), (_("Decision"), ""), (_("Actions and owners"), ""), (_("Date"), "")), (2.0, 4.7)),
    ]


def report_title(report: ComplianceReport) -> str:
    return _("{report_name}: {period}").format(report_name=_(REPORT_NAME), period=period_text(report.current))


def build_report(report: ComplianceReport) -> tuple[Document, list[Part]]:
    """The document frame (cover, metadata) and the body parts in order."""
    now = report.current
    cover = Cover(
        eyebrow=_(REPORT_NAME), title=period_text(now), organisation=report.organisation,
        facts=((_("Reporting period"), period_text(now)), (_("Benchmark period"), period_text(report.previous)),
               (_("Reported to"), _(AUDIENCE)), (_("Author"), report.author or report.organisation),
               (_("Local postcode areas"), ", ".join(report.local_areas) or _("None set")),
               (_("Produced"), fmt.long_date(report.generated_on))),
    )
    document = Document(
        cover=cover, body=(), title=report_title(report),
        subject=_("Policy P238 Appendix Two compliance measures"),
        keywords=(_("social value"), _("compliance"), _("local spend"), _("NHS"), _("procurement")),
        running_head=f"{_(REPORT_NAME)} \u00b7 {period_text(now)}",
        footer_label=f"{_(REPORT_NAME)} \u00b7 {report.organisation}",
        body_starts_on_cover=True,
    )
    parts = [*_recommendation(report), *_summary(report), *_weighting(report), *_spend(report), *_method(report),
             *_awarded(report), *_spend_list(report), *_coming_up(report)]
    return document, parts
