"""Personal details are replaced by their kind, from screening's offsets."""

from experiences.masking import mask, mask_by_screening


def test_each_personal_detail_becomes_its_kind():
    text = "Call me on 07700 900077 or write to a@b.org"
    spans = [(11, 23, "phone"), (36, 43, "email")]
    assert mask(text, spans) == "Call me on [phone] or write to [email]"


def test_other_kinds_of_finding_are_left_alone():
    assert mask("bloody awful", [(0, 6, "profanity")]) == "bloody awful"


def test_overlapping_spans_are_folded_into_the_first():
    assert mask("SM1 1AA x", [(0, 7, "postcode"), (4, 7, "street_address")]) == "[postcode] x"


def test_unscreened_text_is_screened_then_masked():
    masked = mask_by_screening("Ring me on 07700 900077, I live at SM1 1AA")
    assert "07700" not in masked and "SM1 1AA" not in masked
    assert "[phone]" in masked and "[postcode]" in masked
