from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from experiences.services import ServiceListRefused, load_services


class Command(BaseCommand):
    help = ("Load the charity's list of services from a CSV with the columns name and "
            "keywords (optional). Known names get the keywords given; nothing is removed.")

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        path = Path(csv_file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open(encoding="utf-8-sig", newline="") as lines:
                added, updated = load_services(lines)
        except (ServiceListRefused, UnicodeDecodeError) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"{added} services added, {updated} updated.")
