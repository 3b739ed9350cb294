"""Cleaning without moving offsets: titles, site boilerplate, credit lines and bylines.

Every step adds the character spans it wants blanked, and the metadata it read, to a
``Cleaning``; the caller blanks them all at once in ``Document.content`` so ``Document.text``
and every offset stay intact.  Boilerplate patterns live in ``kg/data/read/boilerplate.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.read.credits import find_byline, find_credits
from kg.read.dateline import parse_dateline
from kg.read.text import Cleaning, Line, normalize

DATA = Path(__file__).resolve().parent.parent / "data" / "read"

_TITLE_MAX_CHARS = 250
_TITLE_MAX_WORDS = 35


@dataclass(frozen=True)
class _Boilerplate:
    max_line_length: int
    line: tuple[re.Pattern[str], ...]
    span: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _boilerplate() -> _Boilerplate:
    data = tomllib.loads((DATA / "boilerplate.toml").read_text(encoding="utf-8"))
    return _Boilerplate(
        max_line_length=int(data["line"]["max_line_length"]),
        line=tuple(re.compile(p, re.IGNORECASE) for p in data["line"]["patterns"]),
        span=tuple(re.compile(p, re.IGNORECASE) for p in data["span"]["patterns"]),
    )


def is_boilerplate_line(text: str) -> bool:
    """Whether a whole line is site boilerplate (copyright, theme credits, share links ...).

    Parameters
    ----------
    text : str
        The line, without its line break.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_boilerplate_line("COSMO NEWS © 2015 | Distributed By My Blogger Themes")
    True
    """
    rules = _boilerplate()
    stripped = text.strip()
    if not stripped or len(stripped) > rules.max_line_length:
        return False
    return any(p.search(stripped) for p in rules.line)


def find_boilerplate(text: str, lines: list[Line], found: Cleaning) -> None:
    """Add the spans of boilerplate lines and of boilerplate phrases inside paragraphs."""
    for line in lines:
        if is_boilerplate_line(line.text):
            found.spans.append((line.start, line.end))
    for pattern in _boilerplate().span:
        found.spans.extend(m.span() for m in pattern.finditer(text))


def looks_like_title(line: str) -> bool:
    """Whether a line reads like a headline: short, no closing sentence punctuation, no dateline.

    Parameters
    ----------
    line : str
        The candidate line.

    Returns
    -------
    bool
    """
    text = line.strip()
    if not text or len(text) > _TITLE_MAX_CHARS or len(text.split()) > _TITLE_MAX_WORDS:
        return False
    if text[-1] in ".,;:" or re.match(r"by\s", text, re.IGNORECASE):
        return False
    return not is_boilerplate_line(text) and parse_dateline(text) is None


def find_title(lines: list[Line], known_title: str | None, found: Cleaning) -> None:
    """Find the title line (unless the metadata gave one) and blank its repeats.

    The first non-blank line is the title when more text follows and it either looks like a
    headline or is repeated (scraped pages often print the headline twice).  The first
    occurrence stays in the content; later whole-line repeats are blanked.

    Parameters
    ----------
    lines : list of Line
        The document's lines.
    known_title : str or None
        A title from metadata (JSON Lines / CSV); then only its repeats are blanked.
    found : Cleaning
        Receives ``title``, ``title_line`` and the spans of repeated titles.
    """
    filled = [line for line in lines if not line.is_blank]
    if not filled:
        return
    if known_title is None:
        first = filled[0]
        repeated = any(normalize(line.text) == normalize(first.text) for line in filled[1:])
        if len(filled) < 2 or not (repeated or looks_like_title(first.text)):
            return
        if parse_dateline(first.text) is not None or is_boilerplate_line(first.text):
            return
        found.title = first.stripped
    target = normalize(found.title or known_title or "")
    for line in filled:
        if normalize(line.text) != target:
            continue
        if found.title_line is None:
            found.title_line = line.index
        else:
            found.spans.append((line.start, line.end))


def clean(text: str, lines: list[Line], *, known_title: str | None = None) -> Cleaning:
    """Run every cleaning step on a text.

    Parameters
    ----------
    text : str
        The document text as decoded.
    lines : list of Line
        ``split_lines(text)``.
    known_title : str, optional
        A title from metadata.

    Returns
    -------
    Cleaning
        Spans to blank, the title found in the text (when no ``known_title``), authors, editors.
    """
    found = Cleaning()
    find_title(lines, known_title, found)
    find_boilerplate(text, lines, found)
    find_byline(lines, found)
    find_credits(text, lines, found)
    return found
