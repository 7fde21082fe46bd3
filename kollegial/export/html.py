"""A meeting as one standalone HTML page: to print on A4, or to paste into Word or Google Docs.

The same minutes as the markdown export, with the notes and the ratings as real
tables, so that pasting keeps headings, lists and tables. One UTF-8 document
with its print CSS inline and no external resource (no font, image, script or
link), with ``lang`` set. Every text is escaped with :func:`html.escape` after
its control characters are made visible.
"""

from __future__ import annotations

import html
from collections import defaultdict

from kollegial.export.anonymize import Names
from kollegial.export.facts import (
    StepState,
    corner_spread,
    furthest_step,
    step_state,
    step_title,
)
from kollegial.export.markdown import visible
from kollegial.i18n import Lang, decimal, get_language, t
from kollegial.protocols.model import MODE_KEYS
from kollegial.session import events as ev
from kollegial.session.ratings import GroupStats
from kollegial.session.session import Note, Session, StepReport

_CSS = """\
@page { size: A4; margin: 18mm 16mm; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.35; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 17pt; margin: 0 0 3mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 0.3mm solid #444; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, ul { margin: 0 0 2mm; }
.timing { font-style: italic; color: #333; }
blockquote { margin: 2mm 0; padding: 1mm 3mm; border-left: 1mm solid #666; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { border: 0.2mm solid #777; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 0 0 2mm; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


def _esc(text: str) -> str:
    return html.escape(visible(text), quote=True)


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs (split at blank lines), each escaped, its lines joined by <br>."""
    out = []
    for block in visible(text).split("\n\n"):
        lines = [html.escape(line.strip()) for line in block.split("\n") if line.strip()]
        if lines:
            out.append("<br>".join(lines))
    return out


def _block(text: str) -> str:
    """A text as ``<p>`` elements."""
    return "".join(f"<p>{p}</p>" for p in _paragraphs(text))


def _inline(text: str) -> str:
    """A text inside a cell or a list item: paragraphs separated by an empty line."""
    return "<br><br>".join(_paragraphs(text))


def _minutes(seconds: float, lang: Lang) -> str:
    return decimal(seconds / 60, lang).removesuffix(",0").removesuffix(".0")


