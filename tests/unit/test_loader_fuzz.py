"""Whatever reaches the loader, it returns a Protocol or raises positioned problems.

Two properties, 1,000 examples each: (a) arbitrary text and bytes, and text
made of YAML's special characters; (b) YAML documents built from recursive
strategies, both shapeless trees and dicts shaped like protocols, with keys from
the real key set (and typos of them) and values that include YAML 1.1 traps,
tags, anchors and aliases, written out in block style, flow style or by PyYAML.
Every problem must sit at line >= 1 and column >= 1 within the text and render
in both languages.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kollegial.errors import ProtocolInvalidError
from kollegial.protocols import spec
from kollegial.protocols.loader import load_protocol, load_text
from kollegial.protocols.model import Mode, Protocol
from kollegial.protocols.spec import Column, Group, Role, Scale, Statement, Step

# A thousand generated documents per test.
pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    # The autouse fixture only pins the language and home folder; nothing in
    # it needs resetting between examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FILE = Path("fuzz.yaml")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One file that the bytes examples are written to in turn."""
    with tempfile.TemporaryDirectory(prefix="kollegial-fuzz-") as folder:
        yield Path(folder) / "fuzz.yaml"


def assert_loads_or_explains(load: Callable[[], Protocol], text: str, file: Path) -> None:
    """``load()`` returns a Protocol, or raises problems that are positioned and render."""
    try:
        protocol = load()
    except ProtocolInvalidError as exc:
        assert exc.problems
        # How far examples get; see `pytest --hypothesis-show-statistics`.
        event("first problem", exc.problems[0].key)
        # Generous upper bound: splitlines knows more line breaks than YAML does.
        last_line = len(text.splitlines()) + 1
        for problem in exc.problems:
            assert problem.file == file
            assert 1 <= problem.line <= last_line, problem
            assert problem.column >= 1, problem
            for lang in ("sv", "en"):
                assert problem.message(lang).strip()
                assert problem.render(lang).startswith(f"{file}:{problem.line}:{problem.column}: ")
        exc.render("sv")
        exc.render("en")
    else:
        assert isinstance(protocol, Protocol)
        event("first problem", "none: a valid protocol")


# --- (a) text and bytes ---

# YAML's indicators, line breaks YAML 1.1 knows (NEL, LS) and a byte-order mark.
YAML_CHARS = (
    " \t\n\r:-?,[]{}#&*!|>'\"%@`.~\\=<0123456789abcdefghijklmnopqrstuvwxyzåäöÅÄÖ\x85\u2028\ufeff"
)
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates included

texts = st.one_of(
    st.text(),
    st.text(alphabet=ANY_CHAR, max_size=40),
    st.text(alphabet=YAML_CHARS, max_size=200),
    st.lists(
        st.sampled_from(
            ["title: T\n", "steps:\n", "  - title: A\n", "    mode: info\n", "    minutes: 5\n"]
        )
        | st.text(alphabet=YAML_CHARS, max_size=12),
        max_size=12,
    ).map("".join),
)


@st.composite
def spliced(draw: st.DrawFn) -> bytes:
    """Mostly-YAML text as UTF-8 with a few arbitrary bytes put in somewhere."""
    data = draw(texts).encode("utf-8", "surrogatepass")
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]


blobs = st.one_of(st.binary(max_size=200), spliced())


@FUZZ
@given(st.one_of(texts, blobs))
def test_any_text_or_bytes(scratch: Path, data: str | bytes) -> None:
    """(a) Arbitrary text through ``load_text``, arbitrary bytes through a real file."""
    if isinstance(data, str):
        assert_loads_or_explains(lambda: load_text(data, FILE), data, FILE)
    else:
        scratch.write_bytes(data)
        text = data.decode("utf-8", "replace")
        assert_loads_or_explains(lambda: load_protocol(scratch), text, scratch)


# --- (b) YAML documents ---


class Raw(str):
    """A scalar written into the YAML as it is, unquoted: `no`, `10:00`, `&a x`, `!tag`."""


