"""Contacts: phone numbers that can exist, well-formed emails and web addresses, grouped numbers."""

from __future__ import annotations

import re

from model.checks.phones import digits_of, valid_uk
from model.checks.style import phone_style
from model.findings import Finding
from model.types import Contact, EditionContent

EMERGENCY = ("999", "112")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WEB = re.compile(r"(https?://)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(:\d+)?(/[^\s<>\"]*)?")


def _phone(path: str, number: str) -> list[Finding]:
    if not number.strip():
        return []
    if not valid_uk(number):
        return [Finding(path, "error", "contacts.phone_invalid",
                        f"'{number}' is not a valid UK phone number (it needs 10 or 11 digits starting with "
                        f"01, 02, 03, 07 or 08)")]
    return phone_style(path, number)


def contact_findings(prefix: str, contact: Contact) -> list[Finding]:
    out = []
    if not contact.name.strip():
        out.append(Finding(f"{prefix}.name", "error", "contacts.name_missing", "this contact has no name"))
    out += _phone(f"{prefix}.phone", contact.phone)
    out += _phone(f"{prefix}.minicom", contact.minicom)
    if contact.email and not _EMAIL.fullmatch(contact.email.strip()):
        out.append(Finding(f"{prefix}.email", "error", "contacts.email_invalid",
                           f"'{contact.email}' is not a valid email address (name@example.org)"))
    if contact.web and not _WEB.fullmatch(contact.web.strip()):
        out.append(Finding(f"{prefix}.web", "error", "contacts.web_invalid",
                           f"'{contact.web}' is not a valid web address (www.example.org/page)"))
    return out


def check_list(prefix: str, contacts: tuple[Contact, ...]) -> list[Finding]:
    return [f for i, c in enumerate(contacts) for f in contact_findings(f"{prefix}[{i}]", c)]


def check_edition(content: EditionContent) -> list[Finding]:
    out = check_list("contacts", content.contacts)
    out += _phone("non_emergency", content.non_emergency)
    # Only 999 and 112 reach the emergency services; any valid number (101, 0300 123 1212) once passed.
    if content.emergency and digits_of(content.emergency) not in EMERGENCY:
        out.append(Finding("emergency", "error", "contacts.phone_invalid",
                           f"'{content.emergency}' is not an emergency number (999 or 112)"))
    return out
