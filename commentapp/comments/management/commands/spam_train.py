import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commentapp.spam.training import ARTIFACT_DIR, NEWSROOM_CSV, train


class Command(BaseCommand):
    help = (
        "Rebuild the shipped spam model from labelled CSVs (CONTENT, CLASS) plus the "
        "newsroom examples; writes commentapp/spam/artifacts/model.npz and model_card.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            help="labelled CSV files (default: every *.csv in ../shared/data/spam, the dev corpus)",
        )
        parser.add_argument("--out-dir", default=str(ARTIFACT_DIR))
        parser.add_argument("--no-extra", action="store_true", help="skip newsroom_examples.csv")
        parser.add_argument("--no-eval", action="store_true", help="skip leave-one-file-out")

    def handle(self, *args, files, out_dir, no_extra, no_eval, **options):
        if not files:
            corpus = Path(settings.BASE_DIR).parent / "shared" / "data" / "spam"
            files = [str(p) for p in sorted(corpus.glob("*.csv"))]
            if not files:
                raise CommandError(f"No CSV files in {corpus}; pass the corpus files explicitly")
        missing = [f for f in files if not Path(f).is_file()]
        if missing:
            raise CommandError(f"Not a file: {', '.join(missing)}")
        card = train(
            files,
            extra_examples_csv=None if no_extra else NEWSROOM_CSV,
            out_dir=out_dir,
            evaluate=not no_eval,
        )
        self.stdout.write(json.dumps({k: card[k] for k in ("version", "rows", "artifact")}))
        pooled = card.get("leave_one_file_out", {}).get("pooled", {})
        for name, m in pooled.items():
            self.stdout.write(f"LOO pooled {name}: F1={m['f1']:.4f} FPR={m['fpr']:.4f}")
