"""A meeting as a markdown document: the minutes a team keeps and shares.

Everything people typed and everything a protocol file says is escaped on its
way in (:func:`escape_text`, :func:`escape_line`, :func:`escape_cell`): a note
can neither start a heading, a list or a table, nor carry HTML, nor end the
list item it stands in. The escaping is minimal, because the file is also
pasted as plain text into Word or Google Docs, where every backslash shows: a
backslash goes only where CommonMark or GFM would otherwise read markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from itertools import product

from kollegial.export.anonymize import Names
from kollegial.export.facts import StepState, furthest_step, step_state
from kollegial.i18n import Lang, decimal, get_language, t
from kollegial.protocols.model import MODE_KEYS, Protocol
from kollegial.session import events as ev
from kollegial.session.plan import PlanStep
from kollegial.session.ratings import GroupStats
from kollegial.session.session import Note, Session, StepReport

# --- escaping ---

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029]")
# Bidirectional overrides can make text read differently from what it is.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Line starts that open a block in CommonMark or GFM: an ATX heading, a block
# quote, a code fence, a bullet or ordered list item, a setext underline or
# thematic break, a table's delimiter row. Their first character (or the
# number's delimiter) gets the backslash.
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_FENCE = re.compile(r"(?:`{3,}|~{3,})")
_BULLET = re.compile(r"[-+*](?:\s|$)")
_ORDERED = re.compile(r"(\d{1,9})([.)])(?:\s|$)")
_RULE = re.compile(r"(?:=+|-+|([-*_])(?:\s*\1){2,})\s*$")
_DELIMITER_ROW = re.compile(r"[|:\-\s]*-[|:\-\s]*$")
# What follows `<` in a tag, a comment, a processing instruction or an autolink.
_TAG_START = re.compile(r"[A-Za-z/!?]")
# What follows `&` in an entity or a numeric character reference.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def _visible_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        # C0 controls (ESC of an ANSI sequence among them) become their Unicode
        # control pictures: ESC shows as U+241B, NUL as U+2400.
        table[code] = chr(0x2400 + code)
    table[ord("\n")] = "\n"
    table[ord("\t")] = " "
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = f"⟨U+{code:04X}⟩"
    for char in _BIDI:
        table[ord(char)] = f"⟨U+{ord(char):04X}⟩"
    # Lone surrogates (possible from a JSON \ud800 escape) cannot be written as UTF-8.
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    return table


_VISIBLE = _visible_table()


def visible(text: str) -> str:
    """``text`` with every line ending as ``\\n`` and every control character made visible.

    Args:
        text: Any text.

    Returns:
        The text with CR/LF variants normalized to ``\\n``, tabs as spaces, C0
        controls as Unicode control pictures (ESC as ␛), C1 and bidirectional
        controls as ``⟨U+XXXX⟩``, lone surrogates as U+FFFD.
    """
    return _NEWLINES.sub("\n", text).translate(_VISIBLE)


def _space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Zs"


def _punct(char: str, symbols: bool) -> bool:
    # CommonMark 0.31 counts Unicode symbols (S*) as punctuation, older
    # renderers only P*: both are asked, so a run inert in one is inert in all.
    if char in _ASCII_PUNCT:
        return True
    category = unicodedata.category(char)
    return category.startswith("P") or (symbols and category.startswith("S"))


def _may_pair(char: str, before: str, after: str) -> bool:
    """Whether a run of ``*``, ``_`` or ``~`` between ``before`` and ``after`` can open or close.

    The delimiter-run rules of CommonMark: a run neither left- nor
    right-flanking (``2 * 3``), and an ``_`` inside a word
    (``kollegialt_larande``), stay text in every renderer.
    """
    # Where the text ends, what the document puts beside it is not known here:
    # it is taken to be white space and punctuation in turn.
    for prev, nxt, symbols in product(before or " !", after or " !", (False, True)):
        prev_space, next_space = _space(prev), _space(nxt)
        prev_punct, next_punct = _punct(prev, symbols), _punct(nxt, symbols)
        left = not next_space and (not next_punct or prev_space or prev_punct)
        right = not prev_space and (not prev_punct or next_space or next_punct)
        if char == "_":
            opens = left and (not right or prev_punct)
            closes = right and (not left or next_punct)
        else:
            opens, closes = left, right
        if opens or closes:
            return True
    return False


def _block_start(line: str) -> int | None:
    """Where the backslash goes so that ``line`` opens no block; None when it opens none."""
    if line.startswith(">") or _HEADING.match(line) or _FENCE.match(line):
        return 0
    if _BULLET.match(line) or _RULE.match(line):
        return 0
    if "|" in line and _DELIMITER_ROW.match(line):
        return 0
    ordered = _ORDERED.match(line)
    if ordered:
        return ordered.end(1)
    return None


_MAYBE_MARKUP = re.compile(r"[*_~`\\<&\]]")
"""The characters that can be markup inside a line: delimiters, `, \\, <, & and ]."""


def _escape_line(line: str, *, start: bool, after: str = "") -> str:
    """One stripped line with a backslash exactly where a character would be markup.

    Args:
        line: The line, without leading or trailing white space.
        start: The line starts a block or continues a paragraph on a new line,
            so a ``#``, ``>``, ``-``, ``1.`` ... in front would open a block.
        after: The character that will follow the line in the document (a
            hard break's spaces, a table cell's); the end of the line when empty.
    """
    marks: set[int] = set()
    if start:
        at = _block_start(line)
        if at is not None:
            # A run of delimiters is escaped whole: what stayed of it could pair.
            run = len(line) - len(line.lstrip(line[0])) if line[0] in "*_~" else 1
            marks.update(range(at, at + run))
        if line.startswith("["):  # a link reference definition
            marks.add(0)
    n = len(line)
    done = 0  # a delimiter run is judged whole: its later characters are skipped
    # Only the characters _may_pair and _is_markup judge can be markup here:
    # visiting just those keeps a long note from costing a call per letter.
    for found in _MAYBE_MARKUP.finditer(line):
        i = found.start()
        if i < done:
            continue
        char = line[i]
        if char in "*_~":
            end = i
            while end < n and line[end] == char:
                end += 1
            # GitHub strikes through between single tildes too (markdown-it needs two).
            if _may_pair(char, line[i - 1] if i else "", line[end] if end < n else after):
                marks.update(range(i, end))
            done = end
            continue
        nxt = line[i + 1] if i + 1 < n else after
        if _is_markup(char, nxt, line, i):
            marks.add(i)
    if not marks:
        return line
    pieces: list[str] = []
    last = 0
    for at in sorted(marks):  # a backslash before each marked character
        pieces += (line[last:at], "\\")
        last = at
    pieces.append(line[last:])
    return "".join(pieces)


def _is_markup(char: str, nxt: str, line: str, i: int) -> bool:
    """Whether ``char`` at ``line[i]``, followed by ``nxt``, would be read as markup."""
    if char == "`":
        # A backtick pairs with one anywhere else in the paragraph, the text
        # around this one included: every one is escaped.
        return True
    if char == "\\":
        # Before punctuation a backslash escapes it; at the end of a line it
        # breaks the line (or, before a hard break's spaces, upsets it).
        return i == len(line) - 1 or nxt in _ASCII_PUNCT
    if char == "<":
        return bool(_TAG_START.match(nxt))
    if char == "&":
        return bool(_ENTITY.match(line, i))
    # `](` ends a link's text and starts its address.
    return char == "]" and nxt == "("


