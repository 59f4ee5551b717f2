"""The reads behind the experience pages: the suggestion for a comment, the trends page, its
drill-down and the export. Each runs a fixed number of queries whatever the number of rows;
counts are made by the database."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth

from core.charts import Bar, Chart, bar_chart, column_chart, sparkline
from moderation.models import Item, ReplyTemplate

from .models import Experience, Service, Theme
from .suggest import Suggestion, keywords, sentiment_words, suggest

DRILL_DOWN_PAGE = 50


def item_for_recording(item_id: int) -> Item | None:
    return (Item.objects.select_related("channel", "author")
            .prefetch_related("findings").filter(pk=item_id).first())


def experience_of(item: Item) -> Experience | None:
    return (Experience.objects.select_related("service", "thanked_by")
            .prefetch_related("themes").filter(item=item).first())


def suggestion_for(text: str) -> Suggestion:
    """From the active services' and themes' keywords (two queries) and the sentiment words."""
    services = {pk: keywords(words) for pk, words in
                Service.objects.filter(active=True).values_list("pk", "keywords")}
    themes = {pk: keywords(words) for pk, words in
              Theme.objects.filter(active=True).values_list("pk", "keywords")}
    positive, negative = sentiment_words()
    return suggest(text, services, themes, positive, negative)


# --- trends -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrendFilter:
    starts: date
    ends: date
    channel: int | None = None
    service: int | None = None
    theme: int | None = None
    sentiment: str = ""

    @property
    def previous(self) -> tuple[date, date]:
        """The period of the same length just before this one."""
        length = (self.ends - self.starts).days + 1
        return self.starts - timedelta(days=length), self.starts - timedelta(days=1)


def _filtered(f: TrendFilter) -> QuerySet[Experience]:
    found = Experience.objects.all()
    if f.channel:
        found = found.filter(channel_id=f.channel)
    if f.service:
        found = found.filter(service_id=f.service)
    if f.theme:
        found = found.filter(themes__id=f.theme)
    if f.sentiment:
        found = found.filter(sentiment=f.sentiment)
    return found


def in_period(f: TrendFilter) -> QuerySet[Experience]:
    return _filtered(f).filter(happened_on__gte=f.starts, happened_on__lte=f.ends)


def months(starts: date, ends: date) -> list[date]:
    month, found = date(starts.year, starts.month, 1), []
    while month <= ends:
        found.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


@dataclass
class TrendRow:
    pk: int
    name: str
    total: int
    previous: int
    by_month: list[int]

    @property
    def spark(self) -> list[Bar]:
        return sparkline(self.by_month)

    @property
    def change(self) -> int:
        return self.total - self.previous

    @property
    def change_percent(self) -> int | None:
        return None if not self.previous else round(100 * self.change / self.previous)


@dataclass
class Trends:
    filter: TrendFilter
    months: list[date]
    total: int = 0
    previous_total: int = 0
    by_month: list[int] = field(default_factory=list)
    themes: list[TrendRow] = field(default_factory=list)
    services: list[TrendRow] = field(default_factory=list)
    sentiments: list[tuple[str, str, int]] = field(default_factory=list)
    month_chart: Chart | None = None
    theme_chart: Chart | None = None
    service_chart: Chart | None = None


def _month_key(value) -> date:
    return date(value.year, value.month, 1)


def _rows(named, current, previous, month_list) -> list[TrendRow]:
    """Rows for every name with experiences now or before, most now first."""
    by_month: dict[int, dict[date, int]] = defaultdict(dict)
    for pk, month, n in current:
        by_month[pk][_month_key(month)] = n
    before = dict(previous)
    rows = []
    for pk, name in named:
        counts = [by_month[pk].get(m, 0) for m in month_list]
        if sum(counts) or before.get(pk):
            rows.append(TrendRow(pk, name, sum(counts), before.get(pk, 0), counts))
    rows.sort(key=lambda r: (-r.total, r.name))
    return rows


def trends(f: TrendFilter) -> Trends:
    """Experiences per theme and per service, by month, against the previous period.
    Eight queries."""
    month_list = months(f.starts, f.ends)
    now, before = in_period(f), _filtered(f).filter(
        happened_on__gte=f.previous[0], happened_on__lte=f.previous[1])
    report = Trends(filter=f, months=month_list)

    monthly = dict((_month_key(m), n) for m, n in now.annotate(month=TruncMonth("happened_on"))
                   .values("month").annotate(n=Count("pk", distinct=True))
                   .values_list("month", "n"))
    report.by_month = [monthly.get(m, 0) for m in month_list]
    report.total = sum(report.by_month)
    report.previous_total = before.aggregate(n=Count("pk", distinct=True))["n"]

    through = Experience.themes.through.objects
    theme_now = (through.filter(experience__in=now.values("pk"))
                 .annotate(month=TruncMonth("experience__happened_on"))
                 .values("theme_id", "month").annotate(n=Count("experience_id"))
                 .values_list("theme_id", "month", "n"))
    theme_before = (through.filter(experience__in=before.values("pk")).values("theme_id")
                    .annotate(n=Count("experience_id")).values_list("theme_id", "n"))
    report.themes = _rows(Theme.objects.values_list("pk", "name"), theme_now, theme_before,
                          month_list)

    plain_now = Experience.objects.filter(pk__in=now.values("pk"))
    plain_before = Experience.objects.filter(pk__in=before.values("pk"))
    service_now = (plain_now.annotate(month=TruncMonth("happened_on"))
                   .values("service_id", "month").annotate(n=Count("pk"))
                   .values_list("service_id", "month", "n"))
    service_before = (plain_before.values("service_id").annotate(n=Count("pk"))
                      .values_list("service_id", "n"))
    report.services = _rows(Service.objects.values_list("pk", "name"), service_now,
                            service_before, month_list)

    sentiment = dict(plain_now.values("sentiment").annotate(n=Count("pk"))
                     .values_list("sentiment", "n"))
    report.sentiments = [(slug, label, sentiment.get(slug, 0))
                         for slug, label in Experience.Sentiment.choices]

    labels = [f"{m:%b %y}" for m in month_list]
    report.month_chart = column_chart(
        "Experiences by month", list(zip(labels, report.by_month, strict=True)))
    report.theme_chart = bar_chart("Experiences by theme",
                                   [(r.name, r.total) for r in report.themes])
    report.service_chart = bar_chart("Experiences by service",
                                     [(r.name, r.total) for r in report.services])
    return report


def drill_down(f: TrendFilter, page: int) -> tuple[list[Experience], bool]:
    """One page of the experiences behind a figure, newest first, and whether more follow.
    Two queries; no count of the whole set."""
    start = (page - 1) * DRILL_DOWN_PAGE
    rows = list(
        Experience.objects.filter(pk__in=in_period(f).values("pk"))
        .select_related("service", "channel")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("-happened_on", "-pk")[start:start + DRILL_DOWN_PAGE + 1]
    )
    return rows[:DRILL_DOWN_PAGE], len(rows) > DRILL_DOWN_PAGE


def export_rows(f: TrendFilter):
    """Every experience of the period, oldest first, read in chunks."""
    return (
        Experience.objects.filter(pk__in=in_period(f).values("pk"))
        .select_related("service", "channel")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("happened_on", "pk")
        .iterator(chunk_size=1000)
    )


THANKS_TEMPLATE = "Thank you for your experience"  # seeded by migration 0002


def thanks_text() -> str:
    """The prepared thank-you reply, as the moderators last edited it on Reply templates."""
    template = ReplyTemplate.objects.filter(name=THANKS_TEMPLATE, active=True).first()
    return template.text if template else ""
