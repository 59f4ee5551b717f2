import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0013_seed_offers_and_safeguarding_word_lists'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='item',
            name='moderation_item_urgency',
        ),
        migrations.RemoveIndex(
            model_name='item',
            name='moderation_item_newest',
        ),
        migrations.AddField(
            model_name='item',
            name='decided_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the first decision on it was recorded; empty while it waits.', null=True),
        ),
        # Items decided before the field existed: the time of their first decision.
        migrations.RunSQL(
            "UPDATE moderation_item SET decided_at = (SELECT MIN(d.decided_at) "
            "FROM moderation_decision d WHERE d.item_id = moderation_item.id) "
            "WHERE EXISTS (SELECT 1 FROM moderation_decision d "
            "WHERE d.item_id = moderation_item.id)",
            migrations.RunSQL.noop,
            elidable=False,
        ),
        migrations.AlterField(
            model_name='item',
            name='author',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='moderation.author'),
        ),
        migrations.AlterField(
            model_name='item',
            name='channel',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='moderation.channel'),
        ),
        migrations.AlterField(
            model_name='item',
            name='severity',
            field=models.PositiveSmallIntegerField(default=0, help_text='The highest severity of its findings; 0 when clean.'),
        ),
        migrations.AddIndex(
            model_name='finding',
            index=models.Index(fields=['term', 'item'], name='moderation_finding_term'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(condition=models.Q(('decided_at__isnull', True)), fields=['-severity', 'received_at', 'id'], name='moderation_item_waiting'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(condition=models.Q(('decided_at__isnull', True)), fields=['channel', '-severity', 'received_at', 'id'], name='moderation_item_channel_wait'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(condition=models.Q(('decided_at__isnull', True)), fields=['author', '-severity', 'received_at', 'id'], name='moderation_item_author_wait'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(condition=models.Q(('decided_at__isnull', True)), fields=['received_at'], name='moderation_item_waiting_since'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(condition=models.Q(('decided_at__isnull', False)), fields=['-received_at', '-id'], name='moderation_item_decided'),
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(fields=['author', '-received_at', '-id'], name='moderation_item_author_newest'),
        ),
    ]
