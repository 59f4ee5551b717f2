"""Demo escalations: one the Chief Executive can review now, one already reported to the police.
Idempotent: runs after the moderation app's demo (INSTALLED_APPS order) and adds nothing
the second time."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from moderation.intake.services import ingest
from moderation.models import Channel, Item
from moderation.queue.services import decide

from .models import Escalation
from .services import decide as decide_escalation
from .services import record_consultation

COMMENTS = [
    # (comment id, author id, author name, text, characteristics, decided)
    ("fb-2001", "fb-u-20", "Ray Stokes",
     "People like that don't belong in Sutton, send them all back where they came from",
     ["race"], False),
    ("fb-2002", "fb-u-21", "Gail Hunt",
     "Disabled people are a drain and should be kept away from the clinic",
     ["disability"], True),
]


def seed() -> None:
    moderator = User.objects.filter(email="moderator@example.org").first()
    ceo = User.objects.filter(email="ceo@example.org").first()
    channel = Channel.objects.filter(platform="facebook").order_by("pk").first()
    if moderator is None or ceo is None or channel is None:
        return
    for comment_id, author_id, author, text, characteristics, decided in COMMENTS:
        if Escalation.objects.filter(item__platform_item_id=comment_id).exists():
            continue
        item, _ = ingest(
            channel, platform_item_id=comment_id, author_id=author_id, author_name=author,
            text=text, posted_at=timezone.now() - timedelta(minutes=20),
            permalink=f"https://www.facebook.com/104958162837/posts/{comment_id}",
            source=Item.Source.META_WEBHOOK,
        )
        decision = decide(
            item_id=item.pk, actor=moderator, action="escalate", seen=item.decisions.count(),
            characteristics=characteristics,
            note="Hostility aimed at a protected group: escalating to the Chief Executive.",
        )
        if decided:
            record_consultation(
                decision.escalation.pk, ceo, consulted="Charlotte Hale, Chair",
                consulted_at=timezone.now(), outcome="Agreed: report it to the police.",
            )
            decide_escalation(
                decision.escalation.pk, ceo, outcome="police_report",
                reported_on=timezone.localdate(), police_force="Metropolitan Police",
                how="online", crime_reference="6029384/26",
            )
