"""A rude word written as someone's or somewhere's name is a name."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "My son goes to Sir Thomas Dick Primary and the school nurse was brilliant",
        "a lovely receptionist at the surgery, a man called Dick, who always helps",
        "Dr Dick Whitworth was very patient with my mum's questions",
        "We visited Dick Sheppard school for the health fair",
        "The new clinic is on Cockburn Street, opposite the library",
    ],
)
def test_a_name_containing_a_rude_word_is_not_offensive(text, kinds):
    assert not kinds(text) & {"profanity", "suspect_word"}


@pytest.mark.parametrize(
    "text",
    [
        "The manager is a total dick and hung up on me",
        "what a Dick.",
        "D1ck Whitworth",  # disguised: not written as a name
    ],
)
def test_the_same_word_used_as_a_word_is_still_offensive(text, kinds):
    assert "profanity" in kinds(text)
