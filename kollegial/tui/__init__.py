"""The Textual view of a meeting: it shows the session and sends it commands."""
