"""Who is commenting: names and identity keys derived from the account, never from the form."""

from django.contrib.auth.models import AbstractBaseUser


def user_display_name(user: AbstractBaseUser) -> str:
    profile = getattr(user, "author_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.get_username()


def commenter_key(*, user=None, email: str = "") -> str:
    """The key the spam filter and the history checks use: the account, else the email."""
    if user is not None:
        return f"user:{user.pk}"
    return f"email:{email.strip().lower()}"


def normalized_name(name: str) -> str:
    return " ".join(name.casefold().split())
