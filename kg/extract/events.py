"""Events: who did what to whom, read from the dependency parse with the project's trigger lexicon.

A sentence becomes events in five steps:

1. **Triggers.** Every verb or noun whose lemma heads an entry of ``kg/data/events/triggers.tsv``
   is a candidate; multiword entries ("lift sanctions", "air strike", "call on") must find their
   other words among the token's dependents; the longest entry whose condition holds wins, and the
   words it uses are not triggers themselves. Tokens inside names ("Asia-Pacific Economic
   Cooperation") are never triggers.
2. **Arguments.** Source, target and recipient come from the dependency relations and prepositions
   listed for the trigger (``arguments.json``, overridable per entry): subjects (inherited through
   control, coordination, relative clauses and gerunds), objects, passive ``by`` phrases,
   possessives and compounds of event nouns ("Trump's threats", "U.S. attack"), and prepositional
   objects ("strikes on drug cartels"). Tokens become actors through the ``ActorTable`` and
   ``actor_for_phrase``; all conjuncts of an argument are taken (compound actors).
3. **Frames.** A verbal trigger (threaten, urge, agree, condemn...) takes the event embedded in its
   complement as its *content*: "threatened land strikes on cartels" is one THREATEN event whose
   target comes from the content; "denied attacking" makes the attack negated instead.
4. **Modality and attribution.** Negation, modal auxiliaries, conditionals, ``going to``, intent
   and likelihood governors (``cues.json``) give asserted / negated / hypothetical / future /
   intended; events inside a quote or a reported clause are ``attributed_to`` the speaker.
5. **Time, place, identity.** ``kg.extract.time.event_date`` and ``kg.extract.places.event_location``
   give date and location; the same event told twice in the document is merged
   (``kg.resolve.events.merge_document_events``) and ids ``e1``, ``e2``... follow text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import actor_for_phrase
from kg.extract.event_lexicon import EventLexicon, Trigger, load_event_lexicon
from kg.extract.places import event_location
from kg.extract.table import ActorTable
from kg.extract.time import event_date
from kg.model import Actor, Event, Location, Mention, Quote

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
)
NOMINAL_DEPS = frozenset({"amod", "dobj", "pobj", "nsubj", "nsubjpass", "compound", "poss"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# dependency hops that lead from an embedded event up to the trigger that frames it
FRAME_FIRST_HOPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "attr", "oprd", "compound", "nmod"}
)
FRAME_LATER_HOPS = FRAME_FIRST_HOPS | {"prep", "nsubj", "nsubjpass", "conj", "advcl", "agent"}
# hops from a verb without subject up to the verb whose subject it shares
SUBJECT_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "ccomp"})
DESCENT_PREPS = frozenset({"of", "to", "on", "against", "from", "in", "with", "by", "for"})
MODALITY_ORDER = ("negated", "hypothetical", "future", "intended", "asserted")


@dataclass
class _Draft:
    """An event being read: the trigger token, its lexicon entry and what was found so far."""

    token: Token
    entry: Trigger
    used: tuple[Token, ...]
    cameo: str
    category: str
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: str | None = None
    frame: _Draft | None = None
    dropped: bool = False
    recoded: bool = False

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(self.source + self.target + self.recipient))


class _Context:
    """What the readers of one document share."""

    def __init__(self, doc: Doc, lexicon: EventLexicon, knowledge) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.knowledge = knowledge
        self.table: ActorTable = doc._.kg_actors if doc._.kg_actors is not None else ActorTable()
        self.quotes: list[Quote] = list(doc._.kg_quotes or [])
        document = doc._.kg_document
        self.published: str | None = document.published if document is not None else None
        self.cues = lexicon.cues
        self._actor_cache: dict[int, str | None] = {}
        self.sentences: list[Span] = []
        self.sentence_of: dict[int, int] = {}  # token index -> sentence number

    def quote_at(self, char: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= char < q.end), None)


# ----------------------------------------------------------------------------- component


@Language.factory("kg_events", default_config={"actor_files": [], "agent_files": []})
def make_events(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    """The ``kg_events`` component: fills ``doc._.kg_events`` with ``Event`` objects."""
    return EventComponent(tuple(actor_files), tuple(agent_files))


class EventComponent:
    """Reads the events of a document (see the module docstring for how)."""

    def __init__(self, actor_files: tuple[str, ...] = (), agent_files: tuple[str, ...] = ()) -> None:
        self.actor_files = actor_files
        self.agent_files = agent_files
        self.lexicon = load_event_lexicon()
        self._knowledge = None

    @property
    def knowledge(self):
        if self._knowledge is None:
            from kg.lexicon import load_knowledge

            self._knowledge = load_knowledge(self.actor_files, self.agent_files)
        return self._knowledge

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = extract_events(doc, self.lexicon, self.knowledge)
        return doc


def extract_events(doc: Doc, lexicon: EventLexicon | None = None, knowledge=None) -> list[Event]:
    """The events of an annotated ``doc`` (actors, coreference and quotes already run).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document that went through ``kg_actors`` (and ``kg_quotes``).
    lexicon : EventLexicon, optional
        Defaults to the project's lexicon in ``kg/data/events``.
    knowledge : kg.lexicon.Knowledge, optional
        Passed on to ``actor_for_phrase``.

    Returns
    -------
    list of Event
        In text order, ids ``e1``, ``e2``..., the same event told twice merged into one.
    """
    from kg.resolve.events import merge_document_events

    ctx = _Context(doc, lexicon or load_event_lexicon(), knowledge)
    sentences = list(doc.sents)
    for n, sent in enumerate(sentences):
        ctx.sentence_of.update(dict.fromkeys(range(sent.start, sent.end), n))
    ctx.sentences = sentences
    drafts = [d for sent in sentences for d in _sentence_drafts(sent, ctx)]
    for draft in drafts:
        _read_arguments(draft, ctx)
    demands = _demand_drafts(doc, ctx)
    _apply_frames(drafts, ctx)
    _attach_demand_content(demands, drafts)
    kept = [d for d in sorted(drafts + demands, key=lambda d: d.token.i) if not d.dropped and d.frame is None]
    for draft in kept:
        _read_modality(draft, ctx)
        _recode_by_modality(draft, ctx)
    main = _main_events(kept, ctx)
    events = [_to_event(d, ctx) for d in main]
    actors = {a.id: a for a in ctx.table}
    events = merge_document_events(events, actors)
    implicit = {d.token.idx: spec for d in main if (spec := _implicit_spec(d, ctx)) is not None}
    for event in events:
        if not event.source and event.trigger.start in implicit:
            _add_implicit_source(event, *implicit[event.trigger.start], ctx, events)
    for n, event in enumerate(sorted(events, key=lambda e: e.trigger.start), 1):
        event.id = f"e{n}"
    return sorted(events, key=lambda e: e.trigger.start)


# ----------------------------------------------------------------------------- 1. triggers


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return None


def _neighbourhood(token: Token, pos: str) -> list[Token]:
    """Tokens where the other words of a multiword entry may be."""
    near = list(token.children)
    near += [g for c in token.children for g in c.children]
    if pos == "NOUN" and token.head.i != token.i:
        near += [token.head, token.head.head]
    return near


def _words_found(entry: Trigger, token: Token) -> tuple[Token, ...] | None:
    """The dependents matching the entry's other words, or None when one is missing."""
    near = _neighbourhood(token, entry.pos)
    used = []
    for word in entry.extras:
        hit = next((t for t in near if t not in used and word in (t.lower_, t.lemma_.lower())), None)
        if hit is None:
            return None
        used.append(hit)
    return tuple(used)


