"""The one vocabulary module: every IRI the code writes comes from a Namespace here.

The project's terms live in ``ontology/kg.ttl`` (namespace :data:`KG`), its event type scheme
in ``ontology/event-types.ttl`` (namespace :data:`KGT`); instance data is minted under
:data:`KGR`.  ``tests/test_ontology.py`` checks that every ``kg:`` term used in generated data
is declared in the ontology.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

ONTOLOGY_VERSION = "0.2.0"
ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"

KG = Namespace("https://w3id.org/kg-news/ontology#")
KGT = Namespace("https://w3id.org/kg-news/types/")
KGR = Namespace("https://w3id.org/kg-news/resource/")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GN = Namespace("https://sws.geonames.org/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgt": KGT,
    "kgr": KGR,
    "sem": SEM,
    "nif": NIF,
    "gaf": GAF,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "schema": SCHEMA,
    "foaf": FOAF,
    "geo": GEO,
    "gn": GN,
    "wd": WD,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

# Actor kind (CONTRACT.md) -> class; a sector listed in SECTOR_CLASSES refines it.
KIND_CLASSES = {
    "person": KG.Person,
    "organization": KG.Organization,
    "country": KG.Country,
    "group": KG.Group,
    "location": KG.Location,
    "other": KG.Actor,
}
SECTOR_CLASSES = {
    ("organization", "MIL"): KG.ArmedForce,
    ("group", "MIL"): KG.ArmedForce,
    ("organization", "CRM"): KG.CriminalGroup,
    ("group", "CRM"): KG.CriminalGroup,
    ("organization", "IGO"): KG.InternationalOrganization,
    ("group", "IGO"): KG.InternationalOrganization,
    ("organization", "REB"): KG.ArmedGroup,
    ("group", "REB"): KG.ArmedGroup,
}

# Relation predicate (CONTRACT.md short names) -> property; others become kg:relatedTo.
RELATION_PROPERTIES = {
    "holdsRole": KG.holdsRoleIn,
    "leaderOf": KG.leaderOf,
    "memberOf": KG.memberOf,
    "affiliatedWith": KG.affiliatedWith,
    "locatedIn": KG.locatedIn,
    "partOf": KG.partOf,
    "instanceOf": KG.instanceOf,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def ontology_file(name: str) -> Path:
    """The path of a file of the published ontology folder (``kg.ttl``, ``shapes.ttl`` ...)."""
    return ONTOLOGY_DIR / name


@lru_cache(maxsize=4)
def load_ontology(name: str = "kg.ttl") -> Graph:
    """Parse an ontology file once (cached); callers must not modify the returned graph."""
    return Graph().parse(ontology_file(name), format="turtle")
