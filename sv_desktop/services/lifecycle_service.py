"""Use-cases after the ITT: the pipeline and its export, KPI report reminders, and the Appendix Two
compliance report as PDF or XLSX (policy P238 §4.1, §4.3, §5, Appendix Two).

Given what it needs in its constructor (the store, settings, content, rules, a clock and the policy check
as a plain callable), so it works on its own; `TenderService` makes one and forwards to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..i18n import _
from ..model import compliance, rules
from ..model.content import Content
from ..model.kpi_reminders import DELIVERY_STAGES, KpiReminder, kpi_reminders
from ..model.pipeline import PIPELINE_MONTHS, STAGE_NAMES, upcoming
from ..model.standstill import with_standstill
from ..model.tender import Tender, TenderSummary
from ..settings import Settings
from .errors import ServiceError, export_error
from .guard import plain_errors

if TYPE_CHECKING:
    from ..model.performance_notice import AssessmentYear
    from ..model.pipeline_notice import PipelineNotice
    from ..model.rules.schema import PipelineNoticeFigures

MAX_PERIOD_DAYS = 366 * 20
COMING_UP_STAGES = frozenset({"pipeline", "pre_market"})


class LifecycleUseCases:
    """The pipeline, notices, KPI reminders and compliance report over `tender_store`, worded from `content`
    and `settings`, judged by `rules` on the day `clock` gives; `is_compliant` is the policy check each
    tender is stored with."""

    def __init__(self, tender_store: store.TenderStore, settings: Settings, content: Content,
                 rule_set: rules.RuleSet, clock: Callable[[], dt.date], *,
                 is_compliant: Callable[[Tender], bool]) -> None:
        self._store = tender_store
        self._settings = settings
        self._content = content
        self._rules = rule_set
        self._today = clock
        self._is_compliant = is_compliant

    # ---------------------------------------------------------------- lookups for the screens

    def performance_ratings(self) -> list[tuple[str, str]]:
        """(rating, meaning) of the Procurement Act contract performance ratings, from the rules file."""
        return list(self._rules.figures.performance_ratings)

    def is_local_postcode(self, postcode: str) -> bool:
        return self._settings.is_local_postcode(postcode)

    # ---------------------------------------------------------------- pipeline

    def pipeline(self, months: int = PIPELINE_MONTHS) -> list[TenderSummary]:
        """Tenders with a notice date in the next `months` months, soonest first."""
        if not 1 <= months <= 120:
            raise ServiceError(_("The pipeline covers 1 to 120 months, not {months}.").format(months=months))
        with plain_errors():
            summaries = self._store.list_summaries("")
        return with_standstill(upcoming(summaries, self._today(), months))

    def export_pipeline(self, out: Path, rows: Sequence[TenderSummary] | None = None, *,
                        months: int = PIPELINE_MONTHS) -> Path:
        """Write `rows` (default: the next `months` months of the pipeline) as .csv or .xlsx."""
        from ..export.atomic import ExportError
        from ..export.pipeline_export import PipelineLabels, write_pipeline_csv, write_pipeline_xlsx

        out = Path(out)
        suffix = out.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ServiceError(_("The pipeline is exported as .csv or .xlsx, not {name!r}.").format(
                                 name=out.name))
        chosen = with_standstill(rows) if rows is not None else self.pipeline(months)
        labels = PipelineLabels(
            categories={key: guide.label for key, guide in self._content.categories.items()},
            routes={key: route.label for key, route in self._content.routes.items()},
            stages={key: _(name) for key, name in STAGE_NAMES.items()})
        try:
            if suffix == ".csv":
                return write_pipeline_csv(chosen, labels, out)
            return write_pipeline_xlsx(chosen, labels, out, title=_("Tender pipeline"),
                                       organisation=self._settings.organisation)
        except ExportError as exc:
            raise export_error(exc) from exc

    def pipeline_notice(self, year: int | None = None) -> PipelineNotice:
        """The Procurement Act 2023 s.93 pipeline notice for the financial year starting 1 April `year`
        (default: the next 1 April on or after today)."""
        from ..model.pipeline_notice import notice_window, pipeline_notice

        today = self._today()
        if year is None:
            year = today.year if today <= dt.date(today.year, 4, 1) else today.year + 1
        figures = self._notice_figures()
        start, end = notice_window(year, figures)
        with plain_errors():
            tenders = self._store.tenders_with_notice_between(start, end)
        return pipeline_notice(
            tenders, year, figures,
            category_labels={key: guide.label for key, guide in self._content.categories.items()},
            route_labels={key: route.label for key, route in self._content.routes.items()})

    def _notice_figures(self) -> PipelineNoticeFigures:
        figures = self._rules.figures.pipeline_notice
        if figures is None:  # the rules file always has them; a rule set made by hand may not
            raise ServiceError(_("The rules have no figures for the pipeline notice."))
        return figures

    def export_pipeline_notice(self, out: Path, year: int | None = None) -> tuple[Path, PipelineNotice]:
        """Write the pipeline notice as .xlsx (to check and publish from) or .json; returns (file, notice)."""
        from ..export.atomic import ExportError
        from ..export.pipeline_notice_export import write_notice_json, write_notice_xlsx

        out = Path(out)
        writers = {".xlsx": write_notice_xlsx, ".json": write_notice_json}
        writer = writers.get(out.suffix.lower())
        if writer is None:
            raise ServiceError(_("The pipeline notice is written as .xlsx or .json, not {name!r}.").format(
                                 name=out.name))
        notice = self.pipeline_notice(year)
        try:
            written = writer(notice, out, organisation=self._settings.organisation or
                             self._content.organisation.name, identifier=self._settings.organisation_identifier)
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc
        return written, notice

    def export_ocds(self, out: Path, references: Sequence[str] = (), *,
                    pipeline_year: int | None = None) -> tuple[Path, int]:
        """Write an OCDS 1.1 release package (.json) of the tenders named, or of the contracts the pipeline
        notice for `pipeline_year` lists; returns (file, number of releases)."""
        import json

        from ..export.atomic import ExportError, atomic_write
        from ..model.ocds import Publisher, release_package
        from ..model.pipeline_notice import is_listed, notice_window

        out = Path(out)
        if out.suffix.lower() != ".json":
            raise ServiceError(_("Open contracting data is written as .json, not {name!r}.").format(
                                 name=out.name))
        if pipeline_year is not None:
            figures = self._notice_figures()
            start, end = notice_window(pipeline_year, figures)
            with plain_errors():
                tenders = [t for t in self._store.tenders_with_notice_between(start, end)
                           if is_listed(t, start, end, figures)]
        elif references:
            with plain_errors():
                tenders = [self._store.get(reference) for reference in dict.fromkeys(references)]
        else:
            raise ServiceError(_("Name the tenders to publish, or a pipeline notice year."))
        org = self._settings
        publisher = Publisher(name=org.organisation or self._content.organisation.name,
                              identifier=org.organisation_identifier,
                              ocid_prefix=org.ocid_prefix.strip() or "ocds-local")
        package = release_package(
            tenders, publisher, dt.datetime.combine(self._today(), dt.time(), dt.UTC),
            route_labels={key: route.label for key, route in self._content.routes.items()},
            theme_labels={key: theme.label for key, theme in self._content.themes.items()})
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        try:
            written = atomic_write(out, lambda temp: temp.write_text(text, encoding="utf-8"))
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc
        return written, len(package.get("releases", []))

    def performance_notices(self, today: dt.date | None = None) -> list[AssessmentYear]:
        """Every ended 12-month assessment year of the contracts in delivery whose KPIs the Procurement Act
        required (s.71), with each KPI's recorded rating."""
        from ..model.performance_notice import performance_notices

        with plain_errors():
            tenders = self._store.tenders_at_stages(DELIVERY_STAGES)
        return performance_notices(tenders, self._rules, today or self._today())

    def export_performance_notices(self, out: Path) -> tuple[Path, list[AssessmentYear]]:
        """Write the contract performance notice data as .xlsx or .json; returns (file, assessment years)."""
        from ..export.atomic import ExportError
        from ..export.performance_notice_export import write_performance_json, write_performance_xlsx

        out = Path(out)
        writers = {".xlsx": write_performance_xlsx, ".json": write_performance_json}
        writer = writers.get(out.suffix.lower())
        if writer is None:
            raise ServiceError(_("Performance notice data is written as .xlsx or .json, not {name!r}.").format(
                                 name=out.name))
        years = self.performance_notices()
        try:
            written = writer(years, out, organisation=self._settings.organisation or self._content.organisation.name)
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc
        return written, years

    # ---------------------------------------------------------------- delivery

    def kpi_reminders(self, today: dt.date | None = None) -> list[KpiReminder]:
        """KPI reports due in the next fortnight or overdue, for every contract in delivery."""
        from ..model.performance_notice import S52_RULE, notice_reminders

        day = today or self._today()
        threshold = self._rules.rule(S52_RULE).thresholds.get("value_over_gbp")
        with plain_errors():
            contracts = self._store.delivery_contracts(DELIVERY_STAGES)
            # Only contracts over the Act's KPI value can need a contract performance notice: read those whole.
            large = self._store.delivery_tenders_over(DELIVERY_STAGES, threshold) if threshold is not None else []
        reminders = kpi_reminders(contracts, day) + notice_reminders(large, self._rules, day)
        return sorted(reminders, key=lambda r: (r.due_on, r.reference, r.kpi))

    # ---------------------------------------------------------------- compliance report

    def _period(self, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
        end = end or self._today()
        start = start or compliance.default_period(end)[0]
        if start > end:
            raise ServiceError(_("The report period starts ({start:%d/%m/%Y}) after it ends "
                                 "({end:%d/%m/%Y}); choose a start date before the end date.").format(
                                 start=start, end=end))
        if (end - start).days > MAX_PERIOD_DAYS:
            raise ServiceError(_("The report period can be at most 20 years long."))
        return start, end

    def compliance_report(self, start: dt.date | None = None,
                          end: dt.date | None = None) -> compliance.ComplianceReport:
        """The Appendix Two measures for [start, end], both ends included, with the period of the same
        length before as the benchmark. Without an end, today; without a start, two years before the end."""
        start, end = self._period(start, end)
        before_start, before_end = compliance.previous_period(start, end)
        with plain_errors():
            dated = self._store.tenders_dated_between(before_start, end)
            running = self._store.tenders_awarded_by(end)  # contracts awarded earlier still have spend
            undated = self._store.count_undated()
            coming = [s for s in self._store.list_summaries("") if s.stage in COMING_UP_STAGES]
        tenders = list({tender.reference: tender for tender in [*dated, *running]}.values())
        coming.sort(key=lambda s: (s.tender_notice_date is None, s.tender_notice_date or dt.date.max, s.reference))
        is_local = self._settings.is_local_postcode
        return compliance.ComplianceReport(
            organisation=self._settings.organisation or self._content.organisation.name,
            local_areas=tuple(self._settings.local_postcode_areas),
            generated_on=self._today(),
            current=compliance.period_figures(tenders, start, end, self._rules, is_local),
            previous=compliance.period_figures(tenders, before_start, before_end, self._rules, is_local),
            undated=undated,
            category_labels={key: guide.label for key, guide in self._content.categories.items()},
            coming_up=tuple(coming),
            author=self._settings.report_author or self._settings.organisation or self._content.organisation.name,
        )

    def report_measures(self, figures: compliance.PeriodFigures) -> list[tuple[str, str]]:
        """(measure, figure as printed) of one period, worded as in the exported report."""
        from ..export.report_content import measure_rows

        return measure_rows(figures)

    def report_measure_notes(self) -> dict[str, str]:
        """How each summary measure is worked out, in a sentence (the report's own wording)."""
        from ..export.report_content import measure_notes

        return measure_notes()

    def report_method_notes(self, report: compliance.ComplianceReport) -> list[str]:
        """How the figures of the period were worked out and what was left out, as the report says it."""
        from ..export.report_content import method_notes

        return method_notes(report)

    def report_period_text(self, figures: compliance.PeriodFigures) -> str:
        """The period of `figures` as the exported report prints it."""
        from ..export.report_content import period_text

        return period_text(figures)

    def export_report(self, start: dt.date | None, end: dt.date | None, out: Path) -> Path:
        """Write the compliance report for [start, end] as .pdf (committee) or .xlsx (analysts)."""
        from ..export.atomic import ExportError
        from ..export.report_pdf import write_report_pdf
        from ..export.report_xlsx import write_report_xlsx

        out = Path(out)
        writers = {".pdf": write_report_pdf, ".xlsx": write_report_xlsx}
        writer = writers.get(out.suffix.lower())
        if writer is None:
            raise ServiceError(_("The report is exported as .pdf or .xlsx, not {name!r}.").format(
                                 name=out.name))
        report = self.compliance_report(start, end)
        try:
            return writer(report, out)
        except ExportError as exc:
            raise export_error(exc) from exc

    # ---------------------------------------------------------------- many at once

    def bulk_create(self, tenders: Sequence[Tender]) -> int:
        """Store many new tenders in one transaction (all or none), each with its policy check."""
        verdicts = [self._is_compliant(tender) for tender in tenders]
        with plain_errors():
            return self._store.bulk_create(tenders, verdicts)
