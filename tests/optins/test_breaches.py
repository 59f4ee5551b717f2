import pytest
from django.urls import reverse

from core.models import AppendOnlyError, Notice
from optins.models import AgreementRule, Breach, Consent, Membership
from tests.factories import MembershipFactory, person

pytestmark = pytest.mark.django_db


def test_the_agreements_rules_are_loaded_as_data():
    rules = list(AgreementRule.objects.values_list("number", flat=True))
    assert rules == list(range(1, 13))
    assert "outside of the group chat" in AgreementRule.objects.get(number=1).text
    assert "inappropriate" in AgreementRule.objects.get(number=10).text


@pytest.mark.parametrize(("slug", "words"), [
    ("hws-business-only", "anything other than communicating information about Healthwatch"),
    ("requests-by-email", "requests for action are sent directly to the person(s) involved by"),
])
def test_hws_business_only_and_requests_by_email_can_be_recorded_as_breaches(login, slug, words):
    membership = MembershipFactory()
    rule = AgreementRule.objects.get(slug=slug)
    assert words in rule.text
    client = login(person("moderator"))
    form = client.get(reverse("optins_member", args=[membership.pk])).content.decode()
    assert f'value="{rule.pk}"' in form
    response = client.post(reverse("optins_breach", args=[membership.pk]), {
        "rule": rule.pk, "what_happened": "Asked for a lift in the group.", "action": "word"})
    assert response.status_code == 302
    assert Breach.objects.get().rule == rule


def test_a_breach_is_recorded_against_the_member_and_shown_to_them_only(login):
    moderator = person("moderator")
    membership = MembershipFactory()
    other = MembershipFactory()
    rule = AgreementRule.objects.get(number=9)
    response = login(moderator).post(reverse("optins_breach", args=[membership.pk]), {
        "rule": rule.pk, "what_happened": "Forwarded a chain message.", "action": "word"})
    assert response.status_code == 302
    breach = Breach.objects.get()
    assert (breach.membership, breach.rule, breach.action) == (membership, rule, "word")
    assert Notice.objects.filter(recipient=membership.person,
                                 key=f"optins-breach-{breach.pk}").exists()
    own = login(membership.person).get(reverse("optins_mine")).content.decode()
    assert "Forwarded a chain message." in own and "Rule 9" in own
    theirs = login(other.person).get(reverse("optins_mine")).content.decode()
    assert "Forwarded a chain message." not in theirs
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_a_breach_needs_what_happened_and_an_action(login):
    moderator = person("moderator")
    membership = MembershipFactory()
    response = login(moderator).post(reverse("optins_breach", args=[membership.pk]), {
        "rule": 1, "what_happened": "", "action": "shout"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "Select a valid choice" in body
    assert not Breach.objects.exists()


def test_removal_for_a_breach_follows_the_leave_path(login):
    moderator = person("moderator")
    membership = MembershipFactory()
    client = login(moderator)
    client.post(reverse("optins_breach", args=[membership.pk]), {
        "rule": AgreementRule.objects.get(number=4).pk,
        "what_happened": "Harassing messages to a member.", "action": "removal"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEAVING
    assert membership.end_reason == Membership.EndReason.BREACH
    assert Notice.objects.filter(recipient=moderator, key=f"optins-remove-{membership.pk}")
    withdrawn = Consent.objects.get(request=membership.request, kind="withdrawn")
    assert "breach of rule 4" in withdrawn.reason
    client.post(reverse("optins_removed", args=[membership.pk]), {"removed": "on"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED and membership.mobile == ""


def test_breach_records_are_never_changed():
    membership = MembershipFactory()
    breach = Breach.objects.create(membership=membership, rule=AgreementRule.objects.first(),
                                   what_happened="x", action="word",
                                   recorded_by=person("moderator"))
    with pytest.raises(AppendOnlyError):
        breach.delete()
