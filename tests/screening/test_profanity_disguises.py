import pytest


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("this is bullshit, nobody cares", "bullshit"),
        ("absolute sh1t service", "sh1t"),
        ("$h!t service", "$h!t"),
        ("total p!ss-take, four hours on hold", "p!ss-take"),
        ("what the f*ck", "f*ck"),
        ("f**k this", "f**k"),
        ("F*CKING joke", "F*CKING"),
        ("the GP was a complete @rsehole", "@rsehole"),
        ("utter b0ll0cks", "b0ll0cks"),
        ("fuuuuck off", "fuuuuck"),
        ("load of shiiit", "shiiit"),
        ("f u c k this place", "f u c k"),
        ("b a s t a r d", "b a s t a r d"),
        ("b.a.s.t.a.r.d.s never rang back", "b.a.s.t.a.r.d.s"),
        ("what a f u c k i n g joke", "f u c k i n g"),
        ("W A N K E R", "W A N K E R"),
    ],
)
def test_profanity_is_caught_through_leetspeak_masks_stretching_and_spacing(text, word, matches):
    assert word in matches(text, "profanity")


def test_a_fully_masked_or_all_digit_word_is_not_read_as_profanity(kinds):
    assert kinds("**** and 917 and 5h17") == set()


def test_profanity_is_inappropriate_material_at_severity_two(screener):
    [finding] = screener.screen("shit")
    assert (finding.term, finding.severity) == ("inappropriate_material", 2)