def _objects(token: Token) -> list[Token]:
    """Direct objects of a verb, or prepositional objects of a noun ("requests for comment")."""
    found = [c for c in token.children if c.dep_ == "dobj"]
    return found + [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _named(token: Token) -> bool:
    """ "the Paris climate accord": a definite noun with a name in it names a thing, not an event."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    return definite and any(c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ for c in token.children)


def _real_prep(child: Token, wanted: set[str]) -> bool:
    """A preposition among ``wanted`` whose object is not a date ("strike on Monday")."""
    if child.dep_ != "prep" or child.lower_ not in wanted:
        return False
    return not any(g.ent_type_ in ("DATE", "TIME") for g in child.children)


def _condition_holds(entry: Trigger, token: Token) -> bool:
    for condition in entry.when:
        name, _, values = condition.partition("=")
        wanted = set(values.split(","))
        if name == "prep" and not any(_real_prep(c, wanted) for c in token.children):
            return False
        if name == "speech" and not (
            token.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in token.children)
        ):
            return False
        if name == "obj" and not any(o.lemma_.lower() in wanted for o in _objects(token)):
            return False
        if name == "noname" and _named(token):
            return False
        if name == "noobj" and any(c.dep_ == "dobj" for c in token.children):
            return False
        if name == "noxcomp" and any(c.dep_ == "xcomp" for c in token.children):
            return False
    return True


def _is_month_name(token: Token) -> bool:
    """ "on 7 March 2003": a capitalised month inside a date is never the noun "march"."""
    return token.ent_type_ in ("DATE", "TIME") and token.text[:1].isupper()


def match_trigger(token: Token, lexicon: EventLexicon) -> tuple[Trigger, tuple[Token, ...]] | None:
    """The lexicon entry ``token`` triggers (longest phrase first) and the tokens it uses.

    Parameters
    ----------
    token : spacy.tokens.Token
    lexicon : EventLexicon

    Returns
    -------
    tuple or None
        ``(entry, used tokens)``; entries with a CAMEO 01 code (statements) block shorter ones and
        are returned too, so callers can skip them.
    """
    pos = _pos(token)
    if pos == "VERB" and token.dep_ in NOMINAL_DEPS:
        pos = "NOUN" if token.tag_ == "VBG" and token.dep_ != "amod" else None  # "a drive-by shooting"
    if pos is None or token.ent_type_ in NAME_LABELS or _is_month_name(token):
        return None
    lemma = token.lemma_.lower()
    candidates = lexicon.candidates(lemma, pos) or lexicon.candidates(token.lower_, pos)
    best = None
    for entry in candidates:
        if best is not None and len(entry.extras) <= len(best[0].extras):
            continue
        used = _words_found(entry, token)
        if used is not None and _condition_holds(entry, token):
            best = (entry, used)
    return best


def _blocked_by_object(token: Token, entry: Trigger, category: str, ctx: _Context) -> bool:
    """Material triggers whose object is a text or a record ("released a statement")."""
    if entry.pos != "VERB" or category in ctx.lexicon.frame_categories:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ctx.cues["non_event_objects"] for c in token.children)


def _inside_used(token: Token, used: set[int]) -> bool:
    """A noun inside a phrase another trigger used ("lifted a state of emergency")."""
    if token.dep_ not in ("pobj", "compound") or token.head.i == token.i:
        return False
    head = token.head
    return head.i in used or (head.dep_ == "prep" and head.head.i in used)


def _sentence_drafts(sent: Span, ctx: _Context) -> list[_Draft]:
    """Trigger matches of one sentence, minus the words other matches used."""
    matches = []
    for token in sent:
        if token.is_space or token.is_punct:
            continue
        found = match_trigger(token, ctx.lexicon)
        if found is not None:
            matches.append((token, *found))
    used = {t.i for _, _, words in matches for t in words}
    drafts = []
    heads = {t.i for t, _, _ in matches}
    for token, entry, words in matches:
        if entry.pos == "NOUN" and token.dep_ == "compound" and token.head.i not in heads:
            continue  # "talking points", "attack helicopter", "aid agency"
        category = entry.type or ctx.lexicon.plover(entry.cameo)
        if token.i in used or _inside_used(token, used) or category is None:
            continue
        if _blocked_by_object(token, entry, category, ctx):
            continue
        drafts.append(_Draft(token, entry, words, entry.cameo, category))
    return drafts


# ----------------------------------------------------------------------------- 2. arguments


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of ``verb``: its own, else the one it shares through control, coordination,
    gerunds and relative clauses."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head]
            return [child]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or depth > 5 or verb.head.i == verb.i:
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    if verb.dep_ == "relcl":
        return [verb.head] if verb.tag_ == "VBG" else []
    if verb.dep_ not in SUBJECT_CLIMB:
        return []
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objects:
            return objects[:1]
    return _subjects(head, depth + 1)


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            found += [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        elif child.dep_ == "prep" and child.lower_ == "between" and "between" in preps:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _dependents(token: Token, deps: tuple[str, ...], used: tuple[Token, ...]) -> list[Token]:
    """Argument tokens of ``token`` for the given dependency labels and prepositions."""
    heads = [token, *used]
    found: list[Token] = []
    preps = {d for d in deps if d.islower() and d not in _DEP_LABELS}
    for head in heads:
        for dep in deps:
            if dep == "nsubj":
                found += _subjects(head) if head.i == token.i else []
            elif dep == "agent":
                agents = [c for c in head.children if c.dep_ == "agent"]
                found += [g for c in agents for g in c.children if g.dep_ == "pobj"]
            elif dep in _DEP_LABELS and (head.i == token.i or head.pos_ in ("NOUN", "PROPN")):
                found += [c for c in head.children if c.dep_ == dep and c not in used]
        found += _prep_objects(head, preps)
    objects = [c for c in token.children if c.dep_ == "dobj" and c not in used]
    for obj in objects:  # "deploy force against cartels": the parser often attaches it to the object
        found += _prep_objects(obj, preps - {"of", "with", "to"}) if "dobj" not in deps else []
    if "of" in preps and token.pos_ in ("NOUN", "PROPN"):  # "expulsions to the U.S. of operatives"
        inner = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        found += [o for g in inner for o in _prep_objects(g, {"of"})]
    return found


_DEP_LABELS = frozenset(
    {"nsubj", "agent", "dobj", "nsubjpass", "dative", "poss", "compound", "amod", "attr", "appos"}
)


def _actor_of_token(token: Token, ctx: _Context) -> str | None:
    if token.i in ctx._actor_cache:
        return ctx._actor_cache[token.i]
    actor = _lookup_actor(token, ctx)
    if actor is not None and _never_participant(actor, ctx):
        actor = None
    ctx._actor_cache[token.i] = actor
    return actor


def _lookup_actor(token: Token, ctx: _Context) -> str | None:
    table = ctx.table
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_:
            actor = table.at(child.idx, child.idx + len(child))
            if actor is not None:
                return actor
    actor = table.at(token.idx, token.idx + len(token))
    if actor is not None:
        return actor
    if token.pos_ == "PRON":
        quote = ctx.quote_at(token.idx)
        if quote is not None and token.lower_ in ctx.cues["first_person"]:
            return quote.speaker
        return _reporting_subject(token, ctx)
    for child in token.children:
        if child.dep_ == "appos":
            actor = table.at(child.idx, child.idx + len(child))
            if actor is not None:
                return actor
    left = [c.left_edge.i for c in token.children if c.i < token.i and c.dep_ != "punct"]
    start = min(left, default=token.i)
    span = token.doc[start : token.i + 1]
    return actor_for_phrase(span, table, ctx.knowledge)


def _reporting_subject(pronoun: Token, ctx: _Context) -> str | None:
    """ "Syria says it will not accept ...": an unresolved subject pronoun of a reported clause is
    the speaker."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in ("it", "they", "he", "she", "we"):
        return None
    node = pronoun.head
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ccomp" or node.head.lemma_.lower() not in ctx.cues["speech_verbs"]:
        return None
    speakers = [c for c in node.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return next(iter(_actors(speakers, ctx, pronoun, descend=False)), None)


def _never_participant(actor_id: str, ctx: _Context) -> bool:
    actor = ctx.table.get(actor_id)
    names = {actor_id.lower()} | ({actor.name.lower()} if actor else set())
    return bool(names & ctx.cues["never_participants"])


def _actors(tokens: list[Token], ctx: _Context, exclude: Token, descend: bool = True) -> list[str]:
    """Actor ids of argument tokens and their conjuncts; a non-actor noun ("positions", "regard")
    passes on to the objects of its own prepositions."""
    ids = []
    for token in tokens:
        for item in (token, *token.conjuncts):
            if item.i == exclude.i:
                continue
            actor = _actor_of_token(_collective_members(item, ctx), ctx)
            if actor is not None:
                ids.append(actor)
            elif descend and item.pos_ in ("NOUN", "PROPN", "PRON"):
                inner = _prep_objects(item, DESCENT_PREPS)
                ids += _actors(inner, ctx, exclude, descend=False)
    return list(dict.fromkeys(ids))


def _collective_members(token: Token, ctx: _Context) -> Token:
    """ "a group of residents", "a number of teachers": the members, when they are an actor."""
    if token.lemma_.lower() not in ctx.cues.get("collective_nouns", ()):
        return token
    for member in _prep_objects(token, {"of"}):
        if _actor_of_token(member, ctx) is not None:
            return member
    return token


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP")


def _stranded_subject(token: Token, ctx: _Context, intransitive: bool = False) -> list[Token]:
    """The subject of a finite verb the parser left without one: "On 4 May, in Manaus, taxi
    drivers gathered ..." often comes out with the subject in apposition to the place, or the
    verb as a clause of its subject. The nearest noun phrase before the verb in its sentence that
    names a non-place actor, with no other verb in between."""
    verb = token
    while verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i and verb.head.pos_ == "VERB":
        verb = verb.head
    participle = intransitive and verb.tag_ == "VBN" and verb.dep_ == "acl"  # "workers, ..., protested"
    if not (_finite(verb) or participle) or any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "auxpass") for c in verb.children
    ):
        return []
    if verb.dep_ in ("acl", "relcl") and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return [_phrase_head(verb.head, verb)]  # "medics of emergency brigades protested"
    start = ctx.sentences[ctx.sentence_of[verb.i]].start
    for i in range(verb.i - 1, start - 1, -1):
        tok = verb.doc[i]
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return []
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        head = _phrase_head(tok, verb)
        actor = ctx.table.get(_actor_of_token(head, ctx) or "")
        if actor is not None and actor.kind not in ("location", "country"):
            return [head]
    return []


