from django.db import migrations

from core.db import sanctioned_function


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_trail_is_append_only")]

    operations = [sanctioned_function()]
