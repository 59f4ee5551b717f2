"""The moderation app's demo data for a local run: channels and comments, then a morning's work
in the queue. Idempotent."""

from .intake.demo import seed_channels_and_comments
from .queue.demo import seed_queue


def seed() -> None:
    seed_channels_and_comments()
    seed_queue()
