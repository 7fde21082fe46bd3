"""Read a protocol file into a :class:`Protocol`, or into positioned problems.

YAML is parsed into a node tree (never constructed into objects, so tags cannot
execute anything), converted to plain data while recording the line and column
of every key and value, and then validated: first the shape by pydantic, then
the cross-references by :mod:`kollegial.protocols.checks`. Every problem found
is reported at once, each at the node it comes from.
"""

from __future__ import annotations

import difflib
import functools
import gc
import re
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kollegial.errors import Problem, ProtocolInvalidError
from kollegial.i18n import Msg
from kollegial.protocols import checks
from kollegial.protocols.discovery import MAX_BYTES
from kollegial.protocols.model import Protocol, finalize, from_data, slugify
from kollegial.protocols.spec import Column, Group, Role, Scale, Statement, Step, Variant
from kollegial.protocols.spec import Protocol as ProtocolSpec
from kollegial.values import Record, record

__all__ = ["MAX_BYTES", "MAX_DEPTH", "load_bytes", "load_protocol", "load_text", "read_yaml"]

MAX_DEPTH = 64
"""Deeper nesting is refused before the node tree is built: libyaml's composer
recurses in C (60,000 ``[`` crash the process) and so does the reader here. The
bundled protocols nest less than 10 deep."""

# libyaml when available: validating a thousand files must take well under 2 s.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.SafeLoader("")  # only used to turn plain scalars into values

_YAML = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("int", "float", "bool", "null")}
_YAML11_BOOLS = {"yes", "no", "on", "off"}
_OCTAL = re.compile(r"^[-+]?0[0-7]+$")

Path_ = tuple[str | int, ...]


class Pos(NamedTuple):
    """A 1-based line and column. A tuple: one is made for every key and value
    of a file, and a 20,000-step file has 160,000 of them."""

    line: int
    column: int


@record
class Located(Record):
    """Plain data from a YAML file plus where each part of it stands."""

    data: Any = None
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def value_pos(self, path: Path_) -> Pos:
        """Where the value at ``path`` stands (or its nearest known parent)."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Pos(1, 1))

    def key_pos(self, path: Path_) -> Pos:
        """Where the key of the mapping entry at ``path`` stands."""
        return self.keys.get(path) or self.value_pos(path)


class _Stop(Exception):
    """Nesting went too deep: reading stops at once (the problem is recorded)."""


_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_NODE_EVENTS = (_MAP_START, _SEQ_START, _SCALAR, _ALIAS)
_STR, _INT, _MAP, _SEQ = (f"{_YAML}{name}" for name in ("str", "int", "map", "seq"))
# The safe loader's implicit resolvers, keyed by a scalar's first character;
# none is keyed by path or for any character (_plain_tag relies on it).
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = (
    _constructor.yaml_implicit_resolvers
)
assert None not in _RESOLVERS and not _constructor.yaml_path_resolvers


@functools.lru_cache(maxsize=1024)  # keys and short values repeat from step to step
def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar without one (PyYAML's ``Resolver.resolve``)."""
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


