"""After a new version of the agreement, members who have not signed it are marked on the
rosters, reminded to sign, and after AGREEMENT_SIGN_AGAIN_DAYS the moderators are told to
remove them from the group until they sign; a moderator's button ("Remove until they sign", on
the roster or the member's page) then ends the membership with that reason (audited), the
WhatsApp removal is done by hand, and the person is told how to sign and ask again."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from agreements import services as agreement_services
from agreements.models import AgreementVersion
from core.models import AuditEvent, Notice
from optins import tasks
from optins.models import Consent, Membership
from tests.factories import MembershipFactory, person, sign_current_agreement

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
OVER = PUBLISHED + timedelta(days=14, hours=1)


@pytest.fixture
def members(settings):
    """Two members who signed version 1; version 2 is published on PUBLISHED; one signs it."""
    settings.AGREEMENT_SIGN_AGAIN_DAYS = 14
    moderator = person("moderator")
    # Names without an apostrophe, so the pages' escaped text reads as written here.
    late = MembershipFactory(request__person__full_name="Lee Late")
    prompt = MembershipFactory(request__person__full_name="Pat Prompt")
    for member in (late, prompt):
        sign_current_agreement(member.person)
    with time_machine.travel(PUBLISHED, tick=False):
        current = AgreementVersion.objects.order_by("-number").first()
        agreement_services.save_draft(moderator, title=current.title,
                                      text=current.text + "\nA new rule.\n")
        agreement_services.publish_draft(moderator)
    sign_current_agreement(prompt.person)
    return moderator, late, prompt


def test_the_rosters_mark_members_who_have_not_signed_the_current_version(members, login):
    moderator, late, prompt = members
    page = login(moderator).get(reverse("optins_rosters")).content.decode()
    assert f'id="unsigned-{late.pk}"' in page
    assert f'id="unsigned-{prompt.pk}"' not in page


def test_members_who_have_not_signed_are_reminded(members):
    _moderator, late, prompt = members
    with time_machine.travel(PUBLISHED + timedelta(days=1), tick=False):
        agreement_services.remind_unsigned()
    assert Notice.objects.filter(recipient=late.person, key__endswith=":sign").exists()
    assert not Notice.objects.filter(recipient=prompt.person, key__endswith=":sign").exists()


def test_the_moderator_is_told_to_remove_them_only_after_the_period_and_once(members):
    moderator, late, _prompt = members
    with time_machine.travel(PUBLISHED + timedelta(days=13), tick=False):
        assert tasks.unsigned_members() == 0
    with time_machine.travel(PUBLISHED + timedelta(days=14, minutes=1), tick=False):
        assert tasks.unsigned_members() == 1
        assert tasks.unsigned_members() == 0
    notice = Notice.objects.get(recipient=moderator, key__startswith="optins-unsigned-")
    assert f"Remove {late.person} from the" in notice.subject
    assert notice.url == reverse("optins_member", args=[late.pk])


def test_nobody_is_reported_once_everyone_has_signed(members):
    _moderator, late, _prompt = members
    sign_current_agreement(late.person)
    with time_machine.travel(PUBLISHED + timedelta(days=30), tick=False):
        assert tasks.unsigned_members() == 0


def _remove(client, membership):
    return client.post(reverse("optins_remove_until_signed", args=[membership.pk]))


def test_the_roster_offers_the_button_only_for_unsigned_members_once_the_period_is_over(
        members, login):
    moderator, late, prompt = members
    with time_machine.travel(PUBLISHED + timedelta(days=13), tick=False):
        page = login(moderator).get(reverse("optins_rosters")).text
        assert f'id="unsigned-{late.pk}"' in page
        assert f'id="remove-unsigned-{late.pk}"' not in page
        member_page = login(moderator).get(reverse("optins_member", args=[late.pk])).text
        assert "have until 16 Nov 2026 to sign it" in member_page
        assert "Remove until they sign</button>" not in member_page
    with time_machine.travel(OVER, tick=False):
        page = login(moderator).get(reverse("optins_rosters")).text
        assert f'id="remove-unsigned-{late.pk}"' in page
        assert f'id="remove-unsigned-{prompt.pk}"' not in page
        member_page = login(moderator).get(reverse("optins_member", args=[late.pk])).text
        assert "Remove until they sign</button>" in member_page
        # The Chief Executive sees the rosters, but the removal is the moderator's.
        ceo_page = login(person("chief_executive")).get(reverse("optins_rosters")).text
        assert f'id="remove-unsigned-{late.pk}"' not in ceo_page


def test_the_moderator_removes_them_until_they_sign_and_they_are_told_how_to_come_back(
        members, login):
    moderator, late, _prompt = members
    with time_machine.travel(OVER, tick=False):
        assert tasks.unsigned_members() == 1
        client = login(moderator)
        response = _remove(client, late)
        assert response.status_code == 302
        assert response.url == reverse("optins_member", args=[late.pk])
        page = client.get(response.url).text
    assert "Remove them in WhatsApp now" in page
    assert "Save: removed, erase the number" in page  # the WhatsApp removal is by hand
    late.refresh_from_db()
    assert (late.status, late.end_reason) == (Membership.Status.LEAVING,
                                              Membership.EndReason.UNSIGNED)
    event = AuditEvent.objects.get(action="optins.removed_until_signed")
    current = AgreementVersion.objects.order_by("-number").first()
    assert (event.actor, event.details["version"]) == (moderator, current.number)
    assert Consent.objects.filter(request=late.request, kind="withdrawn",
                                  reason__contains="until they sign").exists()
    told = Notice.objects.get(recipient=late.person, key=f"optins-unsigned-removed-{late.pk}")
    assert "sign the agreement" in told.body and "ask to join again" in told.body
    assert told.url == reverse("agreements_current")
    # The moderators' "remove" notice is there; the "remove until they sign" one is settled.
    assert Notice.objects.filter(recipient=moderator, key=f"optins-remove-{late.pk}").exists()
    assert not Notice.objects.filter(recipient=moderator, key__startswith="optins-unsigned-v",
                                     settled_at__isnull=True).exists()
    own = login(late.person).get(reverse("optins_mine")).text
    assert "removed from this group until you sign" in own
    assert reverse("agreements_current") in own


def test_refused_when_they_have_signed_since(members, login):
    moderator, late, _prompt = members
    with time_machine.travel(OVER, tick=False):
        client = login(moderator)
        assert f'id="remove-unsigned-{late.pk}"' in client.get(reverse("optins_rosters")).text
        sign_current_agreement(late.person)  # between the page and the press
        response = _remove(client, late)
        page = client.get(response.url).text
    number = AgreementVersion.objects.order_by("-number").first().number
    assert (f"{late.person} has signed version {number} of the agreement since: they stay in "
            "the group. Nothing was changed.") in page
    late.refresh_from_db()
    assert (late.status, late.end_reason) == (Membership.Status.ACTIVE, "")
    assert not AuditEvent.objects.filter(action="optins.removed_until_signed").exists()
    assert not Notice.objects.filter(recipient=late.person,
                                     key__startswith="optins-unsigned-removed").exists()


def test_refused_before_the_period_is_over_and_for_someone_already_leaving(members, login):
    moderator, late, prompt = members
    with time_machine.travel(PUBLISHED + timedelta(days=13), tick=False):
        client = login(moderator)
        page = client.get(_remove(client, late).url).text
        assert f"{late.person} has until 16 Nov 2026 to sign version" in page
    late.refresh_from_db()
    assert late.status == Membership.Status.ACTIVE
    with time_machine.travel(OVER, tick=False):
        client = login(moderator)
        assert _remove(client, late).status_code == 302
        page = client.get(_remove(client, late).url).text
    assert f"{late.person} is not a current member of the" in page
    assert AuditEvent.objects.filter(action="optins.removed_until_signed").count() == 1


@pytest.mark.parametrize("role", ["chief_executive", "volunteer", "director", "staff"])
def test_only_a_moderator_may_press_it(members, login, role):
    _moderator, late, _prompt = members
    with time_machine.travel(OVER, tick=False):
        assert _remove(login(person(role)), late).status_code == 403
        assert _remove(login(late.person), late).status_code == 403
    late.refresh_from_db()
    assert late.status == Membership.Status.ACTIVE
