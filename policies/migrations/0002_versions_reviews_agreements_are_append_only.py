from django.db import migrations

from core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_policies_reviews_and_social_account_register")]

    operations = [
        append_only("policies_policyversion"),
        append_only("policies_policyreview"),
        append_only("policies_accountagreement"),
    ]
