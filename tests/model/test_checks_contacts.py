"""Contacts and phone numbers, word for word: each number as a comms officer types it, and what the user reads.

Mutation testing (docs/mutation.md) found these checks held only "some error or none": the number
written the international way, a short code, the lengths of each prefix and the messages were free to
change.
"""

from __future__ import annotations

import dataclasses

import pytest

from model.checks import contacts, style
from model.checks.phones import digits_of, format_uk, valid_uk
from model.types import Contact, EditionContent

INVALID = ("is not a valid UK phone number (it needs 10 or 11 digits starting with 01, 02, 03, 07 or 08)")
LONDON = "write London numbers as 020 xxxx xxxx"


@pytest.mark.parametrize(("number", "digits", "valid", "london"), [
    ("020 7202 0202", "02072020202", True, "020 7202 0202"),
    ("+44 (0)20 7202 0202", "02072020202", True, "020 7202 0202"),  # the international way, trunk 0 in brackets
    ("+44 20 7202 0202", "02072020202", True, "020 7202 0202"),
    ("44 20 7202 0202", "02072020202", True, "020 7202 0202"),  # the + left off
    ("+44 800 555 111", "0800555111", True, ""),  # a 10-digit freephone number: only its length says +44
    ("0300 123 1212", "03001231212", True, ""),  # the police's non-emergency line: not grouped as London
    ("101", "101", True, ""),
    ("999", "999", True, ""),
    ("01768 812345", "01768812345", True, ""),  # geographic: 10 or 11 digits
    ("016977 3456", "0169773456", True, ""),
    ("0800 555111", "0800555111", True, ""),
    ("020 7202 020", "0207202020", False, ""),  # 02, 03, 05 and 07 numbers always have 11 digits
    ("0300 123 121", "0300123121", False, ""),
    ("0500 123 456", "0500123456", False, ""),
    ("07700 900 12", "0770090012", False, ""),
    ("0123 4567 8901", "012345678901", False, ""),  # 12 digits
    ("01768 8123456", "017688123456", False, ""),
    ("207 202 0202", "2072020202", False, ""),  # the leading 0 left off
    ("0012 345 6789", "00123456789", False, ""),  # 00 is the international prefix, 04 and 06 are not used
    ("0400 123 4567", "04001234567", False, ""),
    ("0600 123 4567", "06001234567", False, ""),
    ("1234", "1234", False, ""),
])
def test_a_number_as_typed(number: str, digits: str, valid: bool, london: str) -> None:
    assert (digits_of(number), valid_uk(number), format_uk(digits_of(number))) == (digits, valid, london)


@pytest.mark.parametrize(("number", "expected"), [
    ("020 7202 0202", []),
    ("0300 123 1212", []),
    ("101", []),
    ("+44 800 555 111", []),
    ("+44 (0)20 7202 0202",
     [("warning", "style.london_number", f"{LONDON}: '+44 (0)20 7202 0202' should be '020 7202 0202'")]),
    ("0207 202 0202", [("warning", "style.london_number", f"{LONDON}: '0207 202 0202' should be '020 7202 0202'")]),
    ("02072020202", [("warning", "style.london_number", f"{LONDON}: '02072020202' should be '020 7202 0202'")]),
    ("020 7202 020", [("error", "contacts.phone_invalid", f"'020 7202 020' {INVALID}")]),
    ("0400 123 4567", [("error", "contacts.phone_invalid", f"'0400 123 4567' {INVALID}")]),
    ("   ", []),  # an empty cell: nothing to check
])
def test_a_contact_number_and_what_the_user_reads(number: str, expected: list[tuple[str, str, str]]) -> None:
    for field in ("phone", "minicom"):
        found = contacts.contact_findings("contacts[2]", Contact(name="Police station", **{field: number}))
        assert [(f.severity, f.code, f.message) for f in found] == expected
        assert {f.path for f in found} <= {f"contacts[2].{field}"}


def test_every_field_of_a_contact_and_its_path() -> None:
    bad = Contact(name=" ", phone="1234", minicom="020 7202 020", email="police@", web="http//crimestoppers-uk.org")
    found = contacts.check_list("contacts", (Contact(name="Crimestoppers", phone="0800 555 111"), bad))
    assert [(f.path, f.severity, f.code, f.message) for f in found] == [
        ("contacts[1].name", "error", "contacts.name_missing", "this contact has no name"),
        ("contacts[1].phone", "error", "contacts.phone_invalid", f"'1234' {INVALID}"),
        ("contacts[1].minicom", "error", "contacts.phone_invalid", f"'020 7202 020' {INVALID}"),
        ("contacts[1].email", "error", "contacts.email_invalid",
         "'police@' is not a valid email address (name@example.org)"),
        ("contacts[1].web", "error", "contacts.web_invalid",
         "'http//crimestoppers-uk.org' is not a valid web address (www.example.org/page)"),
    ]
    good = Contact(name="Victim Support", phone="0845 303 0900", email="info@victimsupport.org.uk",
                   web="https://www.victimsupport.org.uk/help")
    assert contacts.contact_findings("contacts[0]", good) == []


@pytest.mark.parametrize(("emergency", "non_emergency", "expected"), [
    ("999", "101", []),
    ("112", "0300 123 1212", []),
    ("", "", []),  # not printed
    ("101", "101", [("emergency", "'101' is not an emergency number (999 or 112)")]),  # once passed: a valid number
    ("0300 123 1212", "101", [("emergency", "'0300 123 1212' is not an emergency number (999 or 112)")]),
    ("99", "101", [("emergency", "'99' is not an emergency number (999 or 112)")]),
    ("999", "0300 123 121", [("non_emergency", f"'0300 123 121' {INVALID}")]),
    ("999", "0300 1231 212", []),  # grouped oddly, but only London numbers have a house grouping
    ("999", "0207 202 0202", [("non_emergency", f"{LONDON}: '0207 202 0202' should be '020 7202 0202'")]),
])
def test_the_editions_emergency_and_non_emergency_numbers(emergency: str, non_emergency: str,
                                                          expected: list[tuple[str, str]]) -> None:
    content = EditionContent(emergency=emergency, non_emergency=non_emergency,
                             contacts=(Contact(name="Crimestoppers", phone="0800 555 111"),
                                       Contact(name="", web="www.met.police.uk")))
    found = contacts.check_edition(content)
    assert [(f.path, f.message) for f in found] == [
        ("contacts[1].name", "this contact has no name"), *expected]
    assert [(f.code, f.severity) for f in found[1:]] == [
        ("style.london_number", "warning") if message.startswith(LONDON) else ("contacts.phone_invalid", "error")
        for _path, message in expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Call us on 020 7202 0202 or 0300 123 1212.", []),
    ("Call us on 0207 202 0202.", [("0207 202 0202", (11, 24), "'0207 202 0202' should be '020 7202 0202'")]),
    ("Call +44 20 7202 0202 today.", [("+44 20 7202 0202", (5, 21), "'+44 20 7202 0202' should be '020 7202 0202'")]),
    ("Call 020 7202 020 now.", []),  # too short to group: the contacts check, not house style, says so
])
def test_a_london_number_in_running_text(text: str, expected: list[tuple[str, tuple[int, int], str]]) -> None:
    found = style.check_text("commander.message", text, dataclasses.replace(EditionContent(), period="2009/10"))
    assert {f.path for f in found} <= {"commander.message"}
    assert [(f.figure, f.span, f.message) for f in found if f.code == "style.london_number"] == [
        (figure, span, f"{LONDON}: {message}") for figure, span, message in expected]
