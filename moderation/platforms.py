"""Where each platform's guidance on reporting abuse is (policy §4.1: "in accordance with the
site/tool specific guidelines for reporting abuse"). Acting on Facebook and Instagram is
moderation.meta; no other platform offers an API this app can use."""

REPORTING_GUIDANCE = {
    "facebook": "https://www.facebook.com/help/181495968648557",
    "instagram": "https://help.instagram.com/192435014247952",
    "x": "https://help.x.com/en/safety-and-security/report-abusive-behavior",
    "youtube": "https://support.google.com/youtube/answer/2802027",
    "linkedin": "https://www.linkedin.com/help/linkedin/answer/37822",
}


def reporting_guidance(platform: str) -> str:
    return REPORTING_GUIDANCE.get(platform, "")
