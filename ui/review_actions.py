"""Review in the editor: the Review panel and menu, approving, comments, status, and the print gate.

Every change is an undoable command on the borough's Document calling a pure `model.review`
function; the approved version is kept (model/approvals.py) so the panel can show what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from model import review
from model.approvals import Snapshot, save_snapshot, write_approval_record
from model.types import STATUS_LABELS, Borough
from ui.approve_dialog import ApproveDialog
from ui.review_panel import ReviewPanel, compute_view, field_label
from ui.session import CONTENT
from ui.settings import ask_user_name, set_user_name, user_name

if TYPE_CHECKING:
    from ui.document import Document
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Fill the Review dock (tabbed with Problems) and connect the panel to `window` (its menu: `MENU`)."""
    panel = ReviewPanel()
    window.review_panel = panel
    window.approved_snapshots: dict[str, Snapshot] = {}  # approvals made in this session, by fingerprint
    dock = window.add_dock(panel, "Review", Qt.DockWidgetArea.BottomDockWidgetArea)
    window.tabifyDockWidget(window.problems_dock, dock)
    window.problems_dock.raise_()
    window.review_dock = dock
    window.approval_label = QLabel()
    window.approval_label.setAccessibleName("Approval of this borough")
    window.statusBar().addPermanentWidget(window.approval_label)

    panel.jump.connect(window.jump_to)
    panel.approve_requested.connect(lambda: approve(window))
    panel.withdraw_requested.connect(lambda: withdraw(window))
    panel.status_requested.connect(lambda key: set_status(window, key))
    panel.add_comment_requested.connect(lambda: add_comment(window))
    panel.resolve_requested.connect(lambda cid, on: resolve(window, cid, on))
    window.current_changed.connect(lambda _slug, _doc: refresh(window, at_once=True))
    window.session.findings_changed.connect(lambda slug: slug in (window.slug, CONTENT) and refresh(window))


def _borough(window: MainWindow) -> Document[Borough] | None:
    return None if window.slug == CONTENT else window.session.boroughs.get(window.slug)


def refresh(window: MainWindow, *, at_once: bool = False) -> None:
    """Redraw the panel and the status-bar approval for the borough being edited."""
    document = _borough(window)
    session = window.session
    window.review_panel.show_review(window.slug, session.content.data, document.data if document else None,
                                    session.folder, window.approved_snapshots, at_once=at_once)
    if document is None:
        window.approval_label.setText("")
        return
    stale = any(f.code == "review.approval_stale" for f in session.findings.get(window.slug, []))
    approval = document.data.approval
    if approval is None:
        window.approval_label.setText(f"{STATUS_LABELS[document.data.status]} · not approved")
    else:
        word = "approval out of date" if stale else f"approved by {approval.by}"
        window.approval_label.setText(f"{STATUS_LABELS[document.data.status]} · {word}")


def show_tab(window: MainWindow, index: int) -> None:
    window.review_dock.show()
    window.review_dock.raise_()
    window.review_panel.tabs.setCurrentIndex(index)


def _name(window: MainWindow) -> str:
    return user_name() or ask_user_name(window)


def _borough_and_name(window: MainWindow, title: str) -> tuple[Document[Borough] | None, str]:
    """The borough being edited and the user's name (asked once), or (None, "") to stop."""
    document = _borough(window)
    if document is None:
        QMessageBox.information(window, title, "Choose a borough in the list first.")
        return None, ""
    name = _name(window)
    return (document, name) if name else (None, "")


