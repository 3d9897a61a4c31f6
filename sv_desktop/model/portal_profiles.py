"""Portal profiles: how an e-tendering portal wants the social value questions laid out for import.

A profile is a YAML file (`resources/portal/*.yaml`, or a Trust's own in the data folder's
`portal-profiles/`): a name, the source of the layout, and its columns in order, each either one of the
question fields below or a fixed value. A Trust adds a profile for its own portal template by writing
such a file; no code changes. Every mistake is refused at load with the file and key named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..paths import resources_dir
from .resource_yaml import ContentError, Node, read_yaml

FIELDS: dict[str, str] = {
    "section": "the social value theme the question belongs to",
    "section_description": "what the theme is about, from the toolkit",
    "section_weight": "the theme's weighting, % of the total evaluation score (as in the pack)",
    "section_weight_of_100": "the theme's share of the social value questionnaire; the sections total 100",
    "question_reference": "the question's reference in the pack (SV1, SV2, ...)",
    "question_title": "the question's short heading",
    "question_text": "the question as bidders read it",
    "question_label": "reference and title together (SV1 Carbon reduction)",
    "bidder_guidance": "what the response must describe, the sub-criteria and the word limit",
    "evaluator_guidance": "the scoring descriptors and the evaluation guidance",
    "response_type": "how bidders answer (text), named as the portal names it",
    "word_limit": "the question's word limit",
    "score_min": "the lowest score on the question's scale",
    "score_max": "the highest score on the question's scale",
    "question_weight": "the question's weighting, % of the total evaluation score (as in the pack)",
    "question_weight_of_section": "the question's share of its theme; each theme's questions total 100",
    "required": "whether a response is required (always yes)",
    "lot": "the lots the question applies to, where the tender is divided into lots",
    "question_path": "where the question sits: the questionnaire name, then the theme",
}
"""Every field a column can show, with what it holds (listed in docs/portal-profiles.md)."""

RESPONSE_TYPES = ("text",)
PROFILE_FOLDER = "portal"
_PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TRUST_FOLDER = "portal-profiles"


@dataclass(frozen=True)
class PortalColumn:
    header: str
    field: str = ""
    """One of FIELDS; empty when the column has a fixed value."""
    fixed: str = ""
    max_length: int | None = None
    """Longest text the portal keeps; longer values are shortened and the export says which."""
    width: int = 20


@dataclass(frozen=True)
class PortalProfile:
    id: str
    name: str
    description: str
    source: str
    columns: tuple[PortalColumn, ...]
    response_types: dict[str, str]
    yes_no: tuple[str, str] = ("Yes", "No")
    single_line: bool = False
    """The portal takes plain single-line text: line breaks become "; " or spaces."""
    sheet_name: str = "Questions"
    about_sheet: bool = False
    """Add a second sheet saying which tender, pack and profile the workbook came from."""
    file: str = ""


def _column(node: Node) -> PortalColumn:
    fields = node.fields(("header",), ("field", "fixed", "max_length", "width"))
    header = fields["header"].text()
    if ("field" in fields) == ("fixed" in fields):
        node.fail(_("needs exactly one of 'field' (a question field) or 'fixed' (the same text in "
                    "every row)"))
    field = ""
    if "field" in fields:
        field = fields["field"].text()
        if field not in FIELDS:
            fields["field"].fail(_("is not a known field; the fields are {fields}").format(
                                   fields=', '.join(FIELDS)))
    fixed = ""
    if "fixed" in fields:
        value = fields["fixed"].value
        fixed = "" if value is None else fields["fixed"].text()
    max_length = _whole(fields["max_length"], 1, 32_767) if "max_length" in fields else None
    width = _whole(fields["width"], 4, 120) if "width" in fields else 20
    return PortalColumn(header, field, fixed, max_length, width)


def _whole(node: Node, low: int, high: int) -> int:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        node.fail(_("must be a whole number from {low} to {high}").format(low=low, high=high))
    return value


def _flag(node: Node) -> bool:
    if not isinstance(node.value, bool):
        node.fail(_("must be true or false"))
    return node.value


def parse_profile(profile_id: str, root: Node) -> PortalProfile:
    fields = root.fields(("name", "description", "source", "columns", "response_types"),
                         ("yes_no", "single_line", "sheet_name", "about_sheet"))
    columns = tuple(_column(item) for item in fields["columns"].items())
    headers = [column.header for column in columns]
    for index, header in enumerate(headers):
        if header in headers[:index]:
            fields["columns"].child(index).fail(_("repeats the header {header!r}").format(header=header))
    types_node = fields["response_types"]
    types = {key: node.text() for key, node in types_node.entries(RESPONSE_TYPES).items()}
    yes_no = ("Yes", "No")
    if "yes_no" in fields:
        pair = fields["yes_no"].texts()
        if len(pair) != 2:
            fields["yes_no"].fail(_("must list two texts: the one for yes, then the one for no"))
        yes_no = (pair[0], pair[1])
    sheet = fields["sheet_name"].text() if "sheet_name" in fields else "Questions"
    if len(sheet) > 31 or any(ch in sheet for ch in "[]:*?/\\"):
        fields["sheet_name"].fail(_("must be at most 31 characters, without [ ] : * ? / or \\"))
    return PortalProfile(
        id=profile_id, name=fields["name"].text(), description=fields["description"].text(),
        source=fields["source"].text(), columns=columns, response_types=types, yes_no=yes_no,
        single_line=_flag(fields["single_line"]) if "single_line" in fields else False,
        sheet_name=sheet, about_sheet=_flag(fields["about_sheet"]) if "about_sheet" in fields else False,
        file=root.file)


def _profile_files(folder: Path) -> Iterable[Path]:
    try:
        return sorted(p for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return ()


def load_profiles(resources: Path | None = None, trust_folder: Path | None = None) -> dict[str, PortalProfile]:
    """The bundled profiles, then any in `trust_folder` (a Trust's own; the same id replaces a bundled one).

    Raises ContentError naming the file and key of the first profile that breaks the schema.
    """
    folders = [(Path(resources) if resources is not None else resources_dir()) / PROFILE_FOLDER]
    if trust_folder is not None:
        folders.append(Path(trust_folder))
    profiles: dict[str, PortalProfile] = {}
    for folder in folders:
        for path in _profile_files(folder):
            profile_id = path.stem
            if not _PROFILE_ID.match(profile_id):
                raise ContentError(path.name, "", _("the file name must use lower-case letters, "
                                                    "digits, - and _"))
            profiles[profile_id] = parse_profile(profile_id, read_yaml(folder, path.name))
    return profiles
