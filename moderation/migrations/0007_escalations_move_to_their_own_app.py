"""Escalations moved to their own app (escalations/migrations/0001): the moderation app stops
describing their models. State only: the tables stay, owned now by the escalations app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0006_channel_links_social_account_and_newest_items_index"),
        ("escalations", "0001_move_escalations_from_moderation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='consultation',
                    name='escalation',
                ),
                migrations.RemoveField(
                    model_name='consultation',
                    name='recorded_by',
                ),
                migrations.RemoveConstraint(
                    model_name='crimereference',
                    name='crime_reference_not_empty',
                ),
                migrations.RemoveConstraint(
                    model_name='escalation',
                    name='escalation_has_reviewer_unless_directors',
                ),
                migrations.RemoveField(
                    model_name='evidencecopy',
                    name='escalation',
                ),
                migrations.RemoveConstraint(
                    model_name='escalationoutcome',
                    name='escalation_outcome_has_what_it_needs',
                ),
                migrations.DeleteModel(
                    name='Consultation',
                ),
                migrations.RemoveField(
                    model_name='crimereference',
                    name='added_by',
                ),
                migrations.RemoveField(
                    model_name='crimereference',
                    name='escalation',
                ),
                migrations.RemoveField(
                    model_name='escalation',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='escalation',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='escalation',
                    name='raised_by',
                ),
                migrations.RemoveField(
                    model_name='escalation',
                    name='reviewer',
                ),
                migrations.DeleteModel(
                    name='EvidenceCopy',
                ),
                migrations.RemoveField(
                    model_name='escalationoutcome',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='escalationoutcome',
                    name='escalation',
                ),
                migrations.DeleteModel(
                    name='CrimeReference',
                ),
                migrations.DeleteModel(
                    name='Escalation',
                ),
                migrations.DeleteModel(
                    name='EscalationOutcome',
                ),
            ],
            database_operations=[],
        ),
    ]
