"""The reads behind each WhatsApp page; each runs a fixed number of queries whatever the rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.selectors import signed_current_user_ids

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

CURRENT = (Membership.Status.ACTIVE, Membership.Status.LEAVING)


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
    groups = list(Group.objects.filter(is_active=True, role__in=user.role_slugs))
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
    pending: list[OptInRequest]
    to_add: list[OptInRequest]
    to_remove: list[Membership]
    signed_ids: set[int] = field(default_factory=set)


def queue() -> Queue:
    """The moderator's opt-in work: requests to decide, numbers to add, members to remove."""
    open_requests = list(
        OptInRequest.objects.filter(status__in=OptInRequest.OPEN)
        .select_related("person", "group", "logged_by").order_by("created_at", "id")
    )
    to_remove = list(Membership.objects.filter(status=Membership.Status.LEAVING)
                     .select_related("person", "group").order_by("leave_requested_at", "id"))
    pending = [r for r in open_requests if r.status == OptInRequest.Status.PENDING]
    return Queue(
        pending=pending,
        to_add=[r for r in open_requests if r.status == OptInRequest.Status.APPROVED],
        to_remove=to_remove,
        signed_ids=signed_current_user_ids({r.person_id for r in pending}),
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
            Prefetch("breaches", queryset=Breach.objects.select_related("rule", "recorded_by"))),
        pk=pk,
    )


def rosters() -> tuple[list[Group], set[int]]:
    """Every group with its current members (and how many breaches each has), and which
    members have signed the current agreement."""
    members = (Membership.objects.filter(status__in=CURRENT).select_related("person")
               .annotate(breach_count=Count("breaches"))
               .order_by("person__full_name", "person__email"))
    groups = list(Group.objects.prefetch_related(
        Prefetch("memberships", queryset=members, to_attr="current_members")))
    people = {m.person_id for group in groups for m in group.current_members}
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
    counts = OptInRequest.objects.aggregate(
        pending=Count("pk", filter=Q(status=OptInRequest.Status.PENDING)),
        to_add=Count("pk", filter=Q(status=OptInRequest.Status.APPROVED)),
    )
    to_remove = Membership.objects.filter(status=Membership.Status.LEAVING).count()
    this_week = iso_week(timezone.localdate())
    unlogged = list(Group.objects.filter(is_active=True).exclude(
        monitoring_logs__week=this_week).values_list("name", flat=True))
    return ModeratorCounts(counts["pending"], counts["to_add"], to_remove, unlogged)


def missed_weeks(weeks: int = 8) -> list[MonitoringLog]:
    """Weeks marked missed and still not logged, recent first (for the CEO)."""
    today = timezone.localdate()
    oldest = iso_week(today - datetime.timedelta(weeks=weeks))
    return list(MonitoringLog.objects.filter(outcome=MonitoringLog.Outcome.MISSED,
                                             week__gte=oldest).select_related("group"))
