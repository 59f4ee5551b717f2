"""Demo safeguarding: the Chief Executive has named Sam Green (staff) the lead, and one comment
suggesting someone may be at risk waits for the lead. Idempotent: runs after the moderation
app's demo (INSTALLED_APPS order) and adds nothing the second time."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from moderation.intake.services import ingest
from moderation.models import Channel, Item

from .models import Concern, LeadAppointment
from .services import name_lead

COMMENT_ID = "fb-3001"
TEXT = ("Waited three months for my mental health referral. Honestly I can't go on like this, "
        "I don't want to be here any more.")


def seed() -> None:
    ceo = User.objects.filter(email="ceo@example.org").first()
    lead = User.objects.filter(email="staff@example.org").first()
    channel = Channel.objects.filter(platform="facebook").order_by("pk").first()
    if ceo is None or lead is None or channel is None:
        return
    if not LeadAppointment.objects.exists():
        name_lead(ceo, lead=lead)
    if not Concern.objects.filter(item__platform_item_id=COMMENT_ID).exists():
        ingest(
            channel, platform_item_id=COMMENT_ID, author_id="fb-u-30", author_name="Jo Baker",
            text=TEXT, posted_at=timezone.now() - timedelta(minutes=5),
            permalink=f"https://www.facebook.com/104958162837/posts/{COMMENT_ID}",
            source=Item.Source.META_WEBHOOK,
        )
