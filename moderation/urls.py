from django.urls import path

from . import views

urlpatterns = [
    path("channels/", views.channel_list, name="moderation_channels"),
    path("channels/new/", views.channel_create, name="moderation_channel_create"),
    path("channels/<int:pk>/secret/", views.channel_rotate_secret,
         name="moderation_channel_rotate_secret"),
    path("import/", views.csv_import, name="moderation_csv_import"),
    path("import/confirm/", views.csv_import_confirm, name="moderation_csv_import_confirm"),
    path("log/", views.log_comment, name="moderation_log_comment"),
    path("words/", views.screening_words, name="moderation_screening_words"),
    path("words/restore/", views.screening_words_restore,
         name="moderation_screening_words_restore"),
    path("words/<str:word_list>/add/", views.screening_word_add,
         name="moderation_screening_word_add"),
    path("words/<int:pk>/remove/", views.screening_word_remove,
         name="moderation_screening_word_remove"),
]
from .queue_urls import urlpatterns as queue_urlpatterns  # noqa: E402, I001
urlpatterns += queue_urlpatterns
from .escalation_urls import urlpatterns as escalation_urlpatterns  # noqa: E402, I001
urlpatterns += escalation_urlpatterns