def approve(window: MainWindow) -> bool:
    """Record the commander's approval of exactly what the preview shows now, on disk at once.

    A dialog shows what is approved (the changes since the last approval, or the whole leaflet) and
    takes the approver's name; unsaved edits are saved first; then the approval goes into the borough
    file (saved at once, not left as an unsaved change) and into its own record in `.approvals/` with
    the account and computer it was given from. If any step fails nothing is approved.
    """
    document = _borough(window)
    if document is None:
        QMessageBox.information(window, "Approve", "Choose a borough in the list first.")
        return False
    session = window.session
    if session.bundled:
        QMessageBox.information(window, "Approve", "The sample edition is read-only: save it as your own copy "
                                "first (File ▸ Save Edition As…), then approve the copy.")
        return False
    if window.reliability.is_read_only(document.path):
        QMessageBox.information(window, "Approve", f"{document.data.borough} is open read-only: take it over "
                                "first to approve it.")
        return False
    errors = sum(1 for f in session.findings.get(window.slug, []) if f.severity == "error")
    view = compute_view(session.content.data, document.data, session.folder, window.approved_snapshots)
    unsaved = sorted({d.path.name if d.path else "untitled" for d in session.dirty_documents()})
    dialog = ApproveDialog(session.content.data, document.data, view.changes, user_name(), errors, unsaved, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.approver():
        return False
    name = dialog.approver()
    if name != user_name():
        set_user_name(name)
    if not all(window.reliability.save(d) for d in session.dirty_documents()):
        window.statusBar().showMessage("Nothing was approved: the drafts could not be saved", 8000)
        return False
    content, borough = session.content.data, document.data
    fingerprint = review.current_fingerprint(content, borough, session.folder)
    window.approved_snapshots[fingerprint] = Snapshot(content, borough)
    try:
        save_snapshot(session.folder, fingerprint, content, borough)
    except OSError as exc:
        window.statusBar().showMessage(f"The approved version could not be kept for comparison: {exc}", 8000)
    user, host = review.this_computer()
    document.apply(f"Approve ({name})",
                   lambda b: review.approve(b, fingerprint, name, review.now_text(), user=user, host=host),
                   ("approval",))
    if not window.reliability.save(document):
        document.undo_stack.undo()
        document.undo_stack.setClean()
        window.statusBar().showMessage("Nothing was approved: the borough file could not be saved", 8000)
        return False
    approval = document.data.approval
    assert approval is not None and document.path is not None
    try:
        write_approval_record(session.folder, document.path, document.data.borough, approval)
    except OSError as exc:
        QMessageBox.warning(window, "Approval record", f"The approval is saved in {document.path.name}, but its "
                            f"separate record could not be written: {exc.strerror or exc}.")
    window.statusBar().showMessage(f"Approved by {name} ({user} on {host}) and saved", 8000)
    return True


def withdraw(window: MainWindow) -> None:
    document = _borough(window)
    if document is not None and document.data.approval is not None:
        document.apply("Withdraw approval", review.withdraw_approval, ("approval",))


def set_status(window: MainWindow, key: str) -> None:
    document = _borough(window)
    if document is None:
        return
    if key == "approved":
        approve(window)
    else:
        document.apply(f"Set status to {STATUS_LABELS[key]}", lambda b: review.set_status(b, key), ("status",))
    refresh(window, at_once=True)  # also puts the combo back if the approval was cancelled


def resolve(window: MainWindow, comment_id: str, resolved: bool) -> None:
    document = _borough(window)
    if document is not None:
        document.apply("Resolve comment" if resolved else "Reopen comment",
                       lambda b: review.resolve_comment(b, comment_id, resolved), ("comments",))


def comment_targets(window: MainWindow, borough: Borough) -> list[tuple[str, str]]:
    """(label, field path) a comment can be attached to, in leaflet order."""
    paths = ["", "commander.message", "commander.photo"]
    paths += [f"initiatives[{i}]" for i in range(len(borough.initiatives))]
    paths += [f"results[{i}]" for i in range(len(borough.results))]
    paths += ["priorities", "contacts"]
    paths += [review.LONDON + key for key in ("deputy_mayor", "met_forward", "mpa_work", "looking_back",
                                              "looking_forward", "have_your_say", "cpegs", "contacts")]
    return [(field_label(borough, p), p) for p in paths]


class CommentDialog(QDialog):
    """Which field, and what to say about it."""

    def __init__(self, targets: list[tuple[str, str]], current: str, author: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add comment")
        self.field = QComboBox()
        self.field.setAccessibleName("Field the comment is about")
        for label, path in targets:
            self.field.addItem(label, path)
        index = next((i for i, (_l, p) in enumerate(targets) if p and (p == current or p.startswith(current + "["))),
                     0)
        self.field.setCurrentIndex(index)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Comment")
        self.text.setPlaceholderText("What should change, and why?")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add comment")
        self.ok.setEnabled(False)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        form = QFormLayout(self)
        form.addRow("About:", self.field)
        form.addRow("Comment:", self.text)
        form.addRow(QLabel(f"Signed: {author}"))
        form.addRow(buttons)
        self.resize(520, 260)

    def values(self) -> tuple[str, str]:
        return self.field.currentData(), self.text.toPlainText()


def add_comment(window: MainWindow, dialog_factory: Any = CommentDialog) -> bool:
    document, name = _borough_and_name(window, "Add comment")
    if document is None:
        return False
    dialog = dialog_factory(comment_targets(window, document.data), window.current_field(), name, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    path, text = dialog.values()
    if not text.strip():
        return False
    document.apply("Add comment", lambda b: review.add_comment(b, path, name, text, review.now_text()),
                   ("comments",))
    show_tab(window, 0)
    return True


def confirm_export(window: MainWindow, *, print_pdf: bool) -> bool:
    """The export gate in the editor: errors, and for print a missing or stale approval, need a yes.

    A print export made anyway records who and why in the borough file (an undoable edit, saved
    with the file), as `export --print --force --by --reason` does on the command line.
    """
    document = _borough(window)
    if document is None:
        return False
    session = window.session
    findings = session.findings.get(window.slug, [])
    state = review.approval_state(session.content.data, document.data, session.folder) if print_pdf else None
    reasons = review.print_gate_reasons(state, findings)
    if not reasons:
        return True
    listed = "\n".join(f"• {r[0].upper()}{r[1:]}" for r in reasons)
    if not print_pdf:
        return QMessageBox.question(window, "Export with errors?", f"{listed}.\n\nExport anyway?") \
            == QMessageBox.StandardButton.Yes
    reason, ok = QInputDialog.getText(
        window, "Print export not approved",
        f"This leaflet should not go to the printer yet:\n{listed}.\n\nTo export it for print anyway, say why "
        "(recorded in the borough file with your name):")
    if not ok or not reason.strip():
        return False
    name = _name(window)
    if not name:
        return False
    text = review.override_reason(reason, reasons)
    document.apply("Record print override", lambda b: review.record_override(b, name, text, review.now_text()),
                   ("print_overrides",))
    return True


# What the Review menu's entries do, in the order ui/main_window.py lists them (`_review_dock`): the
# window has the entries and shortcuts from the first paint and installs the panel on first use.
MENU: list[Callable[[MainWindow], object]] = [approve, add_comment, lambda window: show_tab(window, 1),
                                             lambda window: show_tab(window, 2)]
