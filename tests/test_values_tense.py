"""One tense rule for every named day: a weekend, a weekday and a month in the same
sentence resolve the same way, forward for future wording and back for past wording,
however far the verb is from the name (values/tense.py)."""

from __future__ import annotations

import datetime

import pytest

from provenance.extract import extract

D = datetime.date
WEDNESDAY = D(2024, 11, 20)
NAMES = ("this weekend", "over the weekend", "on Sunday", "in March")
# The reading of each name published on WEDNESDAY: (low, high, ambiguous).
FORWARD = {
    "this weekend": (D(2024, 11, 16), D(2024, 11, 24), True),
    "over the weekend": (D(2024, 11, 16), D(2024, 11, 24), True),
    "on Sunday": (D(2024, 11, 24), D(2024, 11, 24), False),
    "in March": (D(2025, 3, 1), D(2025, 3, 31), False),
}
BACK = {
    "this weekend": (D(2024, 11, 16), D(2024, 11, 17), False),
    "over the weekend": (D(2024, 11, 16), D(2024, 11, 17), False),
    "on Sunday": (D(2024, 11, 17), D(2024, 11, 17), False),
    "in March": (D(2024, 3, 1), D(2024, 3, 31), False),
}
SENTENCES = [  # "{when}" is where each name goes
    # future, the verb more than 60 code points before the name
    ("Ukraine will fire its first ATACMS missiles at the Russian and North Korean troops "
     "massing near Kursk {when}.", FORWARD),
    ("The defence ministers of the alliance are expected to meet in Brussels, with "
     "officials from Kyiv and Warsaw, {when}.", FORWARD),
    ("Mr. Zelensky will meet Gen. Syrskyi and U.S. envoys at the front near Pokrovsk, "
     "the president's office said, {when}.", FORWARD),
    ("“We’ll know more about the strikes on Russian territory and the response from "
     "Moscow {when},” he said.", FORWARD),
    # future, the verb after the name
    ("Officials said the talks {when} will decide whether the missiles can be used.",
     FORWARD),
    ("He is to address parliament {when}, aides said.", FORWARD),
    ("The next shipment of missiles is due to reach the front line {when}.", FORWARD),
    ("The talks, due to be held in Geneva, resume {when}.", FORWARD),
    # past, the verb more than 60 code points before the name
    ("U.S. officials told multiple news organizations that the president had lifted the "
     "restrictions {when}.", BACK),
    ("Russia's surprise decision to bring North Korean troops into the fight, which "
     "officials described as a major escalation, was made {when}.", BACK),
    # past: a future verb in the clause after a ";" does not count
    ("Troops pulled back from the border town {when}; talks will resume next month.",
     BACK),
    ("The convoy crossed the border {when}. Officials say more will follow.", BACK),
    # past: "due to" of a cause is no timetable
    ("The strike was called off {when} due to the weather over the Black Sea.", BACK),
]
CASES = [
    pytest.param(template.format(when=name), name, readings[name],
                 id=f"{name}: {template[:40]}")
    for template, readings in SENTENCES
    for name in NAMES
]


def reading_of(text: str, name: str) -> tuple[datetime.date, datetime.date, bool]:
    at = text.index(name) + len(name) - 1  # "on Sunday": the mention is "Sunday"
    found = [m for m in extract(text, WEDNESDAY)
             if m.kind == "date" and m.start <= at < m.end]
    assert len(found) == 1, [m.text for m in found]
    value = found[0].value
    return value.date_low, value.date_high, value.ambiguous


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
def test_a_named_day_weekend_or_month_reads_its_sentence_tense(text, name, expected):
    assert reading_of(text, name) == expected


@pytest.mark.parametrize(("template", "readings"), SENTENCES)
def test_every_name_in_one_sentence_points_the_same_way(template, readings):
    forward = {reading_of(template.format(when=name), name)[1] > WEDNESDAY
               for name in NAMES}
    assert forward == {readings is FORWARD}
