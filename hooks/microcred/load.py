"""Read one definition file safely into plain data, keeping the line of every value.

The document is built from libyaml's event stream rather than its composer: the
composer recurses in C and crashes or stalls on deeply nested input, while events
let us stop at a depth limit. Only YAML's safe types and finite numbers are
accepted (`.nan` and `.inf` have no JSON form and break arithmetic); aliases share
values (they are never copied) and their expanded size is counted, so an alias
bomb is refused before anything walks it.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from .discover import SourceFile
from .problems import Problem, file_problem, json_path

# libyaml is about 8x faster; the pure-Python parser gives the same events.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000
SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR = "tag:yaml.org,2002:str"
# Tabs are fine inside text and between a value and its `:` or `,`; they are refused
# only where YAML counts spaces (indentation, after `-`): where they are, this is said.
TAB_MESSAGE = "YAML syntax error: a tab character where YAML allows only spaces"
TAB_FIX = "replace the tab with spaces: YAML indents with spaces, never tabs (set your editor to insert spaces for Tab)"
# First characters of the plain scalars YAML may read as another type than text ("" for
# the empty one). The safe loader registers its resolvers by first character only.
_IMPLICIT_STARTS = frozenset(_Loader.yaml_implicit_resolvers)
COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# The characters YAML 1.1 refuses anywhere in a stream.
UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters (YAML lets them in through "\x00"-style escapes) break XML feeds and
# HTML; tab, newline and carriage return are ordinary text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Path = tuple  # a JSON path as a tuple of keys and indexes: ("submission", "parts", 0)


@dataclass(frozen=True, eq=False)
class Document:
    """One parsed definition file and where each of its values stands."""

    source: SourceFile
    data: dict
    positions: Mapping[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: Mapping[Path, tuple[int, int]] = field(default_factory=dict)
    # The text as written for scalars YAML did not read as strings (`Yes` -> True).
    raw_scalars: Mapping[Path, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def issuer_id(self) -> str:
        return self.source.issuer_id

    def position(self, path: Path) -> tuple[int, int]:
        """The line and column of the value at `path`, or of its nearest ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.position(path)

    def without_positions(self, raw: bytes) -> Document:
        """This document holding its text (`raw`) instead of where each value stands.

        Kept for every file of a catalog, the positions were four fifths of the memory
        the load took (a credential has some 200 values), and once each file is checked on
        its own only a cross-file problem asks for one: the first it asks for parses the
        text again. The root's position, which each file may be asked for, stays at hand.
        """
        again = _ParsedAgain(self.source, raw)
        return Document(self.source, self.data,
                        _Deferred(again, "positions", {(): self.positions.get((), (1, 1))}),
                        _Deferred(again, "key_positions"), _Deferred(again, "raw_scalars"))


class _ParsedAgain:
    def __init__(self, source: SourceFile, raw: bytes):
        self.source, self.raw = source, raw
        self._document: Document | None = None

    def document(self) -> Document:
        if self._document is None:
            self._document, _ = parse_document(self.source, self.raw)
        assert self._document is not None, "the text parsed before"
        return self._document


