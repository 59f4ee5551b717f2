"""The home page finds the comment waiting longest by an index of the time it has waited from."""

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0015_deliveries_fail_visibly_and_items_keep_arrival_time'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='item',
            index=models.Index(django.db.models.functions.comparison.Coalesce('reopened_at', 'received_at'), condition=models.Q(('decided_at__isnull', True)), name='moderation_item_waiting_from'),
        ),
    ]
