"""The text convention of every long field: blank lines split paragraphs, `- ` starts a bullet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Paragraph | Bullets


def _is_bullet(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(("- ", "* ", "• ")) or stripped in {"-", "*", "•"}


def _bullet_text(line: str) -> str:
    return line.lstrip()[1:].strip()


def parse_blocks(text: str) -> list[Block]:
    """Split a field's text into paragraphs and bullet lists, in order.

    Lines of one paragraph are joined with a space (a line break inside a paragraph is
    not meaningful, as in Markdown); an empty bullet is dropped.
    """
    blocks: list[Block] = []
    lines: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if lines:
            blocks.append(Paragraph(" ".join(line.strip() for line in lines)))
            lines.clear()

    def flush_bullets() -> None:
        if items:
            blocks.append(Bullets(tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush_paragraph()
            flush_bullets()
        elif _is_bullet(raw):
            flush_paragraph()
            if _bullet_text(raw):
                items.append(_bullet_text(raw))
        elif items and raw.startswith((" ", "\t")):
            items[-1] += " " + raw.strip()  # an indented line continues the bullet above
        else:
            flush_bullets()
            lines.append(raw)
    flush_paragraph()
    flush_bullets()
    return blocks


def paragraphs(text: str) -> list[str]:
    """Every paragraph and bullet of `text` as plain strings, in order."""
    out: list[str] = []
    for block in parse_blocks(text):
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.extend(block.items)
    return out
