import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from screening.cli import InputError, format_for_path, run

ROOT = Path(__file__).resolve().parents[2]


def _run(text: str, fmt: str | None = None) -> list[dict]:
    out = io.StringIO()
    run(io.StringIO(text), fmt, out=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_jsonl_input_gives_one_line_per_comment_in_order_keeping_id_types():
    lines = _run('{"id": 2, "text": "call 07700 900077"}\n\n{"id": "a", "text": "fine"}\n')
    assert [line["id"] for line in lines] == [2, "a"]
    assert lines[0]["findings"] == [
        {
            "term": "personal_details",
            "kind": "phone",
            "match": "07700 900077",
            "start": 5,
            "end": 17,
        }
    ]
    assert lines[1]["findings"] == []


def test_csv_input_is_read_by_its_id_and_text_columns():
    lines = _run('text,id\n"shit, SM1 2SS",7\n', "csv")
    assert lines[0]["id"] == "7"
    assert [f["kind"] for f in lines[0]["findings"]] == ["profanity", "postcode"]


def test_format_is_sniffed_from_the_first_non_blank_character_when_not_given():
    assert _run('\n{"id": 1, "text": "x"}\n')[0]["id"] == 1
    assert _run("id,text\n1,x\n")[0]["id"] == "1"


def test_format_follows_the_file_extension():
    assert (format_for_path("a.csv"), format_for_path("b.jsonl"), format_for_path("-")) == (
        "csv",
        "jsonl",
        None,
    )


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ('{"id": 1, "text": "x"}\n{bad json\n', "jsonl", "line 2: not valid JSON"),
        ('{"id": 1}\n', "jsonl", "line 1: missing 'text'"),
        ('["id", "text"]\n', "jsonl", "line 1: expected a JSON object"),
        ("id,body\n1,x\n", "csv", "line 1: CSV header needs columns 'id' and 'text'"),
        ("id,text\n1,x\n2\n", "csv", "line 3: row has no"),
    ],
)
def test_bad_input_raises_an_error_naming_the_line(text, fmt, message):
    with pytest.raises(InputError, match=message):
        _run(text, fmt)


def test_module_runs_as_a_command_on_standard_input():
    result = subprocess.run(
        [sys.executable, "-m", "screening", "-"],
        input='{"id": 1, "text": "you idiot"}\n',
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(result.stdout)["findings"][0]["kind"] == "insult"


def test_command_exits_non_zero_with_the_line_on_bad_input(tmp_path):
    bad = tmp_path / "comments.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\nnot json\n')
    result = subprocess.run(  # noqa: S603 - our own interpreter and a temp file
        [sys.executable, "-m", "screening", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "line 2" in result.stderr


def test_safeguarding_findings_use_the_term_safeguarding_and_their_own_kinds():
    lines = _run(
        '{"id": 1, "text": "I want to end it all"}\n'
        '{"id": 2, "text": "my stepdad hurts me when mum is at work"}\n'
    )
    assert [(f["term"], f["kind"]) for line in lines for f in line["findings"]] == [
        ("safeguarding", "self_harm"),
        ("safeguarding", "abuse_disclosure"),
    ]
