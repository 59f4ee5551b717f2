import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe and Grimsby have the same shortages",
        "assessment centre at the Life Centre was calm",
        "Sussex Partnership runs the service now",
        "Essex trusts",
        "The cocktail bar opposite the clinic is noisy",
        "she's a classic case of being missed",
        "Penistone Road surgery",
        "The therapist was great",
        "grape juice with my tablets",
        "The analysis in the report",
        "Dickens audiobooks in the day room",
        "a finger prick test for diabetes",
        "the door knob was broken",
        "a s s e s s m e n t",
        "Hancock and Cockburn",
        "crippled by back pain",
    ],
)
def test_innocent_words_containing_a_rude_one_are_not_flagged(text, kinds):
    assert kinds(text) == set()
