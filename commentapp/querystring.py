"""Numbers from query strings and form values that strangers can type."""

from __future__ import annotations


def parse_positive_int(value) -> int | None:
    """`value` as an int >= 1, or None when it is not one.

    ASCII digits only: `str.isdigit()` also accepts "²", which `int()` then rejects
    (and Arabic-Indic digits, which it reads), and a query string must never turn into a 500.
    """
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number >= 1 else None