class _Page:
    def __init__(self, session: Session, names: Names, lang: Lang) -> None:
        self.session = session
        self.protocol = session.protocol
        self.names = names
        self.lang: Lang = lang
        self.parts: list[str] = []

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def header(self, reports: list[StepReport]) -> None:
        s = self.session
        self.add(f"<h1>{_esc(self.protocol.title)}</h1>", "<dl>")
        facts: list[tuple[str, str]] = []
        if s.started_at is not None:
            facts.append((self.t("export.date"), s.started_at.strftime("%Y-%m-%d")))
            start = s.started_at.strftime("%H:%M")
            if s.ended and s.ended_at is not None:
                span = f"{start}–{s.ended_at.strftime('%H:%M')}"
            else:
                span = f"{start}– ({self.t('export.in_progress')})"
            facts.append((self.t("export.time"), span))
        planned = _minutes(s.plan.planned_seconds, self.lang)
        used = _minutes(sum(r.used for r in reports), self.lang)
        facts.append(
            (self.t("export.duration"), self.t("export.total", planned=planned, used=used))
        )
        if self.protocol.id:
            facts.append((self.t("export.protocol"), self.protocol.id))
        for label, value in facts:
            self.add(f"<dt>{_esc(label)}</dt><dd>{_esc(value)}</dd>")
        if s.focus:
            focus = _inline(self.names.text(s.focus))
            self.add(f"<dt>{_esc(self.t('export.focus'))}</dt><dd>{focus}</dd>")
        self.add("</dl>")

    def decisions(self) -> None:
        s = self.session
        if not s.decisions:
            return
        self.add(f"<h2>{_esc(self.t('export.decisions'))}</h2>", "<ul>")
        for index in sorted(s.decisions):
            where = self.t("export.decision_at", number=index + 1)
            label = _esc(self._decision_label(index))
            text = _inline(self.names.text(s.decisions[index]))
            self.add(f"<li><strong>{label}</strong> ({_esc(where)}): {text}</li>")
        self.add("</ul>")

    def people(self) -> None:
        s = self.session
        if self.protocol.roles:
            self.add(f"<h2>{_esc(self.t('export.roles'))}</h2>", "<ul>")
            for role in self.protocol.roles:
                name = s.roles.get(role.id)
                if name is None:
                    shown = f"<em>{_esc(self.t('export.not_appointed'))}</em>"
                elif not self.names.roles_shown:
                    shown = _esc(self.t("export.role_withheld"))
                else:
                    shown = _esc(self.names(name))
                self.add(f"<li><strong>{_esc(role.title)}:</strong> {shown}</li>")
            self.add("</ul>")
        late = {e.name for e in s.events if isinstance(e, ev.ParticipantAdded) and e.late}
        self.add(f"<h2>{_esc(self.t('export.participants'))}</h2>", "<ul>")
        for name in self.names.ordered(s.participants):
            marks = []
            # Once anonymized, who came late or left early would tell who a number is.
            if name in late and not self.names.anonymize:
                marks.append(self.t("export.joined_late"))
            if not s.present.get(name, True) and not self.names.anonymize:
                marks.append(self.t("export.absent_at_end"))
            suffix = f" ({', '.join(marks)})" if marks else ""
            self.add(f"<li>{_esc(self.names(name) + suffix)}</li>")
        self.add("</ul>")

    def steps(self, reports: list[StepReport]) -> None:
        self.add(f"<h2>{_esc(self.t('export.steps'))}</h2>")
        notes: dict[int, list[Note]] = defaultdict(list)
        for note in sorted(self.session.notes.values(), key=lambda n: n.id):
            notes[note.index].append(note)
        furthest = furthest_step(self.session, reports)
        for report in reports:
            self.step(report, step_state(report, furthest), notes.get(report.step.index, []))

    def step(self, report: StepReport, state: StepState, notes: list[Note]) -> None:
        step = report.step
        title = step_title(self.session, step, self.names, self.lang)
        self.add(f"<h3>{step.index + 1}. {_esc(title)}</h3>")
        timing = [self.t(MODE_KEYS[step.mode])]
        if report.planned is None:
            timing.append(self.t("export.no_plan"))
        else:
            timing.append(self.t("export.planned", minutes=_minutes(report.planned, self.lang)))
        if state is StepState.NOT_REACHED:
            timing.append(self.t("export.not_reached"))
        elif state is StepState.SKIPPED:
            timing.append(self.t("export.skipped"))
        else:
            timing.append(self.t("export.used", minutes=_minutes(report.used, self.lang)))
        if report.adjusted:
            change = _minutes(report.adjusted, self.lang)
            change = change if change.startswith("-") else "+" + change
            timing.append(self.t("export.adjusted", minutes=change))
        self.add(f'<p class="timing">{_esc(" · ".join(timing))}</p>')
        if step.prompt:
            self.add(_block(step.prompt))
        groups = self.session.subgroups(step.index)
        if groups:
            self.add(f"<p><strong>{_esc(self.t('export.subgroups'))}:</strong></p>", "<ul>")
            for n, group in enumerate(groups, start=1):
                if self.names.anonymize:  # who sat together is remembered in the room
                    members = self.t("export.subgroup_size", count=len(group))
                else:
                    members = ", ".join(self.names(name) for name in group)
                self.add(f"<li>{_esc(self.t('export.subgroup', number=n))}: {_esc(members)}</li>")
            self.add("</ul>")
        decision = self.session.decisions.get(step.index)
        if decision:
            label = _esc(self._decision_label(step.index))
            text = _inline(self.names.text(decision))
            self.add(f"<blockquote><strong>{label}:</strong> {text}</blockquote>")
        if notes:
            self.notes(notes)

    def notes(self, notes: list[Note]) -> None:
        known = {c.id: c.title for c in self.protocol.columns}
        with_column = bool(known) or any(n.column for n in notes)
        speakers = [self.names.speaker(n.speaker) for n in notes]
        with_who = any(speakers)
        head = []
        if with_column:
            head.append(self.t("xlsx.col.column"))
        if with_who:
            head.append(self.t("xlsx.col.who"))
        head.append(self.t("xlsx.col.text"))
        self.add("<table>", "<thead><tr>")
        self.add(*(f'<th scope="col">{_esc(h)}</th>' for h in head))
        self.add("</tr></thead>", "<tbody>")
        for note, speaker in zip(notes, speakers, strict=True):
            cells = []
            if with_column:
                column = known.get(note.column, note.column) if note.column else ""
                cells.append(_esc(column or ""))
            if with_who:
                cells.append(_esc(self.names(speaker)) if speaker else "")
            cells.append(_inline(self.names.text(note.text)))
            self.add("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        self.add("</tbody>", "</table>")

    def ratings(self) -> None:
        s = self.session
        if not self.protocol.groups or not any(s.ratings.values()):
            return
        scale = self.protocol.scale
        self.add(f"<h2>{_esc(self.t('export.ratings'))}</h2>")
        legend = self.t("export.scale", min=scale.min, max=scale.max)
        if scale.labels:
            labels = ", ".join(f"{v} = {text}" for v, text in sorted(scale.labels.items()))
            legend += f" ({labels})"
        self.add(f"<p>{_esc(legend)}. {_esc(self.t('export.spread_means'))}</p>")
        for stats in s.rating_stats():
            self.group(stats)

    def group(self, stats: GroupStats) -> None:
        lang = self.lang
        values = list(self.protocol.scale.values)
        self.add(f"<h3>{_esc(stats.group.title)}</h3>", "<table>", "<thead><tr>")
        self.add(
            f'<th class="num" scope="col">{_esc(self.t("export.col.number"))}</th>',
            f'<th scope="col">{_esc(self.t("export.col.statement"))}</th>',
            *(f'<th class="num" scope="col">{v}</th>' for v in values),
            *(
                f'<th class="num" scope="col">{_esc(self.t(key))}</th>'
                for key in ("export.col.n", "export.col.mean", "export.col.spread")
            ),
            "</tr></thead>",
            "<tbody>",
        )
        for st in stats.statements:
            numbers = [
                *(str(st.counts.get(v, 0)) for v in values),
                str(st.n),
                decimal(st.mean, lang),
                decimal(st.spread, lang) if st.n else "–",
            ]
            self.add(
                f'<tr><td class="num">{st.number}</td><td>{_esc(st.statement.text)}</td>'
                + "".join(f'<td class="num">{_esc(n)}</td>' for n in numbers)
                + "</tr>"
            )
        self.add("</tbody>", "</table>")
        spread = corner_spread(stats)
        summary = f"{self.t('export.group_mean')}: {decimal(stats.mean, lang)}"
        if spread is not None:
            summary += f" · {self.t('xlsx.col.group_spread')}: {decimal(spread, lang)}"
        self.add(f"<p><strong>{_esc(summary)}</strong></p>")

    def _decision_label(self, index: int) -> str:
        label = self.session.plan[index].step.decision
        return label if label and label.strip() else self.t("export.decision")


def render_html(
    session: Session,
    *,
    anonymize: bool = False,
    lang: Lang | None = None,
    names: Names | None = None,
) -> str:
    """The meeting as a standalone HTML page that prints on A4.

    The title and the meeting's facts, the decisions, roles and participants,
    every plan step (timing, prompt, groups, decision, the notes as a table)
    and, for rated statements, one table per group.

    Args:
        session: The meeting, running or ended.
        anonymize: Participants as *Deltagare 1…N* (see :mod:`.anonymize`).
        lang: ``"sv"`` or ``"en"`` for the page's words and its ``lang``; the
            current interface language when None.
        names: The names to show, overriding ``anonymize``.

    Returns:
        The HTML document, ending with a newline.
    """
    language: Lang = lang or get_language()
    names = names or Names.of(session, anonymize=anonymize, lang=language)
    page = _Page(session, names, language)
    reports = session.reports()
    page.header(reports)
    page.decisions()
    page.people()
    page.steps(reports)
    page.ratings()
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(session.protocol.title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *page.parts, "</body>", "</html>"]) + "\n"