def _phrase_head(tok: Token, verb: Token) -> Token:
    """The head of the noun phrase ``tok`` ends ("residents of the Colonia", "workers, mostly
    women"), not going past ``verb``."""
    for _ in range(6):
        head = tok.head
        if head.i >= verb.i or head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
            if head.head.i >= verb.i:
                break
            tok = head.head
        elif tok.dep_ in ("compound", "appos") and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_:
            tok = head
        else:
            break
    return tok


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal event is the object of ("launched an offensive", "doubled down on
    cooperation", "with two mass expulsions")."""
    node = noun
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    for _ in range(3):
        if node.dep_ in ("dobj", "attr", "oprd") and node.head.pos_ in ("VERB", "AUX"):
            return node.head
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            host = node.head.head
            if host.pos_ in ("VERB", "AUX"):
                return host
            node = host
            continue
        return None
    return None


def _read_arguments(draft: _Draft, ctx: _Context) -> None:
    token, entry = draft.token, draft.entry
    roles = ctx.lexicon.roles(entry, draft.category)
    for role in ("source", "target", "recipient"):
        tokens = _dependents(token, roles.get(role, ()), draft.used)
        setattr(draft, role, _actors(tokens, ctx, token))
    if not draft.source and entry.pos == "VERB" and "nsubj" in roles.get("source", ()):
        intransitive = draft.category == "PROTEST" and not any(c.dep_ == "agent" for c in token.children)
        draft.source = _actors(_stranded_subject(token, ctx, intransitive), ctx, token)
    if entry.pos == "NOUN" and not (draft.source and draft.target):
        _from_governor(draft, ctx)
    if entry.pos == "NOUN" and not draft.source and _happening(token, ctx):
        draft.source = _actors(
            _prep_objects(token.head, {"between"}), ctx, token
        )  # "clashes erupted between"
    if not draft.target and draft.category in ctx.lexicon.frame_categories:
        draft.target = _clause_subjects(token, ctx)
    draft.source = [a for a in draft.source if not _place(a, ctx)]  # places do not act
    draft.target = [a for a in draft.target if a not in draft.source]
    draft.recipient = [a for a in draft.recipient if a not in draft.source and a not in draft.target]
    if not draft.target and draft.recipient and draft.category not in ("COERCE", "SANCTION"):
        draft.target, draft.recipient = draft.recipient, []


def _happening(noun: Token, ctx: _Context) -> bool:
    """ "clashes erupted", "a shoot-out took place": a nominal event as the subject of a verb
    that tells it happened."""
    verb = noun.head
    return (
        noun.dep_ in ("nsubj", "nsubjpass")
        and verb.lemma_.lower() in ctx.cues.get("happening_verbs", ())
        and not any(c.dep_ == "dobj" and c.lemma_.lower() != "place" for c in verb.children)
    )


def _place(actor_id: str, ctx: _Context) -> bool:
    actor = ctx.table.get(actor_id)
    return actor is not None and actor.kind == "location"


def _from_governor(draft: _Draft, ctx: _Context) -> None:
    """A nominal event takes the subject of the verb it is the object of as its source ("launched
    an offensive") and that verb's indirect object as its target ("gave the Ivory Coast aid")."""
    verb = _governing_verb(draft.token)
    lemma = verb.lemma_.lower() if verb is not None else ""
    if verb is None or lemma in ctx.cues["speech_verbs"] or lemma in ctx.cues["negating_verbs"]:
        return
    if not draft.source:
        subjects = _actors(_subjects(verb) or _stranded_subject(verb, ctx), ctx, draft.token, descend=False)
        if verb.lemma_.lower() in ctx.cues["patient_verbs"]:
            draft.target = draft.target or subjects
        else:
            draft.source = subjects
    if not draft.target:
        receivers = [c for c in verb.children if c.dep_ == "dative"] + _prep_objects(verb, {"to"})
        draft.target = [a for a in _actors(receivers, ctx, draft.token) if a not in draft.source]


def _clause_subjects(token: Token, ctx: _Context) -> list[str]:
    """ "demanded that the DPRK forsake ...": the subject of a verbal trigger's clause."""
    for child in token.children:
        if child.dep_ in ("ccomp", "acl") and child.pos_ in ("VERB", "AUX"):
            subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            found = _actors(subjects, ctx, token, descend=False)
            if found:
                return found
    return []


def _subtree_target(frame: _Draft, ctx: _Context) -> list[str]:
    """The first actor named in a frame's complement ("threatened to cut off electricity to
    Nakhichevan", "refused to deploy peacekeepers in Iraq")."""
    preps = ctx.lexicon.content_preps
    for child in frame.token.children:
        if child.dep_ not in ("xcomp", "ccomp", "dobj", "prep", "acl") or (
            child.dep_ == "prep" and child.lower_ not in preps
        ):
            continue
        for token in child.subtree:
            if token.pos_ in ("NOUN", "PROPN") and token.i != frame.token.i:
                found = [
                    a for a in _actors([token], ctx, frame.token, descend=False) if a not in frame.source
                ]
                if found:
                    return found
    return []


def _locative_target(draft: _Draft, ctx: _Context) -> list[str]:
    """A country or place the event happens in or goes to, as a last resort target."""
    spec = ctx.lexicon.arguments.get("locative_targets", {})
    preps, kinds = set(spec.get("preps", ())), set(spec.get("kinds", ()))
    hosts = [draft.token, *draft.used]
    verb = _governing_verb(draft.token) if draft.entry.pos == "NOUN" else None
    hosts += [verb] if verb is not None else []
    found = []
    for actor_id in _actors(
        [t for h in hosts for t in _prep_objects(h, preps)], ctx, draft.token, descend=False
    ):
        actor = ctx.table.get(actor_id)
        if actor is not None and actor.kind in kinds and actor_id not in draft.source + draft.recipient:
            found.append(actor_id)
    return found


# ----------------------------------------------------------------------------- 3. frames


def _frame_hop_ok(node: Token, first: bool, content_preps: frozenset[str]) -> bool:
    """Whether the dependency from ``node`` to its head may lead from content to frame."""
    if node.dep_ == "prep" and node.lower_ not in content_preps:
        return False
    if first and node.dep_ in ("nsubj", "nsubjpass"):
        return node.head.dep_ == "ccomp"  # "warned that any action ... would constitute"
    return node.dep_ in (FRAME_FIRST_HOPS if first else FRAME_LATER_HOPS)


def _infinitive_frame(token: Token, by_token: dict[int, _Draft]) -> _Draft | None:
    """ "threats to deploy": the parser may attach the infinitive elsewhere; the frame noun right
    before ``to`` still frames it."""
    if token.i < 2 or token.doc[token.i - 1].lower_ != "to" or token.doc[token.i - 1].head.i != token.i:
        return None
    before = by_token.get(token.i - 2)
    return before if before is not None and before.entry.pos == "NOUN" else None


def _frame_of(draft: _Draft, by_token: dict[int, _Draft], ctx: _Context) -> _Draft | None:
    """The trigger whose complement holds ``draft`` (nearest trigger up the allowed hops)."""
    node, hops = draft.token, 0
    preps = ctx.lexicon.content_preps
    while node.head.i != node.i and hops < 5:
        if not _frame_hop_ok(node, hops == 0, preps):
            return _infinitive_frame(draft.token, by_token) if hops == 0 else None
        node, hops = node.head, hops + 1
        if node.lemma_.lower() in ctx.cues["speech_verbs"] and node.i not in by_token:
            return None
        if node.i in by_token:
            return by_token[node.i]
    return None


def _purpose_frame(draft: _Draft, by_token: dict[int, _Draft], ctx: _Context) -> _Draft | None:
    """A protest whose purpose clause or "in protest of" phrase holds ``draft``."""
    purposes = set(ctx.lexicon.arguments["frames"].get("purpose_frames", ()))
    node = draft.token
    for _ in range(3):
        if node.head.i == node.i or node.dep_ not in (
            "advcl",
            "xcomp",
            "pobj",
            "prep",
            "dobj",
            "acl",
            "pcomp",
        ):
            return None
        node = node.head
        if node.i in by_token:
            frame = by_token[node.i]
            return frame if frame.category in purposes else None
        staged = [by_token.get(c.i) for c in node.children if c.dep_ == "dobj"]  # "staged a protest ..."
        staged = [d for d in staged if d is not None and d.category in purposes and d is not draft]
        if staged:
            return staged[0]
    return None


def _fill_from_content(frame: _Draft, content: _Draft, ctx: _Context) -> None:
    """The frame's missing target: the content's participants; for accusations and protests the
    content's perpetrator first ("condemned the attack by X")."""
    if frame.target:
        return
    perpetrator_first = frame.category in ctx.lexicon.arguments["frames"].get("perpetrator_frames", ())
    order = content.source + content.target if perpetrator_first else content.target + content.source
    frame.target = [a for a in dict.fromkeys(order + content.recipient) if a not in frame.source]


def _apply_frames(drafts: list[_Draft], ctx: _Context) -> None:
    """Mark content events, fill their frames' targets, refine codes; negating frames ("denied
    attacking") drop themselves and negate their content."""
    by_token = {d.token.i: d for d in drafts}
    frames = ctx.lexicon.frame_categories
    for draft in drafts:
        frame = _frame_of(draft, by_token, ctx) or _purpose_frame(draft, by_token, ctx)
        if frame is None or frame is draft:
            continue
        if frame.token.lemma_.lower() in ctx.cues["negating_verbs"] and draft.category != "ACCUSE":
            frame.dropped = True
            draft.modality = "negated"
        elif frame.token.lemma_.lower() in ctx.cues["negating_verbs"]:
            draft.frame = frame  # "Russia denies the allegations": a rejection of the accusation
        elif frame.token.lemma_.lower() in ctx.cues["causative_verbs"]:
            frame.dropped = True  # "ordered the arrest of X": the arrest, by the one who ordered it
            draft.source = draft.source or list(frame.source)
        elif frame.category in frames or frame.category in ctx.lexicon.arguments["frames"].get(
            "purpose_frames", ()
        ):
            draft.frame = frame
    for draft in drafts:  # "threatened to attack and occupy": conjuncts of content are content
        if draft.frame is None and draft.token.dep_ == "conj" and draft.token.head.i in by_token:
            draft.frame = by_token[draft.token.head.i].frame
    for draft in drafts:
        frame = draft.frame
        if frame is None or frame.dropped:
            continue
        _fill_from_content(frame, draft, ctx)
        code = ctx.lexicon.content_code(frame.category, draft.category)
        if code and frame.cameo == frame.entry.cameo:
            frame.cameo, frame.category = code, ctx.lexicon.plover(code)
    for draft in drafts:
        if not draft.target and draft.frame is None and draft.category in frames:
            draft.target = _subtree_target(draft, ctx)
        if not draft.target and draft.frame is None:
            draft.target = _locative_target(draft, ctx)


def _speaker_tokens(head: Token, ctx: _Context) -> list[Token]:
    """Who utters a speech verb or noun: its subject, or the possessor or the subject of the verb
    that issues the noun ("Chirac issued a stern reminder")."""
    if head.pos_ in ("VERB", "AUX"):
        return _subjects(head)
    owners = [c for c in head.children if c.dep_ == "poss"]
    if owners:
        return owners
    verb = _governing_verb(head)
    return _subjects(verb) if verb is not None else []


def _demand_drafts(doc: Doc, ctx: _Context) -> list[_Draft]:
    """ "X said (that) Y must do Z": a demand (REQUEST) by X on Y (``arguments.json`` demand)."""
    spec = ctx.lexicon.arguments.get("demand", {})
    modals = set(spec.get("modals", ()))
    drafts = []
    for token in doc:
        if token.dep_ != "aux" or token.lower_ not in modals:
            continue
        verb = node = token.head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ not in ("ccomp", "acl") or not _is_speech(node.head, ctx.cues):
            continue
        source = _actors(_speaker_tokens(node.head, ctx), ctx, token, descend=False)
        target = [a for a in _actors(_subjects(verb), ctx, token, descend=False) if a not in source]
        if source and target:
            entry = Trigger((token.lower_,), "VERB", spec["cameo"], None)
            category = ctx.lexicon.plover(spec["cameo"])
            drafts.append(_Draft(token, entry, (), spec["cameo"], category, source, target))
    return drafts


def _attach_demand_content(demands: list[_Draft], drafts: list[_Draft]) -> None:
    """The demanded action ("must return the helicopter") is the content of the demand."""
    for demand in demands:
        verb = demand.token.head
        for draft in drafts:
            if draft.frame is None and verb.i in (draft.token.i, draft.token.head.i):
                draft.frame = demand


def _background(token: Token) -> bool:
    """A trigger inside a relative or participial clause ("where 24 people were killed")."""
    node = token
    for _ in range(6):
        if node.dep_ in ("relcl", "acl"):
            return True
        if node.head.i == node.i or node.dep_ in ("ccomp", "advcl", "parataxis"):
            return False
        node = node.head
    return False


def _main_events(drafts: list[_Draft], ctx: _Context) -> list[_Draft]:
    """Per sentence: events without participants (read or implied, see ``implicit_source``), and
    events told in background clauses, are kept only when the sentence has no main event with
    participants."""
    sent = ctx.sentence_of
    authored = {d.token.i for d in drafts if d.participants or _implicit_author(d, ctx)}
    main = {sent[d.token.i] for d in drafts if d.token.i in authored and not _background(d.token)}
    return [
        d
        for d in drafts
        if sent[d.token.i] not in main or (d.token.i in authored and not _background(d.token))
    ]


def _implicit_author(draft: _Draft, ctx: _Context) -> bool:
    """An event whose author the text implies ("a demonstration took place") has a participant."""
    found = _implicit_spec(draft, ctx)
    return found is not None and found[1]


# ----------------------------------------------------------------------------- 4. modality


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _hypothetical_cue(child: Token, cues) -> bool:
    word = child.lower_
    return (
        (child.dep_ in ("aux", "auxpass") and word in cues["hypothetical_auxiliaries"])
        or (child.dep_ == "mark" and word in cues["hypothetical_markers"])
        or (child.dep_ == "advmod" and word in cues["hypothetical_adverbs"])
        or (child.dep_ == "acomp" and child.lemma_.lower() in cues["hypothetical_governors"])
    )


def _local_modality(node: Token, cues) -> str | None:
    """Modality marked on one verb: negation, auxiliaries, conditional markers, adverbs."""
    found = []
    reported = _reported_would(node, cues)
    for child in node.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and word in ("never",)):
            return "negated"
        if child.dep_ in ("aux", "auxpass") and (
            word in cues["future_auxiliaries"] or (reported and word == "would")
        ):
            found.append("future")
        elif _hypothetical_cue(child, cues):
            found.append("hypothetical")
    return min(found, key=MODALITY_ORDER.index) if found else None


