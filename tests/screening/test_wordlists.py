import pytest

from screening import Screener, WordLists, default_wordlists, parse_wordlist
from screening.findings import CHARACTERISTICS


def test_default_lists_ship_as_data_with_every_list_filled():
    lists = default_wordlists()
    for name in WordLists.list_names():
        value = getattr(lists, name)
        if isinstance(value, dict):
            assert set(value) == set(CHARACTERISTICS)
            assert any(value.values()), name
        else:
            assert value, name


def test_comments_and_blank_lines_in_list_files_are_ignored():
    assert parse_wordlist(["# a comment", "", "  twit  ", "prat"]) == ["twit", "prat"]


def test_sectioned_lists_group_entries_by_characteristic():
    parsed = parse_wordlist(["[race]", "foo", "[disability]", "bar"], sectioned=True)
    assert parsed["race"] == ["foo"] and parsed["disability"] == ["bar"]


def test_a_section_that_is_not_a_protected_characteristic_is_an_error():
    with pytest.raises(ValueError, match="line 1"):
        parse_wordlist(["[height]", "short"], sectioned=True)


def test_lists_round_trip_through_database_rows():
    lists = default_wordlists()
    rows = list(lists.entries())
    assert WordLists.from_entries(rows) == lists
    assert ("hate_slurs", "race", "paki") in rows


def test_rows_for_an_unknown_list_are_rejected():
    with pytest.raises(ValueError, match="unknown word list"):
        WordLists.from_entries([("swears", None, "x")])


def test_default_wordlists_returns_a_copy_callers_can_edit():
    first = default_wordlists()
    first.profanity.append("quackery")
    assert "quackery" not in default_wordlists().profanity


def test_a_screener_uses_the_lists_it_is_given_not_the_defaults():
    lists = default_wordlists()
    lists.profanity = [w for w in lists.profanity if w != "bastard"]
    assert Screener(lists).screen("bastard") == []
