"""Mention extraction: spans, kinds and values on real news sentences."""

import datetime

import pytest

from provenance.extract import Mention, extract

WEEK = datetime.date(2024, 11, 18)
NYT = datetime.date(2024, 11, 17)


def mentions(text, published=WEEK):
    return [(m.text, m.kind) for m in extract(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will initially allow Kyiv to fire Army Tactical Missile System (ATACMS) rockets at "
         "50,000 Russian and North Korean troops amassing to recapture Russia's Kursk province",
         [("50,000 Russian and North Korean troops", "quantity")]),
        ("U.S. officials told multiple news organizations Sunday. The reversal in policy, "
         "after months of lobbying by Ukrainian President Volodymyr Zelenskyy,",
         [("Sunday", "date"), ("months", "duration")]),
        ('Ukraine "plans to conduct its first long-range attacks in the coming days," Reuters',
         [("in the coming days", "date")]),
        ("Peter has worked as a news and culture writer and editor at The Week since the "
         "site's launch in 2008.", [("2008", "date")]),
        ("New York plans first nuclear plant in 36 years", [("36 years", "duration")]),
        ("will produce enough energy to power a million homes",
         [("a million homes", "quantity")]),
        ("Judges order release of 2 high-profile migrants",
         [("2 high-profile migrants", "quantity")]),
        ("will celebrate the US Army's 250th anniversary and Trump's 79th birthday", []),
        ("With two months left in office, the president for the first time authorized",
         [("two months", "duration")]),
        ("By Adam Entous\nReporting from Washington\nNov. 17, 2024\nPresident Biden has",
         [("Nov. 17, 2024", "date")]),
        ("his shift comes two months before President-elect Donald J. Trump takes office",
         [("two months", "duration")]),
        ("the fact that we have received permission", []),
        ("in the direction of Kharkiv, Ukraine’s second-largest city.", []),
        ("which have a range of about 50 miles, against Russian forces",
         [("about 50 miles", "quantity")]),
        ("one of the goals of the policy change, they said, is to send a message", []),
        ("The Russian military is launching a major assault by an estimated 50,000 soldiers, "
         "including North Korean troops", [("an estimated 50,000 soldiers", "quantity")]),
        ("The introduction of more than 10,000 North Korean troops and Mr. Biden’s response",
         [("more than 10,000 North Korean troops", "quantity")]),
        ("Mr. Biden faced a similar dilemma a year ago when U.S. intelligence agencies learned",
         [("a year ago", "date")]),
        ("Mr. Biden agreed to supply several hundred long-range ATACMS to the Ukrainians",
         [("several hundred long-range ATACMS", "quantity")]),
        ("topics he has reported on for more than three decades.",
         [("more than three decades", "duration")]),
        ("A version of this article appears in print on Nov. 18, 2024, Section A, Page 1 of "
         "the New York edition", [("Nov. 18, 2024", "date")]),
        ("Order Reprints | Today’s Paper | Subscribe", []),
        ("F-16 jets and Kh-101 missiles hit a G7 venue at 10 a.m.", []),
        ("Protesters March on Washington. May I ask?", []),
        ("the 2024 election and Vision 2030", [("2024", "date")]),
    ],
)
def test_mentions_in_news_sentences(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "low", "high", "unit"),
    [
        ("made Thursday, appeared", WEEK, "2024-11-14", "2024-11-14", None),
        ("suggested on Sunday that", NYT, "2024-11-17", "2024-11-17", None),
        ("about 190 miles", NYT, 171, 209, "mile"),
        ("more than 10,000 North Korean troops", NYT, 10000, None, "troops"),
        ("two months left", NYT, 60.875, 60.875, "day"),
    ],
)
def test_json_values(text, published, low, high, unit):
    item = extract(text, published)[0].to_json()
    assert (item["low"], item["high"], item["unit"]) == (low, high, unit)


def test_json_has_the_documented_keys():
    item = extract("an estimated 50,000 soldiers", NYT)[0].to_json()
    assert item == {"start": 0, "end": 28, "text": "an estimated 50,000 soldiers",
                    "kind": "quantity", "qualifier": "approx", "low": 45000.0,
                    "high": 55000.0, "unit": "soldiers"}


def test_mention_is_a_frozen_record():
    mention = extract("48 hours", None)[0]
    assert isinstance(mention, Mention)
    with pytest.raises(AttributeError):
        mention.start = 3
