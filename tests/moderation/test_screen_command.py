"""`python manage.py screen FILE`: one JSON line per comment, in input order, id as given,
screened with the word lists in the database."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from moderation.models import ScreeningWord

pytestmark = pytest.mark.django_db


def screen(path, stdin=None, monkeypatch=None):
    out = io.StringIO()
    call_command("screen", str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_json_lines_in_one_line_out_per_comment_in_order_with_ids_as_given(tmp_path):
    path = tmp_path / "comments.jsonl"
    path.write_text(
        json.dumps({"id": 7, "text": "Call 07700 900077"}) + "\n"
        + json.dumps({"id": "b", "text": "Lovely staff"}) + "\n"
        + json.dumps({"id": None, "text": "email me at jo@example.com"}) + "\n"
    )
    lines = screen(path)
    assert [line["id"] for line in lines] == [7, "b", None]
    assert lines[1] == {"id": "b", "findings": []}
    assert lines[0]["findings"] == [{"term": "personal_details", "kind": "phone",
                                     "match": "07700 900077", "start": 5, "end": 17}]
    assert set(lines[2]["findings"][0]) == {"term", "kind", "match", "start", "end"}


def test_csv_in(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_text('id,text\n1,"hello, there"\n2,you idiot\n')
    lines = screen(path)
    assert [line["id"] for line in lines] == ["1", "2"]
    assert lines[1]["findings"][0]["term"] == "bullying"


def test_standard_input(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(b'{"id": 1, "text": "SM1 1AA"}\n')

    monkeypatch.setattr("sys.stdin", FakeStdin)
    lines = screen("-")
    assert lines[0]["findings"][0]["kind"] == "postcode"


def test_the_database_word_lists_are_used(tmp_path):
    ScreeningWord.objects.create(list="banned", text="flibbertigibbet")
    from moderation.intake.screener import word_lists_changed

    word_lists_changed()
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": 1, "text": "a flibbertigibbet"}\n')
    assert screen(path)[0]["findings"][0]["kind"] == "banned_word"


def test_a_bad_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\n')
    with pytest.raises(CommandError, match="line 1: missing 'text'"):
        screen(path)
    with pytest.raises(CommandError, match="cannot read"):
        screen(tmp_path / "missing.jsonl")
