"""Generate ``ontology/context.jsonld``: the JSON-LD ``@context`` of ``graph.jsonld``.

Prefixes come from :data:`kg.graph.vocab.PREFIXES`; every property declared in ``kg.ttl`` gets
a short term (object properties typed ``@id``, datatype properties with their range), plus the
external terms the data uses most.  Run ``.venv/bin/python ontology/build_context.py``;
``tests/test_ontology.py`` checks the checked-in file is up to date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import Graph  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS  # noqa: E402

from kg.graph.vocab import KG, PREFIXES  # noqa: E402

OUTPUT = ROOT / "ontology" / "context.jsonld"
EXTERNAL = {
    "label": {"@id": "rdfs:label"},
    "altLabel": {"@id": "skos:altLabel"},
    "prefLabel": {"@id": "skos:prefLabel"},
    "notation": {"@id": "skos:notation"},
    "exactMatch": {"@id": "skos:exactMatch", "@type": "@id"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "wasAttributedTo": {"@id": "prov:wasAttributedTo", "@type": "@id"},
    "hasTime": {"@id": "sem:hasTime", "@type": "@id"},
    "hasPlace": {"@id": "sem:hasPlace", "@type": "@id"},
    "inXSDDate": {"@id": "time:inXSDDate", "@type": "xsd:date"},
    "beginIndex": {"@id": "nif:beginIndex", "@type": "xsd:nonNegativeInteger"},
    "endIndex": {"@id": "nif:endIndex", "@type": "xsd:nonNegativeInteger"},
    "anchorOf": {"@id": "nif:anchorOf"},
    "referenceContext": {"@id": "nif:referenceContext", "@type": "@id"},
    "title": {"@id": "dcterms:title"},
    "issued": {"@id": "dcterms:issued", "@type": "xsd:date"},
    "identifier": {"@id": "dcterms:identifier"},
    "lat": {"@id": "geo:lat", "@type": "xsd:decimal"},
    "long": {"@id": "geo:long", "@type": "xsd:decimal"},
}


def build() -> dict:
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl")
    context: dict = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for prop in sorted(ontology.subjects(RDF.type, OWL.ObjectProperty)):
        if str(prop).startswith(str(KG)):
            context[str(prop)[len(str(KG)) :]] = {"@id": f"kg:{prop[len(str(KG)) :]}", "@type": "@id"}
    for prop in sorted(ontology.subjects(RDF.type, OWL.DatatypeProperty)):
        if str(prop).startswith(str(KG)):
            name = str(prop)[len(str(KG)) :]
            term = {"@id": f"kg:{name}"}
            rng = ontology.value(prop, RDFS.range)
            if rng is not None and str(rng) != "http://www.w3.org/2001/XMLSchema#string":
                term["@type"] = "xsd:" + str(rng).rsplit("#", 1)[1]
            context[name] = term
    context.update(EXTERNAL)
    return {"@context": context}


def main() -> None:
    OUTPUT.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
