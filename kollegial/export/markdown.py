"""A meeting as a markdown document: the minutes a team keeps and shares.

Everything people typed and everything a protocol file says is escaped on its
way in (:func:`escape_text`, :func:`escape_cell`): a note can neither start a
heading, a list or a table, nor carry HTML, nor end the list item it stands in,
whether the file is shown on GitHub or converted with pandoc.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime

from kollegial.export.anonymize import Names
from kollegial.i18n import Lang, decimal, get_language, t
from kollegial.protocols.model import Protocol
from kollegial.session import events as ev
from kollegial.session.plan import PlanStep
from kollegial.session.ratings import GroupStats
from kollegial.session.session import Note, Session, StepReport

# --- escaping ---

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029]")
# Every ASCII punctuation character that means something inline or at the start
# of a block in CommonMark, GFM (tables, strikethrough) or pandoc (math,
# super/subscript, attributes). `<`, `>` and `&` become entities instead, which
# keeps HTML inert however a renderer treats backslashes.
_SPECIALS = re.compile(r"([\\`*_{}\[\]#+\-!|~$^])")
# Block starts that are made of characters we do not escape everywhere: an
# ordered list item (`1.` or `1)`), a setext heading underline (`===`), and
# pandoc's fenced divs and definition lists (`:`).
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")
_LEADING_CHARS = ("=", ":")
# Bidirectional overrides can make text read differently from what it is.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


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


def _escape_line(line: str) -> str:
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _SPECIALS.sub(r"\\\1", line)
    line = _LEADING_NUMBER.sub(r"\1\\\2", line)
    if line.startswith(_LEADING_CHARS):
        line = "\\" + line
    return line


def _lines(text: str) -> list[str]:
    # Leading spaces would make an indented code block; blank lines would end
    # the paragraph (and with it a list item or a quote): both go.
    return [stripped for line in visible(text).split("\n") if (stripped := line.strip())]


def escape_text(text: str, indent: str = "") -> str:
    """``text`` as inline markdown that shows exactly what was typed.

    Markdown specials are backslash-escaped, ``& < >`` become entities, control
    characters are made visible, and block starts at the beginning of a line
    (``1.``, ``===``, ``:``) are defused. Several lines are kept in one
    paragraph: joined by hard line breaks (a backslash at the end of the line),
    each continuation line prefixed with ``indent`` so that it stays inside its
    container (``"  "`` in a ``- `` list item, ``"> "`` in a block quote).

    Args:
        text: User or protocol text, possibly hostile.
        indent: What each continuation line starts with.

    Returns:
        The escaped text; empty if ``text`` holds only whitespace.
    """
    return ("\\\n" + indent).join(_escape_line(line) for line in _lines(text))


def escape_cell(text: str) -> str:
    """``text`` escaped for one line: a table cell, a heading or a label.

    As :func:`escape_text`, with line breaks turned into spaces (``|`` is
    escaped too, so the text stays in its cell).

    Args:
        text: User or protocol text, possibly hostile.

    Returns:
        The escaped text on a single line.
    """
    return " ".join(_escape_line(line) for line in _lines(text))


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

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def add(self, *blocks: str) -> None:
        self.blocks.extend(b for b in blocks if b)

    def heading(self, level: int, text: str) -> None:
        """A heading; ``text`` is already escaped."""
        self.add(f"{'#' * level} {text}")

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"

    # --- sections ---

    def header(self, reports: list[StepReport]) -> None:
        s = self.session
        self.heading(1, escape_cell(self.protocol.title))
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
            items.append(f"**{self.t('export.protocol')}:** {escape_cell(self.protocol.id)}")
        if s.focus:
            items.append(f"**{self.t('export.focus')}:** {escape_text(s.focus, '  ')}")
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
                f"{escape_text(s.decisions[index], '  ')}"
            )
        self.add("\n".join(items))

    def roles(self) -> None:
        if not self.protocol.roles:
            return
        self.heading(2, self.t("export.roles"))
        items = []
        for role in self.protocol.roles:
            name = self.session.roles.get(role.id)
            shown = (
                escape_cell(self.names(name))
                if name is not None
                else f"*{self.t('export.not_appointed')}*"
            )
            items.append(f"- **{escape_cell(role.title)}:** {shown}")
        self.add("\n".join(items))

    def participants(self) -> None:
        s = self.session
        late = {e.name for e in s.events if isinstance(e, ev.ParticipantAdded) and e.late}
        self.heading(2, self.t("export.participants"))
        items = []
        for name in s.participants:
            marks = []
            if name in late:
                marks.append(self.t("export.joined_late"))
            if not s.present.get(name, True):
                marks.append(self.t("export.absent_at_end"))
            suffix = f" ({', '.join(marks)})" if marks else ""
            items.append(f"- {escape_cell(self.names(name))}{suffix}")
        self.add("\n".join(items))

    def steps(self, reports: list[StepReport]) -> None:
        self.heading(2, self.t("export.steps"))
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
                    f"- {self.t('export.subgroup', number=n)}: "
                    + ", ".join(escape_cell(self.names(name)) for name in group)
                    for n, group in enumerate(groups, start=1)
                )
            )
        decision = self.session.decisions.get(step.index)
        if decision:
            label = self._decision_label(step)
            self.add(f"> **{label}:** {escape_text(decision, '> ')}")
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
                f"{value} = {escape_cell(text)}" for value, text in sorted(scale.labels.items())
            )
            legend += f" ({labels})"
        self.add(f"{legend}. {self.t('export.spread_means')}")
        for stats in s.rating_stats():
            self.group(stats)

    def group(self, stats: GroupStats) -> None:
        lang = self.lang
        values = list(self.protocol.scale.values)
        self.heading(3, escape_cell(stats.group.title))
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
        # Statements everyone rated alike are no place where views differ.
        ranked = [st for st in stats.by_spread() if st.spread > 0]
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
                    + f": {escape_cell(st.statement.text)}"
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
        which = self.t(
            "export.pass_of",
            label=escape_cell(label),
            number=step.pass_no,
            count=step.pass_count,
            name=escape_cell(self.names(step.pass_person)),
        )
        return f"{escape_cell(block)} — {which}" if block else which

    def _step_title(self, step: PlanStep) -> str:
        title = escape_cell(step.title)
        if step.pass_person is not None and step.block is not None:
            # The pass's heading names the block; only a block inside it is named here.
            if step.block.for_each == "participant":
                return title
            return f"{escape_cell(step.block.title)}: {title}"
        if step.block is None:
            return title
        block = escape_cell(step.block.title)
        if step.group is not None:
            # A pass of a `for_each: group` block: say which corner it is.
            return f"{block} — {escape_cell(step.group.title)}: {title}"
        return f"{block}: {title}"

    def _timing(self, report: StepReport) -> list[str]:
        lang = self.lang
        parts = [self.t(f"mode.{report.step.mode.value}")]
        if report.planned is None:
            parts.append(self.t("export.no_plan"))
        else:
            parts.append(self.t("export.planned", minutes=_minutes(report.planned, lang)))
        if report.skipped:
            parts.append(self.t("export.skipped"))
        else:
            parts.append(self.t("export.used", minutes=_minutes(report.used, lang)))
        if report.adjusted:
            change = _minutes(report.adjusted, lang, signed=True)
            parts.append(self.t("export.adjusted", minutes=change))
        return parts

    def _decision_label(self, step: PlanStep) -> str:
        label = step.step.decision
        return escape_cell(label) if label and label.strip() else self.t("export.decision")

    def _column_title(self, column: str) -> str:
        known = {c.id: c.title for c in self.protocol.columns}
        return escape_cell(known.get(column, column))

    def _note(self, note: Note) -> str:
        speaker = self.names.speaker(note.speaker)
        who = f"{escape_cell(self.names(speaker))}: " if speaker else ""
        return f"- {who}{escape_text(note.text, '  ')}"


def render_markdown(session: Session, *, anonymize: bool = False, lang: Lang | None = None) -> str:
    """The meeting as a markdown document.

    The document holds the title, date and times, a summary of the decisions,
    the roles and participants, every plan step in order (planned and used
    minutes, prompt, notes by column, decision) and, for protocols with rated
    statements, a table per group with the distribution, mean and spread.

    Args:
        session: The meeting, running or ended.
        anonymize: Show participants as *Deltagare 1…N* in the order they
            joined, and drop who said what. Names typed inside notes stay.
        lang: ``"sv"`` or ``"en"`` for headings and labels; the current
            interface language when None.

    Returns:
        The markdown text, ending with a newline.
    """
    language: Lang = lang or get_language()
    names = Names.of(session, anonymize=anonymize, lang=language)
    doc = _Document(session, names, language)
    reports = session.reports()
    doc.header(reports)
    doc.decisions()
    doc.roles()
    doc.participants()
    doc.steps(reports)
    doc.ratings()
    return doc.text()
