"""Policy §4: only authorised personnel post on the charity's accounts. The Chief Executive
authorises people per account, withdraws them (also when they leave), and reviews the list
once a year, reminded a month before."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEvent, Notice
from policies import services, tasks
from policies.models import PostingAuthorisation
from tests.factories import SocialAccountFactory, person

pytestmark = pytest.mark.django_db

AUTHORISED = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)


@pytest.fixture
def ceo():
    return person(Role.CHIEF_EXECUTIVE, full_name="Cara Chief")


@pytest.fixture
def account():
    return SocialAccountFactory(handle="@HWSutton", status="active")


def _authorise(client, account, someone):
    return client.post(reverse("policies_posting_authorise", args=[account.pk]),
                       {"person": someone.pk}, follow=True)


def test_the_ceo_authorises_and_the_account_page_says_who_by_whom_and_when(ceo, account, login):
    staff = person(Role.STAFF, full_name="Sam Staff")
    client = login(ceo)
    with time_machine.travel(AUTHORISED, tick=False):
        response = _authorise(client, account, staff)
    assert "The authorisation is recorded" in response.content.decode()
    page = login(person(Role.MODERATOR)).get(
        reverse("policies_account", args=[account.pk])).content.decode()
    assert "Sam Staff" in page and "Authorised by Cara Chief on 12 Jan 2026" in page
    assert Notice.objects.filter(recipient=staff, key__startswith="posting-authorised-").exists()
    assert AuditEvent.objects.filter(action="policies.posting_authorised").count() == 1


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CHAIR, Role.STAFF])
def test_only_the_ceo_authorises(account, login, role):
    response = login(person(role)).post(
        reverse("policies_posting_authorise", args=[account.pk]),
        {"person": person(Role.STAFF).pk})
    assert response.status_code == 403
    assert not PostingAuthorisation.objects.exists()


def test_bad_input_changes_nothing(ceo, account, login):
    client = login(ceo)
    response = client.post(reverse("policies_posting_authorise", args=[account.pk]),
                           {"person": "999999"}, follow=True)
    assert "Choose an approved person from the list." in response.content.decode()
    staff = person(Role.STAFF)
    _authorise(client, account, staff)
    assert "already authorised" in _authorise(client, account, staff).content.decode()
    proposed = SocialAccountFactory(status="proposed")
    assert "is not open" in _authorise(client, proposed, staff).content.decode()
    assert PostingAuthorisation.objects.count() == 1


def test_the_ceo_withdraws_with_a_reason(ceo, account, login):
    authorisation = services.authorise_posting(ceo, account, person(Role.STAFF))
    client = login(ceo)
    url = reverse("policies_posting_withdraw", args=[authorisation.pk])
    assert "Say why" in client.post(url, {"reason": " "}, follow=True).content.decode()
    client.post(url, {"reason": "Moved to another project"})
    authorisation.refresh_from_db()
    assert authorisation.withdrawn_by == ceo
    assert authorisation.withdrawn_reason == "Moved to another project"


def test_leaving_withdraws_everything_the_person_could_post_on(ceo, account):
    leaver = person(Role.STAFF)
    services.authorise_posting(ceo, account, leaver)
    services.authorise_posting(ceo, SocialAccountFactory(), leaver)
    assert services.withdraw_posting_for(leaver) == 2
    assert services.withdraw_posting_for(leaver) == 0
    assert not PostingAuthorisation.objects.filter(withdrawn_at__isnull=True).exists()
    assert set(PostingAuthorisation.objects.values_list("withdrawn_reason", flat=True)) == {
        "Left Healthwatch Sutton"}


def test_the_yearly_review_is_reminded_once_a_month_before_and_a_review_resets_it(
    ceo, account, login
):
    with time_machine.travel(AUTHORISED, tick=False) as clock:
        services.authorise_posting(ceo, account, person(Role.STAFF))
        clock.move_to(AUTHORISED + timedelta(days=300))
        assert tasks.posting_review_reminders() == 0
        clock.move_to(AUTHORISED + timedelta(days=336))
        assert tasks.posting_review_reminders() == 1
        assert tasks.posting_review_reminders() == 0
        notice = Notice.objects.get(recipient=ceo, key__startswith="posting-review-")
        assert "Review who may post on" in notice.subject

        login(ceo).post(reverse("policies_posting_review", args=[account.pk]))
        notice.refresh_from_db()
        assert notice.dismissed_at is not None
        clock.move_to(AUTHORISED + timedelta(days=400))
        assert tasks.posting_review_reminders() == 0
        clock.move_to(AUTHORISED + timedelta(days=336 + 336))
        assert tasks.posting_review_reminders() == 1


def test_the_account_page_runs_the_same_queries_for_few_and_many_authorised(ceo, account,
                                                                            login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(ceo)
    url = reverse("policies_account", args=[account.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    services.authorise_posting(ceo, account, person(Role.STAFF))
    few = count()
    for _ in range(6):
        services.authorise_posting(ceo, account, person(Role.STAFF))
    assert count() == few
