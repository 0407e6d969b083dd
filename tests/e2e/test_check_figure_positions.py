"""Issue 14 item 11: `check --json` points at the figure itself: its line, column and text."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from main import main
from model.findings import text_position
from model.storage import load_borough, parse_document, serialize
from model.types import Borough, Commander
from tests.conftest import SAMPLE


def test_check_json_gives_line_column_and_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "edition"
    shutil.copytree(SAMPLE, folder)
    path = folder / "boroughs" / "tower-hamlets.yaml"
    doc = load_borough(path).doc
    message = ("Our results show hard work.\n\nKnife crime fell by 10.4%, youth violence by 21.4% and gun crime "
               "by 19.6%.\n\nThank you.")
    path.write_bytes(serialize(dataclasses.replace(doc, commander=dataclasses.replace(doc.commander, message=message))))
    assert main(["check", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    (wrong,) = [f for f in findings if f["code"] == "prose.contradicts_table"]
    assert wrong["figure"] == "19.6%"
    line = path.read_text(encoding="utf-8").splitlines()[wrong["line"] - 1]
    assert line[wrong["column"] - 1:].startswith("19.6%")
    assert {"file", "path", "severity", "code", "message", "line"} <= set(wrong)  # the keys scripts read stay


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="abc DEF 12.5% '\"#:-|>\u00e9\U0001F46E", min_size=1, max_size=60),
                min_size=1, max_size=4), st.data())
def test_a_position_given_is_always_the_character_in_the_file(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines)
    borough = Borough(borough="X", commander=Commander(name="N", message=text))
    raw = serialize(borough)
    doc, source_map = parse_document(Borough, raw, "x.yaml")
    stored = doc.commander.message
    if not stored.strip():
        return
    offset = data.draw(st.integers(0, len(stored) - 1))
    if stored[offset] in "\n ":
        return
    where = source_map["commander.message"]
    position = text_position(raw.decode("utf-8"), where[0], where[1], stored, offset)
    if position is None:
        return  # a value YAML had to escape: the field's own line is given instead
    line, column = position
    assert raw.decode("utf-8").splitlines()[line - 1][column - 1] == stored[offset]


def test_a_figure_in_a_multi_line_message_is_always_located() -> None:
    text = "First paragraph.\n\nKnife crime fell by 10.4%, gun crime by 19.6%.\n"
    raw = serialize(Borough(borough="X", commander=Commander(name="N", message=text)))
    doc, source_map = parse_document(Borough, raw, "x.yaml")
    offset = doc.commander.message.index("19.6%")
    position = text_position(raw.decode("utf-8"), *source_map["commander.message"], doc.commander.message, offset)
    assert position is not None
    assert raw.decode("utf-8").splitlines()[position[0] - 1][position[1] - 1:].startswith("19.6%")
