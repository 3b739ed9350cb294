"""Time: date expressions normalised against the publication date, and the date of an event.

``normalize_date`` turns one expression ("on Thursday", "last weekend", "9 May 2020",
"two days ago") into an ISO date, with the weekday/tense logic news needs: in past-tense news a
bare weekday is the most recent such day on or before the anchor, in future tense the next one.
``event_date`` finds the date expression of an event's own clause in a parsed ``Doc``.
The words it reads (months, weekdays, relative phrases) live in ``kg/data/time/expressions.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Token

from kg.annotate.doccache import doc_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "time"
DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
_RANK = {DAY: 0, WEEK: 1, MONTH: 2, YEAR: 3}
# Dependency labels that open a clause of their own: dates inside them belong to that clause.
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "conj", "pcomp"}
)
# A line-initial news dateline such as "MEXICO CITY, Jan 9 (Reuters) -": its date is the
# publication date, never an event's.
DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'/-]{1,60}?,\s+[^\n()]{1,30}?\(([A-Za-z .]+)\)\s*[-\u2013\u2014]", re.M
)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The time words of ``kg/data/time/expressions.json`` (loaded once)."""
    return json.loads((DATA_DIR / "expressions.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Resolved:
    """A normalised date expression: the date and how precise it is (day, week, month, year)."""

    value: date
    granularity: str
    absolute: bool  # True when the text itself fixes the date (a year is written)


# ---------------------------------------------------------------------------------------------
# normalising one expression


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon()
    month = _alternation(lex["months"])
    weekday = _alternation(lex["weekdays"])
    number = _alternation(lex["numbers"])
    unit = _alternation(lex["units"])
    day = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<y>\d{4})"
    return {
        "iso": re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
        "dmy": re.compile(rf"{day}(?:\s*[-\u2013/]\s*\d{{1,2}})?\s+(?:of\s+)?(?P<m>{month})\.?,?\s+{year}\b"),
        "mdy": re.compile(rf"(?P<m>{month})\.?\s+{day}(?:\s*[-\u2013]\s*\d{{1,2}})?,?\s+{year}\b"),
        "dm": re.compile(rf"{day}(?:\s*[-\u2013/]\s*\d{{1,2}})?\s+(?:of\s+)?(?P<m>{month})\b\.?"),
        "md": re.compile(rf"(?P<m>{month})\.?\s+{day}\b(?!\s*[%,]?\s*\d)"),
        "my": re.compile(rf"(?P<m>{month})\.?,?\s+(?:of\s+)?{year}\b"),
        "m": re.compile(rf"(?P<m>{month})\b\.?$"),
        "y": re.compile(rf"{year}$"),
        "ago": re.compile(rf"(?P<n>\d+|{number})\s+(?P<u>{unit})\s+(?:ago|earlier|before)$"),
        "in_n": re.compile(rf"(?:in|within)\s+(?P<n>\d+|{number})\s+(?P<u>{unit})$"),
        "weekday": re.compile(rf"(?:(?P<q>\w+)\s+)?(?P<w>{weekday})\b\.?(?:'s)?(?:\s+\w+)?$"),
        "weekend": re.compile(r"(?:(?P<q>\w+)\s+)?weekend$"),
    }


def _clean(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'").strip()
    text = re.sub(r"[\s,;:()\"]+$", "", text)
    text = re.sub(r"^[\s,;:()\"]+", "", text)
    return re.sub(r"\s+", " ", text)


def _strip_leading(text: str) -> list[str]:
    """The expression, then the expression without each leading preposition/qualifier in turn."""
    strip = set(lexicon()["strip_words"])
    variants = [text]
    words = text.split(" ")
    while len(words) > 1 and words[0] in strip:
        words = words[1:]
        variants.append(" ".join(words))
    return variants


def _shift(anchor: date, unit: str, offset: int, align: str | None = None) -> tuple[date, str]:
    if unit == DAY:
        return anchor + timedelta(days=offset), DAY
    if unit == WEEK:
        value = anchor + timedelta(weeks=offset)
        return (value - timedelta(days=value.weekday()) if align == "start" else value), WEEK
    if unit == MONTH:
        value = anchor + relativedelta(months=offset)
        return (value.replace(day=1) if align == "start" else value), MONTH
    value = anchor + relativedelta(years=offset)
    return (value.replace(month=1, day=1) if align == "start" else value), YEAR


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _guess_year(m: int, d: int, anchor: date | None, tense: str | None) -> date | None:
    """A day and month without a year: the anchor's year, moved by one when the tense says so."""
    if anchor is None:
        return None
    value = _safe_date(anchor.year, m, d)
    if value is None:
        return None
    if tense == "future" and value < anchor - timedelta(days=14):
        return _safe_date(anchor.year + 1, m, d)
    if tense != "future" and value > anchor + timedelta(days=14):
        return _safe_date(anchor.year - 1, m, d)
    return value


def _weekday(wd: int, qualifier: str | None, anchor: date, tense: str | None) -> date:
    lex = lexicon()
    if qualifier in lex["future_markers"]:
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    if qualifier in lex["past_markers"]:
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    if tense == "future":
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def _weekend(qualifier: str | None, anchor: date, tense: str | None) -> date:
    """The Saturday of the weekend meant: the previous one in past tense, the next in future."""
    lex = lexicon()
    future = qualifier in lex["future_markers"] or (
        tense == "future" and qualifier not in lex["past_markers"]
    )
    if future:
        return anchor + timedelta(days=(5 - anchor.weekday()) % 7)
    if qualifier in lex["this_markers"] and anchor.weekday() >= 5:
        return anchor - timedelta(days=anchor.weekday() - 5)
    return anchor - timedelta(days=(anchor.weekday() - 5) % 7 or 7)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return lexicon()["numbers"].get(text)


def _absolute(text: str, anchor: date | None, tense: str | None) -> Resolved | None:
    p = _patterns()
    months = lexicon()["months"]
    for name in ("iso", "dmy", "mdy"):
        match = p[name].search(text)
        if match:
            m = int(match["m"]) if name == "iso" else months[match["m"]]
            value = _safe_date(int(match["y"]), m, int(match["d"]))
            if value:
                return Resolved(value, DAY, True)
    match = p["my"].search(text)
    if match:
        return Resolved(date(int(match["y"]), months[match["m"]], 1), MONTH, True)
    for name in ("dm", "md"):
        match = p[name].search(text)
        if match:
            value = _guess_year(months[match["m"]], int(match["d"]), anchor, tense)
            return Resolved(value, DAY, False) if value else None
    match = p["m"].fullmatch(text)
    if match and anchor is not None:
        value = date(anchor.year, months[match["m"]], 1)
        if tense != "future" and value > anchor:
            value = value.replace(year=anchor.year - 1)
        elif tense == "future" and value.month < anchor.month:
            value = value.replace(year=anchor.year + 1)
        return Resolved(value, MONTH, False)
    match = p["y"].fullmatch(text)
    if match and 1900 <= int(match["y"]) <= 2100:
        return Resolved(date(int(match["y"]), 1, 1), YEAR, True)
    return None


def _relative(text: str, anchor: date, tense: str | None) -> Resolved | None:
    lex = lexicon()
    p = _patterns()
    entry = lex["relative"].get(text)
    if entry is not None:
        value, granularity = _shift(anchor, entry["unit"], entry["offset"], entry.get("align"))
        return Resolved(value, granularity, False)
    for name, sign in (("ago", -1), ("in_n", 1)):
        match = p[name].fullmatch(text)
        if match and (n := _number(match["n"])) is not None:
            unit = lex["units"][match["u"]]
            value, granularity = _shift(anchor, unit, sign * n)
            return Resolved(value, DAY if unit == DAY else granularity, False)
    match = p["weekday"].fullmatch(text)
    if match:
        tail = text[match.end("w") :].strip(" .")
        tail = tail.removeprefix("'s").strip()
        if not tail or tail in lex["day_parts"]:
            value = _weekday(lex["weekdays"][match["w"]], match["q"], anchor, tense)
            return Resolved(value, DAY, False)
    match = p["weekend"].fullmatch(text)
    if match:
        return Resolved(_weekend(match["q"], anchor, tense), DAY, False)
    return None


def _anchor(published: str | date | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _resolve_cached(expression: str, anchor: date | None, tense: str | None) -> Resolved | None:
    text = _clean(expression)
    if not text:
        return None
    for variant in _strip_leading(text):
        if anchor is not None:
            found = _relative(variant, anchor, tense)
            if found:
                return found
        found = _absolute(variant, anchor, tense)
        if found:
            return found
    return _dateparser(text, anchor, tense)


_DURATION = re.compile(
    r"(?:the\s+)?(?:past\s+|last\s+|next\s+)?[\w-]+\s+(?:days?|weeks?|months?|years?|hours?|decades?)"
)


def _dateparser(text: str, anchor: date | None, tense: str | None) -> Resolved | None:
    """Last resort: ``dateparser`` for forms the rules above do not know (only when it can anchor)."""
    if anchor is None or not re.search(r"\d|ago|later|before|after", text):
        return None
    if re.fullmatch(r"[\d.,%\s]+", text) or _DURATION.fullmatch(text):
        return None  # a number or a duration ("2 months"), not a date
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None or abs(parsed.year - anchor.year) > 50:
        return None
    return Resolved(parsed.date(), DAY, bool(re.search(r"\b\d{4}\b", text)))


def resolve_date(
    expression: str, published: str | date | None, *, tense: str | None = None
) -> Resolved | None:
    """Normalise a date expression to a ``Resolved`` (date, granularity, absolute).

    Parameters
    ----------
    expression : str
        "on Thursday", "last weekend", "9 May 2020", "two days ago", "2020-05-09", ...
    published : str or date, optional
        The anchor (publication date). Without it only absolute expressions resolve.
    tense : {"past", "present", "future"}, optional
        The tense of the clause; decides which way a bare weekday points (default: past).
    """
    return _resolve_cached(expression, _anchor(published), tense)


def normalize_date(expression: str, published: str | None, *, tense: str | None = None) -> str | None:
    """Normalise a date expression to ``YYYY-MM-DD`` against the publication date.

    Parameters
    ----------
    expression : str
        A date expression as written: "on Thursday", "yesterday", "last weekend", "on 9 May 2020",
        "in October 2024" (first day of the month), "two days ago", "2020-05-09".
    published : str, optional
        The publication date (ISO). Relative expressions need it; absolute ones do not.
    tense : {"past", "present", "future"}, optional
        The tense of the clause: a bare weekday is the most recent such day (on or before the
        publication date) in past or present tense, the next one in future tense.

    Returns
    -------
    str or None
        The ISO date, or ``None`` when the expression is not a date or cannot be anchored.

    Examples
    --------
    >>> normalize_date("on Thursday", "2026-01-09")
    '2026-01-08'
    >>> normalize_date("last weekend", "2026-01-09")
    '2026-01-03'
    >>> normalize_date("On 9 May 2020", None)
    '2020-05-09'
    """
    found = resolve_date(expression, published, tense=tense)
    return found.value.isoformat() if found else None


# ---------------------------------------------------------------------------------------------
# date expressions in a Doc


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a document: token span, character span and text."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str


@lru_cache(maxsize=1)
def _scan_pattern() -> re.Pattern:
    """Date expressions written in the text, for what the NER misses ("Around 9 May 2020")."""
    lex = lexicon()
    month = _alternation(m.capitalize() for m in lex["months"])
    weekday = _alternation(w.capitalize() for w in lex["weekdays"] if len(w) > 3)
    relative = _alternation(lex["relative"])
    number = _alternation(lex["numbers"])
    unit = _alternation(lex["units"])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    parts = [
        r"\d{4}-\d{2}-\d{2}",
        rf"{day}(?:\s*[-\u2013]\s*\d{{1,2}})?\s+(?:of\s+)?(?:{month})\.?(?:,?\s+\d{{4}})?",
        rf"(?:{month})\.?\s+{day}(?:,?\s+\d{{4}})?(?!\s*%)",
        rf"(?:{month})\.?,?\s+\d{{4}}",
        rf"(?:(?:last|next|this|past)\s+)?(?:{weekday})(?:\s+(?:morning|afternoon|evening|night))?",
        r"(?:(?:last|next|this|the)\s+)weekend",
        rf"(?:\d+|{number})\s+(?:{unit})\s+ago",
        rf"(?i:{relative})",
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in DATELINE.finditer(text[:2000])]


def date_mentions(doc: Doc) -> list[DateMention]:
    """The date expressions of ``doc`` in text order (cached on the Doc), dateline dates excluded.

    Regular-expression matches over the text come first; DATE/TIME entities that overlap none of
    them are added.
    """
    cached = doc.user_data.get("kg_date_mentions")
    if cached is not None:
        return cached
    text = doc_text(doc)
    skip = _dateline_spans(text)
    found: list[tuple[int, int]] = []
    for match in _scan_pattern().finditer(text):
        found.append((match.start(), match.end()))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not any(
            s < ent.end_char and ent.start_char < e for s, e in found
        ):
            found.append((ent.start_char, ent.end_char))
    mentions = []
    for start, end in sorted(found):
        if any(s <= start < e for s, e in skip):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or _names_a_place(doc, span.end):
            continue
        mentions.append(DateMention(span.start, span.end, start, end, text[start:end]))
    doc.user_data["kg_date_mentions"] = mentions
    return mentions


def _names_a_place(doc: Doc, end: int) -> bool:
    """A date that is part of a name: "July 7 neighbourhood", "Monday Avenue", "25 of March sector"."""
    nouns = set(lexicon()["name_nouns"])
    return end < len(doc) and doc[end].lower_ in nouns


def full_dates(doc: Doc) -> list[tuple[int, date]]:
    """Day-precise dates with a written year in ``doc`` ("On 9 May 2020"), as (offset, date) in
    text order (cached on the Doc)."""
    key = "kg_full_dates"
    if key not in doc.user_data:
        found = []
        for mention in date_mentions(doc):
            resolved = resolve_date(mention.text, None)
            if resolved and resolved.absolute and resolved.granularity == DAY:
                found.append((mention.start_char, resolved.value))
        doc.user_data[key] = found
    return doc.user_data[key]


def first_full_date(doc: Doc) -> date | None:
    """The first day-precise date with a written year in ``doc``, if any."""
    dates = full_dates(doc)
    return dates[0][1] if dates else None


PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def narrative_date(trigger: Token) -> date | None:
    """The date a story has reached at ``trigger``: the last full date stated before it in its
    paragraph, else the paragraph's first ("Police killed two men in X. It happened on 9 May 2020").

    Used only without a publication date: an ACLED note's sentences share its date, but a date
    in another paragraph of a long article says nothing of this event.
    """
    text = doc_text(trigger.doc)
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    start = max((b for b in breaks if b <= trigger.idx), default=0)
    end = min((m.start() for m in PARAGRAPH_BREAK.finditer(text, trigger.idx)), default=len(text))
    inside = [(offset, value) for offset, value in full_dates(trigger.doc) if start <= offset < end]
    before = [value for offset, value in inside if offset <= trigger.idx]
    if before:
        return before[-1]
    return inside[0][1] if inside else None


# ---------------------------------------------------------------------------------------------
# the clause of a trigger


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` belongs to (xcomp chains count as one clause)."""
    current = token
    while True:
        if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSE_DEPS:
            return current
        if current.head.i == current.i:
            return current
        current = current.head


def linked_heads(head: Token) -> list[Token]:
    """``head`` first, then the verbs coordinated with it (dates of one conjunct serve all)."""
    root = head
    while root.dep_ == "conj" and root.head.i != root.i:
        root = clause_head(root.head)
    heads = [head, root]
    stack = [root]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child not in heads:
                heads.append(child)
                stack.append(child)
    return list(dict.fromkeys(heads))


def clause_tense(head: Token) -> str:
    """``"future"`` when the clause has a future auxiliary ("will", "going to", "plans to"), else
    ``"past"`` (news tells what happened)."""
    markers = set(lexicon()["future_auxiliaries"])
    current = head
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in markers:
                return "future"
        if current.dep_ != "xcomp" or current.head.i == current.i:
            break
        current = current.head
        if current.lower_ in markers or current.lemma_ in markers:
            return "future"
    return "past"


def _mention_root(doc: Doc, mention: DateMention) -> Token:
    return doc[mention.start : mention.end].root


def _quote_anchor(trigger: Token, anchor: date | None) -> tuple[date | None, bool]:
    """For a trigger inside a direct quote, the date of the quote's reporting clause (if any)."""
    from kg.extract.quotes import quote_at, reporting_verb

    doc = trigger.doc
    quote = quote_at(doc._.kg_quotes or [], trigger.idx)
    if quote is None:
        return anchor, False
    verb = reporting_verb(doc, quote)
    if verb is None:
        return anchor, False
    found = _clause_date(verb, anchor)
    return (found.value, True) if found else (anchor, False)


def _date_owner(root: Token) -> Token:
    """The clause verb a date expression belongs to. A date between a verb and the subject of its
    complement clause ("said on Friday she has tasked") belongs to the outer verb, whatever the
    parser attached it to."""
    owner = clause_head(root.head if root.head.i != root.i else root)
    if owner.dep_ == "ccomp" and owner.head.i < root.i < owner.i:
        subject = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and root.i < subject.i:
            return clause_head(owner.head)
    return owner


def _owned_mentions(doc: Doc) -> list[tuple[DateMention, int, int]]:
    """The date mentions of ``doc`` with the token index of their root and of their owning clause
    verb (``_date_owner``), computed once per document."""
    cached = doc.user_data.get("kg_date_owners")
    if cached is None:
        cached = []
        for mention in date_mentions(doc):
            root = _mention_root(doc, mention)
            cached.append((mention, root.i, _date_owner(root).i))
        doc.user_data["kg_date_owners"] = cached
    return cached


def _clause_date(trigger: Token, anchor: date | None) -> Resolved | None:
    doc = trigger.doc
    head = clause_head(trigger)
    heads = linked_heads(head)
    position: dict[int, int] = {}
    for n, h in enumerate(heads):
        position.setdefault(h.i, n)
    tense = clause_tense(head)
    candidates = []
    for mention, root_i, owner_i in _owned_mentions(doc):
        if mention.start <= trigger.i < mention.end:
            continue
        place = position.get(owner_i)
        if place is None:
            continue
        found = resolve_date(mention.text, anchor, tense=tense)
        if found is None or found.granularity == YEAR:
            continue
        rank = (_RANK[found.granularity], not found.absolute, place, abs(root_i - trigger.i))
        candidates.append((rank, found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def event_date(trigger: Token, published: str | None) -> tuple[str | None, str | None]:
    """The date of the event ``trigger`` names, and where it came from.

    The event takes the date expression of its own clause (the trigger's clause verb and the verbs
    coordinated with it; not dates inside other clauses), normalised against ``published``; a
    trigger inside a direct quote takes the date of the quote's reporting clause next; else the
    publication date. Without a publication date, the story's date at that point of its paragraph
    (:func:`narrative_date`) is used.

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The event's trigger token (a verb or an event noun).
    published : str, optional
        The publication date (ISO).

    Returns
    -------
    tuple
        ``(date, date_source)``: ``("YYYY-MM-DD", "text" | "published")`` or ``(None, None)``.
    """
    anchor = _anchor(published)
    document_date = narrative_date(trigger) if anchor is None else None
    anchor = anchor or document_date
    quote_anchor, quoted = _quote_anchor(trigger, anchor)
    found = _clause_date(trigger, quote_anchor)
    if found is not None:
        return found.value.isoformat(), "text"
    if quoted and quote_anchor is not None:
        return quote_anchor.isoformat(), "text"
    if published is not None and _anchor(published) is not None:
        return _anchor(published).isoformat(), "published"
    if document_date is not None:
        return document_date.isoformat(), "text"
    return None, None
