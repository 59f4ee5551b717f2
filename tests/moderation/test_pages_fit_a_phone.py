"""The moderator's pages work at phone width: nothing pushes the page wider than the screen,
so nobody has to scroll sideways to read a comment or reach a button."""

import pytest

from moderation.models import ScreeningWord
from moderation.queue.services import decide
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/moderation/", "/moderation/?tab=decided", "/moderation/channels/",
         "/moderation/blocked/", "/moderation/log/", "/moderation/words/",
         "/moderation/to-do/", "/moderation/?tab=clean"]


def test_moderation_pages_are_no_wider_than_a_phone(page, sign_in, screenshot):
    me = moderator()
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook",
                              platform_account_id="104958162837")
    # The longest policy term, on a waiting comment and on a decided one.
    flagged_item("Ring me on 07700 900461", "07700 900461", term="personal_details",
                 kind="phone", severity=3, channel=facebook)
    blocked = flagged_item("You lot are useless idiots", "useless idiots", term="bullying",
                           kind="insult", severity=3, channel=facebook)
    decide(item_id=blocked.pk, actor=me, action="block_delete", seen=0,
           terms=["inappropriate_behaviour"])
    ScreeningWord.objects.get_or_create(list=ScreeningWord.List.SOLICITATION,
                                 text="cheap meds|pills|viagra|tablets|medication|prescriptions")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, me)
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            screenshot(page, "too-wide" + path.replace("/", "-").replace("?", "-"))
        assert width <= 390, f"{path} is {width} px wide on a 390 px screen"
