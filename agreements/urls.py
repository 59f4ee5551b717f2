from django.urls import path

from . import views

urlpatterns = [
    path("", views.current, name="agreements_current"),
    path("signatures/<uuid:reference>/", views.signature, name="agreements_signature"),
    path("signatures/<uuid:reference>/pdf/", views.signature_pdf, name="agreements_signature_pdf"),
    path("register/", views.register, name="agreements_register"),
    path("register.csv", views.register_csv, name="agreements_register_csv"),
    path("versions/", views.versions, name="agreements_versions"),
    path("versions/<int:number>/", views.version, name="agreements_version"),
    path("draft/", views.draft, name="agreements_draft"),
]