# fmt: off
RAW = st.sampled_from([
    # YAML 1.1 reads these as booleans, null, numbers in base 60, 8 or 16, dates
    "no", "yes", "on", "off", "y", "n", "true", "false", "~", "null", "",
    "10:00", "1:30", "-1:30", "1:00:00", "010", "-07", "0x10", "0o17", "+5", "0", "-5",
    "0.5", "1e3", ".nan", ".inf", "-.inf", "2024-01-01", "2024-01-01 10:00:00",
    # ... or try to and fail
    "2024-13-45", "0x_", "0b_", "._",
    # quoting and block scalars
    "'quoted'", '"dq"', "'it''s'", "|\n  block", ">-\n  folded",
    # tags: allowed ones with bad values, forbidden ones
    "!!str 5", "!!int x", "!!float 1", "!!bool maybe", "!!null x", "!!seq x", "!!map x",
    "!!timestamp x", "!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "!<tag:yaml.org,2002:str> x",
    "!!python/name:os.system", "!!python/object/apply:os.getcwd []", "!include x.yaml",
    # anchors, aliases and characters that cannot start a plain scalar
    "&a v", "*a", "&b [1]", "*b", "@x", "`x", "%x", "a: b", "- x", "# c", "[", "}",
    # words of the format
    "Tänk tyst", "../../etc", "behov", "horn", "all", "ratings", "group", "once",
    "until-all-pass", "info", "silent", "round", "discussion", "rate", "decision",
]).map(Raw)
# fmt: on
# Valid ids that the references below use; invalid ones come from RAW.
IDS = st.sampled_from(["a", "b", "behov", "gor-sager", "horn", "samtalsledare", "tidshallare"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)
TITLE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Z")), min_size=1, max_size=12
)
_SCALARS = st.one_of(
    RAW,
    IDS,
    TEXT,
    st.integers(min_value=-5, max_value=700),
    st.floats(),
    st.booleans(),
    st.none(),
)


@st.composite
def scalars(draw: st.DrawFn) -> Any:
    """Any leaf; a named strategy keeps failure reports short."""
    return draw(_SCALARS)


SCALARS = scalars()


def _typos(keys: list[str]) -> list[str]:
    return keys + [k[:-1] for k in keys if len(k) > 2] + [k + "s" for k in keys] + ["x", "1"]


TOP_KEYS = _typos([f.alias or k for k, f in spec.Protocol.model_fields.items()])
STEP_KEYS = _typos([f.alias or k for k, f in Step.model_fields.items()])
ALL_KEYS = sorted(
    set(TOP_KEYS)
    | set(STEP_KEYS)
    | {k for m in (Role, Column, Scale, Group, Statement) for k in m.model_fields}
)


@st.composite
def mostly(draw: st.DrawFn, good: st.SearchStrategy[Any]) -> Any:
    """A value from ``good`` 19 times in 20, any leaf otherwise."""
    return draw(SCALARS) if draw(st.integers(0, 19)) == 0 else draw(good)


@st.composite
def shaped(
    draw: st.DrawFn,
    fixed: dict[str, st.SearchStrategy[Any]],
    optional: dict[str, st.SearchStrategy[Any]],
    extra: list[str],
) -> dict[Any, Any]:
    """A dict with its required keys (rarely one missing), some optional ones, some noise."""
    out = {key: draw(s) for key, s in fixed.items() if draw(st.integers(0, 19)) > 0}
    out |= {key: draw(s) for key, s in optional.items() if draw(st.integers(0, 4)) == 0}
    if draw(st.integers(0, 9)) == 0:
        out[draw(st.sampled_from(extra))] = draw(SCALARS)
    return out


MODES = st.sampled_from([m.value for m in Mode])
TITLES = mostly(st.sampled_from(["Samtal", "Tänk tyst", "Värdera", "Hörn"]) | TITLE_TEXT)
MINUTES = mostly(st.integers(1, 30) | st.floats(0.1, 30))


