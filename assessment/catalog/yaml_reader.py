"""Read YAML safely, keeping where every value stands in the file.

Catalogs come from HR teams and from the internet, so reading them must never run
anything and must fail fast on hostile input: only plain YAML tags, no aliases (the
root of alias bombs), bounded nesting and size, UTF-8 text only. The result is plain
data plus a map from each value's path to its position, so that any later problem
can be reported as `file:line:column`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq")
}

Location = tuple[int, int]  # 1-based line and column


@dataclass
class YamlProblem(Exception):
    """A located problem in a YAML file."""

    line: int
    column: int
    message: str


@dataclass
class Document:
    """Plain data read from YAML, with the position of every key and value."""

    data: Any
    values: dict[tuple, Location] = field(default_factory=dict)
    keys: dict[tuple, Location] = field(default_factory=dict)

    def locate(self, path: tuple, *, key: bool = False) -> Location:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(str(part) for part in path)
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


def read_text(path: Path) -> str:
    """The file's text, or a YamlProblem for empty, oversized, binary or non-UTF-8 files."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(1, 1, f"the file is {size / 1e6:.1f} MB; catalogs may be at most {MAX_BYTES // 2**20} MB")
    raw = path.read_bytes()
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        raise YamlProblem(line, column, "the file is binary, not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise YamlProblem(line, column, "the file is not UTF-8 text; save it as UTF-8") from None
    if not text.strip() or all(_is_comment(line) for line in text.splitlines()):
        raise YamlProblem(1, 1, "the file is empty")
    return text


def parse(text: str) -> Document:
    """Parse YAML text into a Document; every problem is raised as a YamlProblem."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise _located(exc, text) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text[: exc.position].encode("utf-8"), len(text[: exc.position].encode("utf-8")))
        raise YamlProblem(line, column, f"the control character #x{exc.character:04x} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"invalid YAML: {exc}") from None
    if node is None:
        raise YamlProblem(1, 1, "the file is empty")
    document = Document(data=None)
    document.data = _build(node, (), document, depth=0)
    return document


def load(path: Path) -> Document:
    return parse(read_text(path))


def _is_comment(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _position(raw: bytes, offset: int) -> Location:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml: the same safe loader, fifteen times faster


class _Loader(yaml.SafeLoader):
    """The pure-Python fallback: a SafeLoader that refuses aliases and bounds nesting while it composes."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML API
        if self.check_event(yaml.AliasEvent):
            raise _alias_problem(self.peek_event())
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _depth_problem(self.peek_event())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _alias_problem(event) -> YamlProblem:
    return YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1,
                       f"aliases (*{event.anchor}) are not allowed in catalogs; write the text out")


def _depth_problem(event) -> YamlProblem:
    return YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1,
                       f"nesting is deeper than {MAX_DEPTH} levels")


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting from libyaml's event stream, before anything is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.AliasEvent):
            raise _alias_problem(event)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _depth_problem(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str) -> Node | None:
    if _FAST is not None:
        try:
            _check_events(text)
        except yaml.MarkedYAMLError as exc:
            if not _is_parser_depth_limit(exc):
                raise
            # libyaml (PyYAML >= 6.0.4) has its own nesting limit, and its scanner may reach it
            # before our event check sees level 41. The pure-Python loader reports our own limit
            # at the exact place, so one message holds whichever limit fires first.
            return _compose_slowly(text)
        return yaml.compose(text, Loader=_FAST)
    return _compose_slowly(text)


def _is_parser_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    return "nesting depth" in str(exc.problem or "")


def _compose_slowly(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _located(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark and _tab_at(text, mark.line, mark.column):
        problem = "a tab character is used for indentation; YAML needs spaces"
    elif "expected a single document" in str(exc):
        problem = "the file holds more than one YAML document; keep one catalog per file"
    else:
        problem = f"invalid YAML: {problem}"
    return YamlProblem(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem)


_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used: str, int, float, bool, null


def _tab_at(text: str, line: int, column: int) -> bool:
    """Whether the YAML error points at a tab in the indentation of its line."""
    lines = text.splitlines()
    if line >= len(lines):
        return False
    indentation = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
    return "\t" in indentation and column <= len(indentation)


def _build(node: Node, path: tuple, document: Document, depth: int) -> Any:
    document.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in PLAIN_TAGS:
        line, column = document.values[path]
        raise YamlProblem(line, column, f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; "
                          "catalogs hold plain text, numbers and lists only")
    if isinstance(node, MappingNode):
        return _build_mapping(node, path, document, depth)
    if isinstance(node, SequenceNode):
        return [_build(item, path + (str(i),), document, depth + 1) for i, item in enumerate(node.value)]
    try:
        return yaml.SafeLoader.yaml_constructors[node.tag](_SCALARS, node)
    except (ValueError, OverflowError):  # e.g. an integer of more digits than Python converts
        line, column = document.values[path]
        raise YamlProblem(line, column, "this number is too long; write it as text in quotes") from None


def _build_mapping(node: MappingNode, path: tuple, document: Document, depth: int) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise YamlProblem(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                              "a key must be a plain word or number")
        key = _build(key_node, path + ("<key>",), document, depth + 1)
        if key == "<<":
            raise YamlProblem(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                              "merge keys (<<) are not allowed in catalogs")
        if key in result:
            first = document.keys[path + (str(key),)]
            raise YamlProblem(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                              f"duplicate key '{key}' (first defined at line {first[0]})")
        document.keys[path + (str(key),)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, path + (str(key),), document, depth + 1)
    return result
