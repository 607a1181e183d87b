"""The moderation desk in the Django admin.

comments.py: the queue (changelist), the decision page (change view) and its per-comment
buttons; actions.py: bulk actions and the ban form; filters.py: the queue's filters;
moderation.py: bans, banned phrases, reports and the read-only audit log.
"""

from django.contrib import admin

from ..models import AuditEvent, Ban, BannedPhrase, Comment, Report
from .comments import CommentAdmin
from .moderation import AuditEventAdmin, BanAdmin, BannedPhraseAdmin, ReportAdmin

admin.site.register(Comment, CommentAdmin)
admin.site.register(Ban, BanAdmin)
admin.site.register(BannedPhrase, BannedPhraseAdmin)
admin.site.register(Report, ReportAdmin)
admin.site.register(AuditEvent, AuditEventAdmin)
