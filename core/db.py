"""Database triggers behind AppendOnlyModel: the ORM refuses changes, and so does the
database itself for anyone who reaches it another way (raw SQL, a shell, a bug).

One path removes append-only rows on purpose: `sanctioned_removal`, which the retention
schedule uses for records past their time. It removes, never edits, and only inside the
transaction that opened it; the caller writes the audit record of what it removed.
"""

from contextlib import contextmanager

from django.db import connection, migrations, models
from django.utils import timezone

# PostgreSQL: the trigger function lets a DELETE through only while the transaction has set
# hws.sanctioned_removal (SET LOCAL, so it ends with the transaction). UPDATE never passes.
REFUSE_CHANGE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION hws_refuse_change() RETURNS trigger AS $$ "
    "BEGIN IF TG_OP = 'DELETE' AND "
    "coalesce(current_setting('hws.sanctioned_removal', true), '') = 'on' THEN RETURN OLD; "
    "END IF; RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP; "
    "END; $$ LANGUAGE plpgsql"
)


def _statements(vendor: str, table: str) -> tuple[list[str], list[str]]:
    if vendor == "postgresql":
        create = [
            REFUSE_CHANGE_FUNCTION,
            f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"',
            f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION hws_refuse_change()",
        ]
        drop = [f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"']
    elif vendor == "sqlite":
        # SQLite has no TRUNCATE: Django empties tables with DELETE (test flushes, `flush`),
        # so on the embedded default only UPDATE is refused here and DELETE by the ORM.
        # PostgreSQL, for real installations, refuses both (its TRUNCATE fires no row trigger).
        create = [
            f'CREATE TRIGGER IF NOT EXISTS "{table}_no_update" BEFORE UPDATE ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: UPDATE refused'); END",
        ]
        drop = [f'DROP TRIGGER IF EXISTS "{table}_no_update"']
    else:
        create, drop = [], []
    return create, drop


def append_only(table: str) -> migrations.RunPython:
    """A migration operation that makes `table` append-only in the database."""

    def forwards(apps, schema_editor):
        for sql in _statements(schema_editor.connection.vendor, table)[0]:
            schema_editor.execute(sql, params=None)

    def backwards(apps, schema_editor):
        for sql in _statements(schema_editor.connection.vendor, table)[1]:
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forwards, backwards, elidable=False)


def sanctioned_function() -> migrations.RunPython:
    """A migration operation that installs the PostgreSQL trigger function with the
    sanctioned-removal path on a database whose triggers were made before it existed."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(REFUSE_CHANGE_FUNCTION, params=None)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


@contextmanager
def sanctioned_removal():
    """Inside it, `remove(queryset)` deletes append-only rows. Must run in a transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("A sanctioned removal runs inside the transaction that records it.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL hws.sanctioned_removal = 'on'")
    try:
        yield remove
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL hws.sanctioned_removal = 'off'")


def remove(queryset: models.QuerySet) -> int:
    """Delete the rows in one statement, past AppendOnlyQuerySet's guard (the rows' own
    dependants are removed by the caller first, in the same transaction)."""
    plain = models.QuerySet(queryset.model, using=queryset.db).filter(
        pk__in=list(queryset.values_list("pk", flat=True)))
    return plain._raw_delete(plain.db)


def append_only_again(table: str) -> migrations.RunPython:
    """After an operation that rebuilds `table` (SQLite remakes a table to add a column with
    a default or a constraint, and its triggers go with the old one): the triggers again."""

    def renew(apps, schema_editor):
        drop, create = reversed(_statements(schema_editor.connection.vendor, table))
        for sql in (*drop, *create):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(renew, renew, elidable=False)


def beat_schedule(
    name: str, task: str, *, description: str = "", crontab: dict | None = None,
    every_minutes: int | None = None,
) -> migrations.RunPython:
    """A migration operation that creates a default Celery beat schedule, once.

    Schedules live in the database (django-celery-beat) so an administrator can change them in
    the admin site; a schedule in settings would be rewritten at every beat start. `crontab`
    takes CrontabSchedule fields (minute, hour, day_of_week, ...) in London time.
    """
    if (crontab is None) == (every_minutes is None):
        raise ValueError("Give exactly one of crontab or every_minutes.")

    def forwards(apps, schema_editor):
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        if crontab is not None:
            fields = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*",
                      "month_of_year": "*", **crontab, "timezone": "Europe/London"}
            schedule = {"crontab": apps.get_model(
                "django_celery_beat", "CrontabSchedule").objects.get_or_create(**fields)[0]}
        else:
            schedule = {"interval": apps.get_model(
                "django_celery_beat", "IntervalSchedule").objects.get_or_create(
                every=every_minutes, period="minutes")[0]}
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "description": description, **schedule}
        )

    def backwards(apps, schema_editor):
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=name).delete()

    return migrations.RunPython(forwards, backwards, elidable=False)


def reschedule(
    name: str, *, every_minutes: int, was_every_minutes: int, description: str = ""
) -> migrations.RunPython:
    """A migration operation that moves the default beat schedule `name` from every
    `was_every_minutes` to every `every_minutes` minutes; a schedule an administrator has
    changed already is left as it is."""

    def move(old: int, new: int, text: str):
        def run(apps, schema_editor):
            Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
            task = apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
                name=name, interval__every=old, interval__period="minutes"
            ).first()
            if task is None:
                return
            task.interval = Interval.objects.get_or_create(every=new, period="minutes")[0]
            if text:
                task.description = text
            task.save(update_fields=["interval", "description"])
            apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
                ident=1, defaults={"last_update": timezone.now()})
        return run

    return migrations.RunPython(
        move(was_every_minutes, every_minutes, description),
        move(every_minutes, was_every_minutes, ""), elidable=False,
    )


def rename_tasks(renamed: dict[str, str]) -> migrations.RunPython:
    """A migration operation that points the stored beat schedules at tasks' new names
    ({old name: new name}); backwards, at the old ones. Nothing else of a schedule changes."""

    def rename(mapping: dict[str, str]):
        def run(apps, schema_editor):
            PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
            for old, new in mapping.items():
                PeriodicTask.objects.filter(task=old).update(task=new)

        return run

    return migrations.RunPython(
        rename(renamed), rename({new: old for old, new in renamed.items()}), elidable=False
    )