def _paragraphs(text: str) -> list[list[str]]:
    # Leading spaces would make an indented code block: every line is stripped.
    # A blank line (or several) separates paragraphs.
    out = []
    for block in _PARAGRAPHS.split(visible(text)):
        lines = [stripped for line in block.split("\n") if (stripped := line.strip())]
        if lines:
            out.append(lines)
    return out


def _escape_paragraph(lines: list[str], indent: str, start: bool) -> str:
    # Lines are joined by hard breaks written as two spaces at the end of the
    # line: a backslash (the other way) would show when pasted as plain text.
    last = len(lines) - 1
    return ("  \n" + indent).join(
        _escape_line(line, start=start or i > 0, after="" if i == last else " ")
        for i, line in enumerate(lines)
    )


def escape_text(text: str, indent: str = "", *, start: bool = True) -> str:
    """``text`` as markdown that renders as exactly what was typed, and reads as typed.

    A backslash goes only where a character would otherwise be markup in
    CommonMark or GFM: a ``#``, ``>``, ``-``, ``1.``, ``|---|`` ... that would
    open a block at the start of a line; ``*``, ``_`` or ``~~`` that could open
    or close emphasis; every backtick; ``<`` that would open a tag or an
    autolink; ``&`` that would form an entity; ``](`` of a link; a backslash
    before punctuation or at the end of a line. ``!``, a ``-`` or ``_`` inside
    a word, a ``.`` after a word, and URLs stay as they are. Control
    characters are made visible. Lines of a paragraph are joined by hard line
    breaks (two spaces at the end of the line, invisible when pasted as plain
    text); a blank line starts a new paragraph. Each continuation line is
    prefixed with ``indent`` so that it stays inside its container (``"  "``
    in a ``- `` list item, ``"> "`` in a block quote).

    Args:
        text: User or protocol text, possibly hostile.
        indent: What each continuation line starts with.
        start: The text starts a block (a list item's first words, a
            paragraph of its own); False when it follows a label on its line.

    Returns:
        The escaped text; empty if ``text`` holds only whitespace.
    """
    blank = "\n" + indent.rstrip() + "\n" + indent
    return blank.join(
        _escape_paragraph(lines, indent, start or i > 0)
        for i, lines in enumerate(_paragraphs(text))
    )


