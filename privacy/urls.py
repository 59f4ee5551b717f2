from django.urls import path

from . import views

urlpatterns = [
    path("", views.notice, name="privacy_notice"),
    path("requests/", views.people, name="privacy_people"),
    path("requests/authors/<int:pk>/", views.author_export, name="privacy_author_export"),
    path("requests/authors/<int:pk>/erase/", views.author_erase, name="privacy_author_erase"),
    path("requests/users/<int:pk>/", views.user_export, name="privacy_user_export"),
    path("requests/users/<int:pk>/erase/", views.user_erase, name="privacy_user_erase"),
    path("requests/erasures/<int:pk>/", views.erasure, name="privacy_erasure"),
    path("audit-trail/", views.audit_export, name="privacy_audit_export"),
]
