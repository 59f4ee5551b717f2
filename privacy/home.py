from core.registry import NavItem

from .views import people

NAV = [NavItem("Data protection", "privacy_people", people.required_roles)]