def escape_line(text: str, *, start: bool = True) -> str:
    """``text`` escaped as :func:`escape_text`, on one line: a heading, a label, a list item.

    Line breaks and blank lines become spaces.

    Args:
        text: User or protocol text, possibly hostile.
        start: The text starts its line's block (``- {text}``); False after a
            label or a heading's ``#``.

    Returns:
        The escaped text on a single line.
    """
    lines = [line for paragraph in _paragraphs(text) for line in paragraph]
    return _escape_line(" ".join(lines), start=start)


def escape_cell(text: str) -> str:
    """``text`` escaped for a table cell: one line, with ``|`` escaped too.

    Args:
        text: User or protocol text, possibly hostile.

    Returns:
        The escaped text on a single line.
    """
    return escape_line(text, start=False).replace("|", "\\|")


def escape_heading(text: str) -> str:
    """``text`` escaped to follow an ATX heading's ``#``: one line, a trailing `` #`` kept."""
    return _keep_closing_hashes(escape_line(text, start=False))


def _keep_closing_hashes(text: str) -> str:
    """An escaped heading's text with a trailing `` #`` kept (a heading would drop it)."""
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped.endswith(" ")):
        return stripped + "\\" + text[len(stripped) :]
    return text


# --- numbers and times ---


def _minutes(seconds: float, lang: Lang, *, signed: bool = False) -> str:
    """Minutes to one decimal, without a trailing zero: ``5``, ``6,5``."""
    text = decimal(seconds / 60, lang)
    text = text.removesuffix(",0").removesuffix(".0")
    if signed and not text.startswith("-"):
        text = "+" + text
    return text


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def _date(at: datetime) -> str:
    return at.strftime("%Y-%m-%d")


# --- the document ---


