import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import autoreload


class Command(RunserverCommand):
    help = (
        "`runserver` for a local run (what `dev.py run` starts): first applies the migrations "
        "not yet applied and loads the demo data unless it is there already."
    )

    def run(self, **options):
        # The first process prepares the database and then starts the serving process (the
        # autoreloader's child, which skips this), so preparing costs no Django start of its own.
        if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) != "true":
            self.prepare()
        super().run(**options)

    def prepare(self) -> None:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        # Reading the plan is one query; `migrate` with nothing to do would still walk every
        # app's post-migrate handlers (permissions, content types).
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Applying database migrations")
            call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", stdout=self.stdout, stderr=self.stderr)
