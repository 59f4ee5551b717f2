"""A new version: publishing asks for confirmation, saying how many people will be asked to
sign again; the re-sign page shows what changed since the version the person signed."""

import pytest
from django.urls import reverse

from agreements import selectors, services
from agreements.models import AgreementDraft
from tests.factories import person, sign_current_agreement

pytestmark = pytest.mark.django_db


def _publish_form(client, v1, text):
    return client.post(reverse("agreements_draft"),
                       {"title": v1.title, "text": text, "action": "publish"})


def test_publishing_first_asks_for_confirmation_with_how_many_will_sign_again(v1, login):
    for role in ("director", "volunteer", "staff"):
        sign_current_agreement(person(role))
    person("volunteer")  # never signed
    client = login(person("moderator"))
    response = _publish_form(client, v1, v1.text + "\nA new rule.\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>3 people</strong> who signed version 1" in html
    assert "<strong>1</strong> who has not signed it yet" in html
    assert "<ins>A new rule.</ins>" in html
    assert selectors.current_version() == v1
    assert AgreementDraft.objects.get().text.endswith("A new rule.\n")


def test_a_draft_changed_after_the_confirmation_is_not_published(v1, login):
    client = login(person("moderator"))
    asked = _publish_form(client, v1, v1.text + "\nA new rule.\n")
    services.save_draft(person("moderator"), title=v1.title, text=v1.text + "\nAnother.\n")
    response = client.post(reverse("agreements_draft"), {
        "action": "publish_confirmed", "draft_sha256": asked.context["draft_sha256"]},
        follow=True)
    assert "The draft changed after you were asked to confirm" in response.content.decode()
    assert selectors.current_version() == v1


def test_the_re_sign_page_shows_what_changed_since_the_signed_version_escaped(v1, login):
    director = person("director")
    sign_current_agreement(director)
    moderator = person("moderator")
    services.save_draft(moderator, title=v1.title,
                        text=v1.text + "\nNever post <script>alert(1)</script> here.\n")
    services.publish_draft(moderator)
    html = login(director).get(reverse("agreements_current")).content.decode()
    assert 'id="changes-since-signed"' in html
    assert "What changed since version 1, which you signed" in html
    assert "<ins>Never post &lt;script&gt;alert(1)&lt;/script&gt; here.</ins>" in html
    assert "<script>alert(1)</script>" not in html


def test_someone_who_never_signed_sees_no_changes_section(v1, login):
    html = login(person("volunteer")).get(reverse("agreements_current")).content.decode()
    assert "changes-since-signed" not in html
