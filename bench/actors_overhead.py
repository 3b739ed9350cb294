"""What actor recognition and coding (kg_entity_ruler + kg_actors) add to extraction time.

    .venv/bin/python bench/actors_overhead.py [--limit 200] [--repeat 3] [INPUT ...]

Runs documents (by default the BBC + Reuters corpora in ../shared) through the whole ``kg``
pipeline one component at a time and times each component, so the actor components' share is
measured in the same run as everything else, whatever the machine's load. Prints seconds per
component (median over repeats) and the actor components' cost relative to the rest of the
pipeline (the model + the other kg components).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ACTOR_COMPONENTS = ("kg_entity_ruler", "kg_actors")


def timed_pass(nlp, documents, batch_size: int = 32) -> dict[str, float]:
    """Seconds spent in the tokenizer and in each component for one pass over ``documents``."""
    spent: dict[str, float] = defaultdict(float)
    for i in range(0, len(documents), batch_size):
        batch = documents[i : i + batch_size]
        start = time.perf_counter()
        docs = [nlp.make_doc(d.analysis_text) for d in batch]
        spent["tokenizer"] += time.perf_counter() - start
        for doc, document in zip(docs, batch, strict=True):
            doc._.kg_document = document
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            docs = (
                list(proc.pipe(docs, batch_size=batch_size))
                if hasattr(proc, "pipe")
                else [proc(d) for d in docs]
            )
            spent[name] += time.perf_counter() - start
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from kg.annotate import build_pipeline
    from kg.model import Document
    from kg.read import read_documents

    nlp = build_pipeline()
    if args.inputs:
        documents = [d for d in read_documents(args.inputs) if d.error is None][: args.limit]
    else:
        from throughput import corpus_texts

        documents = [
            Document(doc_id=str(n), text=t, origin=str(n)) for n, t in enumerate(corpus_texts(args.limit))
        ]
    timed_pass(nlp, documents[:10])  # warm up
    runs = [timed_pass(nlp, documents) for _ in range(args.repeat)]
    med = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    actors = sum(med[n] for n in ACTOR_COMPONENTS)
    rest = sum(v for n, v in med.items() if n not in ACTOR_COMPONENTS)
    chars = sum(len(d.text) for d in documents) / 1e6
    print(f"{len(documents)} documents, {chars:.2f} M characters, median of {args.repeat} passes")
    print("| component | seconds | share |")
    print("|---|---|---|")
    total = actors + rest
    for name, secs in med.items():
        print(f"| {name} | {secs:.2f} | {100 * secs / total:.1f}% |")
    share = 100 * actors / rest
    print(f"actor components: {actors:.2f} s = +{share:.1f}% over the rest of extraction ({rest:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
