from django.urls import path

from . import views

urlpatterns = [
    path("pending/", views.pending, name="accounts_pending"),
    path("keyboard/", views.keyboard, name="accounts_keyboard"),
    path("absence/", views.absence, name="accounts_absence"),
    path("absence/<int:pk>/end/", views.end_absence, name="accounts_end_absence"),
]
