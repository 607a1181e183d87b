"""The site's spam model: the shipped artifact, updated from moderators' decisions."""

from __future__ import annotations

import hashlib
import threading

from django.db import transaction

from commentapp import spam

from ..models import SpamModelVersion, TrainingExample

_loaded_lock = threading.Lock()
_loaded: dict[str, spam.TextModel] = {}


def spam_model_current() -> spam.TextModel:
    """The newest site model, or the shipped one. Loaded once per process per version."""
    latest = (
        SpamModelVersion.objects.order_by("-created_at", "-id").values_list("pk", "version").first()
    )
    if latest is None:
        return spam.load_default_model()
    pk, version = latest
    with _loaded_lock:
        model = _loaded.get(version)
        if model is None:
            data = SpamModelVersion.objects.values_list("data", flat=True).get(pk=pk)
            model = spam.TextModel.from_bytes(bytes(data))
            _loaded.clear()
            _loaded[version] = model
    return model


def training_example_record(*, comment, is_spam: bool, created_by=None) -> TrainingExample:
    """Keep a moderator's spam / not-spam decision as a labelled example (one per comment)."""
    example, _ = TrainingExample.objects.update_or_create(
        comment=comment,
        defaults={"text": comment.body, "is_spam": is_spam, "created_by": created_by},
    )
    return example


def spam_model_retrain() -> SpamModelVersion | None:
    """Build a new site model: the shipped model updated with every moderator example.

    Always starting from the shipped model (not the previous site model) keeps retraining
    deterministic and stops old corrections from being counted twice.
    """
    examples = list(TrainingExample.objects.order_by("pk").values_list("pk", "text", "is_spam"))
    if not examples:
        return None
    digest = hashlib.sha256(
        "\n".join(f"{pk}:{int(label)}:{text}" for pk, text, label in examples).encode()
    ).hexdigest()[:12]
    base = spam.load_default_model()
    version = f"{base.version}+site.{len(examples)}.{digest}"
    existing = SpamModelVersion.objects.filter(version=version).first()
    if existing is not None:
        return existing
    model = base.updated(
        [text for _, text, _ in examples],
        [int(label) for _, _, label in examples],
        version=version,
    )
    with transaction.atomic():
        saved = SpamModelVersion.objects.create(
            version=version, data=model.to_bytes(), example_count=len(examples)
        )
        TrainingExample.objects.filter(pk__in=[pk for pk, _, _ in examples]).update(
            used_in_version=version
        )
    return saved
