"""The tender as a printable document, for Print… where no PDF renderer ships with Qt (QtPdf is not part
of PySide6-Essentials): the same facts as the pack, laid out by QTextDocument for QPrinter.

Every string from the tender is escaped: a title such as `<img src=x>` prints as those characters.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..model.tender import Tender
from .labels import FREQUENCY_LABELS, RISK_LABELS, SEVERITY_LABELS, STAGE_LABELS, label
from .parsing import format_date, format_money, format_number

if TYPE_CHECKING:
    from ..model.content import Content
    from ..model.rules import Finding, SupplierRequirement

DRAFT_MARK = "DRAFT – NOT POLICY-COMPLIANT"


def _p(text: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n") if part.strip())


def _row(caption: str, value: str) -> str:
    return f"<tr><th align='left' valign='top'>{escape(caption)}</th><td>{escape(value)}</td></tr>"


def tender_html(tender: Tender, content: Content, findings: list[Finding], requirements: list[SupplierRequirement],
                organisation: str) -> str:
    blockers = [f for f in findings if getattr(f, "severity", "") == "blocker"]
    parts: list[str] = ["<html><body style='font-family: Arial, \"Liberation Sans\", sans-serif;'>"]
    if blockers:
        parts.append(f"<p style='color:#A3200F; font-weight:bold;'>{escape(DRAFT_MARK)}</p>")
    parts.append(f"<h1 style='color:#005EB8;'>{escape(tender.title or 'Untitled tender')}</h1>")
    parts.append(f"<p>{escape(organisation)} · Social value and sustainable procurement · "
                 f"{escape(tender.reference)}</p>")
    rows = [
        _row("Reference", tender.reference),
        _row("Category", content.category_label(tender.category)),
        _row("Procurement route", content.route_label(tender.route)),
        _row("Stage", label(STAGE_LABELS, tender.stage)),
        _row("Value excl. VAT", format_money(tender.value_excl_vat_gbp, pence=True)),
        _row("VAT rate", f"{format_number(tender.vat_rate_pct)}%"),
        _row("Whole-life value incl. VAT", format_money(tender.whole_life_value_incl_vat, pence=True)),
        _row("Average annual value excl. VAT", format_money(tender.annual_value_excl_vat, pence=True)),
        _row("Duration", f"{tender.duration_months} months"),
        _row("Tender notice date", format_date(tender.tender_notice_date) or "Not set"),
        _row("Contract start date", format_date(tender.contract_start_date) or "Not set"),
        _row("Contract end date", format_date(tender.contract_end_date) or "Not set"),
        _row("Social value weighting", f"{format_number(tender.social_value_weighting_pct)}% of the total score"),
    ]
    for role, name in tender.leads.items():
        if name.strip() and role in content.roles:
            rows.append(_row(content.roles[role].label, name))
    parts.append("<table cellspacing='0' cellpadding='4' border='0'>" + "".join(rows) + "</table>")
    if tender.description.strip():
        parts.append("<h2>Description</h2>" + _p(tender.description))

    parts.append("<h2>Social value themes</h2>")
    for choice in tender.themes:
        parts.append(f"<h3>{escape(content.theme_label(choice.theme))} "
                     f"({escape(format_number(choice.weighting_pct))}%)</h3>")
        actions = list(choice.actions) + list(choice.own_actions)
        if actions:
            parts.append("<ul>" + "".join(f"<li>{escape(a)}</li>" for a in actions) + "</ul>")
        questions = [q for q in tender.questions if q.theme == choice.theme]
        for number, question in enumerate(questions, start=1):
            heading = f"Question {number}: {question.title}" if question.title else f"Question {number}"
            parts.append(f"<p><b>{escape(heading)}</b> (up to {question.word_limit} words, scored "
                         f"{escape(question.scoring_scale)})</p>" + _p(question.text))

    if tender.kpis:
        parts.append("<h2>KPIs</h2><table cellspacing='0' cellpadding='4' border='1'>"
                     "<tr><th>KPI</th><th>Baseline</th><th>Target</th><th>Reported</th><th>Published</th>"
                     "<th>TOMs reference</th></tr>")
        for kpi in tender.kpis:
            cells = (kpi.name + (f" ({kpi.unit})" if kpi.unit else ""), kpi.baseline, kpi.target,
                     label(FREQUENCY_LABELS, kpi.frequency), "Yes" if kpi.publish else "No", kpi.toms_reference)
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")

    assessment = tender.modern_slavery_risk_assessment
    parts.append("<h2>Supplier requirements</h2>")
    parts.append("<table cellspacing='0' cellpadding='4' border='0'>"
                 + _row("Modern slavery risk assessment",
                        f"{format_date(assessment.completed_on) or 'Not completed'}"
                        + (f", risk {label(RISK_LABELS, assessment.risk).lower()}" if assessment.risk else ""))
                 + _row("Confidentiality clauses reviewed", "Yes" if tender.confidentiality_reviewed else "No")
                 + "</table>")
    for requirement in requirements:
        parts.append(f"<h3>{escape(requirement.title)}</h3>" + _p(requirement.text))

    if findings:
        parts.append("<h2>Policy check</h2><ul>")
        for finding in findings:
            severity = SEVERITY_LABELS.get(finding.severity, finding.severity)
            parts.append(f"<li><b>{escape(severity)}</b>: {escape(finding.message)} "
                         f"<i>({escape(finding.source)})</i></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)
