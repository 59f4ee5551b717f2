"""The Board report: what happened in a chosen period, counted by the database.

About a dozen queries whatever the number of comments: every figure is an aggregate, and the
two percentiles of the time to a decision are read as one or two rows at a computed offset of
the waits sorted by the database, never by loading the rows.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from accounts.models import User, UserRole
from accounts.roles import SIGNER_ROLES, Role
from agreements.models import AgreementVersion
from core.charts import Chart, bar_chart
from experiences.models import Experience
from moderation.models import Block, Decision, Finding, Item, PlatformAction
from optins.models import MonitoringLog, iso_week
from policies.models import Policy

from . import sources


@dataclass
class BoardReport:
    starts: date
    ends: date
    comments: int = 0
    flagged: int = 0
    by_channel: list[tuple[str, int, int]] = field(default_factory=list)  # name, all, flagged
    by_term: list[tuple[str, int]] = field(default_factory=list)
    decided: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    prompt: int = 0
    overdue: int = 0
    blocks_made: int = 0
    blocks_lifted: int = 0
    blocks_live: int = 0
    by_hand: list[tuple[str, int]] = field(default_factory=list)
    escalations: int = 0
    escalations_from_groups: int = 0
    by_characteristic: list[tuple[str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    monitoring: list[tuple[str, int, int]] = field(default_factory=list)  # group, done, missed
    signing: list[tuple[str, int, int]] = field(default_factory=list)  # role, people, signed
    agreement_version: int | None = None
    policies_past_review: list[tuple[str, date]] = field(default_factory=list)
    experiences: int = 0
    by_theme: list[tuple[str, int]] = field(default_factory=list)
    by_sentiment: list[tuple[str, int]] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def escalations_from_comments(self) -> int:
        return self.escalations - self.escalations_from_groups

    @property
    def monitoring_done(self) -> int:
        return sum(done for _, done, _ in self.monitoring)

    @property
    def monitoring_missed(self) -> int:
        return sum(missed for _, _, missed in self.monitoring)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _hours(wait: timedelta) -> float:
    return wait.total_seconds() / 3600


def percentile(waits: QuerySet, n: int, q: float) -> float | None:
    """The q-th percentile (0..1, linear between the two nearest ranks, as in PostgreSQL's
    percentile_cont) of the `wait` column of `waits`, which holds `n` rows. One query of at
    most two rows: the database sorts, Python only interpolates."""
    if not n:
        return None
    rank = (n - 1) * q
    low = math.floor(rank)
    pair = list(waits.order_by("wait").values_list("wait", flat=True)[low:low + 2])
    if len(pair) == 1 or rank == low:
        return round(_hours(pair[0]), 1)
    return round(_hours(pair[0]) + (rank - low) * (_hours(pair[1]) - _hours(pair[0])), 1)


def _comments(report: BoardReport, items: QuerySet[Item], now: datetime) -> None:
    rows = (items.values("channel__name").annotate(n=Count("pk"),
                                                  flagged=Count("pk", filter=Q(severity__gt=0)))
            .order_by("-n", "channel__name").values_list("channel__name", "n", "flagged"))
    report.by_channel = list(rows)
    report.comments = sum(n for _, n, _ in report.by_channel)
    report.flagged = sum(f for _, _, f in report.by_channel)
    terms = dict(Finding.objects.filter(item__in=items.values("pk")).values("term")
                 .annotate(n=Count("item", distinct=True)).values_list("term", "n"))
    report.by_term = [(label, terms.get(slug, 0)) for slug, label in sources.Term.choices]

    first = Subquery(Decision.objects.filter(item=OuterRef("pk"))
                     .exclude(action=Decision.Action.UNBLOCK)
                     .order_by("decided_at").values("decided_at")[:1],
                     output_field=DateTimeField())
    waits = items.annotate(first=first).annotate(
        wait=ExpressionWrapper(F("first") - F("received_at"), output_field=DurationField()))
    limit = sources.overdue_after()
    prompt = Q(severity__gte=sources.PROMPT_SEVERITY) | Q(
        findings__term__in=sources.PROMPT_TERMS)
    prompt_ids = items.filter(prompt).values("pk")
    counts = waits.aggregate(
        decided=Count("pk", filter=Q(first__isnull=False)),
        prompt=Count("pk", filter=Q(pk__in=prompt_ids)),
        overdue=Count("pk", filter=Q(pk__in=prompt_ids) & (
            Q(first__isnull=True, received_at__lt=now - limit) | Q(wait__gt=limit))),
    )
    report.decided, report.prompt, report.overdue = (
        counts["decided"], counts["prompt"], counts["overdue"])
    decided = waits.filter(first__isnull=False)
    report.median_hours = percentile(decided, report.decided, 0.5)
    report.p90_hours = percentile(decided, report.decided, 0.9)


def board_report(starts: date, ends: date, now: datetime | None = None) -> BoardReport:
    """The Board report for `starts` to `ends` (inclusive, London dates). Standing figures
    (actions still to do by hand, blocks in force, signing rate, policies past review) are as
    of `now`."""
    now = now or timezone.now()
    begin, end = _day_start(starts), _day_start(ends + timedelta(days=1))
    report = BoardReport(starts=starts, ends=ends)
    _comments(report, Item.objects.filter(received_at__gte=begin, received_at__lt=end), now)

    blocks = Block.objects.aggregate(
        made=Count("pk", filter=Q(decision__decided_at__gte=begin, decision__decided_at__lt=end)),
        lifted=Count("pk", filter=Q(lifted_by__decided_at__gte=begin,
                                    lifted_by__decided_at__lt=end)),
        live=Count("pk", filter=Q(lifted_by__isnull=True)),
    )
    report.blocks_made, report.blocks_lifted, report.blocks_live = (
        blocks["made"], blocks["lifted"], blocks["live"])
    hand = dict(PlatformAction.objects.filter(status=PlatformAction.Status.PENDING, by_hand=True)
                .values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    report.by_hand = [(label, hand.get(slug, 0)) for slug, label in PlatformAction.Kind.choices]

    (report.by_characteristic, report.by_outcome, report.escalations,
     report.escalations_from_groups) = sources.escalation_counts(begin, end)

    report.monitoring = list(
        MonitoringLog.objects.filter(week__gte=iso_week(starts), week__lte=iso_week(ends))
        .values("group__name")
        .annotate(done=Count("pk", filter=~Q(outcome=MonitoringLog.Outcome.MISSED)),
                  missed=Count("pk", filter=Q(outcome=MonitoringLog.Outcome.MISSED)))
        .order_by("group__name").values_list("group__name", "done", "missed"))

    version = AgreementVersion.objects.order_by("-number").values_list("pk", "number").first()
    if version is not None:
        report.agreement_version = version[1]
        signing = dict(
            (role, (people, signed)) for role, people, signed in
            UserRole.objects.filter(role__in=SIGNER_ROLES, user__is_active=True,
                                    user__approval=User.Approval.APPROVED)
            .values("role")
            .annotate(people=Count("user", distinct=True),
                      signed=Count("user", distinct=True,
                                   filter=Q(user__agreement_signatures__version_id=version[0])))
            .values_list("role", "people", "signed"))
        report.signing = [(Role(role).label, *signing.get(role, (0, 0)))
                          for role in SIGNER_ROLES]

    report.policies_past_review = [
        (str(policy), policy.review_due) for policy in
        Policy.objects.filter(review_due__lt=timezone.localdate(now))
        .select_related("current_version").order_by("review_due")]

    experiences = Experience.objects.filter(happened_on__gte=starts, happened_on__lte=ends)
    themes = (Experience.themes.through.objects
              .filter(experience__in=experiences.values("pk")).values("theme__name")
              .annotate(n=Count("experience_id")).order_by("-n", "theme__name")
              .values_list("theme__name", "n"))
    report.by_theme = list(themes)
    sentiments = dict(experiences.values("sentiment").annotate(n=Count("pk"))
                      .values_list("sentiment", "n"))
    report.by_sentiment = [(label, sentiments.get(slug, 0))
                           for slug, label in Experience.Sentiment.choices]
    report.experiences = sum(n for _, n in report.by_sentiment)

    report.charts = {
        "channel": bar_chart("Comments by channel", [(c, n) for c, n, _ in report.by_channel]),
        "term": bar_chart("Flagged comments by policy term", report.by_term),
        "characteristic": bar_chart("Escalations by protected characteristic",
                                    report.by_characteristic),
        "theme": bar_chart("Experiences by theme", report.by_theme),
        "sentiment": bar_chart("Experiences by sentiment", report.by_sentiment),
    }
    return report
