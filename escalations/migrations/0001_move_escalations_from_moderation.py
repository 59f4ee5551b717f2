"""Escalations become their own app. The tables stay where the moderation app made them
(`db_table`), with their data, indexes and append-only triggers: only Django's picture of the
models moves (SeparateDatabaseAndState, no database change), and the content types (so admin
permissions and generic references) are renamed to the new app."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ["escalation", "evidencecopy", "consultation", "escalationoutcome", "crimereference"]


def rename_content_types(old: str, new: str):
    def rename(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=old, model__in=MOVED).update(app_label=new)

    return rename


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0006_channel_links_social_account_and_newest_items_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Escalation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('characteristics', models.JSONField(default=list)),
                        ('note', models.TextField(blank=True)),
                        ('raised_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('routed_to', models.CharField(choices=[('chief_executive', 'the Chief Executive'), ('chair', 'the Chair'), ('directors', 'the Directors')], default='chief_executive', max_length=20)),
                        ('routing_reason', models.CharField(blank=True, max_length=300)),
                        ('taken_at', models.DateTimeField(blank=True, null=True)),
                        ('decision', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='escalation', to='moderation.decision')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='escalations', to='moderation.item')),
                        ('raised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('reviewer', models.ForeignKey(blank=True, help_text='Empty while it waits for a Director to take it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'moderation_escalation',
                        'ordering': ['-raised_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='CrimeReference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(max_length=60, verbose_name='crime reference number')),
                        ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('escalation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='crime_reference', to='escalations.escalation')),
                    ],
                    options={
                        'db_table': 'moderation_crimereference',
                    },
                ),
                migrations.CreateModel(
                    name='Consultation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('consulted', models.CharField(max_length=200, verbose_name='who was consulted')),
                        ('consulted_at', models.DateTimeField(verbose_name='when')),
                        ('outcome', models.TextField()),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('escalation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consultations', to='escalations.escalation')),
                    ],
                    options={
                        'db_table': 'moderation_consultation',
                        'ordering': ['consulted_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='EscalationOutcome',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('outcome', models.CharField(choices=[('police_report', 'Reported to the police'), ('no_report', 'No police report')], max_length=20)),
                        ('reported_on', models.DateField(blank=True, null=True, verbose_name='date reported')),
                        ('police_force', models.CharField(blank=True, max_length=120)),
                        ('how', models.CharField(blank=True, choices=[('phone_101', 'By phone (101)'), ('online', 'Online'), ('in_person', 'In person')], max_length=20, verbose_name='how it was reported')),
                        ('reason', models.TextField(blank=True, verbose_name='why no report')),
                        ('decided_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('escalation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='outcome', to='escalations.escalation')),
                    ],
                    options={
                        'db_table': 'moderation_escalationoutcome',
                    },
                ),
                migrations.CreateModel(
                    name='EvidenceCopy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('content', models.TextField()),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('frozen_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('escalation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='evidence_copy', to='escalations.escalation')),
                    ],
                    options={
                        'verbose_name': 'evidence copy',
                        'verbose_name_plural': 'evidence copies',
                        'db_table': 'moderation_evidencecopy',
                    },
                ),
                migrations.AddConstraint(
                    model_name='escalation',
                    constraint=models.CheckConstraint(condition=models.Q(('routed_to', 'directors'), ('reviewer__isnull', False), _connector='OR'), name='escalation_has_reviewer_unless_directors'),
                ),
                migrations.AddConstraint(
                    model_name='crimereference',
                    constraint=models.CheckConstraint(condition=models.Q(('reference', ''), _negated=True), name='crime_reference_not_empty'),
                ),
                migrations.AddConstraint(
                    model_name='escalationoutcome',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('outcome', 'police_report'), ('reason', ''), ('reported_on__isnull', False), models.Q(('police_force', ''), _negated=True), models.Q(('how', ''), _negated=True)), models.Q(('how', ''), ('outcome', 'no_report'), ('police_force', ''), ('reported_on__isnull', True), models.Q(('reason', ''), _negated=True)), _connector='OR'), name='escalation_outcome_has_what_it_needs'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("moderation", "escalations"),
            rename_content_types("escalations", "moderation"),
        ),
    ]
