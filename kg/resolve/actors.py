"""Identity across documents: the same real actor gets one id in a whole build.

Actors of all documents are clustered, deterministically, by

- countries: the ISO3 code;
- people: the normalised full name (accents folded, titles such as "President" and honorifics
  dropped), then fuzzy matching (``rapidfuzz``) of spelling variants with the same surname and
  compatible given names and middle initials ("Nicolas Maduro" = "Nicolás Maduro"); a lone
  surname ("Maduro", "President Maduro") joins the one full name with that surname in the
  corpus, and stays apart when there are several ("Bush" with "George W. Bush" and
  "George H. W. Bush"); different given names or middle initials are never merged;
- organisations, groups, places: the normalised name, with near-identical spellings merged;

always within the same kind family and with compatible countries (equal, or one unknown).
Each cluster takes the id, name and missing country/sector/code of its best-named member, and
every reference to an actor id is rewritten: actors, event source/target/recipient/attributed_to,
relations, quotes, claims and ``Role.of``.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from kg.lexicon import strip_accents
from kg.model import Actor, Extraction

KIND_FAMILY = {
    "person": "person",
    "country": "country",
    "location": "location",
    "organization": "org",
    "group": "org",
    "other": "org",
}
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lady",
    "lord",
    "madam",
    "sheikh",
    "gen",
    "sen",
    "rep",
    "gov",
    "prof",
    "the",
    "former",
    "late",
    "then",
    "acting",
    "interim",
    "new",
}
NAME_FUZZ = 90  # rapidfuzz ratio for two spellings of a name part to count as one
ORG_FUZZ = 94


# ------------------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _title_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title word sequences by their first word, longest first."""
    from kg.extract.relations import load_titles

    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in sorted(load_titles(), key=len, reverse=True):
        by_first.setdefault(title[0], []).append(title)
    return {first: tuple(titles) for first, titles in by_first.items()}


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes unified."""
    return strip_accents(text.replace("\u2019", "'")).casefold()


def name_tokens(name: str, kind: str = "person") -> list[str]:
    """The words that identify a name: folded, without punctuation, a possessive, titles (for
    people) or honorifics.

    Examples
    --------
    >>> name_tokens("President Nicolás Maduro")
    ['nicolas', 'maduro']
    >>> name_tokens("George H. W. Bush")
    ['george', 'h', 'w', 'bush']
    """
    text = re.sub(r"'s$", "", fold(name).strip())
    words = [w for w in re.split(r"[^\w]+", text.replace(".", " ")) if w]
    if kind == "person":
        words = _drop_titles(words)
        words = [w for w in words if w not in HONORIFICS] or words  # "Jr." stays: another person
    elif words and words[0] == "the":
        words = words[1:]
    return words


def _drop_titles(words: list[str]) -> list[str]:
    titles = _title_words()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for title in titles.get(words[0], ()):
            if len(title) < len(words) and tuple(words[: len(title)]) == title:
                words, changed = words[len(title) :], True
                break
    return words


def normalized_name(name: str, kind: str = "person") -> str:
    """``name_tokens`` joined by spaces: the key that compares names."""
    return " ".join(name_tokens(name, kind))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "actor"


def actor_iri_key(actor: Actor) -> str:
    """A stable key for an actor's IRI: the same real actor gives the same key in every run.

    Countries are keyed by ISO3 code (``mex``); other actors by kind family, country and
    normalised name (accents folded, titles dropped): ``person/ven/nicolas-maduro``,
    ``org/bra/police``, ``person/xxx/jane-doe`` when the country is unknown. After
    ``resolve_actors`` every member of a cluster has the same name, family and country, so
    they share one key, and two clusters never do.
    """
    if actor.kind == "country" and actor.country:
        return actor.country.lower()
    family = KIND_FAMILY.get(actor.kind, "org")
    name = slug(normalized_name(actor.name, actor.kind)) or slug(actor.id)
    return f"{family}/{(actor.country or 'xxx').lower()}/{name}"


# ---------------------------------------------------------------------------------- clustering


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and len(b) > 3 and fuzz.ratio(a, b) >= NAME_FUZZ)


def _given_compatible(a: list[str], b: list[str], strict: bool) -> bool:
    """Given and middle names of two full names (surname removed) can be one person's.

    ``strict``: the same given name and the same middle initials. Otherwise a missing middle
    name or a given-name initial is allowed too ("George Bush" ~ "George W. Bush").
    """
    initial = min(len(a[0]), len(b[0])) == 1 and a[0][0] == b[0][0]
    if not _same(a[0], b[0]) and (strict or not initial):
        return False
    middle_a, middle_b = [m[0] for m in a[1:]], [m[0] for m in b[1:]]
    if strict:
        return middle_a == middle_b and not (initial and a[0] != b[0])
    return not (middle_a and middle_b) or middle_a == middle_b


def _person_match(a: list[str], b: list[str], strict: bool = True) -> bool:
    return len(a) > 1 and len(b) > 1 and _same(a[-1], b[-1]) and _given_compatible(a[:-1], b[:-1], strict)


def _cluster(items: list[tuple[int, Actor]]) -> _Union:
    """Clusters of items that are one real actor.

    Names are compared only between actors of the same country (or both without one); an actor
    without a country then joins the one cluster with a country that it fits, so that it never
    bridges two states' actors ("police" of Brazil and of Kenya stay apart).
    """
    union = _Union(len(items))
    keys = [name_tokens(a.name, a.kind) for _, a in items]
    family = [KIND_FAMILY.get(a.kind, "org") for _, a in items]
    by_key: dict[tuple, int] = {}
    for i, (_, actor) in enumerate(items):
        if family[i] == "country" and actor.country:
            key = ("country", actor.country)
        else:
            key = (family[i], " ".join(keys[i]), actor.country)
        if key in by_key:
            union.union(by_key[key], i)
        else:
            by_key[key] = i
    _merge_people(items, keys, family, union)
    _merge_orgs(items, keys, family, union)
    _attach_unknown(items, keys, family, union)
    return union


def _blocks(indices: list[int], key, name=None) -> dict[tuple, list[int]]:
    """Candidates that may be compared, grouped by ``key`` (country, first letters); with
    ``name``, one representative per distinct name (identical names are merged already)."""
    blocks: dict[tuple, list[int]] = {}
    seen: set[tuple] = set()
    for i in indices:
        k = key(i)
        if name is not None:
            if (k, name(i)) in seen:
                continue
            seen.add((k, name(i)))
        blocks.setdefault(k, []).append(i)
    return blocks


def _fits_person(a: list[str], b: list[str], strict: bool) -> bool:
    if len(a) == 1:  # a lone surname
        return len(b) > 1 and _same(b[-1], a[0]) or b == a
    return _person_match(a, b, strict)


def _merge_people(items, keys, family, union) -> None:
    """Same person (same country): identical or near-identical full names first; then a name
    with less (no middle initial, a given-name initial, a lone surname) joins the one person it
    fits, and stays apart when it fits several."""
    people = [i for i in range(len(items)) if family[i] == "person" and keys[i]]
    blocks = _blocks(people, lambda i: (items[i][1].country, keys[i][-1][:3]), lambda i: tuple(keys[i]))
    for block in blocks.values():
        full = [i for i in block if len(keys[i]) > 1]
        for n, i in enumerate(full):
            for j in full[n + 1 :]:
                if union.find(i) != union.find(j) and _person_match(keys[i], keys[j], True):
                    union.union(i, j)
        for i in block:
            if len(keys[i]) > 2 and len(keys[i][0]) > 1:
                continue  # a full name with middle names is as specific as names get
            roots = {union.find(j) for j in full if j != i and _fits_person(keys[i], keys[j], False)}
            roots.discard(union.find(i))
            if len(roots) == 1:
                union.union(i, roots.pop())


def _fits_org(a: list[str], b: list[str]) -> bool:
    x, y = " ".join(a), " ".join(b)
    return x == y or (min(len(x), len(y)) >= 6 and fuzz.ratio(x, y) >= ORG_FUZZ)


def _merge_orgs(items, keys, family, union) -> None:
    orgs = [i for i in range(len(items)) if family[i] in ("org", "location") and keys[i]]
    blocks = _blocks(
        orgs, lambda i: (items[i][1].country, family[i], " ".join(keys[i])[:3]), lambda i: tuple(keys[i])
    )
    for block in blocks.values():
        for n, i in enumerate(block):
            for j in block[n + 1 :]:
                if union.find(i) != union.find(j) and _fits_org(keys[i], keys[j]):
                    union.union(i, j)


def _attach_unknown(items, keys, family, union) -> None:
    """An actor without a country joins the one cluster with a country that it fits."""

    def block_key(i: int) -> tuple:
        return family[i], (keys[i][-1] if family[i] == "person" else " ".join(keys[i]))[:3]

    known = _blocks(
        [i for i, (_, a) in enumerate(items) if a.country and keys[i]],
        block_key,
        lambda i: (items[i][1].country, tuple(keys[i])),
    )
    for i, (_, actor) in enumerate(items):
        if actor.country or not keys[i] or family[i] == "country":
            continue
        if family[i] == "person":
            fits = [j for j in known.get(block_key(i), []) if _fits_person(keys[i], keys[j], False)]
        else:
            fits = [j for j in known.get(block_key(i), []) if _fits_org(keys[i], keys[j])]
        roots = {union.find(j) for j in fits}
        if len(roots) == 1:
            union.union(i, roots.pop())


# -------------------------------------------------------------------------------- canonical


def _canonical(members: list[Actor]) -> Actor:
    """The best-named member: most name words, then the most frequent name, then alphabetical."""
    counts = Counter(a.name for a in members)
    return min(members, key=lambda a: (-len(name_tokens(a.name, a.kind)), -counts[a.name], a.name, a.id))


def _consensus(members: list[Actor], attr: str) -> str | None:
    values = Counter(getattr(a, attr) for a in members if getattr(a, attr))
    return min(values, key=lambda v: (-values[v], v)) if values else None


def _cluster_ids(items, union) -> dict[int, tuple[str, Actor]]:
    """Cluster root -> (new id, canonical actor), ids unique across clusters."""
    groups: dict[int, list[Actor]] = {}
    for i, (_, actor) in enumerate(items):
        groups.setdefault(union.find(i), []).append(actor)
    chosen: dict[int, tuple[str, Actor]] = {}
    taken: dict[str, int] = {}
    for root in sorted(groups, key=lambda r: (_canonical(groups[r]).name, r)):
        members = groups[root]
        best = _canonical(members)
        ids = Counter(a.id for a in members if a.name == best.name)
        new_id = min(ids, key=lambda x: (-ids[x], x))
        if new_id in taken:
            country = _consensus(members, "country")
            new_id = f"{new_id}-{country.lower()}" if country else new_id
            n = 2
            base = new_id
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
        taken[new_id] = root
        merged = _copy_actor(best)
        for attr in ("country", "sector", "code"):
            setattr(merged, attr, getattr(best, attr) or _consensus(members, attr))
        chosen[root] = (new_id, merged)
    return chosen


# ------------------------------------------------------------------------------------- rewrite


def _copy_actor(actor: Actor) -> Actor:
    """A copy deep enough for every change made here (mention objects are shared, never changed)."""
    return replace(
        actor,
        roles=[copy.copy(r) for r in actor.roles],
        mentions=list(actor.mentions),
        links=dict(actor.links),
        aliases=list(actor.aliases),
    )


def _copy_extraction(extraction: Extraction) -> Extraction:
    """A copy of everything ``resolve_actors`` rewrites; much cheaper than ``deepcopy``."""
    out = copy.copy(extraction)
    out.authors, out.editors = list(extraction.authors), list(extraction.editors)
    out.actors = [_copy_actor(a) for a in extraction.actors]
    out.events = [copy.copy(e) for e in extraction.events]
    out.relations = [copy.copy(r) for r in extraction.relations]
    out.quotes = [copy.copy(q) for q in extraction.quotes]
    out.claims = [copy.copy(c) for c in extraction.claims]
    return out


def _rewrite(extraction: Extraction, mapping: dict[str, str], canon: dict[str, Actor]) -> Extraction:
    out = _copy_extraction(extraction)
    merged: dict[str, Actor] = {}
    for actor in out.actors:
        new_id = mapping.get(actor.id, actor.id)
        best = canon.get(new_id)
        if new_id in merged:
            _absorb(merged[new_id], actor)
            continue
        if best is not None:
            if actor.name != best.name and actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = best.name
            actor.kind = best.kind if actor.kind in ("other",) else actor.kind
            for attr in ("country", "sector", "code"):
                setattr(actor, attr, getattr(actor, attr) or getattr(best, attr))
        actor.id = new_id
        merged[new_id] = actor
    out.actors = list(merged.values())
    for actor in out.actors:
        actor.aliases = [a for a in dict.fromkeys(actor.aliases) if a != actor.name]
        actor.mentions.sort(key=lambda m: (m.start, m.end))
        for role in actor.roles:
            role.of = mapping.get(role.of, role.of) if role.of else None
        actor.roles = _unique(actor.roles)

    def m(x):
        return mapping.get(x, x) if x else x

    for event in out.events:
        event.source = list(dict.fromkeys(m(x) for x in event.source))
        event.target = list(dict.fromkeys(m(x) for x in event.target))
        event.recipient = list(dict.fromkeys(m(x) for x in event.recipient))
        event.attributed_to = m(event.attributed_to)
    for rel in out.relations:
        rel.subject, rel.object = m(rel.subject), m(rel.object)
    out.relations = _unique(out.relations, key=lambda r: (r.subject, r.predicate, r.object, r.role))
    for item in [*out.quotes, *out.claims]:
        item.speaker = m(item.speaker)
    return out


def _absorb(target: Actor, other: Actor) -> None:
    """Merge a second actor of the same document into ``target``."""
    spans = {(x.start, x.end) for x in target.mentions}
    target.mentions.extend(x for x in other.mentions if (x.start, x.end) not in spans)
    target.roles.extend(other.roles)
    target.aliases.extend([other.name, *other.aliases])
    for attr in ("country", "sector", "code"):
        setattr(target, attr, getattr(target, attr) or getattr(other, attr))
    for key, value in other.links.items():
        if value and not target.links.get(key):
            target.links[key] = value


def _unique(values: Iterable, key=None) -> list:
    seen, out = set(), []
    for v in values:
        k = key(v) if key else repr(v)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


def resolve_actors(extractions: list[Extraction]) -> list[Extraction]:
    """Give every real actor one id across a set of documents.

    Parameters
    ----------
    extractions : list of Extraction
        Per-document extractions (error records pass through unchanged).

    Returns
    -------
    list of Extraction
        New objects, in the same order; the inputs are not modified.

    Examples
    --------
    >>> from kg.model import Actor
    >>> a = Extraction("a", actors=[Actor("nicolas-maduro", "Nicolás Maduro", "person", "VEN")])
    >>> b = Extraction("b", actors=[Actor("maduro", "President Maduro", "person")])
    >>> [e.actors[0].id for e in resolve_actors([a, b])]
    ['nicolas-maduro', 'nicolas-maduro']
    """
    items = [(n, actor) for n, e in enumerate(extractions) if e.error is None for actor in e.actors]
    if not items:
        return [_copy_extraction(e) for e in extractions]
    union = _cluster(items)
    clusters = _cluster_ids(items, union)
    mappings: list[dict[str, str]] = [{} for _ in extractions]
    for i, (n, actor) in enumerate(items):
        mappings[n][actor.id] = clusters[union.find(i)][0]
    canon = {new_id: best for new_id, best in clusters.values()}
    return [e if e.error is not None else _rewrite(e, mappings[n], canon) for n, e in enumerate(extractions)]