class _Builder:
    """Plain data and positions straight from the parser's events, in one pass.

    No node tree is composed first (a second pass over the whole file, issue
    16), so what the composer used to refuse is refused here, from the same
    events: every anchor and alias (a "billion laughs" is never expanded),
    nesting deeper than :data:`MAX_DEPTH` (reading stops there, before anything
    deeper is built, and without recursion beyond it), and the composer's own
    errors for a second document, an undefined alias or a repeated anchor,
    which count where the composer would have raised them.
    """

    def __init__(self, file: Path, text: str) -> None:
        self.file = file
        self.problems: list[Problem] = []  # what the data says, once it can be read
        self.refused: list[Problem] = []  # anchors, aliases, too deep: nothing is read
        self.composer_error: yaml.MarkedYAMLError | None = None
        self.located = Located()
        self._values = self.located.values
        self._keys = self.located.keys
        self._depth = 0
        self._watch = "&" in text or "*" in text  # anchors are looked for only if there can be one
        self._next: Any = None
        self._get: Any = None
        self._anchors: dict[str, Any] = {}  # the first document's, for the composer's errors
        self._first_document = True

    def build(self, text: str) -> Any:
        """Read the single document; the root's first event (None: no document).

        Raises:
            yaml.YAMLError: the parser's own, where it stopped.
            _Stop: nesting too deep (in :attr:`refused`).
            UnicodeEncodeError: ``text`` holds a lone surrogate.
        """
        loader = _Loader(text)
        self._next = loader.get_event
        self._get = get = self._watched if self._watch else loader.get_event
        try:
            get()  # stream start
            if type(get()) is yaml.StreamEndEvent:
                return None
            root = get()
            self.located.data = self._node(root, (), "")
            get()  # document end
            event = get()
            if type(event) is not yaml.StreamEndEvent:
                self._composer(
                    "expected a single document in the stream",
                    root.start_mark,
                    "but found another document",
                    event.start_mark,
                )
                self._first_document = False
                # The rest is parsed all the same: its anchors, depth and syntax count.
                while type(event) is not yaml.StreamEndEvent:
                    self._skip(event)
                    event = get()
            return root
        finally:
            loader.dispose()

    def _watched(self) -> Any:
        """The next event, noting an anchor or alias on it."""
        event = self._next()
        if type(event) in _NODE_EVENTS and event.anchor is not None:
            line, column = _mark(event.start_mark)
            self.refused.append(Problem(self.file, line, column, "err.anchor"))
            if self._first_document:
                self._composer_anchor(event)
        return event

    def _composer_anchor(self, event: Any) -> None:
        name = event.anchor
        if type(event) is _ALIAS:
            if name not in self._anchors:
                self._composer(None, None, f"found undefined alias {name!r}", event.start_mark)
        elif name in self._anchors:
            self._composer(
                f"found duplicate anchor {name!r}; first occurrence",
                self._anchors[name],
                "second occurrence",
                event.start_mark,
            )
        else:
            self._anchors[name] = event.start_mark

    def _composer(self, context: str | None, context_mark: Any, problem: str, mark: Any) -> None:
        """The composer's error, kept: it stands before any later syntax error."""
        if self.composer_error is None:
            self.composer_error = yaml.composer.ComposerError(context, context_mark, problem, mark)

    def _enter(self, event: Any) -> None:
        """One level deeper, at a collection's start; refused beyond MAX_DEPTH."""
        self._depth += 1
        if self._depth > MAX_DEPTH:
            line, column = _mark(event.start_mark)
            self.refused.append(
                Problem(self.file, line, column, "err.too_deep", {"limit": MAX_DEPTH})
            )
            raise _Stop

    def _skip(self, event: Any) -> None:
        """Read past the node that ``event`` starts, building nothing."""
        kind = type(event)
        if kind is not _MAP_START and kind is not _SEQ_START:
            return
        self._enter(event)
        level = self._depth - 1
        while self._depth > level:
            event = self._get()
            kind = type(event)
            if kind is _MAP_START or kind is _SEQ_START:
                self._enter(event)
            elif kind is _MAP_END or kind is _SEQ_END:
                self._depth -= 1

    def problem(self, pos: Pos, key: str, /, **params: object) -> None:
        self.problems.append(Problem(self.file, pos.line, pos.column, key, params))

    def _node(self, event: Any, path: Path_, key_name: str) -> Any:
        mark = event.start_mark
        pos = Pos(mark.line + 1, mark.column + 1)
        self._values[path] = pos
        kind = type(event)
        if kind is _SCALAR:
            tag = event.tag
            if tag is None or tag == "!":
                tag = _plain_tag(event.value) if event.implicit[0] else _STR
            if tag == _STR:
                return event.value
            if tag not in _ALLOWED_TAGS:
                self.problem(pos, "err.tag", tag=_short_tag(tag))
                return None
            if event.style:
                return event.value  # quoted text is always text
            return self._scalar(event.value, tag, pos, key_name)
        if kind is _ALIAS:
            return None  # refused already
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            self.problem(pos, "err.tag", tag=_short_tag(tag))
            self._skip(event)
            return None
        self._enter(event)
        if kind is _MAP_START:
            return self._mapping(path)
        items: list[Any] = []
        get = self._get
        event = get()
        while type(event) is not _SEQ_END:
            items.append(self._node(event, (*path, len(items)), ""))
            event = get()
        self._depth -= 1
        return items

    def _mapping(self, path: Path_) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        get = self._get
        while True:
            event = get()
            kind = type(event)
            if kind is _MAP_END:
                self._depth -= 1
                return out
            mark = event.start_mark
            kpos = Pos(mark.line + 1, mark.column + 1)
            if kind is not _SCALAR:
                if kind is not _ALIAS:  # (an alias is refused already)
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = _MAP if kind is _MAP_START else _SEQ
                    self.problem(kpos, "err.key_not_string", key=_short_tag(tag))
                self._skip(event)
                self._skip(get())
                continue
            key = raw = event.value
            tag = event.tag
            if tag is None or tag == "!":
                tag = _plain_tag(raw) if event.implicit[0] else _STR
            if tag != _STR:
                if tag not in _ALLOWED_TAGS:
                    self.problem(kpos, "err.key_not_string", key=_short_tag(tag))
                    self._skip(get())
                    continue
                if not event.style:
                    key = self._scalar(raw, tag, kpos, "")
                    if isinstance(key, float | bool) or key is None:
                        self.problem(kpos, "err.key_not_string", key=raw)
                        self._skip(get())
                        continue
            if key in first_line:
                self.problem(kpos, "err.duplicate_key", key=key, first_line=first_line[key])
                self._skip(get())
                continue
            first_line[key] = kpos.line
            key_path = (*path, key)
            self._keys[key_path] = kpos
            out[key] = self._node(get(), key_path, key if type(key) is str else str(key))

    def _scalar(self, raw: str, tag: str, pos: Pos, key_name: str) -> Any:
        """A plain scalar of an allowed tag other than text, as its value."""
        if tag == _INT and raw.isascii() and raw.isdigit() and (raw[0] != "0" or len(raw) == 1):
            return int(raw)  # the common case, which nothing below would flag
        if tag == f"{_YAML}timestamp":
            return raw  # a date is just text to us
        try:
            if tag not in _SCALAR_TAGS:
                raise ValueError(tag)  # `!!seq` or `!!map` on a plain value
            # The constructor function itself: construct_object would keep
            # every node in the module-wide constructor's cache.
            value = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, raw))
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, yaml.YAMLError):
            implicit = _constructor.resolve(yaml.ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
            if implicit == tag:
                return raw  # YAML 1.1 takes it for a number but it is none (`0x_`): text
            self.problem(pos, "err.tag_value", raw=raw, tag=_short_tag(tag))
            return None
        if tag == f"{_YAML}bool" and raw.lower() in _YAML11_BOOLS:
            self.problem(pos, "err.yaml11_bool", raw=raw, value=str(value).lower())
        elif tag in (_INT, f"{_YAML}float") and ":" in raw:
            self.problem(
                pos, "err.sexagesimal", raw=raw, value=value, hint=_time_hint(raw, key_name)
            )
        elif tag == _INT and _OCTAL.match(raw):
            self.problem(pos, "err.octal", raw=raw, value=value, hint=_octal_hint(raw, key_name))
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def _time_hint(raw: str, key: str) -> str:
    parts = raw.lstrip("+-").split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return f"{key or 'minutes'}: 10"
    # 10:30 was most likely meant as minutes and seconds; 1:00:00 as h:mm:ss.
    if len(numbers) == 2:
        minutes = numbers[0] + numbers[1] / 60
    else:
        minutes = numbers[0] * 60 + numbers[1] + sum(numbers[2:]) / 60
    return f"{key or 'minutes'}: {_number(minutes)}"


def _octal_hint(raw: str, key: str) -> str:
    stripped = raw.lstrip("+-0") or "0"
    return f"{key}: {stripped}" if key else stripped


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")


# --- messages from the parser, in the user's words ---

# Patterns match the messages of both libyaml and pure-Python PyYAML.
_PARSER_PROBLEMS = [
    (r"could not find expected ':'", "yaml.colon_missing"),
    (r"mapping values are not allowed", "yaml.colon_unexpected"),
    (r"expected <block end>, but found|did not find expected key", "yaml.indentation"),
    (r"did not find expected '-' indicator", "yaml.dash_indentation"),
    (r"block sequence entries are not allowed", "yaml.dash_unexpected"),
    (r"expected ',' or '\]'", "yaml.flow_list"),
    (r"expected ',' or '}'", "yaml.flow_mapping"),
    (r"did not find expected node content|expected the node content", "yaml.value_missing"),
    (r"found undefined alias", "yaml.undefined_alias"),
    (r"found unexpected end of stream", "yaml.unquoted_end"),
    (r"found character (.* )?that cannot start any token", "yaml.bad_start"),
    (r"expected alphabetic or numeric character", "yaml.anchor_name"),
    (r"found undefined tag handle", "yaml.tag_handle"),
    (r"found unknown escape character", "yaml.escape"),
]


def _parser_problem(text: str) -> Msg | str:
    """The parser's complaint as a catalog text; its own English words if unknown."""
    for pattern, key in _PARSER_PROBLEMS:
        if re.search(pattern, text):
            return Msg(key)
    return text


# --- entry points ---


def read_yaml(text: str, file: Path) -> tuple[Located | None, list[Problem]]:
    """Parse ``text`` into located plain data, or return the problems that stop it."""
    if "\t" in text:
        problems = [
            Problem(file, lineno, line.index("\t") + 1, "err.tab")
            for lineno, line in enumerate(text.splitlines(), start=1)
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))] and line.strip()
        ]
        if problems:
            return None, problems
    builder = _Builder(file, text)
    try:
        root = builder.build(text)
    except _Stop:  # nesting too deep: nothing deeper was read
        return None, builder.refused
    except UnicodeEncodeError as exc:  # a lone surrogate, which no file can hold
        line, col = _line_col(text, exc.start)
        return None, [Problem(file, line, col, "err.bad_character", {"code": ord(text[exc.start])})]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if "nesting depth" in str(getattr(exc, "problem", "")) and mark is not None:
            # libyaml's own limit (1,000 levels since 0.2.5), met while scanning ahead.
            return None, [
                Problem(file, mark.line + 1, mark.column + 1, "err.too_deep", {"limit": MAX_DEPTH})
            ]
        # The composer's error stood before the parser's (a composer stopped there).
        return None, _yaml_problems(builder.composer_error or exc, text, file)
    if builder.refused:
        # Aliases share one value between places; the data would not be what the
        # writer sees, so the file is not read further until they are written out.
        return None, builder.refused
    if builder.composer_error is not None:
        return None, _yaml_problems(builder.composer_error, text, file)
    if root is None:
        return None, [Problem(file, 1, 1, "err.empty")]
    if type(root) is not _MAP_START:
        line, column = _mark(root.start_mark)
        kind = "kind.list" if type(root) is _SEQ_START else "kind.scalar"
        return None, [Problem(file, line, column, "err.not_mapping", {"kind": Msg(kind)})]
    return builder.located, builder.problems


