"""Every protocol of the library led from the keyboard, start to export, with four people.

One test per bundled protocol of issue 8. :func:`lead` goes through a meeting
the way a leader does: it appoints where asked, gives everyone the word until a
round is over, enters ratings, types a note wherever notes are taken and the
decision where one is asked for, lets the planned time pass and moves on. On
the way it keeps what the room saw at each step, so each test can say what
the projector showed at the new kinds of step (the speaker of a present step,
the person a round leaves out, the small groups, whose pass it is) and what
the export says afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from kollegial.protocols.model import Mode
from kollegial.session.clock import FakeClock
from kollegial.session.plan import PlanStep
from kollegial.tui.app import KollegialApp
from kollegial.tui.screens.closing import Closing
from kollegial.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp, shown_text, text_of

SIZE = (120, 35)
FOUR = ["Anna", "Bo", "Cecilia", "David"]
SHOWN = ("header", "step-title", "outline", "presenter", "turns", "groups", "footer")


@dataclass
class Seen:
    """What the room saw at one step, widget by widget, as plain text."""

    step: PlanStep
    texts: dict[str, str]
    speakers: list[str] = field(default_factory=list)
    """Who had the word in a round, in order."""

    def __getitem__(self, widget: str) -> str:
        return self.texts[widget]


@dataclass
class Meeting:
    """A meeting led to its end: what was seen at each step, and the markdown export."""

    seen: list[Seen]
    md: str

    def at(self, title: str, pass_no: int = 0) -> Seen:
        """The (first) visit of the step titled ``title``, in pass ``pass_no`` if given."""
        return next(
            s
            for s in self.seen
            if s.step.title == title and (not pass_no or s.step.pass_no == pass_no)
        )

    def all(self, title: str) -> list[Seen]:
        return [s for s in self.seen if s.step.title == title]


def screen_text(app: KollegialApp) -> dict[str, str]:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return {name: shown_text(screen, name) for name in SHOWN}


def note_for(step: PlanStep) -> str:
    """The note typed in ``step``: names the step and whose pass it is."""
    who = f" ({step.pass_person})" if step.pass_person else ""
    return f"Anteckning {step.index}{who}"


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Open the note field, put ``text`` in as one paste (as a terminal sends a paste), save.

    Pasted, not pressed key by key: a key costs the app a frame, and these
    meetings take many notes. Typing letter by letter, keys such as ``h``
    included, is tested in test_flows.py and by test_h_is_text_while_writing_a_note.
    """
    await pilot.press("i")
    pilot.app.post_message(events.Paste(text))
    await pilot.press("enter", "escape")


