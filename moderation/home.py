NAV: list = []
from .queue_home import QUEUE_NAV, attention  # noqa: E402, F401, I001
NAV = QUEUE_NAV + NAV
