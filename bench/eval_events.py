"""Score kg events against the PLOVER gold sentences and the ACLED development notes.

    .venv/bin/python bench/eval_events.py [--plover PATH] [--acled PATH] [--limit N] [--published]

Runs the real pipeline on each data set and prints one table per data set (see
``kg/evaluate/events.py`` for the metrics). ACLED dates are read from the text unless
``--published`` gives the event date as publication date.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT.parent / "shared" / "data" / "gold"


def _run(nlp, documents):
    from kg.pipeline import extract_documents

    start = time.perf_counter()
    extractions = list(extract_documents(nlp, documents))
    return extractions, time.perf_counter() - start


def _table(title: str, metrics: dict[str, float], seconds: float) -> None:
    print(f"\n{title}")
    print("| metric | value |")
    print("|---|---|")
    for name, value in metrics.items():
        print(f"| {name} | {value:.4f} |" if value <= 1 else f"| {name} | {value:.0f} |")
    print(f"| seconds | {seconds:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plover", default=str(GOLD / "plover_gsr_cameo.json"))
    parser.add_argument("--acled", default=str(GOLD / "acled_2020_dev.csv"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--published", action="store_true", help="give ACLED notes their event date")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    from kg.annotate import build_pipeline
    from kg.evaluate.events import (
        acled_documents,
        load_acled,
        load_plover,
        plover_documents,
        score_acled,
        score_plover,
    )

    nlp = build_pipeline(args.model)
    if args.plover and Path(args.plover).exists():
        gold = load_plover(args.plover)[: args.limit]
        extractions, seconds = _run(nlp, plover_documents(gold))
        _table(f"PLOVER GSR ({len(gold)} sentences)", score_plover(gold, extractions), seconds)
    if args.acled and Path(args.acled).exists():
        notes = load_acled(args.acled)[: args.limit]
        extractions, seconds = _run(nlp, acled_documents(notes, published=args.published))
        _table(f"ACLED dev ({len(notes)} notes)", score_acled(notes, extractions), seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
