from screening import Screener, WordLists


def test_banned_words_are_reject_level_and_outrank_profanity(screener):
    findings = screener.screen("what a c*nt")
    assert [(f.kind, f.severity) for f in findings if f.match == "c*nt"] == [("banned_word", 3)]


def test_suspect_words_are_flag_level(screener):
    [finding] = screener.screen("crap service")
    assert (finding.kind, finding.severity, finding.term) == (
        "suspect_word",
        1,
        "inappropriate_material",
    )


def test_moderator_lists_take_effect_with_the_same_disguise_tolerant_matcher():
    screener = Screener(WordLists(banned=["quackery"], suspect=["lawyer"]))
    found = {(f.kind, f.match) for f in screener.screen("pure qu@ck3ry, call my l a w y e r")}
    assert found == {("banned_word", "qu@ck3ry"), ("suspect_word", "l a w y e r")}


def test_an_empty_word_list_flags_nothing():
    assert Screener(WordLists()).screen("shit, you idiot, message me for prices") == []
