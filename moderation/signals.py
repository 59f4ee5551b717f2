from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .intake.screener import word_lists_changed
from .models import ScreeningWord


@receiver(post_save, sender=ScreeningWord)
@receiver(post_delete, sender=ScreeningWord)
def _screening_words_changed(**kwargs) -> None:
    # After commit, so a worker never rebuilds from lists that are about to roll back.
    transaction.on_commit(word_lists_changed)
