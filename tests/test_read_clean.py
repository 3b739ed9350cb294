"""Cleaning without moving offsets: titles, boilerplate, credit lines and bylines."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_TXT

from kg.model import Document
from kg.read import prepare_document, read_documents
from kg.read.clean import is_boilerplate_line
from kg.read.credits import parse_byline, parse_credit

FIXTURES = Path(__file__).parent / "fixtures" / "read"
TITLE = "Mexico's Sheinbaum urges closer US coordination after Trump threatens land attacks on cartels"
CREDIT = (
    "(Reporting by Diego Ore, Ana Isabel Martinez; Writing by Brendan O'Boyle; "
    "Editing by Emily Green, Rod Nickel)"
)
FOOTER = "COSMO NEWS © 2015 | Distributed By My Blogger Themes | Designed By Templateism.com"


def prepared(text: str, **fields) -> Document:
    return prepare_document(Document(doc_id="t", text=text, **fields))


def blanked(doc: Document, piece: str, occurrence: int = 0) -> bool:
    """Whether ``piece`` (its n-th occurrence in the text) is all spaces in the content."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(piece, start + 1)
    return doc.content[start : start + len(piece)].strip() == ""


@pytest.fixture(scope="module")
def seed() -> Document:
    (doc,) = read_documents([str(SEED_TXT)])
    return doc


def test_seed_content_has_the_text_length_and_line_breaks(seed):
    assert len(seed.content) == len(seed.text)
    assert [i for i, c in enumerate(seed.content) if c == "\n"] == [
        i for i, c in enumerate(seed.text) if c == "\n"
    ]
    keep = seed.text.index("Mexico's President Claudia Sheinbaum")
    assert seed.content[keep : keep + 40] == seed.text[keep : keep + 40]  # offsets unchanged


def test_seed_title_first_kept_repeat_blanked(seed):
    assert seed.title == TITLE
    assert seed.content.startswith(TITLE + "\n")
    assert blanked(seed, TITLE, occurrence=1)
    assert seed.text.count(TITLE) == 2  # the text itself is untouched


def test_seed_footer_and_credit_line_blanked_but_intact_in_text(seed):
    assert FOOTER in seed.text and CREDIT in seed.text
    assert blanked(seed, FOOTER)
    assert blanked(seed, CREDIT)
    for word in ("COSMO", "Templateism", "Reporting by", "Emily Green"):
        assert word not in seed.content


def test_seed_credit_line_becomes_authors_and_editors(seed):
    assert seed.authors == ["Diego Ore", "Ana Isabel Martinez", "Brendan O'Boyle"]
    assert seed.editors == ["Emily Green", "Rod Nickel"]


def test_seed_dateline_blanked_and_recorded(seed):
    assert (seed.dateline, seed.source) == ("MEXICO CITY", "Reuters")
    assert blanked(seed, "MEXICO CITY, Jan 9 (Reuters) - ")
    assert "Sheinbaum said on Friday" in seed.content


def test_ap_story_byline_contributor_and_copyright():
    (doc,) = read_documents([str(FIXTURES / "ap-kyiv.txt")])
    assert doc.title == "Ukraine says drones hit fuel depot in Russia's Belgorod region"
    assert doc.authors == ["Jane Doe", "John Roe", "Ivan Petrov"]  # byline first, then contributors
    assert (doc.dateline, doc.source) == ("KYIV, Ukraine", "Associated Press")
    for piece in (
        "By JANE DOE and John Roe",
        "Associated Press writer Ivan Petrov",
        "Copyright 2025",
        "KYIV, Ukraine (AP) — ",
    ):
        assert blanked(doc, piece), piece
    assert "Russian Defense Ministry officials said" in doc.content


