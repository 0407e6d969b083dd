"""The main window: edition list (left), section forms (centre), live preview (right), problems (bottom)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from model.findings import Finding
from model.yaml_read import LoadError
from ui import edition_actions, file_actions
from ui.document import Document
from ui.edition_list import EditionList
from ui.pages.base import Page
from ui.pages.commander import CommanderPage
from ui.pages.initiatives import InitiativesPage
from ui.pages.london import LondonPage
from ui.pages.tables import ContactsPage, PrioritiesPage, ResultsPage
from ui.preview import PreviewPane
from ui.problems import ProblemsList
from ui.reliability.hooks import Reliability
from ui.session import CONTENT, EditionSession
from ui.settings import settings
from ui.spelling import hub as spelling_hub

REVIEW_AT_THE_LATEST_MS = 3_000  # the review panel is installed after the first preview, or after this


def load_error_text(exc: LoadError) -> str:
    """The same words as the command line prints."""
    return "The file could not be read:\n\n" + "\n".join(f"• {p}" for p in exc.problems)


class _SetByReviewInstall:
    """A window attribute that `ui.review_actions.install` sets; reading it first installs the review panel."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = f"_{name}"

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> Any:
        if window is None:
            return self
        if self.key not in window.__dict__:
            window.install_review()
        return window.__dict__[self.key]

    def __set__(self, window: MainWindow, value: Any) -> None:
        window.__dict__[self.key] = value