def _step(children: st.SearchStrategy[Any] | None) -> st.SearchStrategy[Any]:
    return shaped(
        {"title": TITLES, "mode": mostly(MODES)},
        {
            "id": IDS,
            "minutes": MINUTES,
            "prompt": SCALARS,
            "notes": mostly(st.sampled_from([True, "behov", "gor-sager"])),
            "appoint": mostly(st.sampled_from(["samtalsledare", "tidshallare"])),
            "round": mostly(st.sampled_from(["once", "until-all-pass"])),
            "turn_seconds": MINUTES,
            "groups": mostly(st.just("all") | st.lists(IDS, max_size=3)),
            "show": mostly(st.just("ratings")),
            "decision": SCALARS,
            "for_each": mostly(st.just("group")),
            **({} if children is None else {"steps": st.lists(children, max_size=3)}),
        },
        STEP_KEYS,
    )


STEPS = st.recursive(_step(None), _step, max_leaves=6)
NAMED = shaped({"id": IDS, "title": TITLES}, {"description": SCALARS}, ALL_KEYS)
STATEMENT = mostly(shaped({"text": TITLES}, {"id": IDS}, ALL_KEYS))
GROUP = shaped(
    {"id": IDS, "title": TITLES, "statements": mostly(st.lists(STATEMENT, max_size=3))},
    {},
    ALL_KEYS,
)
SCALE = mostly(
    shaped(
        {},
        {
            "min": mostly(st.integers(0, 5)),
            "max": mostly(st.integers(0, 5)),
            "labels": mostly(st.dictionaries(st.integers(-1, 6) | RAW, TITLES, max_size=3)),
        },
        ALL_KEYS,
    )
)
PROTOCOLS = shaped(
    {"title": TITLES, "steps": mostly(st.lists(STEPS, min_size=1, max_size=4))},
    {
        "id": IDS,
        "summary": SCALARS,
        "language": mostly(st.just("sv")),
        "source": SCALARS,
        "roles": mostly(st.lists(NAMED, max_size=3)),
        "columns": mostly(st.lists(NAMED, max_size=3)),
        "scale": SCALE,
        "groups": mostly(st.lists(GROUP, max_size=3)),
    },
    TOP_KEYS,
)
_TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(ALL_KEYS), RAW, st.text(max_size=5), st.integers()),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@st.composite
def trees(draw: st.DrawFn) -> Any:
    """Any nesting of lists, dicts and leaves."""
    return draw(_TREES)


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)  # numbers, true/false/null; NaN and Infinity read as text


def _key(value: Any) -> str:
    plain = isinstance(value, Raw) or (isinstance(value, str) and value.isidentifier())
    return value if plain else _scalar(value)


def block(node: Any, indent: int = 0) -> str:
    """Block style by hand, so raw scalars can stand anywhere."""
    pad = " " * indent
    if isinstance(node, dict):
        if not node:
            return " {}"
        return "".join(f"\n{pad}{_key(k)}:{block(v, indent + 2)}" for k, v in node.items())
    if isinstance(node, list):
        if not node:
            return " []"
        return "".join(f"\n{pad}-{block(v, indent + 2)}" for v in node)
    return " " + _scalar(node).replace("\n", "\n" + pad)


def flow(node: Any) -> str:
    """Flow style by hand: ``{key: value, ...}`` and ``[a, b]``."""
    if isinstance(node, dict):
        return "{" + ", ".join(f"{_key(k)}: {flow(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(flow(v) for v in node) + "]"
    return _scalar(node)


def dump(node: Any) -> str:
    """PyYAML's own block style, raw scalars turned into plain text."""

    def plain(n: Any) -> Any:
        if isinstance(n, dict):
            return {plain(k): plain(v) for k, v in n.items()}
        if isinstance(n, list):
            return [plain(v) for v in n]
        return str(n) if isinstance(n, Raw) else n

    return yaml.safe_dump(plain(node), allow_unicode=True, sort_keys=False)


WRITERS = {"block": lambda n: block(n).lstrip("\n"), "flow": flow, "dump": dump}


@FUZZ
@given(st.one_of(PROTOCOLS, PROTOCOLS, trees()), st.sampled_from(sorted(WRITERS)))
def test_any_yaml_document(document: Any, style: str) -> None:
    """(b) Protocol-shaped and shapeless documents, in three styles of YAML."""
    text = WRITERS[style](document)
    assert_loads_or_explains(lambda: load_text(text, FILE), text, FILE)
