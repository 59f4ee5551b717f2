import pytest


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Gran lives at SM3 8QR and", "SM3 8QR"),
        ("we are in cr0 2ab, nobody answers", "cr0 2ab"),
        ("postcode SM61JA, can transport pick her up?", "SM61JA"),
        ("London SW1A 1AA", "SW1A 1AA"),
        ("moved to KT4 8RS last year", "KT4 8RS"),
        ("Sutton SM1 2SS", "SM1 2SS"),
    ],
)
def test_uk_postcodes_in_any_case_with_or_without_space_are_flagged(text, postcode, matches):
    assert matches(text, "postcode") == [postcode]


@pytest.mark.parametrize(
    "text",
    [
        "Vitamin D and B12 tests are free",
        "The M25 was jammed",
        "The A217 roadworks are making us late",
        "Ward 7 nurses were amazing",
        "Bed 12 on Ward 4",
        "The M25 at 4pm",
        "my covid19 jab",
    ],
)
def test_vitamins_roads_and_ward_numbers_are_not_postcodes(text, matches):
    assert matches(text, "postcode") == []


def test_postcode_outward_must_be_a_real_postcode_area(matches):
    # "QQ" and "A" are not areas; the inward half alone proves nothing.
    assert matches("code QQ1 2AB or A1 2AB", "postcode") == []
