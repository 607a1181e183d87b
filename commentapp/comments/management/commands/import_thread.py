import json

from django.core.management.base import BaseCommand, CommandError

from commentapp.comments.services.importing import ImportFormatError, thread_import


class Command(BaseCommand):
    help = (
        "Import one article and its comments through the same pipeline as a web post. "
        'Prints one JSON object per comment, then {"article_url": ...}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="import_thread JSON document (see DESIGN.md)")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from error
        try:
            for result in thread_import(document):
                self.stdout.write(json.dumps(result))
        except ImportFormatError as error:
            raise CommandError(f"{file}: {error}") from error
