import pytest


@pytest.mark.parametrize(
    ("text", "characteristic"),
    [
        ("go back to your own country", "race"),
        ("immigrants are vermin", "race"),
        ("Muslims should all be deported", "religion_or_belief"),
        ("deport all the muslims", "religion_or_belief"),
        ("I hate gays", "sexual_orientation"),
        ("trans women are not real women", "gender_identity"),
        ("disabled people are a burden", "disability"),
        ("what a r3tard", "disability"),
        ("f@ggot", "sexual_orientation"),
    ],
)
def test_hostility_to_a_protected_characteristic_is_a_possible_hate_crime(
    text, characteristic, screener
):
    hate = [f for f in screener.screen(text) if f.kind == "hate"]
    assert hate, text
    assert {f.characteristic for f in hate} == {characteristic}
    assert all(f.severity == 4 and f.term == "inappropriate_behaviour" for f in hate)


@pytest.mark.parametrize(
    "text",
    [
        "my disabled son waited 3 weeks",
        "the mosque on the High Street runs a food bank",
        "a gay couple in our street care for their mum",
        "trans patients deserve better care",
        "Immigrants are the backbone of the NHS",
        "disabled people are sick of waiting",
        "having a fag outside the hospital",
        "went on a bender after the funeral",
        "I hate seeing disabled people treated like this",
        "this cut will kill disabled people",
    ],
)
def test_neutral_mentions_of_a_group_are_not_hate(text, matches):
    assert matches(text, "hate") == []
