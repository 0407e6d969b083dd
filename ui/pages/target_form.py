"""The structured way to write a priority's target: measure, direction and percentage, as three fields.

It adds a `Target` to the selected priority (or a new one) as one undoable edit; the line under it
shows the words the leaflet will print, so the direction can be checked before it is added.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.leaflet import target_phrase
from model.types import Priority, Target
from ui.list_table import ListTableModel

REDUCTION, INCREASE = "reduction", "increase"


def known_measures(document: Any) -> list[str]:
    """The catalogue's measures, then the borough's own results rows not in it, for the measure list."""
    names: list[str] = []
    try:
        from model.catalogue import load_catalogue

        names = list(load_catalogue().names)
    except (ImportError, OSError, ValueError):  # the catalogue is an aid: without it the field is free text
        names = []
    if document is not None:
        seen = {n.lower() for n in names}
        names += [r.measure for r in document.data.results if r.measure and r.measure.lower() not in seen]
    return names


class TargetForm(QGroupBox):
    """Measure (from the catalogue, or typed), direction, percentage, and "Add Target"."""

    def __init__(self, model: ListTableModel, view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__("Add a target to the selected priority", parent)
        self.model = model
        self.view = view
        self.measure = QComboBox()
        self.measure.setEditable(True)
        self.measure.setAccessibleName("Target measure")
        self.measure.setMinimumContentsLength(12)
        self.direction = QComboBox()
        self.direction.addItems([REDUCTION, INCREASE])
        self.direction.setAccessibleName("Target direction")
        self.percentage = QDoubleSpinBox()
        self.percentage.setRange(0.0, 100.0)
        self.percentage.setDecimals(1)
        self.percentage.setSingleStep(0.5)
        self.percentage.setSuffix(" %")
        self.percentage.setValue(1.0)
        self.percentage.setAccessibleName("Target percentage")
        self.add_button = QPushButton("Add &Target")
        self.add_button.setAccessibleName("Add the target to the selected priority")
        self.add_button.clicked.connect(self.add_target)
        self.prints = QLabel()
        self.prints.setAccessibleName("What the leaflet will print")
        # Two rows, so that the page fits a narrow form pane (1024 px screens) without scrolling sideways.
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, label, widget in ((first, "&Measure:", self.measure), (second, "&Direction:", self.direction),
                                   (second, "&Percentage:", self.percentage)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget, 1 if widget is self.measure else 0)
        second.addWidget(self.add_button)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.prints)
        self.measure.currentTextChanged.connect(self._show_phrase)
        self.direction.currentTextChanged.connect(self._show_phrase)
        self.percentage.valueChanged.connect(self._show_phrase)
        self._show_phrase()

    def set_measures(self, names: list[str]) -> None:
        text = self.measure.currentText()
        self.measure.clear()
        self.measure.addItems(names)
        self.measure.setCurrentText(text)

    def target(self) -> Target | None:
        measure = self.measure.currentText().strip()
        if not measure:
            return None
        pct = Decimal(f"{self.percentage.value():.1f}")
        return Target(measure, -pct if self.direction.currentText() == REDUCTION else pct)

    def _show_phrase(self) -> None:
        target = self.target()
        self.prints.setText(f"The leaflet will print: “{target_phrase(target)}”" if target else
                            "Choose or type a measure.")
        self.add_button.setEnabled(target is not None)

    def add_target(self) -> None:
        """Append the target to the selected priority, or to a new priority when none is selected."""
        target, document = self.target(), self.model.document
        if target is None or document is None:
            return
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else self.model.add_row()
        old: Priority = document.data.priorities[row]
        new = dataclasses.replace(old, targets=(*old.targets, target))
        document.set_field(("priorities", row, "targets"), new.targets, f"Add target {target_phrase(target)}",
                           merge=False)
        self.view.setCurrentIndex(self.model.index(row, 0))
