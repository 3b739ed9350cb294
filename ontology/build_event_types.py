"""Generate ``ontology/event-types.ttl``: the PLOVER 2024 and CAMEO SKOS concept schemes.

Inputs are the project's data files: ``ontology/plover.tsv`` (categories, modes, quad classes,
scores) and ``kg/data/events/cameo.tsv`` (CAMEO code, name, Goldstein score, quad class, PLOVER
category and mode), when it exists.  Run from the repository root::

    .venv/bin/python ontology/build_event_types.py

``tests/test_ontology.py`` checks that the checked-in file matches what this script writes.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.iris import cameo_iri, mode_iri, plover_iri  # noqa: E402
from kg.graph.rdf import decimal_literal  # noqa: E402
from kg.graph.vocab import KG, KGT, ONTOLOGY_VERSION, bind_prefixes  # noqa: E402

PLOVER_TSV = ROOT / "ontology" / "plover.tsv"
CAMEO_TSV = ROOT / "kg" / "data" / "events" / "cameo.tsv"
OUTPUT = ROOT / "ontology" / "event-types.ttl"


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _score(text: str) -> Literal | None:
    return decimal_literal(Decimal(text)) if text.strip() else None


def add_schemes(g: Graph) -> None:
    g.add((KGT[""], RDF.type, OWL.Ontology))
    g.add((KGT[""], RDFS.label, Literal("kg event type schemes", lang="en")))
    g.add((KGT[""], OWL.versionInfo, Literal(ONTOLOGY_VERSION)))
    g.add((KGT[""], DCTERMS.source, Literal("PLOVER 2024 manual; CAMEO 1.1b3 codebook (facts only)")))
    for scheme, label in (
        (KGT.plover, "PLOVER 2024 event categories and modes"),
        (KGT.cameo, "CAMEO event codes"),
    ):
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, Literal(label, lang="en")))


def add_plover(g: Graph, rows: list[dict[str, str]]) -> None:
    for row in rows:
        category, mode = row["category"], row["mode"]
        concept = mode_iri(category, mode) if mode else plover_iri(category)
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, KG.EventMode if mode else KG.EventCategory))
        g.add((concept, SKOS.inScheme, KGT.plover))
        g.add((concept, KG.quadClass, Literal(int(row["quad_class"]))))
        if (score := _score(row["score"])) is not None:
            g.add((concept, KG.goldstein, score))
        if mode:
            g.add((concept, SKOS.prefLabel, Literal(f"{category}: {mode}", lang="en")))
            g.add((concept, SKOS.notation, Literal(mode)))
            g.add((concept, SKOS.broader, plover_iri(category)))
        else:
            g.add((concept, SKOS.prefLabel, Literal(category, lang="en")))
            g.add((concept, SKOS.notation, Literal(category)))
            g.add((concept, SKOS.topConceptOf, KGT.plover))
            g.add((concept, SKOS.definition, Literal(row["definition"], lang="en")))


def add_cameo(g: Graph, rows: list[dict[str, str]]) -> None:
    codes = {row["code"] for row in rows}
    for row in rows:
        code = row["code"]
        concept = cameo_iri(code)
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, KG.CameoCode))
        g.add((concept, SKOS.inScheme, KGT.cameo))
        g.add((concept, SKOS.notation, Literal(code)))
        g.add((concept, SKOS.prefLabel, Literal(row["name"], lang="en")))
        if (score := _score(row["goldstein"])) is not None:
            g.add((concept, KG.goldstein, score))
        if row.get("quad_class", "").strip():
            g.add((concept, KG.quadClass, Literal(int(row["quad_class"]))))
        parent = code[:2] if len(code) == 3 else code[:3] if len(code) == 4 else None
        if parent in codes:
            g.add((concept, SKOS.broader, cameo_iri(parent)))
        else:
            g.add((concept, SKOS.topConceptOf, KGT.cameo))
        if row.get("plover", "").strip():
            g.add((concept, SKOS.broadMatch, plover_iri(row["plover"])))
            if row.get("mode", "").strip():
                g.add((concept, KG.ploverMode, _mode(g, row["plover"], row["mode"])))


def _mode(g: Graph, category: str, mode: str):
    """The mode concept; modes the CAMEO mapping uses beyond the manual are declared here."""
    concept = mode_iri(category, mode)
    if (concept, RDF.type, SKOS.Concept) not in g:
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, KG.EventMode))
        g.add((concept, SKOS.inScheme, KGT.plover))
        g.add((concept, SKOS.prefLabel, Literal(f"{category}: {mode}", lang="en")))
        g.add((concept, SKOS.notation, Literal(mode)))
        g.add((concept, SKOS.broader, plover_iri(category)))
        g.add(
            (
                concept,
                SKOS.scopeNote,
                Literal(
                    "Mode used by the project's CAMEO mapping; not in the PLOVER 2024 manual.", lang="en"
                ),
            )
        )
    return concept


def build() -> Graph:
    """The event type schemes as an rdflib Graph."""
    g = bind_prefixes(Graph())
    add_schemes(g)
    add_plover(g, _rows(PLOVER_TSV))
    if CAMEO_TSV.exists():
        add_cameo(g, _rows(CAMEO_TSV))
    return g


def main() -> None:
    OUTPUT.write_text(build().serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
