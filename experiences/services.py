"""What a moderator does with experiences: record one from a comment, log one told elsewhere,
record the thank-you reply, and load the list of services from a CSV.

Each function is one transaction and writes its audit record.
"""

import csv
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from core import audit
from moderation.models import Item

from .masking import mask, mask_by_screening
from .models import Experience, Service, Theme


class ExperienceRefused(Exception):
    """Cannot be done as asked; the message says why. Nothing was changed."""


@transaction.atomic
def record_from_item(item: Item, actor, *, service: Service, themes: Iterable[Theme],
                     sentiment: str) -> tuple[Experience, bool]:
    """The experience in a comment, kept or removed. A comment holds one experience: recording
    it again corrects it. Returns the experience and whether it is new."""
    themes = list(themes)
    if not themes:
        raise ExperienceRefused("Choose at least one theme. Nothing was recorded.")
    spans = [(f.start, f.end, f.kind) for f in item.findings.all()]
    experience = Experience.objects.select_for_update().filter(item=item).first()
    created = experience is None
    if created:
        experience = Experience(
            source=Experience.Source.COMMENT, item=item, channel_id=item.channel_id,
            happened_on=timezone.localdate(item.posted_at), recorded_by=actor,
        )
    experience.service = service
    experience.sentiment = sentiment
    experience.masked_text = mask(item.text, spans)
    experience.save()
    experience.themes.set(themes)
    audit.record(actor, "experiences.recorded" if created else "experiences.corrected",
                 experience, item=item.pk, service=service.name,
                 themes=[t.name for t in themes], sentiment=sentiment)
    return experience, created


@transaction.atomic
def log_experience(actor, *, source: str, happened_on: date, text: str, service: Service,
                   themes: Iterable[Theme], sentiment: str) -> Experience:
    """An experience told elsewhere (a phone call, an event). Personal details in what was
    typed are replaced by their kind before it is stored."""
    themes = list(themes)
    if source == Experience.Source.COMMENT:
        raise ExperienceRefused("A comment's experience is recorded from the comment itself.")
    if not themes:
        raise ExperienceRefused("Choose at least one theme. Nothing was recorded.")
    experience = Experience.objects.create(
        source=source, happened_on=happened_on, masked_text=mask_by_screening(text.strip()),
        service=service, sentiment=sentiment, recorded_by=actor,
    )
    experience.themes.set(themes)
    audit.record(actor, "experiences.logged", experience, source=source,
                 service=service.name, themes=[t.name for t in themes], sentiment=sentiment)
    return experience


@transaction.atomic
def record_thanks(experience_id: int, actor, text: str) -> Experience:
    """The thank-you reply, sent privately by hand on the platform (no platform can be reached
    from the app yet), is on record."""
    text = text.strip()
    if not text:
        raise ExperienceRefused("The reply is empty. Nothing was recorded.")
    experience = Experience.objects.select_for_update().filter(pk=experience_id).first()
    if experience is None or experience.item_id is None:
        raise ExperienceRefused("A private reply goes to the author of a comment.")
    if experience.thanked_at is not None:
        raise ExperienceRefused("The thank-you reply for this experience is already on record.")
    experience.thanked_at = timezone.now()
    experience.thanked_by = actor
    experience.save(update_fields=["thanked_at", "thanked_by"])
    audit.record(actor, "experiences.thanked", experience.item, experience=experience.pk,
                 text=text, by_hand=True)
    return experience


class ServiceListRefused(ExperienceRefused):
    pass


@transaction.atomic
def load_services(lines: Iterable[str], actor=None) -> tuple[int, int]:
    """Services from a CSV with the columns `name` and (optional) `keywords`: new names are
    added, known ones get the keywords given. Every row is checked before anything is saved.
    Returns (added, updated)."""
    reader = csv.DictReader(lines)
    if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ServiceListRefused("The CSV needs a 'name' column. Nothing was loaded.")
    rows = []
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = row.get("name", "")
        if not name or len(name) > Service._meta.get_field("name").max_length:
            raise ServiceListRefused(
                f"Row {number}: the name is empty or longer than 120 characters. "
                "Nothing was loaded.")
        rows.append((name, row.get("keywords", "")))
    known = {s.name.lower(): s for s in Service.objects.all()}
    added = updated = 0
    for name, words in rows:
        service = known.get(name.lower())
        if service is None:
            known[name.lower()] = Service.objects.create(name=name, keywords=words)
            added += 1
        elif words and service.keywords != words:
            service.keywords = words
            service.save(update_fields=["keywords"])
            updated += 1
    audit.record(actor, "experiences.services_loaded", None, added=added, updated=updated)
    return added, updated
