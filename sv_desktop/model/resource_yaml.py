"""Reading hand-edited YAML resource files with messages a non-programmer can act on.

A Trust edits the files under `resources/` in a text editor. Every mistake must be refused at load
with a message naming the file and the key path (`transport.themes.wellbeing.examples[2]`), never a
traceback and never half-applied content. `Node` wraps one parsed value with its path and offers the
few typed reads the schemas need; each read either returns a clean value or raises `ContentError`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Protocol, TypeVar

import yaml

from ..i18n import _, language, localized_file
from ..paths import resources_dir

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Loader(Protocol[T_co]):
    """A resource file's reader: `load()` for the app's resources, `load(folder)` for another resources folder."""

    def __call__(self, resources: Path | None = None) -> T_co: ...

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class ContentError(ValueError):
    """A resource file is missing, is not valid YAML, or breaks its schema (the base of the bank's errors
    too): "file: key path: problem"."""

    def __init__(self, file: str, key: str | None, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


class _UniqueKeys(yaml.constructor.SafeConstructor):
    """Safe loading that refuses a key written twice in one mapping (plain safe_load keeps the last,
    silently dropping the first: an easy mistake when a block is copied and edited)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode):
        """An impossible date (2028-13-01) stays text, so the schema can name its key; PyYAML itself
        raises a bare ValueError with no line or key."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """The pure-Python parser: slow, but its error messages are the ones the content tests and the
    documentation quote, so every file that fails to load is parsed again with it."""


# libyaml's C parser reads the resources about ten times faster, which matters at every start; the
# constructors (and so the values, and the duplicate-key check) are the same Python code either way.
class _FastLoader(_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser where PyYAML was built with it, else the pure-Python one."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    return loader.construct_yaml_timestamp(node)


for _loader in (_UniqueKeyLoader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
del _loader


class YamlFileError(ValueError):
    """A YAML file that cannot be read or parsed; the message is the problem, without the file name."""


def load_yaml_file(path: Path) -> Any:
    """Parse one hand-edited YAML file safely; every failure is a YamlFileError in plain words.

    Shared by the content, question bank and rules loaders, which wrap the message in their own error.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise YamlFileError(_("is missing from {parent}").format(parent=path.parent)) from None
    except UnicodeDecodeError as exc:
        raise YamlFileError(_("is not UTF-8 text (byte {start}); save it as UTF-8").format(start=exc.start)) from None
    except OSError as exc:
        raise YamlFileError(_("cannot be read ({value})").format(value=exc.strerror or exc)) from None
    try:
        return yaml.load(text, Loader=_FastLoader)  # a (C)SafeLoader subclass: as safe as safe_load
    except (RecursionError, yaml.YAMLError):
        pass  # parsed again below, for the pure-Python parser's wording of the problem
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except RecursionError:
        raise YamlFileError(_("is nested too deeply to be read")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlFileError(_("is not valid YAML: {problem}{where}").format(problem=problem, where=where)) from None


def read_yaml(folder: Path, name: str) -> Node:
    """Parse `folder/name` (UTF-8, safe YAML) into the root Node; a translation of the file for the user's
    language is read instead where there is one (`i18n.localized_file`)."""
    try:
        data = load_yaml_file(localized_file(folder, name))
    except YamlFileError as exc:
        raise ContentError(name, "", str(exc)) from None
    return Node(name, "", data)


def cached_loader(subfolder: str, name: str, parse: Callable[[Node], T]) -> Loader[T]:
    """`load(resources=None)`: `parse` of `resources/subfolder/name` (the app's resources by default; the
    translation for the user's language where there is one), read once per folder and language."""

    @functools.lru_cache(maxsize=4)
    def cached(folder: Path, lang: str) -> T:  # the language is part of the key: a translation replaces the file
        return parse(read_yaml(folder / subfolder, name))

    def load(resources: Path | None = None) -> T:
        return cached(Path(resources or resources_dir()).resolve(), language())

    return load


def kind(value: Any) -> str:
    """What a YAML value is, in the words of every resource file's messages (content, bank and rules)."""
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, dt.date):
        return _("a date")
    return {str: _("text"), list: _("a list"), dict: _("a mapping"), type(None): _("empty")}.get(
        type(value), type(value).__name__)


