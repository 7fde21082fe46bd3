"""The ``kollegial`` command's entry point, also as ``python -m kollegial``."""

from kollegial import collector


def run() -> None:
    collector.hold()  # before anything else is imported: see kollegial.collector
    from kollegial.cli import main

    main()


if __name__ == "__main__":
    run()
