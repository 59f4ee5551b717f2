"""Mounted at /webhooks/ (hws_engage/urls.py): the endpoints other systems call."""

from django.urls import path

from . import webhook_views

urlpatterns = [
    path("meta/", webhook_views.meta_webhook, name="webhook_meta"),
    path("channels/<int:channel_id>/", webhook_views.channel_webhook,
         name="webhook_channel"),
]