class _Deferred(Mapping):
    """One of a document's maps of positions, made by parsing its text again on first use."""

    def __init__(self, again: _ParsedAgain, name: str, known: Mapping | None = None):
        self.again, self.name, self.known = again, name, known or {}

    def _all(self) -> Mapping:
        return getattr(self.again.document(), self.name)

    def __getitem__(self, key):
        return self.known[key] if key in self.known else self._all()[key]

    def __contains__(self, key) -> bool:
        return key in self.known or key in self._all()

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class _Refused(Exception):
    """The file cannot be read any further; carries the problem to report."""

    def __init__(self, line: int, column: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.column, self.message, self.fix = line, column, message, fix


def read_source(source: SourceFile) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem when it cannot or should not be read (never parsed here)."""
    try:
        size = source.absolute.stat().st_size
        if size > MAX_BYTES:  # refused before reading, so a huge file costs nothing
            return None, [file_problem(source.path, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}", "split it up or remove the bulk; a credential is usually under 20 KB")]
        with source.absolute.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        return None, [file_problem(source.path, f"cannot read file: {reason}", "check that the file exists and is readable")]
    if len(raw) > MAX_BYTES:  # it grew since stat
        return None, [file_problem(source.path, f"file is over {MAX_BYTES:,} bytes", "split it up or remove the bulk")]
    return raw, []


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise _Refused(line, column, f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})", "save the file with UTF-8 encoding") from None


def parse_document(source: SourceFile, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse bytes into a `Document`; problems that do not stop parsing are all reported."""
    problems: list[Problem] = []
    try:
        text = _decode(raw)
        if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
            raise _Refused(1, 1, "file is empty", "fill in the fields; `make new` writes a template to start from")
        builder = _Builder(source.path, problems)
        data = builder.build(text)
    except _Refused as refused:
        return None, problems + [Problem(source.path, refused.line, refused.column, refused.message, "", refused.fix)]
    return Document(source, data, builder.positions, builder.key_positions, builder.raw_scalars), problems


class _Builder:
    """Turns YAML events into dicts, lists and scalars, recording positions."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.raw_scalars: dict[Path, str] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded node count)
        self.nodes = 0

    def build(self, text: str) -> dict:
        loader = _Loader(text)
        try:
            self._expect(loader, events.StreamStartEvent)
            if loader.check_event(events.StreamEndEvent):
                raise _Refused(1, 1, "file is empty", "fill in the fields")
            self._expect(loader, events.DocumentStartEvent)
            root_event = loader.peek_event()
            data, _ = self._value(loader, (), 0)
            self._expect(loader, events.DocumentEndEvent)
            if not loader.check_event(events.StreamEndEvent):
                extra = loader.peek_event()
                assert extra is not None  # check_event saw an event that is not the stream's end
                raise _Refused(*_position(extra.start_mark), "file holds more than one YAML document", "remove the `---` line and everything after it, or move it to its own file")
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = _position(mark) if mark else (1, 1)
            if _at_tab(text, mark):
                raise _Refused(line, column, TAB_MESSAGE, TAB_FIX) from None
            raise _Refused(line, column, f"YAML syntax error: {error.problem or error.context}", _syntax_fix(error)) from None
        except yaml.reader.ReaderError:
            raise _unprintable(text) from None
        except yaml.YAMLError as error:
            raise _Refused(1, 1, "YAML error: " + " ".join(str(error).split()), "check the file's syntax") from None
        finally:
            loader.dispose()
        if not isinstance(data, dict):
            assert root_event is not None  # a document has a root, or parsing raised above
            raise _Refused(*_position(root_event.start_mark), "the file must be a mapping of `field: value` lines", "start with `title: ...` (or `name: ...` for issuer.yml) at the beginning of a line")
        return data

    def _expect(self, loader, event_type):
        event = loader.get_event()
        if not isinstance(event, event_type):  # pragma: no cover - libyaml guarantees the order
            raise _Refused(*_position(event.start_mark), "unexpected YAML structure", "check the file's syntax")
        return event

    def _count(self, event, amount: int = 1) -> None:
        self.nodes += amount
        if self.nodes > MAX_NODES:
            raise _Refused(*_position(event.start_mark), f"file expands to more than {MAX_NODES:,} values (alias or anchor bomb?)", "write the values out without `&anchors` and `*aliases`")

    def _value(self, loader, path: Path, depth: int) -> tuple[Any, int]:
        """Build the next value; returns it with its expanded node count."""
        event = loader.get_event()
        if depth > MAX_DEPTH:
            raise _Refused(*_position(event.start_mark), f"values are nested more than {MAX_DEPTH} levels deep", "flatten the structure; definitions need only a few levels")
        self.positions[path] = _position(event.start_mark)
        if isinstance(event, events.AliasEvent):
            if event.anchor not in self.anchors:
                raise _Refused(*_position(event.start_mark), f"alias `*{event.anchor}` refers to an anchor that is not defined before it", "define `&name` before using `*name`, or write the value out")
            value, count = self.anchors[event.anchor]
            self._count(event, count)
            return value, count
        if isinstance(event, events.ScalarEvent):
            self._count(event)
            value = self._scalar(loader, event, path)
        elif isinstance(event, events.SequenceStartEvent):
            self._check_collection_tag(event, path)
            self._count(event)
            value, count = [], 1
            while not loader.check_event(events.SequenceEndEvent):
                item, item_count = self._value(loader, path + (len(value),), depth + 1)
                value.append(item)
                count += item_count
            loader.get_event()
            return self._anchor(event, value, count)
        elif isinstance(event, events.MappingStartEvent):
            self._check_collection_tag(event, path)
            self._count(event)
            value, count = self._mapping(loader, path, depth)
            return self._anchor(event, value, count)
        else:  # pragma: no cover - the parser emits nothing else here
            raise _Refused(*_position(event.start_mark), "unexpected YAML structure", "check the file's syntax")
        return self._anchor(event, value, 1)

    def _anchor(self, event, value, count):
        if event.anchor:
            self.anchors[event.anchor] = (value, count)
        return value, count

    def _mapping(self, loader, path: Path, depth: int) -> tuple[dict, int]:
        value: dict = {}
        count = 1
        key_lines: dict[str, int] = {}
        while not loader.check_event(events.MappingEndEvent):
            key_event = loader.get_event()
            if not isinstance(key_event, events.ScalarEvent):
                raise _Refused(*_position(key_event.start_mark), "a field name must be plain text", "write `name: value`, with the name as a plain word")
            key = sys.intern(key_event.value)  # one string per field name, not one per file
            key_position = _position(key_event.start_mark)
            if key == "<<" and key_event.implicit[0]:
                raise _Refused(*key_position, "merge keys (`<<:`) are not supported", "write the fields out in full")
            if key in key_lines:
                self.problems.append(Problem(self.path, *key_position, f"duplicate field `{key}` (first at line {key_lines[key]})", json_path(path + (key,)), "remove one of the two; YAML would silently keep only the last"))
            key_lines[key] = key_position[0]
            self.key_positions[path + (key,)] = key_position
            item, item_count = self._value(loader, path + (key,), depth + 1)
            value[key] = item
            count += item_count
        loader.get_event()
        return value, count

    def _check_collection_tag(self, event, path: Path) -> None:
        if event.tag not in COLLECTION_TAGS:
            self._tag_problem(event, path)

    def _tag_problem(self, event, path: Path) -> None:
        self.problems.append(Problem(self.path, *_position(event.start_mark), f"tag `{event.tag.replace('tag:yaml.org,2002:', '!!')}` is not allowed", json_path(path), "remove the tag; definitions hold plain text, numbers, dates, lists and mappings"))

    def _scalar(self, loader, event, path: Path):
        tag = event.tag
        if tag is None or tag == "!":
            # Quoted and block scalars are always text, and so is a plain one whose first
            # character starts no implicit type (`Students...`); only the rest are resolved.
            if event.style or event.value[:1] not in _IMPLICIT_STARTS:
                tag = _STR
            else:
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in SAFE_TAGS:
            self._tag_problem(event, path)
            return event.value
        if tag == _STR:  # what the constructor would return, without building a node for it
            if (control := CONTROL_CHARACTERS.search(event.value)) is not None:
                self.problems.append(Problem(self.path, *_position(event.start_mark), f"text contains the control character U+{ord(control.group()):04X}", json_path(path), "remove it; only printable text, tabs and line breaks are allowed"))
            return event.value
        self.raw_scalars[path] = event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = loader.yaml_constructors[tag](loader, node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):  # e.g. `!!int abc`, 2024-02-30
            return event.value
        if isinstance(value, (int, float)) and not is_finite(value):
            self.problems.append(Problem(self.path, *_position(event.start_mark), f"`{_abbreviated(event.value)}` is not a finite number", json_path(path), "write a finite number such as 2.5"))
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()  # the schema checks dates as strings
        return value


def is_finite(number: int | float) -> bool:
    """False for NaN, infinities and integers too large for a float: JSON has no NaN or
    infinity, JavaScript reads such an integer as Infinity, and the pages compute with floats."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _abbreviated(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unprintable(text: str) -> _Refused:
    """Where YAML's reader found a character it does not accept (it reports no line itself)."""
    found = UNPRINTABLE.search(text)
    if found is None:  # pragma: no cover - the reader only fails on such a character
        return _Refused(1, 1, "file contains a character YAML does not accept", "remove it")
    line_start = text.rfind("\n", 0, found.start()) + 1
    return _Refused(text.count("\n", 0, found.start()) + 1, found.start() - line_start + 1,
                    f"file contains the control character U+{ord(found.group()):04X}",
                    "remove it; only printable text, tabs and line breaks are allowed")


def _position(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _at_tab(text: str, mark) -> bool:
    """True when YAML stopped at a tab. Wherever a tab breaks a file (before a key, a
    list item or a block scalar's line, after `-` or `?`), libyaml stops on the tab itself,
    but names it only in some places: elsewhere it reports a character that "cannot start
    any token", which sends a contributor looking for the wrong thing."""
    return mark is not None and text[mark.index:mark.index + 1] == "\t"


def _syntax_fix(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").lower()
    if "mapping values are not allowed" in problem:
        return "a value containing `: ` must be quoted, e.g. title: \"Questioning: wait time\""
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "every line of a mapping needs `field: value`; check the indentation above this line"
    if "found character" in problem and "cannot start any token" in problem:
        return "quote the value; text starting with @ or ` must be in quotes"
    if "unacceptable character" in problem or "special characters are not allowed" in problem:
        return "remove the control character; only printable text is allowed"
    return "check the indentation and quoting on this line and the one above"
