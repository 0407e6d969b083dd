"""Edition-wide tools in the editor: the dashboard, batch export, and importing figures.

The menu entries and the dashboard's dock exist from the start; the dashboard itself and the dialogs
(and the modules behind them) are made when first used: importing them up front cost the editor's
start-up about a fifth of its time before the window was shown (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from ui.file_actions import borough_paths

if TYPE_CHECKING:
    from ui.dashboard import EditionDashboard
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Add the menu entries and the dashboard dock to `window`."""
    dock = window.add_dock(QWidget(), "Edition dashboard", Qt.DockWidgetArea.BottomDockWidgetArea)
    window.dashboard_dock = dock
    window.tabifyDockWidget(window.problems_dock, dock)
    window.problems_dock.raise_()
    # Filled when first shown, on the next turn of the event loop: not inside the layout change that
    # showed it (a restoreState putting it in front).
    soon = QTimer(dock)
    soon.setSingleShot(True)
    soon.timeout.connect(lambda: dock.isVisible() and window.dashboard.set_folder(window.session.folder))
    dock.visibilityChanged.connect(lambda visible: visible and soon.start(0))
    # A menu entry brings the dashboard to the front; it never hides it (a toggle did, to users' surprise).
    window.add_action("&View", "Edition &Dashboard", lambda: raise_dock(dock), "Ctrl+D")
    window.add_action("&Edition", "Export &All Boroughs…", lambda: batch_export(window), "Ctrl+Alt+E")
    window.add_action("&Edition", "&Import Figures from Spreadsheet…", lambda: import_figures(window), "Ctrl+I")


def raise_dock(dock: QDockWidget) -> None:
    """Show a dock and bring it in front of the docks tabbed with it."""
    dock.show()
    dock.raise_()
    dock.widget().setFocus()


def make_dashboard(window: MainWindow) -> EditionDashboard:
    """The dashboard, put into its dock in place of the empty placeholder (`window.dashboard` calls this)."""
    from ui.dashboard import EditionDashboard

    dashboard = EditionDashboard(None)
    dashboard.open_borough.connect(window.edition_list.select)
    placeholder = window.dashboard_dock.widget()
    window.dashboard_dock.setWidget(dashboard)
    if placeholder is not None:
        placeholder.deleteLater()
    return dashboard


def batch_export(window: MainWindow) -> None:
    from ui.batch_export import BatchExportDialog

    selected = [window.session.path_of(window.slug)] if window.slug else []
    dialog = BatchExportDialog(window.session.folder, borough_paths(window), selected, parent=window)
    dialog.exec()


def import_figures(window: MainWindow) -> None:
    if window.session.bundled:
        QMessageBox.information(window, "Import figures", "The sample edition is read-only: save it as a copy "
                                "first (File ▸ Save Edition As…), then import into the copy.")
        return
    from ui.import_figures_dialog import ImportFiguresDialog

    dialog = ImportFiguresDialog(window.session.folder, documents=window.session.boroughs, parent=window)
    dialog.applied.connect(lambda slugs: [window.session.recheck(s) for s in slugs if s in window.session.boroughs])
    dialog.exec()
