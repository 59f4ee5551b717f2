from django.urls import path

from .intake import views as intake
from .meta import views as meta
from .queue import views as queue

urlpatterns = [
    # the queue, decisions, blocks and replies
    path("", queue.queue, name="moderation_queue"),
    path("items/<int:pk>/", queue.item_page, name="moderation_item"),
    path("items/<int:pk>/decide/", queue.decide, name="moderation_decide"),
    path("items/<int:pk>/release/", queue.release, name="moderation_release"),
    path("items/<int:pk>/screenshot/", queue.item_screenshot, name="moderation_item_screenshot"),
    path("keep/", queue.keep_many, name="moderation_keep_many"),
    path("to-do/", queue.to_do, name="moderation_to_do"),
    path("platform-actions/<int:pk>/done/", queue.confirm_done, name="moderation_confirm_done"),
    path("decisions/<int:pk>/reply/", queue.reply, name="moderation_reply"),
    path("blocked/", queue.blocked, name="moderation_blocked"),
    path("blocked/<int:pk>/unblock/", queue.unblock, name="moderation_unblock"),
    path("replies/", queue.reply_templates, name="moderation_reply_templates"),
    path("replies/new/", queue.reply_template_edit, name="moderation_reply_template_new"),
    path("replies/<int:pk>/", queue.reply_template_edit, name="moderation_reply_template_edit"),
    # channels and intake
    path("channels/", intake.channel_list, name="moderation_channels"),
    path("channels/new/", intake.channel_create, name="moderation_channel_create"),
    path("channels/<int:pk>/secret/", intake.channel_rotate_secret,
         name="moderation_channel_rotate_secret"),
    path("import/", intake.csv_import, name="moderation_csv_import"),
    path("import/confirm/", intake.csv_import_confirm, name="moderation_csv_import_confirm"),
    path("log/", intake.log_comment, name="moderation_log_comment"),
    path("deliveries/", intake.failed_deliveries, name="moderation_failed_deliveries"),
    path("deliveries/<int:pk>/retry/", intake.retry_delivery, name="moderation_retry_delivery"),
    path("words/", intake.screening_words, name="moderation_screening_words"),
    path("words/restore/", intake.screening_words_restore,
         name="moderation_screening_words_restore"),
    path("words/<str:word_list>/add/", intake.screening_word_add,
         name="moderation_screening_word_add"),
    path("words/<int:pk>/remove/", intake.screening_word_remove,
         name="moderation_screening_word_remove"),
    # connecting Facebook Pages and Instagram accounts (the Graph API)
    path("channels/<int:pk>/connection/", meta.channel_connection,
         name="moderation_channel_connection"),
    path("channels/<int:pk>/connection/connect/", meta.channel_connect,
         name="moderation_channel_connect"),
    path("channels/<int:pk>/connection/facebook-login/", meta.channel_facebook_login,
         name="moderation_channel_facebook_login"),
    path("channels/facebook-login/return/", meta.facebook_login_return,
         name="moderation_facebook_login_return"),
]
