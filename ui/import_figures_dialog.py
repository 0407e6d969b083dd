"""Import figures from the performance spreadsheet: preview per borough, rows not used, then apply in one step.

Boroughs open in the editor get the change as one undoable step on their Document (saved when
the user saves); the others are saved at once, each refused if it changed on disk meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.edition import Edition, load_edition
from model.figures_import import FIELD_LABELS, ImportPlan, apply_plan, plan_import, show
from model.sheets import SheetError, read_sheet
from model.yaml_read import LoadError
from ui.document import Document


class ImportFiguresDialog(QDialog):
    """Choose a sheet, read the preview, Apply. `applied(slugs)` lists the boroughs changed."""

    applied = Signal(list)

    def __init__(self, folder: Path, documents: Mapping[str, Document[Any]] | None = None,
                 sheet: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import figures from the performance spreadsheet")
        self.folder = folder
        self.documents = dict(documents or {})
        self.plan: ImportPlan | None = None
        self._edition: Edition | None = None
        self._build()
        if sheet is not None:
            self.sheet_edit.setText(str(sheet))
            self.preview()

    def _build(self) -> None:
        self.sheet_edit = QLineEdit()
        self.sheet_edit.setPlaceholderText("A .csv or .xlsx file with Borough, Measure, Previous, Current, Target %")
        self.sheet_edit.editingFinished.connect(self.preview)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        top = QHBoxLayout()
        top.addWidget(QLabel("Spreadsheet:"))
        top.addWidget(self.sheet_edit, 1)
        top.addWidget(browse)
        self.changes_tree = QTreeWidget()
        self.changes_tree.setHeaderLabels(["Borough / measure / field", "Now", "After import"])
        self.changes_tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rejected_table = QTableWidget(0, 2)
        self.rejected_table.setHorizontalHeaderLabels(["Row", "Why it was not used"])
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_table.verticalHeader().setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.apply_button = QPushButton("Apply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("What will change:"))
        layout.addWidget(self.changes_tree, 3)
        self.rejected_label = QLabel("Rows not used:")
        layout.addWidget(self.rejected_label)
        layout.addWidget(self.rejected_table, 1)
        layout.addLayout(buttons)
        self.resize(820, 600)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Performance spreadsheet", str(self.folder),
                                                "Spreadsheets (*.csv *.xlsx *.xlsm);;All files (*)")
        if chosen:
            self.sheet_edit.setText(chosen)
            self.preview()

    def current_boroughs(self) -> dict[str, Any]:
        """Each borough as it is now: the open document's data (unsaved edits included), else the file's."""
        assert self._edition is not None
        docs = {slug: loaded.doc for slug, loaded in self._edition.boroughs.items()}
        docs.update({slug: document.data for slug, document in self.documents.items()})
        return docs

    def preview(self) -> None:
        """Read the sheet and the edition, and show what applying would change."""
        self.plan = None
        self.apply_button.setEnabled(False)
        text = self.sheet_edit.text().strip()
        if not text:
            return
        try:
            sheet = read_sheet(Path(text))
            self._edition = load_edition(self.folder)
            self.plan = plan_import(self.current_boroughs(), sheet)
        except SheetError as exc:
            self._show_error(f"The spreadsheet could not be used: {exc}")
            return
        except LoadError as exc:
            self._show_error("The edition could not be read: " + exc.summary())
            return
        self._show_plan(self.plan)

    def _show_error(self, message: str) -> None:
        self.changes_tree.clear()
        self.rejected_table.setRowCount(0)
        self.status.setText(message)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.changes_tree.clear()
        for slug in plan.boroughs:
            changes = plan.changes_in(slug)
            opened = " (open in the editor)" if slug in self.documents else ""
            top = QTreeWidgetItem([f"{changes[0].borough}{opened}", "", f"{len(changes)} field(s)"])
            self.changes_tree.addTopLevelItem(top)
            for row_path, fields in groupby(changes, key=lambda c: c.row_path):
                found = list(fields)
                new_row = found[0].old is None and found[0].field_name == "measure"
                row_item = QTreeWidgetItem(top, [found[0].measure + (" (new row)" if new_row else ""), "", ""])
                row_item.setToolTip(0, row_path)
                for change in found:
                    if new_row and change.field_name == "measure":
                        continue
                    item = QTreeWidgetItem(row_item, [FIELD_LABELS.get(change.field_name, change.field_name),
                                                      show(change.old), show(change.new)])
                    item.setToolTip(0, change.path)
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(True)
        self.rejected_table.setRowCount(len(plan.rejected))
        for i, rejected in enumerate(plan.rejected):
            self.rejected_table.setItem(i, 0, QTableWidgetItem(str(rejected.row)))
            self.rejected_table.setItem(i, 1, QTableWidgetItem(rejected.reason))
        self.rejected_table.resizeColumnToContents(0)
        self.rejected_label.setText(f"Rows not used: {len(plan.rejected)}")
        notes = " ".join(plan.notes)
        self.status.setText(f"{len(plan.applied_rows)} row(s) usable; {len(plan.changes)} field(s) change in "
                            f"{len(plan.boroughs)} borough{'' if len(plan.boroughs) == 1 else 's'}. {notes}".strip())
        self.apply_button.setEnabled(bool(plan.boroughs))

    def apply(self) -> None:
        """Open boroughs: one undoable step each. The others: saved now. Then say what happened."""
        if self.plan is None or self._edition is None:
            return
        label = f"Import figures from {Path(self.sheet_edit.text()).name}"
        opened = [slug for slug in self.plan.boroughs if slug in self.documents]
        for slug in opened:
            self.documents[slug].replace_all(self.plan.boroughs[slug], label)
        on_disk = replace(self.plan, boroughs={s: d for s, d in self.plan.boroughs.items() if s not in self.documents})
        result = apply_plan(self._edition, on_disk)
        failed = [f"{f.path.name}: {f.message}" for f in result.failed]
        self.status.setText(f"Applied: {len(opened)} open borough(s) changed (undo with Edit ▸ Undo), "
                            f"{len(result.written)} file(s) saved."
                            + (" Not saved: " + "; ".join(failed) if failed else ""))
        self.apply_button.setEnabled(False)
        self.applied.emit(sorted(opened + [p.stem for p in result.written]))
