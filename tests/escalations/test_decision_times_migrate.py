"""Escalations decided before Escalation.decided_at existed get their outcome's time from the
migration that adds it; the undecided ones stay undecided (first on the list)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from escalations.models import Escalation
from moderation.models import Decision
from tests.factories import ItemFactory
from tests.migrating import back_to_the_latest, migrate  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("back_to_the_latest"),
]

BEFORE = [("escalations", "0004_escalation_from_a_whatsapp_group_breach")]
AFTER = [("escalations", "0005_decided_at_for_the_list")]


def test_decided_escalations_take_their_outcomes_time():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = User.objects.create(email="ceo@example.org")  # moderation and accounts stay
    now = timezone.now()
    escalations = []
    for _ in ("decided", "waiting"):
        item = ItemFactory()
        decision = Decision.objects.create(item=item, action="escalate", decided_by=user,
                                           decided_at=now)
        escalations.append(old.get_model("escalations", "Escalation").objects.create(
            item_id=item.pk, decision_id=decision.pk, raised_by_id=user.pk,
            reviewer_id=user.pk, raised_at=now))
    decided, waiting = escalations
    old.get_model("escalations", "EscalationOutcome").objects.create(
        escalation=decided, outcome="no_report", judgement="not_a_hate_crime", reason="No group.",
        decided_by_id=user.pk, decided_at=now + timedelta(hours=5))
    migrate(AFTER)
    assert Escalation.objects.get(pk=decided.pk).decided_at == now + timedelta(hours=5)
    assert Escalation.objects.get(pk=waiting.pk).decided_at is None
