"""Quotes and claims: direct quotes with their speaker, and statements kept as attributed claims.

The ``kg_quotes`` component runs after the actors (and coreference) and before the events. It fills
``doc._.kg_quotes`` (``Quote``: text and offsets without the quotation marks, speaker = actor id)
and ``doc._.kg_claims`` (``Claim``: what a speaker states, quoted or reported, never a fact).
The verbs and words it reads live in ``kg/data/quotes/reporting.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.annotate.doccache import doc_text, sentence_index, sentence_of
from kg.extract.table import ActorTable
from kg.model import Claim, Mention, Quote

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "quotes" / "reporting.json"
OPENERS = {"\u201c": "curly", '"': "straight", "\u201e": "curly"}
CLOSERS = {"\u201d": "curly", '"': "straight"}
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\u201c\"])")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PRONOUNS = {"he", "she", "him", "her", "they", "it"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The words of ``kg/data/quotes/reporting.json`` (loaded once), lists turned into sets."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {k: set(v) if isinstance(v, list) else v for k, v in data.items()}


@dataclass
class Segment:
    """A run of quoted text inside one paragraph: offsets exclude the quotation marks."""

    start: int
    end: int
    paragraph: int
    opens_paragraph: bool  # the paragraph starts with this quote's opening mark
    closed: bool  # a closing mark was found in the paragraph


# ---------------------------------------------------------------------------------------------
# finding quoted text


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_segments(text: str) -> list[Segment]:
    """Quoted runs of ``text`` (straight and curly double quotes), paragraph by paragraph.

    A paragraph that opens a quote without closing it yields a segment up to its end
    (``closed=False``); the next paragraph that starts with a quotation mark continues it.
    """
    segments: list[Segment] = []
    carry = False  # the previous paragraph left a quote open
    for n, (p_start, p_end) in enumerate(_paragraphs(text)):
        lead = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        opened = None
        first = True
        for i in range(p_start, p_end):
            char = text[i]
            if opened is None and char in OPENERS and not _is_inch_mark(text, i):
                if _looks_closing(text, i):
                    # a stray closing mark: the end of a quote broken over a paragraph break
                    # without a new opening mark ("... prime minister. I\n\nprime minister and ...,"")
                    s, e = _trim(text, lead, i)
                    if carry and first and e > s:
                        segments.append(Segment(s, e, n, True, True))
                    first = False
                    continue
                opened = i
                first = False
            elif opened is not None and char in CLOSERS:
                s, e = _trim(text, opened + 1, i)
                if e > s:
                    segments.append(Segment(s, e, n, opened == lead, True))
                opened = None
        carry = opened is not None
        if opened is not None:
            s, e = _trim(text, opened + 1, p_end)
            if e > s:
                segments.append(Segment(s, e, n, opened == lead, False))
    return segments


def _looks_closing(text: str, i: int) -> bool:
    """A straight quotation mark placed like a closing one: after a word or punctuation and before
    a space, punctuation or the end."""
    if text[i] != '"':
        return text[i] in CLOSERS and text[i] not in OPENERS
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and (after.isspace() or after in ".,;:!?)]")


def _is_inch_mark(text: str, i: int) -> bool:
    return text[i] == '"' and i > 0 and text[i - 1].isdigit()


# ---------------------------------------------------------------------------------------------
# speakers


def _window(doc: Doc, start: int, end: int) -> Span | None:
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="contract")


def _after_window(doc: Doc, seg: Segment, limit: int) -> Span | None:
    """The reporting clause after a quote: up to the end of its sentence, the next quote or ``limit``."""
    text = doc_text(doc)
    start = seg.end
    while start < len(text) and (text[start] in CLOSERS or text[start] in ",;: \t"):
        start += 1
    first = doc.char_span(start, min(start + 1, len(text)), alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    end = min(sentence_of(doc, first.start).end_char, limit)
    return _window(doc, start, end)


def _before_window(doc: Doc, seg: Segment, floor: int) -> Span | None:
    """The reporting clause before a quote ("Trump said:"), from its sentence start or ``floor``."""
    text = doc_text(doc)
    end = seg.start - 1
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end <= floor:
        return None
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None or len(last) == 0:
        return None
    start = max(sentence_of(doc, last.start).start_char, floor)
    span = _window(doc, start, end)
    if span is None or not span.text.rstrip().endswith((",", ":")):
        return None
    return span


def _reporting_verb(span: Span | None, last: bool = False) -> Token | None:
    if span is None:
        return None
    verbs = [
        t for t in span if t.lemma_.lower() in lexicon()["reporting_verbs"] and t.pos_ in ("VERB", "AUX")
    ]
    if not verbs:
        return None
    return verbs[-1] if last else verbs[0]


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, looking through coordination ("... and said")."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if current.dep_ not in ("conj", "xcomp") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _nearest_person(table: ActorTable, before: int) -> str | None:
    best = None
    for actor in table:
        if actor.kind != "person":
            continue
        for m in actor.mentions:
            if m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, actor.id)
    return best[1] if best else None


def actor_of_token(token: Token, table: ActorTable | None) -> str | None:
    """The actor a (subject) token refers to: its own mention, its name phrase, or for a pronoun
    with no coreference mention the nearest person named before it."""
    if table is None:
        return None
    found = table.at(token.idx, token.idx + len(token))
    if found is not None:
        return found
    left = min(
        (t.idx for t in token.subtree if t.dep_ in ("compound", "flat", "amod", "poss")), default=token.idx
    )
    found = table.at(left, token.idx + len(token))
    if found is not None:
        return found
    if token.lower_ in PRONOUNS and token.lower_ not in ("it", "they"):
        return _nearest_person(table, token.idx)
    phrase = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos") or t.i == token.i]
    inside = table.within(min(t.idx for t in phrase), max(t.idx + len(t) for t in phrase))
    people = [a for a in inside if table.get(a).kind == "person"]
    return (people or inside or [None])[-1]


def _speaker_in(
    span: Span | None, table: ActorTable | None, last: bool = False
) -> tuple[str | None, Token | None]:
    verb = _reporting_verb(span, last)
    if verb is None:
        return None, None
    subject = subject_of(verb)
    if subject is not None:
        return actor_of_token(subject, table), verb
    # "..., said Trump": an actor mention right after the verb in the window
    if table is not None:
        after = table.within(verb.idx + len(verb), span.end_char)
        if after:
            return after[0], verb
    return None, verb


@dataclass
class _Found:
    segment: Segment
    speaker: str | None
    cue: int | None  # token index of the reporting verb


def _attribute(doc: Doc, segments: list[Segment], table: ActorTable | None) -> list[_Found]:
    found: list[_Found] = []
    text = doc_text(doc)
    for k, seg in enumerate(segments):
        nxt = segments[k + 1].start - 1 if k + 1 < len(segments) else len(text)
        prev_end = segments[k - 1].end + 1 if k > 0 else 0
        ends_sentence = text[seg.end - 1] in ".!?" if seg.end > seg.start else False
        speaker, cue = None, None
        if seg.closed and not ends_sentence:
            speaker, cue = _speaker_in(_after_window(doc, seg, nxt), table)
        if cue is None:
            speaker, cue = _speaker_in(_before_window(doc, seg, prev_end), table, last=True)
        if cue is None and seg.closed and ends_sentence:
            window = _after_window(doc, seg, nxt)
            if window is not None and window.text[:1].islower():
                speaker, cue = _speaker_in(window, table)
        if cue is None and found and _continues(doc, found[-1].segment, seg):
            speaker, cue = found[-1].speaker, found[-1].cue
        found.append(_Found(seg, speaker, cue.i if isinstance(cue, Token) else cue))
    return found


def _continues(doc: Doc, previous: Segment, seg: Segment) -> bool:
    """Whether ``seg`` goes on with the speaker of ``previous``: the next paragraph continuing an
    unclosed quote, or a later quote in the same (or next) paragraph with no reporting verb."""
    if not previous.closed and seg.opens_paragraph and seg.paragraph == previous.paragraph + 1:
        return True
    return seg.paragraph - previous.paragraph <= 1


# ---------------------------------------------------------------------------------------------
# claims


def _clause_heads(tokens: list[Token]) -> list[Token]:
    inside = {t.i for t in tokens}
    heads = []
    for t in tokens:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in t.children)
        fronted = t.dep_ == "ccomp" and t.i < t.head.i  # "X is running Mexico — it's sad"
        if (
            t.dep_ == "ROOT"
            or t.head.i not in inside
            or (own_subject and (t.dep_ in ("conj", "parataxis") or fronted))
        ):
            heads.append(t)
    return heads


def _clause_span(head: Token, others: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Token range of the clause ``head`` within ``[lo, hi)``, without the other clauses."""
    blocked = {t.i for o in others if o.i != head.i and not o.is_ancestor(head) for t in o.subtree}
    own = [t.i for t in head.subtree if lo <= t.i < hi and t.i not in blocked]
    if not own:
        return None
    start, end = min(own), max(own) + 1
    doc = head.doc
    return _tidy(doc, start, end, 3)


