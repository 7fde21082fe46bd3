"""kollegial: structured collegial conversations for teacher teams."""

__version__ = "0.1.0"
