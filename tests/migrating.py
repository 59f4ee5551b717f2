"""Migrating the test database to a given point, for the tests that fill an older layout and
check what a migration does to it."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None) -> MigrationExecutor:
    """Migrate to `targets` ([(app, migration)]; None: the latest of every app). The executor
    returned gives the state at any point: `executor.loader.project_state(targets).apps`."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor
