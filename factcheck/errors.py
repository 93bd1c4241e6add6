"""Errors a person can act on: each message says what is wrong and what to do."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits with 2."""


class InputError(FactcheckError):
    """A source could not be read or holds no article text."""


class SettingsError(FactcheckError):
    """A setting has an unknown name or a value out of range."""
