"""Where a person can be found is a personal detail (policy: "such as address or location")."""

import pytest


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("I'm in ward 5 at St Helier, can someone tell my family", "I'm in ward 5"),
        ("I live on Carshalton Road and nobody has come", "live on Carshalton Road"),
        ("My mum is on Beech ward at Epsom hospital, bed 12", "mum is on Beech ward"),
        ("we live in Rosehill Court, third floor", "live in Rosehill Court"),
        ("He's staying at the Sutton Lodge care home", "staying at the Sutton Lodge care home"),
        ("You'll find her in bay 3 on Mary Ward", "find her in bay 3 on Mary Ward"),
    ],
)
def test_where_someone_is_or_lives_is_a_location(text, location, screener):
    found = [f for f in screener.screen(text) if f.kind == "location"]
    assert [f.match for f in found] == [location]
    assert found[0].term == "personal_details"


@pytest.mark.parametrize(
    "text",
    [
        "What are the visiting hours on Beech ward at Epsom hospital?",
        "Ward 5 at St Helier was spotless and the nurses were lovely",
        "The clinic on Carshalton Road has closed, where do we go now?",
        "The clinic on the High Street moved to Throwley Way",
        "Live music in the St Helier atrium cheered everyone up",
        "I live in Sutton and the buses are awful",
    ],
)
def test_a_place_named_in_a_question_or_a_review_is_not_a_location(text, kinds):
    assert "location" not in kinds(text)