class _Document:
    """Collects the blocks of the document; blocks are separated by one blank line."""

    def __init__(self, session: Session, names: Names, lang: Lang) -> None:
        self.session = session
        self.protocol: Protocol = session.protocol
        self.names = names
        self.lang: Lang = lang
        self.blocks: list[str] = []
        self.furthest = 0

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def add(self, *blocks: str) -> None:
        self.blocks.extend(b for b in blocks if b)

    def heading(self, level: int, text: str) -> None:
        """A heading; ``text`` is already escaped (a closing `` #`` is kept as text here)."""
        self.add(f"{'#' * level} {_keep_closing_hashes(text)}")

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"

    # --- sections ---

    def header(self, reports: list[StepReport]) -> None:
        s = self.session
        self.heading(1, escape_line(self.protocol.title, start=False))
        items: list[str] = []
        if s.started_at is not None:
            items.append(f"**{self.t('export.date')}:** {_date(s.started_at)}")
            if s.ended and s.ended_at is not None:
                end = _clock(s.ended_at)
                if _date(s.ended_at) != _date(s.started_at):
                    end = f"{_date(s.ended_at)} {end}"
                span = f"{_clock(s.started_at)}–{end}"
            else:
                span = f"{_clock(s.started_at)}– ({self.t('export.in_progress')})"
            items.append(f"**{self.t('export.time')}:** {span}")
        planned = _minutes(s.plan.planned_seconds, self.lang)
        used = _minutes(sum(r.used for r in reports), self.lang)
        total = self.t("export.total", planned=planned, used=used)
        items.append(f"**{self.t('export.duration')}:** {total}")
        if self.protocol.id:
            items.append(
                f"**{self.t('export.protocol')}:** {escape_line(self.protocol.id, start=False)}"
            )
        if s.focus:
            focus = escape_text(self.names.text(s.focus), "  ", start=False)
            items.append(f"**{self.t('export.focus')}:** {focus}")
        self.add("\n".join(f"- {item}" for item in items))

    def decisions(self) -> None:
        s = self.session
        if not s.decisions:
            return
        self.heading(2, self.t("export.decisions"))
        items = []
        for index in sorted(s.decisions):
            step = s.plan[index]
            where = self.t("export.decision_at", number=index + 1)
            items.append(
                f"- **{self._decision_label(step)}** ({where}): "
                f"{escape_text(self.names.text(s.decisions[index]), '  ', start=False)}"
            )
        self.add("\n".join(items))

    def roles(self) -> None:
        if not self.protocol.roles:
            return
        self.heading(2, self.t("export.roles"))
        items = []
        for role in self.protocol.roles:
            name = self.session.roles.get(role.id)
            if name is None:
                shown = f"*{self.t('export.not_appointed')}*"
            elif not self.names.roles_shown:
                shown = self.t("export.role_withheld")
            else:
                shown = escape_line(self.names(name), start=False)
            items.append(f"- **{escape_line(role.title, start=False)}:** {shown}")
        self.add("\n".join(items))

    def participants(self) -> None:
        s = self.session
        late = {e.name for e in s.events if isinstance(e, ev.ParticipantAdded) and e.late}
        self.heading(2, self.t("export.participants"))
        items = []
        for name in self.names.ordered(s.participants):
            marks = []
            if self.names.anonymize:
                pass  # who came late or left early would tell who a number is
            elif name in late:
                marks.append(self.t("export.joined_late"))
            if not s.present.get(name, True) and not self.names.anonymize:
                marks.append(self.t("export.absent_at_end"))
            suffix = f" ({', '.join(marks)})" if marks else ""
            items.append(f"- {escape_line(self.names(name))}{suffix}")
        self.add("\n".join(items))

    def steps(self, reports: list[StepReport]) -> None:
        self.heading(2, self.t("export.steps"))
        self.furthest = furthest_step(self.session, reports)
        notes: dict[int, list[Note]] = defaultdict(list)
        for note in sorted(self.session.notes.values(), key=lambda n: n.id):
            notes[note.index].append(note)
        current_pass: tuple[int, int] | None = None
        for report in reports:
            step = report.step
            level = 3
            if step.pass_person is not None:
                # A pass of a `for_each: participant` block: one heading for the
                # pass, its steps (and their notes) under it.
                if (step.top_index, step.pass_no) != current_pass:
                    current_pass = (step.top_index, step.pass_no)
                    self.heading(3, self._pass_title(step))
                level = 4
            else:
                current_pass = None
            self.step(report, notes.get(step.index, []), level)

    def step(self, report: StepReport, notes: list[Note], level: int = 3) -> None:
        step = report.step
        self.heading(level, f"{step.index + 1}. {self._step_title(step)}")
        self.add(f"*{' · '.join(self._timing(report))}*")
        if step.prompt:
            self.add(escape_text(step.prompt))
        groups = self.session.subgroups(step.index)
        if groups:
            self.add(f"**{self.t('export.subgroups')}:**")
            self.add(
                "\n".join(
                    f"- {self.t('export.subgroup', number=n)}: " + self._members(group)
                    for n, group in enumerate(groups, start=1)
                )
            )
        decision = self.session.decisions.get(step.index)
        if decision:
            label = self._decision_label(step)
            self.add(f"> **{label}:** {escape_text(self.names.text(decision), '> ', start=False)}")
        columns = [None, *(c.id for c in self.protocol.columns)]
        # Notes in a column the protocol does not name (a hand-edited import)
        # are still shown, after the known ones.
        columns += sorted({n.column for n in notes if n.column not in columns}, key=str)
        for column in columns:
            in_column = [n for n in notes if n.column == column]
            if not in_column:
                continue
            if column is not None:
                self.heading(level + 1, self._column_title(column))
            self.add("\n".join(self._note(n) for n in in_column))

    def ratings(self) -> None:
        s = self.session
        if not self.protocol.groups or not any(s.ratings.values()):
            return
        scale = self.protocol.scale
        self.heading(2, self.t("export.ratings"))
        legend = self.t("export.scale", min=scale.min, max=scale.max)
        if scale.labels:
            labels = ", ".join(
                f"{value} = {escape_line(text, start=False)}"
                for value, text in sorted(scale.labels.items())
            )
            legend += f" ({labels})"
        self.add(f"{legend}. {self.t('export.spread_means')}")
        for stats in s.rating_stats():
            self.group(stats)

    def group(self, stats: GroupStats) -> None:
        lang = self.lang
        values = list(self.protocol.scale.values)
        self.heading(3, escape_line(stats.group.title, start=False))
        head = [
            self.t("export.col.number"),
            self.t("export.col.statement"),
            *(str(v) for v in values),
            self.t("export.col.n"),
            self.t("export.col.mean"),
            self.t("export.col.spread"),
        ]
        rows = [
            "| " + " | ".join(escape_cell(h) for h in head) + " |",
            "|" + "|".join(["---:", "---", *["---:"] * (len(values) + 3)]) + "|",
        ]
        for st in stats.statements:
            cells = [
                str(st.number),
                escape_cell(st.statement.text),
                *(str(st.counts.get(v, 0)) for v in values),
                str(st.n),
                decimal(st.mean, lang),
                decimal(st.spread, lang) if st.n else "–",
            ]
            rows.append("| " + " | ".join(cells) + " |")
        self.add("\n".join(rows))
        self.add(f"**{self.t('export.group_mean')}:** {decimal(stats.mean, lang)}")
        # Only the statements that stand out: a list of every one says nothing
        # about where views differ (one rule with the screen, in the core).
        ranked = stats.standing_out()
        if ranked:
            self.add(f"**{self.t('export.by_spread')}:**")
            self.add(
                "\n".join(
                    f"{place}. "
                    + self.t(
                        "export.spread_item",
                        number=st.number,
                        spread=decimal(st.spread, lang),
                        mean=decimal(st.mean, lang),
                    )
                    + f": {escape_line(st.statement.text, start=False)}"
                    for place, st in enumerate(ranked, start=1)
                )
            )

    # --- parts ---

    def _pass_title(self, step: PlanStep) -> str:
        """``En omgång per deltagare — Presentatör 2 av 5: Bo``."""
        assert step.block is not None and step.pass_person is not None
        role = next((r.title for r in self.protocol.roles if r.id == step.pass_role), None)
        label = role or self.t("export.pass")
        block = step.pass_block.title if step.pass_block is not None else None
        # Passes go in the order people joined: once anonymized, a name (even
        # a number) here would tell who a number is.
        which = self.t(
            "export.pass_of_anonymous" if self.names.anonymize else "export.pass_of",
            label=escape_line(label, start=False),
            number=step.pass_no,
            count=step.pass_count,
            name=escape_line(self.names(step.pass_person), start=False),
        )
        return f"{escape_line(block, start=False)} — {which}" if block else which

    def _step_title(self, step: PlanStep) -> str:
        title = escape_line(step.title, start=False)
        if step.pass_person is not None and step.block is not None:
            # The pass's heading names the block; only a block inside it is named here.
            if step.block.for_each == "participant":
                return title
            return f"{escape_line(step.block.title, start=False)}: {title}"
        if step.block is None:
            return title
        block = escape_line(step.block.title, start=False)
        if step.group is not None:
            # A pass of a `for_each: group` block: say which corner it is.
            return f"{block} — {escape_line(step.group.title, start=False)}: {title}"
        return f"{block}: {title}"

    def _timing(self, report: StepReport) -> list[str]:
        lang = self.lang
        parts = [self.t(MODE_KEYS[report.step.mode])]
        if report.planned is None:
            parts.append(self.t("export.no_plan"))
        else:
            parts.append(self.t("export.planned", minutes=_minutes(report.planned, lang)))
        state = step_state(report, self.furthest)
        if state is StepState.NOT_REACHED:
            parts.append(self.t("export.not_reached"))
        elif state is StepState.SKIPPED:
            parts.append(self.t("export.skipped"))
        else:
            parts.append(self.t("export.used", minutes=_minutes(report.used, lang)))
        if report.adjusted:
            change = _minutes(report.adjusted, lang, signed=True)
            parts.append(self.t("export.adjusted", minutes=change))
        return parts

    def _decision_label(self, step: PlanStep) -> str:
        label = step.step.decision
        return (
            escape_line(label, start=False)
            if label and label.strip()
            else self.t("export.decision")
        )

    def _column_title(self, column: str) -> str:
        known = {c.id: c.title for c in self.protocol.columns}
        return escape_line(known.get(column, column), start=False)

    def _note(self, note: Note) -> str:
        speaker = self.names.speaker(note.speaker)
        # The name and the text are escaped as one: a delimiter in one could
        # otherwise pair with one in the other.
        who = f"{self.names(speaker)}: " if speaker else ""
        return f"- {escape_text(who + self.names.text(note.text), '  ')}"

    def _members(self, group: Sequence[str]) -> str:
        if self.names.anonymize:
            # Who sat together is remembered in the room: only the size is told.
            return self.t("export.subgroup_size", count=len(group))
        return ", ".join(escape_line(self.names(name), start=False) for name in group)


def render_markdown(
    session: Session,
    *,
    anonymize: bool = False,
    lang: Lang | None = None,
    names: Names | None = None,
) -> str:
    """The meeting as a markdown document.

    The document holds the title, date and times, a summary of the decisions,
    the roles and participants, every plan step in order (planned and used
    minutes, prompt, notes by column, decision) and, for protocols with rated
    statements, a table per group with the distribution, mean and spread.

    Args:
        session: The meeting, running or ended.
        anonymize: Show participants as *Deltagare 1…N* in a random order,
            drop who said what, who held a role, who sat in which group and
            who came late, and replace participants' names in the focus,
            notes and decisions (see :mod:`.anonymize`).
        lang: ``"sv"`` or ``"en"`` for headings and labels; the current
            interface language when None.
        names: The names to show, overriding ``anonymize`` (one
            :class:`Names` makes several formats agree on the numbers).

    Returns:
        The markdown text, ending with a newline.
    """
    language: Lang = lang or get_language()
    names = names or Names.of(session, anonymize=anonymize, lang=language)
    doc = _Document(session, names, language)
    reports = session.reports()
    doc.header(reports)
    doc.decisions()
    doc.roles()
    doc.participants()
    doc.steps(reports)
    doc.ratings()
    return doc.text()
