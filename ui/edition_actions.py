"""Edition-wide tools in the editor: the dashboard, batch export, and importing figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.batch_export import BatchExportDialog
from ui.dashboard import EditionDashboard
from ui.file_actions import borough_paths
from ui.import_figures_dialog import ImportFiguresDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Add the menu entries and the dashboard dock to `window`."""
    window.dashboard = EditionDashboard(None)
    window.dashboard.open_borough.connect(window.edition_list.select)
    dock = window.add_dock(window.dashboard, "Edition dashboard", Qt.DockWidgetArea.BottomDockWidgetArea)
    window.tabifyDockWidget(window.problems_dock, dock)
    window.problems_dock.raise_()
    dock.visibilityChanged.connect(lambda visible: visible and window.dashboard.set_folder(window.session.folder))
    action = dock.toggleViewAction()
    action.setShortcut("Ctrl+D")
    window.menu("&View").addAction(action)
    window.add_action("&Edition", "Export &All Boroughs…", lambda: batch_export(window), "Ctrl+Alt+E")
    window.add_action("&Edition", "&Import Figures from Spreadsheet…", lambda: import_figures(window), "Ctrl+I")


def batch_export(window: MainWindow) -> None:
    selected = [window.session.path_of(window.slug)] if window.slug else []
    dialog = BatchExportDialog(window.session.folder, borough_paths(window), selected, parent=window)
    dialog.exec()


def import_figures(window: MainWindow) -> None:
    if window.session.bundled:
        QMessageBox.information(window, "Import figures", "The sample edition is read-only: save it as a copy "
                                "first (File ▸ Save Edition As…), then import into the copy.")
        return
    dialog = ImportFiguresDialog(window.session.folder, documents=window.session.boroughs, parent=window)
    dialog.applied.connect(lambda slugs: [window.session.recheck(s) for s in slugs if s in window.session.boroughs])
    dialog.exec()
