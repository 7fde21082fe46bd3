"""Allow ``python -m kollegial``."""

from kollegial.cli import main

main()
