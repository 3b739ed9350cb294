"""Actors: spaCy entities and the project's lexicon, coded with country and sector.

Two components, both configured with the user dictionaries:

``kg_entity_ruler`` (before ``ner``)
    Names from the lexicon (countries, IGOs, named groups, well-known people, seats of power)
    so the statistical NER gets them right ("Sinaloa Cartel", "the Houthis", "Sheinbaum").
``kg_actors``
    Builds the document's :class:`~kg.extract.table.ActorTable` from the entities and from
    generic agent phrases ("drug cartels", "U.S. forces", "Mexican officials", "police"), codes
    each actor compositionally (country + sector, e.g. ``MEXGOV``), gives people the country,
    sector and role of the office in front of or beside their name, and merges name variants
    ("Sheinbaum" = "Claudia Sheinbaum", "U.S." = "United States" = "Washington").

:func:`actor_for_phrase` gives the actor a noun phrase names or describes, for the event and
relation extractors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.table import ActorTable
from kg.lexicon import CountryEntry, Knowledge, fold, load_knowledge
from kg.model import Actor, Mention, Role

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
BREAK_POS = {"VERB", "AUX", "ADP", "CCONJ", "SCONJ"}
LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "across", "throughout", "within", "from"}
DETERMINERS = {"the", "a", "an", "some", "many", "several", "two", "three", "these", "those", "this", "that"}
LEADING = {"(", '"', "“", "'", "-", "‘"}
TRAILING = {"'s", "’s", "'", "’", ",", "-", '"', "”", "("}
POSSESSIVE_PRONOUNS = {"its": "country", "their": "country", "his": "person", "her": "person"}
STOP_LEFT = {"VERB", "AUX", "CCONJ", "SCONJ", "PRON", "NUM", "INTJ"}
# Sectors that belong to no single state: without a stated country, others take the document's.
TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC"}


def slug(text: str) -> str:
    """A stable id fragment: lower-case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "actor"


@dataclass
class Coding:
    """What a phrase says about an actor: country, sector, office title, affiliated actor."""

    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    title: str | None = None
    igo: str | None = None  # IGO code when the office belongs to an international body
    of: str | None = None  # actor id of the state/organization of the office
    explicit: bool = False  # the country is named in the phrase (not inferred from a pronoun)
    agent_start: int | None = None  # token index where the agent (role) words begin
    tokens: list[Token] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------
@Language.factory("kg_entity_ruler", default_config={"actor_files": [], "agent_files": []})
def make_entity_ruler(
    nlp: Language, name: str, actor_files: list[str], agent_files: list[str]
) -> EntityRuler:
    """An EntityRuler (run before ``ner``) with the lexicon's names as phrase patterns."""
    knowledge = load_knowledge(tuple(actor_files), tuple(agent_files))
    ruler = EntityRuler(nlp, name=name, overwrite_ents=False)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(knowledge.ruler_patterns())
    return ruler


