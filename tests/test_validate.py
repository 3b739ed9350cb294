"""SHACL validation: the fixtures and the real pipeline's seed output conform; broken graphs fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.export import write_outputs
from kg.graph import iris
from kg.graph.rdf import to_rdf
from kg.graph.vocab import KG, NIF
from kg.model import read_extractions
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "extractions"
SEED_DOC = "reuters-2026-01-09-sheinbaum"


def load(name: str):
    return read_extractions((FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("names", [["seed"], ["seed", "multi"]])
def test_fixtures_conform(names):
    extractions = [x for name in names for x in load(name)]
    conforms, report = validate(to_rdf(extractions))
    assert conforms, report
    assert report.startswith("conforms:")


def test_output_folder_and_files_validate(tmp_path):
    write_outputs(load("seed"), tmp_path, formats=["ttl", "trig"])
    for target in (tmp_path, tmp_path / "graph.ttl", tmp_path / "graph.trig"):
        conforms, report = validate(target)
        assert conforms, (target, report)


def test_broken_graph_fails_with_a_clear_report():
    ds = to_rdf(load("seed"))
    g = ds.default_graph
    e1 = iris.event_iri(SEED_DOC, "e1")
    g.remove((e1, KG.trigger, None))
    g.set((e1, KG.goldstein, Literal("42.0", datatype=XSD.decimal)))
    mention = iris.mention_iri(SEED_DOC, 394, 404)
    g.set((mention, NIF.endIndex, Literal(1, datatype=XSD.nonNegativeInteger)))
    fox = next(s for s in g.subjects(KG.actorId, Literal("fox-news")))
    g.remove((fox, KG.denotedBy, None))
    conforms, report = validate(ds)
    assert not conforms
    assert report.startswith("does not conform: 4 violation(s)")
    assert f"<{e1}> kg:trigger: an event needs the mention (trigger) it was read from" in report
    assert f"<{e1}> kg:goldstein" in report
    assert f"<{mention}> nif:beginIndex" in report
    assert f"<{fox}>: an actor read from a document must link to at least one mention" in report


def test_an_event_type_outside_plover_is_a_violation():
    ds = to_rdf(load("seed"))
    e5 = iris.event_iri(SEED_DOC, "e5")
    ds.default_graph.set((e5, KG.eventType, URIRef("https://w3id.org/kg-news/types/FIGHT")))
    conforms, report = validate(ds)
    assert not conforms and "PLOVER 2024 category" in report


def test_missing_target_is_a_user_error(tmp_path):
    with pytest.raises(KgError, match="no graph.trig or graph.ttl"):
        validate(tmp_path)
    bad = tmp_path / "graph.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(KgError, match="cannot parse"):
        validate(bad)


def test_real_pipeline_output_on_the_seed_validates(nlp, tmp_path):
    """kg build on the seed (the real spaCy pipeline, resolution, exports) passes validation."""
    from kg.pipeline import extract_documents
    from kg.read import read_documents
    from kg.resolve import resolve

    extractions = resolve(
        list(extract_documents(nlp, read_documents([ROOT / "examples" / f"{SEED_DOC}.txt"])))
    )
    assert extractions and extractions[0].events
    write_outputs(extractions, tmp_path, formats=["ttl", "trig"])
    conforms, report = validate(tmp_path)
    assert conforms, report


def test_an_implied_actor_without_mentions_conforms():
    """The unnamed author of an attack ("a man was shot dead") is implied, not read: no mention."""
    from kg.model import Actor, Event, Extraction, Mention

    text = "A man was shot dead in Culiacan on Monday."
    gunmen = Actor(
        id="unidentified-armed-group",
        name="unidentified armed group",
        kind="group",
        country="MEX",
        sector="UAF",
        code="MEXUAF",
    )
    event = Event(
        id="e1",
        type="ASSAULT",
        trigger=Mention("shot", 10, 14),
        sentence=text,
        cameo="190",
        quad_class=4,
        goldstein=-10.0,
        source=[gunmen.id],
        date="2026-01-12",
    )
    extraction = Extraction(doc_id="implied", published="2026-01-13", actors=[gunmen], events=[event])
    ds = to_rdf([extraction])
    conforms, report = validate(ds)
    assert conforms, report
    node = next(ds.default_graph.subjects(KG.actorId, Literal(gunmen.id)))
    ds.default_graph.remove((node, KG.implied, None))
    conforms, report = validate(ds)
    assert not conforms and "must link to at least one mention" in report
