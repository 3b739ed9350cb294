"""The extraction model: plain dataclasses that serialise to one line of ``kg extract``.

Everything after extraction (resolve, graphs, exports) reads these objects, never spaCy
objects, so assembly is cheap and testable without a model.  Field names and meanings follow
``CONTRACT.md``; fields marked *extension* are additions the contract allows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
ACTOR_KINDS: tuple[str, ...] = ("person", "organization", "country", "group", "location", "other")
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "intended")


@dataclass
class Document:
    """One input document as read, before annotation.

    ``text`` is the text exactly as decoded; every offset in the output points into it.
    ``content`` has the same length, with boilerplate, repeated titles and credit lines
    blanked out (replaced by spaces), so the annotator never reads them and offsets stay exact.
    """

    doc_id: str
    text: str
    origin: str = ""  # path, path:line or "<stdin>:line"; used in error messages
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # extension: metadata | dateline | option | None
    source: str | None = None
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    lang: str | None = None
    content: str | None = None
    error: str | None = None

    @property
    def analysis_text(self) -> str:
        return self.content if self.content is not None else self.text


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sentence: int | None = None  # extension: index of the sentence in the document
    kind: str | None = None  # extension: name | pronoun | description | metonym | title


@dataclass
class Role:
    title: str
    of: str | None = None
    since: str | None = None
    until: str | None = None  # extension


@dataclass
class Actor:
    id: str
    name: str
    kind: str = "other"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: list[Role] = field(default_factory=list)
    links: dict[str, str | None] = field(default_factory=lambda: {"geonames": None, "wikidata": None})
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # extension: other names seen


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: str | None = None  # extension: GeoNames IRI


@dataclass
class Event:
    id: str
    type: str
    trigger: Mention
    sentence: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int = 1
    goldstein: float = 0.0
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    date_source: str | None = None
    location: Location | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    confidence: float = 0.5
    mentions: list[Mention] = field(default_factory=list)  # extension: other tellings of it
    recipient: list[str] = field(default_factory=list)  # extension: e.g. "to the U.S." of an expulsion

    @property
    def relayed(self) -> bool:
        """True when the article only relays the event from a speaker who did not take part.

        A speaker telling of their own deed ("Sheinbaum said she has tasked ...") is how news
        reports most events and event coders code them; a deed told by a third party ("Trump said
        the cartels ...") stays that speaker's claim.
        """
        return self.attributed_to is not None and self.attributed_to not in self.source

    num_mentions: int = 1  # extension: tellings of this event (GDELT NumMentions), see kg.resolve.events
    num_articles: int = 1  # extension: documents telling it (GDELT NumArticles)
    global_id: str | None = None  # extension: the same id for the same event in every document
    implicit: list[str] = field(default_factory=list)  # extension: roles inferred, not read ("source")


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    role: str | None = None
    evidence: Mention | None = None


@dataclass
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int


@dataclass
class Claim:
    """Extension: a statement attributed to a speaker, never asserted as fact."""

    speaker: str | None
    text: str
    start: int
    end: int
    quoted: bool = False


@dataclass
class Extraction:
    """Everything read from one document: one line of ``kg extract``."""

    doc_id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    url: str | None = None
    text_length: int | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"doc_id": self.doc_id, "error": self.error}
        data = asdict(self)
        data.pop("error")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return _build(cls, data)

    @classmethod
    def from_json(cls, line: str) -> Extraction:
        return cls.from_dict(json.loads(line))

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


_NESTED: dict[tuple[type, str], type] = {
    (Extraction, "actors"): Actor,
    (Extraction, "events"): Event,
    (Extraction, "relations"): Relation,
    (Extraction, "quotes"): Quote,
    (Extraction, "claims"): Claim,
    (Actor, "roles"): Role,
    (Actor, "mentions"): Mention,
    (Event, "trigger"): Mention,
    (Event, "mentions"): Mention,
    (Event, "location"): Location,
    (Relation, "evidence"): Mention,
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a dataclass tree from its ``asdict`` form, ignoring unknown keys."""
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        nested = _NESTED.get((cls, f.name))
        if nested is not None and value is not None:
            value = [_build(nested, v) for v in value] if isinstance(value, list) else _build(nested, value)
        kwargs[f.name] = value
    return cls(**kwargs)


def read_extractions(lines) -> list[Extraction]:
    """Parse ``kg extract`` JSON Lines (an iterable of strings) into Extractions."""
    return [Extraction.from_json(line) for line in lines if line.strip()]
