"""An escalation's source is a comment or a breach recorded in a WhatsApp group: exactly one."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('escalations', '0003_no_report_records_the_reviewers_judgement'),
        ('moderation', '0014_items_know_when_decided_and_waiting_indexes'),
        ('optins', '0009_daily_number_tables_vacuum_schedule'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='escalation',
            name='breach',
            field=models.OneToOneField(blank=True, help_text='The breach of the agreement recorded for what was posted in a WhatsApp group (empty for a comment).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='escalation', to='optins.breach'),
        ),
        migrations.AlterField(
            model_name='escalation',
            name='decision',
            field=models.OneToOneField(blank=True, help_text="The queue's “escalate” decision, for a comment.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='escalation', to='moderation.decision'),
        ),
        migrations.AlterField(
            model_name='escalation',
            name='item',
            field=models.ForeignKey(blank=True, help_text='The comment escalated (empty for a WhatsApp group).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='escalations', to='moderation.item'),
        ),
        migrations.AddConstraint(
            model_name='escalation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('breach__isnull', True), ('decision__isnull', False), ('item__isnull', False)), models.Q(('breach__isnull', False), ('decision__isnull', True), ('item__isnull', True)), _connector='OR'), name='escalation_source_is_a_comment_or_a_group_breach'),
        ),
    ]
