urlpatterns: list = []
from .queue_urls import urlpatterns as queue_urlpatterns  # noqa: E402, I001
urlpatterns += queue_urlpatterns
