from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.errors import Refused
from policies import services
from policies.text import PolicyDocumentError, online_engagement_policy, read_policy_document


class Command(BaseCommand):
    help = (
        "Load the Online Engagement Policy (the repository's copy of the customer's text) as "
        "version 1: approved 09/03/2020 by the Board, review due 09/03/2023. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--officer", required=True, metavar="EMAIL",
            help="Email of the responsible officer (the Chief Executive): an approved person "
                 "with a role.",
        )
        parser.add_argument(
            "--file", type=Path, metavar="PATH",
            help="Another policy in the same plain-text shape (title, numbered sections, "
                 "footer). Default: the Online Engagement Policy.",
        )

    def handle(self, *args, officer: str, file: Path | None = None, **options):
        person = User.objects.filter(email__iexact=officer.strip()).first()
        if person is None:
            raise CommandError(f"Nobody has the email {officer}: create and approve the "
                               "responsible officer's account first.")
        try:
            if file is None:
                document = online_engagement_policy()
                version, created = services.load_policy_document(person)
            else:
                document = read_policy_document(file.read_text(encoding="utf-8"))
                version, created = services.load_policy_document(person, document)
        except OSError as exc:
            raise CommandError(f"Cannot read the policy: {exc}") from exc
        except (PolicyDocumentError, Refused) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        if not created:
            self.stdout.write(f"“{version.title}” is already loaded; nothing changed.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Loaded “{document.title}” version 1: approved {version.approved_on:%d/%m/%Y} by "
            f"{version.approved_by}, review due {version.review_due:%d/%m/%Y}, responsible "
            f"officer {person}."
        ))
