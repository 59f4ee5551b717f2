"""The page fixture runs axe-core on every page a browser test loads; a serious or critical
violation fails the test. This pins that the check runs and catches a real fault."""

import pytest

pytestmark = pytest.mark.browser


def test_axe_runs_on_each_loaded_page_and_reports_serious_violations(page):
    page.goto("/accounts/login/")
    assert page.axe_violations == []
    # A page with a button that has no name: axe-core's "button-name" rule (critical).
    page.route("**/broken/", lambda route: route.fulfill(
        content_type="text/html",
        body="<!DOCTYPE html><html lang='en'><head><title>Broken</title></head>"
             "<body><main><button></button></main></body></html>",
    ))
    page.goto("/broken/")
    assert any("button-name (critical)" in v for v in page.axe_violations)
    page.axe_violations.clear()
