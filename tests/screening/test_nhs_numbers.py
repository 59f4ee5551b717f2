import pytest

from screening.personal_details import nhs_check_digit_ok


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("NHS number 5432319489, they lost my referral", "5432319489"),
        ("his nhs no is 252 760 1898", "252 760 1898"),
        ("NHS number 486-091-3906", "486-091-3906"),
        ("NHS no. 99603 08243", "99603 08243"),
    ],
)
def test_ten_digits_with_a_valid_check_digit_are_an_nhs_number_however_spaced(
    text, number, matches
):
    assert matches(text, "nhs_number") == [number]


@pytest.mark.parametrize("digits", ["5432319488", "2527601899", "1234567890", "0000000000"])
def test_nhs_numbers_with_a_wrong_check_digit_or_one_repeated_digit_are_rejected(digits):
    assert not nhs_check_digit_ok(digits)


def test_a_number_with_a_wrong_check_digit_is_not_flagged(matches):
    assert matches("reference 5432319488 on the letter", "nhs_number") == []


def test_ten_digits_inside_a_longer_number_are_not_an_nhs_number(matches):
    assert matches("account 15432319489", "nhs_number") == []
