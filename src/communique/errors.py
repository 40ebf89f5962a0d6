"""The few exceptions communique raises; each message is one line a user can act on."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""


class InputError(CommuniqueError):
    """A file or record that cannot be read as a statement."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.location_message())

    def location_message(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class IssuerError(CommuniqueError):
    """An issuer code that names no known actor."""


class ModelError(CommuniqueError):
    """The language model or a bundled data file is missing or broken."""


class StoreError(CommuniqueError):
    """A corpus database that cannot be opened, read or written (corrupt file,
    unreachable server, disk full); the message names the database."""
