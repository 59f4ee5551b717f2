import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
TEXTS = [
    "Flat 4, 10 Cheam Road, Sutton SM1 2SS — ring 07700 900077 you idiot",
    "Ünïcödé first: f u c k, sh1t and dave99 AT example DOT co DOT uk",
    "İstanbul İİİ then bullshit",  # "İ".lower() is two characters: offsets must not drift
    "emoji 😀😀 then p!ss-take and NHS number 5432319489",
] + [json.loads(line)["text"] for line in (HERE / "heldout.jsonl").open()]


@pytest.mark.parametrize("text", TEXTS)
def test_every_finding_points_at_its_match_in_the_original_text(text, screener):
    for finding in screener.screen(text):
        assert text[finding.start : finding.end] == finding.match


def test_findings_are_sorted_by_start(screener):
    findings = screener.screen(TEXTS[0])
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert len(findings) >= 4


def test_as_dict_is_the_cli_shape_and_full_dict_adds_severity(screener):
    [finding] = screener.screen("call 07700 900077")
    assert finding.as_dict() == {
        "term": "personal_details",
        "kind": "phone",
        "match": "07700 900077",
        "start": 5,
        "end": 17,
    }
    assert finding.as_full_dict()["severity"] == 3
    assert finding.as_full_dict()["characteristic"] is None
