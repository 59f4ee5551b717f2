# The browser fixtures live beside the foundation's browser tests; this app's browser test
# sits with the app's other tests, so it imports them.
from tests.browser.conftest import browser, page, screenshot, sign_in  # noqa: F401
