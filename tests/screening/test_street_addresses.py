import pytest


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I'm at 42 Lind Road, the ambulance never came", "42 Lind Road"),
        ("she lives at 8 Rosebery Close on her own", "8 Rosebery Close"),
        ("Flat 4, 10 Cheam Road, Sutton SM1 2SS", "Flat 4, 10 Cheam Road"),
        ("I live at 17 Gander Green Lane", "17 Gander Green Lane"),
        ("she is at 23 high street", "23 high street"),
        ("10 Downing St, London", "10 Downing St"),
    ],
)
def test_house_number_street_name_and_street_type_make_an_address(text, address, matches):
    assert matches(text, "street_address") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Ward 7 nurses were amazing",
        "The clinic on the High Street moved to Throwley Way",
        "Waited 6 hours at St Helier A&E",
        "The 80 bus stops right outside",
        "The 93 goes down Sutton Road",
        "2 days in a row without a carer",
        "10 minutes with Dr Patel",
    ],
)
def test_wards_counts_and_streets_without_a_house_number_are_not_addresses(text, matches):
    assert matches(text, "street_address") == []
