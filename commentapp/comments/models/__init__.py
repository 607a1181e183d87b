from .comment import Comment
from .moderation import AuditEvent, Ban, BannedPhrase, Report
from .spam import SpamModelVersion, TrainingExample

__all__ = [
    "AuditEvent",
    "Ban",
    "BannedPhrase",
    "Comment",
    "Report",
    "SpamModelVersion",
    "TrainingExample",
]
