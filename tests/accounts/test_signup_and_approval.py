"""Sign-up → email verification → awaiting approval → an administrator approves with a role →
the person is emailed → sign-in works (SPEC: a new sign-up cannot use the app until approved)."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.factories import TEST_PASSWORD, person

pytestmark = pytest.mark.django_db


def sign_up(client, email="new.volunteer@example.org"):
    return client.post(reverse("account_signup"), {
        "full_name": "Nia Volunteer", "email": email,
        "password1": "a-long-enough-passphrase", "password2": "a-long-enough-passphrase",
    })


def confirm_email(client, mailoutbox):
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    path = link.split("testserver", 1)[-1]
    client.post(path)


def test_sign_up_sends_a_verification_email_and_creates_a_pending_account(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.volunteer@example.org")
    assert user.approval == User.Approval.PENDING
    assert user.full_name == "Nia Volunteer"
    assert "confirm-email" in mailoutbox[-1].body


def test_a_pending_account_sees_only_the_awaiting_approval_page(client, mailoutbox):
    sign_up(client)
    confirm_email(client, mailoutbox)
    client.post(reverse("account_login"),
                {"login": "new.volunteer@example.org", "password": "a-long-enough-passphrase"})
    for url in (reverse("home"), reverse("accounts_absence"), "/policies/", "/moderation/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("accounts_pending")
    page = client.get(reverse("accounts_pending"))
    assert b"awaiting approval" in page.content


def test_approval_with_a_role_emails_the_person_and_lets_them_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client)
    confirm_email(client, mailoutbox)
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    newcomer = User.objects.get(email="new.volunteer@example.org")

    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_user_changelist"), {
            "action": "approve_with_roles", "_selected_action": [newcomer.pk],
            "apply": "1", "roles": [Role.VOLUNTEER],
        })
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_approved and newcomer.has_role(Role.VOLUNTEER)
    assert mailoutbox[-1].to == ["new.volunteer@example.org"]
    assert "You can now sign in" in mailoutbox[-1].body

    client.logout()
    client.post(reverse("account_login"),
                {"login": "new.volunteer@example.org", "password": "a-long-enough-passphrase"})
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert b"Hello, Nia" in home.content


def test_approval_without_a_role_is_refused_and_changes_nothing(client):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    newcomer = person(approval=User.Approval.PENDING)
    client.force_login(admin)
    response = client.post(reverse("admin:accounts_user_changelist"), {
        "action": "approve_with_roles", "_selected_action": [newcomer.pk], "apply": "1",
    })
    assert response.status_code == 200
    assert b"This field is required" in response.content
    newcomer.refresh_from_db()
    assert newcomer.approval == User.Approval.PENDING


def test_bulk_approval_approves_every_selected_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    pending = [person(approval=User.Approval.PENDING) for _ in range(3)]
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:accounts_user_changelist"), {
            "action": "approve_with_roles", "_selected_action": [p.pk for p in pending],
            "apply": "1", "roles": [Role.DIRECTOR],
        })
    assert User.objects.filter(pk__in=[p.pk for p in pending],
                               approval=User.Approval.APPROVED).count() == 3
    assert len(mailoutbox) == 3


def test_a_rejected_account_cannot_sign_in(client):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    newcomer = person(approval=User.Approval.PENDING)
    client.force_login(admin)
    client.post(reverse("admin:accounts_user_changelist"), {
        "action": "reject", "_selected_action": [newcomer.pk], "apply": "1",
        "reason": "Not known to HWS",
    })
    newcomer.refresh_from_db()
    assert newcomer.approval == User.Approval.REJECTED
    client.logout()
    response = client.post(reverse("account_login"),
                           {"login": newcomer.email, "password": "correct-horse-battery-staple"},
                           follow=True)
    assert "has not approved this account" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_admin_lists_pending_accounts_first(client):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    person(Role.VOLUNTEER, email="approved@example.org")
    person(email="waiting@example.org", approval=User.Approval.PENDING)
    client.force_login(admin)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert page.index("waiting@example.org") < page.index("approved@example.org")


def test_password_reset_sends_a_link(client, mailoutbox):
    person(Role.VOLUNTEER, email="forgetful@example.org")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})
    assert "password/reset/key" in mailoutbox[-1].body


def test_repeated_failed_sign_ins_are_rate_limited(client):
    person(Role.VOLUNTEER, email="target@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "target@example.org", "password": "nope"})
    response = client.post(reverse("account_login"),
                           {"login": "target@example.org", "password": TEST_PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_approving_an_approved_person_again_adds_the_role_without_a_second_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    volunteer = person(Role.VOLUNTEER)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:accounts_user_changelist"), {
            "action": "approve_with_roles", "_selected_action": [volunteer.pk],
            "apply": "1", "roles": [Role.STAFF],
        })
    volunteer = User.objects.get(pk=volunteer.pk)
    assert volunteer.has_role(Role.VOLUNTEER) and volunteer.has_role(Role.STAFF)
    assert mailoutbox == []
