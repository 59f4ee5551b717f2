from django.core.management.base import BaseCommand, CommandError

from moderation.intake.screener import current_screener
from screening.cli import InputError, open_input, run


class Command(BaseCommand):
    help = (
        "Screen a file of comments (JSON lines or CSV, with id and text; - for standard input) "
        "with the word lists in the database. Prints one JSON line per comment, in input order: "
        '{"id": ..., "findings": [{"term", "kind", "match", "start", "end"}]}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl or .csv file, or - for standard input")
        parser.add_argument("--format", choices=["jsonl", "csv"], default=None,
                            help="the input format, when the file's name does not say")

    def handle(self, *args, file: str, format: str | None, **options):
        try:
            stream, detected = open_input(file)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        try:
            with stream:
                run(stream, format or detected, screener=current_screener(), out=self.stdout)
        except InputError as exc:
            raise CommandError(f"{file}: {exc}") from exc