class MainWindow(QMainWindow):
    """One edition open for editing. Extension points: `add_dock`, `menu`, `current_changed`.

    What the first paint does not need is made after it, in the idle turns of the event loop, or at
    once when it is used first (docs/performance.md): the review panel and the Review menu's entries
    (`install_review`), the form pages not in front (`Page.ensure_built`) and the dashboard.
    """

    current_changed = Signal(str, object)  # slug, Document (None for the pan-London content)
    # Set by ui.review_actions.install; reading one before installs the review panel.
    review_panel = _SetByReviewInstall()
    review_dock = _SetByReviewInstall()
    approval_label = _SetByReviewInstall()
    approved_snapshots = _SetByReviewInstall()

    def __init__(self, session: EditionSession, *, reliability: Reliability | None = None) -> None:
        super().__init__()
        self.session = session
        self.slug = CONTENT
        self.undo_group = QUndoGroup(self)
        self.reliability = reliability or Reliability(self)
        self._dashboard: Any = None  # made on first use: see `dashboard`
        self._review_installed = False
        self._placeholders: dict[str, QDockWidget] = {}  # docks made before their panel, by object name
        self._build_widgets()
        self._menus: dict[str, QMenu] = {}
        file_actions.build_menus(self)
        edition_actions.install(self)
        self._review_dock()
        self._restore_layout()
        self._attach(session)
        spelling_hub().changed.connect(self._spelling_changed)
        self._idle_work()

    # --- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        folder = lambda: self.session.folder  # noqa: E731 - the folder changes after Save As
        self.borough_pages: list[Page] = [CommanderPage(folder), InitiativesPage(folder), ResultsPage(),
                                          PrioritiesPage(), ContactsPage()]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Leaflet sections")
        for page in self.borough_pages:
            self.tabs.addTab(page, page.title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.london = LondonPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.london)
        self.edition_list = EditionList()
        self.edition_list.chosen.connect(self.show_borough)
        self.preview = PreviewPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.edition_list, self.stack, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([230, 640, 520])
        self.setCentralWidget(self.splitter)
        self.problems = ProblemsList()
        self.problems.jump.connect(self.jump_to)
        self.problems_dock = self.add_dock(self.problems, "Problems", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.resizeDocks([self.problems_dock], [190], Qt.Orientation.Vertical)
        self.statusBar()

    def _review_dock(self) -> None:
        """The Review menu and dock in their places from the start, empty until `install_review`.

        The dock is made with the window so that the saved layout puts it where the user left it;
        `ui.review_actions.install` then fills it (through `add_dock`). Showing the dock or opening
        the menu installs the panel at once.
        """
        dock = self.add_dock(QWidget(), "Review", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.problems_dock, dock)
        self.problems_dock.raise_()
        self._placeholders[dock.objectName()] = dock
        # Shown (the user picks its tab, or the saved layout has it in front): install it on the next
        # turn of the event loop, not inside the layout change that showed it (restoreState crashed so).
        self._review_soon = QTimer(self)
        self._review_soon.setSingleShot(True)
        self._review_soon.timeout.connect(self.install_review)
        dock.visibilityChanged.connect(lambda visible: visible and self._review_soon.start(0))
        self.menu("&Review").aboutToShow.connect(self.install_review)
        toggle = dock.toggleViewAction()
        toggle.setText("Review &Panel")
        toggle.setShortcut("Ctrl+R")
        self.menu("&Review").addAction(toggle)
        # Every entry and shortcut works from the first paint; the first use installs the panel.
        for index, (text, shortcut) in enumerate((("&Approve This Version…", "Ctrl+Shift+A"),
                                                  ("Add &Comment…", "Ctrl+Alt+M"),
                                                  ("Changes Since Approval", None),
                                                  ("Figures in the Leaflet", None))):
            self.add_action("&Review", text, lambda _checked=False, i=index: self._review_menu(i), shortcut)

    def _review_menu(self, index: int) -> None:
        from ui import review_actions

        self.install_review()
        review_actions.MENU[index](self)

    def _idle_work(self) -> None:
        """What the first paint does not need, made once the window is up (or when first used).

        The form pages not in front are built after the first paint, one per turn of the event loop;
        the first preview builds whatever is left, so every form exists from then on. The review panel
        and the Review menu's entries are installed after the first preview: their ~20 ms would
        otherwise be taken from the first render, which runs in a thread but needs the interpreter.
        """
        self._pending: list[Any] = [page.ensure_built for page in (*self.borough_pages, self.london)]
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._next_idle_step)
        self.preview.painted.connect(lambda: self._idle.start(0), Qt.ConnectionType.SingleShotConnection)
        self.preview.ready.connect(self._first_preview, Qt.ConnectionType.SingleShotConnection)
        self._review_later = QTimer(self)  # in case no preview comes (none to show, or it failed)
        self._review_later.setSingleShot(True)
        self._review_later.timeout.connect(self.install_review)
        self._review_later.start(REVIEW_AT_THE_LATEST_MS)

    def _next_idle_step(self) -> None:
        if self._pending:
            self._pending.pop(0)()
            self._idle.start(0)

    def _first_preview(self, _pages: int) -> None:
        self.build_all_pages()
        QTimer.singleShot(0, self, self.install_review)  # tied to the window: no call once it is gone

    def build_all_pages(self) -> None:
        """Build every form page not built yet."""
        for page in (*self.borough_pages, self.london):
            page.ensure_built()

    def install_review(self) -> None:
        """The review panel, its dock and the Review menu's entries (ui/review_actions.py), once.

        Made after the first preview, or when first used or the Review menu is opened (see `_idle_work`):
        importing and building them delayed the window by about 20 ms.
        """
        if self._review_installed:
            return
        self._review_installed = True
        spelling_hub().preload()  # the UK dictionary, off the UI thread, now that start-up is done
        from ui import review_actions

        layout = self.saveState()  # the saved layout, which placed the Review dock (see _review_dock)
        review_actions.install(self)
        self.restoreState(layout)  # install tabs the dock with Problems: put it back where the user had it
        review_actions.refresh(self, at_once=True)  # the borough shown before it was there

    @property
    def dashboard(self) -> Any:
        """The edition dashboard (ui/dashboard.py), made the first time its dock is shown or it is asked for."""
        if self._dashboard is None:
            self._dashboard = edition_actions.make_dashboard(self)
        return self._dashboard

    def add_dock(self, widget: QWidget, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        """Put a tool panel (problems, review, dashboard) in a dock; its visibility is remembered."""
        name = f"dock-{title.lower().replace(' ', '-')}"
        if name in self._placeholders:  # made empty with the window (see _review_dock): fill it
            dock = self._placeholders.pop(name)
            placeholder = dock.widget()
            dock.setWidget(widget)
            if placeholder is not None:
                placeholder.deleteLater()
            return dock
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def menu(self, name: str) -> QMenu:
        """The menu called `name` ("&File", "&Edit", ...), created on first use."""
        if name not in self._menus:
            self._menus[name] = self.menuBar().addMenu(name)
        return self._menus[name]

    def add_action(self, menu: str, text: str, slot: Any, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu(menu).addAction(action)
        return action

    # --- the edition -------------------------------------------------------------------------

    def _spelling_changed(self) -> None:
        self.session.recheck_all()  # the UK dictionary finished loading, or a word was added to the edition's

    def _attach(self, session: EditionSession) -> None:
        self.session = session
        session.findings_changed.connect(self._findings_changed)
        session.content.field_changed.connect(lambda _p: self._edited())
        session.content.dirty_changed.connect(lambda _d: self._update_title())
        self.undo_group.addStack(session.content.undo_stack)
        self.london.set_document(session.content)
        self.edition_list.set_session(session)
        if not session.bundled:
            self.reliability.watch(session.content)
        first = session.slugs[0] if session.slugs else CONTENT
        self.edition_list.select(first)
        if first == CONTENT:
            self.show_borough(CONTENT)

    def restore_recovered(self) -> int:
        """At start-up: offer edits a crash left in this edition, and put back the ones chosen."""
        restored = 0
        for entry in self.reliability.offer_recovery():
            original = entry.original.resolve() if entry.original else None
            if original == (self.session.folder / "edition.yaml").resolve():
                document: Document[Any] | None = self.session.content
            elif original is not None and original.parent.resolve() == (self.session.folder / "boroughs").resolve():
                document = self.session.boroughs.get(original.stem) if self._open_quietly(original.stem) else None
            else:
                document = None  # edits of another edition: offered again when that one is opened
            if document is not None and self.reliability.restore_into(document, entry):
                restored += 1
        return restored

    def _open_quietly(self, slug: str) -> bool:
        return slug in self.session.boroughs or self._open(slug)

    def current_document(self) -> Document[Any] | None:
        return self.session.content if self.slug == CONTENT else self.session.boroughs.get(self.slug)

    def show_borough(self, slug: str) -> None:
        """Make `slug` the borough being edited ("" = the pan-London content)."""
        if slug != CONTENT and slug not in self.session.boroughs and not self._open(slug):
            self.edition_list.select(self.slug)
            return
        if slug != self.slug:
            self.preview.keep()  # the borough being left, for the next time it is opened
        self.slug = slug
        document = self.current_document()
        assert document is not None
        self.undo_group.setActiveStack(document.undo_stack)
        if slug == CONTENT:
            self.stack.setCurrentWidget(self.london)
        else:
            self.stack.setCurrentWidget(self.tabs)
            for page in self.borough_pages:
                page.set_document(document)
        self._show_findings()
        self.preview.focus_key = self._focus_key()
        self._request_preview(at_once=True)
        self._update_title()
        self.current_changed.emit(slug, None if slug == CONTENT else document)

    def _open(self, slug: str) -> bool:
        path = self.session.path_of(slug)
        if not self.session.bundled and not self.reliability.before_open(path):
            return False
        try:
            document = self.session.open_borough(slug)
        except LoadError as exc:
            QMessageBox.warning(self, "Cannot open borough", load_error_text(exc))
            return False
        self.undo_group.addStack(document.undo_stack)
        document.field_changed.connect(lambda _p: self._edited())
        document.dirty_changed.connect(lambda _d: self._update_title())
        if not self.session.bundled:
            self.reliability.watch(document)
        return True

    # --- reacting to edits ---------------------------------------------------------------------

    def _edited(self) -> None:
        self._request_preview()

    def _request_preview(self, *, at_once: bool = False) -> None:
        slug = self.slug if self.slug != CONTENT else next(iter(self.session.boroughs), None)
        if slug is None and self.session.slugs and self._open(self.session.slugs[0]):
            slug = self.session.slugs[0]
        if slug is None:
            return
        self.preview.request(self.session.content.data, self.session.boroughs[slug].data, self.session.folder,
                             at_once=at_once)

    def _findings_changed(self, slug: str) -> None:
        if slug in (self.slug, CONTENT):
            self._show_findings()

    def _show_findings(self) -> None:
        content = self.session.findings.get(CONTENT, [])
        mine: list[Finding] = self.session.findings.get(self.slug, []) if self.slug != CONTENT else []
        pages = [self.london] if self.slug == CONTENT else self.borough_pages
        for page in pages:
            page.show_findings(content if page is self.london else mine)
        groups = [(self.slug, "", mine)] if self.slug != CONTENT else []
        self.problems.set_findings([*groups, (CONTENT, "London-wide", content)])
        errors = sum(f.severity == "error" for f in mine + content)
        warnings = sum(f.severity == "warning" for f in mine + content)
        title = f"Problems — {errors} errors, {warnings} warnings"
        if self.problems_dock.windowTitle() != title:
            self.problems_dock.setWindowTitle(title)

    def current_field(self) -> str:
        """The field the user is working on: the selected row of a table page, else the page's section."""
        page = self.stack.currentWidget() if self.slug == CONTENT else self.tabs.currentWidget()
        key = self._focus_key()
        for model, view in getattr(page, "tables", []):
            index = view.currentIndex()
            if index.isValid() and len(model.list_path) == 1:
                return f"{model.list_path[0]}[{index.row()}]"
        return key

    def _focus_key(self) -> str:
        page = self.stack.currentWidget() if self.slug == CONTENT else self.tabs.currentWidget()
        return page.keys[0] if isinstance(page, Page) and page.keys else ""

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, Page) and page.keys:
            self.preview.scroll_to(page.keys[0])

    def jump_to(self, slug: str, path: str) -> None:
        """Show the field `path` of `slug`, as the problems list asks."""
        if slug != self.slug:
            self.edition_list.select(slug)
        pages = [self.london] if slug == CONTENT else self.borough_pages
        for page in pages:
            if page.handles(path):
                if page is not self.london:
                    self.tabs.setCurrentWidget(page)
                page.focus(path)
                self.preview.scroll_to(path)
                return

    def _update_title(self) -> None:
        document = self.current_document()
        name = "London-wide content" if self.slug == CONTENT or document is None else document.data.borough
        where = "sample edition (saved copies go elsewhere)" if self.session.bundled else str(self.session.folder)
        read_only = document is not None and self.reliability.is_read_only(document.path)
        self.setWindowTitle(f"{name} — {where}{' (read-only)' if read_only else ''}[*] — Borough Summary Editor")
        self.setWindowModified(bool(self.session.dirty_documents()))

    # --- closing -------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = settings().value("window/geometry")
        state = settings().value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if not file_actions.confirm_discard(self):
            event.ignore()
            return
        settings().setValue("window/geometry", self.saveGeometry())
        settings().setValue("window/state", self.saveState())
        self.preview.wait_idle()
        self.preview.keep()
        for document in self.session.documents():
            self.reliability.closed(document)
        event.accept()
