from django.urls import path

from . import views

urlpatterns = [
    path("escalations/", views.escalations, name="moderation_escalations"),
    path("escalations/report/", views.board_report, name="moderation_escalation_report"),
    path("escalations/from-whatsapp-breach/<int:pk>/", views.raise_from_breach,
         name="moderation_escalation_raise_from_breach"),
    path("escalations/<int:pk>/", views.escalation, name="moderation_escalation"),
    path("escalations/<int:pk>/evidence/", views.evidence, name="moderation_escalation_evidence"),
    path("escalations/<int:pk>/screenshot/", views.screenshot,
         name="moderation_escalation_screenshot"),
    path("escalations/<int:pk>/take/", views.take, name="moderation_escalation_take"),
    path("escalations/<int:pk>/consultations/", views.consult,
         name="moderation_escalation_consult"),
    path("escalations/<int:pk>/police-report/", views.decide, {"outcome": "police_report"},
         name="moderation_escalation_police_report"),
    path("escalations/<int:pk>/no-report/", views.decide, {"outcome": "no_report"},
         name="moderation_escalation_no_report"),
    path("escalations/<int:pk>/crime-reference/", views.crime_reference,
         name="moderation_escalation_crime_reference"),
]
