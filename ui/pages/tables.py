"""The table pages: results (with derived change and %), priorities, contacts."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.checks.arithmetic import pct_change
from model.leaflet import OUTCOME_LABELS
from model.types import Contact, Priority, ResultRow
from ui.list_table import Column, ListTableModel
from ui.pages.base import Page, heading, table


def _has_counts(row: ResultRow) -> bool:
    return row.previous is not None and row.current is not None


class ResultsModel(ListTableModel):
    """Results rows; when both counts are given, change and % are calculated and read-only."""

    def __init__(self, parent: Any = None) -> None:
        # Imported here: the cell parsers share the spreadsheet importer's rules and import it, which
        # the window's start-up does not need (the table pages are built when first shown).
        from ui.cells import parse_count, parse_outcome, parse_pct, show_pct

        derived = lambda row: not _has_counts(row)  # noqa: E731 - a tiny predicate
        columns = [
            Column("measure", "Measure", width=190),
            Column("previous", "Previous year", parse_count, _count, width=95),
            Column("current", "This year", parse_count, _count, width=85),
            Column("change", "Change", parse_count, lambda v: "" if v is None else f"{v:+,}", derived, width=80),
            Column("change_pct", "Change %", parse_pct, show_pct, derived, width=80),
            Column("target_pct", "Target %", parse_pct, show_pct, width=80),
            Column("outcome", "Outcome", parse_outcome, lambda v: OUTCOME_LABELS.get(v or "", ""), width=130),
            # What the row counts ("victims"; empty prints offences) and the period its change is
            # measured from when it is not last year ("2006/07"): both are printed in the table.
            Column("noun", "Counts (noun)", width=100),
            Column("baseline", "Since (period)", width=100),
        ]
        super().__init__(columns, ("results",), ResultRow, "row", parent)

    def updated_row(self, old: Any, field: str, value: Any) -> Any:
        row: ResultRow = dataclasses.replace(old, **{field: value})
        if field in ("previous", "current") and _has_counts(row):
            assert row.previous is not None and row.current is not None
            change = row.current - row.previous
            row = dataclasses.replace(row, change=change, change_pct=pct_change(change, row.previous))
        return row


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


class OutcomeDelegate(QStyledItemDelegate):
    """A drop-down for the outcome column: the only two values the leaflet prints."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:  # Qt override
        combo = QComboBox(parent)
        combo.addItems(["", OUTCOME_LABELS["achieved"], OUTCOME_LABELS["missed"]])
        combo.setAccessibleName("Outcome")
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def _table_page(page: Page, model: ListTableModel, label: str, title: str, hint: str) -> QTableView:
    """The shape every table page shares: heading, the table with its row buttons, a status line."""
    view, container = table(page, model, label)
    status = QLabel()
    status.setWordWrap(True)
    model.on_error = status.setText  # a cell that cannot be read says why, here
    layout = QVBoxLayout(page)
    layout.addWidget(heading(title, hint))
    layout.addWidget(container, 1)
    layout.addWidget(status)
    page.status = status  # type: ignore[attr-defined]
    return view


class ResultsPage(Page):
    title = "Results"
    keys = ("results",)

    def build(self) -> None:
        self.model = ResultsModel(self)
        self.view = _table_page(self, self.model, "Results table", "How did the borough perform?",
                                "Type the counts and the change and percentage are calculated; or type the change "
                                "and percentage as published. Cells with a problem are tinted; hover for why.")
        self.view.setItemDelegateForColumn(6, OutcomeDelegate(self.view))


class PrioritiesPage(Page):
    title = "Priorities"
    keys = ("priorities",)

    def build(self) -> None:
        from ui.cells import parse_targets, show_targets  # see ResultsModel

        columns = [
            Column("targets", "Targets (e.g. burglary down by 3%)", parse_targets, show_targets,
                   width=300),
            Column("text", "Or free text", width=220),
        ]
        self.model = ListTableModel(columns, ("priorities",), Priority, "priority", self)
        self.view = _table_page(self, self.model, "Priorities", "Priorities for next year",
                                "Add targets with the fields below (measure, direction, percentage), or type them "
                                "in the Targets cell: 'gun crime down by 1%; knife crime -1.0'. Words that do not "
                                "say which way are refused, never guessed.")
        from ui.pages.target_form import TargetForm

        self.target_form = TargetForm(self.model, self.view, self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.target_form)

    def document_shown(self, document: Any) -> None:
        super().document_shown(document)
        from ui.pages.target_form import known_measures

        self.target_form.set_measures(known_measures(document))


CONTACT_COLUMNS = [
    Column("name", "Name", width=220), Column("note", "Note", width=120), Column("phone", "Phone", width=120),
    Column("minicom", "Minicom", width=110), Column("email", "Email", width=160), Column("web", "Web address", width=200),
]


class ContactsPage(Page):
    title = "Contacts"
    keys = ("contacts",)

    def build(self) -> None:
        self.model = ListTableModel(CONTACT_COLUMNS, ("contacts",), Contact, "contact", self)
        self.view = _table_page(self, self.model, "Borough contacts", "The borough's own contacts",
                                "Printed under 'Metropolitan Police Service' in Useful contacts: police stations, "
                                "the borough's web page.")
