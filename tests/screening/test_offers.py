"""An offer with a price, a rate, a contact, a website or a call to buy is soliciting."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "I offer private home care visits from £18 an hour, message me for details",
        "Private ultrasound scans, only £79, no GP referral needed. Book now at scanfast.co.uk",
        "GCSE maths tutoring available, £25/hr, drop me a message",
        "My book is out now on Amazon, grab your copy for just £9.99",
        "Get your prescriptions without a GP! Order online from our pharmacy",
        "We do private physio in your home, rates start at 45 pounds, WhatsApp me to book",
        "Weight loss injections delivered to your door, no consultation needed, order here",
        "Life coaching for carers, 35 pounds per hour, contact me for a chat",
        "Selling a hospital bed, barely used, £150 ono",
    ],
)
def test_an_offer_with_the_shape_of_a_sale_is_soliciting(text, kinds):
    assert "solicitation" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I had to pay for a private GP because I couldn't get an appointment",
        "The private scan cost us £300 and the hospital still wanted its own",
        "Please message me back, I have been waiting for an answer since June",
        "Prescription charges went up to £9.90 an item, a lot for pensioners",
        "The pharmacy on the High Street refused to sell me paracetamol",
        "Our carer only gets £11 an hour, no wonder agencies can't keep staff",
        "The chemist said they couldn't give me the tablets without a prescription",
        "You can book online at the surgery now, which is easier",
    ],
)
def test_money_or_a_message_without_an_offer_is_not_soliciting(text, kinds):
    assert "solicitation" not in kinds(text)
