"""Items mark the policy terms their findings fall under, so the queue filtered by a term reads
an index of that term's waiting items in the tab's order. Items stored before are marked from
their findings, in one pass over the items that have any."""

from django.db import migrations, models

TERMS = ['personal_gain', 'inappropriate_material', 'inappropriate_behaviour', 'bullying', 'defamatory', 'personal_details']


def _marks() -> str:
    return ", ".join(
        f"under_{term} = EXISTS (SELECT 1 FROM moderation_finding f "
        f"WHERE f.item_id = moderation_item.id AND f.term = '{term}')"
        for term in TERMS
    )


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0016_the_longest_waiting_by_index'),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name='item',
                name=f'under_{term}',
                field=models.BooleanField(default=False, editable=False),
            )
            for term in TERMS
        ),
        migrations.RunSQL(
            f"UPDATE moderation_item SET {_marks()} WHERE EXISTS (SELECT 1 "
            "FROM moderation_finding f WHERE f.item_id = moderation_item.id)",
            migrations.RunSQL.noop,
            elidable=False,
        ),
        *(
            migrations.AddIndex(
                model_name='item',
                index=models.Index(
                    condition=models.Q(('decided_at__isnull', True), (f'under_{term}', True)),
                    fields=['-severity', 'received_at', 'id'],
                    name=f"moderation_wait_{term.split('_')[-1]}",
                ),
            )
            for term in TERMS
        ),
    ]