async def lead(
    app: KollegialApp,
    pilot: Pilot[None],
    clock: FakeClock,
    *,
    appoint: dict[str, str] | None = None,
    skip: frozenset[str] = frozenset(),
    decision: str = "Vi prövar exit tickets",
) -> Meeting:
    """Lead the meeting to its end and export it.

    Args:
        appoint: role id -> the digit of its holder (1 Anna, 2 Bo, 3 Cecilia, 4 David).
        skip: ids of optional steps to skip with ``h`` (confirmed with ``j``).
        decision: the text typed in every decision step.
    """
    session = app.session
    appoint = appoint or {}
    seen: list[Seen] = []
    for _ in range(200):
        if session.ended:
            break
        step = session.step
        if step.step.appoint:
            await pilot.press(appoint[step.step.appoint])
        if step.step.id in skip:
            assert step.optional
            seen.append(Seen(step, screen_text(app)))
            await pilot.press("h", "j")
            continue
        speakers: list[str] = []
        if step.mode is Mode.RATE:
            statements = session.rated_statements()
            for i, person in enumerate(session.participants):
                digits = [1 + (i + k) % 4 for k in range(len(statements))]
                if i == 0:
                    # The first sheet typed as the leader types it, a key per value.
                    await pilot.press("r", "enter", *map(str, digits), "enter")
                    assert session.raters() == [person]
                    continue
                # The others' sheets as that sheet's keys put them in (RatingEntry
                # runs this command per value), without a frame a key: choosing a
                # person further down the sheet list is tested in test_wall.py.
                for statement, value in zip(statements, digits, strict=True):
                    assert app.command(session.set_rating, person, statement, value)
            assert isinstance(app.screen, MeetingScreen)
            app.screen.refresh_view()
            assert len(session.raters()) == len(session.participants)
        if step.mode is Mode.ROUND:
            r = session.round
            assert r is not None
            # The first speaker's point is noted while they have the word.
            if step.takes_notes:
                await type_text(pilot, note_for(step))
            texts = screen_text(app)
            # First lap: everyone says something; then (until-all-pass) everyone passes.
            while r.current is not None and r.lap == 1:
                speakers.append(r.current)
                await pilot.press("n")
            while r.current is not None:
                await pilot.press("p")
            assert r.done
        else:
            if step.takes_notes:
                await type_text(pilot, note_for(step))
            if step.mode is Mode.DECISION:
                await type_text(pilot, decision)
            texts = screen_text(app)
        seen.append(Seen(step, texts, speakers))
        clock.advance(step.planned_seconds or 60)
        await pilot.press("right")
    assert session.ended and isinstance(app.screen, Closing)
    await pilot.press("e")
    await pilot.pause()
    (export,) = (app.export_dir).glob("*.md")
    return Meeting(seen, export.read_text(encoding="utf-8"))


def sections(md: str, heading: str) -> list[str]:
    """The text under each heading containing ``heading``, up to the next heading as high."""
    out: list[str] = []
    lines = md.splitlines()
    for i, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#"))
        if not level or heading not in line:
            continue
        end = next(
            (
                k
                for k in range(i + 1, len(lines))
                if lines[k].startswith("#") and len(lines[k]) - len(lines[k].lstrip("#")) <= level
            ),
            len(lines),
        )
        out.append("\n".join(lines[i + 1 : end]))
    return out


def words(text: str) -> str:
    """``text`` with every run of blanks and line breaks as one space."""
    return " ".join(text.split())


def assert_listen_in_silence(seen: Seen, role: str, name: str) -> None:
    """A present step: the name (also in big capitals), the role, the others silent; no turns."""
    shown = seen["presenter"]
    assert f"{role}: {name}" in shown
    assert "De andra lyssnar under tystnad." in shown
    assert shown.count("█") > 5  # the name in big letters
    assert seen["turns"] == ""


def assert_left_out(seen: Seen, name: str, role: str) -> None:
    """A round with exclude: the person never has a turn and the room is told why."""
    assert name not in seen.speakers
    assert sorted(seen.speakers) == sorted(set(FOUR) - {name})
    assert f"{name} ({role}) lyssnar och antecknar" in seen["turns"]
    next_line = next(line for line in seen["turns"].splitlines() if "Nästa:" in line)
    assert name not in next_line


# --- the protocols, one test each ---


async def test_timperley(meeting: MakeApp, clock: FakeClock) -> None:
    """Timperley's cycle: five questions in order, notes under each question, a decision."""
    app = meeting("timperley", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
    round_ = m.at("Vad behöver våra elever?")
    assert round_.speakers == FOUR
    assert "Varv 1" in round_["turns"]
    assert "- **Samtalsledare:** Anna" in m.md
    for column in (
        "Vilka kunskaper och färdigheter behöver våra elever",
        "Vilka kunskaper och färdigheter behöver vi professionella",
        "Fördjupa de professionella kunskaperna",
        "Har vårt nya agerande påverkat",
    ):
        assert column in m.md
    assert f"Anna: {note_for(round_.step)}" in m.md
    assert "Vi prövar exit tickets" in m.md and "Det här prövar vi med eleverna" in m.md


async def test_perspektiv(meeting: MakeApp, clock: FakeClock) -> None:
    """Ten dimensions rated in silence, then a group of dimensions at a time."""
    app = meeting("perspektiv", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "tidshallare": "2"})
    rounds = m.all("Laget runt")
    assert len(rounds) == 3
    for k, s in enumerate(rounds, start=1):
        assert f"  Steg 4 av 5 · Hörn {k} av 3  " in s["header"]
    for s in m.all("Samtala om det ni ser"):
        assert f"{note_for(s.step)}" in m.md
    assert "- **Tidshållare:** Bo" in m.md
    assert "Kunskap, resultat och tid" in m.md and "Samarbete, roller och karriär" in m.md


