import pytest


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Please call me on 07700 900077", "07700 900077"),
        ("ring +44 (0)7700 900 412 after 5", "+44 (0)7700 900 412"),
        ("my landline 0113 496 0532", "0113 496 0532"),
        ("contact me 07700.900.268", "07700.900.268"),
        ("phone 07700-900-123 before 6pm", "07700-900-123"),
        ("my son's mobile is +447700900555", "+447700900555"),
        ("ring (0113) 496 0999 for the group", "(0113) 496 0999"),
        ("call 020 7946 0321", "020 7946 0321"),
        ("my cousin in Boston: +1 202 555 0143", "+1 202 555 0143"),
        ("text 0 7 7 0 0 9 0 0 0 7 7 now", "0 7 7 0 0 9 0 0 0 7 7"),
    ],
)
def test_uk_and_international_phone_numbers_are_flagged_however_punctuated(text, number, matches):
    assert matches(text, "phone") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Booked my jab for 11:40 on 14/10",
        "appointment on 14/10/2025 at 3am",
        "seen on 01.02.2025 10.30",
        "Paid £1,200 for a private scan",
        "Over 2,000 people answered the survey in 2024",
        "NHS 111 was really helpful",
        "The 80 bus and the 154 bus",
        "Ref: HWS-2025-114, thank you",
        "Freephone 0800 number on the letter doesn't work",
        "Called 999 and waited 2 hours",
    ],
)
def test_phone_numbers_in_times_dates_prices_counts_and_references_are_not_flagged(text, matches):
    assert matches(text, "phone") == []


def test_a_number_followed_by_another_figure_is_cut_at_the_phone_number(matches):
    assert matches("call 07700 900077 2 times", "phone") == ["07700 900077"]


def test_valid_nhs_number_is_not_also_reported_as_a_phone_number(kinds):
    assert kinds("NHS number 5432319489") == {"nhs_number"}
