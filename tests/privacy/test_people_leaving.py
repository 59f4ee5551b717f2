"""People leaving: an administrator removes a role or closes an account in the admin site;
memberships end, claims are released, escalations and policies are handed back, the CEO is
told; the person can still see their own records and leave."""

import pytest
from django.urls import reverse

from accounts.models import UserRole
from core.models import Notice
from escalations.models import Escalation
from moderation.models import Claim
from moderation.queue.services import open_item
from optins.models import Membership, OptInRequest
from policies import services as policies
from policies.models import PostingAuthorisation
from policies.services import alert_recipients
from tests.factories import (
    ItemFactory,
    MembershipFactory,
    OptInRequestFactory,
    SocialAccountFactory,
    escalated,
    person,
    policy,
)

pytestmark = pytest.mark.django_db


def _admin_save(client, someone, *, roles_kept=(), active=True):
    """The administrator's "Save" on the person's page, with the roles left ticked."""
    rows = list(UserRole.objects.filter(user=someone).order_by("pk"))
    data = {"email": someone.email, "full_name": someone.full_name,
            "roles-TOTAL_FORMS": str(len(rows)), "roles-INITIAL_FORMS": str(len(rows)),
            "roles-MIN_NUM_FORMS": "0", "roles-MAX_NUM_FORMS": "1000"}
    if active:
        data["is_active"] = "on"
    for i, row in enumerate(rows):
        data.update({f"roles-{i}-id": str(row.pk), f"roles-{i}-user": str(someone.pk),
                     f"roles-{i}-role": row.role})
        if row.role not in roles_kept:
            data[f"roles-{i}-DELETE"] = "on"
    response = client.post(reverse("admin:accounts_user_change", args=[someone.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def admin_client_(client):
    client.force_login(person("administrator", is_staff=True, is_superuser=True))
    return client


def test_removing_a_volunteers_role_ends_their_membership_and_the_number_goes_once_removed(
        admin_client_, client):
    ceo, moderator = person("chief_executive"), person("moderator")
    membership = MembershipFactory()
    volunteer = membership.person
    _admin_save(admin_client_, volunteer)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEAVING
    assert membership.end_reason == Membership.EndReason.ROLE_ENDED
    assert membership.mobile  # kept until the moderator has removed them
    assert Notice.objects.filter(recipient=moderator, key=f"optins-remove-{membership.pk}")
    told = Notice.objects.get(recipient=ceo, key=f"privacy-left-{volunteer.pk}")
    assert "Volunteers WhatsApp group" in told.body
    # The person, with no role now, still sees their own page.
    client.force_login(volunteer)
    assert client.get(reverse("optins_mine")).status_code == 200
    client.force_login(moderator)
    client.post(reverse("optins_removed", args=[membership.pk]), {"removed": "on"})
    membership.refresh_from_db()
    membership.request.refresh_from_db()
    assert membership.mobile == "" and membership.request.mobile == ""


def test_an_open_request_is_cancelled_and_its_number_erased_at_once(admin_client_):
    request = OptInRequestFactory()
    _admin_save(admin_client_, request.person)
    request.refresh_from_db()
    assert request.status == OptInRequest.Status.CANCELLED and request.mobile == ""


def test_keeping_the_groups_role_keeps_the_membership(admin_client_):
    membership = MembershipFactory()
    UserRole.objects.create(user=membership.person, role="staff")
    _admin_save(admin_client_, membership.person, roles_kept=("volunteer",))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert not Notice.objects.filter(key=f"privacy-left-{membership.person_id}").exists()


def test_closing_a_moderators_account_releases_their_claims(admin_client_):
    moderator = person("moderator")
    item = ItemFactory()
    open_item(item, moderator)
    _admin_save(admin_client_, moderator, roles_kept=("moderator",), active=False)
    assert not Claim.objects.filter(item=item).exists()


def test_a_director_leaving_hands_back_the_escalation_they_hold_and_the_ceo_is_told(
        admin_client_):
    ceo = person("chief_executive")
    escalation = escalated()
    director = person("director")
    Escalation.objects.filter(pk=escalation.pk).update(
        routed_to=Escalation.RoutedTo.DIRECTORS, reviewer=director)
    _admin_save(admin_client_, director)
    escalation.refresh_from_db()
    assert escalation.reviewer is None and escalation.waits_for_a_director()
    assert "escalation" in Notice.objects.get(recipient=ceo,
                                              key=f"privacy-left-{director.pk}").body


def test_a_responsible_officer_leaving_hands_the_policy_back_to_the_ceo(admin_client_):
    ceo = person("chief_executive")
    officer = person("staff")
    held = policy(officer)
    _admin_save(admin_client_, officer, active=False)
    recipients = alert_recipients(held)
    assert ceo in recipients and officer not in recipients
    assert held.current_version.title in Notice.objects.get(
        recipient=ceo, key=f"privacy-left-{officer.pk}").body


def test_staff_in_a_group_can_have_a_breach_recorded(login):
    staff = person("staff")
    membership = MembershipFactory(request__person=staff)
    from optins.models import AgreementRule
    rule = AgreementRule.objects.first()
    response = login(person("moderator")).post(reverse("optins_breach", args=[membership.pk]), {
        "rule": rule.pk, "what_happened": "Shared a private number", "action": "word"})
    assert response.status_code == 302
    assert membership.breaches.get().rule_text == rule.text


def test_removing_staffs_role_withdraws_their_authorisation_to_post(admin_client_):
    """Policy §4: only authorised personnel post; someone who leaves is no longer one."""
    ceo = person("chief_executive")
    poster = person("staff")
    policies.authorise_posting(ceo, SocialAccountFactory(status="active"), poster)
    _admin_save(admin_client_, poster)
    authorisation = PostingAuthorisation.objects.get(person=poster)
    assert authorisation.withdrawn_at is not None
    assert "authorisation(s) to post" in Notice.objects.get(recipient=ceo).body
