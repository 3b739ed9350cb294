"""The ``kg`` command line as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEED_TXT

KG = [sys.executable, "-m", "kg.cli"]
ARTICLE = (
    "WASHINGTON, May 5 (Reuters) - Russian troops attacked the Ukrainian city of Kharkiv on "
    "Monday, Ukrainian officials said.\n"
)


def run(*args, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [*KG, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_seed_to_stdout_follows_the_contract():
    done = run("extract", str(SEED_TXT), "--quiet")
    assert done.returncode == 0, done.stderr
    [obj] = lines(done.stdout)
    for key in (
        "doc_id",
        "title",
        "published",
        "source",
        "dateline",
        "authors",
        "actors",
        "events",
        "relations",
        "quotes",
    ):
        assert key in obj
    for event in obj["events"]:
        assert isinstance(event["quad_class"], int) and 1 <= event["quad_class"] <= 4
        assert 0.0 <= event["confidence"] <= 1.0
        assert event["modality"] in {"asserted", "negated", "hypothetical", "future", "intended"}
        assert set(event["source"] + event["target"]) <= {a["id"] for a in obj["actors"]}


def test_extract_reads_jsonl_from_stdin_and_keeps_ids_and_order():
    rows = [{"id": "b", "text": ARTICLE}, {"id": "a", "text": "Protesters marched in Paris on Sunday."}]
    done = run("extract", "-", "--quiet", stdin="".join(json.dumps(r) + "\n" for r in rows))
    assert done.returncode == 0, done.stderr
    assert [o["doc_id"] for o in lines(done.stdout)] == ["b", "a"]


def test_extract_writes_the_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    done = run("extract", str(SEED_TXT), "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert lines(out.read_text(encoding="utf-8"))[0]["published"] == "2026-01-09"


def test_bad_documents_are_reported_and_the_others_still_processed(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "ok-1", "text": ARTICLE})
        + "\n{not json\n"
        + json.dumps({"id": "ok-2", "text": ARTICLE})
        + "\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "out.jsonl"
    done = run("extract", str(good), str(empty), str(binary), str(missing), "-o", str(out), "--quiet")
    assert done.returncode != 0
    objs = lines(out.read_text(encoding="utf-8"))
    ok = [o for o in objs if "error" not in o]
    errors = [o for o in objs if "error" in o]
    assert [o["doc_id"] for o in ok] == ["ok-1", "ok-2"]
    assert len(errors) == 4
    stderr_lines = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(stderr_lines) == 4
    assert any(f"{good}:2" in line for line in stderr_lines)
    for path in (empty, binary, missing):
        assert any(str(path) in line for line in stderr_lines), path


def test_csv_without_text_column_is_one_clear_error(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text("id,body\n1,Troops attacked the town.\n", encoding="utf-8")
    done = run("extract", str(table), "--quiet")
    assert done.returncode != 0
    assert "text" in done.stderr and str(table) in done.stderr
    assert "--text-column" in done.stderr


def test_text_column_option_reads_another_column(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text('id,body\n1,"Rebels attacked an army base in Mali on Monday."\n', encoding="utf-8")
    done = run("extract", str(table), "--text-column", "body", "--date", "2020-05-06", "--quiet")
    assert done.returncode == 0, done.stderr
    [obj] = lines(done.stdout)
    assert obj["doc_id"] == "1" and obj["published"] == "2020-05-06"


def test_missing_model_fails_with_one_line_naming_the_pip_command():
    done = run("extract", str(SEED_TXT), "--model", "en_core_web_xx_missing", "--quiet")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "pip install" in line and "en_core_web_xx_missing" in line


def test_model_can_be_chosen_by_environment():
    done = run("extract", str(SEED_TXT), "--quiet", env={"KG_SPACY_MODEL": "en_core_web_xx_missing"})
    assert done.returncode == 2 and "en_core_web_xx_missing" in done.stderr


def test_bad_date_option_is_rejected():
    done = run("extract", str(SEED_TXT), "--date", "9 Jan", "--quiet")
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("seed-build")
    done = run("build", str(SEED_TXT), "-o", str(outdir), "--quiet")
    assert done.returncode == 0, done.stderr
    return outdir


@pytest.mark.parametrize("fmt,marker", [("csv", ","), ("tsv", "\t"), ("json", "{"), ("table", "(3 rows)")])
def test_query_formats(seed_build, fmt, marker):
    query = "SELECT ?s ?o WHERE { ?s a ?o } LIMIT 3"
    result = run("query", str(seed_build), query, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout


CONLL = """-DOCSTART- -X- -X- O

Angela NNP B-NP B-PER
Merkel NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
on IN B-PP O
Monday NNP B-NP O
. . O O

"""


def test_eval_ner_scores_kg_next_to_bare_spacy(tmp_path):
    gold = tmp_path / "tiny.conll"
    gold.write_text(CONLL, encoding="utf-8")
    done = run("eval", "ner", "--conll", str(gold))
    assert done.returncode == 0, done.stderr
    rows = {
        line.split("|")[1].strip(): line.split("|")[2:4]
        for line in done.stdout.splitlines()
        if line.startswith("| ")
    }
    assert float(rows["typed_f1"][0]) == 1.0  # kg finds "Angela Merkel" PER and "Paris" LOC
    assert "bare spaCy" in done.stdout


@pytest.mark.shared
def test_eval_events_on_the_plover_gold():
    from conftest import require_shared

    plover = require_shared("data", "gold", "plover_gsr_cameo.json")
    done = run("eval", "events", "--plover", str(plover), "--limit", "40")
    assert done.returncode == 0, done.stderr
    type_acc = next(
        float(line.split("|")[2]) for line in done.stdout.splitlines() if line.startswith("| type_acc |")
    )
    assert type_acc >= 0.6