def _yaml_problems(exc: yaml.YAMLError, text: str, file: Path) -> list[Problem]:
    """What the parser (or the composer's rules) refused, where it stopped."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and not text[mark.index :].strip():
            # The parser ran to the end looking for a closing quote or bracket:
            # what is wrong is where it was opened.
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "expected a single document" in str(exc.context or ""):
            return [Problem(file, line, col, "err.multiple_documents")]
        problem = _parser_problem(str(exc.problem or exc))
        return [Problem(file, line, col, "err.yaml", {"problem": problem})]
    if isinstance(exc, yaml.reader.ReaderError):  # a control character
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml gives a byte offset, PyYAML a character index: find the character.
        line, col = _line_col(text, text.find(chr(code)))
        return [Problem(file, line, col, "err.bad_character", {"code": code})]
    line, col = _line_col(text, getattr(exc, "position", None))
    return [Problem(file, line, col, "err.yaml", {"problem": str(exc)})]


def _mark(mark: Any) -> tuple[int, int]:
    """A parser mark's 1-based line and column (1, 1 without one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _line_col(text: str, index: int | None) -> tuple[int, int]:
    if index is None or index < 0:
        return 1, 1
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def load_text(text: str, file: Path, default_id: str | None = None) -> Protocol:
    """Validate YAML text as a protocol.

    Raises:
        ProtocolInvalidError: with every problem found, each positioned.
    """
    # The collector paused: reading builds hundreds of thousands of objects that
    # all stay alive until the end, so every collection meanwhile walked them
    # again for nothing (40 % of the time of a 20,000-step file). They hold no
    # cycles (aliases are refused) and are freed by reference counts.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_text(text, file, default_id)
    finally:
        if paused:
            gc.enable()