@Language.factory("kg_actors", default_config={"actor_files": [], "agent_files": []})
def make_actors(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    """The component that fills ``doc._.kg_actors`` with the document's coded actors."""
    knowledge = load_knowledge(tuple(actor_files), tuple(agent_files))
    return ActorRecognizer(nlp, knowledge)


class ActorRecognizer:
    """Recognise and code the actors of a document (see the module docstring)."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.agent_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = sorted(knowledge.agent_phrases())
        self.agent_matcher.add("AGENT", list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_actors = build_table(doc, self.knowledge, self.agent_matcher)
        return doc


# --------------------------------------------------------------------------------------------
# Building the table
# --------------------------------------------------------------------------------------------
class _Builder:
    def __init__(self, doc: Doc, knowledge: Knowledge, matcher: PhraseMatcher | None) -> None:
        self.doc, self.k = doc, knowledge
        self.ents = list(doc.ents)
        self.table = ActorTable()
        document = doc._.kg_document if Doc.has_extension("kg_document") else None
        self.published = getattr(document, "published", None)
        self.dateline = getattr(document, "dateline", None)
        self.matcher = matcher
        self.full_names = self._full_person_names()
        self.agent_spans = self._agent_spans() if matcher is not None else []
        self._focus: str | None | bool = False

    # -- document context ---------------------------------------------------------------------
    def _full_person_names(self) -> dict[tuple[str, ...], str]:
        """Token suffixes of the multi-word person names in the document -> the full name."""
        names: dict[tuple[str, ...], str] = {}
        for ent in self.ents:
            if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and self.k.person(ent.text)):
                continue
            span = _strip(ent)
            words = tuple(t.text for t in span if t.text not in {".", "'s", "’s"})
            if len(words) < 2:
                continue
            full = span.text
            known = self.k.person(full)
            full = known.name if known else full
            for i in range(1, len(words)):
                suffix = words[i:]
                if suffix[0][:1].isupper() or len(suffix) > 1:
                    names.setdefault(suffix, full)
            names[words] = full
        return names

    def focus_country(self) -> str | None:
        """The state the document is about: its dateline's, else the one with most evidence
        (a country named or its demonym counts 3, a known region 2, a GeoNames city 1)."""
        if self._focus is not False:
            return self._focus  # type: ignore[return-value]
        focus = self.k.place_country(self.dateline) if self.dateline else None
        if focus is None:
            counts: Counter[str] = Counter()
            for ent in self.ents:
                if ent.label_ not in {"GPE", "LOC", "NORP", "FAC"} and not self.k.region(ent.text):
                    continue
                for part in _split_at_commas(ent):
                    iso3, weight = self._place_evidence(part.text, ent.label_)
                    if iso3:
                        counts[iso3] += weight
            ranked = counts.most_common()
            focus = ranked[0][0] if ranked else None
        self._focus = focus
        return focus

    def sentence_place(self, core: Span) -> str | None:
        """The state of the place nearest to ``core`` that its sentence locates something in
        ("protested in Chile", "clashes near Idleb"), or ``None``."""
        sent = core.sent if self.doc.has_annotation("SENT_START") else self.doc[:]
        best: tuple[tuple[int, int, int], str | None] = ((0, 0, 1 << 30), None)
        for ent in self.ents:
            if not (sent.start <= ent.start < sent.end) or not _locative(ent):
                continue
            if ent.label_ not in {"GPE", "LOC", "FAC"} and not self.k.region(ent.text):
                continue
            iso3, weight = self._place_evidence(_split_at_commas(ent)[0].text, ent.label_)
            rank = (-weight, -_listed_after(ent), abs(ent.start - core.start))  # "in San Rafael, Bulacan"
            if iso3 and rank < best[0]:
                best = (rank, iso3)
        return best[1]

    def dominant_country(self) -> str | None:
        """The dateline's country, or the only state the document mentions; else ``None``
        (an office named without its state, "President X", is only placed when that is safe)."""
        if self.dateline and self.k.place_country(self.dateline):
            return self.k.place_country(self.dateline)
        states = {self._place_evidence(e.text, e.label_)[0] for e in self.ents if e.label_ in {"GPE", "NORP"}}
        states.discard(None)
        return states.pop() if len(states) == 1 else None

    def _place_evidence(self, text: str, label: str) -> tuple[str | None, int]:
        entry = self.k.country(text)
        if entry is not None:
            return entry.iso3, 3
        if label == "NORP":
            return None, 0
        region = self.k.region(text)
        if region:
            return region, 2
        return self.k.place_country(text), 1

    def _agent_spans(self) -> list[Span]:
        spans = [self.doc[s:e] for _, s, e in self.matcher(self.doc)]
        return [s for s in filter_spans(spans) if _heads_phrase(s)]

    # -- adding actors ------------------------------------------------------------------------
    def add(self, actor: Actor, span: Span | None, kind: str = "name") -> Actor:
        if span is not None:
            actor.mentions = [Mention(span.text, span.start_char, span.end_char, _sent_index(span), kind)]
        return self.table.add(actor)

    def add_country(self, entry: CountryEntry, span: Span, kind: str = "name") -> Actor:
        return self.add(_country_actor(entry), span, kind)

    def country_actor_id(self, iso3: str | None) -> str | None:
        """The id of the state an office belongs to, added to the table (without a mention) when
        the text never names it, so that every ``Role.of`` is an actor of the document."""
        entry = self.k.by_iso3(iso3)
        if entry is None:
            return None
        if entry.slug not in self.table:
            self.table.add(_country_actor(entry))
        return entry.slug

    # -- entities -----------------------------------------------------------------------------
    def entity(self, ent: Span) -> None:
        span = _strip(ent)
        if not len(span) or not any(c.isupper() for c in span.text) or _is_initial(span):
            return
        text = span.text
        k = self.k
        if k.is_not_actor(text) or self._inside_agent(span) or _is_agent_only(span, k):
            return
        igo = k.igo(text)
        if igo is not None:
            self.add(
                Actor(id=slug(igo.name), name=igo.name, kind="organization", sector="IGO", code=igo.code),
                span,
            )
            return
        group = k.group(text)
        if group is not None:
            country = k.by_iso3(group.country)
            self.add(_group_actor(group), span)
            if country is not None and _country_words(span, k):
                pass
            return
        if ent.label_ == "PERSON" and self._org_prefix(span) is not None:
            org = _strip(self._org_prefix(span))
            actor = Actor(id=slug(org.text), name=org.text, kind="organization")
            self.add(actor, span)
            return
        if _in_parentheses(span) and (group := k.group(text)) is not None and group.sector == "JRN":
            return  # "(Reuters)": the news source, not an actor
        full = self._person_full_name(span, ent.label_)
        if full is not None:
            self.person(span, full)
            return
        entry = k.country_name(text)
        if entry is not None and ent.label_ != "PERSON":
            self.add_country(entry, span)
            return
        if ent.label_ == "NORP" or (ent.label_ != "PERSON" and k.demonym(text) and len(span) <= 3):
            entry = k.demonym(text)
            if entry is not None:
                self.add_country(entry, span, "name")
            else:  # "Bosnian Serbs", "Iraqi Kurds": a people of a state
                coding = decode(list(span), k, self)
                country = coding.country if coding.explicit else None
                self.add(Actor(id=slug(text), name=text, kind="group", country=country, code=country), span)
            return
        if ent.label_ in {"ORG", "PERSON"} and k.region(text) and not self._title(span):
            self.add(Actor(id=slug(text), name=text, kind="location", country=k.region(text)), span)
            return  # a province the model took for a name ("Galgaduud", "Nord-Kivu")
        metonym = k.metonym(text)
        if metonym is not None and ent.label_ != "PERSON":
            self.metonym(span, metonym)
            return
        if ent.label_ in {"GPE", "LOC", "FAC"}:
            self.add(Actor(id=slug(text), name=text, kind="location", country=k.place_country(text)), span)
            return
        if ent.label_ == "PERSON":
            self.person(span, text)
            return
        self.organization(span)

    def untagged_names(self) -> None:
        """Name tokens the model left untagged that repeat a person named in full elsewhere
        ("Lebed" after "Alexander Lebed")."""
        by_word: dict[str, set[str]] = {}
        for words, full in self.full_names.items():
            if len(words) == 1:
                by_word.setdefault(words[0], set()).add(full)
        for full in set(self.full_names.values()):
            first = full.split()[0]
            if len(full.split()) == 2:
                by_word.setdefault(first, set()).add(full)
        taken = {(s, e) for s, e, _ in self.table._spans}
        covered = {i for ent in self.ents for i in range(ent.start, ent.end)}
        for tok in self.doc:
            fulls = by_word.get(tok.text)
            if not fulls or len(fulls) != 1 or tok.i in covered or not tok.text[:1].isupper():
                continue
            if tok.pos_ != "PROPN" or (tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN"):
                continue
            if tok.i > 0 and self.doc[tok.i - 1].pos_ == "PROPN":
                continue
            actor_id = slug(next(iter(fulls)))
            if actor_id in self.table and (tok.idx, tok.idx + len(tok)) not in taken:
                span = self.doc[tok.i : tok.i + 1]
                self.table.add_mention(
                    actor_id, Mention(tok.text, tok.idx, tok.idx + len(tok), _sent_index(span), "name")
                )

    def _org_prefix(self, span: Span) -> Span | None:
        """A one-word PERSON that begins a longer ORG of the document ("Magna" of "Magna
        International Inc") names that organization."""
        if len(span) != 1:
            return None
        for ent in self.ents:
            if ent.label_ == "ORG" and len(ent) > 1 and ent[0].text == span[0].text:
                return ent
        return None

    def _inside_agent(self, span: Span) -> bool:
        """An entity inside a role phrase ("State" of "Secretary of State") is not a name."""
        return any(
            a.start <= span.start and span.end <= a.end and (a.start, a.end) != (span.start, span.end)
            for a in self.agent_spans
        )

    def _person_full_name(self, span: Span, label: str) -> str | None:
        """The full person name a (possibly partial) entity refers to, or None if not a person."""
        words = tuple(t.text for t in span if t.text not in {".", "'s", "’s"})
        full = self.full_names.get(words)
        if full is not None and (label == "PERSON" or len(words) <= 3):
            if label != "PERSON" and (self.k.country_name(span.text) or self.k.igo(span.text)):
                return None
            return full
        known = self.k.person(span.text)
        if known is not None and (label in {"PERSON", "ORG"} or len(words) > 1):
            return known.name
        if label == "ORG" and self._title(span) is not None and len(words) in (2, 3):
            return span.text  # "Fox News host Sean Hannity": a title makes it a person
        return None

    def metonym(self, span: Span, metonym) -> None:
        country = self.k.by_iso3(metonym.country)
        if metonym.sector:
            name = metonym.institution or span.text
            self.add(
                Actor(
                    id=slug(name),
                    name=name,
                    kind="organization",
                    country=metonym.country,
                    sector=metonym.sector,
                    code=f"{metonym.country}{metonym.sector}",
                ),
                span,
                "metonym",
            )
        elif _locative(span):
            self.add(
                Actor(id=slug(span.text), name=span.text, kind="location", country=metonym.country), span
            )
        elif country is not None:
            self.add_country(country, span, "metonym")

    def person(self, span: Span, full: str) -> None:
        k = self.k
        actor = Actor(id=slug(full), name=full, kind="person")
        coding = self._title(span) or self._apposition(span)
        user_code = k.lookup_actor(full, self.published) or k.lookup_actor(span.text, self.published)
        if coding is None:
            coding = self._country_prefix(span)
        known = k.person(full)
        if coding is not None:
            actor.country, actor.sector = coding.country, coding.sector
            if coding.igo:
                actor.code = coding.igo
                igo = k.igo_by_code(coding.igo)
                if igo is not None:
                    coding.of = coding.of or slug(igo.name)
            if coding.title:
                of = coding.of or self.country_actor_id(coding.country)
                actor.roles.append(Role(title=coding.title, of=of))
        if user_code:
            _apply_code(actor, user_code, k, override=coding is None or coding.country is None)
        if known is not None:
            actor.country = actor.country or known.country
            actor.sector = actor.sector or known.sector
            if known.code and known.code.startswith("IGO"):
                actor.code = actor.code or known.code
        if (
            actor.country is None
            and coding is not None
            and coding.title
            and coding.sector not in TRANSNATIONAL
            and not coding.igo
        ):
            actor.country = self.dominant_country()
            if actor.roles and actor.roles[-1].of is None:
                actor.roles[-1].of = self.country_actor_id(actor.country)
        for role in actor.roles:
            role.of = (
                role.of
                or (actor.code if (actor.code or "").startswith("IGO") else None)
                or self.country_actor_id(actor.country)
            )
        actor.code = actor.code or _code(actor.country, actor.sector)
        self.add(actor, span)

    def organization(self, span: Span) -> None:
        k = self.k
        text = span.text
        coding = decode(list(span), k, self)
        actor = Actor(id=slug(text), name=text, kind="organization")
        if coding.explicit and not coding.igo:
            actor.country = coding.country  # "Rwandan Patriotic Front", "Nigerian Interior Ministry"
        if coding.sector:
            actor.sector = coding.sector
            actor.country = coding.country
            if coding.country is None and coding.sector not in TRANSNATIONAL:
                actor.country = self.focus_country()
        user_code = k.lookup_actor(text, self.published)
        if user_code:
            _apply_code(actor, user_code, k, override=True)
        actor.code = actor.code or _code(actor.country, actor.sector)
        self.add(actor, span)

    # -- titles and appositions -----------------------------------------------------------------
    def _title(self, span: Span) -> Coding | None:
        """The office written in front of a name: "Mexico's President", "Fox News host"."""
        doc = self.doc
        start = span.start
        sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
        i = start - 1
        while i >= max(sent_start, start - 8):
            tok = doc[i]
            if tok.text in {",", '"', "“", "”", ";", ":"} or (tok.pos_ in STOP_LEFT and tok.tag_ != "POS"):
                break
            if tok.pos_ == "PART" and tok.tag_ != "POS":
                break
            if tok.lower_ in DETERMINERS or tok.lower_ in POSSESSIVE_PRONOUNS:
                break
            i -= 1
        window = list(doc[i + 1 : start])
        for j in range(len(window)):
            coding = decode(window[j:], self.k, self)
            if coding.sector and coding.agent_start is not None:
                return coding
        return None

    def _country_prefix(self, span: Span) -> Coding | None:
        """ "Mexico's Sheinbaum": a possessive country right before a name gives its country."""
        doc = self.doc
        if span.start >= 2 and doc[span.start - 1].text in {"'s", "’s"}:
            entry = self.k.country(doc[span.start - 2].text)
            if entry is not None:
                return Coding(country=entry.iso3, explicit=True)
        return None

    def _apposition(self, span: Span) -> Coding | None:
        """ "its president, Nicolas Maduro" / "Nicolas Maduro, Venezuela's president," """
        doc = self.doc
        if span.start >= 2 and doc[span.start - 1].text == ",":
            end = span.start - 1
            begin = end
            while (
                begin > span.sent.start
                and doc[begin - 1].text not in {",", ";", "(", '"'}
                and doc[begin - 1].pos_ not in {"VERB", "AUX"}
                and end - begin < 6
            ):
                begin -= 1
            coding = decode(list(doc[begin:end]), self.k, self)
            if coding.sector and coding.agent_start is not None and coding.kind == "person":
                return coding
        if span.end < len(doc) - 1 and doc[span.end].text == ",":
            begin = span.end + 1
            end = begin
            while end < span.sent.end and doc[end].text not in {",", ";", ".", ")"} and end - begin < 6:
                if doc[end].pos_ in {"VERB", "AUX"}:
                    break
                end += 1
            coding = decode(list(doc[begin:end]), self.k, self)
            if coding.sector and coding.agent_start is not None and coding.kind == "person":
                return coding
        return None

    def antecedent_country(self, token: Token) -> str | None:
        """The country a possessive pronoun ("its", "their", "her") most likely refers to."""
        wanted = POSSESSIVE_PRONOUNS.get(token.lower_)
        best: tuple[int, str | None] = (-1, None)
        for actor in self.table:
            if wanted == "country" and actor.kind != "country":
                continue
            if wanted == "person" and actor.kind not in {"person", "country"}:
                continue
            for m in actor.mentions:
                if m.end <= token.idx and m.start > best[0] and actor.country:
                    best = (m.start, actor.country)
        return best[1]

    # -- generic agents -------------------------------------------------------------------------
    def generic(self, core: Span) -> None:
        """A role or group phrase without a name: "drug cartels", "U.S. forces", "police"."""
        k = self.k
        if any(e.label_ == "PERSON" and e.start >= core.start and e.end <= core.end + 1 for e in self.ents):
            return
        span = _extend_left(core)
        before = self.doc[span.start - 1] if span.start else None
        if before is not None and before.is_upper and len(before) > 1 and k.group(before.text):
            span = self.doc[span.start - 1 : span.end]  # "IS militants", whatever the parse
        coding = decode(list(span), k, self)
        if coding.sector is None:
            return
        entity = self._entity_head(core)
        if entity is not None:
            return
        place = _of_or_in_place(core, k, self.ents)
        country = coding.country
        if country is None and place:
            country, coding.explicit = place, True
        if country is None and coding.sector not in TRANSNATIONAL and not coding.igo:
            country = self.sentence_place(core) or self.focus_country()
        span = _strip(_after_possessor(span, k))
        if not len(span):
            return
        name = _display_name(_without_hedges(span, k))
        named = [
            t
            for t in span[: max(0, core.start - span.start)]
            if t.pos_ == "PROPN"
            and not k.country(t.text)
            and t.text not in {"(", ")"}
            and not _known_name(t, k)
        ]
        known = [t for t in span[: max(0, core.start - span.start)] if _known_name(t, k)]
        if known and not coding.igo:
            self.group_members(known[0], span)  # "IS militants", "Interfax news agency"
            return
        kind = coding.kind or "group"
        if kind == "person" and not coding.explicit:
            return  # "the president", "her foreign minister": a description for coreference
        if named:
            actor = Actor(
                id=slug(name),
                name=name,
                kind="organization",
                country=country,
                sector=coding.sector,
                code=_code(country, coding.sector),
            )
            for t in named:
                region = k.region(t.text)
                if region and actor.country is None:
                    actor.country, actor.code = region, _code(region, coding.sector)
            self.add(actor, span)
            return
        head = core[-1].lemma_.lower() if kind != "person" else fold(core.text)
        key = (country, coding.igo, coding.sector, head)
        existing = self._generic_ids.get(key)
        actor_id = existing or self._unique_id(slug(name))
        self._generic_ids.setdefault(key, actor_id)
        actor = Actor(
            id=actor_id,
            name=name,
            kind=kind,
            country=country,
            sector=coding.sector,
            code=coding.igo or _code(country, coding.sector),
        )
        if kind == "person" and coding.title:
            actor.roles.append(Role(title=coding.title, of=self.country_actor_id(country)))
        self.add(actor, span, "description")

    _generic_ids: dict

    def group_members(self, token: Token, span: Span) -> None:
        """A phrase naming a known group by a modifier ("IS militants") mentions that group."""
        group = self.k.group(token.text)
        if group is None:
            return
        actor = self.add(_group_actor(group), self.doc[token.i : token.i + 1])
        self.table.add_mention(
            actor.id, Mention(span.text, span.start_char, span.end_char, _sent_index(span), "description")
        )

    def _unique_id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.table:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _entity_head(self, core: Span) -> Span | None:
        for ent in self.ents:
            if ent.label_ in NAME_LABELS - {"NORP"} and ent.start <= core.start and core.end <= ent.end:
                return ent
        return None


def build_table(doc: Doc, knowledge: Knowledge, matcher: PhraseMatcher | None = None) -> ActorTable:
    """Recognise and code the actors of ``doc`` (entities, then generic agents)."""
    builder = _Builder(doc, knowledge, matcher)
    builder._generic_ids = {}
    for ent in builder.ents:
        if ent.label_ in NAME_LABELS:
            for part in _split_at_commas(ent):
                builder.entity(part)
    for core in builder.agent_spans:
        builder.generic(core)
    builder.untagged_names()
    return builder.table


# --------------------------------------------------------------------------------------------
# Phrase decoding
# --------------------------------------------------------------------------------------------
def decode(tokens: list[Token], k: Knowledge, builder: _Builder | None = None) -> Coding:
    """Read country, sector, kind and title from a phrase ("Iraq's national security advisor",
    "(U.S.) Secretary of State", "Military Forces of Mexico", "Fox News host")."""
    coding = Coding(tokens=tokens)
    rest: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (
            tok.text in {"(", ")", "'s", "’s", "'", "-"}
            or tok.lower_ in DETERMINERS
            or (tok.like_num and not rest)
        ):
            i += 1
            continue
        if tok.lower_ in POSSESSIVE_PRONOUNS and builder is not None and not rest:
            coding.country = coding.country or builder.antecedent_country(tok)
            i += 1
            continue
        matched = _match_country(tokens, i, k)
        if matched is not None and (all(_modifier(t) for t in rest) or rest[-1].lower_ == "of"):
            n, iso3, igo = matched
            if rest and rest[-1].lower_ == "of":
                rest.pop()
            if igo:
                coding.igo = igo
            elif coding.country is None or not coding.explicit:
                coding.country, coding.explicit = iso3, True
            i += n
            continue
        affiliation = _match_organization(tokens, i, k)
        if affiliation is not None and not rest:
            n, org = affiliation
            coding.of = slug(org.name)
            if coding.country is None and org.country:
                coding.country, coding.explicit = org.country, True
            i += n
            continue
        rest.append(tok)
        i += 1
    if not rest:
        return coding
    words = " ".join(t.text for t in rest)
    agent = k.agent(words)
    if agent is None:
        return coding
    n_agent = len(agent.phrase.split())
    start = max(0, len(rest) - n_agent)
    coding.sector = "IGO" if coding.igo and agent.sector == "GOV" else agent.sector
    coding.kind = agent.kind
    coding.agent_start = rest[start].i
    coding.title = _title_case(" ".join(t.text for t in rest[start:]))
    if coding.igo and coding.of is None:
        coding.of = None
    return coding


def _title_case(text: str) -> str:
    small = {"of", "the", "and", "for", "on", "in"}
    return " ".join(w if w in small or w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def _modifier(token: Token) -> bool:
    """Words that may stand before a country word in a role phrase ("some 16", "senior")."""
    return token.like_num or token.pos_ in {"ADJ", "NUM"} and token.lower_ not in {"former", "ex"}


def _match_country(tokens: list[Token], i: int, k: Knowledge) -> tuple[int, str | None, str | None] | None:
    """A country name, demonym or IGO starting at ``tokens[i]`` (longest first)."""
    for n in range(min(4, len(tokens) - i), 0, -1):
        words = tokens[i : i + n]
        if words[-1].text in {"'s", "’s"}:
            continue
        text = " ".join(t.text for t in words)
        if not any(c.isupper() for c in text):
            continue
        entry = k.country_name(text) or k.demonym(text)
        if entry is not None:
            return n, entry.iso3, None
        igo = k.igo(text)
        if igo is not None:
            return n, None, igo.code
    return None


def _match_organization(tokens: list[Token], i: int, k: Knowledge):
    for n in range(min(5, len(tokens) - i), 0, -1):
        text = " ".join(t.text for t in tokens[i : i + n])
        if not text[:1].isupper():
            continue
        group = k.group(text)
        if group is not None:
            return n, group
    return None


def _country_words(span: Span, k: Knowledge) -> bool:
    return any(k.country_name(t.text) for t in span)


def _code(country: str | None, sector: str | None) -> str | None:
    if sector == "IGO":
        return None
    if country and sector:
        return f"{country}{sector}"
    return country or None


def _apply_code(actor: Actor, code: str, k: Knowledge, override: bool) -> None:
    """Use a user-dictionary code: ``USAGOV`` gives country USA, sector GOV; ``IGOUNO`` a code."""
    prefix = code[:3]
    if k.by_iso3(prefix) is not None:
        if override or actor.country is None:
            actor.country = prefix
        if len(code) >= 6 and (override or actor.sector is None):
            actor.sector = code[3:6]
        actor.code = code if override or actor.code is None else actor.code
    else:
        actor.code = code
        if len(code) >= 6 and actor.sector is None:
            actor.sector = code[3:6] if prefix in {"IGO", "NGO", "IMG", "MNC"} else None


# --------------------------------------------------------------------------------------------
# Span helpers
# --------------------------------------------------------------------------------------------
def _strip(span: Span) -> Span:
    """The span without a leading determiner, possessive pronoun or trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in DETERMINERS
        or doc[start].lower_ in POSSESSIVE_PRONOUNS
        or doc[start].text in LEADING
    ):
        if doc[start].text == "(" and any(t.text == ")" for t in doc[start:end]):
            break
        start += 1
    while end > start and (doc[end - 1].text in TRAILING or (end - start > 1 and _is_score(doc[end - 1]))):
        end -= 1
    return doc[start:end]


def _known_name(token: Token, k: Knowledge) -> bool:
    return bool(k.igo(token.text) or k.group(token.text))


def _is_initial(span: Span) -> bool:
    """A lone initial ("R.") is not a name."""
    return len(span) == 1 and bool(re.fullmatch(r"[A-Z]\.?", span.text))


def _is_score(token: Token) -> bool:
    """A number glued to a name by the model ("Kersey 63", "Kent 108-3")."""
    return token.like_num or bool(re.fullmatch(r"[\d][\d.,/-]*", token.text))


def _after_possessor(span: Span, k: Knowledge) -> Span:
    """ "Wang's family" -> "family": a possessor that is not a country is not part of the name."""
    for tok in span:
        if (
            tok.text in {"'s", "’s"}
            and tok.i > span.start
            and not k.country(span.doc[span.start : tok.i].text)
        ):
            return span.doc[tok.i + 1 : span.end]
    return span


def _split_at_commas(ent: Span) -> list[Span]:
    """ "Lahore, Punjab" -> two places; other entities stay whole."""
    if ent.label_ not in {"GPE", "LOC", "FAC"} or not any(t.text == "," for t in ent):
        return [ent]
    parts, start = [], ent.start
    for tok in ent:
        if tok.text == ",":
            parts.append(ent.doc[start : tok.i])
            start = tok.i + 1
    parts.append(ent.doc[start : ent.end])
    return [p for p in parts if len(p)]


def _in_parentheses(span: Span) -> bool:
    doc = span.doc
    return (
        span.start > 0
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
    )


def _without_hedges(span: Span, k: Knowledge) -> Span:
    """The span without the epistemic hedges in front ("alleged", "suspected"), for a canonical
    name; the mention keeps them (``hedges.tsv``). A span that is only hedges stays whole."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in k.hedges:
        start += 1
    return span.doc[start : span.end]


def _display_name(span: Span) -> str:
    """A span's text as a name: parentheses removed ("(U.S.) Secretary of State")."""
    return " ".join(span.text.replace("(", " ").replace(")", " ").split())


def _heads_phrase(span: Span) -> bool:
    """An agent match that is the head of its noun phrase ("police" in "police said"), not a
    modifier ("police station", "military action", "Women 's 400 metres") nor a title in front
    of a name."""
    last = span[-1]
    if last.pos_ not in {"NOUN", "PROPN"}:
        return False
    if span.end < len(span.doc) and span.doc[span.end].text in {"'s", "’s"}:
        return False
    return not (last.dep_ in {"compound", "amod", "nmod"} and not span.start <= last.head.i < span.end)


def _extend_left(core: Span) -> Span:
    """The core agent words with the modifiers in front of them ("U.S.", "Mexican", "drug")."""
    doc = core.doc
    start = core.start
    root = core[-1]
    while start > 0:
        tok = doc[start - 1]
        if tok.dep_ == "amod" and tok.tag_ in {"VBN", "VBG"} and start <= tok.head.i <= root.i:
            start -= 1  # participles used as adjectives: "alleged operatives", "armed men"
            continue
        stop = tok.text in {",", ";", ":", '"', "“", "”"} or tok.pos_ in BREAK_POS
        if stop and tok.text not in {"'s", "’s", "(", ")"} and not (tok.is_upper and tok.text.isalpha()):
            break
        inside = tok.head.i >= start - 1 and tok.head.i <= root.i
        if tok.dep_ == "amod" and start <= tok.head.i <= root.i:
            start -= 1
            continue
        if not (inside or tok.text in {"(", ")", "'s", "’s"} or start <= tok.head.i <= root.i):
            break
        start -= 1
    return doc[start : core.end]


def _of_or_in_place(core: Span, k: Knowledge, ents: list[Span]) -> str | None:
    """ "Military Forces of Mexico", "police in Lahore": the country of the place after the agent."""
    doc = core.doc
    end = core.end
    if end + 1 < len(doc) and doc[end].lower_ in {"of", "in"}:
        j = end + 1
        while j < len(doc) and doc[j].lower_ in {"the"}:
            j += 1
        for ent in ents:
            if ent.start == j and ent.label_ in {"GPE", "LOC", "NORP", "FAC"}:
                entry = k.country(ent.text)
                return entry.iso3 if entry else k.place_country(ent.text)
    return None


def _listed_after(span: Span) -> int:
    """How many places come before ``span`` in a comma list ("Capihan, San Rafael, Bulacan":
    Bulacan 2); the later, the broader."""
    root, n = span.root, 0
    while root.dep_ in ("appos", "conj") and root.head.i < root.i and n < 6:
        root, n = root.head, n + 1
    return n


def _locative(span: Span) -> bool:
    """A place something happens in: "in Chile", "near Idleb", also "in the southern
    countryside of Idleb" (an ``of`` phrase of a locative object) and the places listed after
    a locative one ("in San Rafael, Bulacan")."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in LOCATIVE:
        return True
    host = before.head
    if before.lower_ == "of" and host.dep_ == "pobj" and host.head.lower_ in LOCATIVE:
        return True
    root = span.root  # "in Barangay Capihan, San Rafael, Bulacan": the places after the first
    if before.text == "," and root.dep_ in ("appos", "conj") and root.head.i < span.start:
        head = root.head
        return _locative(doc[head.left_edge.i : head.i + 1])
    return False


def _is_agent_only(span: Span, k: Knowledge) -> bool:
    """An entity that is just a role word ("Police", "Army"): a generic agent, not a name."""
    entry = k.agent(span.text)
    return (
        entry is not None
        and len(entry.phrase.split()) >= len(span)
        and len(span) <= 3
        and not k.country(span.text)
        and not k.igo(span.text)
        and not k.group(span.text)
    )


def _sent_index(span: Span) -> int | None:
    """Index of the sentence holding the span's first token (``None`` without sentences)."""
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return None
    starts = _SENT_STARTS.get(id(doc))
    if starts is None or starts[0] is not doc:
        starts = (doc, [s.start for s in doc.sents])
        _SENT_STARTS.clear()
        _SENT_STARTS[id(doc)] = starts
    return bisect_right(starts[1], span.start) - 1


_SENT_STARTS: dict[int, tuple[Doc, list[int]]] = {}


# --------------------------------------------------------------------------------------------
# Public helper for other extractors
# --------------------------------------------------------------------------------------------
def _group_actor(group) -> Actor:
    """The actor of a named group of the lexicon (armed group, cartel, party, medium)."""
    return Actor(
        id=slug(group.name),
        name=group.name,
        kind=group.kind,
        country=group.country,
        sector=group.sector,
        code=group.code,
    )


def _country_actor(entry: CountryEntry) -> Actor:
    return Actor(
        id=entry.slug,
        name=entry.name,
        kind="country",
        country=entry.iso3,
        code=entry.iso3,
        links={"geonames": entry.geonames, "wikidata": None},
    )


def actor_for_phrase(span: Span, table: ActorTable, knowledge: Knowledge) -> str | None:
    """The actor a noun phrase names or describes, added to ``table`` if new.

    Parameters
    ----------
    span : spacy.tokens.Span
        A noun phrase or its head ("drug cartels", "U.S. forces", "the Sinaloa Cartel").
    table : ActorTable
        The document's actors (``doc._.kg_actors``).
    knowledge : Knowledge
        The shared lexicon.

    Returns
    -------
    str or None
        The actor id, or ``None`` when the phrase is neither a known actor nor an agent phrase.
    """
    found = table.at(span.start_char, span.end_char)
    if found is not None:
        return found
    doc = span.doc
    builder = _Builder.__new__(_Builder)
    builder.doc, builder.k, builder.table = doc, knowledge, table
    document = doc._.kg_document if Doc.has_extension("kg_document") else None
    builder.published = getattr(document, "published", None)
    builder.dateline = getattr(document, "dateline", None)
    builder.full_names, builder.agent_spans, builder.matcher, builder._focus = {}, [], None, False
    builder.ents = list(doc.ents)
    builder._generic_ids = {(a.country, a.sector, None): a.id for a in table if a.kind == "group"}
    core = _agent_core(span, knowledge)
    if core is None:
        return None
    coding = decode(list(span), knowledge, builder)
    if coding.sector is None:
        return None
    name_span = _strip(span)
    country = coding.country if coding.explicit else None
    if country is None and coding.sector not in TRANSNATIONAL:
        country = builder.sentence_place(span) or builder.focus_country()
    for actor in table:
        if (
            actor.kind in {"group", "organization"}
            and actor.country == country
            and actor.sector == coding.sector
            and fold(actor.name).split()[-1:] == fold(core.text).split()[-1:]
        ):
            table.add_mention(
                actor.id,
                Mention(
                    name_span.text,
                    name_span.start_char,
                    name_span.end_char,
                    _sent_index(name_span),
                    "description",
                ),
            )
            return actor.id
    kind = coding.kind if coding.kind != "person" or not span.text.lower().endswith("s") else "group"
    actor = Actor(
        id=builder._unique_id(slug(name_span.text)),
        name=name_span.text,
        kind=kind or "group",
        country=country,
        sector=coding.sector,
        code=_code(country, coding.sector),
        mentions=[
            Mention(
                name_span.text,
                name_span.start_char,
                name_span.end_char,
                _sent_index(name_span),
                "description",
            )
        ],
    )
    return table.add(actor).id


def _agent_core(span: Span, k: Knowledge) -> Span | None:
    for start in range(span.start, span.end):
        sub = span.doc[start : span.end]
        entry = k.agent(sub.text)
        if entry is not None:
            return sub
    return None
