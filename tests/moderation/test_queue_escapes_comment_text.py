import pytest
from django.urls import reverse

from moderation.highlight import highlight
from moderation.models import Finding
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db

PAYLOAD = 'shit <script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def test_highlighting_escapes_every_segment_and_marks_only_the_findings():
    findings = [
        Finding(term="inappropriate_material", start=0, end=4, severity=2),
        Finding(term="bullying", start=5, end=13, severity=3),
    ]
    html = highlight(PAYLOAD, findings)
    assert "<script" not in html and "<img" not in html
    assert '<mark class="finding" title="posting materials' in html
    assert '<mark class="finding finding-severe" title="using the page/tool' in html
    assert "&lt;script&gt;" in html and "onerror=&quot;window.pwned=2&quot;" in html


def test_out_of_range_or_overlapping_findings_do_not_break_the_text():
    findings = [
        Finding(term="bullying", start=2, end=6, severity=1),
        Finding(term="bullying", start=4, end=9, severity=1),
        Finding(term="bullying", start=50, end=80, severity=1),
    ]
    assert highlight("abcdefghij", findings) == (
        'ab<mark class="finding" title="using the page/tool to bully other users">cdefghi</mark>j'
    )


def test_queue_and_item_pages_show_script_as_text(client):
    item = flagged_item(PAYLOAD, "shit")
    client.force_login(moderator())
    for url in (reverse("moderation_queue"), reverse("moderation_item", args=[item.pk])):
        text = client.get(url).text
        assert "<script>window.pwned" not in text
        assert "<img src=x" not in text
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text
