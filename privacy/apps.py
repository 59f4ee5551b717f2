from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Data protection"

    def ready(self):
        from accounts.signals import person_left

        from . import leaving

        person_left.connect(leaving.on_person_left, dispatch_uid="privacy.leaving")
