import pytest
from django.core.management import call_command
from django.urls import reverse

from agreements import selectors, services
from agreements.models import AgreementDraft, AgreementVersion, sha256_of
from core.errors import Refused
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_load_agreement_publishes_the_policys_wording_as_version_1_once(db, capsys):
    call_command("load_agreement")
    call_command("load_agreement")
    version = AgreementVersion.objects.get()
    assert version.number == 1
    assert version.text.startswith("# Directors and Volunteers WhatsApp Group Chat Agreement\n")
    assert "- Use WhatsApp for any **illegal or criminal activities**." in version.text
    assert version.text.endswith(
        "I agree to abide by all the guidelines outlined in this document.\n"
    )
    assert "Signed (volunteer)" not in version.text and "Print name" not in version.text
    assert version.sha256 == sha256_of(version.text) and version.is_intact
    assert "nothing loaded" in capsys.readouterr().out


def test_a_moderator_saves_a_draft_then_publishes_it_as_the_next_version(v1, login):
    moderator = person("moderator")
    client = login(moderator)
    text = v1.text + "\r\nAn added rule.\r\n"
    response = client.post(reverse("agreements_draft"),
                           {"title": v1.title, "text": text, "action": "save"})
    assert response.status_code == 302
    assert selectors.current_version() == v1
    assert AgreementDraft.objects.get().text == v1.text + "\nAn added rule.\n"

    response = client.post(reverse("agreements_draft"),
                           {"title": v1.title, "text": text, "action": "publish"})
    assert b'id="publish-count"' in response.content
    assert selectors.current_version() == v1
    response = client.post(reverse("agreements_draft"), {
        "action": "publish_confirmed", "draft_sha256": response.context["draft_sha256"],
    }, follow=True)
    v2 = selectors.current_version()
    assert v2.number == 2 and v2.published_by == moderator
    assert v2.text == v1.text + "\nAn added rule.\n"
    assert v2.sha256 == sha256_of(v2.text)
    assert b"Version 2 is published" in response.content
    assert not AgreementDraft.objects.exists()
    v1.refresh_from_db()
    assert v1.is_intact


def test_publishing_an_unchanged_text_is_refused(v1, login):
    response = login(person("chief_executive")).post(
        reverse("agreements_draft"), {"title": v1.title, "text": v1.text, "action": "publish"},
        follow=True,
    )
    assert b"The draft is the same as version 1: nothing to publish." in response.content
    assert AgreementVersion.objects.count() == 1
    assert not AgreementDraft.objects.exists()


def test_an_empty_draft_is_refused(v1, login):
    response = login(person("moderator")).post(
        reverse("agreements_draft"), {"title": "", "text": "  ", "action": "publish"}
    )
    assert response.status_code == 200
    assert b"This field is required." in response.content
    assert AgreementVersion.objects.count() == 1


def test_only_moderators_and_the_ceo_change_the_agreement(v1):
    director = person("director")
    with pytest.raises(Refused):
        services.save_draft(director, title="T", text="Anything goes.")
    with pytest.raises(Refused):
        services.publish_draft(director)
    assert AgreementVersion.objects.count() == 1


def test_a_draft_can_be_discarded(v1, login):
    moderator = person("moderator")
    services.save_draft(moderator, title="T", text="New text.")
    response = login(moderator).post(reverse("agreements_draft"), {"action": "discard"},
                                     follow=True)
    assert b"The draft is discarded." in response.content
    assert not AgreementDraft.objects.exists()


def test_agreement_markup_is_sanitised(login):
    moderator = person("moderator")
    services.save_draft(moderator, title="T",
                        text="Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**")
    services.publish_draft(moderator)
    page = login(person("director")).get(reverse("agreements_current"))
    assert b"<script>alert(1)" not in page.content
    assert b"javascript:" not in page.content
    assert b"<strong>bold</strong>" in page.content
