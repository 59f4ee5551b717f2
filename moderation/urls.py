urlpatterns: list = []
from .queue_urls import urlpatterns as queue_urlpatterns  # noqa: E402, I001
urlpatterns += queue_urlpatterns
from .escalation_urls import urlpatterns as escalation_urlpatterns  # noqa: E402, I001
urlpatterns += escalation_urlpatterns
