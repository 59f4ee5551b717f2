from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="optins_home"),
    path("mine/", views.mine, name="optins_mine"),
    path("mine/request/", views.request_new, name="optins_request_new"),
    path("mine/requests/<int:pk>/cancel/", views.cancel, name="optins_cancel"),
    path("mine/memberships/<int:pk>/leave/", views.leave, name="optins_leave"),
    path("queue/", views.queue, name="optins_queue"),
    path("requests/email/", views.log_email, name="optins_log_email"),
    path("requests/<int:pk>/", views.request_detail, name="optins_request"),
    path("requests/<int:pk>/approve/", views.approve, name="optins_approve"),
    path("requests/<int:pk>/decline/", views.decline, name="optins_decline"),
    path("requests/<int:pk>/remind/", views.remind, name="optins_remind"),
    path("requests/<int:pk>/add/", views.add, name="optins_add"),
    path("requests/<int:pk>/email-file/", views.attachment, name="optins_attachment"),
    path("groups/", views.rosters, name="optins_rosters"),
    path("members/<int:pk>/", views.member, name="optins_member"),
    path("members/<int:pk>/removed/", views.removed, name="optins_removed"),
    path("members/<int:pk>/remove-until-signed/", views.remove_until_signed,
         name="optins_remove_until_signed"),
    path("members/<int:pk>/breach/", views.breach, name="optins_breach"),
    path("monitoring/", views.monitoring, name="optins_monitoring"),
]
