"""What the app knows about each platform: where its guidance on reporting abuse is (policy
§4.1: "in accordance with the site/tool specific guidelines for reporting abuse") and, once
credentials exist, how to act on it from here.

No platform has credentials yet, so `connector_for` answers None and every platform action is
done by hand on the platform and confirmed in the app.
"""

from typing import Protocol

REPORTING_GUIDANCE = {
    "facebook": "https://www.facebook.com/help/181495968648557",
    "instagram": "https://help.instagram.com/192435014247952",
    "x": "https://help.x.com/en/safety-and-security/report-abusive-behavior",
    "youtube": "https://support.google.com/youtube/answer/2802027",
    "linkedin": "https://www.linkedin.com/help/linkedin/answer/37822",
}


class PlatformError(Exception):
    """The platform refused or could not be reached; the task retries with back-off."""


class Connector(Protocol):
    def perform(self, kind: str, item, reply_text: str = "") -> None: ...


# Filled in when a platform's credentials are configured: {"facebook": FacebookConnector()}.
CONNECTORS: dict[str, Connector] = {}


def connector_for(channel) -> Connector | None:
    return CONNECTORS.get(channel.platform)


def reporting_guidance(platform: str) -> str:
    return REPORTING_GUIDANCE.get(platform, "")
