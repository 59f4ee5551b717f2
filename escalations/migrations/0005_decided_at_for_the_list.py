"""Escalations carry the time they were decided, copied from their outcome, so the list orders
and filters them by an index of their own table instead of joining and sorting every outcome."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_decision_times(apps, schema_editor):
    Escalation = apps.get_model("escalations", "Escalation")
    EscalationOutcome = apps.get_model("escalations", "EscalationOutcome")
    Escalation.objects.filter(outcome__isnull=False).update(decided_at=Subquery(
        EscalationOutcome.objects.filter(escalation=OuterRef("pk")).values("decided_at")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('escalations', '0004_escalation_from_a_whatsapp_group_breach'),
        ('moderation', '0014_items_know_when_decided_and_waiting_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='escalation',
            name='decided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_decision_times, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='escalation',
            index=models.Index(models.OrderBy(models.F('decided_at'), descending=True), models.OrderBy(models.F('raised_at'), descending=True), models.OrderBy(models.F('id'), descending=True), name='escalation_list_order'),
        ),
        migrations.AddIndex(
            model_name='escalation',
            index=models.Index(models.F('raised_by'), models.OrderBy(models.F('decided_at'), descending=True), models.OrderBy(models.F('raised_at'), descending=True), models.OrderBy(models.F('id'), descending=True), name='escalation_raised_by_order'),
        ),
    ]
