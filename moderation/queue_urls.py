from django.urls import path

from . import queue_views as views

urlpatterns = [
    path("", views.queue, name="moderation_queue"),
    path("items/<int:pk>/", views.item_page, name="moderation_item"),
    path("items/<int:pk>/decide/", views.decide, name="moderation_decide"),
    path("items/<int:pk>/release/", views.release, name="moderation_release"),
    path("platform-actions/<int:pk>/done/", views.confirm_done, name="moderation_confirm_done"),
    path("decisions/<int:pk>/reply/", views.reply, name="moderation_reply"),
    path("blocked/", views.blocked, name="moderation_blocked"),
    path("blocked/<int:pk>/unblock/", views.unblock, name="moderation_unblock"),
    path("replies/", views.reply_templates, name="moderation_reply_templates"),
    path("replies/new/", views.reply_template_edit, name="moderation_reply_template_new"),
    path("replies/<int:pk>/", views.reply_template_edit, name="moderation_reply_template_edit"),
]
