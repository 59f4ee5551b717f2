import pytest


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Private nurse for hire, call", "for hire"),
        ("message me for prices", "message me for prices"),
        ("Click my link for info", "Click my link"),
        ("cheap meds no prescription needed", "cheap meds"),
        ("10% off for followers", "10% off"),
        ("inbox me", "inbox me"),
        ("DM for rates", "DM for rates"),
        ("Link in bio", "Link in bio"),
        ("Visit my website today", "Visit my website"),
        ("I run a cleaning business", "I run a cleaning business"),
        ("Buy followers cheap at my site www.getfollows.biz", "Buy followers"),
        ("Best deals at my site", "at my site"),
    ],
)
def test_soliciting_business_is_personal_gain(text, phrase, matches):
    assert phrase in matches(text, "solicitation")


@pytest.mark.parametrize(
    "text",
    [
        "The Healthwatch survey is on their website, please fill it in",
        "Carers UK have a free advice line",
        "my website is down",
        "The hospital's website has the new visiting times",
        "on my page I wrote about my mum",
        "I looked at my website stats",
    ],
)
def test_mentions_of_websites_and_free_services_are_not_solicitation(text, matches):
    assert matches(text, "solicitation") == []


def test_solicitation_is_personal_gain_at_severity_two(screener):
    [finding] = screener.screen("inbox me")
    assert (finding.term, finding.severity) == ("personal_gain", 2)
