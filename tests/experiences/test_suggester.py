"""The suggester: service, themes and sentiment from the words in the text (plain Python)."""

from experiences.suggest import keywords, sentiment_words, suggest

SERVICES = {1: keywords("GP, surgery, doctor"), 2: keywords("hospital, A&E, ward"),
            3: keywords("pharmacy, chemist")}
THEMES = {10: keywords("appointment, get through"), 11: keywords("wait, weeks"),
          12: keywords("rude, kind, staff")}
POSITIVE, NEGATIVE = sentiment_words()


def _suggest(text):
    return suggest(text, SERVICES, THEMES, POSITIVE, NEGATIVE)


def test_the_service_with_most_keyword_hits_is_suggested():
    s = _suggest("The doctor at my GP surgery sent me to the hospital")
    assert s.service == 1


def test_no_keyword_no_service():
    assert _suggest("Lovely weather today").service is None


def test_every_theme_with_a_hit_is_suggested_and_plurals_count():
    s = _suggest("Waited three weeks for an appointment at the surgery")
    assert set(s.themes) == {10, 11}


def test_a_phrase_must_appear_whole():
    assert 10 not in _suggest("I could not get it").themes
    assert 10 in _suggest("I could not get through on the phone").themes


def test_sentiment_positive_negative_mixed_and_neutral():
    assert _suggest("The staff were kind and helpful, thank you").sentiment == "positive"
    assert _suggest("The receptionist was rude and dismissive").sentiment == "negative"
    assert _suggest("The nurse was lovely but the wait was awful").sentiment == "mixed"
    assert _suggest("I went to the pharmacy on Tuesday").sentiment == "neutral"


def test_a_negated_word_counts_the_other_way():
    assert _suggest("The staff were not helpful").sentiment == "negative"
    assert _suggest("They were never rude").sentiment == "positive"


def test_case_and_curly_apostrophes_do_not_matter():
    s = suggest("Can’t get an APPOINTMENT", SERVICES, THEMES, POSITIVE, NEGATIVE)
    assert s.themes == (10,)
    assert s.sentiment == "negative"  # "can't get" is a negative phrase


def test_keywords_split_on_commas_and_ignore_blanks():
    assert keywords(" GP, ,Surgery ,doctor's ") == ("gp", "surgery", "doctor's")
