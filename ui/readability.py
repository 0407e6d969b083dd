"""Reading ease beside a text box's word count: Flesch score, its band and the edition's target."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from model import plain_english
from model.spelling_checks import loading
from model.types import EditionContent
from ui.spelling import hub

_target = EditionContent.reading_ease_target  # the open edition's, set by the session (ui/session.py)


def set_target(value: int) -> None:
    global _target
    _target = value


def summary(text: str, target: int) -> str:
    """'208 words · reading ease 45, difficult (target 50)'."""
    score = plain_english.readability(text)
    words = f"{score.words} word{'s' if score.words != 1 else ''}"
    ease = score.ease
    if ease is None or not score.scored:
        return f"{words} · reading ease: too short to score"
    mark = "✓" if ease >= target else "⚠"
    return f"{words} · {mark} reading ease {ease:.0f}, {plain_english.describe(ease)} (target {target})"


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
        text = summary(self._edit.toPlainText(), _target)
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
