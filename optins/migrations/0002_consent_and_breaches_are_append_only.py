from django.db import migrations

from core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("optins", "0001_whatsapp_groups_optins_monitoring_breaches")]

    operations = [append_only("optins_consent"), append_only("optins_breach")]
