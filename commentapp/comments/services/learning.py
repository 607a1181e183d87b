"""The site's spam model: the shipped artifact, updated from moderators' decisions."""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.db import transaction

from commentapp import spam

from ..models import BannedPhrase, SpamModelVersion, TrainingExample

logger = logging.getLogger(__name__)
_loaded_lock = threading.Lock()
_loaded: dict[str, spam.TextModel] = {}


# How long a process trusts its idea of the newest model version before asking the database
# again: a retrain reaches every worker within this time, without a query per comment.
MODEL_VERSION_CHECK_SECONDS = 5.0  # also for the banned phrases
_version_checked_at = 0.0
_current: spam.TextModel | None = None


def spam_model_current() -> spam.TextModel:
    """The newest site model built on the shipped model, or the shipped one. Loaded once per
    process per version.

    A site model is the shipped model nudged by moderators (``spam_model_retrain``), so one
    built on an older shipped model is stale after a deploy (and may not even load: other
    features): the shipped model is used until the next retrain, which starts from it.
    """
    global _current, _version_checked_at
    now = time.monotonic()
    with _loaded_lock:
        if _current is not None and now - _version_checked_at < MODEL_VERSION_CHECK_SECONDS:
            return _current
        shipped = spam.load_default_model()
        latest = (
            SpamModelVersion.objects.filter(version__startswith=_site_prefix(shipped))
            .order_by("-created_at", "-id")
            .values_list("pk", "version")
            .first()
        )
        model = shipped
        if latest is not None and (model := _loaded.get(latest[1])) is None:
            data = SpamModelVersion.objects.values_list("data", flat=True).get(pk=latest[0])
            try:
                model = spam.TextModel.from_bytes(bytes(data))
            except ValueError:
                logger.exception(
                    "Site spam model %s does not load; using the shipped one.", latest[1]
                )
                model = shipped
            _loaded.clear()
            _loaded[latest[1]] = model
        _current, _version_checked_at = model, now
        return model


def _site_prefix(shipped: spam.TextModel) -> str:
    return f"{shipped.version}+site."


def spam_model_cache_clear() -> None:
    """Forget the cached model version and banned phrases (after a retrain, and in tests)."""
    global _current, _phrases
    with _loaded_lock:
        _current = None
        _phrases = None


_phrases: tuple[float, tuple[str, ...]] | None = None


def banned_phrases_current() -> tuple[str, ...]:
    """The moderators' banned phrases; like the model version, re-read every few seconds."""
    global _phrases
    now = time.monotonic()
    if _phrases is None or now - _phrases[0] >= MODEL_VERSION_CHECK_SECONDS:
        _phrases = (now, tuple(BannedPhrase.objects.values_list("phrase", flat=True)))
    return _phrases[1]


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
    version = f"{_site_prefix(base)}{len(examples)}.{digest}"
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
        transaction.on_commit(spam_model_cache_clear)
    return saved
