"""Screens of the meeting TUI."""
