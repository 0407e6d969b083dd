"""The review panel: a borough's status and approval, its comments, what changed since approval, its figures.

It shows; the changes themselves are made by `ui.review_actions` through the borough's Document
(every one an undoable command), and the panel redraws from the session's `findings_changed`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model import review
from model.approvals import Snapshot, load_snapshot
from model.checks.ledger import LedgerEntry, figure_ledger
from model.docdiff import condensed
from model.paths import parse_path
from model.types import STATUS_LABELS, Borough, Comment, EditionContent
from ui.problems import section_of

GREEN, AMBER, RED, GREY = "#1b6e2a", "#8a5a00", "#b00020", "#5f6b73"
LEDGER_LOOK = {  # status → (words shown, colour): the words carry the meaning, the colour only helps
    "verified": ("✔ Verified", GREEN),
    "contradicted": ("✖ Contradicted", RED),
    "ambiguous": ("? Ambiguous", AMBER),
    "unsourced": ("– Not sourced", GREY),
}
_EDITION_KEYS = {f.name for f in fields(EditionContent)} - {f.name for f in fields(Borough)}


def ledger_slug(path: str, slug: str) -> str:
    """The slug a ledger entry's field is edited under: "" for London-wide text."""
    return "" if path.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0] in _EDITION_KEYS else slug


def field_label(borough: Borough, path: str) -> str:
    """"Results: Total robbery", "Initiative: Operation Fusion", "London: Met Forward" for a field path."""
    if path.startswith(review.LONDON):
        return f"London: {section_of(path.removeprefix(review.LONDON))}"
    if not path:
        return "Whole leaflet"
    try:
        parts = parse_path(path)
    except ValueError:
        return path  # a comment's path is text from the file: shown as it is, never trusted
    head = path.split(".", maxsplit=1)[0]
    for key, items, name in (("results", borough.results, "measure"), ("initiatives", borough.initiatives, "title")):
        if len(parts) > 1 and parts[0] == key and isinstance(parts[1], int):
            index = parts[1]
            title = getattr(items[index], name, "") if index < len(items) else ""
            rest = path[len(head):].lstrip(".")
            return f"{section_of(path)}: {title or f'#{index + 1}'}" + (f" ({rest})" if rest else "")
    return FIELD_NAMES.get(path, f"{section_of(path)} ({path})")


FIELD_NAMES = {
    "commander.message": "Commander's message", "commander.photo": "Commander's photo",
    "commander.name": "Commander's name", "commander.title": "Commander's title",
    "commander.alt": "Commander's photo: alternative text", "priorities": "Priorities", "contacts": "Local contacts",
}


def diff_html(changes: list[review.FieldChange], borough: Borough) -> str:
    """Changed fields as HTML with deletions struck through and insertions underlined (all text escaped)."""
    parts = []
    for change in changes:
        runs = []
        shown = condensed(list(change.runs))
        for i, (op, text) in enumerate(shown):
            words = html.escape(text).replace("\n", "<br>")
            if op == "delete":
                gap = " " if i + 1 < len(shown) and shown[i + 1][0] == "insert" else ""  # "96% 97%", not "96%97%"
                runs.append(f'<span style="color:{RED};text-decoration:line-through">{words}</span>{gap}')
            elif op == "insert":
                runs.append(f'<span style="color:{GREEN};text-decoration:underline;font-weight:bold">{words}</span>')
            else:
                runs.append(words)
        parts.append(f"<h4>{html.escape(field_label(borough, change.path))}</h4><p>{''.join(runs)}</p>")
    return "".join(parts)


@dataclass
class ReviewView:
    """What the panel shows for one borough, computed from its documents (pure, testable)."""

    state: review.ApprovalState
    snapshot: Snapshot | None
    changes: list[review.FieldChange]
    ledger: list[LedgerEntry]


