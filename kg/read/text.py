"""Lines and blanking: the offset-preserving primitives the cleaning steps share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    """One line of a text: ``text[start:end]`` without its line break."""

    index: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into lines with their offsets (the same breaks as ``str.splitlines``).

    Parameters
    ----------
    text : str
        The document text.

    Returns
    -------
    list of Line
        Every line in order, including blank ones.
    """
    lines = []
    start = 0
    for index, chunk in enumerate(text.splitlines(keepends=True)):
        body = chunk.rstrip("".join(_LINE_BREAKS))
        lines.append(Line(index, start, start + len(body), body))
        start += len(chunk)
    return lines


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace the characters of ``spans`` by spaces, keeping line breaks and the length.

    Parameters
    ----------
    text : str
        The text to blank.
    spans : iterable of (start, end)
        Character ranges of ``text`` to blank; they may overlap.

    Returns
    -------
    str
        A string of the same length as ``text``.
    """
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] not in _LINE_BREAKS:
                chars[i] = " "
    return "".join(chars)


def normalize(line: str) -> str:
    """Case- and whitespace-insensitive form of a line, for comparing titles."""
    return _SPACE.sub(" ", line).strip().casefold()


@dataclass
class Cleaning:
    """What the cleaning steps found: spans to blank and metadata."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    title_line: int | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)

    def add_names(self, kind: str, names: Iterable[str]) -> None:
        """Append names to ``authors`` or ``editors`` (other kinds are ignored), without repeats."""
        target = {"authors": self.authors, "editors": self.editors}.get(kind)
        if target is not None:
            target.extend(n for n in names if n not in target)
