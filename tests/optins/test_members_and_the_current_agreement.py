"""After a new version of the agreement, members who have not signed it are marked on the
rosters, reminded to sign, and after AGREEMENT_SIGN_AGAIN_DAYS the moderators are told to
remove them from the group until they sign."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from agreements import services as agreement_services
from agreements.models import AgreementVersion
from core.models import Notice
from optins import tasks
from tests.factories import MembershipFactory, person, sign_current_agreement

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def members(settings):
    """Two members who signed version 1; version 2 is published on PUBLISHED; one signs it."""
    settings.AGREEMENT_SIGN_AGAIN_DAYS = 14
    moderator = person("moderator")
    late, prompt = MembershipFactory(), MembershipFactory()
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