def _governor_modality(governor: Token, cues) -> str | None:
    lemma = governor.lemma_.lower() if governor.lower_ not in cues["intent_governors"] else governor.lower_
    if lemma in cues["negating_verbs"]:
        return "negated"
    if lemma in cues["hypothetical_governors"]:
        return "hypothetical"
    if lemma in cues["future_governors"] and (lemma != "go" or governor.tag_ == "VBG"):
        return "future"
    if lemma in cues["intent_governors"]:
        return "intended"
    return None


def _nominal_modality(token: Token, cues) -> str | None:
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return "negated"
        if child.dep_ == "det" and child.lower_ in cues["hypothetical_determiners"]:
            return "hypothetical"
    verb = _governing_verb(token)
    if verb is not None and verb.lemma_.lower() in cues["negating_verbs"]:
        return "negated"
    return None


def _reported_would(verb: Token, cues) -> bool:
    """ "said they would boycott": ``would`` in a clause reported by a speech verb is the future
    of the past, not a hypothesis (unless a condition comes with it)."""
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in cues["hypothetical_markers"] for c in verb.children):
        return False
    node = verb
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ccomp" and _is_speech(node.head, cues)


def _is_speech(token: Token, cues) -> bool:
    return token.lemma_.lower() in cues["speech_verbs"] or token.lemma_.lower() in cues["speech_nouns"]


