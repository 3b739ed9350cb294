"""Stable, safe IRIs for documents, actors, events, mentions, offices and places.

Any text may become part of an IRI: it is either slugged (ASCII letters and digits, with a
short hash whenever the slug loses information, e.g. non-Latin names) or percent-encoded, so an
IRI never holds spaces, quotes, ``<>`` or other characters Turtle, N-Triples or SPARQL reject,
and the same input always gives the same IRI.

>>> actor_key_of("person", "MEX", "Claudia Sheinbaum")
'person/mex/claudia-sheinbaum'
>>> slug("Владимир Путин")
'x-3413714f13'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.graph.vocab import KGR, KGT
from kg.model import Actor

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def normalise(text: str) -> str:
    """Case-folded, NFC-normalised text with collapsed whitespace (the identity of a name)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def slug(text: str, max_length: int = 60) -> str:
    """An ASCII slug of ``text``; a hash of the normalised text is appended when the slug is lossy.

    Accents are folded ("Nicolás" and "Nicolas" give the same slug); letters outside the Latin
    script are not dropped silently: the slug then ends with a hash of the whole name.
    """
    norm = normalise(text)
    folded = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode("ascii")
    base = _NON_ALNUM.sub("-", folded).strip("-")[:max_length].strip("-")
    lost = any(
        ch.isalnum() and not ("a" <= ch <= "z" or "0" <= ch <= "9")
        for ch in unicodedata.normalize("NFKD", norm)
        if not unicodedata.combining(ch)
    )
    if not base:
        return "x-" + _hash(norm)
    return f"{base}-{_hash(norm)}" if lost or len(folded) > max_length else base


def encode(text: str) -> str:
    """Percent-encode every character but ASCII letters, digits and ``-._~`` (RFC 3986 unreserved)."""
    return quote(text, safe="-._~")


def actor_key_of(kind: str | None, country: str | None, name: str) -> str:
    """The project's own stable actor key from (kind, country, normalised name)."""
    return f"{slug(kind or 'other')}/{slug(country or 'xxx')}/{slug(name)}"


def actor_key(actor: Actor) -> str:
    """The stable key of an actor: countries by ISO3 code, others by ``actor_iri_key`` or our own."""
    if actor.kind == "country" and actor.country:
        return f"country/{actor.country.upper()}"
    try:
        from kg.resolve.actors import actor_iri_key
    except ImportError:
        return actor_key_of(actor.kind, actor.country, actor.name)
    key = actor_iri_key(actor)
    if _lossy(actor.name):
        # an ASCII key cannot tell non-Latin names apart: add a hash of the name itself
        key = f"{key}-{_hash(normalise(actor.name))}"
    return key


def _lossy(text: str) -> bool:
    """Whether ``text`` has letters or digits outside ASCII once accents are removed."""
    folded = unicodedata.normalize("NFKD", normalise(text))
    return any(ch.isalnum() and not ch.isascii() for ch in folded if not unicodedata.combining(ch))


def actor_iri(actor: Actor) -> URIRef:
    key = actor_key(actor)
    if key.startswith("country/"):
        return country_iri(key.split("/", 1)[1])
    return KGR["actor/" + "/".join(encode(part) for part in key.split("/"))]


def country_iri(iso3: str) -> URIRef:
    """The IRI of a state, shared by the country actor and every ``kg:country`` link to it."""
    return KGR["country/" + encode(iso3.upper())]


def document_iri(doc_id: str) -> URIRef:
    return KGR["doc/" + encode(doc_id)]


def event_iri(doc_id: str, event_id: str) -> URIRef:
    return KGR[f"event/{encode(doc_id)}/{encode(event_id)}"]


def claim_iri(doc_id: str, kind: str, start: int, end: int) -> URIRef:
    """A quote, claim or attributed event of a document, by its character span."""
    return KGR[f"{kind}/{encode(doc_id)}/{start}-{end}"]


def mention_iri(doc_id: str, start: int, end: int) -> URIRef:
    """NIF-style offset IRI (RFC 5147 ``#char=start,end``) of a span of a document."""
    return URIRef(f"{document_iri(doc_id)}#char={int(start)},{int(end)}")


def office_iri(holder: URIRef, title: str, of: URIRef | None) -> URIRef:
    """One office holding: the same holder, title and organisation give the same IRI."""
    text = "|".join([str(holder), normalise(title), str(of)])
    return KGR[f"office/{slug(title, 40)}-{_hash(text)}"]


def relation_iri(subject: URIRef, predicate: str, obj: URIRef, doc_id: str, start: int | None) -> URIRef:
    """One statement of a relation in one document (the same triple stated twice gets two)."""
    text = "|".join([str(subject), predicate, str(obj), str(start)])
    return KGR[f"relation/{encode(doc_id)}/{_hash(text)}"]


def place_iri(name: str, country: str | None) -> URIRef:
    return KGR[f"place/{slug(country or 'xxx')}/{slug(name)}"]


def date_iri(date: str) -> URIRef:
    """A ``time:Instant`` per calendar date, shared by every event on that date."""
    return KGR["date/" + encode(date)]


def plover_iri(category: str) -> URIRef:
    return KGT[encode(category.upper())]


def mode_iri(category: str, mode: str) -> URIRef:
    return KGT[f"{encode(category.upper())}-{slug(mode)}"]


def cameo_iri(code: str) -> URIRef:
    return KGT["cameo-" + encode(code)]
