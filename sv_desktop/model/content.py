"""The policy toolkit content (`resources/content/*.yaml`) as frozen, validated dataclasses.

Categories and their guides, the four themes, the wizard steps' help, the prompts, the definitions, the
roles, the routes and the organisation are data a Trust can edit (docs/content.md). Every file is
checked against its schema at load, including that every id the program knows (`tender.py`) is present
and no other; a bad file raises `ContentError` naming the file and the key path. Loaded once per folder.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from ..i18n import _, language
from ..paths import resources_dir
from .resource_yaml import ID_PATTERN, ContentError, Node, read_yaml
from .tender import CATEGORIES, MANDATORY_THEME, OUT_OF_SCOPE_CATEGORIES, ROLES, ROUTES, STEPS, THEMES

__all__ = [
    "CategoryGuide", "Content", "ContentError", "Definition", "Organisation", "Prompt", "RoleInfo",
    "RouteInfo", "StepInfo", "ThemeGuide", "ThemeInfo", "load_content",
]

CONTENT_FOLDER = "content"
PROMPT_STEPS: tuple[str, ...] = ("spec", "local")
"""The steps that have prompts: Refresh the specification and Think local (policy P238 section 4.4)."""

T = TypeVar("T")


@dataclass(frozen=True)
class ThemeGuide:
    why_it_fits: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class CategoryGuide:
    id: str
    label: str
    description: str
    in_scope: bool
    refusal_reason: str
    """Why the toolkit cannot be used for this category; empty when in scope."""
    source: str
    authored: bool
    """True when the Trust wrote the guide; False when it is the policy's own text."""
    themes: Mapping[str, ThemeGuide]
    """One guide per theme id, in THEMES order; empty when out of scope."""


@dataclass(frozen=True)
class ThemeInfo:
    id: str
    label: str
    mandatory: bool
    mandatory_reason: str
    nhs_priority_areas: tuple[str, ...]
    example_opportunity_areas: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    hint: str
    source: str
    categories: tuple[str, ...] = ()
    """The categories the prompt fits; empty for every category."""

    def fits(self, category: str) -> bool:
        return not self.categories or category in self.categories


@dataclass(frozen=True)
class StepInfo:
    id: str
    title: str
    why: str
    policy_sections: tuple[str, ...]
    help: str
    """Paragraphs separated by a blank line."""


@dataclass(frozen=True)
class Definition:
    id: str
    term: str
    text: str
    points: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class RoleInfo:
    id: str
    label: str
    note: str
    section: str
    responsibilities: tuple[str, ...]


@dataclass(frozen=True)
class RouteInfo:
    id: str
    label: str
    description: str
    source: str


@dataclass(frozen=True)
class Organisation:
    name: str
    policy_reference: str
    policy_version: str
    policy_title: str
    approved: str
    review_date: dt.date
    expiry_date: dt.date


@dataclass(frozen=True)
class Content:
    categories: Mapping[str, CategoryGuide]
    themes: Mapping[str, ThemeInfo]
    steps: Mapping[str, StepInfo]
    spec_prompts: tuple[Prompt, ...]
    think_local_prompts: tuple[Prompt, ...]
    definitions: Mapping[str, Definition]
    roles: Mapping[str, RoleInfo]
    routes: Mapping[str, RouteInfo]
    organisation: Organisation

    def category(self, category_id: str) -> CategoryGuide:
        return self.categories[category_id]

    def category_label(self, category_id: str) -> str:
        """The category's name; a value written outside the app is shown as unknown, never a crash."""
        found = self.categories.get(category_id)
        return found.label if found else unknown_label(category_id)

    def theme_label(self, theme_id: str) -> str:
        found = self.themes.get(theme_id)
        return found.label if found else unknown_label(theme_id)

    def route_label(self, route_id: str) -> str:
        found = self.routes.get(route_id)
        return found.label if found else unknown_label(route_id)


def unknown_label(value: object) -> str:
    """How an id this version does not know (written into the database by something else) is shown."""
    return f"Unknown ({value})" if value not in (None, "") else "Unknown"


def load_content(resources: Path | None = None) -> Content:
    """The content of `resources/content/` (default: the bundled resources), validated; cached per folder."""
    folder = Path(resources) if resources is not None else resources_dir()
    return _load(folder.resolve() / CONTENT_FOLDER, language())


@functools.lru_cache(maxsize=8)
def _load(folder: Path, language: str) -> Content:
    """`language` is part of the cache key: a translated file replaces the English one (i18n.localized_file)."""
    prompts = _prompts(read_yaml(folder, "prompts.yaml"))
    return Content(
        categories=_each(folder, "categories.yaml", CATEGORIES, _category),
        themes=_each(folder, "themes.yaml", THEMES, _theme),
        steps=_each(folder, "steps.yaml", STEPS, _step),
        spec_prompts=prompts["spec"],
        think_local_prompts=prompts["local"],
        definitions=_each(folder, "definitions.yaml", None, _definition),
        roles=_each(folder, "roles.yaml", ROLES, _role),
        routes=_each(folder, "routes.yaml", ROUTES, _route),
        organisation=_organisation(read_yaml(folder, "organisation.yaml")),
    )


def _each(folder: Path, name: str, ids: tuple[str, ...] | None,
          build: Callable[[str, Node], T]) -> Mapping[str, T]:
    """A file that maps ids to entries, each built (and validated) by `build`; read-only, in id order."""
    entries = read_yaml(folder, name).entries(ids)
    return MappingProxyType({key: build(key, node) for key, node in entries.items()})


# ---------------------------------------------------------------- one schema per file


