"""News agencies and outlets (``kg/data/read/agencies.tsv``): "AP" -> "Associated Press"."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "read"


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    table = {}
    for row in (DATA / "agencies.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            alias, canonical = row.split("\t")
            table[alias.strip().casefold()] = canonical.strip()
    return table


def agency(name: str) -> str | None:
    """The canonical name of a news agency or outlet, or None when unknown.

    Parameters
    ----------
    name : str
        Text such as ``Reuters``, ``AP``, ``Reuters Breakingviews`` or ``Reuters on Friday``.

    Returns
    -------
    str or None
    """
    words = re.sub(r"\s+", " ", name).strip().casefold().split(" ")
    table = _agencies()
    for n in range(len(words), 0, -1):  # the whole text first, then shorter leading phrases
        canonical = table.get(" ".join(words[:n]))
        if canonical is not None:
            return canonical
    return None