def _load_text(text: str, file: Path, default_id: str | None) -> Protocol:
    located, problems = read_yaml(text, file)
    if located is None:
        raise ProtocolInvalidError(file, problems)
    try:
        spec = ProtocolSpec.model_validate(located.data)
    except ValidationError as exc:
        # A value the reader already flagged (`no`, `10:00`) was misread; saying
        # that its misreading has the wrong type too would only confuse.
        flagged = {(p.line, p.column) for p in problems}
        problems += [
            p for p in _schema_problems(exc, located, file) if (p.line, p.column) not in flagged
        ]
        raise ProtocolInvalidError(file, _sorted(problems)) from None
    protocol = from_data(spec.model_dump(by_alias=True))
    problems += checks.check(protocol, located, file)
    if problems:
        raise ProtocolInvalidError(file, _sorted(problems))
    return finalize(protocol, default_id or slugify(file.stem))


def load_protocol(path: Path) -> Protocol:
    """Read and validate the protocol file at ``path``.

    Raises:
        ProtocolInvalidError: the file is missing, unreadable or invalid.
    """
    return load_text(read_protocol_text(path), path, slugify(path.stem))


def load_bytes(data: bytes, path: Path) -> Protocol:
    """Validate the bytes read from ``path`` as a protocol (they are read only once)."""
    return load_text(decode_protocol(data, path), path, slugify(path.stem))