def modality_of(token: Token, cues) -> str:
    """asserted, negated, hypothetical, future or intended, from the trigger's own clause and the
    verbs that govern it through ``xcomp``/``conj`` (cues from ``cues.json``)."""
    found = []
    if token.pos_ in ("NOUN", "PROPN"):
        nominal = _nominal_modality(token, cues)
        if nominal:
            found.append(nominal)
    node = _clause_verb(token)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj":
        found += [m for m in [_local_modality(node, cues)] if m]
        return min(found, key=MODALITY_ORDER.index) if found else "asserted"
    for _ in range(5):
        local = _local_modality(node, cues)
        if local:
            found.append(local)
        if node.dep_ == "xcomp" or (node.dep_ == "acomp" and node.head.i != node.i):
            node = node.head
            governed = _governor_modality(node, cues)
            if governed:
                found.append(governed)
        elif node.dep_ == "ccomp" and _governor_modality(node.head, cues) in ("intended", "hypothetical"):
            found.append("hypothetical")  # "hoping that cooperation will stave off ..."
            break
        elif node.dep_ in ("conj", "advcl", "relcl") and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
            if node.dep_ == "ROOT" and not any(c.dep_ == "mark" for c in token.children):
                found += [m for m in [_local_modality(node, cues)] if m in ("future", "hypothetical")]
                break
        else:
            break
    return min(found, key=MODALITY_ORDER.index) if found else "asserted"


