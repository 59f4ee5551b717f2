from django.core.management.base import BaseCommand

from privacy import retention
from privacy.models import RetentionRule


class Command(BaseCommand):
    help = "Enforce the retention schedule now, or with --dry-run say what a run would remove."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Count what would go; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        for rule in RetentionRule.objects.all():
            self.stdout.write(f"{rule}: {rule.period}" + (f", then {rule.then}"
                                                          if rule.keep_days else ""))
        counts = retention.preview() if dry_run else retention.run_retention().counts
        verb = "would go" if dry_run else "went"
        for what, n in counts.items():
            self.stdout.write(f"{what.replace('_', ' ')} {verb}: {n}")
