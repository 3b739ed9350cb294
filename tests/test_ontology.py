"""The published ontology: declared terms, the event type schemes, the JSON-LD context."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.graph.rdf import to_rdf, union_graph
from kg.graph.vocab import KG, KGT, ONTOLOGY_VERSION, load_ontology
from kg.model import PLOVER_CATEGORIES, read_extractions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "extractions"


def load(name: str):
    return read_extractions((FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "ontology" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data() -> Graph:
    return union_graph(to_rdf(load("seed") + load("multi")))


def test_ontology_has_a_stable_namespace_and_version():
    g = load_ontology("kg.ttl")
    (ontology,) = list(g.subjects(RDF.type, OWL.Ontology))
    assert str(ontology) == str(KG).rstrip("#")
    assert g.value(ontology, OWL.versionInfo) == Literal(ONTOLOGY_VERSION)


def test_every_kg_term_in_generated_data_is_declared_with_label_and_comment(data):
    ontology = load_ontology("kg.ttl")
    used = {term for triple in data for term in triple if str(term).startswith(str(KG))}
    assert KG.Event in used and KG.source in used  # the check is not vacuous
    undeclared = sorted(t for t in used if (t, RDF.type, None) not in ontology)
    assert undeclared == []
    for term in used:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_every_type_concept_in_generated_data_is_in_the_scheme(data):
    schemes = load_ontology("event-types.ttl")
    used = {term for triple in data for term in triple if str(term).startswith(str(KGT))}
    assert KGT.THREATEN in used
    assert sorted(t for t in used if (t, RDF.type, None) not in schemes) == []


def test_source_and_target_are_sem_actors_and_classes_align():
    g = load_ontology("kg.ttl")
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    for prop in (KG.source, KG.target):
        assert str(g.value(prop, RDFS.subPropertyOf)) == sem + "hasActor"
    assert str(sem + "Event") in {str(o) for o in g.objects(KG.Event, RDFS.subClassOf)}
    for cls in (
        "Person",
        "Organization",
        "Country",
        "Group",
        "ArmedForce",
        "CriminalGroup",
        "InternationalOrganization",
        "Location",
        "Event",
        "Place",
        "Document",
        "Mention",
        "Quote",
        "Claim",
        "OfficeHolding",
    ):
        assert (KG[cls], RDF.type, OWL.Class) in g, cls


def test_plover_scheme_has_the_16_categories_with_quad_classes_and_modes():
    g = load_ontology("event-types.ttl")
    top = set(g.subjects(SKOS.topConceptOf, KGT.plover))
    assert {str(t).rsplit("/", 1)[1] for t in top} == set(PLOVER_CATEGORIES)
    assert g.value(KGT.COOPERATE, KG.quadClass) == Literal(2)
    assert g.value(KGT.ASSAULT, KG.quadClass) == Literal(4)
    assert (KGT["COERCE-arrest"], SKOS.broader, KGT.COERCE) in g
    assert float(g.value(KGT["ASSAULT-aerial"], KG.goldstein)) == -9.5


def test_cameo_codes_have_name_goldstein_quad_and_plover_category():
    if not (ROOT / "kg" / "data" / "events" / "cameo.tsv").exists():
        pytest.skip("kg/data/events/cameo.tsv not written yet")
    g = load_ontology("event-types.ttl")
    code = KGT["cameo-190"]
    assert str(g.value(code, SKOS.notation)) == "190"
    assert float(g.value(code, KG.goldstein)) == -10.0
    assert g.value(code, KG.quadClass) == Literal(4)
    assert g.value(code, SKOS.broadMatch) == KGT.ASSAULT
    assert g.value(code, SKOS.broader) == KGT["cameo-19"]


def test_event_types_file_is_up_to_date():
    built = script("build_event_types").build()
    assert isomorphic(built, Graph().parse(ROOT / "ontology" / "event-types.ttl")), (
        "run .venv/bin/python ontology/build_event_types.py"
    )


def test_jsonld_context_is_up_to_date_and_covers_the_properties():
    built = script("build_context").build()
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert built == published, "run .venv/bin/python ontology/build_context.py"
    context = published["@context"]
    assert context["source"] == {"@id": "kg:source", "@type": "@id"}
    assert context["date"] == {"@id": "kg:date", "@type": "xsd:date"}


def test_shapes_parse_and_target_the_main_classes():
    from rdflib.namespace import SH

    g = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    targets = set(g.objects(None, SH.targetClass))
    assert {KG.Event, KG.Actor, KG.Mention, KG.Claim, KG.OfficeHolding} <= targets