def _speaker(token: Token, ctx: _Context) -> str | None:
    """Who says the clause of ``token``: the speaker of the quote it is in, or the subject of the
    speech verb whose complement it is ("Sheinbaum said she has tasked ...")."""
    quote = ctx.quote_at(token.idx)
    if quote is not None and quote.speaker:
        return quote.speaker
    node = _clause_verb(token)
    for _ in range(6):
        for child in node.children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in ctx.cues["speech_verbs"]:
                return next(iter(_actors(_subjects(child), ctx, token, descend=False)), None)
        if node.head.i == node.i or node.dep_ not in ("ccomp", "parataxis", "xcomp", "conj"):
            return None
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in ctx.cues["speech_verbs"]:
            return next(iter(_actors(_subjects(node.head), ctx, token, descend=False)), None)
        node = node.head
    return None


def _read_modality(draft: _Draft, ctx: _Context) -> None:
    local = modality_of(draft.token, ctx.cues)
    draft.modality = min((draft.modality, local), key=MODALITY_ORDER.index)
    draft.attributed_to = _speaker(draft.token, ctx)


def _conditional(token: Token) -> bool:
    """ "may halt mediation if cooperation founders": the clause carries a condition."""
    verb = _clause_verb(token)
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children
        ):
            return True
    return False


