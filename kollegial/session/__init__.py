"""The session engine: plan, timers, turns, notes, ratings. Pure: no I/O, no UI."""

from kollegial.session.clock import Clock, FakeClock, SystemClock
from kollegial.session.plan import Plan, PlanStep, build_plan
from kollegial.session.session import Adjustment, Note, Pause, Session, StepReport

__all__ = [
    "Adjustment",
    "Clock",
    "FakeClock",
    "Note",
    "Pause",
    "Plan",
    "PlanStep",
    "Session",
    "StepReport",
    "SystemClock",
    "build_plan",
]
