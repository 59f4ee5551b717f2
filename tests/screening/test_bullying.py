import pytest


@pytest.mark.parametrize(
    ("text", "insult"),
    [
        ("ring me you idiot", "you idiot"),
        ("the receptionist is a rude cow", "is a rude cow"),
        ("what a dickhead, he wouldn't look at me", "what a dickhead"),
        ("you're pathetic, all of you", "you're pathetic"),
        ("you are an absolute moron", "you are an absolute moron"),
        ("bunch of clowns", "bunch of clowns"),
        ("the manager is a lazy twat", "is a lazy twat"),
        ("what an idiot that receptionist was", "what an idiot"),
        ("nobody likes you", "nobody likes you"),
        ("i know where you live", "i know where you live"),
    ],
)
def test_insults_aimed_at_a_person_are_bullying(text, insult, matches):
    assert insult in matches(text, "insult")


@pytest.mark.parametrize(
    "text",
    [
        "I felt like an idiot asking twice",
        "the service is useless",
        "the nurse was lovely, she is a star",
        "thank you so much",
    ],
)
def test_insulting_words_not_aimed_at_anyone_are_not_bullying(text, matches):
    assert matches(text, "insult") == []


def test_insults_are_bullying_at_severity_three(screener):
    [finding] = screener.screen("you idiot")
    assert (finding.term, finding.severity) == ("bullying", 3)
