"""Read and check `rules/rules.yaml`: every problem becomes a `RulesError` naming the file and the key.

The file is edited by people, not programs, so the check is strict: unknown keys (usually typos),
missing rules, unknown routes or themes, and placeholders a message cannot fill are all refused when
the program starts, never discovered halfway through checking a tender.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, overload

from ...i18n import _
from ..resource_yaml import YamlFileError, load_yaml_file
from ..resource_yaml import kind as _kind
from ..tender import CATEGORIES, ROUTES, STEPS, THEMES, Tender
from .schema import (
    COMMON_FIELDS,
    CONFIDENCES,
    DATE_BASES,
    FORMAT_VERSION,
    RULE_SPECS,
    RULES_FORMAT,
    SEVERITIES,
    THRESHOLD_KINDS,
    THRESHOLD_SUFFIXES,
    VALUE_BASES,
    Basis,
    Figures,
    Message,
    Milestone,
    PipelineNoticeFigures,
    Rule,
    RulesError,
    ThresholdPeriod,
)
from .text import placeholders

TENDER_FIELDS = frozenset(f.name for f in dataclasses.fields(Tender))


class Reader:
    """Typed access to parsed YAML that reports `file: key.path: problem`."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, message: str) -> RulesError:
        return RulesError(message, self.file, key)

    def mapping(self, value: Any, key: str, allowed: tuple[str, ...] | None = None,
                required: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(key, _("must be a mapping of names to values, not {kind}").format(
                                   kind=_kind(value)))
        for name in value:
            if not isinstance(name, str):
                raise self.fail(key, _("has a key {name!r} that is not a name").format(name=name))
            if allowed is not None and name not in allowed:
                raise self.fail(_join(key, name), _("is not a known key here; known keys are {allowed}").format(
                                                    allowed=', '.join(allowed)))
        for name in required:
            if name not in value:
                raise self.fail(_join(key, name), _("is required"))
        return value

    def text(self, value: Any, key: str, empty_ok: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(key, _("must be text, not {kind}").format(kind=_kind(value)))
        if not empty_ok and not value.strip():
            raise self.fail(key, _("must not be empty"))
        return value.strip()

    def choice(self, value: Any, key: str, allowed: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(key, _("must be one of {allowed}; not {value!r}").format(
                                   allowed=', '.join(allowed), value=value))
        return value

    def number(self, value: Any, key: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(key, _("must be a number, not {kind}").format(kind=_kind(value)))
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
        except InvalidOperation:
            raise self.fail(key, _("must be a number, not {value!r}").format(value=value)) from None
        if not number.is_finite() or number < 0:
            raise self.fail(key, _("must be a number of 0 or more, not {value!r}").format(value=value))
        return number

    @overload
    def date(self, value: Any, key: str, optional: Literal[False] = False) -> dt.date: ...
    @overload
    def date(self, value: Any, key: str, optional: bool) -> dt.date | None: ...
    def date(self, value: Any, key: str, optional: bool = False) -> dt.date | None:
        if value is None and optional:
            return None
        if isinstance(value, dt.datetime):
            raise self.fail(key, _("must be a date written YYYY-MM-DD, without a time"))
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(key, _("must be a date written YYYY-MM-DD, not {value!r}").format(value=value))

    def names(self, value: Any, key: str, allowed: tuple[str, ...] | frozenset[str],
              empty_ok: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, _("must be a list, not {kind}").format(kind=_kind(value)))
        if not value and not empty_ok:
            raise self.fail(key, _("must not be empty"))
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in allowed:
                raise self.fail(f"{key}[{i}]", _("must be one of {sorted}; not {item!r}").format(
                                                 sorted=', '.join(sorted(allowed)), item=item))
        if len(set(value)) != len(value):
            raise self.fail(key, _("lists the same name twice"))
        return tuple(value)

    def template(self, value: Any, key: str, allowed: set[str]) -> str:
        text = " ".join(self.text(value, key).split())
        try:
            used = placeholders(text)
        except ValueError as exc:
            raise self.fail(key, _("has a broken placeholder: {exc}").format(exc=exc)) from None
        for name in used:
            if name not in allowed:
                raise self.fail(key, _("uses {{{name}}}, which this text cannot fill; it can use "
                                       "{value}").format(
                                       name=name, value=', '.join('{' + n + '}' for n in sorted(allowed))))
        return text


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def read_yaml(path: Path, label: str) -> Any:
    try:
        return load_yaml_file(path)
    except YamlFileError as exc:
        raise RulesError(str(exc), label) from None


def check_header(r: Reader, data: Any, expected: str) -> dict:
    if not isinstance(data, dict):
        raise r.fail("", _("the file must hold a mapping of keys, not {kind}").format(kind=_kind(data)))
    if data.get("format") != expected:
        raise r.fail("format", _("must be {expected!r}, not {get!r}").format(
                                 expected=expected, get=data.get('format')))
    if data.get("format_version") != FORMAT_VERSION:
        raise r.fail("format_version", _("must be {format_version}, not {get!r}").format(
                                         format_version=FORMAT_VERSION, get=data.get('format_version')))
    return data


# ---------------------------------------------------------------- rules.yaml


TOP_KEYS = ("format", "format_version", "title", "updated", "settings", "messages", "labels", "figures", "rules")
RULE_KEYS = ("id", "title", "severity", "step", "basis", "effective_from", "effective_to", "thresholds", "dates",
             "routes", "categories", "themes", "milestones", "source", "confidence", "description", "messages")


def parse_rules_file(data: Any, label: str) -> dict[str, Any]:
    """The checked content of rules.yaml, as keyword arguments for RuleSet (less requirements)."""
    r = Reader(label)
    check_header(r, data, RULES_FORMAT)
    r.mapping(data, "", TOP_KEYS, required=TOP_KEYS)
    settings = r.mapping(data["settings"], "settings", ("applicable_threshold",), ("applicable_threshold",))
    messages = r.mapping(data["messages"], "messages", ("no_notice_date",), ("no_notice_date",))
    labels = r.mapping(data["labels"], "labels", ("routes", "themes", "categories"),
                       ("routes", "themes", "categories"))
    route_labels = _labels(r, labels["routes"], "labels.routes", ROUTES)
    theme_labels = _labels(r, labels["themes"], "labels.themes", THEMES)
    category_labels = _labels(r, labels["categories"], "labels.categories", CATEGORIES)
    figures = _figures(r, data["figures"])

    raw_rules = data["rules"]
    if not isinstance(raw_rules, list):
        raise r.fail("rules", _("must be a list of rules, not {kind}").format(kind=_kind(raw_rules)))
    rules = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_rules):
        rule = _rule(r, raw, f"rules[{i}]", theme_labels)
        if rule.id in seen:
            raise r.fail(f"rules[{i}].id", _("{id} is listed twice").format(id=rule.id))
        seen.add(rule.id)
        rules.append(rule)
    missing = [rule_id for rule_id in RULE_SPECS if rule_id not in seen]
    if missing:
        raise r.fail("rules", _("is missing the rule(s) {missing}").format(missing=', '.join(missing)))

    updated = data.get("updated")
    return {
        "title": r.text(data["title"], "title"),
        "updated": r.date(updated, "updated", optional=True),
        "applicable_threshold": r.choice(settings["applicable_threshold"], "settings.applicable_threshold",
                                         THRESHOLD_KINDS),
        "no_notice_date": r.template(messages["no_notice_date"], "messages.no_notice_date",
                                     set(COMMON_FIELDS)),
        "route_labels": route_labels,
        "theme_labels": theme_labels,
        "category_labels": category_labels,
        "figures": figures,
        "rules": tuple(rules),
    }


def _labels(r: Reader, value: Any, key: str, ids: tuple[str, ...]) -> dict[str, str]:
    r.mapping(value, key, ids, required=ids)
    return {name: r.text(value[name], _join(key, name)) for name in ids}


def _figures(r: Reader, value: Any) -> Figures:
    keys = ("sme", "pa23_thresholds", "nhs_net_zero", "modern_slavery_statement", "performance_ratings",
            "pipeline_notice")
    fig = r.mapping(value, "figures", keys, required=keys)

    sme = r.mapping(fig["sme"], "figures.sme", ("employees_under", "turnover_under_eur", "source", "confidence"),
                    ("employees_under", "turnover_under_eur", "source", "confidence"))
    sme_out = {"employees_under": r.number(sme["employees_under"], "figures.sme.employees_under"),
               "turnover_under_eur": r.number(sme["turnover_under_eur"], "figures.sme.turnover_under_eur"),
               "source": r.text(sme["source"], "figures.sme.source"),
               "confidence": r.choice(sme["confidence"], "figures.sme.confidence", CONFIDENCES)}

    pa = r.mapping(fig["pa23_thresholds"], "figures.pa23_thresholds", ("confidence", "periods"),
                   ("confidence", "periods"))
    if not isinstance(pa["periods"], list) or not pa["periods"]:
        raise r.fail("figures.pa23_thresholds.periods", _("must be a non-empty list of periods"))
    periods = [_period(r, raw, f"figures.pa23_thresholds.periods[{i}]") for i, raw in enumerate(pa["periods"])]
    periods.sort(key=lambda p: p.effective_from)
    for earlier, later in zip(periods, periods[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise r.fail("figures.pa23_thresholds.periods",
                         _("the period from {effective_from} overlaps the one from {effective_from2}").format(
                           effective_from=earlier.effective_from, effective_from2=later.effective_from))

    nz_keys = ("direct_emissions_year", "direct_emissions_interim", "influenced_emissions_year",
               "influenced_emissions_interim", "source", "confidence")
    nz = r.mapping(fig["nhs_net_zero"], "figures.nhs_net_zero", nz_keys, nz_keys)
    nz_out: dict[str, object] = {}
    for name in nz_keys:
        key = f"figures.nhs_net_zero.{name}"
        if name.endswith("_year"):
            nz_out[name] = int(r.number(nz[name], key))
        elif name == "confidence":
            nz_out[name] = r.choice(nz[name], key, CONFIDENCES)
        else:
            nz_out[name] = r.text(nz[name], key)

    ms_keys = ("turnover_from_gbp", "source", "confidence")
    ms = r.mapping(fig["modern_slavery_statement"], "figures.modern_slavery_statement", ms_keys, ms_keys)

    perf_keys = ("source", "confidence", "ratings")
    perf = r.mapping(fig["performance_ratings"], "figures.performance_ratings", perf_keys, perf_keys)
    if not isinstance(perf["ratings"], list) or not perf["ratings"]:
        raise r.fail("figures.performance_ratings.ratings", _("must be a non-empty list"))
    ratings = []
    for i, raw in enumerate(perf["ratings"]):
        key = f"figures.performance_ratings.ratings[{i}]"
        r.mapping(raw, key, ("name", "meaning"), ("name", "meaning"))
        ratings.append((r.text(raw["name"], f"{key}.name"), r.text(raw["meaning"], f"{key}.meaning")))

    return Figures(
        sme=sme_out,
        pa23_confidence=r.choice(pa["confidence"], "figures.pa23_thresholds.confidence", CONFIDENCES),
        pa23_periods=tuple(periods),
        nhs_net_zero=nz_out,
        modern_slavery_turnover=r.number(ms["turnover_from_gbp"], "figures.modern_slavery_statement.turnover_from_gbp"),
        modern_slavery_source=r.text(ms["source"], "figures.modern_slavery_statement.source"),
        modern_slavery_confidence=r.choice(ms["confidence"], "figures.modern_slavery_statement.confidence",
                                           CONFIDENCES),
        performance_ratings=tuple(ratings),
        performance_source=r.text(perf["source"], "figures.performance_ratings.source"),
        performance_confidence=r.choice(perf["confidence"], "figures.performance_ratings.confidence", CONFIDENCES),
        pipeline_notice=_pipeline_notice(r, fig["pipeline_notice"]),
    )


def _pipeline_notice(r: Reader, raw: Any) -> PipelineNoticeFigures:
    key = "figures.pipeline_notice"
    keys = ("spend_over_gbp", "contract_value_over_gbp", "window_months", "publish_within_days", "source",
            "confidence")
    r.mapping(raw, key, keys, required=keys)
    counts = {}
    for name, low, high in (("window_months", 1, 60), ("publish_within_days", 1, 366)):
        number = r.number(raw[name], f"{key}.{name}")
        if number != int(number) or not low <= number <= high:
            raise r.fail(f"{key}.{name}", _("must be a whole number from {low} to {high}").format(
                                            low=low, high=high))
        counts[name] = int(number)
    return PipelineNoticeFigures(
        spend_over_gbp=r.number(raw["spend_over_gbp"], f"{key}.spend_over_gbp"),
        contract_value_over_gbp=r.number(raw["contract_value_over_gbp"], f"{key}.contract_value_over_gbp"),
        window_months=counts["window_months"], publish_within_days=counts["publish_within_days"],
        source=r.text(raw["source"], f"{key}.source"),
        confidence=r.choice(raw["confidence"], f"{key}.confidence", CONFIDENCES))


def _period(r: Reader, raw: Any, key: str) -> ThresholdPeriod:
    amount_keys = tuple(f"{kind}_gbp" for kind in THRESHOLD_KINDS)
    keys = ("effective_from", "effective_to", *amount_keys, "source", "confidence")
    r.mapping(raw, key, keys, required=keys)
    start = r.date(raw["effective_from"], f"{key}.effective_from")
    end = r.date(raw["effective_to"], f"{key}.effective_to", optional=True)
    if end is not None and end < start:
        raise r.fail(f"{key}.effective_to", _("must not be before effective_from"))
    return ThresholdPeriod(
        effective_from=start,
        effective_to=end,
        amounts={kind: r.number(raw[f"{kind}_gbp"], f"{key}.{kind}_gbp") for kind in THRESHOLD_KINDS},
        source=r.text(raw["source"], f"{key}.source"),
        confidence=r.choice(raw["confidence"], f"{key}.confidence", CONFIDENCES),
    )


def _rule(r: Reader, raw: Any, key: str, theme_labels: dict[str, str]) -> Rule:
    required = ("id", "title", "severity", "step", "basis", "source", "confidence", "description", "messages")
    r.mapping(raw, key, required=("id",))
    rule_id = r.text(raw["id"], f"{key}.id")
    spec = RULE_SPECS.get(rule_id)
    if spec is None:
        raise r.fail(f"{key}.id", _("{rule_id!r} is not a rule this version of sv-desktop can check; "
                                    "known rules are {rule_specs}").format(
                                    rule_id=rule_id, rule_specs=', '.join(RULE_SPECS)))
    key = f"rules[{rule_id}]"
    r.mapping(raw, key, RULE_KEYS, required=required)

    basis_raw = r.mapping(raw["basis"], f"{key}.basis", ("value", "date", "fields"), ("value", "date", "fields"))
    basis = Basis(
        value=r.names(basis_raw["value"], f"{key}.basis.value", VALUE_BASES),
        date=None if basis_raw["date"] is None else r.choice(basis_raw["date"], f"{key}.basis.date", DATE_BASES),
        fields=r.names(basis_raw["fields"], f"{key}.basis.fields", TENDER_FIELDS),
    )
    effective_from = r.date(raw.get("effective_from"), f"{key}.effective_from", optional=True)
    effective_to = r.date(raw.get("effective_to"), f"{key}.effective_to", optional=True)
    if (effective_from or effective_to) and basis.date != "tender_notice_date":
        raise r.fail(f"{key}.basis.date", _("must be tender_notice_date when effective_from or "
                                            "effective_to is set"))
    if effective_from and effective_to and effective_to < effective_from:
        raise r.fail(f"{key}.effective_to", _("must not be before effective_from"))

    thresholds = _named(r, raw.get("thresholds"), f"{key}.thresholds", spec.thresholds, r.number)
    for name in thresholds:
        if not name.endswith(THRESHOLD_SUFFIXES):
            raise r.fail(f"{key}.thresholds.{name}", _("must end in _gbp, _pct or _count"))
    dates = _named(r, raw.get("dates"), f"{key}.dates", spec.dates, r.date)
    routes = _named(r, raw.get("routes"), f"{key}.routes", spec.routes,
                    lambda v, k: r.names(v, k, ROUTES))
    categories = _named(r, raw.get("categories"), f"{key}.categories", spec.categories,
                        lambda v, k: r.names(v, k, CATEGORIES, empty_ok=False))
    themes = _named(r, raw.get("themes"), f"{key}.themes", spec.themes,
                    lambda v, k: r.names(v, k, THEMES, empty_ok=False))
    milestones = _milestones(r, raw.get("milestones"), f"{key}.milestones", spec.milestones)
    if rule_id == "MS-RISK":
        _check_route_partition(r, routes, f"{key}.routes")

    severity = r.choice(raw["severity"], f"{key}.severity", SEVERITIES)
    base_fields = set(COMMON_FIELDS) | set(thresholds) | set(dates)
    base_fields |= {name for name, value in (("effective_from", effective_from), ("effective_to", effective_to))
                    if value is not None}
    messages_raw = r.mapping(raw["messages"], f"{key}.messages", tuple(spec.messages), tuple(spec.messages))
    messages = {}
    for name, extra in spec.messages.items():
        mkey = f"{key}.messages.{name}"
        value = messages_raw[name]
        message_severity = severity
        if isinstance(value, dict):
            r.mapping(value, mkey, ("severity", "text"), ("severity", "text"))
            message_severity = r.choice(value["severity"], f"{mkey}.severity", SEVERITIES)
            mkey, value = f"{mkey}.text", value["text"]
        messages[name] = Message(name, r.template(value, mkey, base_fields | set(extra)), message_severity)

    return Rule(
        id=rule_id,
        title=r.text(raw["title"], f"{key}.title"),
        severity=severity,
        step=r.choice(raw["step"], f"{key}.step", STEPS),
        basis=basis,
        effective_from=effective_from,
        effective_to=effective_to,
        source=" ".join(r.text(raw["source"], f"{key}.source").split()),
        confidence=r.choice(raw["confidence"], f"{key}.confidence", CONFIDENCES),
        description=" ".join(r.text(raw["description"], f"{key}.description").split()),
        messages=messages,
        thresholds=thresholds,
        dates=dates,
        routes=routes,
        categories=categories,
        themes=themes,
        milestones=milestones,
    )


def _named(r: Reader, value: Any, key: str, names: tuple[str, ...], read) -> dict:
    if not names:
        if value not in (None, {}):
            raise r.fail(key, _("is not used by this rule; remove it"))
        return {}
    r.mapping(value, key, names, required=names)
    return {name: read(value[name], f"{key}.{name}") for name in names}


def _milestones(r: Reader, value: Any, key: str, wanted: bool) -> tuple[Milestone, ...]:
    if not wanted:
        if value not in (None, []):
            raise r.fail(key, _("is not used by this rule; remove it"))
        return ()
    if not isinstance(value, list) or not value:
        raise r.fail(key, _("must be a non-empty list of milestones"))
    out = []
    for i, raw in enumerate(value):
        mkey = f"{key}[{i}]"
        r.mapping(raw, mkey, ("id", "date", "label", "summary"), ("id", "date", "label", "summary"))
        out.append(Milestone(r.text(raw["id"], f"{mkey}.id"), r.date(raw["date"], f"{mkey}.date"),
                             r.text(raw["label"], f"{mkey}.label"), " ".join(r.text(raw["summary"], f"{mkey}.summary").split())))
    ids = [m.id for m in out]
    if len(set(ids)) != len(ids):
        raise r.fail(key, _("uses the same milestone id twice"))
    return tuple(sorted(out, key=lambda m: m.date))


def _check_route_partition(r: Reader, routes: dict[str, tuple[str, ...]], key: str) -> None:
    """Every route must fall in exactly one modern slavery timing group, so none is left unchecked."""
    for route in ROUTES:
        groups = [name for name, members in routes.items() if route in members]
        if len(groups) != 1:
            where = "none of" if not groups else "more than one of"
            raise r.fail(key, _("the route {route} is in {where} {routes}; it must be in exactly one").format(
                                route=route, where=where, routes=', '.join(routes)))