async def test_relationellt_ledarskap(meeting: MakeApp, clock: FakeClock) -> None:
    """Eight aspects rated, the picture talked through, one aspect agreed on."""
    app = meeting("relationellt-ledarskap", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "3"}, decision="Delat ansvar")
    assert m.at("Laget runt").speakers == ["Anna", "Bo", "Cecilia", "David"]
    assert "Aspekt att utveckla" in m.md and "Delat ansvar" in m.md
    assert "Trygga och förlåtande lärmiljöer" in m.md
    assert f"{note_for(m.at('Första steget').step)}" in m.md


async def test_analys(meeting: MakeApp, clock: FakeClock) -> None:
    """Analys I in rounds and talk, Analys II in two decisions, the follow-up noted."""
    app = meeting("analys", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "4"})
    for title in ("Hur tolkar vi det vi sett?", "Vad behöver eleverna?"):
        assert sorted(m.at(title).speakers) == sorted(FOUR)
    assert "Fokusområde" in m.md and "Det här prövar vi" in m.md
    assert m.md.count("Vi prövar exit tickets") >= 2
    assert note_for(m.at("Hur följer vi upp?").step) in m.md


async def test_aterkoppling(meeting: MakeApp, clock: FakeClock) -> None:
    """The observed teacher speaks first and last while the observer listens."""
    app = meeting("aterkoppling", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"larare": "1", "observator": "2"})
    for title in ("Läraren börjar", "Lärarens reflektion"):
        assert_listen_in_silence(m.at(title), "Observerad lärare", "Anna")
        # A note in a present step is the speaker's.
        assert f"Anna: {note_for(m.at(title).step)}" in m.md
    assert "- **Observatör:** Bo" in m.md
    assert "Det här prövar jag" in m.md


async def test_dilemma(meeting: MakeApp, clock: FakeClock) -> None:
    """The presenter tells, is left out of the question rounds, and has the last word."""
    app = meeting("dilemma", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "presentator": "2"})
    assert_listen_in_silence(m.at("Presentatören berättar"), "Presentatör", "Bo")
    assert_listen_in_silence(m.at("Presentatören svarar"), "Presentatör", "Bo")
    for title in ("Klargörande frågor", "Fördjupande frågor"):
        assert_left_out(m.at(title), "Bo", "presentatör")
    # The probing questions are part of the Consultancy protocol: not to be skipped.
    probing = m.at("Fördjupande frågor")
    assert "valfritt" not in probing["step-title"]
    assert "h hoppa över" not in probing["footer"]
    assert "- **Samtalsledare:** Anna" in m.md
    assert sorted(m.at("Hur gick samtalet?").speakers) == sorted(FOUR)  # everyone again
    assert f"Bo: {note_for(m.at('Presentatören berättar').step)}" in m.md


async def test_reflekterande_team(meeting: MakeApp, clock: FakeClock) -> None:
    """The case owner presents, listens through three rounds, and sums up."""
    app = meeting("reflekterande-team", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "fallagare": "3"})
    assert_listen_in_silence(m.at("Fallägaren presenterar"), "Fallägare", "Cecilia")
    for title in ("Klargörande frågor", "Bekräftande runda", "Reflekterande rundor"):
        assert_left_out(m.at(title), "Cecilia", "fallägare")
    assert_listen_in_silence(m.at("Fallägaren sammanfattar"), "Fallägare", "Cecilia")
    reflecting = m.at("Reflekterande rundor")
    # The note was typed while the first of the others had the word.
    assert f"{reflecting.speakers[0]}: {note_for(reflecting.step)}" in m.md
    assert f"Cecilia: {note_for(m.at('Fallägaren sammanfattar').step)}" in m.md


