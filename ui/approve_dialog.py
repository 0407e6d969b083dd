"""The dialog before an approval: what is being approved (changes since last time, or the whole leaflet),
the approver's typed name and the account and computer it is given from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model import review
from model.leaflet import printed_text
from model.types import Borough, EditionContent
from ui.review_panel import diff_html


class ApproveDialog(QDialog):
    """Shows exactly what the approval covers; Approve is enabled once a name is typed."""

    def __init__(self, content: EditionContent, borough: Borough, changes: list[review.FieldChange] | None,
                 name: str, errors: int, unsaved: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Approve the {borough.borough} leaflet")
        self.setAccessibleName("Approve this version")
        user, host = review.this_computer()
        layout = QVBoxLayout(self)
        intro = QLabel(f"You are approving the {borough.borough} leaflet exactly as the preview shows it now: "
                       "every word and figure printed, the London-wide text and the photos. Any later change "
                       "makes the approval out of date.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.what = QTextBrowser()
        self.what.setAccessibleName("What is being approved")
        if changes:
            self.what.setHtml(f"<p><b>Changed since the last approval ({len(changes)}):</b></p>"
                              + diff_html(changes, borough))
        else:
            heading = "First approval: the whole leaflet" if borough.approval is None else "The whole leaflet"
            self.what.setPlainText(f"{heading}\n\n{printed_text(content, borough)}")
        layout.addWidget(self.what, 1)
        notes = []
        if unsaved:
            notes.append(f"Your unsaved changes ({', '.join(unsaved)}) are saved first, then the approval is "
                         "written at once: it does not wait for File ▸ Save.")
        if errors:
            notes.append(f"The checks report {errors} error(s): the print export stays held back until they "
                         "are fixed.")
        for note in notes:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Approver's name")
        self.name.setPlaceholderText("Your name and rank, as it should appear on the approval")
        form.addRow("Approved &by:", self.name)
        self.account = QLabel(f"{user or 'unknown account'} on {host or 'this computer'}")
        self.account.setAccessibleName("Account and computer recorded with the approval")
        form.addRow("Recorded with:", self.account)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = buttons.addButton("&Approve", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda text: self.approve_button.setEnabled(bool(text.strip())))
        self.approve_button.setEnabled(bool(name.strip()))
        self.cancel_button.setDefault(True)  # Enter does not approve by accident
        self.resize(640, 520)
        self.name.setFocus()  # the one thing to type

    def approver(self) -> str:
        return self.name.text().strip()
