"""Who is commenting: names come from the account (never the form), and how names compare."""

import unicodedata

from django.contrib.auth.models import AbstractBaseUser


def user_display_name(user: AbstractBaseUser) -> str:
    profile = getattr(user, "author_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.get_username()


# Letters from other scripts that read as Latin ones, looked up after casefolding (so a capital
# and a small Cyrillic "a" both become "a"). Enough to stop an author's name typed with a
# Cyrillic or Greek letter passing as theirs; not a full Unicode confusables table.
_LOOKALIKES = str.maketrans(
    "авекмнорстухіїѕјԁһӏԛԝ"  # Cyrillic
    "αβεζηικμνορτυχ"  # Greek: the casefolded capitals, and small omicron
    "ɡıɩ",  # noqa: RUF001 (Cyrillic, Greek, then Latin script g, dotless i, iota)
    "abekmhopctyxiisjdhlqwabezhikmnoptyxgii",
)


def has_format_chars(text: str) -> bool:
    """Invisible formatting characters (zero-width space/joiner, bidi controls, soft hyphen)."""
    return any(unicodedata.category(ch) == "Cf" for ch in text)


def normalized_name(name: str) -> str:
    """The form two names are compared in: compatibility forms folded (NFKC: fullwidth letters,
    ligatures), invisible format characters dropped, case folded, look-alike letters from
    Cyrillic and Greek read as Latin, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.casefold().translate(_LOOKALIKES).split())
