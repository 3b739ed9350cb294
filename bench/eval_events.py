"""Score kg events against the PLOVER gold sentences and the ACLED development notes.

    .venv/bin/python bench/eval_events.py [--plover PATH] [--acled PATH] [--limit N] [--published]

The same as ``kg eval events``: runs the real pipeline on each data set and prints one table per
data set (metrics in ``kg/evaluate/events.py``). ACLED dates are read from the text unless
``--published`` gives the event date as the publication date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "data" / "gold"


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

    from kg.evaluate.report import events_report

    plover = args.plover if args.plover and Path(args.plover).exists() else None
    acled = args.acled if args.acled and Path(args.acled).exists() else None
    print(
        events_report(
            plover=plover, acled=acled, model=args.model, limit=args.limit, published=args.published
        ),
        end="",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
