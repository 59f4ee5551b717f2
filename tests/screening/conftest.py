"""Fixtures for the screening tests: plain Python, no database, no Django."""

from collections.abc import Callable

import pytest

from screening import Finding, Screener


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener()


@pytest.fixture(scope="session")
def kinds(screener: Screener) -> Callable[[str], set[str]]:
    """The set of finding kinds in a comment."""

    def _kinds(text: str) -> set[str]:
        return {f.kind for f in screener.screen(text)}

    return _kinds


@pytest.fixture(scope="session")
def matches(screener: Screener) -> Callable[[str, str], list[str]]:
    """The matched texts of one kind in a comment."""

    def _matches(text: str, kind: str) -> list[str]:
        found: list[Finding] = screener.screen(text)
        return [f.match for f in found if f.kind == kind]

    return _matches