def _category(category_id: str, node: Node) -> CategoryGuide:
    f = node.fields(("label", "description", "in_scope", "source"), ("authored", "themes", "refusal_reason"))
    in_scope = f["in_scope"].flag()
    expected = category_id not in OUT_OF_SCOPE_CATEGORIES
    if in_scope != expected:
        problem = (_("must be true: the program treats {category_id} as in scope of the policy") if expected
                   else _("must be false: the program treats {category_id} as out of scope of the policy"))
        f["in_scope"].fail(problem.format(category_id=category_id))
    if in_scope:
        if "themes" not in f:
            node.child("themes").fail(_("is missing (every in-scope category needs a guide for each "
                                        "theme)"))
        if "refusal_reason" in f:
            f["refusal_reason"].fail(_("is only for an out-of-scope category"))
        themes = {tid: _theme_guide(guide) for tid, guide in f["themes"].entries(THEMES).items()}
        refusal_reason = ""
    else:
        if "refusal_reason" not in f:
            node.child("refusal_reason").fail(_("is missing (say why the toolkit cannot be used)"))
        if "themes" in f:
            f["themes"].fail(_("is only for an in-scope category"))
        themes, refusal_reason = {}, f["refusal_reason"].text()
    return CategoryGuide(
        id=category_id,
        label=f["label"].text(),
        description=f["description"].text(),
        in_scope=in_scope,
        refusal_reason=refusal_reason,
        source=f["source"].text(),
        authored=f["authored"].flag() if "authored" in f else False,
        themes=MappingProxyType(themes),
    )


def _theme_guide(node: Node) -> ThemeGuide:
    f = node.fields(("why_it_fits", "examples"))
    return ThemeGuide(why_it_fits=f["why_it_fits"].text(), examples=f["examples"].texts())


def _theme(theme_id: str, node: Node) -> ThemeInfo:
    f = node.fields(("label", "mandatory", "nhs_priority_areas", "example_opportunity_areas", "source"),
                    ("mandatory_reason",))
    mandatory = f["mandatory"].flag()
    if mandatory != (theme_id == MANDATORY_THEME):
        f["mandatory"].fail(_("must be {value}: {mandatory_theme} is the one theme mandated in every "
                              "tender (policy P238 section 1.1.1), and the rules rely on it").format(
                              value=str(not mandatory).lower(), mandatory_theme=MANDATORY_THEME))
    if mandatory and "mandatory_reason" not in f:
        node.child("mandatory_reason").fail(_("is missing (say why the theme is mandatory)"))
    return ThemeInfo(
        id=theme_id,
        label=f["label"].text(),
        mandatory=mandatory,
        mandatory_reason=f["mandatory_reason"].text() if "mandatory_reason" in f else "",
        nhs_priority_areas=f["nhs_priority_areas"].texts(),
        example_opportunity_areas=f["example_opportunity_areas"].texts(),
        source=f["source"].text(),
    )


def _step(step_id: str, node: Node) -> StepInfo:
    f = node.fields(("title", "why", "policy_sections", "help"))
    return StepInfo(id=step_id, title=f["title"].text(), why=f["why"].text(),
                    policy_sections=f["policy_sections"].texts(), help=f["help"].paragraphs())


def _prompts(root: Node) -> dict[str, tuple[Prompt, ...]]:
    seen: set[str] = set()
    result = {}
    for step, node in root.fields(PROMPT_STEPS).items():
        prompts = []
        for item in node.items():
            f = item.fields(("id", "text", "hint", "source"), ("categories",))
            prompt_id = f["id"].text()
            if not ID_PATTERN.match(prompt_id):
                f["id"].fail(_("is not a valid id (use lower-case letters, digits and _)"))
            if prompt_id in seen:
                f["id"].fail(_("{prompt_id!r} is used by another prompt; ids must be unique").format(
                               prompt_id=prompt_id))
            seen.add(prompt_id)
            categories = f["categories"].texts() if "categories" in f else ()
            for i, category in enumerate(categories):
                if category not in CATEGORIES:
                    f["categories"].child(i).fail(_("is not a category; the categories are {categories}").format(
                                                    categories=', '.join(CATEGORIES)))
            prompts.append(Prompt(id=prompt_id, text=f["text"].text(), hint=f["hint"].text(),
                                  source=f["source"].text(), categories=categories))
        result[step] = tuple(prompts)
    return result


def _definition(definition_id: str, node: Node) -> Definition:
    f = node.fields(("term", "text", "source"), ("points",))
    return Definition(id=definition_id, term=f["term"].text(), text=f["text"].text(),
                      points=f["points"].texts() if "points" in f else (), source=f["source"].text())


def _role(role_id: str, node: Node) -> RoleInfo:
    f = node.fields(("label", "section", "responsibilities"), ("note",))
    return RoleInfo(id=role_id, label=f["label"].text(), note=f["note"].text() if "note" in f else "",
                    section=f["section"].text(), responsibilities=f["responsibilities"].texts())


def _route(route_id: str, node: Node) -> RouteInfo:
    f = node.fields(("label", "description", "source"))
    return RouteInfo(id=route_id, label=f["label"].text(), description=f["description"].text(),
                     source=f["source"].text())


def _organisation(root: Node) -> Organisation:
    f = root.fields(("name", "policy_reference", "policy_version", "policy_title", "approved",
                     "review_date", "expiry_date"))
    organisation = Organisation(
        name=f["name"].text(),
        policy_reference=f["policy_reference"].text(),
        policy_version=f["policy_version"].text(),
        policy_title=f["policy_title"].text(),
        approved=f["approved"].text(),
        review_date=f["review_date"].date(),
        expiry_date=f["expiry_date"].date(),
    )
    if organisation.expiry_date < organisation.review_date:
        f["expiry_date"].fail(_("must not be before review_date"))
    return organisation
