"""Errors about the data, each a one-line message fit for the terminal (never a traceback)."""

from __future__ import annotations


class DataError(Exception):
    """A problem with the source data or the build that the user can act on."""


class MissingSourceError(DataError, FileNotFoundError):
    """A source file the pipeline needs is not in the data directory."""


class SourceIntegrityError(DataError):
    """A source file does not match the SHA-256 recorded in the data folder's manifest."""


class SourceFormatError(DataError, ValueError):
    """A source file cannot be read: bad JSON, a non-numeric figure, an invalid polygon…"""
