import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commentapp import spam
from commentapp.spam.evaluation import evaluate
from commentapp.spam.training import load_corpus_csv


class Command(BaseCommand):
    help = (
        "Score labelled CSVs (CONTENT, CLASS; 1 = spam) with the shipped model, without "
        "training on them: accuracy, precision, recall, F1, FPR, MCC, us per comment."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true", help="one JSON object")

    def handle(self, *args, files, json: bool = False, **options):
        texts, labels = [], []
        for f in files:
            if not Path(f).is_file():
                raise CommandError(f"Not a file: {f}")
            try:
                x, y = load_corpus_csv(f)
            except (KeyError, ValueError) as error:
                raise CommandError(f"{f}: needs CONTENT and CLASS columns ({error})") from error
            texts += x
            labels += y
        model = spam.load_default_model()
        model.spam_probability(["warm-up"])  # keep one-off set-up out of the timing
        m = evaluate(texts, labels, lambda t: model.spam_probability([t])[0] >= 0.5)
        result = {
            "files": [Path(f).name for f in files],
            "model_version": model.version,
            **m.as_dict(),
        }
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(f"model {model.version} on {', '.join(result['files'])}")
        for key in ("n", "accuracy", "precision", "recall", "f1", "fpr", "mcc", "us_per_comment"):
            value = result[key]
            self.stdout.write(
                f"{key:15} {value:.4f}" if isinstance(value, float) else f"{key:15} {value}"
            )


def _dumps(obj) -> str:
    return json.dumps(obj)
