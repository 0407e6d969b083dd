"""Reading ease beside a text box's word count: Flesch score, its band and the edition's target."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from model import plain_english
from model.spelling_checks import loading
from model.types import EditionContent
from ui.spelling import hub

# The open edition's targets, set by the session (ui/session.py) from edition.yaml.
_target = EditionContent.reading_ease_target
_long_words = EditionContent.long_sentence_words


def set_target(value: int, long_words: int = EditionContent.long_sentence_words) -> None:
    global _target, _long_words
    _target, _long_words = value, long_words


def summary(text: str, target: int, long_words: int = EditionContent.long_sentence_words) -> str:
    """'208 words · ⚠ reading ease 45, difficult (target 50) · 2 sentences over 30 words'."""
    score = plain_english.readability(text)
    words = f"{score.words} word{'s' if score.words != 1 else ''}"
    ease = score.ease
    if ease is None or not score.scored:
        out = f"{words} · reading ease: too short to score"
    else:
        mark = "✓" if ease >= target else "⚠"
        out = f"{words} · {mark} reading ease {ease:.0f}, {plain_english.describe(ease)} (target {target})"
    long = len(plain_english.long_sentences(text, long_words))
    if long:
        out += f" · {long} sentence{'s' if long != 1 else ''} over {long_words} words"
    return out


class ReadabilityLabel(QLabel):
    """Follows a text box: words and reading ease, recomputed as it changes (cached by text: < 1 ms)."""

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None, *, with_words: bool = True) -> None:
        super().__init__(parent or edit.parentWidget())
        self._edit = edit
        self._with_words = with_words  # False beside a page's own word count
        self.setAccessibleName("Reading ease")
        self.setToolTip("Flesch reading ease of this text: 60–70 is plain English, higher is easier. "
                        "Shorter sentences and shorter words raise it. The edition sets the target.")
        edit.document().contentsChanged.connect(self.refresh)
        hub().changed.connect(self.refresh)  # also when the binder loads a value, signals blocked
        self.refresh()

    def refresh(self) -> None:
        if loading():  # the syllable patterns load in the background; the hub's signal comes back here
            self.setText("reading ease: …")
            return
        text = summary(self._edit.toPlainText(), _target, _long_words)
        if not self._with_words:
            text = text.split(" · ", 1)[1]
        if text != self.text():
            self.setText(text)


def with_readability(edit: QPlainTextEdit) -> QWidget:
    """The text box with its words and reading ease underneath, as one form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(edit)
    layout.addWidget(ReadabilityLabel(edit, box))
    return box
