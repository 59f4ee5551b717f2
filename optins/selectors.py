"""The reads behind each WhatsApp page; each runs a fixed number of queries whatever the rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.selectors import current_version, signed_current_user_ids
from core.pagination import PAGE_SIZE, paginate

from .models import (
    Breach,
    Consent,
    Group,
    Membership,
    MonitoringLog,
    OptInRequest,
    iso_week,
    week_start,
)

if TYPE_CHECKING:
    from agreements.models import AgreementVersion

CURRENT = (Membership.Status.ACTIVE, Membership.Status.LEAVING)


@dataclass(frozen=True)
class SignAgain:
    """The current version of the agreement and the day its period to sign again ends
    (AGREEMENT_SIGN_AGAIN_DAYS after it was published): from then on, a member who has not
    signed it is removed from their groups until they sign."""

    version: "AgreementVersion"
    deadline: datetime.datetime

    def is_over(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.deadline


def sign_again() -> SignAgain | None:
    """None before any version is published. One query."""
    version = current_version()
    if version is None:
        return None
    return SignAgain(version, version.published_at + datetime.timedelta(
        days=settings.AGREEMENT_SIGN_AGAIN_DAYS))


@dataclass
class MyWhatsApp:
    groups: list[Group]
    open_requests: dict[int, OptInRequest]
    memberships: dict[int, Membership]
    declined: list[OptInRequest]
    breaches: list[Breach]
    consents: list[Consent]


def my_whatsapp(user) -> MyWhatsApp:
    """A director's or volunteer's own page: their groups, requests, membership, breaches."""
    groups = [g for g in Group.objects.filter(is_active=True) if g.is_open_to(user.role_slugs)]
    requests = list(OptInRequest.objects.filter(person=user).select_related("group")
                    .order_by("-created_at", "-id"))
    memberships = list(Membership.objects.filter(person=user, status__in=CURRENT)
                       .select_related("group"))
    breaches = list(Breach.objects.filter(membership__person=user)
                    .select_related("rule", "membership__group"))
    consents = list(Consent.objects.filter(person=user).select_related("group")
                    .order_by("-at", "-id"))
    open_requests = {r.group_id: r for r in requests if r.is_open}
    latest_per_group: dict[int, OptInRequest] = {}
    for r in requests:
        latest_per_group.setdefault(r.group_id, r)
    declined = [r for r in latest_per_group.values() if r.status == OptInRequest.Status.DECLINED]
    return MyWhatsApp(groups=groups, open_requests=open_requests,
                      memberships={m.group_id: m for m in memberships}, declined=declined,
                      breaches=breaches, consents=consents)


@dataclass
class Queue:
    pending: Page  # of OptInRequest: requests to decide
    to_add: Page  # of OptInRequest: approved, to add in WhatsApp
    to_remove: Page  # of Membership: leaving, to remove from WhatsApp
    signed_ids: set[int] = field(default_factory=set)


def _open_counts() -> tuple[int, int, int]:
    """Requests to decide, people to add, people to remove: two queries that read only the
    open rows (by the status index), never the whole history."""
    counts = OptInRequest.objects.filter(status__in=OptInRequest.OPEN).aggregate(
        pending=Count("pk", filter=Q(status=OptInRequest.Status.PENDING)),
        to_add=Count("pk", filter=Q(status=OptInRequest.Status.APPROVED)),
    )
    to_remove = Membership.objects.filter(status=Membership.Status.LEAVING).count()
    return counts["pending"], counts["to_add"], to_remove


def queue(pending_page=None, add_page=None, remove_page=None) -> Queue:
    """The moderator's opt-in work, each list a page at a time, oldest first: requests to
    decide, numbers to add, members to remove. Six queries whatever the rows."""
    pending, to_add, to_remove = _open_counts()
    requests = OptInRequest.objects.select_related("person", "group", "logged_by").order_by(
        "created_at", "id")
    pending_rows = paginate(requests.filter(status=OptInRequest.Status.PENDING), pending_page,
                            count=pending)
    return Queue(
        pending=pending_rows,
        to_add=paginate(requests.filter(status=OptInRequest.Status.APPROVED), add_page,
                        count=to_add),
        to_remove=paginate(
            Membership.objects.filter(status=Membership.Status.LEAVING)
            .select_related("person", "group").order_by("leave_requested_at", "id"),
            remove_page, count=to_remove),
        signed_ids=signed_current_user_ids({r.person_id for r in pending_rows.object_list}),
    )


def request_detail(pk: int) -> OptInRequest:
    return get_object_or_404(
        OptInRequest.objects.select_related("person", "group", "logged_by", "decided_by",
                                            "added_by"),
        pk=pk,
    )


def membership_detail(pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("person", "group", "request").prefetch_related(
            # With the escalation of a breach, if a moderator escalated it (the escalations
            # app's reverse relation): the page says so and links to it.
            Prefetch("breaches", queryset=Breach.objects.select_related(
                "rule", "recorded_by", "escalation__raised_by"))),
        pk=pk,
    )


def rosters(page_numbers: dict[str, str]) -> tuple[list[Group], set[int]]:
    """Every group with a page of its current members (`.members`, a Page; `page_numbers`
    gives each group's page by its slug), how many breaches each member has, and which of them
    have signed the current agreement. Three queries whatever the rows or the pages: the groups
    with their counts, every group's page at once (members numbered within their group by the
    database), and who signed."""
    groups = list(Group.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status__in=CURRENT))))
    wanted = Q(pk__in=[])
    for group in groups:
        paginator = Paginator([], PAGE_SIZE)
        paginator.__dict__["count"] = group.member_count  # known: not asked again
        group.members = paginator.get_page(page_numbers.get(group.slug))
        first = group.members.start_index()
        wanted |= Q(group=group, place__range=(first, first + PAGE_SIZE - 1))
    breaches = (Breach.objects.filter(membership=OuterRef("pk")).values("membership")
                .annotate(n=Count("pk")).values("n"))
    members = (
        Membership.objects.filter(status__in=CURRENT).select_related("person")
        .annotate(
            breach_count=Coalesce(Subquery(breaches), 0),
            place=Window(RowNumber(), partition_by=F("group_id"),
                         order_by=[F("person__full_name"), F("person__email"), F("id")]),
        )
        .filter(wanted).order_by("group_id", "place")
    )
    by_group = defaultdict(list)
    for membership in members:
        by_group[membership.group_id].append(membership)
    for group in groups:
        group.members.object_list = by_group[group.pk]
    people = {m.person_id for group in groups for m in group.members.object_list}
    return groups, signed_current_user_ids(people)


@dataclass
class WeekRow:
    week: str
    starts: datetime.date
    logs: list[tuple[Group, MonitoringLog | None]]


def monitoring(weeks: int = 8) -> tuple[list[Group], list[WeekRow]]:
    """The last `weeks` ISO weeks, newest first, with each group's log (or none yet)."""
    today = timezone.localdate()
    week_keys = [iso_week(today - datetime.timedelta(weeks=n)) for n in range(weeks)]
    groups = list(Group.objects.filter(is_active=True))
    logs = {(log.group_id, log.week): log for log in MonitoringLog.objects.filter(
        week__in=week_keys).select_related("logged_by")}
    rows = [WeekRow(week=w, starts=week_start(w),
                    logs=[(g, logs.get((g.pk, w))) for g in groups]) for w in week_keys]
    return groups, rows


@dataclass(frozen=True)
class ModeratorCounts:
    pending: int
    to_add: int
    to_remove: int
    unlogged_groups: list[str]


def moderator_counts() -> ModeratorCounts:
    """Three queries: the home page's lines for a moderator."""
    pending, to_add, to_remove = _open_counts()
    this_week = iso_week(timezone.localdate())
    unlogged = list(Group.objects.filter(is_active=True).exclude(
        monitoring_logs__week=this_week).values_list("name", flat=True))
    return ModeratorCounts(pending, to_add, to_remove, unlogged)


def missed_weeks(weeks: int = 8) -> list[MonitoringLog]:
    """Weeks marked missed and still not logged, recent first (for the CEO)."""
    today = timezone.localdate()
    oldest = iso_week(today - datetime.timedelta(weeks=weeks))
    return list(MonitoringLog.objects.filter(outcome=MonitoringLog.Outcome.MISSED,
                                             week__gte=oldest).select_related("group"))
