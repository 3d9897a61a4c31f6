"""The route-dependent wording of the pre-market engagement brief and its questions for the market
(`resources/content/brief.yaml`), validated at load like the rest of the content."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, language
from ..paths import resources_dir
from .resource_yaml import read_yaml
from .tender import ROUTES


@dataclass(frozen=True)
class RouteWording:
    notice_label: str
    """The label of the planned date that starts the procurement ("Planned tender notice")."""
    audience: str
    """Who the brief speaks to, and how they can take part."""
    points: tuple[str, ...]


@dataclass(frozen=True)
class BriefWording:
    routes: dict[str, RouteWording]
    measures_intro: str
    questions: tuple[str, ...]
    source: str


def load_brief_wording(resources: Path | None = None) -> BriefWording:
    folder = Path(resources) if resources is not None else resources_dir()
    return _load(folder.resolve() / "content", language())


@functools.lru_cache(maxsize=4)
def _load(folder: Path, language: str) -> BriefWording:
    """`language` is part of the cache key: a translated brief.yaml replaces the English one."""
    root = read_yaml(folder, "brief.yaml")
    f = root.fields(("source", "groups", "measures_intro", "questions"))
    routes: dict[str, RouteWording] = {}
    for name, group in f["groups"].entries(None).items():
        g = group.fields(("routes", "notice_label", "audience", "points"))
        wording = RouteWording(g["notice_label"].text(), g["audience"].text(), g["points"].texts())
        for route in g["routes"].texts():
            if route not in ROUTES:
                g["routes"].fail(_("names {route!r}, which is not a route").format(route=route))
            if route in routes:
                g["routes"].fail(_("names {route!r}, already in another group ({name})").format(
                                   route=route, name=name))
            routes[route] = wording
    missing = [route for route in ROUTES if route not in routes]
    if missing:
        f["groups"].fail(_("puts no group on the routes {missing}").format(missing=', '.join(missing)))
    return BriefWording(routes, f["measures_intro"].text(), f["questions"].texts(), f["source"].text())
