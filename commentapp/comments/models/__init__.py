from .alerts import ModeratorDigest
from .comment import Comment
from .moderation import AuditEvent, Ban, BannedPhrase, Report
from .spam import SpamModelVersion, TrainingExample

__all__ = [
    "AuditEvent",
    "Ban",
    "BannedPhrase",
    "Comment",
    "ModeratorDigest",
    "Report",
    "SpamModelVersion",
    "TrainingExample",
]
