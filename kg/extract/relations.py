"""Relations between actors read from titles: offices, affiliations, leaders.

The titles live in ``kg/data/relations/titles.tsv`` and the cue words in
``kg/data/relations/coref.json``; this module only knows the shapes a title takes beside a name:

- prenominal: ``Mexico's President Claudia Sheinbaum``, ``Fox News host Sean Hannity``,
  ``Mexican Foreign Minister X``, ``U.S. Secretary of State X``;
- apposition after the name: ``Nicolas Maduro, Venezuela's president,`` / ``X, the president of Y``;
- apposition before the name: ``its president, Nicolas Maduro`` / ``the president of Y, X``.

The owner of the office (the state or organisation) comes from a possessive (``Mexico's``, or a
pronoun that ``kg_coref`` resolved: ``its`` -> Venezuela, ``her`` -> Sheinbaum -> Mexico), an
adjective or a name before the title (``Mexican``, ``U.S.``, ``Fox News``) or ``of X`` after it.
When none is written, the holder's own country is used when it is known.

``Role.since`` is an ISO date prefix at the precision the text gives: ``"2024-10"`` for
"took office in October 2024", ``"2024-10-01"`` for a full date, ``"2024"`` for a year.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.annotate.doccache import doc_text
from kg.extract.table import ActorTable
from kg.model import Actor, Mention, Relation, Role

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "relations"
MAX_TITLE_WORDS = 4
POSSESSIVE_PRONOUNS = {"its", "her", "his", "their"}
HOLDER_KINDS = {"person", "organization", "other"}
OWNER_KINDS = {"country", "organization", "group", "location"}


@dataclass(frozen=True)
class TitleEntry:
    """One title of ``titles.tsv``: the words, the canonical office and what holding it means."""

    phrase: str
    title: str
    sector: str | None
    type: str  # leader | member | affiliate | role
    gender: str | None


@dataclass
class TitleMatch:
    """A title read beside a person's name in one document (character offsets into the text)."""

    person: str
    entry: TitleEntry
    title_start: int
    title_end: int
    start: int  # the whole phrase, owner and name included: the relation's evidence
    end: int
    owner_start: int | None = None
    owner_end: int | None = None
    owner: str | None = None  # actor id of the state/organisation, once resolved
    current: bool = True


@lru_cache(maxsize=1)
def load_titles() -> dict[tuple[str, ...], TitleEntry]:
    """The title lexicon keyed by its lower-case words.

    Returns
    -------
    dict
        ``("foreign", "minister") -> TitleEntry(...)``.
    """
    titles = {}
    with open(DATA_DIR / "titles.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            entry = TitleEntry(
                phrase=row["phrase"],
                title=row["title"],
                sector=row.get("sector") or None,
                type=row.get("type") or "role",
                gender=row.get("gender") or None,
            )
            titles[tuple(entry.phrase.split())] = entry
    return titles


