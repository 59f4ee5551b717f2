from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from core.registry import app_modules


class Command(BaseCommand):
    help = "Create demo people (one per role) and demo data. Idempotent. Local use only."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args, quiet=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it only runs with "
                "DEBUG on (a local run), never on a real installation."
            )
        with transaction.atomic():
            rows = accounts_demo.seed()
            # Every other app's demo builds on the people made above.
            for module in app_modules("demo"):
                if module is not accounts_demo and hasattr(module, "seed"):
                    module.seed()
        if quiet:
            return
        self.stdout.write(self.style.WARNING(
            "\nDEMO ACCOUNTS — for local use only. Password for all: "
            f"{accounts_demo.DEMO_PASSWORD}"
        ))
        for email, roles, needs_mfa in rows:
            mfa = "  (2FA: code from `python manage.py demo_totp`)" if needs_mfa else ""
            self.stdout.write(f"  {email:<26} {roles}{mfa}")
        self.stdout.write(
            f"  Two-factor secret of the demo accounts: {accounts_demo.DEMO_TOTP_SECRET}\n"
        )
