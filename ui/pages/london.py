"""The pan-London content (edition.yaml): period, Deputy Mayor's message, shared sections, contacts."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from model.types import Contact
from ui.list_table import ListTableModel
from ui.pages.base import Page, heading, line, table, text_box
from ui.pages.tables import CONTACT_COLUMNS
from ui.readability import with_readability

SECTIONS = (
    ("met_forward", "Met Forward"),
    ("mpa_work", "The MPA's work"),
    ("looking_back", "Looking back"),
    ("looking_forward", "Looking forward (introduction)"),
    ("have_your_say", "Have your say"),
    ("cpegs", "CPEGs"),
)


class LondonPage(Page):
    title = "London-wide"
    keys = ("period", "next_period", "title", "strapline", "deputy_mayor", "contacts", "emergency", "non_emergency",
            *(key for key, _ in SECTIONS))

    def build(self) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading("Content shared by every borough",
                                 "Changes here appear in all 32 leaflets and re-open every approval."))
        edition = QFormLayout()
        edition.addRow("Period:", line(self, ("period",), "Period", "2009/10"))
        edition.addRow("Next period:", line(self, ("next_period",), "Next period", "2010/11"))
        edition.addRow("Leaflet title:", line(self, ("title",), "Leaflet title"))
        edition.addRow("Strapline:", line(self, ("strapline",), "Strapline", "The line under the borough's name"))
        edition.addRow("Emergency:", line(self, ("emergency",), "Emergency number"))
        edition.addRow("Non-emergency:", line(self, ("non_emergency",), "Non-emergency number"))
        layout.addLayout(edition)
        mayor = QGroupBox("Deputy Mayor's message")
        form = QFormLayout(mayor)
        for field, label in (("heading", "Heading"), ("name", "Name"), ("title", "Title"), ("alt", "Photo alt text")):
            form.addRow(f"{label}:", line(self, ("deputy_mayor", field), f"Deputy Mayor {label.lower()}"))
        form.addRow("Message:", with_readability(text_box(self, ("deputy_mayor", "message"), "Deputy Mayor's message")))
        layout.addWidget(mayor)
        for key, label in SECTIONS:
            box = QGroupBox(label)
            form = QFormLayout(box)
            form.addRow("Heading:", line(self, (key, "heading"), f"{label} heading"))
            form.addRow("Subheading:", line(self, (key, "subheading"), f"{label} subheading"))
            form.addRow("Text:", with_readability(text_box(self, (key, "text"), f"{label} text")))
            layout.addWidget(box)
        contacts = QGroupBox("Useful contacts")
        model = ListTableModel(CONTACT_COLUMNS, ("contacts",), Contact, "contact", self)
        view, container = table(self, model, "Useful contacts")
        view.setMinimumHeight(240)
        QVBoxLayout(contacts).addWidget(container)
        layout.addWidget(contacts)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
