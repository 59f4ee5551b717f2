from django.urls import path

from . import views

urlpatterns = [
    path("", views.concerns, name="safeguarding_concerns"),
    path("lead/", views.lead, name="safeguarding_lead"),
    path("<int:pk>/", views.concern, name="safeguarding_concern"),
    path("<int:pk>/evidence/", views.evidence, name="safeguarding_concern_evidence"),
    path("<int:pk>/respond/", views.respond, name="safeguarding_respond"),
]
