"""Test-only worker hook, loaded with `celery worker --include tests.integration.worker_hooks`.

With TEST_CLASSIFY_DELAY set, the FIRST classify call in any worker that shares the
TEST_CLASSIFY_MARKER file writes the marker (its pid) and then sleeps, so a test can SIGKILL the
worker while it is certainly in the middle of the task. Production code carries no test switch.
"""

import os
import time
from pathlib import Path

from commentapp.comments.services import classification

_DELAY = float(os.environ.get("TEST_CLASSIFY_DELAY", "0"))
_MARKER = os.environ.get("TEST_CLASSIFY_MARKER", "")
_original = classification.comment_classify


def _slow_first_classify(*, comment_id: int):
    marker = Path(_MARKER)
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        time.sleep(_DELAY)
    return _original(comment_id=comment_id)


if _DELAY and _MARKER:
    classification.comment_classify = _slow_first_classify
