import pytest


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("email anne.baker@example.org if you can", "anne.baker@example.org"),
        ("reach me at dave99 AT example DOT co DOT uk", "dave99 AT example DOT co DOT uk"),
        ("write to name at example dot com", "name at example dot com"),
        ("jenny(at)example(dot)org please", "jenny(at)example(dot)org"),
        ("me: carer [at] example [dot] co [dot] uk", "carer [at] example [dot] co [dot] uk"),
        ("my email is tom dot hill at example dot com", "tom dot hill at example dot com"),
    ],
)
def test_plain_and_spelled_out_email_addresses_are_flagged(text, address, matches):
    assert matches(text, "email") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "we met at the centre at 5",
        "look at this dot thing",
        "I was at the hospital dot dot dot",
        "The Healthwatch survey is on their website",
    ],
)
def test_prose_with_at_and_dot_is_not_an_email(text, matches):
    assert matches(text, "email") == []
