"""Credit lines and bylines -> ``authors`` / ``editors`` (patterns in ``kg/data/read/credits.toml``).

"(Reporting by Diego Ore, Ana Isabel Martinez; Writing by Brendan O'Boyle; Editing by Emily
Green, Rod Nickel)" gives authors Diego Ore, Ana Isabel Martinez, Brendan O'Boyle and editors
Emily Green, Rod Nickel; "By Jane Doe" at the top and "AP writer X contributed to this report."
give authors too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.read.agencies import agency
from kg.read.text import Cleaning, Line

DATA = Path(__file__).resolve().parent.parent / "data" / "read"

_BYLINE_MAX_CHARS = 120
_BYLINE_REGION = 4  # bylines are looked for in the first few non-blank lines
_CREDIT_MAX_CHARS = 400
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w.'’-]*$")
_NAME_PARTICLES = frozenset(
    {
        "de",
        "la",
        "del",
        "da",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ben",
        "di",
        "du",
        "le",
    }
)
_NAME_SEPARATORS = r"\s*,\s*|\s+and\s+|\s*&\s*"


@dataclass(frozen=True)
class _Rules:
    roles: dict[str, str]
    role_re: str
    not_names: frozenset[str]
    contributed: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = tomllib.loads((DATA / "credits.toml").read_text(encoding="utf-8"))
    roles = {k.casefold(): v for k, v in data["roles"].items()}
    alternatives = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(roles, key=len, reverse=True))
    return _Rules(
        roles=roles,
        role_re=rf"(?:{alternatives})",
        not_names=frozenset(n.casefold() for n in data["byline"]["not_names"]),
        contributed=tuple(re.compile(p, re.IGNORECASE) for p in data["contributed"]["patterns"]),
    )


def parse_credit(credit: str) -> dict[str, list[str]] | None:
    """Read a credit line such as ``Reporting by A, B; Writing by C; Editing by D``.

    Parameters
    ----------
    credit : str
        The credit text, with or without its parentheses.

    Returns
    -------
    dict or None
        ``{"authors": [...], "editors": [...]}``, or None when the text is not a credit line.

    Examples
    --------
    >>> parse_credit("(Reporting by Ana Lopez; Editing by Tom Hay)")
    {'authors': ['Ana Lopez'], 'editors': ['Tom Hay']}
    """
    rules = _rules()
    inner = credit.strip().removeprefix("(").removesuffix(")").strip()
    if not re.match(rf"{rules.role_re}\s+by\s", inner, re.IGNORECASE):
        return None
    splitter = rf"\s*;\s*|\s*,\s*(?={rules.role_re}\s+by\s)|\s+and\s+(?={rules.role_re}\s+by\s)"
    result: dict[str, list[str]] = {"authors": [], "editors": []}
    for segment in re.split(splitter, inner, flags=re.IGNORECASE):
        match = re.match(rf"({rules.role_re})\s+by\s+(.+)$", segment.strip(), re.IGNORECASE | re.DOTALL)
        if not match:
            continue
        kind = rules.roles.get(re.sub(r"\s+", " ", match.group(1)).casefold(), "ignore")
        if kind in result:
            result[kind].extend(n for n in split_names(match.group(2)) if n not in result[kind])
    return result


def split_names(names: str) -> list[str]:
    """Split ``"A, B and C in Washington"`` into person names, dropping places and non-names.

    Parameters
    ----------
    names : str
        Names joined by commas, "and" or "&", each possibly followed by "in PLACE".

    Returns
    -------
    list of str
    """
    out = []
    for part in re.split(_NAME_SEPARATORS, names.strip().rstrip(".")):
        name = re.sub(r"\s+(?:in|from|at)\s+.*$", "", part.strip(), flags=re.DOTALL).strip(" .")
        if name and not _is_staff(name) and is_name(name):
            out.append(_title_case(name))
    return out


def _is_staff(name: str) -> bool:
    """ "Reuters Staff", "Gdansk Newsroom": a desk, not a person."""
    words = name.casefold().split()
    not_names = _rules().not_names
    return " ".join(words) in not_names or words[-1] in not_names or agency(name) is not None


def is_name(name: str, *, min_tokens: int = 1) -> bool:
    """Whether text looks like a person's name: 1-6 capitalised words (particles allowed)."""
    tokens = name.split()
    return min_tokens <= len(tokens) <= 6 and all(
        _NAME_TOKEN.match(t) or t.casefold() in _NAME_PARTICLES for t in tokens
    )


def _title_case(name: str) -> str:
    """``JANE DOE`` -> ``Jane Doe``; mixed-case names are kept as written."""
    return name.title() if name.isupper() and len(name) > 3 else name


def find_credits(text: str, lines: list[Line], found: Cleaning) -> None:
    """Blank credit lines and move their names to ``authors`` / ``editors``.

    Handles parenthesised credits anywhere (``(Reporting by ...; Editing by ...)``), the same
    without parentheses on a line of their own, and "X contributed to this report." lines.

    Parameters
    ----------
    text : str
        The document text.
    lines : list of Line
        Its lines.
    found : Cleaning
        Receives the spans and names.
    """
    rules = _rules()
    pattern = re.compile(rf"\(\s*{rules.role_re}\s+by\s[^()]{{1,{_CREDIT_MAX_CHARS}}}\)", re.IGNORECASE)
    for match in pattern.finditer(text):
        credit = parse_credit(match.group(0))
        if credit is not None and any(credit.values()):
            found.spans.append(match.span())
            for kind, names in credit.items():
                found.add_names(kind, names)
    for line in lines:
        stripped = line.stripped
        if not stripped or len(stripped) > _CREDIT_MAX_CHARS or stripped.startswith("("):
            continue
        credit = parse_credit(stripped) or _parse_contributed(stripped, rules)
        if credit is not None and any(credit.values()):
            found.spans.append((line.start, line.end))
            for kind, names in credit.items():
                found.add_names(kind, names)


def _parse_contributed(line: str, rules: _Rules) -> dict[str, list[str]] | None:
    for pattern in rules.contributed:
        match = pattern.match(line)
        if match:
            names = split_names(match.group("names"))
            return {"authors": names, "editors": []} if names else None
    return None


def parse_byline(line: str) -> list[str] | None:
    """Read a byline such as ``By Jane Doe and JOHN ROE, Reuters``.

    Parameters
    ----------
    line : str
        One line of text.

    Returns
    -------
    list of str or None
        The names (possibly empty, e.g. ``By Reuters Staff``), or None when it is not a byline.

    Examples
    --------
    >>> parse_byline("By Jane Doe and John Roe | Reuters")
    ['Jane Doe', 'John Roe']
    """
    stripped = line.strip()
    match = re.match(r"by\s+(.+?)\s*$", stripped, re.IGNORECASE)
    if not match or len(stripped) > _BYLINE_MAX_CHARS:
        return None
    names = []
    for part in re.split(r"\s*(?:,|\band\b|&|\||·|\s[-–—]\s)\s*", match.group(1)):
        part = re.sub(r"^the\s+", "", part.strip(" ."), flags=re.IGNORECASE)
        if not part or _is_staff(part):
            continue
        if not is_name(part, min_tokens=2):
            return None
        names.append(_title_case(part))
    return names


def find_byline(lines: list[Line], found: Cleaning) -> None:
    """Blank a "By NAME" byline line near the top and add the names to ``authors``."""
    filled = [line for line in lines if not line.is_blank and line.index != found.title_line]
    for line in filled[:_BYLINE_REGION]:
        names = parse_byline(line.text)
        if names is not None:
            found.spans.append((line.start, line.end))
            found.add_names("authors", names)
            return
