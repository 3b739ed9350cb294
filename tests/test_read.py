"""Reading every input form into Documents, in order, and reporting bad input per document."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import SEED_TXT

from kg.errors import KgError
from kg.read import read_documents

FIXTURES = Path(__file__).parent / "fixtures" / "read"
CORPUS = FIXTURES / "corpus"


def read(*inputs, **options):
    return list(read_documents([str(i) for i in inputs], **options))


def ok(docs):
    return [d for d in docs if d.error is None]


# -- input forms --------------------------------------------------------------------------------


def test_txt_file_keeps_text_exactly_as_decoded(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("\ufeffHeadline here\r\n\r\nLONDON (Reuters) - Caf\u00e9 talks.\r\n".encode())
    (doc,) = read(path)
    assert doc.doc_id == "note"
    assert doc.origin == str(path)
    assert doc.text == "Headline here\r\n\r\nLONDON (Reuters) - Caf\u00e9 talks.\r\n"  # BOM gone, CRLF kept
    assert len(doc.content) == len(doc.text)
    assert doc.content.endswith("Caf\u00e9 talks.\r\n")
    assert doc.title == "Headline here"


def test_seed_txt_is_one_document_named_after_its_file(seed_text):
    (doc,) = read(SEED_TXT)
    assert doc.doc_id == "reuters-2026-01-09-sheinbaum"
    assert doc.text == seed_text
    assert doc.error is None


def test_directory_reads_every_txt_jsonl_csv_below_it_sorted():
    docs = read(CORPUS)
    assert [d.doc_id for d in docs] == [
        "geneva",  # 2024/geneva.txt
        "corpus/2025/geneva",  # same stem: the path inside the folder makes it unique
        "csv-1",  # 2025/rows.csv
        "wire-1",  # 2025/wire.jsonl line 1
        f"{CORPUS / '2025' / 'wire.jsonl'}:2",  # a row without id: path:line
    ]
    assert all(d.error is None for d in docs)
    assert not any("hidden" in d.text or "not an article" in d.text for d in docs)  # .cache/, .md skipped


def test_directory_order_does_not_depend_on_the_file_system(tmp_path):
    for name in ["b.txt", "a.txt", "c/a.txt", "B.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Title {name}\n\nText of {name}.\n", encoding="utf-8")
    texts = [d.text.split("\n")[0] for d in read(tmp_path)]
    assert texts == ["Title B.txt", "Title a.txt", "Title b.txt", "Title c/a.txt"]
    assert read(tmp_path)[3].doc_id == f"{tmp_path.name}/c/a"


def test_jsonl_rows_carry_metadata():
    wire = CORPUS / "2025" / "wire.jsonl"
    first, second = read(wire)
    assert first.doc_id == "wire-1"
    assert first.origin == f"{wire}:1"
    assert first.title == "Ceasefire holds"
    assert (first.published, first.published_source) == ("2025-02-01", "metadata")  # datetime -> date
    assert (first.source, first.url, first.lang) == ("Wire", "https://example.org/1", "en")
    assert first.text == "BEIRUT (Reuters) - The ceasefire held on Saturday."
    assert first.dateline == "BEIRUT"
    assert second.doc_id == f"{wire}:2"
    assert second.text == "Talks ended without agreement."


def test_jsonl_text_with_unicode_line_separators_stays_one_document(tmp_path):
    path = tmp_path / "u.jsonl"
    rows = [{"id": 7, "text": "First\u2028second\u0085third."}, {"id": "b", "text": "Other."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    docs = read(path)
    assert [d.doc_id for d in docs] == ["7", "b"]
    assert docs[0].text == "First\u2028second\u0085third."


def test_csv_with_header_quoted_newlines_and_date_column(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "title,text,date,source\n"
        'One,"WASHINGTON (Reuters) - First line.\n\nSecond paragraph.","December 31, 2017 ",Feed\n'
        'Two,"Another article.",,\n',
        encoding="utf-8",
    )
    first, second = read(path)
    assert first.doc_id == f"{path}:2"
    assert second.doc_id == f"{path}:5"  # the record starts on line 5 (the first spans 2-4)
    assert first.text == "WASHINGTON (Reuters) - First line.\n\nSecond paragraph."
    assert (first.published, first.published_source) == ("2017-12-31", "metadata")
    assert first.source == "Feed"  # metadata wins over the dateline's agency
    assert first.title == "One"
    assert second.published is None


def test_csv_text_column_option_and_big_fields(tmp_path):
    path = tmp_path / "big.csv"
    body = "Word " * 60_000  # 300,000 characters: above the csv module's default field limit
    path.write_text(f'ID,Body\nx1,"{body}"\n', encoding="utf-8")
    (doc,) = read(path, text_column="body")
    assert doc.error is None
    assert doc.doc_id == "x1"
    assert doc.text == body


def test_csv_with_semicolons_from_a_spreadsheet(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('\ufeffid;text;published\nr1;"Talks; then a vote.";2024-03-02\n', encoding="utf-8")
    (doc,) = read(path)
    assert (doc.doc_id, doc.text, doc.published) == ("r1", "Talks; then a vote.", "2024-03-02")


def test_stdin_json_lines(monkeypatch):
    lines = '{"id": "s1", "text": "PARIS (AFP) - Talks began."}\n\n{"text": "No id here."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8"))
    first, second = read("-")
    assert first.doc_id == "s1"
    assert first.origin == "<stdin>:1"
    assert first.source == "AFP"
    assert second.doc_id == "stdin:3"
    assert second.text == "No id here."


def test_stdin_text_stream_without_buffer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "a", "text": "Caf\u00e9."}\n'))
    (doc,) = read("-")
    assert doc.text == "Caf\u00e9."


def test_documents_come_out_in_input_order(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "from-stdin", "text": "Hello."}\n'))
    docs = read(CORPUS / "2025" / "rows.csv", "-", SEED_TXT)
    assert [d.doc_id for d in docs] == ["csv-1", "from-stdin", "reuters-2026-01-09-sheinbaum"]


def test_one_path_may_be_given_without_a_list():
    docs = list(read_documents(str(SEED_TXT)))
    assert [d.doc_id for d in docs] == ["reuters-2026-01-09-sheinbaum"]


def test_same_file_twice_gets_two_ids():
    docs = read(SEED_TXT, SEED_TXT)
    assert len({d.doc_id for d in docs}) == 2


def test_bad_default_date_is_refused_before_reading():
    with pytest.raises(KgError, match="--date must be a date as YYYY-MM-DD"):
        read_documents([str(SEED_TXT)], default_date="9 Jan")


# -- bad input: one error Document naming the file (and line), the rest still read --------------


def good_txt(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Good title\n\nLIMA (Reuters) - A good article.\n", encoding="utf-8")
    return path


def assert_one_error(docs, message: str) -> None:
    errors = [d for d in docs if d.error is not None]
    assert [d.error for d in errors] == [message]
    assert "\n" not in message
    assert [d.doc_id for d in ok(docs)] == ["good"]


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    docs = read(missing, good_txt(tmp_path))
    assert_one_error(docs, f"{missing}: no such file or directory: check the path")
    assert docs[0].doc_id == "nope"


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    docs = read(empty, good_txt(tmp_path))
    assert_one_error(docs, f"{empty}: empty file: add the article text or remove the file")


def test_binary_file(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02\xff")
    docs = read(binary, good_txt(tmp_path))
    assert_one_error(docs, f"{binary}: binary file, not text: convert it to UTF-8 text or remove it")


def test_invalid_utf8_text_file(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 society\n".encode("latin-1"))
    docs = read(latin, good_txt(tmp_path))
    assert_one_error(docs, f"{latin}: not valid UTF-8 (byte 0xe9 at offset 3): re-save the file as UTF-8")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        docs = read(locked, good_txt(tmp_path))
    finally:
        locked.chmod(0o644)
    assert_one_error(
        docs, f"{locked}: cannot be read (Permission denied): check that it exists and is readable"
    )


def test_path_through_a_file_cannot_be_read(tmp_path):
    inside = good_txt(tmp_path) / "inner.txt"  # a path below a regular file: fails even for root
    docs = read(inside, good_txt(tmp_path))
    assert_one_error(
        docs, f"{inside}: cannot be read (Not a directory): check that it exists and is readable"
    )


def test_json_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('[{"id": "a", "text": "Hello."}]', encoding="utf-8")
    docs = read(path, good_txt(tmp_path))
    assert_one_error(
        docs,
        f"{path}: a .json file is not read: "
        'write one JSON object per line, {"id": ..., "text": ...}, as .jsonl',
    )


def test_empty_directory(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "readme.md").write_text("not read\n", encoding="utf-8")
    docs = read(folder, good_txt(tmp_path))
    assert_one_error(docs, f"{folder}: no .txt, .jsonl or .csv files below this directory: check the path")


def write_jsonl(tmp_path: Path, lines: list[bytes]) -> Path:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_malformed_jsonl_line(tmp_path):
    path = write_jsonl(
        tmp_path,
        [
            b'{"id": "a", "text": "First."}',
            b"",
            b'{"id": "b" "text": "Broken."}',
            b'{"id": "good", "text": "Ok."}',
        ],
    )
    docs = read(path)
    assert [d.doc_id for d in docs] == ["a", f"{path}:3", "good"]
    assert (
        docs[1].error
        == f"{path}:3: not valid JSON (Expecting ',' delimiter at column 12): fix or remove the line"
    )
    assert docs[2].text == "Ok."


def test_jsonl_line_without_text(tmp_path):
    path = write_jsonl(tmp_path, [b'{"id": "x", "title": "Only a title"}', b'{"id": "good", "text": "Ok."}'])
    docs = read(path)
    assert_one_error(docs, f'{path}:1: no "text" field: add the article text as "text" or remove the line')
    assert docs[0].doc_id == "x"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            b'["a", "b"]',
            'expected a JSON object like {"id": ..., "text": ...}, got an array: fix or remove the line',
        ),
        (b'{"id": "x", "text": 42}', '"text" must be a string, got a number: fix or remove the line'),
        (b'{"id": "x", "text": "   "}', '"text" is empty: add the article text or remove the line'),
        (
            b'{"id": "x", "text": "caf\xe9"}',
            "not valid UTF-8 (byte 0xe9 at offset 24): re-save the file as UTF-8",
        ),
    ],
)
def test_other_bad_jsonl_lines(tmp_path, line, problem):
    path = write_jsonl(tmp_path, [b'{"id": "good", "text": "Ok."}', line])
    docs = read(path)
    assert_one_error(docs, f"{path}:2: {problem}")


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("title,body\nA,Some text\n", encoding="utf-8")
    docs = read(path, good_txt(tmp_path))
    assert_one_error(
        docs,
        f'{path}: no "text" column (found: title, body): '
        'rename the text column to "text" or pass --text-column NAME',
    )
    named = read(path, text_column="content")
    assert named[0].error == f'{path}: no "content" column (found: title, body): check --text-column'


def test_csv_bad_rows_are_reported_by_line(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b'id,text\ngood,Ok.\nempty,"  "\nshort\nlatin,caf\xe9\n')
    docs = read(path)
    assert [d.doc_id for d in ok(docs)] == ["good"]
    assert [d.error for d in docs if d.error] == [
        f'{path}:3: empty "text": add the article text or remove the row',
        f"{path}:4: row has 1 fields but the header has 2: fix the row",
        f"{path}:5: not valid UTF-8: re-save the file as UTF-8",
    ]


def test_stdin_bad_line(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b'{"id": "a", "text": "Ok."}\nnot json\n'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    docs = read("-")
    assert docs[0].error is None
    assert docs[1].error == "<stdin>:2: not valid JSON (Expecting value at column 1): fix or remove the line"


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    (doc,) = read("-")
    assert doc.error == "<stdin>: no input on standard input: pipe JSON Lines into it"


def test_bad_metadata_date_is_ignored_not_fatal(tmp_path, caplog):
    path = write_jsonl(
        tmp_path, [b'{"id": "a", "published": "sometime", "text": "WASHINGTON (Reuters) - Ok."}']
    )
    (doc,) = read(path, default_date="2024-05-06")
    assert doc.error is None
    assert (doc.published, doc.published_source) == ("2024-05-06", "option")
    assert "ignoring publication date 'sometime'" in caplog.text


def test_text_in_memory_is_cleaned_like_a_file(seed_text):
    from kg.read import read_text_document

    doc = read_text_document(seed_text, doc_id="text-1", origin="<text 1>")
    assert (doc.doc_id, doc.origin, doc.error) == ("text-1", "<text 1>", None)
    assert (doc.published, doc.dateline, doc.editors) == (
        "2026-01-09",
        "MEXICO CITY",
        ["Emily Green", "Rod Nickel"],
    )
    assert read_text_document("  ", doc_id="t").error == "t: empty text: give the article text"
    dated = read_text_document("Plain text.", doc_id="t", published="2024-03-02T10:00:00Z")
    assert (dated.published, dated.published_source) == ("2024-03-02", "metadata")