def compute_view(content: EditionContent, borough: Borough, folder: Path, memory: dict[str, Snapshot]) -> ReviewView:
    state = review.approval_state(content, borough, folder)
    snapshot = None
    changes: list[review.FieldChange] = []
    if state.kind == "stale" and borough.approval is not None:
        fingerprint = borough.approval.fingerprint
        snapshot = memory.get(fingerprint) or load_snapshot(folder, fingerprint)
        if snapshot is not None:
            changes = review.changes_since(snapshot.content, snapshot.borough, content, borough)
    return ReviewView(state, snapshot, changes, figure_ledger(content, borough))


class ReviewPanel(QWidget):
    """Status, approval banner, and three tabs: Comments, Changes since approval, Figures."""

    jump = Signal(str, str)  # slug, field path
    approve_requested = Signal()
    withdraw_requested = Signal()
    status_requested = Signal(str)
    add_comment_requested = Signal()
    resolve_requested = Signal(str, bool)  # comment id, resolved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slug = ""
        self.view: ReviewView | None = None
        self.borough: Borough | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # typing re-checks per keystroke; the panel redraws when it pauses
        self._pending: tuple[Any, ...] | None = None
        self._timer.timeout.connect(self._redraw)
        self._build()

    # --- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        self.status = QComboBox()
        self.status.setAccessibleName("Review status")
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.status.activated.connect(self._status_chosen)
        self.banner = QLabel()
        self.banner.setObjectName("approvalBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Approval")
        self.approve = QPushButton("Approve this version…")
        self.approve.clicked.connect(self.approve_requested)
        self.withdraw = QPushButton("Withdraw approval")
        self.withdraw.clicked.connect(self.withdraw_requested)
        top = QHBoxLayout()
        top.addWidget(QLabel("Status:"))
        top.addWidget(self.status)
        top.addWidget(self.banner, 1)
        top.addWidget(self.approve)
        top.addWidget(self.withdraw)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review")
        self.tabs.addTab(self._comments_tab(), "Comments")
        self.changes = QTextBrowser()
        self.changes.setAccessibleName("Changes since approval")
        self.changes.setOpenLinks(False)
        self.tabs.addTab(self.changes, "Changes since approval")
        self.tabs.addTab(self._ledger_tab(), "Figures")
        self.tabs.currentChanged.connect(lambda _i: self._redraw())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        # The panel shares its dock area with the problems list: lists that insist on their default
        # height would keep that area at 200 pixels, half of a 720-pixel laptop screen's form.
        for view in (self.comments, self.changes, self.ledger):
            view.setMinimumHeight(36)

    def _comments_tab(self) -> QWidget:
        self.comments = QTreeWidget()
        self.comments.setAccessibleName("Comments")
        self.comments.setHeaderLabels(["Field", "Comment", "By", "When", "Resolved"])
        self.comments.setRootIsDecorated(False)
        self.comments.setWordWrap(True)
        self.comments.setAlternatingRowColors(True)
        header = self.comments.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.comments.setColumnWidth(0, 220)
        self.comments.itemActivated.connect(lambda item, _c: self._jump_comment(item))
        self.comments.currentItemChanged.connect(lambda *_: self._update_resolve_button())
        self.show_resolved = QCheckBox("Show resolved")
        self.show_resolved.toggled.connect(lambda _on: self._fill_comments())
        add = QPushButton("Add comment…")
        add.clicked.connect(self.add_comment_requested)
        self.resolve = QPushButton("Resolve")
        self.resolve.clicked.connect(self._resolve_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.resolve)
        buttons.addStretch(1)
        buttons.addWidget(self.show_resolved)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.comments)
        layout.addLayout(buttons)
        return tab

    def _ledger_tab(self) -> QWidget:
        self.ledger = QTreeWidget()
        self.ledger.setAccessibleName("Figures printed in the leaflet")
        self.ledger.setHeaderLabels(["Figure", "Where", "Check", "Why", "Sentence"])
        self.ledger.setRootIsDecorated(False)
        self.ledger.setAlternatingRowColors(True)
        self.ledger.setSortingEnabled(True)
        self.ledger.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # reading order until a header is clicked
        self.ledger.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 240, 120, 240)):
            self.ledger.setColumnWidth(column, width)
        self.ledger.itemActivated.connect(lambda item, _c: self.jump.emit(*item.data(0, Qt.ItemDataRole.UserRole)))
        self.ledger_summary = QLabel()
        self.ledger_filter = QComboBox()
        self.ledger_filter.setAccessibleName("Show figures")
        self.ledger_filter.addItem("All figures", "")
        for key, (words, _colour) in LEDGER_LOOK.items():
            self.ledger_filter.addItem(words, key)
        self.ledger_filter.currentIndexChanged.connect(lambda _i: self._fill_ledger())
        top = QHBoxLayout()
        top.addWidget(self.ledger_summary, 1)
        top.addWidget(self.ledger_filter)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.ledger)
        return tab

    # --- showing a borough --------------------------------------------------------------------

    def show_review(self, slug: str, content: EditionContent | None, borough: Borough | None,
                    folder: Path | None, memory: dict[str, Snapshot], *, at_once: bool = False) -> None:
        """Show `borough` (None: the London-wide content is being edited, nothing to review)."""
        self._pending = (slug, content, borough, folder, memory)
        if at_once or slug != self.slug:
            self._timer.stop()
            self._redraw()
        else:
            self._timer.start()

    def _redraw(self) -> None:
        if self._pending is None:
            return
        slug, content, borough, folder, memory = self._pending
        self.slug, self.borough = slug, borough
        enabled = borough is not None and content is not None and folder is not None
        for widget in (self.status, self.approve, self.withdraw, self.tabs):
            widget.setEnabled(enabled)
        if not enabled:
            self.view = None
            self.banner.setText("Choose a borough to review it. The London-wide text is reviewed with each "
                                "borough: a change to it re-opens every approval.")
            self.comments.clear()
            self.ledger.clear()
            self.changes.clear()
            return
        self.view = compute_view(content, borough, folder, memory)
        self._show_state(borough)
        self._fill_comments()
        self._fill_changes()
        self._fill_ledger()

    def _show_state(self, borough: Borough) -> None:
        assert self.view is not None
        state = self.view.state
        self.status.setCurrentIndex(max(0, self.status.findData(borough.status)))
        colour = {"current": GREEN, "stale": AMBER}.get(state.kind, GREY)
        symbol = {"current": "✔", "stale": "▲"}.get(state.kind, "○")
        n = len(self.view.changes)
        text = state.label
        if state.kind == "stale":
            text += f". Review the {n} change{'s' * (n != 1)} and approve again." if n else ". Review and approve again."
        self.banner.setText(f'<span style="color:{colour};font-weight:bold">{symbol} {html.escape(text)}</span>')
        self.approve.setText("Approve again…" if state.kind == "stale" else "Approve this version…")
        self.approve.setEnabled(state.kind != "current")
        self.withdraw.setEnabled(state.kind != "none")
        open_count = len(review.unresolved(borough))
        self.tabs.setTabText(0, f"Comments ({open_count} open)" if open_count else "Comments")
        self.tabs.setTabText(1, f"Changes since approval ({len(self.view.changes)})" if state.kind == "stale"
                             else "Changes since approval")

    def _fill_comments(self) -> None:
        self.comments.clear()
        if self.borough is None:
            return
        for comment in self.borough.comments:
            if comment.resolved and not self.show_resolved.isChecked():
                continue
            self.comments.addTopLevelItem(self._comment_item(comment))
        self._update_resolve_button()

    def _comment_item(self, comment: Comment) -> QTreeWidgetItem:
        assert self.borough is not None
        item = QTreeWidgetItem([field_label(self.borough, comment.path), comment.text, comment.author,
                                comment.time[:16].replace("T", " "), "✔ Resolved" if comment.resolved else "Open"])
        item.setData(0, Qt.ItemDataRole.UserRole, (comment.id, comment.path, comment.resolved))
        item.setToolTip(1, comment.text)
        if comment.resolved:
            for column in range(5):
                item.setForeground(column, QBrush(QColor(GREY)))
        return item

    def _fill_changes(self) -> None:
        assert self.view is not None and self.borough is not None
        state, view = self.view.state, self.view
        if state.kind == "none":
            body = "<p>Not approved yet: when the commander approves, any later change is listed here.</p>"
        elif state.kind == "current":
            body = f"<p>No changes since {html.escape(state.by)} approved this version.</p>"
        elif view.snapshot is None:
            body = ("<p>The content has changed since it was approved, but the approved version is not on this "
                    "computer (it is kept in the edition's <code>.approvals</code> folder), so the changes cannot "
                    "be listed. Review the leaflet and approve again.</p>")
        elif not view.changes:
            body = "<p>No text changed: a photo file has been replaced since the approval. Check the photos.</p>"
        else:
            n = len(view.changes)
            body = (f"<p>{n} field{'s' * (n != 1)} changed since {html.escape(state.by)} approved "
                    f"on {html.escape(state.at[:10])}: deleted words are struck through, new words underlined.</p>"
                    + diff_html(view.changes, self.borough))
        self.changes.setHtml(body)

    def _fill_ledger(self) -> None:
        self.ledger.clear()
        if self.view is None:
            return
        wanted = self.ledger_filter.currentData()
        counts = {k: 0 for k in LEDGER_LOOK}
        self.ledger.setSortingEnabled(False)
        for entry in self.view.ledger:
            counts[entry.status] += 1
            if wanted and entry.status != wanted:
                continue
            words, colour = LEDGER_LOOK[entry.status]
            assert self.borough is not None
            where = field_label(self.borough, entry.path if ledger_slug(entry.path, "x") else review.LONDON + entry.path)
            item = QTreeWidgetItem([entry.figure, where, words, entry.note, entry.context])
            item.setToolTip(1, entry.path)
            item.setToolTip(3, entry.note)
            item.setForeground(2, QBrush(QColor(colour)))
            item.setToolTip(4, entry.context)
            item.setData(0, Qt.ItemDataRole.UserRole, (ledger_slug(entry.path, self.slug), entry.path))
            self.ledger.addTopLevelItem(item)
        self.ledger.setSortingEnabled(True)
        self.ledger_summary.setText(f"{len(self.view.ledger)} figures: " + ", ".join(
            f"{n} {LEDGER_LOOK[k][0].split(' ', 1)[1].lower()}" for k, n in counts.items() if n))

    # --- user actions (emitted; review_actions makes the change) -------------------------------

    def _status_chosen(self, index: int) -> None:
        key = self.status.itemData(index)
        if self.borough is not None and key != self.borough.status:
            self.status_requested.emit(key)

    def selected_comment(self) -> tuple[str, str, bool] | None:
        item = self.comments.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _update_resolve_button(self) -> None:
        selected = self.selected_comment()
        self.resolve.setEnabled(selected is not None)
        self.resolve.setText("Reopen" if selected and selected[2] else "Resolve")

    def _resolve_clicked(self) -> None:
        selected = self.selected_comment()
        if selected is not None:
            self.resolve_requested.emit(selected[0], not selected[2])

    def _jump_comment(self, item: QTreeWidgetItem) -> None:
        _id, path, _resolved = item.data(0, Qt.ItemDataRole.UserRole)
        try:
            parse_path(path.removeprefix(review.LONDON))
        except ValueError:
            return  # not a field this version knows: nowhere to go
        if path.startswith(review.LONDON):
            self.jump.emit("", path.removeprefix(review.LONDON))
        elif path:
            self.jump.emit(self.slug, path)
