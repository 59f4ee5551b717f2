"""Safeguarding (issue 15): a comment suggesting someone may be at risk goes to the very top of
the queue and the lead the Chief Executive named is told at once, by email and notice; the lead
records what was done. Only the lead, the Chief Executive and the moderator who dealt with the
comment may see it; its evidence copy stays as it was; it is never a reason to delete."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from core.models import AppendOnlyError, AuditEvent, Notice
from moderation.models import Decision, Item
from safeguarding.models import Concern, LeadAppointment, Response
from tests.factories import flagged_item, person
from tests.moderation.conftest import post_channel, website, website_comment  # noqa: F401
from tests.moderation.queue_support import post_decision

pytestmark = pytest.mark.django_db
SELF_HARM = "I can't cope any more, I want to end it all tonight"


@pytest.fixture
def ceo():
    return person(Role.CHIEF_EXECUTIVE)


@pytest.fixture
def lead(client, ceo):
    lead = person(Role.STAFF, full_name="Lee Lead")
    client.force_login(ceo)
    client.post(reverse("safeguarding_lead"), {"lead": lead.pk})
    client.logout()
    return lead


def _arrives(post_channel, website, text=SELF_HARM, comment_id="c-1"):  # noqa: F811
    response = post_channel(website, website_comment(comment_id=comment_id, text=text))
    assert response.status_code in (200, 201, 202)
    return Item.objects.get(channel=website, platform_item_id=comment_id)


def test_a_self_harm_comment_tops_the_queue_and_the_lead_is_told_at_once(
    client, post_channel, website, lead, ceo, mailoutbox,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    flagged_item("Muslims are vermin", "vermin", term="inappropriate_behaviour", kind="hate",
                 severity=4, characteristic="religion_or_belief")
    with django_capture_on_commit_callbacks(execute=True):
        item = _arrives(post_channel, website)
    assert item.severity == 5
    concern = Concern.objects.get(item=item)
    assert concern.kinds == ["self_harm"] and concern.lead == lead

    notice = Notice.objects.get(recipient=lead, key=f"safeguarding-concern-{concern.pk}")
    assert notice.url == reverse("safeguarding_concern", args=[concern.pk])
    told = [m for m in mailoutbox if "Safeguarding:" in m.subject]
    assert [m.to for m in told] == [[lead.email]]
    assert "end it all" not in told[0].body, "the comment stays in the app, not in email"

    client.force_login(person(Role.MODERATOR))
    queue = client.get(reverse("moderation_queue")).text
    assert queue.index("end it all") < queue.index("vermin")
    page = client.get(reverse("moderation_item", args=[item.pk])).text
    assert "Safeguarding: someone may be at risk" in page and "Lee Lead" in page
    concern_url = reverse("safeguarding_concern", args=[concern.pk])
    assert concern_url not in page  # not until this moderator has dealt with the comment
    client.force_login(ceo)
    assert concern_url in client.get(reverse("moderation_item", args=[item.pk])).text


def test_with_no_lead_named_the_chief_executive_is_told(
    post_channel, website, ceo,  # noqa: F811
):
    _arrives(post_channel, website, text="My dad hits me every night and I am scared")
    notice = Notice.objects.get()
    assert notice.recipient == ceo
    assert "No safeguarding lead is named" in notice.body


def test_the_lead_records_what_was_done_and_no_action_needs_a_reason(
    client, post_channel, website, lead,  # noqa: F811
):
    concern = Concern.objects.get(item=_arrives(post_channel, website))
    client.force_login(lead)
    url = reverse("safeguarding_respond", args=[concern.pk])

    refused = client.post(url, {"action": "no_action", "note": "  "})
    assert refused.status_code == 400
    assert "Give the reason for taking no action" in refused.text
    assert not Response.objects.exists()
    assert client.post(url, {"action": "phoned"}).status_code == 400
    assert not Response.objects.exists()

    done = client.post(url, {"action": "referred", "note": "Council MASH, ref 4471"}, follow=True)
    assert "Recorded: referred to the council" in done.text
    response = Response.objects.get()
    assert (response.action, response.recorded_by) == ("referred", lead)
    assert AuditEvent.objects.filter(action="safeguarding.response_recorded",
                                     actor=lead).count() == 1
    with pytest.raises(AppendOnlyError):
        response.delete()


def test_only_the_lead_the_ceo_and_the_moderator_who_dealt_with_it_see_a_concern(
    client, post_channel, website, lead, ceo,  # noqa: F811
):
    item = _arrives(post_channel, website)
    concern = Concern.objects.get(item=item)
    page = reverse("safeguarding_concern", args=[concern.pk])
    evidence = reverse("safeguarding_concern_evidence", args=[concern.pk])
    dealt, other = person(Role.MODERATOR), person(Role.MODERATOR)
    client.force_login(dealt)
    post_decision(client, item, "keep")

    for who, status in ((lead, 200), (ceo, 200), (dealt, 200), (other, 404),
                        (person(Role.DIRECTOR), 404), (person(Role.STAFF), 404)):
        client.force_login(who)
        assert client.get(page).status_code == status, who
        assert client.get(evidence).status_code == status, who
        listed = client.get(reverse("safeguarding_concerns")).text
        assert (page in listed) == (status == 200), who

    client.force_login(dealt)
    refused = client.post(reverse("safeguarding_respond", args=[concern.pk]),
                          {"action": "contacted", "note": "messaged them"})
    assert refused.status_code == 400
    assert "Only the safeguarding lead and the Chief Executive" in refused.text
    assert not Response.objects.exists()


def test_the_evidence_copy_stays_as_it_was_when_the_comment_changes(
    client, post_channel, website, lead,  # noqa: F811
):
    item = _arrives(post_channel, website)
    post_channel(website, website_comment(comment_id="c-1", text="all fine now, thanks",
                                          edited_at="2026-11-24T15:00:00Z"))
    concern = Concern.objects.get()
    assert concern.data["text"] == SELF_HARM and concern.hash_matches()
    client.force_login(lead)
    download = client.get(reverse("safeguarding_concern_evidence", args=[concern.pk]))
    assert json.loads(download.content)["text"] == SELF_HARM
    assert download["X-Evidence-SHA256"] == concern.sha256
    assert AuditEvent.objects.filter(action="safeguarding.concern_viewed",
                                     object_id=str(concern.pk)).count() == 1
    assert Concern.objects.filter(item=item).count() == 1


def test_safeguarding_is_not_a_term_a_decision_may_cite(client, post_channel, website):  # noqa: F811
    item = _arrives(post_channel, website)
    client.force_login(person(Role.MODERATOR))
    response = post_decision(client, item, "delete", terms=["safeguarding"], follow=True)
    assert 'value="safeguarding"' not in response.text
    assert "safeguarding is not one of the available choices" in response.text
    assert not Decision.objects.exists()


def test_only_the_ceo_names_the_lead_each_change_audited(client, ceo, lead):
    url = reverse("safeguarding_lead")
    client.force_login(ceo)
    again = client.post(url, {"lead": lead.pk})
    assert again.status_code == 400 and "already the safeguarding lead" in again.text
    volunteer = person(Role.VOLUNTEER)
    assert client.post(url, {"lead": volunteer.pk}).status_code == 400
    successor = person(Role.MODERATOR, full_name="Mo Successor")
    client.post(url, {"lead": successor.pk})
    assert [a.lead for a in LeadAppointment.objects.all()] == [successor, lead]
    assert AuditEvent.objects.filter(action="safeguarding.lead_named").count() == 2
    assert Notice.objects.filter(recipient=successor).count() == 1
    assert "Mo Successor" in client.get(url).text


def test_the_list_takes_a_fixed_number_of_queries(
    client, post_channel, website, lead,  # noqa: F811
):
    client.force_login(lead)
    counts = []
    for n in (1, 6):
        while Concern.objects.count() < n:
            _arrives(post_channel, website, comment_id=f"c-{Concern.objects.count()}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("safeguarding_concerns")).text.count("end it all") == 0
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("table", ["safeguarding_leadappointment", "safeguarding_concern",
                                   "safeguarding_response", "moderation_escalationoutcome"])
def test_the_database_itself_guards_the_records(table):
    # moderation_escalationoutcome: SQLite rebuilt it to add the judgement; its trigger is back.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass", [table])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = %s", [table])
        assert cursor.fetchall(), f"{table} has no append-only trigger"
