"""Exceptions, and the warnings a build collects instead of raising."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KgError", "ArgumentError", "ParseError", "ExportError", "WorkerError", "InputWarning", "read_input_text"]


class KgError(Exception):
    """Base class of every error `kg` reports to the user."""


class ArgumentError(ValueError, KgError):
    """An argument given wrongly (`kg`'s usage error), e.g. a query parameter that is missing."""


class ParseError(ValueError, KgError):
    """An input file (a digest, an aliases file, a thesaurus) that cannot be read, with the place of the fault."""

    def __init__(self, message: str, path: str, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def read_input_text(path, error: type[ParseError], what: str) -> str:
    """A UTF-8 input file given with the build (a BOM dropped); `error` names it if it cannot be read."""
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {what}: {exc}", str(path)) from None


class ExportError(KgError):
    """An export that could not be written."""

    @classmethod
    def at(cls, where: str, exc: Exception) -> ExportError:
        """`exc`, raised while writing `where` (a file, a node), as one line that names it."""
        return cls(f"{where}: {exc if isinstance(exc, KgError) else f'{type(exc).__name__}: {exc}'}")


class WorkerError(KgError):
    """A second process of the build (`kg.runtime`) that failed or was killed."""


@dataclass(frozen=True, order=True)
class InputWarning:
    """Something in the input that was skipped or repaired, and where."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
