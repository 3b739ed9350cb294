"""Datelines of several agencies, and the publication-date reasoning."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SEED_TXT

from kg.model import Document
from kg.read import prepare_document, read_documents
from kg.read.dateline import infer_year, latest_mentioned, normalize_date, parse_dateline

TODAY = date(2026, 11, 25)
FRIDAY, THURSDAY, TUESDAY = 4, 3, 1


@pytest.mark.parametrize(
    ("line", "place", "source", "month_day_year", "blank"),
    [
        (
            "MEXICO CITY, Jan 9 (Reuters) - Mexico's",
            "MEXICO CITY",
            "Reuters",
            (1, 9, None),
            "MEXICO CITY, Jan 9 (Reuters) - ",
        ),
        (
            "WASHINGTON (Reuters) - The head",
            "WASHINGTON",
            "Reuters",
            (None, None, None),
            "WASHINGTON (Reuters) - ",
        ),
        (
            "KYIV, Ukraine (AP) — Ukraine's",
            "KYIV, Ukraine",
            "Associated Press",
            (None, None, None),
            "KYIV, Ukraine (AP) — ",
        ),
        ("Paris (AFP) - France said", "Paris", "AFP", (None, None, None), "Paris (AFP) - "),
        ("(Bloomberg) -- Oil rose", None, "Bloomberg", (None, None, None), "(Bloomberg) -- "),
        ("Washington (CNN) — The", "Washington", "CNN", (None, None, None), "Washington (CNN) — "),
        (
            "DOHA, Qatar (Al Jazeera) - Talks",
            "DOHA, Qatar",
            "Al Jazeera",
            (None, None, None),
            "DOHA, Qatar (Al Jazeera) - ",
        ),
        (
            "BEIJING, Jan. 9, 2025 (Xinhua) -- China",
            "BEIJING",
            "Xinhua",
            (1, 9, 2025),
            "BEIJING, Jan. 9, 2025 (Xinhua) -- ",
        ),
        (
            "LONDON, 3 March (Reuters Breakingviews) - A",
            "LONDON",
            "Reuters",
            (3, 3, None),
            "LONDON, 3 March (Reuters Breakingviews) - ",
        ),
        (
            "SEATTLE/WASHINGTON (Reuters) - President",
            "SEATTLE/WASHINGTON",
            "Reuters",
            (None, None, None),
            "SEATTLE/WASHINGTON (Reuters) - ",
        ),
        (
            "WEST PALM BEACH, Fla. (Reuters) - Trump",
            "WEST PALM BEACH, Fla.",
            "Reuters",
            (None, None, None),
            "WEST PALM BEACH, Fla. (Reuters) - ",
        ),
        (
            "NEW YORK (LPC/IFR) - U.S. regulators",
            "NEW YORK",
            "Reuters",
            (None, None, None),
            "NEW YORK (LPC/IFR) - ",
        ),
        (
            "NAIROBI (Nation Media) - Kenya",
            "NAIROBI",
            "Nation Media",
            (None, None, None),
            "NAIROBI (Nation Media) - ",
        ),
        ("WASHINGTON - Some key senators", "WASHINGTON", None, (None, None, None), "WASHINGTON - "),
        ("MEXICO CITY, Jan 9 - Mexico's", "MEXICO CITY", None, (1, 9, None), "MEXICO CITY, Jan 9 - "),
    ],
)
def test_parse_dateline(line, place, source, month_day_year, blank):
    found = parse_dateline(line)
    assert found is not None
    assert (found.place, found.source) == (place, source)
    assert (found.month, found.day, found.year) == month_day_year
    assert line[found.start : found.end] == blank


def test_byline_run_into_the_dateline():
    found = parse_dateline("By Jonathan Spicer and Rob Cox NEW YORK (Reuters) - The Fed")
    assert (found.place, found.source, found.authors) == (
        "NEW YORK",
        "Reuters",
        ("Jonathan Spicer", "Rob Cox"),
    )


@pytest.mark.parametrize(
    "line",
    [
        "The minister (who spoke on condition of anonymity) - said",
        "NATO - the alliance said on Friday",
        "U.S. - China talks resume",
        "Mexico's President Claudia Sheinbaum said on Friday",
        "By Friday the (Reuters) - x",
        "The talks (see below) - as officials said",
        "Prime Minister Tony Blair (Labour) - who leads the party",
        "Tony Blair () - who",
    ],
)
def test_not_a_dateline(line):
    assert parse_dateline(line) is None


def test_seed_publication_date_is_reasoned_from_the_dateline():
    (doc,) = read_documents([str(SEED_TXT)])
    assert (doc.published, doc.published_source) == ("2026-01-09", "dateline")


def test_seed_with_a_date_option_keeps_the_dateline_day():
    (doc,) = read_documents([str(SEED_TXT)], default_date="2026-01-10")
    assert (doc.published, doc.published_source) == ("2026-01-09", "dateline")


def test_infer_year_seed():
    # Jan 9 is a Friday in 2015 and 2026; the text mentions October 2024
    assert infer_year(1, 9, weekday=FRIDAY, not_before=date(2024, 10, 1), today=TODAY) == 2026
    assert infer_year(1, 9, weekday=FRIDAY, not_before=date(2014, 3, 1), today=TODAY) == 2015


def test_infer_year_lead_about_the_day_before():
    # "said on Thursday" in a Friday Jan 9 story: the next Thursday Jan 9 after the bound is in
    # 2031 (the future), a Friday Jan 9 is in 2026
    assert infer_year(1, 9, weekday=THURSDAY, not_before=date(2025, 2, 1), today=TODAY) == 2026
    # when both readings fit, the lead's own weekday wins: 2025-01-09 is a Thursday
    assert infer_year(1, 9, weekday=THURSDAY, not_before=date(2024, 10, 1), today=TODAY) == 2025


def test_infer_year_without_a_bound_takes_the_latest_fit_not_after_today():
    assert infer_year(1, 9, weekday=FRIDAY, today=TODAY) == 2026
    assert infer_year(12, 20, weekday=date(2026, 12, 20).weekday(), today=TODAY) != 2026  # would be future


def test_infer_year_when_today_is_earlier_than_the_evidence():
    # a wrong clock cannot pull the year below what the text says
    assert infer_year(1, 9, weekday=FRIDAY, not_before=date(2024, 10, 1), today=date(2025, 6, 1)) == 2026


def test_infer_year_hint_from_the_date_option():
    assert infer_year(1, 9, hint=date(2026, 1, 10)) == 2026
    assert infer_year(12, 31, hint=date(2026, 1, 2)) == 2025  # the hint's previous year is nearer
    assert infer_year(1, 9, weekday=FRIDAY, hint=date(2015, 6, 1)) == 2015
    # a Thursday lead near a 2026 hint: Friday 2026-01-09 (the day after) beats Thursday 2025-01-09
    assert infer_year(1, 9, weekday=THURSDAY, hint=date(2026, 1, 10)) == 2026
    # no year near the hint has the weekday: the hint decides
    assert infer_year(1, 9, weekday=TUESDAY, hint=date(2026, 1, 10)) == 2026


def test_infer_year_without_evidence_is_unknown():
    assert infer_year(1, 9, today=TODAY) is None


def test_infer_year_with_only_a_bound_takes_the_first_date_after_it():
    assert infer_year(1, 9, not_before=date(2024, 10, 1), today=TODAY) == 2025
    assert infer_year(2, 29, not_before=date(2025, 1, 1), today=TODAY) == 2028


def test_latest_mentioned_ignores_copyright_and_future_years():
    text = "She took office in October 2024. The plan runs to 2030. © 2031 Example. Since 2019 ..."
    assert latest_mentioned(text, until_year=2026) == date(2024, 10, 1)
    assert latest_mentioned("Copyright 2015 Example", until_year=2026) is None
    assert latest_mentioned("troops rose to 2,000 and $2024 was spent", until_year=2026) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-09", "2026-01-09"),
        ("2026-01-09T23:30:00-05:00", "2026-01-09"),
        ("2025-02-01T08:30:00Z", "2025-02-01"),
        ("December 31, 2017 ", "2017-12-31"),
        ("9 January 2026", "2026-01-09"),
        ("2026-02-30", None),
        ("January 2026", None),  # no day
        ("sometime", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def article(*, footer: str = "", lead: str = "said on Friday") -> Document:
    text = f"Talks stall\n\nGENEVA, Jan 9 (Reuters) - The envoy {lead} that talks had stalled.\n\n{footer}\n"
    return Document(doc_id="a", text=text)


def test_copyright_year_in_a_footer_is_not_a_year_clue():
    doc = prepare_document(article(footer="NEWS SITE © 2015 | All rights reserved"), today=TODAY)
    assert (doc.published, doc.published_source) == ("2026-01-09", "dateline")  # not 2015
    # the same year in the article's own text is a clue
    doc = prepare_document(article(lead="said on Friday, as in 2015,"), today=TODAY)
    assert doc.published == "2015-01-09"


def test_metadata_date_wins_over_dateline_and_option():
    doc = article()
    doc.published, doc.published_source = "2020-05-05", "metadata"
    doc = prepare_document(doc, default_date=date(2024, 1, 1), today=TODAY)
    assert (doc.published, doc.published_source) == ("2020-05-05", "metadata")


def test_date_option_is_the_fallback():
    doc = Document(doc_id="a", text="WASHINGTON (Reuters) - The Senate voted on Tuesday.")
    doc = prepare_document(doc, default_date=date(2024, 5, 7), today=TODAY)
    assert (doc.published, doc.published_source) == ("2024-05-07", "option")
    bare = prepare_document(Document(doc_id="b", text="Nothing dated here."), today=TODAY)
    assert (bare.published, bare.published_source) == (None, None)


def test_dateline_with_year_is_taken_as_is():
    doc = prepare_document(
        Document(doc_id="a", text="BEIJING, Jan. 9, 2025 (Xinhua) -- China said."), today=TODAY
    )
    assert (doc.published, doc.published_source) == ("2025-01-09", "dateline")
