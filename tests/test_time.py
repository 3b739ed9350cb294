"""Date normalisation and the date of an event (kg.extract.time)."""

from __future__ import annotations

import pytest

from kg.extract.time import date_mentions, event_date, first_full_date, normalize_date

PUBLISHED = "2026-01-09"  # a Friday, the seed article's publication date


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Thursday", "2026-01-08"),
        ("Thursday", "2026-01-08"),
        ("on Friday", "2026-01-09"),  # the publication day itself, in past-tense news
        ("on Saturday", "2026-01-03"),
        ("last Friday", "2026-01-02"),
        ("on Monday night", "2026-01-05"),
        ("Tuesday morning", "2026-01-06"),
        ("yesterday", "2026-01-08"),
        ("Yesterday", "2026-01-08"),
        ("today", "2026-01-09"),
        ("last night", "2026-01-08"),
        ("tomorrow", "2026-01-10"),
        ("last weekend", "2026-01-03"),
        ("over the weekend", "2026-01-03"),
        ("last week", "2026-01-02"),
        ("earlier this month", "2026-01-01"),
        ("last month", "2025-12-01"),
        ("two days ago", "2026-01-07"),
        ("3 weeks ago", "2025-12-19"),
        ("a year ago", "2025-01-09"),
        ("on 9 May 2020", "2020-05-09"),
        ("On 9 May 2020,", "2020-05-09"),
        ("Around 8 May 2020 (as reported)", "2020-05-08"),
        ("May 9, 2020", "2020-05-09"),
        ("9th of May 2020", "2020-05-09"),
        ("2020-05-09", "2020-05-09"),
        ("in October 2024", "2024-10-01"),
        ("Jan. 5", "2026-01-05"),
        ("Dec 28", "2025-12-28"),  # a day after the anchor in past tense is last year's
        ("9 May", "2025-05-09"),
        ("in December", "2025-12-01"),
    ],
)
def test_normalize_date_against_publication(expression, expected):
    assert normalize_date(expression, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Friday", "2026-01-09"),
        ("on Monday", "2026-01-12"),
        ("next Friday", "2026-01-16"),
        ("this weekend", "2026-01-10"),
        ("last weekend", "2026-01-03"),  # "last" wins over the tense
        ("May 9", "2026-05-09"),
    ],
)
def test_future_tense_points_forward(expression, expected):
    assert normalize_date(expression, PUBLISHED, tense="future") == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("On 9 May 2020", "2020-05-09"),
        ("2020-05-09", "2020-05-09"),
        ("in October 2024", "2024-10-01"),
        ("on Thursday", None),
        ("yesterday", None),
        ("9 May", None),
    ],
)
def test_without_publication_date_only_absolute_dates_resolve(expression, expected):
    assert normalize_date(expression, None) == expected


@pytest.mark.parametrize(
    "expression", ["year-long", "decades", "40%", "the latest", "", "recently", "2 months", "three years"]
)
def test_non_dates_give_none(expression):
    assert normalize_date(expression, PUBLISHED) is None


def _token(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def test_event_takes_the_date_of_its_own_clause(nlp):
    doc = nlp(
        "Trump's threats gained new force after U.S. forces attacked Venezuela last weekend "
        "and captured its president."
    )
    assert event_date(_token(doc, "attacked"), PUBLISHED) == ("2026-01-03", "text")
    # "captured" is coordinated with "attacked": the date is shared
    assert event_date(_token(doc, "captured"), PUBLISHED) == ("2026-01-03", "text")


def test_date_of_another_clause_is_not_taken(nlp):
    doc = nlp(
        "Mexico's President Claudia Sheinbaum said on Friday she has tasked her foreign minister with it."
    )
    assert event_date(_token(doc, "said"), "2026-01-10") == ("2026-01-09", "text")
    doc = nlp("Sheinbaum said on Thursday that U.S. forces attacked the port.")
    assert event_date(_token(doc, "attacked"), PUBLISHED) == (PUBLISHED, "published")


def test_quoted_yesterday_is_the_day_before_publication(nlp):
    doc = nlp(
        '"Yesterday, I asked Foreign Minister Juan Ramon de la Fuente to make contact," Sheinbaum said.'
    )
    assert event_date(_token(doc, "asked"), PUBLISHED) == ("2026-01-08", "text")


def test_future_tense_weekday(nlp):
    doc = nlp("Trump will meet Xi on Monday in Beijing.")
    assert event_date(_token(doc, "meet"), PUBLISHED) == ("2026-01-12", "text")


def test_no_date_at_all(nlp):
    doc = nlp("Rebels attacked the town.")
    assert event_date(_token(doc, "attacked"), None) == (None, None)
    assert event_date(_token(doc, "attacked"), PUBLISHED) == (PUBLISHED, "published")


def test_acled_note_without_publication_date(nlp):
    doc = nlp(
        "On 9 May 2020, clashes erupted between pro-Houthi forces and pro-Hadi forces in Marib. "
        "The clashes resulted in more than 20 pro-Houthi elements killed."
    )
    assert first_full_date(doc).isoformat() == "2020-05-09"
    assert event_date(_token(doc, "erupted"), None) == ("2020-05-09", "text")
    # the second sentence has no date of its own: the note's first full date
    assert event_date(_token(doc, "resulted"), None) == ("2020-05-09", "text")
    doc = nlp("Around 8 May 2020 (as reported), in Tijuana, Baja California, a man was found dead.")
    assert event_date(_token(doc, "found"), None) == ("2020-05-08", "text")


def test_dateline_date_is_not_an_event_date(nlp):
    doc = nlp("MEXICO CITY, Jan 9 (Reuters) - Rebels attacked the town, officials said.")
    assert all("Jan 9" not in m.text for m in date_mentions(doc))


def test_dates_inside_names_are_not_dates(nlp):
    doc = nlp(
        "On 6 May 2020, coalition forces fired artillery shells at Ad Dubyani area of July 7 neighbourhood "
        "in Hodeidah."
    )
    assert [m.text for m in date_mentions(doc)] == ["6 May 2020"]
    assert event_date(_token(doc, "fired"), None) == ("2020-05-06", "text")


def test_full_date_beats_a_partial_one_in_the_same_clause(nlp):
    doc = nlp("Around 30 April 2020 (between 27 April- 4 May), supporters held a sit-in in Sidon.")
    assert event_date(_token(doc, "held"), None) == ("2020-04-30", "text")


def test_without_publication_date_a_date_of_another_paragraph_does_not_date_an_event(nlp):
    doc = nlp(
        "Tony Blair has rejected calls for the publication of the advice.\n\n"
        "Lord Goldsmith warned Tony Blair on 7 March 2003 that the war could be illegal. "
        "Blair rejected the warning."
    )
    assert event_date(_token(doc, "rejected"), None) == (None, None)
    assert event_date(_token(doc, "warned"), None) == ("2003-03-07", "text")
    # later in the same paragraph the story is still on 7 March 2003
    assert event_date(_token(doc, "rejected", nth=1), None) == ("2003-03-07", "text")
