"""A risk of suicide or self-harm, or a disclosure of abuse, is a safeguarding finding."""

import pytest

from screening import Screener, WordLists, default_wordlists
from screening.findings import KINDS, SAFEGUARDING, TERMS
from screening.wordlists import SHIPPED_ONLY


@pytest.mark.parametrize(
    "text",
    [
        "I want to end it all, nobody at the GP listens",
        "honestly I don't want to be here anymore",
        "I've been cutting myself again since they stopped my therapy",
        "some nights I think about killing myself",
        "I've been self harming since the crisis team discharged me",
        "everyone would be better off without me",
        "what's the point in living when no one will help",
    ],
)
def test_a_risk_of_suicide_or_self_harm_is_self_harm(text, screener):
    found = [f for f in screener.screen(text) if f.kind == "self_harm"]
    assert found
    assert all(f.term == SAFEGUARDING for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "My neighbour hits her kids, I hear them screaming every night",
        "The carers leave my nan in soiled sheets all day and she's not been fed",
        "my stepdad hurts me when mum is at work",
        "The staff at the care home shout at Dad and lock him in his room",
        "My son's girlfriend takes his disability money and won't let him see us",
        "The children next door are left alone for days with no food",
    ],
)
def test_a_disclosure_of_abuse_or_neglect_is_abuse_disclosure(text, kinds):
    assert "abuse_disclosure" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Waiting 6 hours in A&E was killing me, my back was in bits",
        "I want to end my contract with the home care agency, how do I complain?",
        "The safeguarding training for volunteers was really useful",
        "My dad hit his head on the door frame at the hospital and nobody noticed",
        "They hit their targets for the first time this year",
        "I forgot to take my tablets so the pharmacist rang",
    ],
)
def test_look_alikes_are_not_a_safeguarding_concern(text, kinds):
    assert not kinds(text) & {"self_harm", "abuse_disclosure"}


def test_safeguarding_is_not_a_deletion_term_and_is_the_most_urgent():
    assert SAFEGUARDING not in TERMS
    urgent = {KINDS[kind][1] for kind in ("self_harm", "abuse_disclosure")}
    others = {severity for kind, (term, severity) in KINDS.items() if term != SAFEGUARDING}
    assert len(urgent) == 1
    assert min(urgent) > max(others)


def test_lists_read_back_from_the_database_still_screen_for_safeguarding():
    # The app's table cannot hold the safeguarding lists yet (SHIPPED_ONLY):
    # a screener built from its rows must still find them.
    rows = list(default_wordlists().entries())
    assert not {name for name, _, _ in rows} & set(SHIPPED_ONLY)
    screener = Screener(WordLists.from_entries(rows))
    kinds = {f.kind for f in screener.screen("I want to end it all, my dad hits me")}
    assert {"self_harm", "abuse_disclosure"} <= kinds