def _tidy(doc: Doc, start: int, end: int, minimum: int = 2) -> tuple[int, int] | None:
    """Drop leading/trailing punctuation and conjunctions from a token range."""
    while start < end and (doc[start].is_punct or doc[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return (start, end) if end - start >= minimum else None


def quoted_claims(doc: Doc, quote: Quote) -> list[Claim]:
    """The statements of a direct quote: one claim per independent clause of each statement sentence."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if span is None:
        return []
    claims = []
    for sent in span.sents:
        lo, hi = max(sent.start, span.start), min(sent.end, span.end)
        tokens = list(doc[lo:hi])
        if not tokens or doc[hi - 1].text == "?":
            continue
        heads = _clause_heads(tokens)
        for head in heads:
            rng = _clause_span(head, heads, lo, hi)
            if rng is None:
                continue
            part = doc[rng[0] : rng[1]]
            claims.append(Claim(quote.speaker, part.text, part.start_char, part.end_char, quoted=True))
    return claims


def _antecedent_start(relative: Token) -> int | None:
    """Where the noun phrase a relative pronoun ("which") stands for starts ("drug cartels, which")."""
    doc = relative.doc
    i = relative.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = doc[i]
    return min(t.i for t in noun.subtree if t.i <= noun.i)


def _complement_span(clause: Token, last: int | None = None) -> Span | None:
    """The reported clause, starting at the antecedent for "X, which he said were ..."."""
    doc = clause.doc
    subject = subject_of(clause)
    dropped: set[int] = set()
    for child in clause.children:  # "said on Friday she has ...": the date is the saying's
        before = subject is not None and child.i < subject.i and child.dep_ in ("prep", "npadvmod")
        if before and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            dropped.update(t.i for t in child.subtree)
    tokens = [
        t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i) and t.i not in dropped
    ]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1 if last is None else last
    if subject is not None and subject.tag_ in ("WDT", "WP") and subject.i < clause.i:
        start = _antecedent_start(subject) or start
    rng = _tidy(doc, start, end)
    return doc[rng[0] : rng[1]] if rng else None


def _reported_spans(verb: Token) -> list[Span]:
    lex = lexicon()
    lemma = verb.lemma_.lower()
    spans = []
    if lemma in lex["reporting_verbs"] and lemma not in lex["non_claim_verbs"]:
        spans += [_complement_span(c) for c in verb.children if c.dep_ == "ccomp"]
    if lemma in lex["claim_carriers"]:
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for t in obj.subtree:
                if t.lemma_.lower() not in lex["evidential_verbs"] or t.pos_ != "VERB":
                    continue
                clauses = [c for c in t.children if c.dep_ == "ccomp"]
                if clauses:
                    spans += [_complement_span(c) for c in clauses]
                else:  # "data that showed homicides have fallen ...", parsed loosely
                    rng = _tidy(verb.doc, t.i + 1, sentence_of(verb.doc, verb.i).end)
                    spans.append(verb.doc[rng[0] : rng[1]] if rng else None)
    return [s for s in spans if s is not None]


def reported_claims(doc: Doc, quotes: list[Quote], table: ActorTable | None) -> list[Claim]:
    """Reported speech: "X said (that) ...", "which he said were ...", "touted data that showed ..."."""
    claims = []
    for verb in doc:
        if verb.pos_ != "VERB" or quote_at(quotes, verb.idx) is not None:
            continue
        for span in _reported_spans(verb):
            if any(q.start < span.end_char and span.start_char < q.end for q in quotes):
                continue
            subject = subject_of(verb)
            speaker = actor_of_token(subject, table) if subject is not None else None
            claims.append(Claim(speaker, span.text, span.start_char, span.end_char, quoted=False))
    return claims


# ---------------------------------------------------------------------------------------------
# public helpers and the component


def quote_at(quotes: list[Quote], start: int) -> Quote | None:
    """The quote whose text contains the character offset ``start`` (for ``attributed_to``)."""
    for quote in quotes:
        if quote.start <= start < quote.end:
            return quote
    return None


def reporting_verb(doc: Doc, quote: Quote) -> Token | None:
    """The reporting verb ("said", "told") that introduces ``quote`` in ``doc``, if one was found."""
    cue = (doc.user_data.get("kg_quote_cues") or {}).get((quote.start, quote.end))
    return doc[cue] if cue is not None else None


def _first_person_mentions(doc: Doc, quote: Quote, table: ActorTable) -> None:
    if quote.speaker is None or quote.speaker not in table:
        return
    words = lexicon()["first_person"]
    span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if span is None:
        return
    for token in span:
        if token.lower_ in words and token.pos_ == "PRON":
            mention = Mention(
                token.text, token.idx, token.idx + len(token), sentence_index(doc, token.i), "pronoun"
            )
            table.add_mention(quote.speaker, mention)


def extract_quotes(doc: Doc, table: ActorTable | None) -> tuple[list[Quote], list[Claim]]:
    """Direct quotes with speakers and the claims (quoted and reported) of ``doc``.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A parsed document.
    table : ActorTable, optional
        The document's actors; speakers are actor ids from it.

    Returns
    -------
    tuple
        ``(quotes, claims)``; the reporting verb of each quote is kept in
        ``doc.user_data["kg_quote_cues"]`` (see ``reporting_verb``).
    """
    segments = find_segments(doc_text(doc))
    found = _attribute(doc, segments, table)
    min_words = lexicon()["min_words_unattributed"]
    quotes, cues = [], {}
    for item in found:
        seg = item.segment
        text = doc_text(doc)[seg.start : seg.end]
        if item.speaker is None and item.cue is None and len(text.split()) < min_words:
            continue  # a scare-quoted phrase, not a quotation
        quotes.append(Quote(item.speaker, text, seg.start, seg.end))
        if item.cue is not None:
            cues[(seg.start, seg.end)] = item.cue
    doc.user_data["kg_quote_cues"] = cues
    claims = [c for q in quotes if len(q.text.split()) >= min_words for c in quoted_claims(doc, q)]
    claims += reported_claims(doc, quotes, table)
    claims.sort(key=lambda c: (c.start, c.end))
    return quotes, claims


@Language.factory("kg_quotes", default_config={"actor_files": [], "agent_files": []})
def make_quotes(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    """The ``kg_quotes`` component: fills ``doc._.kg_quotes`` and ``doc._.kg_claims``."""

    def annotate(doc: Doc) -> Doc:
        table = doc._.kg_actors
        quotes, claims = extract_quotes(doc, table)
        if table is not None:
            for quote in quotes:
                _first_person_mentions(doc, quote, table)
        doc._.kg_quotes = quotes
        doc._.kg_claims = claims
        return doc

    return annotate