@pytest.mark.parametrize(
    ("credit", "authors", "editors"),
    [
        (CREDIT, ["Diego Ore", "Ana Isabel Martinez", "Brendan O'Boyle"], ["Emily Green", "Rod Nickel"]),
        (
            "(Reporting by Steve Holland in Washington and Dave Graham in Mexico City; "
            "Additional reporting by Jeff Mason; Editing by Peter Cooney)",
            ["Steve Holland", "Dave Graham", "Jeff Mason"],
            ["Peter Cooney"],
        ),
        ("(Compiled by Gdansk Newsroom; Edited by Tom Hogue)", [], ["Tom Hogue"]),
        (
            "Reporting by Ana Lopez, writing by Raúl Cortés Fernández; editing by Tom Hay",
            ["Ana Lopez", "Raúl Cortés Fernández"],
            ["Tom Hay"],
        ),
        ("(Reporting by Ana Lopez; Graphics by Jon Doe)", ["Ana Lopez"], []),
    ],
)
def test_parse_credit(credit, authors, editors):
    assert parse_credit(credit) == {"authors": authors, "editors": editors}


def test_not_a_credit_line():
    assert parse_credit("(The bill was passed by the Senate)") is None


def test_credit_inside_a_paragraph_is_blanked_alone():
    credit = "(Reporting by Marco Aquino; Editing by Sandra Maler)"
    text = f"Title line here\n\nLIMA (Reuters) - Peru named a cabinet. {credit}\n"
    doc = prepared(text)
    assert doc.authors == ["Marco Aquino"] and doc.editors == ["Sandra Maler"]
    assert "Peru named a cabinet." in doc.content
    assert blanked(doc, credit)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By JANE DOE and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("By María José de la Cruz | AFP", ["María José de la Cruz"]),
        ("By Reuters Staff", []),
        ("By Friday, the government had not replied.", None),
        ("By law, elections must be held within 60 days", None),
        ("Byzantine rules apply", None),
    ],
)
def test_parse_byline(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        FOOTER,
        "Copyright 2024 The Associated Press. All rights reserved.",
        "© 2023 Example Media Ltd",
        "All Rights Reserved.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Click here to read the full story",
        "Sign up for our daily newsletter",
        "Share this article",
        "Share on Facebook",
        "Related: Five things to know about the vote",
        "Read more:",
        "Follow us on Twitter",
        "Advertisement",
        "Facebook | Twitter | WhatsApp | Email",
        "Powered by Blogger",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The court ruled that the copyright claim filed in 2015 had expired.",
        "Mexico's President Claudia Sheinbaum said on Friday she has tasked her foreign minister.",
        "Lawmakers shared their concerns with the minister.",
        "Aid was distributed by the Red Cross in the north of the country.",
        "Related talks will take place next week, officials said.",
        # long paragraphs are article text whatever phrase they contain
        "Officials said " + "the talks went on " * 20 + "and all rights reserved under the treaty were kept.",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_inline_trust_principles_phrase_is_blanked():
    text = "WASHINGTON (Reuters) - The Senate voted. Our Standards: The Thomson Reuters Trust Principles."
    doc = prepared(text)
    assert doc.content.rstrip().endswith("The Senate voted.")


def test_correction_note_before_dateline_is_blanked():
    text = "(Corrects spelling of name in paragraph 3) By Jane Doe NEW YORK (Reuters) - The Fed will act."
    doc = prepared(text)
    assert doc.content.strip() == "The Fed will act."
    assert (doc.dateline, doc.source, doc.authors) == ("NEW YORK", "Reuters", ["Jane Doe"])


def test_title_from_first_line_only_when_it_reads_like_one():
    bbc_like = prepared(
        "Abbas 'will not tolerate' attacks\n\nPalestinian leader Mahmoud Abbas has said ...\n"
    )
    assert bbc_like.title == "Abbas 'will not tolerate' attacks"
    one_paragraph = prepared("WASHINGTON (Reuters) - The head of a faction said on Friday it was over.")
    assert one_paragraph.title is None
    lead_first = prepared("The minister resigned on Monday after a long dispute.\n\nHe denied wrongdoing.\n")
    assert lead_first.title is None


def test_metadata_title_repeated_in_the_text_is_blanked_after_its_first_line():
    text = "Ceasefire holds\n\nCeasefire holds\n\nBEIRUT (Reuters) - The ceasefire held on Saturday.\n"
    doc = prepared(text, title="Ceasefire holds")
    assert doc.title == "Ceasefire holds"
    assert doc.content.startswith("Ceasefire holds\n")
    assert blanked(doc, "Ceasefire holds", occurrence=1)
    assert doc.dateline == "BEIRUT"
