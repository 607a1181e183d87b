"""Load the demo article, its thread and the demo accounts (safe to run again)."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from commentapp.comments.services.importing import thread_import

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "street_trees.json"
DEMO_PASSWORD = "demo-password-123"  # noqa: S105 (local demo accounts, printed on purpose)


class Command(BaseCommand):
    help = "Load the demo article with its comment thread, and demo accounts for each role."

    def handle(self, *args, **options):
        document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        results = list(thread_import(document))
        User = get_user_model()
        author = User.objects.get(username=document["article"]["author"]["username"])
        author.set_password(DEMO_PASSWORD)
        author.save(update_fields=["password"])
        authors_group = Group.objects.filter(name="Authors").first()
        if authors_group:
            author.is_staff = True
            author.save(update_fields=["is_staff"])
            author.groups.add(authors_group)

        moderator, _ = User.objects.get_or_create(
            username="moderator", defaults={"email": "moderator@example.com", "is_staff": True}
        )
        moderator.set_password(DEMO_PASSWORD)
        moderator.save()
        moderators_group = Group.objects.filter(name="Moderators").first()
        if moderators_group:
            moderator.groups.add(moderators_group)

        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()

        by_status = {}
        for result in results[:-1]:
            by_status[result.get("status", "error")] = (
                by_status.get(result.get("status", "error"), 0) + 1
            )
        self.stdout.write(f"Demo article: {results[-1]['article_url']}")
        self.stdout.write(f"Comments by status: {json.dumps(by_status, sort_keys=True)}")
        self.stdout.write(
            f"Accounts (password {DEMO_PASSWORD!r}): mara (the article's author), "
            "moderator (Moderators group), admin (superuser)"
        )
