"""``extractions.jsonl``: the Extractions, one ``kg extract`` JSON object a line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from kg.export.atomic import write_to
from kg.model import Extraction, read_extractions


def write_jsonl(extractions: Sequence[Extraction], path_or_file) -> None:
    """Write one JSON line per Extraction (CONTRACT.md), atomically when given a path.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO(); write_jsonl([Extraction(doc_id="d1")], out)
    >>> read_jsonl(io.StringIO(out.getvalue()))[0].doc_id
    'd1'
    """

    def write(handle: IO[Any]) -> None:
        for extraction in extractions:
            handle.write(extraction.to_json() + "\n")

    write_to(path_or_file, write)


def read_jsonl(path_or_file) -> list[Extraction]:
    """Read Extractions from a JSON Lines path or text file object."""
    if hasattr(path_or_file, "read"):
        return read_extractions(path_or_file)
    with open(path_or_file, encoding="utf-8") as handle:
        return read_extractions(handle)
