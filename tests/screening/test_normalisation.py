"""Invisible and look-alike characters do not hide words; offsets stay the original's."""

import pytest

from screening.normalise import normalise

ZWSP, ZWJ, WORD_JOINER, BOM, SOFT_HYPHEN = "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"


@pytest.mark.parametrize(
    "text",
    [
        f"you are a f{ZWSP}u{ZWSP}c{ZWSP}k{ZWSP}i{ZWSP}n{ZWSP}g disgrace",
        f"sh{WORD_JOINER}it service",
        f"what a c{ZWJ}unt",
        f"b{BOM}astard",
        f"bol{SOFT_HYPHEN}locks to that",
        "ｆｕｃｋ this",  # full-width letters
        "what a \u0441unt",  # Cyrillic es
    ],
)
def test_hidden_or_look_alike_characters_no_longer_hide_an_offensive_word(text, kinds):
    assert kinds(text) & {"profanity", "banned_word"}


@pytest.mark.parametrize(
    "text",
    [
        f"sh{WORD_JOINER}it, ring 07700{ZWSP} 900077",
        f"{ZWSP * 5}call 0770{ZWJ}0 900077 you i{ZWSP}diot",
        "ｆｕｃｋ ｏｆｆ, ring ０７７００ ９０００７７",
        "ﬁne ﬁne ﬁne but sh1t, SM1 2SS",  # a ligature becomes two letters
    ],
)
def test_offsets_slice_the_original_text_not_the_normalised_one(text, screener):
    findings = screener.screen(text)
    assert len(findings) >= 2
    for finding in findings:
        assert text[finding.start : finding.end] == finding.match


def test_a_hidden_character_inside_a_match_stays_in_the_match(screener):
    text = f"ring 07700{ZWSP} 900077 now"
    [finding] = screener.screen(text)
    assert finding.kind == "phone"
    assert finding.match == f"07700{ZWSP} 900077"


def test_plain_text_is_screened_as_it_is():
    text = "Waited 6 hours at St Helier, it’s not right"
    normalised = normalise(text)
    assert normalised.text == "Waited 6 hours at St Helier, it's not right"
    assert normalised.span(0, len(text)) == (0, len(text))


def test_invisible_characters_are_removed_and_mapped_back():
    normalised = normalise(f"a{ZWSP}b{ZWJ}c")
    assert normalised.text == "abc"
    assert normalised.span(1, 3) == (2, 5)
