from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from core.models import DemoData
from core.registry import app_modules


class Command(BaseCommand):
    help = (
        "Create demo people (one per role) and demo data, once: a database that has them is "
        "left alone unless --again is given. Local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")
        parser.add_argument(
            "--again", action="store_true",
            help="Seed even if the demo data is there (repairs the demo people's passwords, "
                 "roles and two-factor).",
        )

    def handle(self, *args, quiet=False, again=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it only runs with "
                "DEBUG on (a local run), never on a real installation."
            )
        # Seeding hashes nine passwords and walks every app: a second start must not pay that.
        if again or not DemoData.objects.exists():
            with transaction.atomic():
                accounts_demo.seed()
                # Every other app's demo builds on the people made above.
                for module in app_modules("demo"):
                    if module is not accounts_demo and hasattr(module, "seed"):
                        module.seed()
                DemoData.objects.get_or_create(pk=1)
        if quiet:
            return
        self.stdout.write(self.style.WARNING(
            "\nDEMO ACCOUNTS — for local use only. Password for all: "
            f"{accounts_demo.DEMO_PASSWORD}"
        ))
        for email, roles, needs_mfa in accounts_demo.accounts_table():
            mfa = "  (2FA: code from `python manage.py demo_totp`)" if needs_mfa else ""
            self.stdout.write(f"  {email:<26} {roles}{mfa}")
        self.stdout.write(
            f"  Two-factor secret of the demo accounts: {accounts_demo.DEMO_TOTP_SECRET}\n"
        )