@lru_cache(maxsize=1)
def load_cues() -> dict:
    """Pronoun features, description nouns, honorifics and other cue words (``coref.json``)."""
    return json.loads((DATA_DIR / "coref.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- spans of the table


def mention_spans(table: ActorTable) -> list[tuple[int, int, str, str | None]]:
    """Every mention of the table as ``(start, end, actor_id, kind)``, in text order."""
    spans = [(m.start, m.end, a.id, m.kind) for a in table for m in a.mentions]
    return sorted(spans)


def _ending_at(spans, end: int, kinds: set[str] | None = None, table=None) -> tuple[int, int, str] | None:
    """The longest name mention that ends exactly at ``end``."""
    found = [(s, e, a) for s, e, a, k in spans if e == end and k not in ("pronoun", "description")]
    if kinds is not None:
        found = [f for f in found if table.get(f[2]).kind in kinds]
    return min(found) if found else None


def _starting_at(spans, start: int) -> tuple[int, int, str] | None:
    found = [(s, e, a) for s, e, a, k in spans if s == start and k not in ("pronoun", "description")]
    return max(found, key=lambda f: f[1] - f[0]) if found else None


def country_actor(table: ActorTable, code: str | None) -> str | None:
    """The id of the country actor of the document whose ISO3 code is ``code``."""
    if not code:
        return None
    found = [a for a in table.actors() if a.kind == "country" and a.country == code]
    return found[0].id if found else None


def country_code(knowledge, text: str) -> str | None:
    """ISO3 code of a country name or demonym according to the actors lexicon, if it has one."""
    lookup = getattr(knowledge, "country", None)
    if lookup is None:
        return None
    try:
        found = lookup(text)
    except (KeyError, ValueError, TypeError):
        return None
    if found is None or isinstance(found, str):
        return found
    for attr in ("iso3", "code", "country", "alpha_3"):
        value = found.get(attr) if isinstance(found, dict) else getattr(found, attr, None)
        if isinstance(value, str) and len(value) == 3:
            return value
    return None


# ----------------------------------------------------------------------------------- title finder


def _title_at(lowers: list[str], doc: Doc, i: int, titles) -> tuple[int, TitleEntry] | None:
    """The longest title starting at token ``i``: ``(end token, entry)``."""
    for n in range(min(MAX_TITLE_WORDS, len(lowers) - i), 0, -1):
        entry = titles.get(tuple(lowers[i : i + n]))
        if entry is not None and doc[i + n - 1].pos_ in ("NOUN", "PROPN", "ADJ", "X"):
            return i + n, entry
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(words[0] for words in load_titles())


def _prefixed(prefix: str, entry: TitleEntry) -> TitleEntry:
    """ "deputy" + "Attorney General": a different office, never the head of a state."""
    return TitleEntry(
        phrase=f"{prefix} {entry.phrase}",
        title=f"{prefix.capitalize()} {entry.title}",
        sector=entry.sector,
        type="member" if entry.type == "leader" else entry.type,
        gender=entry.gender,
    )


def _title_spans(doc: Doc) -> list[tuple[int, int, TitleEntry]]:
    """Every title in the document as ``(start token, end token, entry)`` (cached on the Doc)."""
    cached = doc.user_data.get("kg_title_spans")
    if cached is not None:
        return cached
    titles, first = load_titles(), _first_words()
    prefixes = set(load_cues()["title_prefixes"])
    lowers = [t.lower_ for t in doc]
    found, i = [], 0
    while i < len(doc):
        hit = _title_at(lowers, doc, i, titles) if lowers[i] in first else None
        if hit is None:
            i += 1
            continue
        start, entry = i, hit[1]
        while start > 0 and lowers[start - 1] in prefixes:
            start -= 1
            entry = _prefixed(lowers[start], entry)
        found.append((start, hit[0], entry))
        i = hit[0]
    doc.user_data["kg_title_spans"] = found
    return found


def _left_context(doc: Doc, start: int, spans, table, knowledge) -> dict:
    """Read leftwards from a title: modifiers, the owner (possessive, adjective, name), a determiner.

    Returns the owner's span and actor (if any), whether the office is current, and the token
    index where the noun phrase begins.
    """
    cues = load_cues()
    k = start - 1
    current = True
    while k >= 0 and (
        doc[k].lower_ in cues["title_modifiers"] or doc[k].lower_ in cues["not_current"] or doc[k].text == "-"
    ):
        current = current and doc[k].lower_ not in cues["not_current"]
        k -= 1
    info = {"owner": None, "owner_span": None, "begin": k + 1, "current": current}
    if k < 0:
        return info
    tok = doc[k]
    if tok.tag_ == "POS" and k > 0:
        hit = _ending_at(spans, doc[k - 1].idx + len(doc[k - 1]))
        if hit is not None:
            info.update(owner=hit[2], owner_span=(hit[0], tok.idx + len(tok)))
            info["begin"] = doc.char_span(hit[0], hit[1], alignment_mode="expand").start
        return _skip_det(doc, info)
    if tok.lower_ in POSSESSIVE_PRONOUNS:
        info.update(owner=table.at(tok.idx, tok.idx + len(tok)), owner_span=(tok.idx, tok.idx + len(tok)))
        info["begin"] = k
        return info
    hit = _ending_at(spans, tok.idx + len(tok), OWNER_KINDS, table)
    if hit is not None:
        info.update(owner=hit[2], owner_span=(hit[0], hit[1]))
        info["begin"] = doc.char_span(hit[0], hit[1], alignment_mode="expand").start
        return _skip_det(doc, info)
    code = country_code(knowledge, tok.text) if tok.pos_ in ("ADJ", "PROPN") else None
    if code is not None:
        info.update(owner=country_actor(table, code), owner_span=(tok.idx, tok.idx + len(tok)), begin=k)
        info["owner_code"] = code
        return _skip_det(doc, info)
    return _skip_det(doc, info)


def _skip_det(doc: Doc, info: dict) -> dict:
    k = info["begin"] - 1
    if k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        info["begin"] = k
    return info


def _of_owner(doc: Doc, end: int, spans, table, entry: TitleEntry) -> tuple[int, tuple[int, int, str]] | None:
    """``of X`` (or ``for X``/``at X`` after an affiliation such as "spokesman") right after a
    title: ``(token after X, X's span)``."""
    linkers = ("of", "for", "at") if entry.type == "affiliate" else ("of",)
    if end < len(doc) and doc[end].lower_ in linkers and end + 1 < len(doc):
        j = end + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        hit = _starting_at(spans, doc[j].idx)
        if hit is not None and table.get(hit[2]).kind in OWNER_KINDS:
            after = doc.char_span(hit[0], hit[1], alignment_mode="expand").end
            return after, hit
    return None


def _holder(table: ActorTable, hit, knowledge=None) -> str | None:
    """The actor a title can belong to: a person, or a name the model mistook for an organisation
    (but not one the lexicon knows as an organisation)."""
    if hit is None:
        return None
    actor = table.get(hit[2])
    if actor is None or actor.kind not in HOLDER_KINDS:
        return None
    if actor.kind != "person" and (actor.sector or _known_organization(knowledge, actor.name)):
        return None
    return actor.id


def _known_organization(knowledge, name: str) -> bool:
    return any(getattr(knowledge, ask, None) and getattr(knowledge, ask)(name) for ask in ("igo", "group"))


def find_titles(doc: Doc, table: ActorTable, knowledge=None) -> list[TitleMatch]:
    """Titles written beside a person's name, with the office's owner where the text gives it.

    Parameters
    ----------
    doc : Doc
        A parsed document.
    table : ActorTable
        Its actors; pronoun mentions added by ``kg_coref`` resolve ``its``/``her`` owners.
    knowledge : Knowledge, optional
        The actors lexicon, for demonyms such as "Mexican".

    Returns
    -------
    list of TitleMatch
        In text order, at most one per title occurrence.
    """
    spans = mention_spans(table)
    matches = []
    for t_start, t_end, entry in _title_spans(doc):
        title = doc[t_start:t_end]
        match = (
            _prenominal(doc, title, entry, spans, table, knowledge)
            or _appos_before(doc, title, entry, spans, table, knowledge)
            or _appos_after(doc, title, entry, spans, table, knowledge)
        )
        if match is None:
            continue
        left = _left_context(doc, t_start, spans, table, knowledge)
        if match.owner_start is None and left["owner_span"] is not None:
            match.owner, (match.owner_start, match.owner_end) = left["owner"], left["owner_span"]
        match.current = left["current"]
        match.start = min(match.start, doc[left["begin"]].idx)
        matches.append(match)
    return matches


def _prenominal(doc: Doc, title: Span, entry: TitleEntry, spans, table, knowledge) -> TitleMatch | None:
    """``President Donald Trump``: a name starts right after the title (or the name includes it)."""
    if title.end >= len(doc):
        return None
    inside = [
        (s, e, a)
        for s, e, a, k in spans
        if s <= title.start_char
        and (
            e > title.end_char
            and k not in ("pronoun", "description")
            or e == title.end_char
            and k == "description"
        )
    ]
    hit = max(inside, key=lambda f: f[1]) if inside else _starting_at(spans, doc[title.end].idx)
    person = _holder(table, hit, knowledge)
    if person is None:
        return None
    return TitleMatch(person, entry, title.start_char, title.end_char, title.start_char, hit[1])


def _appos_before(doc: Doc, title: Span, entry: TitleEntry, spans, table, knowledge) -> TitleMatch | None:
    """``its president, Nicolas Maduro`` / ``the president of Venezuela, Nicolas Maduro``."""
    end, owner = title.end, None
    of = _of_owner(doc, end, spans, table, entry)
    if of is not None:
        end, owner = of
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    person = _holder(table, hit := _starting_at(spans, doc[end + 1].idx), knowledge)
    if person is None:
        return None
    match = TitleMatch(person, entry, title.start_char, title.end_char, title.start_char, hit[1])
    if owner is not None:
        match.owner, match.owner_start, match.owner_end = owner[2], owner[0], owner[1]
    return match


def _appos_after(doc: Doc, title: Span, entry: TitleEntry, spans, table, knowledge) -> TitleMatch | None:
    """``Nicolas Maduro, Venezuela's president`` / ``X, the foreign minister of Y``."""
    left = _left_context(doc, title.start, spans, table, knowledge)
    comma = left["begin"] - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    hit = _ending_at(spans, doc[comma - 1].idx + len(doc[comma - 1]))
    person = _holder(table, hit, knowledge)
    if person is None:
        return None
    match = TitleMatch(person, entry, title.start_char, title.end_char, hit[0], title.end_char)
    of = _of_owner(doc, title.end, spans, table, entry)
    if of is not None:
        match.owner, match.owner_start, match.owner_end = of[1][2], of[1][0], of[1][1]
        match.end = of[1][1]
    return match


# ------------------------------------------------------------------------------- offices to facts


def state_office(entry: TitleEntry) -> bool:
    """An office of a state (senator, general, minister), not a post in an organisation."""
    return entry.type != "affiliate" and entry.sector in load_cues()["state_sectors"]


def office_of(match: TitleMatch, table: ActorTable) -> str | None:
    """The actor id the office belongs to: the owner, a person owner's country, else the holder's
    own country (when the document names that country). A state office written after a party or
    group ("Republican Senator X") belongs to the state, not to the party."""
    owner = table.get(match.owner) if match.owner else None
    if owner is not None and owner.id != match.person:
        if owner.kind == "person":
            return country_actor(table, owner.country)
        if owner.kind in ("country", "location") or not state_office(match.entry):
            return owner.id  # "Alabama Secretary of State": the office of a state or a city
    holder = table.get(match.person)
    known = [r.of for r in holder.roles if r.title.casefold() == match.entry.title.casefold() and r.of]
    if known:
        return known[0]  # "the Prime Minister" after "British Prime Minister Tony Blair"
    national = match.entry.type in ("leader", "member") or (
        state_office(match.entry) and match.entry.sector != "GOV"
    )
    if national and holder is not None:  # not for a governor or a mayor: their office is local
        return country_actor(table, holder.country)
    return None


def apply_match(match: TitleMatch, table: ActorTable, text: str) -> list[Relation]:
    """Record the office on the holder (role, country, sector, code) and return its relations."""
    holder = table.get(match.person)
    if holder is None or not match.current:
        return []
    title = match.entry.title.casefold()
    if any(r.title.casefold().endswith(" " + title) for r in holder.roles):
        return []  # "the minister" of someone already known as Foreign Minister
    of = office_of(match, table)
    _add_role(holder, Role(title=match.entry.title, of=of))
    _fill_from_office(holder, table.get(of) if of else None, match)
    evidence = Mention(text[match.start : match.end], match.start, match.end, kind="title")
    owner = table.get(match.owner) if match.owner else None
    extra = []
    if owner is not None and owner.id not in (of, holder.id) and owner.kind in ("organization", "group"):
        extra = [Relation(holder.id, "affiliatedWith", owner.id, None, evidence)]  # "Republican Senator"
    if of is None:
        return extra
    return extra + [
        Relation(
            holder.id, predicate, of, match.entry.title if predicate != "memberOf" else "government", evidence
        )
        for predicate in _predicates(match.entry, table.get(of))
    ]


def _add_role(holder: Actor, role: Role) -> None:
    """Add an office unless the holder has it already (titles compared without case); an office
    with a known owner replaces the same office without one."""
    title = role.title.casefold()
    same = [r for r in holder.roles if r.title.casefold() == title]
    if any(r.of == role.of or role.of is None for r in same):
        return
    for r in same:
        if r.of is None:
            r.of = role.of
            return
    holder.roles.append(role)


def _predicates(entry: TitleEntry, owner: Actor | None) -> list[str]:
    """The relations an office gives: leaders lead, members belong to a government, affiliates
    work for an organisation; any office of an organisation is also an affiliation."""
    if owner is not None and owner.kind == "location":
        return ["holdsRole"]
    if entry.type == "affiliate":
        return ["affiliatedWith"]
    found = ["holdsRole"] + {"leader": ["leaderOf"], "member": ["memberOf"]}.get(entry.type, [])
    if owner is not None and owner.kind in ("organization", "group") and entry.type != "leader":
        found.append("affiliatedWith")
    return found


def _fill_from_office(holder: Actor, owner: Actor | None, match: TitleMatch) -> None:
    """A person's office gives the person a country, a sector and a code when they lack one."""
    if holder.kind in ("organization", "other"):
        holder.kind = "person"  # a title before a name: the model took a person for an organisation
    if holder.country is None and owner is not None and owner.country:
        holder.country = owner.country
    sector = match.entry.sector or (owner.sector if owner is not None else None)
    if sector is None and owner is not None and owner.kind == "country":
        sector = "GOV"  # "Palestinian leader X": a leader of a state governs it
    if owner is not None and owner.code and owner.code.startswith("IGO"):
        holder.code = holder.code or owner.code
    if holder.sector is None and sector:
        holder.sector = sector
    if holder.code is None and holder.country and holder.sector:
        holder.code = holder.country + holder.sector


def person_gender_from_titles(matches: list[TitleMatch]) -> dict[str, str]:
    """Actor id -> ``m``/``f`` for holders of gendered titles (queen, spokeswoman...)."""
    return {m.person: m.entry.gender for m in matches if m.entry.gender}


# ---------------------------------------------------------------------------------- office start


def _office_start_dates(doc: Doc, table: ActorTable) -> dict[str, str]:
    """Actor id -> ISO date prefix for "since she took office in October 2024"-like clauses."""
    phrases = [tuple(p.split()) for p in load_cues()["office_start"]]
    first = {words[0] for words in phrases}
    lemmas = [t.lemma_.lower() for t in doc]
    found = {}
    for i, lemma in enumerate(lemmas):
        if lemma not in first:
            continue
        for words in phrases:
            if tuple(lemmas[i : i + len(words)]) != words:
                continue
            seq = doc[i : i + len(words)]
            actor = _subject_actor(seq.root, table)
            date = _date_after(doc, seq, doc._.kg_document)
            if actor and date:
                found.setdefault(actor, iso_prefix(date[0], date[1]))
    return {a: d for a, d in found.items() if d}


def iso_prefix(expression: str, published: str | None) -> str | None:
    """An ISO date prefix at the precision written: ``2024-10`` for "October 2024"."""
    resolved = _resolve(expression, published)
    if resolved is None:
        return None
    value, granularity = resolved
    iso = value.isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(granularity, iso)


def _resolve(expression: str, published: str | None):
    try:
        from kg.extract.time import resolve_date
    except ImportError:  # the time module is optional here: fall back on dateparser
        resolve_date = None
    if resolve_date is not None:
        found = resolve_date(expression, published)
        return (found.value, found.granularity) if found is not None else None
    import dateparser

    data = dateparser.date.DateDataParser(languages=["en"]).get_date_data(expression)
    return (data.date_obj.date(), data.period) if data and data.date_obj else None


def _subject_actor(verb: Token, table: ActorTable) -> str | None:
    head = verb if verb.dep_ not in ("dobj", "prt", "auxpass") else verb.head
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                child = head.head  # "Lena Berg, who took office in January"
            return table.at(child.idx, child.idx + len(child))
    return None


def _date_after(doc: Doc, seq: Span, document) -> tuple[str, str | None] | None:
    sent_end = next((t.i for t in doc[seq.end :] if t.is_sent_start), len(doc))
    for ent in doc.ents:
        if ent.label_ == "DATE" and seq.end <= ent.start < min(sent_end, seq.end + 4):
            return ent.text, getattr(document, "published", None)
    return None


def add_office_dates(doc: Doc, table: ActorTable) -> None:
    """Set ``Role.since`` of the leader/first role of actors whose start in office is stated."""
    for actor_id, since in _office_start_dates(doc, table).items():
        actor = table.get(actor_id)
        if actor is None or not actor.roles:
            continue
        titles = load_titles()
        leaders = [
            r for r in actor.roles if any(e.title == r.title and e.type == "leader" for e in titles.values())
        ]
        role = (leaders or actor.roles)[0]
        role.since = role.since or since


def located_in(table: ActorTable) -> list[Relation]:
    """``locatedIn`` from each place of the document to its state, when the state is an actor of
    the document too (the place's country comes from the actors lexicon / GeoNames)."""
    found = []
    for actor in table.actors():
        if actor.kind != "location" or not actor.mentions:
            continue
        state = country_actor(table, actor.country)
        if state is not None and state != actor.id:
            first = actor.mentions[0]
            found.append(
                Relation(actor.id, "locatedIn", state, None, Mention(first.text, first.start, first.end))
            )
    return found


# ------------------------------------------------------------------------------------- component


def extract_relations(doc: Doc, knowledge=None) -> list[Relation]:
    """Offices and affiliations of the document's actors; roles are recorded on the actors.

    Parameters
    ----------
    doc : Doc
        A parsed document whose ``doc._.kg_actors`` was filled by ``kg_actors`` and ``kg_coref``.
    knowledge : Knowledge, optional
        The actors lexicon (demonyms).

    Returns
    -------
    list of Relation
        Without duplicates, in text order of their evidence.
    """
    table = doc._.kg_actors
    if table is None:
        return []
    relations: list[Relation] = []
    text = doc_text(doc)
    for match in find_titles(doc, table, knowledge):
        for rel in apply_match(match, table, text):
            if not any(
                (r.subject, r.predicate, r.object) == (rel.subject, rel.predicate, rel.object)
                for r in relations
            ):
                relations.append(rel)
    add_office_dates(doc, table)
    relations.extend(located_in(table))
    return relations


@Language.factory("kg_relations", default_config={"actor_files": [], "agent_files": []})
def make_relations(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    from kg.lexicon import load_knowledge

    knowledge = load_knowledge(tuple(actor_files), tuple(agent_files))

    def annotate(doc: Doc) -> Doc:
        doc._.kg_relations = extract_relations(doc, knowledge)
        return doc

    return annotate