def _by_protesters(draft: _Draft, ctx: _Context) -> bool:
    words = ctx.cues["protester_words"]
    for actor_id in draft.source:
        actor = ctx.table.get(actor_id)
        if actor is not None and any(w in words for w in actor.name.lower().split()):
            return True
    return False


def _recode_by_modality(draft: _Draft, ctx: _Context) -> None:
    """Future cooperation is an intent to cooperate (AGREE); announced future violence, coercion,
    sanctions or protest is a threat; a negated cooperative event is a refusal (REJECT)."""
    lexicon, code = ctx.lexicon, None
    if draft.modality in ("future", "intended"):
        code = lexicon.recode("future_codes", draft.category) or lexicon.recode(
            "threat_codes", draft.category
        )
    elif draft.modality == "hypothetical" and (
        (draft.attributed_to and draft.attributed_to in draft.source) or _conditional(draft.token)
    ):
        code = lexicon.recode("threat_codes", draft.category)
    elif draft.modality == "negated":
        code = lexicon.recode("negated_codes", draft.category)
    elif draft.category == "REQUEST" and _by_protesters(draft, ctx):
        code = lexicon.recode("protest_codes", draft.category)
    if code:
        draft.cameo, draft.category = code, ctx.lexicon.plover(code)
        draft.modality = "asserted"  # the intent or threat itself is asserted
        draft.recoded = True


# ----------------------------------------------------------------------------- implicit perpetrators


def _is_device(token: Token, devices: set[str]) -> bool:
    words = [token, *(c for c in token.children if c.dep_ == "compound")]
    return any(w.lemma_.lower() in devices or w.lower_ in devices for w in words)