async def test_sista_ordet(meeting: MakeApp, clock: FakeClock) -> None:
    """Each in turn presents a passage, the others respond, the presenter has the last word."""
    app = meeting("sista-ordet", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
        # The closing screen tells the passes apart by whose they were.
        report = text_of(app.screen.query_one("#report"))
        assert all(f"{name} — Sista ordet" in report for name in FOUR)
    for k, name in enumerate(FOUR, start=1):
        passage = m.at("Presentatören läser sin passage", k)
        assert f"Presentatör {k} av 4: {name}" in passage["header"]
        assert_listen_in_silence(passage, "Presentatör", name)
        assert f"▶ {name}" in passage["outline"]
        assert_left_out(m.at("De andra svarar", k), name, "presentatör")
        assert_listen_in_silence(m.at("Sista ordet", k), "Presentatör", name)
    # Each pass's note is in that pass's section of the export, said by its presenter.
    for k, name in enumerate(FOUR, start=1):
        (section,) = sections(m.md, f"En omgång per deltagare — Presentatör {k} av 4: {name}")
        step = m.at("Presentatören läser sin passage", k).step
        assert f"{name}: {note_for(step)}" in section
        for other in set(FOUR) - {name}:
            assert f"({other})" not in section
    assert "planerat 28 min" in m.md  # 3 + a minute for each of the three others + 1, a pass


async def test_titta_pa_data(meeting: MakeApp, clock: FakeClock) -> None:
    """The presenter introduces the data, then describe, interpret, consequences."""
    app = meeting("titta-pa-data", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "presentator": "4"})
    assert_listen_in_silence(m.at("Komma i gång"), "Presentatör", "David")
    describe = m.at("Beskriva")
    assert sorted(describe.speakers) == sorted(FOUR)  # no one is left out here
    assert "lyssnar och antecknar" not in describe["turns"]
    for column in ("Vad ser vi?", "Vad kan det betyda?", "Vad betyder det för vår undervisning?"):
        assert column in m.md


async def test_stamma_av_skips_an_optional_step(meeting: MakeApp, clock: FakeClock) -> None:
    """Tuning: warm and cool feedback while the presenter listens; the debrief skipped."""
    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(
            app,
            pilot,
            clock,
            appoint={"samtalsledare": "2", "presentator": "1"},
            skip=frozenset({"efterreflektion"}),
        )
    # The silent look at the work is the original's 15 minutes, and not optional.
    assert "valfritt" not in m.at("Granska arbetet under tystnad")["step-title"]
    skipped = m.at("Efterreflektion")
    assert "valfritt · h hoppar över" in skipped["step-title"]
    assert app.session.skipped(skipped.step.index) and app.session.ended
    assert_listen_in_silence(m.at("Presentation"), "Presentatör", "Anna")
    for title in ("Klargörande frågor", "Varm och sval återkoppling"):
        assert_left_out(m.at(title), "Anna", "presentatör")
    assert_listen_in_silence(m.at("Presentatörens reflektion"), "Presentatör", "Anna")
    (section,) = sections(m.md, "Efterreflektion")
    assert "hoppades över" in section


