"""The ``kollegial`` command's entry point, also as ``python -m kollegial``.

The collector is turned off before anything is imported: starting the meeting
screen allocates ~200,000 objects and frees few, and collecting over them again
and again only delays the first frame (docs/architecture.md, start-up).
:func:`kollegial.cli.main` turns it back on as soon as the command is known to
be another one, and the meeting screen after its first frame.
"""

import gc


def run() -> None:
    gc.disable()
    from kollegial.cli import main

    main()


if __name__ == "__main__":
    run()
