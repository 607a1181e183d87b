"""Writes. Views, API views, admin actions, tasks and commands call these; nothing else writes.

One module per concern: posting (create), classification (the spam filter step), status
(moderation transitions and their audit trail), learning (moderator feedback to the model),
importing (the import_thread contract).
"""

from .classification import comment_classify, enqueue_classification
from .posting import CommentRejected, comment_create
from .status import comment_change_status

__all__ = [
    "CommentRejected",
    "comment_change_status",
    "comment_classify",
    "comment_create",
    "enqueue_classification",
]