async def test_stamma_av_kort(meeting: MakeApp, clock: FakeClock) -> None:
    """The short variant: 30 minutes, without the silent review and the reflection afterwards."""
    app = meeting("stamma-av", FOUR, variant="kort")
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "presentator": "2"})
    titles = [s.step.title for s in m.seen]
    assert "Granska arbetet under tystnad" not in titles and "Efterreflektion" not in titles
    assert app.session.planned_total() == 30 * 60
    assert_listen_in_silence(m.at("Presentation"), "Presentatör", "Bo")
    assert_left_out(m.at("Varm och sval återkoppling"), "Bo", "presentatör")
    assert "Stämma av ett arbete (Kort: 30 minuter)" in m.md


async def test_1_2_4_alla(meeting: MakeApp, clock: FakeClock) -> None:
    """Alone, in pairs, in fours, all: the groups on screen, one clock for all."""
    app = meeting("1-2-4-alla", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
    pairs = words(m.at("Två och två")["groups"])
    assert "Grupp 1 Anna · Bo" in pairs and "Grupp 2 Cecilia · David" in pairs
    assert "Alla grupper samtidigt, på samma klocka." in pairs
    fours = words(m.at("Fyra och fyra")["groups"])
    assert "Grupp 1 Anna · Bo · Cecilia · David" in fours and "Grupp 2" not in fours
    assert note_for(m.at("Alla").step) in m.md


async def test_tyst_skrivsamtal(meeting: MakeApp, clock: FakeClock) -> None:
    """Writing in silence, patterns in pairs, then a round to tell everyone."""
    app = meeting("tyst-skrivsamtal", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
    assert m.at("Skriv och koppla ihop under tystnad")["groups"] == ""
    pairs = words(m.at("Leta mönster två och två")["groups"])
    assert "Grupp 1 Anna · Bo" in pairs and "Grupp 2 Cecilia · David" in pairs
    tell = m.at("Berätta för alla")
    assert sorted(tell.speakers) == sorted(FOUR)
    assert f"{tell.speakers[0]}: {note_for(tell.step)}" in m.md
    assert note_for(m.at("Hur gick samtalet?").step) in m.md  # the original's reflection


# --- the seeds' further models (issue 20) ---


async def test_ledarskap_som_larande(meeting: MakeApp, clock: FakeClock) -> None:
    """Robertson's ten pairs rated, talked about round and free, noted."""
    app = meeting("ledarskap-som-larande", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "2"})
    assert sorted(m.at("Laget runt").speakers) == sorted(FOUR)
    assert "Ledarskap som lärande (Jan Robertson, 2024)" in m.md
    assert "Envägsprocesser i relationer ↔ Ömsesidiga processer i läranderelationer" in m.md
    assert note_for(m.at("Samtala om bilden").step) in m.md
    assert "- **Samtalsledare:** Bo" in m.md


async def test_ledarskapets_grund(meeting: MakeApp, clock: FakeClock) -> None:
    """Four pairs rated in a short reflection; each group's ratings in the export."""
    app = meeting("ledarskapets-grund", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
    assert "Delegerat ledarskap ↔ Distribuerat ledarskap" in m.md
    assert "Kollegialt lärande (Blossing" in m.md and "Wennergren, 2019)" in m.md
    assert note_for(m.at("Samtala om paren").step) in m.md
    assert app.session.planned_total() == 22 * 60


async def test_forandringsmyter(meeting: MakeApp, clock: FakeClock) -> None:
    """A step per myth, the myth and the research on the projector; a decision at the end."""
    app = meeting("forandringsmyter", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "3"}, decision="Mindre nätverk")
    for title in ("Organisatorisk förändring", "Nätverk", "IT", "Fortbildning"):
        assert note_for(m.at(title).step) in m.md
    assert "Det här gör vi annorlunda" in m.md and "Mindre nätverk" in m.md
    assert "Fortbildning utvecklar personalens kompetens men leder sällan till" in m.md


async def test_kapacitet(meeting: MakeApp, clock: FakeClock) -> None:
    """Eight marks rated, talked through, one agreed on."""
    app = meeting("kapacitet", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "4"}, decision="Tillit")
    assert sorted(m.at("Laget runt").speakers) == sorted(FOUR)
    assert "Preciserar och legitimerar det specialpedagogiska uppdraget." in m.md
    assert "Det här utvecklar vi" in m.md and "Tillit" in m.md
    assert note_for(m.at("Första steget").step) in m.md


