from .queue_admin import *  # noqa: F401, F403
