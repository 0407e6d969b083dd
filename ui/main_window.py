"""The main window: edition list (left), section forms (centre), live preview (right), problems (bottom)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.findings import Finding
from model.yaml_read import LoadError
from ui import edition_actions, file_actions
from ui.document import Document
from ui.edition_list import EditionList
from ui.focus_ring import FocusRing
from ui.overflow import cut_notes
from ui.pages.base import Page
from ui.pages.commander import CommanderPage
from ui.pages.initiatives import InitiativesPage
from ui.pages.london import LondonPage
from ui.pages.tables import ContactsPage, PrioritiesPage, ResultsPage
from ui.preview import PreviewPane
from ui.problems import ProblemsList
from ui.read_only_banner import ReadOnlyBanner
from ui.reliability.hooks import Reliability
from ui.session import CONTENT, EditionSession
from ui.settings import settings
from ui.spelling import hub as spelling_hub
from ui.words import plural

NARROW_WIDTH = 1100  # below this window width the preview is a tab beside the form
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
        self.focus_ring = FocusRing(self)
        for bar in (self.form_scroll.verticalScrollBar(), self.form_scroll.horizontalScrollBar()):
            bar.valueChanged.connect(lambda _v: self.focus_ring.follow())
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
            page.tab_anchor = self.tabs
        self.tabs.currentChanged.connect(self._tab_changed)
        self.london = LondonPage()
        self.london.tab_anchor = self.tabs  # hidden while the London-wide form shows: Tab goes on to it
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.london)
        self.edition_list = EditionList()
        self.edition_list.chosen.connect(self.show_borough)
        self.preview = PreviewPane()
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_banner.take_over.connect(self.take_over)
        # The form scrolls rather than forcing its size on the window (it must fit 1024×600).
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_scroll.setWidget(self.stack)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.read_only_banner)
        form_layout.addWidget(self.form_scroll, 1)
        # In a narrow window the preview becomes a second tab beside the form (see `_fit_to_width`).
        self.centre = QTabWidget()
        self.centre.setTabBarAutoHide(True)
        self.centre.setDocumentMode(True)
        self.centre.setAccessibleName("Form and preview")
        self.centre.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tab bar (shown when narrow) takes the focus itself
        self.centre.addTab(form, "&Form")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.edition_list, self.centre, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([230, 640, 520])
        self.setCentralWidget(self.splitter)
        # Tab in the order the window shows them: the list on the left, then the form (each page adds
        # its fields after the section tabs when it is built), then the preview and the docks below.
        QWidget.setTabOrder(self.edition_list, self.read_only_banner.button)
        QWidget.setTabOrder(self.read_only_banner.button, self.tabs)
        QApplication.instance().focusChanged.connect(self._keep_focus_in_view)  # type: ignore[union-attr]
        self.problems = ProblemsList()
        self.problems.jump.connect(self.jump_to)
        self.problems.figure_jump.connect(self.select_figure)
        self.problems_dock = self.add_dock(self.problems, "Problems", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.resizeDocks([self.problems_dock], [190], Qt.Orientation.Vertical)
        self.statusBar()

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field reached with Tab in a scrolled form is scrolled into view."""
        if new is not None and self.stack.isAncestorOf(new):
            self.form_scroll.ensureWidgetVisible(new, 20, 20)

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt override: Tab and Shift+Tab
        """Tab skips what cannot be seen: Qt 6 keeps the docks tabbed behind another one "visible" (moved
        out of view), so Tab went into the hidden Review and Dashboard panels."""
        start = QApplication.focusWidget()
        for _ in range(400):
            if not super().focusNextPrevChild(next):
                return False
            now = QApplication.focusWidget()
            if now is None or now is start or not now.visibleRegion().isEmpty():
                return True
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_to_width(event.size().width())

    def _fit_to_width(self, width: int) -> None:
        """Below NARROW_WIDTH the preview is a tab beside the form; above it, a pane to its right."""
        narrow = width < NARROW_WIDTH
        in_tab = self.centre.indexOf(self.preview) >= 0
        if narrow and not in_tab:
            self.centre.addTab(self.preview, "&Preview")
        elif not narrow and in_tab:
            self.centre.removeTab(self.centre.indexOf(self.preview))
            self.splitter.insertWidget(2, self.preview)
            self.preview.show()
            total = max(self.splitter.width(), 1)
            self.splitter.setSizes([total * 16 // 100, total * 46 // 100, total * 38 // 100])

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
        self.add_action("&Review", "Review &Panel", lambda: edition_actions.raise_dock(dock), "Ctrl+R")
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
        self.preview.show_cuts(cut_notes(mine))
        errors = sum(f.severity == "error" for f in mine + content)
        warnings = sum(f.severity == "warning" for f in mine + content)
        title = f"Problems — {plural(errors, 'error')}, {plural(warnings, 'warning')}"
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

    def select_figure(self, slug: str, path: str, start: int, end: int) -> None:
        """After `jump_to`: select the figure a finding is about in its text field."""
        pages = [self.london] if slug == CONTENT else self.borough_pages
        for page in pages:
            if page.handles(path):
                page.select_figure(path, start, end)
                return

    def _update_title(self) -> None:
        document = self.current_document()
        name = "London-wide content" if self.slug == CONTENT or document is None else document.data.borough
        where = "sample edition (saved copies go elsewhere)" if self.session.bundled else str(self.session.folder)
        read_only = document is not None and self.reliability.is_read_only(document.path)
        self.setWindowTitle(f"{name} — {where}{' (read-only)' if read_only else ''}[*] — Borough Summary Editor")
        self.setWindowModified(bool(self.session.dirty_documents()))
        self._show_read_only(document, read_only)

    def _show_read_only(self, document: Document[Any] | None, read_only: bool) -> None:
        """Read-only is read-only: the form cannot be typed in, and the banner offers Take Over."""
        for page in (*self.borough_pages, self.london):
            page.setEnabled(not read_only)
        if read_only and document is not None and document.path is not None:
            from model.locking import read_lock
            from ui.reliability.lock_prompt import describe_local

            info = read_lock(document.path)
            self.read_only_banner.show_for(document.path.name, describe_local(info) if info else "someone else")
        else:
            self.read_only_banner.hide()

    def take_over(self) -> None:
        """The banner's Take Over: edit the draft shown, if the lock can be had."""
        document = self.current_document()
        if document is not None and document.path is not None and self.reliability.take_over(document.path):
            self.statusBar().showMessage(f"You are now editing {document.path.name}", 6000)
        self._update_title()

    # --- closing -------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = settings().value("window/geometry")
        state = settings().value("window/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            pass  # where the user left it (Qt moves it onto a screen that is still there)
        else:
            self.fit_to_screen()
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:  # first start: size the problems list to the screen once the window has its real height
            QTimer.singleShot(0, self, self._size_problems_to_window)

    def _size_problems_to_window(self) -> None:
        """The problems list takes about a fifth of the window: on a 720-pixel laptop the form keeps its room."""
        height = max(110, min(220, self.height() // 5))
        self.resizeDocks([self.problems_dock], [height], Qt.Orientation.Vertical)

    def stop_for_signal(self) -> None:
        """SIGTERM or SIGINT (shutdown, logout, Ctrl+C in a terminal): no question can be asked.

        Unsaved edits are written to the recovery folder for the next start to offer, every lock is
        removed, and the window closes without the unsaved-changes prompt.
        """
        self._stopping = True
        self.reliability.keep_all_for_recovery()
        self.close()

    def fit_to_screen(self) -> None:
        """First start: 1440×900 where the screen has room, else the screen's free area, centred on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1440, 900)
            return
        free = screen.availableGeometry()
        frame = 8, 32  # the window manager's border and title bar, before the window has one to measure
        width = min(1440, free.width() - frame[0])
        height = min(900, free.height() - frame[1])
        self.resize(width, height)
        self.move(free.x() + (free.width() - width - frame[0]) // 2, free.y() + (free.height() - height - frame[1]) // 2)
        if width < 1440 or height < 900:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if not getattr(self, "_stopping", False) and not file_actions.confirm_discard(self):
            event.ignore()
            return
        settings().setValue("window/geometry", self.saveGeometry())
        settings().setValue("window/state", self.saveState())
        self.preview.wait_idle()
        self.preview.keep()
        for document in self.session.documents():
            self.reliability.closed(document)
        self.focus_ring.detach()
        self.session.stop_measuring()  # no layout re-check after the window has gone
        QApplication.instance().focusChanged.disconnect(self._keep_focus_in_view)  # type: ignore[union-attr]
        event.accept()