async def test_timperley_skolledare(meeting: MakeApp, clock: FakeClock) -> None:
    """The leaders' cycle: rounds into the cycle's columns, the leader's support decided."""
    app = meeting("timperley-skolledare", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1"})
    assert sorted(m.at("Elevernas behov").speakers) == sorted(FOUR)
    assert "Vilka kunskaper och förmågor behöver våra elever utveckla?" in m.md
    assert note_for(m.at("Lärarnas behov").step) in m.md
    assert "Så stödjer vi lärarnas lärande" in m.md


async def test_lararledarskap(meeting: MakeApp, clock: FakeClock) -> None:
    """Nineteen capabilities rated, one dimension at a time, then the two lists."""
    app = meeting("lararledarskap", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "1", "tidshallare": "2"})
    rounds = m.all("Laget runt")
    assert len(rounds) == 4
    for k, s in enumerate(rounds, start=1):
        assert f" {k} av 4" in s["header"]
    assert sorted(m.at("Lärarledare behöver beredskap för att").speakers) == sorted(FOUR)
    assert note_for(m.at("Skolledare behöver beredskap för att").step) in m.md
    assert "Professionellt ambassadörskap" in m.md


async def test_samtalsmonster(meeting: MakeApp, clock: FakeClock) -> None:
    """The four patterns rated, an example each, and one thing to try next time."""
    app = meeting("samtalsmonster", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        m = await lead(app, pilot, clock, appoint={"samtalsledare": "2"}, decision="Fler frågor")
    assert sorted(m.at("Ett exempel var").speakers) == sorted(FOUR)
    for pattern in ("Bekräftande", "Befästande", "Synliggörande", "Kunskapande"):
        assert f"| {pattern} |" in m.md
    assert "Fler frågor" in m.md
    assert note_for(m.at("Vad hjälper oss vidare?").step) in m.md


def test_every_bundled_protocol_is_led_through_here_or_in_test_flows() -> None:
    """A protocol added to the library needs a whole-meeting test of its own."""
    from kollegial.protocols.discovery import bundled_dir, protocol_files

    here = Path(__file__).read_text(encoding="utf-8")
    flows = (Path(__file__).parent / "test_flows.py").read_text(encoding="utf-8")
    for path in protocol_files(bundled_dir()):
        assert f'meeting("{path.stem}"' in here + flows, path.name


async def test_a_hint_is_shown_under_the_quoted_prompt(meeting: MakeApp) -> None:
    """The seed's words stay as they are; our own note follows them, apart."""
    app = meeting("triangulering", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        while app.session.step.step.id != "laget-runt":
            await pilot.press("right")
        step = app.session.step.step
        shown = text_of(app.screen.query_one("#prompt"))
        assert step.prompt and step.hint
        assert words(shown) == words(f"{step.prompt} {step.hint}")
        assert shown.index("klargörande frågor.") < shown.index("5 minuter laget runt")


# --- the new kinds of step, one rule each ---


async def test_h_skips_an_optional_step_after_asking(meeting: MakeApp) -> None:
    """h asks first; n keeps the step, h then j skips it (the last one: the meeting ends)."""
    from kollegial.tui.screens.dialogs import ConfirmSkip

    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        while app.session.step.step.id != "efterreflektion":
            app.session.next_step()
        await pilot.press("h")
        assert isinstance(app.screen, ConfirmSkip)
        asked = "\n".join(text_of(w) for w in app.screen.query("Static"))
        assert "Hoppa över steget?" in asked and "Efterreflektion" in asked
        await pilot.press("n")
        assert app.session.step.step.id == "efterreflektion"
        assert not app.session.skipped(app.session.current)
        await pilot.press("h", "j")
        assert app.session.ended
        assert app.session.skipped(app.session.current)


async def test_h_does_nothing_on_a_step_that_is_not_optional(meeting: MakeApp) -> None:
    """h on an ordinary step says it cannot be skipped and stays."""
    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.current == 0 and not app.session.skipped(0)
        assert "h hoppa över" not in text_of(app.screen.query_one("#footer"))


async def test_h_is_text_while_writing_a_note(meeting: MakeApp) -> None:
    """In the note field of an optional step, h is a letter, not a skip."""
    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        while app.session.step.step.id != "efterreflektion":
            app.session.next_step()
        await pilot.press("i", "h", "e", "j", "enter", "escape")
        assert app.session.step.step.id == "efterreflektion"
        assert [n.text for n in app.session.notes.values()] == ["hej"]


async def test_help_lists_the_skip_key(meeting: MakeApp) -> None:
    """The help dialog names h."""
    from kollegial.tui.screens.dialogs import Help

    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, Help)
        shown = "\n".join(text_of(w) for w in app.screen.query("Static"))
        assert "hoppa över ett valfritt steg" in shown


async def test_a_present_step_without_a_presenter_says_so(meeting: MakeApp) -> None:
    """Nobody appointed: the screen says who is missing instead of a name."""
    app = meeting("dilemma", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        assert app.session.step.mode is Mode.PRESENT
        shown = text_of(app.screen.query_one("#presenter"))
        assert "Ingen är utsedd till presentatör" in shown
        assert "TALAR NU" not in shown


async def test_a_long_or_unusual_name_is_shown_plainly(meeting: MakeApp) -> None:
    """A name the big letters cannot draw, or too wide for them, is still shown in full."""
    people = ["Zoë-Jiāng", "Maximiliana Vasilievna", "Cecilia", "David"]
    app = meeting("sista-ordet", people)
    async with app.run_test(size=SIZE) as pilot:
        for k, name in enumerate(people[:2]):
            await pilot.press(*["right"] * (3 if k else 2))
            shown = text_of(app.screen.query_one("#presenter"))
            assert f"Presentatör: {name}" in shown
            assert "█" not in shown
            assert name in text_of(app.screen.query_one("#header"))


async def test_names_are_never_markup_in_the_new_panels(meeting: MakeApp) -> None:
    """A name like [b]Bo[/] shows as typed in the header, the speaker and the groups."""
    people = ["[b]Bo[/]", "Eve\x1b[2J", "Cecilia", "David"]
    app = meeting("sista-ordet", people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        assert "Presentatör 1 av 4: [b]Bo[/]" in text_of(app.screen.query_one("#header"))
        assert "Presentatör: [b]Bo[/]" in text_of(app.screen.query_one("#presenter"))
        await pilot.press("right", "right", "right", "right", "n")
        turns = text_of(app.screen.query_one("#turns"))
        assert "Eve␛[2J (presentatör) lyssnar och antecknar" in turns
    app = meeting("1-2-4-alla", people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        assert "[b]Bo[/] · Eve␛[2J" in text_of(app.screen.query_one("#groups"))


async def test_notes_never_cover_the_speaker(meeting: MakeApp) -> None:
    """Many notes in a present step, the field open: the speaker stays in view, notes give way."""
    app = meeting("stamma-av", FOUR)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "right", "3", "right", "right", "i")
        for k in range(8):  # each note pasted whole, as a terminal sends a paste
            app.post_message(events.Paste(f"Fokusfrågan, del {k}"))
            await pilot.press("enter")
        assert len(app.session.notes) == 8
        await pilot.pause()
        screen = app.screen
        speaker = screen.query_one("#presenter").region
        notes = screen.query_one("#notes-area").region
        assert speaker.height >= 6 and speaker.bottom <= notes.y
        shown = text_of(screen.query_one("#notes"))
        assert "Fokusfrågan, del 7" in shown and "tidigare" in shown
