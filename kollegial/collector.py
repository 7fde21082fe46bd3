"""The garbage collector while a command starts: the one place that turns it off and on.

Starting the meeting screen allocates some 200,000 objects and frees few; the
collector running over them again and again cost ~30 ms before the first
frame. So it is off from the very start (:func:`hold`, before anything else
is imported, and again in :func:`kollegial.cli.main`); every command but the
meeting screen turns it on as soon as the command is known, and ``main`` at
its end (:func:`release`); the meeting app turns it on after its first frame
(:func:`settle`), freezing first what lives as long as the app (widgets,
styles, the protocol), so collections during the meeting do not walk it. It
does not collect first: that took ~35 ms, a key pressed at once would wait
for it, and the little start-up garbage is not worth that.

This module imports nothing but :mod:`gc`, so it is cheap to import first.
"""

import gc


def hold() -> None:
    gc.disable()


def release() -> None:
    gc.enable()


def settle() -> None:
    gc.freeze()
    gc.enable()


def pause() -> bool:
    """Off while a long read builds many objects that live on (the ratings import):
    each full collection would walk everything read so far. Says whether it was on."""
    was_on = gc.isenabled()
    gc.disable()
    return was_on


def keep(was_on: bool) -> None:
    """After such a read: what it kept is left out of later collections, as the
    start-up's objects are (:func:`settle`), and the collector is as it was."""
    gc.freeze()
    if was_on:
        gc.enable()
