"""The tender as a printable document, for Print… where no PDF renderer ships with Qt (QtPdf is not part
of PySide6-Essentials): the same facts as the pack, laid out by QTextDocument for QPrinter.

Every string from the tender is escaped: a title such as `<img src=x>` prints as those characters.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..i18n import N_, _, ngettext
from ..model.tender import Tender
from .labels import frequency_labels, label, risk_labels, severity_labels, stage_labels
from .parsing import format_date, format_money, format_number

if TYPE_CHECKING:
    from ..model.content import Content
    from ..model.rules import Finding, SupplierRequirement

DRAFT_MARK = N_("DRAFT – NOT POLICY-COMPLIANT")


def _p(text: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n") if part.strip())


def _row(caption: str, value: str) -> str:
    return f"<tr><th align='left' valign='top'>{escape(caption)}</th><td>{escape(value)}</td></tr>"


def tender_html(tender: Tender, content: Content, findings: list[Finding], requirements: list[SupplierRequirement],
                organisation: str) -> str:
    blockers = [f for f in findings if getattr(f, "severity", "") == "blocker"]
    parts: list[str] = ["<html><body style='font-family: Arial, \"Liberation Sans\", sans-serif;'>"]
    if blockers:
        parts.append(f"<p style='color:#A3200F; font-weight:bold;'>{escape(_(DRAFT_MARK))}</p>")
    parts.append(f"<h1 style='color:#005EB8;'>{escape(tender.title or _('Untitled tender'))}</h1>")
    parts.append(_("<p>{organisation} · Social value and sustainable procurement · {reference}</p>").format(
        organisation=escape(organisation), reference=escape(tender.reference)))
    rows = [
        _row(_("Reference"), tender.reference),
        _row(_("Category"), content.category_label(tender.category)),
        _row(_("Procurement route"), content.route_label(tender.route)),
        _row(_("Stage"), label(stage_labels(), tender.stage)),
        _row(_("Value excl. VAT"), format_money(tender.value_excl_vat_gbp, pence=True)),
        _row(_("VAT rate"), f"{format_number(tender.vat_rate_pct)}%"),
        _row(_("Whole-life value incl. VAT"), format_money(tender.whole_life_value_incl_vat, pence=True)),
        _row(_("Average annual value excl. VAT"), format_money(tender.annual_value_excl_vat, pence=True)),
        _row(_("Duration"), ngettext("{n} month", "{n} months", tender.duration_months).format(
            n=tender.duration_months)),
        _row(_("Tender notice date"), format_date(tender.tender_notice_date) or _("Not set")),
        _row(_("Contract start date"), format_date(tender.contract_start_date) or _("Not set")),
        _row(_("Contract end date"), format_date(tender.contract_end_date) or _("Not set")),
        _row(_("Social value weighting"), _("{percent}% of the total score").format(
            percent=format_number(tender.social_value_weighting_pct))),
    ]
    for role, name in tender.leads.items():
        if name.strip() and role in content.roles:
            rows.append(_row(content.roles[role].label, name))
    parts.append("<table cellspacing='0' cellpadding='4' border='0'>" + "".join(rows) + "</table>")
    if tender.description.strip():
        parts.append(_("<h2>Description</h2>") + _p(tender.description))

    parts.append(_("<h2>Social value themes</h2>"))
    for choice in tender.themes:
        parts.append(f"<h3>{escape(content.theme_label(choice.theme))} ({escape(format_number(choice.weighting_pct))}%)</h3>")
        actions = list(choice.actions) + list(choice.own_actions)
        if actions:
            parts.append("<ul>" + "".join(f"<li>{escape(a)}</li>" for a in actions) + "</ul>")
        questions = [q for q in tender.questions if q.theme == choice.theme]
        for number, question in enumerate(questions, start=1):
            heading = (_("Question {number}: {title}").format(
                number=number, title=question.title) if question.title
                       else _("Question {number}").format(number=number))
            parts.append(_("<p><b>{heading}</b> (up to {words} words, scored {scale})</p>").format(
                heading=escape(heading), words=question.word_limit, scale=escape(question.scoring_scale))
                + _p(question.text))

    if tender.kpis:
        parts.append(_("<h2>KPIs</h2><table cellspacing='0' cellpadding='4' border='1'>"
                     "<tr><th>KPI</th><th>Baseline</th><th>Target</th><th>Reported</th><th>Published</th>"
                     "<th>TOMs reference</th></tr>"))
        for kpi in tender.kpis:
            cells = (kpi.name + (f" ({kpi.unit})" if kpi.unit else ""), kpi.baseline, kpi.target,
                     label(frequency_labels(), kpi.frequency), _("Yes") if kpi.publish else _("No"), kpi.toms_reference)
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")

    assessment = tender.modern_slavery_risk_assessment
    parts.append(_("<h2>Supplier requirements</h2>"))
    parts.append("<table cellspacing='0' cellpadding='4' border='0'>"
                 + _row(_("Modern slavery risk assessment"),
                        (_("{completed}, risk {risk}").format(
                            completed=format_date(assessment.completed_on) or _("Not completed"),
                            risk=label(risk_labels(), assessment.risk).lower()) if assessment.risk
                         else format_date(assessment.completed_on) or _("Not completed")))
                 + _row(_("Confidentiality clauses reviewed"), _("Yes") if tender.confidentiality_reviewed else _("No"))
                 + "</table>")
    for requirement in requirements:
        parts.append(f"<h3>{escape(requirement.title)}</h3>" + _p(requirement.text))

    if findings:
        parts.append(_("<h2>Policy check</h2><ul>"))
        for finding in findings:
            severity = severity_labels().get(finding.severity, finding.severity)
            parts.append(f"<li><b>{escape(severity)}</b>: {escape(finding.message)} <i>({escape(finding.source)})</i></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)
