"""Migrating the test database to a given point, for the tests that fill an older layout and
check what a migration does to it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None) -> MigrationExecutor:
    """Migrate to `targets` ([(app, migration)]; None: the latest of every app). The executor
    returned gives the state at any point: `executor.loader.project_state(targets).apps`."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.fixture
def back_to_the_latest():
    """A test that migrates back leaves every app at its latest migration, whatever it asserts:
    migrating one app forward does not bring back the others' migrations unapplied with it."""
    yield
    migrate()
