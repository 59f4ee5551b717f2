from .escalation_admin import *  # noqa: F401, F403
from .queue_admin import *  # noqa: F401, F403
