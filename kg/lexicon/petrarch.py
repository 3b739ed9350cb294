"""Readers for PETRARCH / Phoenix actor and agent dictionaries.

Actor dictionaries list a name, its ``+`` synonyms and one or more codes, each optionally
restricted in time::

    BARACK_OBAMA
    +PRESIDENT_OBAMA_
    +OBAMA
        [USAELI 780101-000101]
        [USAGOV >090120]

    AFGHANISTAN_  [AFG]

Dates are ``YYMMDD`` (years 00-30 are 20YY, others 19YY, as in TABARI/PETRARCH) or ``YYYYMMDD``;
``>D`` means from D on, ``<D`` before D, ``A-B`` from A to B; an undated code always applies.
Agent dictionaries map role words to a sector: ``FOREIGN_MINISTER [~GOV]``, with optional
plural forms in braces and ``!SET! = A, B`` substitution sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import KgError

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")


@dataclass(frozen=True)
class DatedCode:
    """One actor code and the dates it applies to (``None`` = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def applies(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


def name_key(raw: str) -> str:
    """The lookup key of a dictionary name or a text name: words joined by single spaces, casefolded."""
    text = raw.replace("_", " ").replace("’", "'")
    return " ".join(text.split()).casefold()


def parse_dict_date(text: str) -> date:
    """Parse a PETRARCH date (``YYMMDD`` or ``YYYYMMDD``)."""
    digits = text.strip()
    try:
        if len(digits) <= 7:
            yy = int(digits[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return date(year, int(digits[2:4]), int(digits[4:6]))
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise ValueError(f"bad dictionary date {text!r}") from exc


def parse_code(cell: str) -> DatedCode | None:
    """Parse the inside of ``[CODE restriction]``; ``None`` for an empty or ``---`` code."""
    parts = cell.split(None, 1)
    if not parts or not re.match(r"^[A-Z~]{3,}$", parts[0]):
        return None
    code, rest = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    if not rest:
        return DatedCode(code)
    if rest.startswith(">"):
        return DatedCode(code, start=parse_dict_date(rest[1:]))
    if rest.startswith("<"):
        return DatedCode(code, end=parse_dict_date(rest[1:]))
    match = _DATE_RANGE.match(rest)
    if match:
        return DatedCode(code, parse_dict_date(match.group(1)), parse_dict_date(match.group(2)))
    return DatedCode(code)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_actor_dictionary(path: str | Path) -> dict[str, list[DatedCode]]:
    """Read a PETRARCH/Phoenix actor dictionary into ``{name key: [DatedCode, ...]}``.

    Parameters
    ----------
    path : str or Path
        The dictionary file.

    Returns
    -------
    dict
        Every name and synonym (keys from :func:`name_key`) with the codes of its entry, in
        file order.

    Raises
    ------
    KgError
        When the file cannot be read.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read actor dictionary {path}: {exc.strerror or exc}") from exc
    entries: dict[str, list[DatedCode]] = {}
    names: list[str] = []
    codes: list[DatedCode] = []

    def flush() -> None:
        for name in names:
            entries.setdefault(name, []).extend(codes)

    for raw in lines:
        if raw.startswith("<") or not raw.strip():
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):  # indented code line of the current entry
            codes.extend(c for c in map(parse_code, _CODE.findall(stripped)) if c)
            continue
        found = [c for c in map(parse_code, _CODE.findall(stripped)) if c]
        name = _CODE.sub("", stripped).strip()
        if stripped.startswith("+"):
            names.append(name_key(name[1:]))
            codes.extend(found)
            continue
        flush()
        names, codes = ([name_key(name)] if name else []), found
    flush()
    return {k: v for k, v in entries.items() if k and v}


def choose_code(codes: list[DatedCode], when: date | None) -> str | None:
    """The code that applies on ``when``: a dated code whose range holds it, else an undated one.

    Without a date, the undated code is chosen, else the last one listed.
    """
    if when is not None:
        dated = [c for c in codes if c.dated and c.applies(when)]
        if dated:
            return dated[-1].code
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[-1].code
    if when is None and codes:
        return codes[-1].code
    return None


def read_agent_dictionary(path: str | Path) -> dict[str, str]:
    """Read a PETRARCH/Phoenix agent dictionary into ``{phrase key: sector code}``.

    ``FOREIGN_MINISTER [~GOV]`` gives ``{"foreign minister": "GOV"}``; plurals given in braces
    and ``!SET!`` substitutions are expanded; regular plurals are derived by the lexicon.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read agent dictionary {path}: {exc.strerror or exc}") from exc
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, values = line.split("=", 1)
            sets[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.search(r"\[([^\]]*)\]", line)
        if not match:
            continue
        sector = match.group(1).replace("~", "").strip()[:3]
        if not sector:
            continue
        head = line[: match.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        for form in [head, *" ".join(plurals).split()]:
            for expanded in _expand(form, sets):
                key = name_key(expanded)
                if key:
                    agents.setdefault(key, sector)
    return agents


def _expand(form: str, sets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", form)
    if not match or match.group(0) not in sets:
        return [form]
    out = []
    for value in sets[match.group(0)]:
        out.extend(_expand(form[: match.start()] + value + form[match.end() :], sets))
    return out
