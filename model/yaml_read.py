"""Reading YAML safely: a node tree with line numbers, refusing aliases, tags, duplicates, bombs.

We never construct Python objects from YAML tags: the file is composed into nodes and the
schema (convert.py) decides what each scalar means, so `no`, `12:30` and `0300 123 1212` stay
the strings they were typed as.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

import yaml

if TYPE_CHECKING:
    from yaml._yaml import Mark as _CMark  # the C parser's mark, same fields

MAX_FILE_BYTES = 1_000_000  # a borough draft is a few KB; a larger file is almost surely wrong
MAX_DEPTH = 40  # the deepest real structure is about 5 levels
MAX_NODES = 200_000
_SURROGATE = re.compile("[\ud800-\udfff]")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, in words a comms officer can act on."""

    file: str
    line: int | None  # 1-based
    column: int | None  # 1-based
    path: str  # field path such as `results[1].change_pct`; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        field = f" (field {self.path})" if self.path else ""
        return f"{where}{field}: {self.message}"


class LoadError(Exception):
    """The input could not be read; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def summary(self, limit: int = 3) -> str:
        """The first `limit` problems on one line, for a list of held-back files."""
        return "; ".join(str(p) for p in self.problems[:limit])


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _mark_position(mark: yaml.Mark | _CMark | None) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


class _GuardedLoader(yaml.SafeLoader):
    """A composer that refuses what a draft never needs and a hostile file might use."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self._file = file
        self._depth = 0
        self._count = 0

    def _fail(self, mark: yaml.Mark | _CMark | None, message: str) -> NoReturn:
        line, column = _mark_position(mark)
        raise LoadError([Problem(self._file, line, column, "", message)])

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in PyYAML's stubs
        if isinstance(event, yaml.AliasEvent):
            self._fail(event.start_mark, "aliases (*name) are not allowed in a draft; write the value out in full")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._fail(event.start_mark, "anchors (&name) are not allowed in a draft; remove the anchor")
        self._count += 1
        if self._count > MAX_NODES:
            self._fail(event.start_mark, f"the file has more than {MAX_NODES} values; a draft is far smaller")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._fail(event.start_mark, f"values are nested more than {MAX_DEPTH} levels deep")
        try:
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1
        assert node is not None  # PyYAML returns a node for every event it is handed here
        if node.tag not in _STANDARD_TAGS:
            self._fail(node.start_mark, f"the tag {node.tag!r} is not allowed; remove it and write a plain value")
        if isinstance(node, yaml.ScalarNode) and _SURROGATE.search(node.value):
            # Only a "\ud800" escape makes one: it is no character, cannot be saved, printed or hashed.
            self._fail(node.start_mark, "the text holds a lone surrogate (an escape such as \\ud800 that is not a "
                                        "character); remove it or type the character itself")
        return node

    def compose_mapping_node(self, anchor: object) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)  # type: ignore[arg-type]
        seen: dict[str, yaml.Node] = {}
        for key, _value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self._fail(key.start_mark, "a key must be a plain word, not a list or map")
            assert isinstance(key, yaml.ScalarNode)
            if key.value in seen:
                first = seen[key.value].start_mark.line + 1
                self._fail(key.start_mark, f"the key {key.value!r} appears twice (first on line {first}); keep one")
            seen[key.value] = key
        return node


def decode(data: bytes, file: str) -> str:
    """Bytes to text, with the line and column of the first byte that is not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([Problem(file, None, None, "",
                                 f"the file is {len(data):,} bytes; a draft is at most {MAX_FILE_BYTES:,}. "
                                 "Is this the right file?")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LoadError([Problem(file, line, column, "",
                                 "the file is not UTF-8 text; save it as UTF-8 (in Excel or Word: "
                                 "'UTF-8' encoding) and try again")]) from None


def compose(text: str, file: str) -> yaml.Node:
    """Parse YAML text into a node tree, or raise LoadError naming file, line and column."""
    if not text.strip():
        raise LoadError([Problem(file, None, None, "", "the file is empty")])
    try:
        # The reader checks for unprintable characters already in the constructor.
        loader = _GuardedLoader(text, file)
    except yaml.reader.ReaderError as exc:
        line, column = _text_position(text, exc.position)
        raise LoadError([Problem(file, line, column, "",
                                 f"the file contains a control character (code {exc.character:#06x}) that a "
                                 "text file cannot hold; is it a binary file or damaged?")]) from None
    try:
        node = loader.get_single_node()
    except LoadError:
        raise
    except yaml.MarkedYAMLError as exc:
        at_line, at_column = _mark_position(exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "the YAML is malformed"
        if "\t" in text and ("tab" in what or "found character" in what):
            what += " (YAML does not allow tab characters for indentation; use spaces)"
        raise LoadError([Problem(file, at_line, at_column, "", f"this is not valid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(file, None, None, "", f"this is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise LoadError([Problem(file, None, None, "", "values are nested too deeply")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise LoadError([Problem(file, None, None, "", "the file is empty")])
    return node


def comment_lines(text: str) -> list[int]:
    """The 1-based lines holding a `# comment` (a `#` outside every quoted or plain value).

    Canonical saving cannot keep comments, so `fmt` uses this to refuse rather than drop them.
    """
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):  # the header line ("|-  # a note") is not the block's text
                    start = text.find("\n", start) + 1 or token.end_mark.index
                spans.append((start, token.end_mark.index))
    except yaml.YAMLError:
        return []  # unreadable text is reported by the loader, not here
    spans.sort()
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    lines: list[int] = []
    at = 0
    for offset, char in enumerate(text):
        if char != "#" or (offset > 0 and text[offset - 1] not in " \t\n\r"):
            continue
        while at < len(spans) and spans[at][1] <= offset:
            at += 1
        if at < len(spans) and spans[at][0] <= offset < spans[at][1]:
            continue
        line = bisect.bisect_right(starts, offset)
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines
