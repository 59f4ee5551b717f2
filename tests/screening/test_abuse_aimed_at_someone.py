"""Profanity and insults aimed at a person or at HWS are abuse, for the overdue clock."""

import pytest

from screening.findings import ABUSE_KINDS, KINDS


@pytest.mark.parametrize(
    "text",
    [
        "F*** off Healthwatch",
        "f**k off healthwatch sutton",
        "Healthwatch Sutton can f*** right off",
        "F*** you Healthwatch",
        "sod off the lot of you",
        "fuck you and your survey",
    ],
)
def test_profanity_told_to_someone_is_abuse(text, screener):
    found = [f for f in screener.screen(text) if f.kind == "abuse"]
    assert found
    assert found[0].term == "inappropriate_behaviour"


@pytest.mark.parametrize(
    "text",
    ["the nurses were f***ing brilliant honestly", "Off we go to the clinic again"],
)
def test_profanity_not_told_to_anyone_is_not_abuse(text, kinds):
    assert "abuse" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "useless idiots the lot of you",
        "absolute morons running this service",
        "Healthwatch are a bunch of clueless clowns",
        "what a shower of incompetent idiots",
        "clueless morons the lot of them at the council",
    ],
)
def test_common_insults_are_insults(text, kinds):
    assert "insult" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I felt like an idiot asking the same question three times",
        "I felt like a complete idiot at the reception desk",
        "They treated my mum like she was stupid, which upset her",
    ],
)
def test_calling_oneself_names_is_not_an_insult(text, kinds):
    assert "insult" not in kinds(text)


def test_abuse_kinds_are_insult_abuse_and_hate():
    assert set(ABUSE_KINDS) == {"insult", "abuse", "hate"}
    assert all(kind in KINDS for kind in ABUSE_KINDS)
