import pytest


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("the manager is a fraud", "is a fraud"),
        ("they are stealing money from patients", "stealing money"),
        ("the whole board is corrupt", "is corrupt"),
        ("corrupt council", "corrupt"),
        ("he's a liar", "'s a liar"),
    ],
)
def test_accusations_of_crime_or_dishonesty_are_possibly_defamatory(text, phrase, matches):
    assert phrase in matches(text, "defamation")


def test_defamation_is_flag_level(screener):
    [finding] = screener.screen("the manager is a fraud")
    assert (finding.term, finding.severity) == ("defamatory", 1)


@pytest.mark.parametrize(
    "text", ["she was lying on a trolley for hours", "the NHS fraud team helped me"]
)
def test_ordinary_complaints_are_not_defamation(text, matches):
    assert matches(text, "defamation") == []
