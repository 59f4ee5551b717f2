"""A moderator records the experience in a comment (kept or removed) from its own page, with
the service, themes and sentiment suggested, and records the thank-you reply."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from experiences.models import Experience
from tests.factories import FindingFactory, ItemFactory, person, service, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return person("moderator")


@pytest.fixture
def item():
    text = "Waited three weeks for a GP appointment, ring me on 07700 900077"
    item = ItemFactory(text=text)
    FindingFactory(item=item, term="personal_details", kind="phone", match="07700 900077",
                   severity=3)
    return item


def _url(item):
    return reverse("experiences_record", args=[item.pk])


def _post(client, item, service_name="GP practices", themes=("Access",), sentiment="negative"):
    return client.post(_url(item), {"service": service(service_name).pk,
                                    "themes": [theme(t).pk for t in themes],
                                    "sentiment": sentiment})


def test_the_page_fills_in_the_suggestion(login, moderator, item):
    page = login(moderator).get(_url(item))
    form = page.context["form"]
    assert form.initial["service"] == service("GP practices").pk
    assert theme("Waiting times").pk in form.initial["themes"]
    assert theme("Access").pk in form.initial["themes"]
    assert form.initial["sentiment"] == "negative"
    assert b"Accept and record" in page.content


def test_accepting_records_the_experience_with_personal_details_masked(login, moderator, item):
    response = _post(login(moderator), item, themes=("Access", "Waiting times"))
    assert response.status_code == 302
    e = Experience.objects.get(item=item)
    assert e.source == "comment" and e.channel == item.channel
    assert {t.name for t in e.themes.all()} == {"Access", "Waiting times"}
    assert "07700" not in e.masked_text and "[phone]" in e.masked_text
    assert AuditEvent.objects.filter(action="experiences.recorded").count() == 1


def test_a_removed_comment_still_counts(login, moderator, item):
    item.removed_on_platform_at = item.posted_at
    item.save()
    _post(login(moderator), item)
    assert Experience.objects.filter(item=item).exists()


def test_recording_again_corrects_the_one_experience(login, moderator, item):
    client = login(moderator)
    _post(client, item)
    _post(client, item, service_name="Hospitals", sentiment="mixed")
    e = Experience.objects.get(item=item)
    assert (e.service.name, e.sentiment) == ("Hospitals", "mixed")
    assert AuditEvent.objects.filter(action="experiences.corrected").count() == 1
    page = client.get(_url(item))
    assert page.context["form"].initial["service"] == service("Hospitals").pk


def test_no_theme_is_refused_and_nothing_is_recorded(login, moderator, item):
    response = _post(login(moderator), item, themes=())
    assert response.status_code == 200
    assert "Choose at least one theme." in response.content.decode()
    assert not Experience.objects.exists()


def test_an_unknown_comment_is_not_found(login, moderator):
    assert login(moderator).get(reverse("experiences_record", args=[999999])).status_code == 404


def test_the_thank_you_reply_is_offered_and_recorded_once(login, moderator, item):
    client = login(moderator)
    _post(client, item)
    page = client.get(_url(item))
    assert "thank you for telling Healthwatch Sutton" in page.context["thanks_form"].initial["text"]
    e = Experience.objects.get(item=item)
    url = reverse("experiences_thanks", args=[e.pk])
    client.post(url, {"text": "Thank you, please message us."})
    e.refresh_from_db()
    assert e.thanked_by == moderator and e.thanked_at is not None
    client.post(url, {"text": "Again"})
    assert AuditEvent.objects.filter(action="experiences.thanked").count() == 1
    assert client.get(_url(item)).context["thanks_form"] is None


def test_an_empty_thank_you_is_refused(login, moderator, item):
    client = login(moderator)
    _post(client, item)
    e = Experience.objects.get(item=item)
    response = client.post(reverse("experiences_thanks", args=[e.pk]), {"text": "  "},
                           follow=True)
    assert "Nothing was recorded" in response.content.decode()
    e.refresh_from_db()
    assert e.thanked_at is None


def test_the_ceo_may_record_but_a_director_may_not(login, item):
    assert login(person("chief_executive")).get(_url(item)).status_code == 200
    assert login(person("director")).get(_url(item)).status_code == 403
