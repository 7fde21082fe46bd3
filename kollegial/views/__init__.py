"""Plain-terminal views for the CLI commands (the TUI lives in ``kollegial.tui``).

They format what the core returns; no rules live here.
"""
