"""Sources: ``.txt`` files, directories, JSON Lines, CSV and standard input -> raw Documents.

A raw Document has its text, identity, origin and metadata (title, published, source, url,
lang) but no cleaning yet.  Problems a user can cause (missing path, empty or binary file,
invalid UTF-8, malformed JSON, a row without text ...) become Documents with ``error`` set to
one line naming the file (and line) and what to do; the other documents are still read.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.model import Document
from kg.read.dateline import normalize_date

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".jsonl", ".csv")
STDIN = "-"
_SNIFF_BYTES = 8192
_SURROGATE = re.compile("[\udc80-\udcff]")
_CSV_DATE_COLUMNS = ("published", "date")
_CSV_DELIMITERS = (",", ";", "\t", "|")
_METADATA = ("title", "source", "url", "lang")


@dataclass
class IdRegistry:
    """Hands out document ids from paths, unique within one run and stable for the same inputs."""

    seen: set[str] = field(default_factory=set)

    def claim(self, doc_id: str) -> str:
        """Record an id given by the input (a row's ``id``), as is."""
        self.seen.add(doc_id)
        return doc_id

    def for_path(self, path: Path, *, shown: Path | None = None) -> str:
        """The file stem; when taken, the path without suffix (``shown``: as inside its folder).

        A counter (``~2``) is added only when even that path is taken.
        """
        longer = (shown or path).with_suffix("").as_posix()
        for candidate in (path.stem, longer):
            if candidate not in self.seen:
                return self.claim(candidate)
        n = 2
        while f"{longer}~{n}" in self.seen:
            n += 1
        return self.claim(f"{longer}~{n}")


def iter_sources(
    inputs: Iterable[str | os.PathLike[str]], *, text_column: str | None = None
) -> Iterator[Document]:
    """Yield raw Documents for every input, in input order.

    Parameters
    ----------
    inputs : iterable of str or path
        Files, directories, or ``-`` for JSON Lines on standard input.
    text_column : str, optional
        The CSV column holding the text (default ``text``).

    Yields
    ------
    Document
        Uncleaned documents; unreadable ones carry ``error``.
    """
    ids = IdRegistry()
    for item in inputs:
        if str(item) == STDIN:
            yield from _read_stdin(ids)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_directory(path, ids, text_column)
        else:
            yield from _read_file(path, ids, text_column)


def _read_directory(root: Path, ids: IdRegistry, text_column: str | None) -> Iterator[Document]:
    files = sorted(
        (p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file() and not _hidden(p, root)),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if not files:
        yield _error(
            ids.for_path(root),
            str(root),
            "no .txt, .jsonl or .csv files below this directory: check the path",
        )
    top = root.resolve().parent
    for path in files:
        yield from _read_file(path, ids, text_column, shown=path.resolve().relative_to(top))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(
    path: Path, ids: IdRegistry, text_column: str | None, *, shown: Path | None = None
) -> Iterator[Document]:
    suffix = path.suffix.lower()
    problem = _unreadable(path)
    if problem is not None:
        yield _error(ids.for_path(path, shown=shown), str(path), problem)
    elif suffix == ".jsonl":
        with path.open("rb") as stream:
            yield from _read_jsonl(stream, str(path), ids)
    elif suffix == ".csv":
        yield from _read_csv(path, ids, text_column, shown)
    elif suffix == ".json":
        problem = (
            'a .json file is not read: write one JSON object per line, {"id": ..., "text": ...}, as .jsonl'
        )
        yield _error(ids.for_path(path, shown=shown), str(path), problem)
    else:  # .txt, and any other text file named explicitly
        yield _read_text_file(path, ids, shown)


def _unreadable(path: Path) -> str | None:
    """Why a file cannot be read at all (missing, not a file, empty, binary), or None."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except FileNotFoundError:
        return "no such file or directory: check the path"
    except IsADirectoryError:
        return "is not a file: pass a file or a directory"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}): check that it exists and is readable"
    if not head.strip():
        return "empty file: add the article text or remove the file"
    if b"\x00" in head:
        return "binary file, not text: convert it to UTF-8 text or remove it"
    return None


def _read_text_file(path: Path, ids: IdRegistry, shown: Path | None) -> Document:
    doc_id = ids.for_path(path, shown=shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _error(doc_id, str(path), _utf8_problem(exc, "re-save the file as UTF-8"))
    except OSError as exc:
        return _error(doc_id, str(path), f"cannot be read ({exc.strerror or exc}): check the file")
    return Document(doc_id=doc_id, text=text, origin=str(path))


def _utf8_problem(exc: UnicodeDecodeError, action: str) -> str:
    byte = exc.object[exc.start : exc.start + 1].hex()
    return f"not valid UTF-8 (byte 0x{byte} at offset {exc.start}): {action}"


def _error(doc_id: str, origin: str, problem: str) -> Document:
    return Document(doc_id=doc_id, text="", origin=origin, error=f"{origin}: {problem}")


# -- JSON Lines ---------------------------------------------------------------------------------


def _read_stdin(ids: IdRegistry) -> Iterator[Document]:
    stream = sys.stdin
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        yield from _read_jsonl(binary, "<stdin>", ids, id_prefix="stdin")
    else:  # a text stream without bytes underneath (e.g. io.StringIO)
        yield from _read_jsonl((line.encode("utf-8") for line in stream), "<stdin>", ids, id_prefix="stdin")


def _read_jsonl(
    lines: Iterable[bytes], name: str, ids: IdRegistry, *, id_prefix: str | None = None
) -> Iterator[Document]:
    """One Document per non-blank line; a bad line yields an error Document for that line."""
    any_line = False
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        any_line = True
        origin = f"{name}:{number}"
        fallback_id = f"{id_prefix or name}:{number}"
        yield _jsonl_document(raw, origin, fallback_id, ids, first=number == 1)
    if not any_line and name == "<stdin>":
        yield _error("stdin", name, "no input on standard input: pipe JSON Lines into it")


def _jsonl_document(raw: bytes, origin: str, fallback_id: str, ids: IdRegistry, *, first: bool) -> Document:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return _error(fallback_id, origin, _utf8_problem(exc, "re-save the file as UTF-8"))
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(
            fallback_id, origin, f"not valid JSON ({exc.msg} at column {exc.colno}): fix or remove the line"
        )
    if not isinstance(row, dict):
        kind = _json_kind(row)
        return _error(
            fallback_id,
            origin,
            f'expected a JSON object like {{"id": ..., "text": ...}}, got {kind}: fix or remove the line',
        )
    doc_id = _row_id(row.get("id"), fallback_id, ids)
    text = row.get("text")
    if text is None:
        return _error(doc_id, origin, 'no "text" field: add the article text as "text" or remove the line')
    if not isinstance(text, str):
        return _error(
            doc_id, origin, f'"text" must be a string, got {_json_kind(text)}: fix or remove the line'
        )
    if not text.strip():
        return _error(doc_id, origin, '"text" is empty: add the article text or remove the line')
    published = row.get("published", row.get("date"))
    return _with_metadata(Document(doc_id=doc_id, text=text, origin=origin), row, published)


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null", dict: "an object"}
    return kinds.get(type(value), "a number")


def _row_id(value: Any, fallback: str, ids: IdRegistry) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ids.claim(fallback)
    return ids.claim(str(value).strip())


def _with_metadata(doc: Document, row: dict[str, Any], published: Any) -> Document:
    """Copy title/source/url/lang and the normalised publication date from a row."""
    for key in _METADATA:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            setattr(doc, key, value.strip())
    if published not in (None, ""):
        doc.published = normalize_date(published)
        if doc.published is None:
            log.warning(
                "%s: ignoring publication date %r: not a date (use YYYY-MM-DD)", doc.origin, published
            )
        else:
            doc.published_source = "metadata"
    return doc


# -- CSV ----------------------------------------------------------------------------------------


def _set_field_size_limit() -> None:
    limit = sys.maxsize
    while True:  # the C long behind the limit may be 32 bits
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _read_csv(path: Path, ids: IdRegistry, text_column: str | None, shown: Path | None) -> Iterator[Document]:
    _set_field_size_limit()
    name = str(path)
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        delimiter = _delimiter(stream.readline())
        stream.seek(0)
        reader = csv.reader(stream, delimiter=delimiter)
        header = next(reader, None)
        columns = _columns(header or [])
        wanted = (text_column or "text").strip().casefold()
        if wanted not in columns:
            yield _error(ids.for_path(path, shown=shown), name, _missing_column(header or [], text_column))
            return
        yield from _csv_rows(reader, name, columns, wanted, ids)


def _delimiter(header_line: str) -> str:
    """The header's most frequent separator among ``, ; TAB |`` (spreadsheets export ``;`` too)."""
    return max(_CSV_DELIMITERS, key=header_line.count)  # ties: the first, a comma


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, column in enumerate(header):
        columns.setdefault(column.strip().casefold(), index)
    return columns


def _missing_column(header: list[str], text_column: str | None) -> str:
    found = ", ".join(h.strip() for h in header) or "none"
    if text_column:
        return f'no "{text_column}" column (found: {found}): check --text-column'
    return f'no "text" column (found: {found}): rename the text column to "text" or pass --text-column NAME'


def _csv_rows(
    reader: Iterator[list[str]],
    name: str,
    columns: dict[str, int],
    wanted: str,
    ids: IdRegistry,
) -> Iterator[Document]:
    line_num = getattr(reader, "line_num", 1)
    while True:
        start = line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line_num = reader.line_num  # type: ignore[attr-defined]
            yield _error(
                f"{name}:{start}",
                f"{name}:{start}",
                f"malformed CSV ({exc}): fix the quoting or remove the row",
            )
            continue
        line_num = reader.line_num  # type: ignore[attr-defined]
        if cells and any(c.strip() for c in cells):
            yield _csv_document(cells, f"{name}:{start}", columns, wanted, ids)


def _csv_document(
    cells: list[str], origin: str, columns: dict[str, int], wanted: str, ids: IdRegistry
) -> Document:
    row = {key: cells[index] if index < len(cells) else None for key, index in columns.items()}
    doc_id = _row_id(row.get("id"), origin, ids)
    if any(_SURROGATE.search(c) for c in cells):
        return _error(doc_id, origin, "not valid UTF-8: re-save the file as UTF-8")
    text = row[wanted]
    if text is None:
        return _error(
            doc_id, origin, f"row has {len(cells)} fields but the header has {len(columns)}: fix the row"
        )
    if not text.strip():
        return _error(doc_id, origin, f'empty "{wanted}": add the article text or remove the row')
    published = next((row[c] for c in _CSV_DATE_COLUMNS if row.get(c)), None)
    return _with_metadata(Document(doc_id=doc_id, text=text, origin=origin), row, published)
