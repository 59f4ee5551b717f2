"""The reads behind each page, with their joins, so query counts do not grow with the rows."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User, UserRole
from accounts.roles import Role
from core.counts import CappedPage, capped_count, capped_page
from core.pagination import PAGE_SIZE

from .models import (
    READING_ROLES,
    REVIEW_SOON_DAYS,
    AccountAgreement,
    AccountChangeRequest,
    Capacity,
    Policy,
    PolicyReading,
    PolicyReview,
    PolicyVersion,
    PostingAuthorisation,
    SocialAccount,
    capacities_of,
)


def policy_list() -> QuerySet[Policy]:
    return (
        Policy.objects.filter(current_version__isnull=False)
        .select_related("current_version__responsible_officer")
        .order_by("current_version__title")
    )


def policy_detail(slug: str) -> tuple[Policy, PolicyReview | None]:
    policy = get_object_or_404(
        Policy.objects.select_related("current_version__responsible_officer"),
        slug=slug, current_version__isnull=False,
    )
    latest_review = (
        PolicyReview.objects.filter(version=policy.current_version)
        .select_related("reviewed_by").first()
    )
    return policy, latest_review


def policy_history(slug: str) -> tuple[Policy, list[PolicyVersion]]:
    policy = get_object_or_404(
        Policy.objects.select_related("current_version"), slug=slug,
        current_version__isnull=False,
    )
    versions = list(
        policy.versions.select_related("published_by", "responsible_officer").prefetch_related(
            Prefetch("reviews", queryset=PolicyReview.objects.select_related("reviewed_by"))
        )
    )
    return policy, versions


def policy_version(slug: str, number: int) -> PolicyVersion:
    return get_object_or_404(
        PolicyVersion.objects.select_related("policy", "responsible_officer", "published_by"),
        policy__slug=slug, number=number,
    )


def policies_needing_review(user: User, today: date) -> list[Policy]:
    """Overdue or within the alert horizon, for the moderators and the responsible officer."""
    scope = Q(current_version__responsible_officer=user)
    if user.has_role(Role.MODERATOR):
        scope = Q()
    return list(
        Policy.objects.filter(scope, current_version__isnull=False,
                              review_due__lte=today + timedelta(days=REVIEW_SOON_DAYS))
        .select_related("current_version").order_by("review_due")
    )


# --- Social media account register ------------------------------------------------------------

def _pending_requests() -> Prefetch:
    return Prefetch(
        "change_requests",
        queryset=AccountChangeRequest.objects.filter(
            status=AccountChangeRequest.Status.PENDING
        ).prefetch_related("agreements"),
        to_attr="pending_requests",
    )


def account_register(page_number) -> CappedPage:
    """One page of the register, with each account's pending request and its agreements:
    four queries whatever the number of accounts (counted up to "99+", never all of them)."""
    accounts = SocialAccount.objects.all()
    rows = accounts.prefetch_related(_pending_requests()).order_by(
        "status", "platform", "handle", "pk")
    return capped_page(rows, page_number, capped_count(accounts.order_by()), PAGE_SIZE)


@dataclass(frozen=True)
class CapacityState:
    capacity: str
    label: str
    agreement: AccountAgreement | None
    mine: bool  # the signed-in person may act in this capacity now


def account_detail(pk: int) -> tuple[SocialAccount, list[AccountChangeRequest]]:
    account = get_object_or_404(SocialAccount.objects.select_related("created_by"), pk=pk)
    requests = list(
        account.change_requests.select_related("requested_by", "declined_by").prefetch_related(
            Prefetch("agreements", queryset=AccountAgreement.objects.select_related("given_by"))
        )
    )
    return account, requests


def capacity_states(change: AccountChangeRequest, user: User) -> list[CapacityState]:
    """The three agreements of a request and which of them `user` may give."""
    given = {a.capacity: a for a in change.agreements.all()}
    user_agreed = any(a.given_by_id == user.pk for a in given.values())
    mine = set(capacities_of(user))
    return [
        CapacityState(
            capacity=cap, label=Capacity(cap).label, agreement=given.get(cap),
            mine=change.is_pending and cap in mine and cap not in given and not user_agreed,
        )
        for cap in Capacity.values
    ]


def awaiting_agreement(user: User) -> list[AccountChangeRequest]:
    """Pending requests that need an agreement this person could give."""
    mine = capacities_of(user)
    if not mine:
        return []
    pending = (
        AccountChangeRequest.objects.filter(status=AccountChangeRequest.Status.PENDING)
        .exclude(agreements__given_by=user)
        .select_related("account").prefetch_related("agreements")
    )
    return [
        change for change in pending
        if set(mine) - {a.capacity for a in change.agreements.all()}
    ]


# --- Reading the policy -----------------------------------------------------------------------

def readers() -> QuerySet[User]:
    """Approved, active staff, directors and volunteers: the people who read the policy."""
    return User.objects.with_role(*READING_ROLES).order_by("full_name", "email")


def my_reading(user: User, policy: Policy) -> PolicyReading | None:
    """The person's confirmation of the policy's current version, if they gave it."""
    return PolicyReading.objects.filter(person=user, version_id=policy.current_version_id).first()


@dataclass(frozen=True)
class ReadingRow:
    person: User
    roles: list[str]
    latest: PolicyReading | None
    read_current: bool


def reading_register(slug: str) -> tuple[Policy, list[ReadingRow]]:
    """Who has confirmed reading which version of the policy. Three queries whatever the rows:
    the policy, the people with their roles, their confirmations of this policy."""
    policy = get_object_or_404(Policy.objects.select_related("current_version"), slug=slug)
    people = readers().prefetch_related(
        Prefetch("roles", queryset=UserRole.objects.order_by("role")),
        Prefetch("policy_readings",
                 queryset=PolicyReading.objects.filter(version__policy=policy)
                 .select_related("version").order_by("-version__number"),
                 to_attr="readings_of_policy"),
    )
    rows = []
    for person in people:
        latest = person.readings_of_policy[0] if person.readings_of_policy else None
        rows.append(ReadingRow(
            person=person, roles=[r.get_role_display() for r in person.roles.all()],
            latest=latest,
            read_current=latest is not None and latest.version_id == policy.current_version_id,
        ))
    return policy, rows


# --- Who may post -----------------------------------------------------------------------------

def posting_authorisations(account: SocialAccount) -> list[PostingAuthorisation]:
    """Everyone authorised to post on the account, current ones first, then withdrawn ones."""
    return list(
        PostingAuthorisation.objects.filter(account=account)
        .select_related("person", "authorised_by", "withdrawn_by")
        .order_by("withdrawn_at", "person__full_name", "id")
    )

