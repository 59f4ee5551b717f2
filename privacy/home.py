from core.registry import NavItem

from .views import audit_export, people

NAV = [
    NavItem("Requests from people", "privacy_people", people.required_roles,
            group="Data protection"),
    NavItem("Audit trail", "privacy_audit_export", audit_export.required_roles,
            group="Data protection"),
]
