"""Opening or closing a social media account needs three agreements (policy §3): the
Communications Officer, the Chief Executive and the Board (recorded by the Chair)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import Role
from core.errors import Refused
from core.models import AuditEvent
from policies import services
from policies.models import AccountAgreement, AccountChangeRequest, Capacity, SocialAccount
from tests.factories import SocialAccountFactory, person

pytestmark = pytest.mark.django_db

MEETING = date(2026, 11, 10)


@pytest.fixture
def three():
    return {
        "moderator": person(Role.MODERATOR),
        "ceo": person(Role.CHIEF_EXECUTIVE),
        "chair": person(Role.CHAIR, Role.DIRECTOR),
    }


@pytest.fixture
def proposal(three):
    return services.propose_account(
        three["moderator"], reason="Reach professionals.", platform="linkedin",
        handle="Healthwatch Sutton", audience="Health and care professionals",
        purpose="Share reports.", login_location="Office password manager",
        branding_checked=True,
    )


def _agree_all_but_board(three, change):
    """The Communications Officer agreed by asking; the Chief Executive agrees."""
    services.agree(three["ceo"], change, capacity=Capacity.CHIEF_EXECUTIVE)


def test_two_agreements_do_not_open_the_account(three, proposal):
    _agree_all_but_board(three, proposal)
    proposal.refresh_from_db()
    proposal.account.refresh_from_db()
    assert proposal.status == AccountChangeRequest.Status.PENDING
    assert proposal.account.status == SocialAccount.Status.PROPOSED


def test_the_third_agreement_opens_the_account_and_every_step_is_audited(three, proposal):
    _agree_all_but_board(three, proposal)
    services.agree(three["chair"], proposal, capacity=Capacity.BOARD, board_meeting_on=MEETING)
    proposal.refresh_from_db()
    proposal.account.refresh_from_db()
    assert proposal.status == AccountChangeRequest.Status.AGREED
    assert proposal.account.status == SocialAccount.Status.ACTIVE
    board = proposal.agreements.get(capacity=Capacity.BOARD)
    assert (board.given_by, board.board_meeting_on) == (three["chair"], MEETING)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["policies.propose_account", "policies.agree", "policies.agree",
                       "policies.agree", "policies.account_active"]


def test_a_decline_ends_the_request_and_nothing_opens(three, proposal, login):
    response = login(three["ceo"]).post(
        reverse("policies_decline", args=[proposal.pk]),
        {"capacity": "chief_executive", "reason": "Not the right time."}, follow=True,
    )
    assert "You declined" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AccountChangeRequest.Status.DECLINED
    assert (proposal.declined_by, proposal.decline_reason) == (three["ceo"], "Not the right time.")
    with pytest.raises(Refused, match="already been declined"):
        services.agree(three["chair"], proposal, capacity=Capacity.BOARD,
                       board_meeting_on=MEETING)
    proposal.account.refresh_from_db()
    assert proposal.account.status == SocialAccount.Status.PROPOSED
    assert AuditEvent.objects.filter(action="policies.decline").count() == 1


def test_a_decline_needs_a_reason(three, proposal, login):
    response = login(three["ceo"]).post(
        reverse("policies_decline", args=[proposal.pk]),
        {"capacity": "chief_executive", "reason": "  "}, follow=True,
    )
    assert "Nothing was recorded" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AccountChangeRequest.Status.PENDING


def test_a_person_cannot_agree_twice(three, proposal, login):
    client = login(three["moderator"])
    url = reverse("policies_agree", args=[proposal.pk])
    response = client.post(url, {"capacity": "communications_officer"}, follow=True)
    assert "already agreed" in response.content.decode()
    assert proposal.agreements.count() == 1


def test_a_person_holding_two_roles_still_counts_once():
    both = person(Role.MODERATOR, Role.CHIEF_EXECUTIVE)
    proposal = services.propose_account(
        both, reason="Reach carers.", platform="facebook", handle="HWS Carers",
        audience="Carers", purpose="News for carers.",
    )
    with pytest.raises(Refused, match="different person"):
        services.agree(both, proposal, capacity=Capacity.CHIEF_EXECUTIVE)
    assert proposal.agreements.count() == 1


@pytest.mark.parametrize(("who", "capacity"), [
    ("ceo", "board"), ("ceo", "communications_officer"), ("moderator", "chief_executive"),
    ("chair", "chief_executive"),
])
def test_nobody_agrees_in_a_role_they_do_not_hold(three, proposal, login, who, capacity):
    response = login(three[who]).post(reverse("policies_agree", args=[proposal.pk]),
                                      {"capacity": capacity, "board_meeting_on": "2026-11-10"})
    assert response.status_code == 403
    assert list(proposal.agreements.values_list("capacity", flat=True)) == [
        Capacity.COMMUNICATIONS_OFFICER]


def test_a_director_who_is_not_the_chair_cannot_record_the_boards_agreement(proposal):
    with pytest.raises(PermissionDenied):
        services.agree(person(Role.DIRECTOR), proposal, capacity=Capacity.BOARD,
                       board_meeting_on=MEETING)


def test_the_database_keeps_one_agreement_per_capacity_and_per_person(three, proposal):
    services.agree(three["ceo"], proposal, capacity=Capacity.CHIEF_EXECUTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountAgreement.objects.create(request=proposal, capacity=Capacity.CHIEF_EXECUTIVE,
                                        given_by=three["moderator"])
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountAgreement.objects.create(request=proposal, capacity=Capacity.BOARD,
                                        given_by=three["ceo"], board_meeting_on=MEETING)


def test_the_boards_agreement_needs_the_meeting_date(three, proposal, login):
    response = login(three["chair"]).post(reverse("policies_agree", args=[proposal.pk]),
                                          {"capacity": "board"}, follow=True)
    assert "Give the date of the Board meeting" in response.content.decode()
    assert not proposal.agreements.filter(capacity=Capacity.BOARD).exists()


def test_closing_an_active_account_takes_three_agreements(three):
    account = SocialAccountFactory(status=SocialAccount.Status.ACTIVE)
    change = services.request_change(three["moderator"], account, kind="close",
                                      reason="Nobody engages there.")
    account.refresh_from_db()
    assert account.status == SocialAccount.Status.CLOSING
    _agree_all_but_board(three, change)
    account.refresh_from_db()
    assert account.status == SocialAccount.Status.CLOSING
    services.agree(three["chair"], change, capacity=Capacity.BOARD, board_meeting_on=MEETING)
    account.refresh_from_db()
    assert account.status == SocialAccount.Status.CLOSED


def test_a_declined_closure_leaves_the_account_active(three):
    account = SocialAccountFactory(status=SocialAccount.Status.ACTIVE)
    change = services.request_change(three["moderator"], account, kind="close", reason="Quiet.")
    services.decline(three["chair"], change, capacity=Capacity.BOARD, reason="Keep it a year.")
    account.refresh_from_db()
    assert account.status == SocialAccount.Status.ACTIVE


def test_only_one_request_at_a_time(three):
    account = SocialAccountFactory(status=SocialAccount.Status.ACTIVE)
    services.request_change(three["moderator"], account, kind="close", reason="Quiet.")
    with pytest.raises(Refused):
        services.request_change(three["moderator"], account, kind="close", reason="Again.")
    assert account.change_requests.count() == 1


@pytest.mark.parametrize("who", ["ceo", "chair"])
def test_only_moderators_propose_or_close(three, login, who):
    client = login(three[who])
    assert client.get(reverse("policies_account_propose")).status_code == 403
    account = SocialAccountFactory()
    response = client.post(reverse("policies_account_close", args=[account.pk]),
                           {"reason": "x"})
    assert response.status_code == 403
    assert not account.change_requests.exists()


def test_a_moderator_proposes_through_the_form(three, login):
    response = login(three["moderator"]).post(reverse("policies_account_propose"), {
        "platform": "tiktok", "handle": "@hwsutton", "url": "", "audience": "Young people",
        "purpose": "Short videos.", "login_location": "Office password manager",
        "reason": "Young people are not on Facebook.",
    }, follow=True)
    assert "opens once the Communications Officer" in response.content.decode()
    account = SocialAccount.objects.get(handle="@hwsutton")
    assert account.status == SocialAccount.Status.PROPOSED
    assert account.change_requests.get().kind == "open"


@pytest.mark.parametrize("secret", ["password: hunter2", "Pa55word!", "pw=Summer2026",
                                    "the password is letmein"])
def test_a_password_is_refused_where_the_login_location_goes(three, login, secret):
    response = login(three["moderator"]).post(reverse("policies_account_propose"), {
        "platform": "tiktok", "handle": "@hwsutton", "audience": "Young people",
        "purpose": "Short videos.", "login_location": secret, "reason": "Reach.",
    })
    assert "This looks like a password" in response.content.decode()
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("place", ["Office password manager, entry ‘TikTok – HWS’",
                                   "1Password", "Bitwarden", "Sealed envelope in the safe"])
def test_a_note_of_where_the_login_is_kept_is_accepted(three, place):
    from policies.forms import looks_like_a_password

    assert not looks_like_a_password(place)


def test_the_ceo_sees_a_request_awaiting_their_agreement_on_the_home_page(three, proposal,
                                                                          login):
    page = login(three["ceo"]).get(reverse("home")).content.decode()
    assert "Your agreement is asked: open LinkedIn Healthwatch Sutton" in page
    services.agree(three["ceo"], proposal, capacity=Capacity.CHIEF_EXECUTIVE)
    page = login(three["ceo"]).get(reverse("home")).content.decode()
    assert "Your agreement is asked" not in page


def test_the_moderator_who_proposes_has_agreed_by_proposing(three, proposal, login):
    agreement = proposal.agreements.get()
    assert (agreement.capacity, agreement.given_by) == (Capacity.COMMUNICATIONS_OFFICER,
                                                       three["moderator"])
    page = login(three["ceo"]).get(reverse("policies_account", args=[proposal.account.pk]))
    assert f"Agreed by {three['moderator']}" in page.content.decode()


def test_an_agreed_account_opens_only_once_its_branding_is_checked(three, login):
    change = services.propose_account(
        three["moderator"], reason="Reach young people.", platform="tiktok", handle="@hws",
        audience="Young people", purpose="Short videos.",
    )
    account = change.account
    _agree_all_but_board(three, change)
    services.agree(three["chair"], change, capacity=Capacity.BOARD, board_meeting_on=MEETING)
    account.refresh_from_db()
    change.refresh_from_db()
    assert change.status == AccountChangeRequest.Status.AGREED
    assert account.status == SocialAccount.Status.PROPOSED
    client = login(three["moderator"])
    page = client.get(reverse("policies_account", args=[account.pk])).content.decode()
    assert 'id="awaits-branding"' in page and "Ask again to open" not in page
    with pytest.raises(Refused, match="already agreed"):
        services.request_change(three["moderator"], account, kind="open", reason="Again")

    response = client.post(reverse("policies_account_edit", args=[account.pk]), {
        "platform": "tiktok", "handle": "@hws", "url": "", "audience": "Young people",
        "purpose": "Short videos.", "branding_checked": "on", "login_location": "",
    })
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.status == SocialAccount.Status.ACTIVE
    assert AuditEvent.objects.filter(action="policies.account_active").count() == 1
