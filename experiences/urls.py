from django.urls import path

from . import views

urlpatterns = [
    path("from-item/<int:item_id>/", views.record, name="experiences_record"),
    path("<int:pk>/thanks/", views.thanks, name="experiences_thanks"),
    path("log/", views.log, name="experiences_log"),
    path("trends/", views.trends, name="experiences_trends"),
    path("trends/experiences/", views.drill_down, name="experiences_drill_down"),
    path("export.csv", views.export, name="experiences_export"),
]