def read_protocol_text(path: Path) -> str:
    """The text of a protocol file, refusing what cannot be a protocol before parsing."""

    def fail(key: str, line: int = 1, column: int = 1, **params: object) -> ProtocolInvalidError:
        return ProtocolInvalidError(path, [Problem(path, line, column, key, params)])

    from kollegial.readfile import FileRefused, read_bytes

    try:
        data = read_bytes(path, MAX_BYTES)
    except FileRefused as exc:
        raise ProtocolInvalidError(path, [Problem(path, 1, 1, exc.key, exc.params)]) from None
    except FileNotFoundError:
        raise fail("err.file_missing") from None
    except OSError as exc:
        raise fail("err.file_unreadable", reason=exc.strerror or exc.__class__.__name__) from None
    return decode_protocol(data, path)


def decode_protocol(data: bytes, path: Path) -> str:
    """The text of a protocol file's bytes; a positioned problem when they are not UTF-8."""

    def fail(key: str, line: int = 1, column: int = 1, **params: object) -> ProtocolInvalidError:
        return ProtocolInvalidError(path, [Problem(path, line, column, key, params)])

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = len(data[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise fail("err.not_utf8", line, col, byte=data[exc.start]) from None
    return text.removeprefix("\ufeff")


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    unique = {(p.line, p.column, p.key, repr(sorted(p.params.items()))): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column))


# --- pydantic errors -> problems ---

_MODEL_BY_LIST: dict[str, type[BaseModel]] = {
    "steps": Step,
    "roles": Role,
    "columns": Column,
    "groups": Group,
    "statements": Statement,
}
_WHERE: dict[type[BaseModel], str] = {
    ProtocolSpec: "where.protocol",
    Variant: "where.variant",
    Step: "where.step",
    Role: "where.role",
    Column: "where.column",
    Group: "where.group",
    Statement: "where.statement",
    Scale: "where.protocol",
}


def _model_at(path: Path_) -> type[BaseModel]:
    if not path:
        return ProtocolSpec
    if path[-1] == "scale":
        return Scale
    if len(path) >= 2 and path[-2] == "variants":
        return Variant
    if len(path) >= 2 and isinstance(path[-1], int) and isinstance(path[-2], str):
        return _MODEL_BY_LIST.get(path[-2], ProtocolSpec)
    return ProtocolSpec


def _data_path(loc: tuple[str | int, ...], data: Any) -> tuple[Path_, int]:
    """The part of pydantic's ``loc`` that exists in the data, and where it stopped.

    Union members add segments such as ``"literal['all']"`` that are not in the
    data; they are skipped.
    """
    path: list[str | int] = []
    node = data
    skipped_at = -1
    for seg in loc:
        present = (isinstance(node, dict) and seg in node) or (
            isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)
        )
        if present:
            node = node[seg]
            path.append(seg)
        elif isinstance(node, dict) and not isinstance(seg, int) and skipped_at < 0:
            # A key the data lacks (a missing field) or a union tag.
            if _is_union_tag(seg):
                skipped_at = len(path)
                continue
            path.append(seg)
            node = None
        else:
            if skipped_at < 0:
                skipped_at = len(path)
    return tuple(path), skipped_at


def _is_union_tag(seg: str | int) -> bool:
    return isinstance(seg, str) and bool(re.search(r"[\[\]-]|^[A-Z]|^(str|bool|int|float)$", seg))


