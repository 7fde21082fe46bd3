"""Widgets of the meeting screen: each shows what it is given, no rules of its own."""