@dataclass(frozen=True)
class Node:
    """One value of a YAML file, with the file name and key path used in error messages."""

    file: str
    path: str
    value: Any

    def fail(self, problem: str) -> NoReturn:
        raise ContentError(self.file, self.path, problem)

    def child(self, key: str | int, value: Any = None) -> Node:
        if isinstance(key, int):
            return Node(self.file, f"{self.path}[{key}]", value)
        return Node(self.file, f"{self.path}.{key}" if self.path else key, value)

    def mapping(self) -> dict:
        if not isinstance(self.value, dict):
            self.fail(_("must be a mapping of keys, not {kind}").format(kind=kind(self.value)))
        for key in self.value:
            if not isinstance(key, str):
                self.fail(_("has the key {key!r}, which must be written as text (put it in quotes)").format(
                            key=key))
        return self.value

    def fields(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Node]:
        """A mapping with all `required` keys, some `optional` ones, and nothing else."""
        data = self.mapping()
        allowed = required + optional
        for key in data:
            if key not in allowed:
                self.child(key).fail(_("is not a known key here; the keys are {allowed}").format(
                                       allowed=', '.join(allowed)))
        for key in required:
            if key not in data:
                self.child(key).fail(_("is missing"))
        return {key: self.child(key, value) for key, value in data.items()}

    def entries(self, ids: tuple[str, ...] | None = None) -> dict[str, Node]:
        """A mapping keyed by ids: exactly `ids` (all present, in that order) when given, else any
        snake_case ids in file order."""
        data = self.mapping()
        for key in data:
            if ids is not None and key not in ids:
                self.child(key).fail(_("is not a known id; the ids are {ids}").format(ids=', '.join(ids)))
            if not ID_PATTERN.match(key):
                self.child(key).fail(_("is not a valid id (use lower-case letters, digits and _)"))
        for key in ids or ():
            if key not in data:
                self.child(key).fail(_("is missing"))
        return {key: self.child(key, data[key]) for key in (ids or tuple(data))}

    def items(self) -> list[Node]:
        """A non-empty list, one Node per item."""
        if not isinstance(self.value, list):
            self.fail(_("must be a list, not {kind}").format(kind=kind(self.value)))
        if not self.value:
            self.fail(_("must not be empty"))
        return [self.child(i, item) for i, item in enumerate(self.value)]

    def text(self) -> str:
        """Non-empty text as one paragraph: line breaks and runs of spaces become single spaces."""
        if not isinstance(self.value, str):
            hint = " (put it in quotes)" if isinstance(self.value, int | float | dt.date) else ""
            self.fail(_("must be text, not {kind}{hint}").format(kind=kind(self.value), hint=hint))
        cleaned = " ".join(self.value.split())
        if not cleaned:
            self.fail(_("must not be empty"))
        return cleaned

    def paragraphs(self) -> str:
        """Non-empty text of paragraphs separated by blank lines, returned joined by one blank line."""
        self.text()
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", self.value) if p.strip())

    def texts(self) -> tuple[str, ...]:
        """A non-empty list of distinct texts."""
        values = tuple(item.text() for item in self.items())
        for i, value in enumerate(values):
            if value in values[:i]:
                self.child(i).fail(_("repeats item {value} of the list").format(
                                     value=values.index(value) + 1))
        return values

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(_("must be true or false, not {kind}").format(kind=kind(self.value)))
        return self.value

    def date(self) -> dt.date:
        value = self.value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        shown = repr(value) if isinstance(value, str) else kind(value)
        self.fail(_("must be a real date written YYYY-MM-DD, not {shown}").format(shown=shown))
