"""Who reads what: everyone signed in reads the current policies; moderators and the CEO see
the history and the changes; publishing a new version keeps the old ones readable."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEvent
from policies.models import PolicyReview, PolicyVersion
from tests.factories import person, policy

pytestmark = pytest.mark.django_db

V1 = "## 1. Purpose\n\nThis policy says how we engage.\n\n- Reach people\n- Listen\n"
V2 = "## 1. Purpose\n\nThis policy says how we engage online.\n\n- Reach people\n- Listen\n"


@pytest.fixture
def doc():
    return policy(title="Online Engagement Policy", body=V1)


def _publish_v2(client, doc, **changes):
    data = {
        "title": "Online Engagement Policy", "body": V2, "approved_on": "2026-11-01",
        "approved_by": "Healthwatch Sutton Board of Directors", "review_due": "2029-11-01",
        "responsible_officer": doc.current_version.responsible_officer_id,
        "responsible_officer_title": "Chief Executive Officer of Healthwatch Sutton",
        "change_note": "Say 'online'.", **changes,
    }
    return client.post(reverse("policies_publish", args=[doc.slug]), data, follow=True)


@pytest.mark.parametrize("name", ["policies_list", "policies_accounts"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_people_cannot_read_a_policy(client, doc):
    response = client.get(reverse("policies_detail", args=[doc.slug]))
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.DIRECTOR, Role.STAFF, Role.CHAIR])
def test_everyone_reads_the_current_policy_but_not_its_history(login, doc, role):
    client = login(person(role))
    page = client.get(reverse("policies_detail", args=[doc.slug]))
    assert page.status_code == 200
    assert "This policy says how we engage." in page.content.decode()
    assert "History and changes" not in page.content.decode()
    for name, args in [("policies_history", [doc.slug]), ("policies_version", [doc.slug, 1]),
                       ("policies_changes", [doc.slug, 2]), ("policies_publish", [doc.slug]),
                       ("policies_new", [])]:
        assert client.get(reverse(name, args=args)).status_code == 403, name


def test_a_pending_account_cannot_read_policies(client, doc):
    client.force_login(person(approval="pending"))
    response = client.get(reverse("policies_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_pending")


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CHIEF_EXECUTIVE])
def test_moderators_and_the_ceo_publish_and_see_what_changed(login, doc, role):
    client = login(person(role))
    response = _publish_v2(client, doc)
    assert "Version 2 of “Online Engagement Policy” is published" in response.content.decode()
    doc.refresh_from_db()
    assert doc.current_version.number == 2
    assert doc.review_due == date(2029, 11, 1)
    # The old version stays readable.
    old = client.get(reverse("policies_version", args=[doc.slug, 1])).content.decode()
    assert "This policy says how we engage.</p>" in old
    assert "This version has been replaced" in old
    changes = client.get(reverse("policies_changes", args=[doc.slug, 2])).content.decode()
    assert "<del>This policy says how we engage.</del>" in changes
    assert "<ins>This policy says how we engage online.</ins>" in changes
    assert "<del>1 Jan 2025</del>" in changes  # approved on
    history = client.get(reverse("policies_history", args=[doc.slug])).content.decode()
    assert "Say &#x27;online&#x27;." in history
    assert AuditEvent.objects.filter(action="policies.publish_version").count() == 2


def test_publishing_the_same_text_again_is_refused(login, doc):
    client = login(person(Role.MODERATOR))
    current = doc.current_version
    response = _publish_v2(client, doc, body=V1, approved_on="2025-01-01",
                           review_due="2028-01-01")
    assert "Nothing has changed" in response.content.decode()
    assert PolicyVersion.objects.filter(policy=doc).count() == 1
    assert current.pk == PolicyVersion.objects.get(policy=doc).pk


def test_a_review_date_before_approval_is_refused(login, doc):
    response = _publish_v2(login(person(Role.MODERATOR)), doc, review_due="2026-10-01")
    assert "The review date must be after the approval date" in response.content.decode()
    assert PolicyVersion.objects.filter(policy=doc).count() == 1


@pytest.mark.parametrize("title", ["!!!", "  -- ", "“…”"])
def test_every_version_title_needs_a_letter_or_number(login, doc, title):
    response = _publish_v2(login(person(Role.MODERATOR)), doc, title=title)
    assert "The title needs at least one letter or number" in response.content.decode()
    assert PolicyVersion.objects.filter(policy=doc).count() == 1
    doc.refresh_from_db()
    assert doc.current_version.title == "Online Engagement Policy"


def test_versions_cannot_be_changed_once_published(doc):
    from core.models import AppendOnlyError

    version = doc.current_version
    version.body = "Rewritten quietly."
    with pytest.raises(AppendOnlyError):
        version.save()


def test_staff_cannot_record_a_review(login, doc):
    response = login(person(Role.STAFF)).post(
        reverse("policies_review", args=[doc.slug]),
        {"reviewed_on": "2026-11-01", "next_review_due": "2027-11-01"},
    )
    assert response.status_code == 403
    assert not PolicyReview.objects.exists()


def test_a_review_with_a_past_next_date_is_refused_with_a_message(login, doc):
    officer = doc.current_version.responsible_officer
    response = login(officer).post(
        reverse("policies_review", args=[doc.slug]),
        {"reviewed_on": "2026-11-01", "next_review_due": "2020-01-01"},
    )
    assert "The next review must be due after today" in response.content.decode()
    assert not PolicyReview.objects.exists()


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.STAFF, Role.DIRECTOR])
def test_the_account_register_is_for_moderators_the_ceo_and_the_chair(login, role):
    assert login(person(role)).get(reverse("policies_accounts")).status_code == 403


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR])
def test_moderators_the_ceo_and_the_chair_see_the_register(login, role):
    page = login(person(role)).get(reverse("policies_accounts")).content.decode()
    assert "Social media accounts" in page
    assert ("Propose a new account" in page) == (role == Role.MODERATOR)


def test_nav_shows_policies_to_everyone_and_accounts_to_those_who_need_them(login):
    page = login(person(Role.VOLUNTEER)).get(reverse("home")).content.decode()
    assert reverse("policies_list") in page
    assert reverse("policies_accounts") not in page
    page = login(person(Role.CHAIR)).get(reverse("home")).content.decode()
    assert reverse("policies_accounts") in page