def _schema_problems(exc: ValidationError, located: Located, file: Path) -> list[Problem]:
    data = located.data
    # Errors from the branches of one union are grouped; the branch that got
    # furthest into the data is the one the writer meant.
    best: dict[Path_, tuple[int, list[ErrorDetails]]] = {}
    plain: list[tuple[Path_, ErrorDetails]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        path, union_at = _data_path(loc, data)
        if union_at < 0 and not any(_is_union_tag(s) for s in loc):
            plain.append((path, err))
            continue
        anchor = path[: union_at if union_at >= 0 else len(path)]
        depth = len(path)
        kept = best.get(anchor)
        if kept is None or depth > kept[0]:
            best[anchor] = (depth, [err])
        elif depth == kept[0]:
            kept[1].append(err)
    problems = [_problem(path, err, located, file) for path, err in plain]
    for anchor, (depth, errs) in best.items():
        path, _ = _data_path(tuple(errs[0]["loc"]), data)
        if depth == len(anchor) and len(errs) > 1:
            problems.append(_union_problem(anchor, errs, located, file))
        else:
            problems += [
                _problem(_data_path(tuple(e["loc"]), data)[0], e, located, file) for e in errs
            ]
    return problems


def _union_problem(path: Path_, errs: list[ErrorDetails], located: Located, file: Path) -> Problem:
    pos = located.value_pos(path)
    name = path[-1] if path else ""
    if name == "notes":
        key = "err.notes_value"
    elif name == "groups":
        key = "err.groups_value"
    elif isinstance(name, int) and len(path) >= 2 and path[-2] == "statements":
        key = "err.type_string"
    else:
        return _problem(path, errs[0], located, file)
    return Problem(file, pos.line, pos.column, key, {})


def _problem(path: Path_, err: ErrorDetails, located: Located, file: Path) -> Problem:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    name = next((str(s) for s in reversed(path) if isinstance(s, str)), "")
    pos = located.value_pos(path)

    def p(key: str, where: Pos = pos, /, **params: object) -> Problem:
        return Problem(file, where.line, where.column, key, params)

    if kind == "missing":
        parent = path[:-1]
        model = _model_at(parent)
        return p("err.missing", located.value_pos(parent), key=name, where=Msg(_WHERE[model]))
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = [f.alias or name for name, f in model.model_fields.items()]
        near = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        suggestion = Msg("err.suggest", near=near[0]) if near else ""
        return p(
            "err.unknown_key",
            located.key_pos(path),
            key=path[-1],
            suggestion=suggestion,
            allowed=", ".join(allowed),
        )
    if kind == "invalid_key":  # a number as a key where only words are known
        return p("err.key_not_string", located.key_pos(path), key=got)
    if kind in ("string_type",):
        return p("err.type_string")
    if kind in ("float_type", "float_parsing"):
        return p("err.type_number", got=_show(got))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return p("err.type_int", got=_show(got))
    if kind == "greater_than":
        return p("err.positive", key=name, got=_show(got))
    if kind == "greater_than_equal":
        return p("err.at_least", key=name, least=ctx.get("ge"), got=_show(got))
    if kind == "less_than_equal":
        most = ctx.get("le")
        most = _number(most) if isinstance(most, int | float) else most
        in_variant = len(path) >= 2 and path[-2] == "minutes"  # variants: {v: {minutes: {id: n}}}
        if name in ("minutes", "minutes_per_person") or in_variant:
            return p("err.at_most_minutes", key=name, most=most, got=_show(got))
        return p("err.at_most", key=name, most=most, got=_show(got))
    if kind == "finite_number":
        return p("err.finite")
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return p("err.choice", key=name, got=_show(got), choices=choices)
    if kind == "string_pattern_mismatch":
        return p("err.bad_id", got=got, hint=slugify(str(got)))
    if kind == "list_type":
        return p("err.type_list")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return p("err.type_mapping")
    if kind == "bool_type":
        return p("err.type_bool")
    if kind == "too_short":
        return p("err.empty_list", key=name)
    if kind == "string_too_short":
        return p("err.empty_text", key=name)
    return p("err.invalid", detail=err.get("msg", kind))


def _show(value: object) -> object:
    if value is None:
        return Msg("kind.nothing")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return Msg("kind.mapping")
    if isinstance(value, list):
        return Msg("kind.list")
    return str(value)
