from django.db import migrations

from core.db import sanctioned_function


class Migration(migrations.Migration):
    dependencies = [("core", "0003_demo_data_marker")]

    operations = [sanctioned_function()]
