"""Scoring actor mentions against CoNLL-2003 (kg.evaluate.ner) with a small file written here."""

from __future__ import annotations

import pytest

from kg.evaluate.ner import Scores, conll_text_and_spans, read_conll, score_conll

CONLL = """\
-X- -X- O O
Mexican JJ I-NP I-MISC
President NNP I-NP O
Claudia NNP I-NP I-PER
Sheinbaum NNP I-NP I-PER
met VBD I-VP O
Reuters NNP I-NP I-ORG
in IN I-PP O
Washington NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

NATO NNP I-NP I-ORG
troops NNS I-NP O
left VBD I-VP O
Kabul NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O
"""


@pytest.fixture()
def conll_file(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL.replace("-X- -X- O O\n", ""), encoding="utf-8")
    return path


def test_reader_ends_documents_at_docstart(conll_file):
    docs = read_conll(conll_file)
    assert len(docs) == 2
    text, spans = conll_text_and_spans(docs[0])
    assert text.startswith("Mexican President Claudia Sheinbaum met Reuters")
    assert (text[18:35], "PER") == ("Claudia Sheinbaum", sorted(spans)[1][2])
    assert {s[2] for s in spans} == {"MISC", "PER", "ORG", "LOC"}


def test_scores_skip_misc_and_lowercase_mentions():
    text = "Mexican officials met police"
    gold = {(0, 7, "MISC")}
    scores = Scores()
    scores.add(text, gold, {(0, 17, "ORG"), (22, 28, "ORG")})  # overlaps MISC; lower case
    assert scores.pred["ORG"] == 0


def test_scores_are_micro_averaged():
    scores = Scores()
    scores.add("Sheinbaum met Trump", {(0, 9, "PER"), (14, 19, "PER")}, {(0, 9, "PER"), (14, 19, "ORG")})
    result = scores.as_dict()
    assert result["typed_p"] == pytest.approx(0.5) and result["span_f1"] == pytest.approx(1.0)


def test_score_conll_runs_kg_and_bare_spacy(conll_file, nlp):
    import spacy

    from kg.annotate.pipeline import resolve_model_name

    result = score_conll(conll_file, nlp, bare=spacy.load(resolve_model_name()))
    assert result["documents"] == 2
    assert set(result["bare"]) >= {"typed_p", "typed_r", "typed_f1", "PER_f1", "ORG_f1", "LOC_f1"}
    assert result["kg"]["PER_r"] == result["kg"]["LOC_r"] == 1.0  # Sheinbaum, Washington, Kabul
    assert result["kg"]["ORG_r"] == 1.0  # Reuters (not in a dateline) and NATO
