from django.core.management.base import BaseCommand

from agreements import services


class Command(BaseCommand):
    help = (
        "Publish the WhatsApp Group Chat Agreement's wording (agreements/seed/) as version 1 "
        "if no version exists yet. Safe to run again: it never changes a published version."
    )

    def handle(self, *args, **options):
        version = services.load_seed_version()
        if version is None:
            self.stdout.write("An agreement version already exists; nothing loaded.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Loaded version 1 (SHA-256 {version.sha256})."
            ))