def _implicit_spec(draft: _Draft, ctx: _Context) -> tuple[dict, bool] | None:
    """The ``implicit_source`` entry for a draft with no source read, and whether the text
    tells of an author it does not name (then an implicit actor may stand in)."""
    specs = ctx.lexicon.arguments.get("implicit_source", {})
    spec = specs.get(draft.category)
    if spec is None or draft.source or draft.modality != "asserted":
        return None
    if "lemmas" in spec and draft.token.lemma_.lower() not in spec["lemmas"]:
        return None
    return spec, spec.get("support") == "any" or _unnamed_author(draft.token, specs, ctx)


def _unnamed_author(token: Token, specs: dict, ctx: _Context) -> bool:
    """Violence told without its author: a passive trigger with no ``by`` phrase ("a man was
    shot dead", "the body of a man was found"), an explosive device as the trigger, its subject
    or its ``by`` phrase ("a landmine explosion injured a villager", "was injured by a
    landmine"), or an event that "took place" ("a shoot-out took place")."""
    devices = set(specs.get("device_nouns", ()))
    if _is_device(token, devices):
        return True
    if token.pos_ != "VERB":
        verb = token.head
        if any(c.dep_ == "prep" and c.lower_ == "between" for c in (*token.children, *verb.children)):
            return False  # "clashes erupted between X and Y militias" names them
        return _happening(token, ctx)
    agents = [g for c in token.children if c.dep_ == "agent" for g in c.children]
    if agents:
        return all(_is_device(a, devices) for a in agents)
    if any(_is_device(t, devices) for s in _subjects(token) for t in s.subtree):
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    return passive or (token.tag_ == "VBN" and token.dep_ == "acl")


def _add_implicit_source(event: Event, spec: dict, unnamed: bool, ctx: _Context, events: list[Event]) -> None:
    """The author as the event's source: the source of the event it happened during ("was
    killed during a police raid") or of an earlier event of its type in its sentence ("militias
    clashed ..., resulting in 8 tribesmen killed"), else an unattached actor of the sentence
    before the trigger with one of the spec's sectors ("armed men driving a vehicle carried out a drive-by
    shooting"; "journalists ... held a protest"), else, when the text tells of an unnamed
    author, the spec's implicit actor; ``event.implicit`` says the source was inferred."""
    sectors = set(spec.get("sentence_sectors", ()))
    token = _token_at(event.trigger.start, ctx)
    sentence = ctx.sentences[ctx.sentence_of[token.i]]
    hosts = {g.idx for g in _prep_objects(token, set(spec.get("host_preps", ())))}
    found = [a for e in events if e.trigger.start in hosts for a in e.source if a not in event.target]
    if not found and "host_preps" in spec:  # "militias clashed ..., resulting in 8 tribesmen killed"
        found = [
            a
            for e in events
            if e.type == event.type
            and not e.implicit
            and sentence.start_char <= e.trigger.start < event.trigger.start
            for a in e.source
            if a not in event.target
        ]
    found += [
        a.id
        for a in ctx.table
        if a.sector in sectors
        and a.kind != "location"
        and a.id not in event.target + event.recipient
        and any(sentence.start_char <= m.start < event.trigger.start for m in a.mentions)
    ]
    if not found and not unnamed:
        return
    event.source = found[:1] or [_implicit_actor(spec["actor"], event, ctx)]
    event.implicit = ["source"]
    penalty = float(ctx.lexicon.arguments["implicit_source"].get("confidence_penalty", 0.0))
    event.confidence = round(max(0.05, event.confidence - penalty), 2)


def _token_at(char: int, ctx: _Context) -> Token:
    return ctx.doc.char_span(char, char + 1, alignment_mode="expand")[0]


def _implicit_actor(spec: dict, event: Event, ctx: _Context) -> str:
    country = event.location.country if event.location is not None else None
    existing = ctx.table.get(spec["id"])
    if existing is not None:
        return existing.id
    actor = Actor(
        id=spec["id"],
        name=spec["name"],
        kind=spec["kind"],
        country=country,
        sector=spec["sector"],
        code=f"{country}{spec['sector']}" if country else None,
    )
    return ctx.table.add(actor).id


# ----------------------------------------------------------------------------- 5. the Event


def _confidence(draft: _Draft) -> float:
    score = 0.55 if draft.entry.pos == "VERB" else 0.45
    score += 0.25 if draft.source else 0.0
    score += 0.15 if draft.target else 0.0
    score -= 0.05 * len(draft.entry.when) + (0.1 if draft.recoded else 0.0)
    return round(max(0.05, min(0.95, score)), 2)


def _date(token: Token, ctx: _Context) -> tuple[str | None, str | None]:
    return event_date(token, ctx.published)


def _location(token: Token, ctx: _Context) -> Location | None:
    return event_location(token, ctx.table, ctx.knowledge)


def _to_event(draft: _Draft, ctx: _Context) -> Event:
    token = draft.token
    code = ctx.lexicon.code(draft.cameo)
    mode = draft.entry.mode if draft.cameo == draft.entry.cameo else None
    mode = None if mode == "-" else (mode or (code.mode if code else None))
    date, date_source = _date(token, ctx)
    return Event(
        id="",
        type=draft.category,
        trigger=Mention(token.text, token.idx, token.idx + len(token)),
        sentence=ctx.sentences[ctx.sentence_of[token.i]].text.strip(),
        mode=mode,
        cameo=draft.cameo,
        quad_class=code.quad_class if code and code.quad_class else 1,
        goldstein=code.goldstein if code else 0.0,
        source=draft.source,
        target=draft.target,
        recipient=draft.recipient,
        date=date,
        date_source=date_source,
        location=_location(token, ctx),
        modality=draft.modality,
        attributed_to=draft.attributed_to,
        confidence=_confidence(draft),
    )
