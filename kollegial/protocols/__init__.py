"""The protocol format: model, loader, discovery and schema. Imports no UI.

Import from the submodules: ``kollegial.protocols.model`` (plain classes, used
at run time) does not pull in pydantic and PyYAML, which only the loader needs.
"""
