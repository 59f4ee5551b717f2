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


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("you can reach me at jo.bloggs@example.com", "jo.bloggs@example.com"),
        ("my email is carer@test.invalid if that helps", "carer@test.invalid"),
        ("send it to p.smith@mail.example", "p.smith@mail.example"),
    ],
)
def test_an_address_at_a_reserved_looking_domain_is_still_an_address(text, address, matches):
    # Posting "name@example.com" is the same mistake as posting a real one,
    # and "me at" just before it must not swallow it.
    assert matches(text, "email") == [address]


def test_a_website_after_book_now_at_is_not_an_email(matches):
    assert matches("Book now at scanfast.co.uk", "email") == []
