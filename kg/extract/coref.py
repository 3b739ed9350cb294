"""Coreference within a document: pronouns, definite descriptions, metonyms, quoted "I"/"we".

``kg_coref`` runs after ``kg_actors`` and adds mentions to the document's ``ActorTable``:

- third-person pronouns (he/she/his/her/its/they/...) go to the most salient compatible
  antecedent: recency first (sentences back), then grammatical role (subject > object >
  oblique > possessor), with gender from honorifics, gendered titles, given names
  (``kg/data/relations/first_names.tsv``) and pronouns already resolved to the actor;
  ``its`` before a head-of-state title ("its president") prefers a country;
- definite descriptions ("the country", "the nation", "that country", "the group") go to the most
  recent actor of a matching kind/sector; office descriptions ("the president", "her foreign
  minister") go to the actor holding that office in the document, found from titles written
  beside names ("Foreign Minister Juan Ramon de la Fuente"), before or after the description;
- metonyms ("Washington") merge into their country when ``kg_actors`` has not merged them;
- "I"/"me"/"my"/"we"/"us"/"our" inside a quotation go to the quote's speaker. Quotes are found
  here with a quotation-mark scan and the subject of the reporting verb beside the quote
  (``find_quotes``, also usable by the quotes component); a quote paragraph without its own
  attribution continues the previous quote's speaker.

Pronoun mentions carry ``Mention.kind = "pronoun"``, descriptions ``"description"``. The cue
words are data: ``kg/data/relations/coref.json``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.annotate.doccache import doc_text
from kg.annotate.doccache import sentences as doc_sentences
from kg.extract.relations import DATA_DIR, _title_spans, country_actor, find_titles, load_cues, mention_spans
from kg.extract.table import ActorTable
from kg.model import Mention

# Salience of a mention by its grammatical role (Lappin & Leass 1994, simplified).
ROLE_WEIGHT = {
    "nsubj": 80,
    "nsubjpass": 70,
    "dobj": 50,
    "appos": 45,
    "attr": 40,
    "pobj": 30,
    "dative": 40,
    "conj": 30,
    "poss": 20,
    "compound": 10,
    "nmod": 10,
    "amod": 5,
}
SENTENCE_PENALTY = 100
LOCAL_BONUS = 60  # the subject of the pronoun's own clause, or of the clause it depends on
SUBJECTS = ("nsubj", "nsubjpass")
WINDOW = {"m": 5, "f": 5, "n": 2, "pl": 2}  # sentences back a pronoun may reach
QUOTE_MARKS = {'"': '"', "\u201c": "\u201d"}


@dataclass
class Referent:
    """One mention of an actor as a candidate antecedent."""

    actor: str
    token: int
    sentence: int
    weight: int


@lru_cache(maxsize=1)
def load_first_names() -> dict[str, str]:
    """Given name (lower case) -> ``m``/``f``."""
    with open(DATA_DIR / "first_names.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["name"]: row["gender"] for row in rows}


# ------------------------------------------------------------------------------------- the state


class _Coref:
    """The working state of one document: sentence index, referents seen, genders learnt."""

    def __init__(self, doc: Doc, table: ActorTable, knowledge) -> None:
        self.doc, self.table, self.knowledge = doc, table, knowledge
        self.text = doc_text(doc)  # Doc.text joins every token: read it once per document
        self.cues = load_cues()
        self.sent_of = {}
        for n, sent in enumerate(doc_sentences(doc)):
            for tok in sent:
                self.sent_of[tok.i] = n
        self.titles = find_titles(doc, table, knowledge)
        self.gender: dict[str, str] = {}
        self.referents: list[Referent] = []

    # -- features ------------------------------------------------------------------------------
    def init_genders(self) -> None:
        """Gender cues that do not need coreference: gendered titles, honorifics, given names."""
        first = load_first_names()
        honorifics = self.cues["honorifics"]
        for match in self.titles:
            if match.entry.gender:
                self.gender.setdefault(match.person, match.entry.gender)
        for actor in self.table:
            if actor.kind != "person":
                continue
            for m in actor.mentions:
                before = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if before is not None and before.start > 0:
                    cue = honorifics.get(self.doc[before.start - 1].lower_)
                    if cue:
                        self.gender.setdefault(actor.id, cue)
            words = actor.name.lower().split()
            if len(words) > 1 and (words[0] in honorifics or words[0] in first):
                self.gender.setdefault(actor.id, honorifics.get(words[0]) or first[words[0]])

    def name_referents(self) -> None:
        for start, end, actor_id, _kind in mention_spans(self.table):
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.referents.append(self._referent(actor_id, span.root))

    def _referent(self, actor_id: str, tok: Token) -> Referent:
        dep = tok.dep_
        if dep == "compound" and tok.head.dep_ in ROLE_WEIGHT and tok.head.ent_type_ == tok.ent_type_:
            dep = tok.head.dep_  # a multi-token name whose root the parser missed
        return Referent(actor_id, tok.i, self.sent_of.get(tok.i, 0), ROLE_WEIGHT.get(dep, 0))

    # -- adding mentions -----------------------------------------------------------------------
    def add(self, actor_id: str, start: int, end: int, kind: str, tok: Token) -> None:
        text = self.text[start:end]
        self.table.add_mention(
            actor_id, Mention(text, start, end, sentence=self.sent_of.get(tok.i), kind=kind)
        )
        self.referents.append(self._referent(actor_id, tok))

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _, _ in mention_spans(self.table))


# ---------------------------------------------------------------------------------- pronouns


def _compatible(state: _Coref, actor_id: str, features: dict, kinds: set[str]) -> bool:
    actor = state.table.get(actor_id)
    if actor is None or actor.kind not in kinds:
        return False
    gender = features["gender"]
    return gender not in ("m", "f") or state.gender.get(actor_id, gender) == gender


def _pronoun_class(features: dict) -> str:
    if features["number"] == "pl":
        return "pl"
    return features["gender"] or "n"


def resolve_pronoun(state: _Coref, tok: Token) -> str | None:
    """The antecedent actor of a third-person pronoun token, or ``None``."""
    features = state.cues["pronouns"][tok.lower_]
    cls = _pronoun_class(features)
    kinds = set(state.cues["kinds_by_gender"][cls])
    sentence = state.sent_of[tok.i]
    nxt = tok.nbor(1) if tok.i + 1 < len(state.doc) else None
    if cls == "n" and nxt is not None and _leader_title_at(state, nxt.i):
        kinds = {"country"}  # "its president": the state whose office it is
    local = _local_subjects(tok)
    best, best_score = None, None
    for ref in state.referents:
        if ref.token >= tok.i or sentence - ref.sentence > WINDOW[cls] or ref.sentence > sentence:
            continue
        if _bound(state.doc, ref, tok) or not _compatible(state, ref.actor, features, kinds):
            continue
        score = ref.weight - SENTENCE_PENALTY * (sentence - ref.sentence) + ref.token / 10000
        score += LOCAL_BONUS if ref.token in local else 0
        if best_score is None or score > best_score:
            best, best_score = ref.actor, score
    if best is not None and features["gender"] in ("m", "f"):
        state.gender.setdefault(best, features["gender"])
    return best


def _local_subjects(tok: Token) -> set[int]:
    """Tokens that most likely bind a pronoun: the subject of its clause ("Trump and his allies"),
    the controller of an infinitive ("pressure North Korea to end its programme"), or the
    subject of the clause a subordinate clause hangs on ("Trump said he ...")."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c.i for c in verb.children if c.dep_ in SUBJECTS and c.i != tok.i]
    if subjects:
        return set(subjects)
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = [c.i for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objects:
            return set(objects)
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl"):
        return {c.i for c in head.children if c.dep_ in SUBJECTS and c.i != tok.i}
    return set()


def _bound(doc: Doc, ref: Referent, tok: Token) -> bool:
    """A non-possessive object pronoun cannot corefer with the subject of its own verb."""
    if tok.dep_ not in ("dobj", "dative", "pobj") or tok.tag_ == "PRP$":
        return False
    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
    return doc[ref.token].head == verb and doc[ref.token].dep_ in ("nsubj", "nsubjpass")


def _leader_title_at(state: _Coref, i: int) -> bool:
    return any(start in (i, i + 1) and entry.type == "leader" for start, _, entry in _title_spans(state.doc))


# ------------------------------------------------------------------------------- descriptions


def _determiner(tok: Token, cues: dict) -> Token | None:
    for child in tok.children:
        if child.dep_ == "det" and child.lower_ in cues["determiners"] and child.i < tok.i:
            return child
    return None


def _salience(state: _Coref, i: int, allowed, window: int = 3) -> str | None:
    """The most salient allowed actor before token ``i``: each mention counts its grammatical
    weight, halved for every sentence back (ties go to the most recent)."""
    sentence = state.sent_of[i]
    scores: dict[str, tuple[float, int]] = {}
    for ref in state.referents:
        dist = sentence - ref.sentence
        if ref.token >= i or dist < 0 or dist > window or not allowed(ref.actor):
            continue
        score, last = scores.get(ref.actor, (0.0, -1))
        scores[ref.actor] = (score + (100 + ref.weight) * 0.5**dist, max(last, ref.token))
    return max(scores, key=lambda a: scores[a]) if scores else None


def resolve_description(state: _Coref, tok: Token) -> tuple[str, int] | None:
    """``the country`` / ``the nation`` / ``the group``: (actor id, start token) or ``None``."""
    rule = state.cues["descriptions"].get(tok.lower_)
    if rule is None or tok.tag_ not in ("NN",) or tok.ent_type_:
        return None
    det = _determiner(tok, state.cues)
    if det is None or any(t.pos_ not in ("ADJ", "ADV", "PUNCT") for t in state.doc[det.i + 1 : tok.i]):
        return None  # "the Fujimori movement", "the human rights movement" name, they do not point back

    def allowed(actor_id: str) -> bool:
        actor = state.table.get(actor_id)
        if actor is None or actor.kind not in rule["kinds"]:
            return False
        sectors = rule.get("sectors")
        return not sectors or actor.sector in sectors or tok.lower_ in actor.name.lower()

    found = _salience(state, tok.i, allowed, window=6)
    return (found, det.i) if found else None


def resolve_office(state: _Coref, start: int, end: int, entry) -> tuple[str, int] | None:
    """``the president`` / ``her foreign minister`` / ``its president`` (no name beside it): the
    document's holder of that office, the most salient before it, else the first after it."""
    doc, cues = state.doc, state.cues
    title = doc[start:end]
    if start == 0:
        return None
    lead = doc[start - 1]
    if lead.lower_ not in cues["determiners"] and lead.tag_ != "PRP$":
        return None
    owner_country = _owner_country(state, lead)
    holders = [
        (m.start, m.person) for m in state.titles if m.current and _title_fits(entry.title, m.entry.title)
    ]
    for actor in state.table:  # offices the actor recogniser read
        if actor.mentions and any(_title_fits(entry.title, r.title) for r in actor.roles):
            holders.append((min(m.start for m in actor.mentions), actor.id))
    holders = [h for h in holders if _country_fits(state.table.get(h[1]), owner_country)]
    people = {person for _, person in holders}
    found = _salience(state, start, lambda a: a in people)
    if found:
        return found, lead.i
    before = [h for h in holders if h[0] < title.start_char]
    if before:
        return max(before)[1], lead.i
    return (min(holders)[1], lead.i) if holders else None


def _title_fits(described: str, held: str) -> bool:
    """ "the minister" fits a Foreign Minister; "the foreign minister" only a Foreign Minister."""
    described, held = described.casefold(), held.casefold()
    return held == described or held.endswith(" " + described)


def _country_fits(actor, country: str | None) -> bool:
    return actor is not None and (country is None or actor.country in (None, country))


def _owner_country(state: _Coref, lead: Token) -> str | None:
    """The ISO3 code a possessive before an office points to ("her" -> Sheinbaum -> MEX)."""
    if lead.tag_ != "PRP$":
        return None
    actor = state.table.get(state.table.at(lead.idx, lead.idx + len(lead)) or "")
    return actor.country if actor is not None else None


# -------------------------------------------------------------------------------------- quotes


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages as ``(start, end)`` offsets without the quotation marks.

    Straight quotes pair up within a paragraph; a paragraph that opens a quote without closing it
    (news style for quotes running over paragraphs) quotes to the paragraph's end.
    """
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        body, base = para.group(), para.start()
        opened = None
        for m in re.finditer(r'["\u201c\u201d]', body):
            mark = m.group()
            if opened is None and mark in QUOTE_MARKS:
                opened = m.end()
            elif opened is not None and mark in ('"', "\u201d"):
                if m.start() > opened:
                    spans.append((base + opened, base + m.start()))
                opened = None
        if opened is not None and len(body) - opened > 1:
            spans.append((base + opened, base + len(body.rstrip())))
    return spans


def _speaker_in(doc: Doc, table: ActorTable, tokens, reporting: set[str]) -> str | None:
    for tok in tokens:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in reporting:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                actor = table.at(child.idx, child.idx + len(child))
                if actor is not None:
                    return actor
    return None


def find_quotes(doc: Doc, table: ActorTable) -> list[tuple[int, int, str | None]]:
    """Quotations with their speakers: ``(start, end, actor id or None)``.

    The speaker is the subject of a reporting verb ("said", "told", ...) in the sentence that
    closes the quote, after it, else before the quote in the sentence that opens it; a quote
    without one continues the speaker of a quote in the paragraph just before.
    """
    reporting = set(load_cues()["reporting_verbs"])
    text = doc_text(doc)
    sentences = list(doc_sentences(doc))
    starts = [sent.start_char for sent in sentences]
    found: list[tuple[int, int, str | None]] = []
    for start, end in quote_spans(text):
        para_end = _find(text, "\n", end)
        para_start = text.rfind("\n", 0, start) + 1
        closing = sentences[max(bisect_right(starts, min(end, len(text) - 1)) - 1, 0)]
        opening = sentences[max(bisect_right(starts, max(start - 1, 0)) - 1, 0)]
        after = [t for t in closing if end <= t.idx < para_end]
        speaker = _speaker_in(doc, table, after, reporting)
        if speaker is None:
            before = [t for t in opening if para_start <= t.idx < start]
            speaker = _speaker_in(doc, table, before, reporting)
        if speaker is None and found and found[-1][2] and _adjacent(text, found[-1][1], start):
            speaker = found[-1][2]
        found.append((start, end, speaker))
    return found


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return len(text) if found < 0 else found


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """The quote at ``start`` is in the previous quote's paragraph, or opens the next one."""
    between = text[previous_end:start]
    breaks = re.findall(r"\n\s*\n|\n", between)
    opening = text[text.rfind("\n", 0, start) + 1 : start]
    return not breaks or (len(breaks) == 1 and opening.strip() in ('"', "\u201c"))


# --------------------------------------------------------------------------------- metonyms


def merge_metonyms(table: ActorTable, knowledge) -> None:
    """Merge an actor named by a seat of the state itself ("Washington") into its country."""
    lookup = getattr(knowledge, "metonym", None)
    if lookup is None:
        return
    for actor in list(table):
        entry = lookup(actor.name)
        if entry is None or entry.sector or actor.kind == "country" and actor.country == entry.country:
            continue
        target = country_actor(table, entry.country)
        if target is not None and target != actor.id:
            table.rename(actor.id, target)


# ---------------------------------------------------------------------------------------- driver


def resolve_document(doc: Doc, table: ActorTable, knowledge=None) -> None:
    """Add pronoun, description and quoted first-person mentions to ``table`` (in place)."""
    merge_metonyms(table, knowledge)
    state = _Coref(doc, table, knowledge)
    state.init_genders()
    state.name_referents()
    offices = {start: (end, entry) for start, end, entry in _title_spans(state.doc)}
    named = {(m.title_start, m.title_end) for m in state.titles}
    pronouns = state.cues["pronouns"]
    for tok in doc:
        features = pronouns.get(tok.lower_)
        if features and features["person"] == 3 and tok.tag_ in ("PRP", "PRP$"):
            if not state.covered(tok.idx, tok.idx + len(tok)):
                actor = resolve_pronoun(state, tok)
                if actor is not None:
                    state.add(actor, tok.idx, tok.idx + len(tok), "pronoun", tok)
            continue
        _description_at(state, tok, offices, named)
    _first_person(state)


def _description_at(state: _Coref, tok: Token, offices: dict, named: set) -> None:
    doc = state.doc
    if tok.i in offices:
        end, entry = offices[tok.i]
        span = doc[tok.i : end]
        if (span.start_char, span.end_char) not in named:
            hit = resolve_office(state, tok.i, end, entry)
            if hit is not None:
                start = doc[hit[1]].idx
                if not state.covered(start, span.end_char):
                    state.add(hit[0], start, span.end_char, "description", span.root)
        return
    hit = resolve_description(state, tok)
    if hit is not None:
        start = doc[hit[1]].idx
        if not state.covered(start, tok.idx + len(tok)):
            state.add(hit[0], start, tok.idx + len(tok), "description", tok)


def _first_person(state: _Coref) -> None:
    doc, table = state.doc, state.table
    pronouns = state.cues["pronouns"]
    for start, end, speaker in find_quotes(doc, table):
        if speaker is None:
            continue
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            continue
        for tok in span:
            features = pronouns.get(tok.lower_)
            first = features and features["person"] == 1 and tok.tag_ in ("PRP", "PRP$") and tok.text != "US"
            if first and not state.covered(tok.idx, tok.idx + len(tok)):
                state.add(speaker, tok.idx, tok.idx + len(tok), "pronoun", tok)


@Language.factory("kg_coref", default_config={"actor_files": [], "agent_files": []})
def make_coref(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    """Within-document coreference: adds pronoun/description mentions to ``doc._.kg_actors``."""
    from kg.lexicon import load_knowledge

    knowledge = load_knowledge(tuple(actor_files), tuple(agent_files))

    def annotate(doc: Doc) -> Doc:
        table = doc._.kg_actors
        if table is not None and len(table):
            resolve_document(doc, table, knowledge)
        return doc

    return annotate
