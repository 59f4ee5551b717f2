import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hws_engage.settings")

app = Celery("hws_engage")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
