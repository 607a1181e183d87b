"""What the JSON API reads and writes. Validation of content lives in services.comment_create;
these only check shapes and types so that wrong input is a 400 with field messages."""

from django.conf import settings
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Comment

MAX_DB_ID = 2**63 - 1  # a bigger id is a 400, not a database overflow
# Some visible character, and none of the control characters the service refuses (tab and
# newline are fine). Published in the schema as the field's pattern.
TEXT_PATTERN = r"^(?=\s*\S)[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # linear: no nested repeats
has_text = RegexValidator(TEXT_PATTERN, "Write some text, without control characters.")


class CommentPublicSerializer(serializers.ModelSerializer):
    """A visible comment as any reader sees it. A comment deleted by its writer keeps its
    place (replies hang under it) with `deleted: true` and an empty body."""

    parent = serializers.IntegerField(source="parent_id", allow_null=True, read_only=True)
    body_html = serializers.SerializerMethodField(
        help_text="Sanitized HTML (small safelist: p, br, a, em, strong, code, pre, blockquote, "
        "lists). Empty when deleted."
    )
    edited = serializers.SerializerMethodField()
    deleted = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The comment's permalink on the site.")

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "depth",
            "name",
            "body_html",
            "is_author_reply",
            "submitted_at",
            "edited",
            "deleted",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_body_html(self, comment) -> str:
        return "" if comment.deleted_at else comment.body_html

    def get_edited(self, comment) -> bool:
        return comment.edited_at is not None and comment.deleted_at is None

    def get_deleted(self, comment) -> bool:
        return comment.deleted_at is not None

    def get_url(self, comment) -> str:
        request = self.context.get("request")
        path = comment.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class CommentDetailSerializer(CommentPublicSerializer):
    article = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta(CommentPublicSerializer.Meta):
        fields = [*CommentPublicSerializer.Meta.fields, "article", "status"]
        read_only_fields = fields


class ConversationSerializer(CommentPublicSerializer):
    """A top-level comment with every visible reply under it, flattened in reading order
    (depth-first, oldest first): each reply names its `parent` and its `depth`."""

    replies = CommentPublicSerializer(source="replies_in_order", many=True, read_only=True)

    class Meta(CommentPublicSerializer.Meta):
        fields = [*CommentPublicSerializer.Meta.fields, "replies"]
        read_only_fields = fields


class ThreadPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Top-level conversations on every page.")
    comment_count = serializers.IntegerField(help_text="Approved comments on every page.")
    page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ConversationSerializer(many=True)


class CommentCreateSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=settings.COMMENTS_NAME_MAX_LENGTH,
        validators=[has_text],
        help_text="Required when not signed in; ignored for a signed-in session (the account's "
        "name is used).",
    )
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="Required when not signed in; never shown. Ignored for a signed-in session.",
    )
    body = serializers.CharField(max_length=settings.COMMENTS_BODY_MAX_LENGTH, trim_whitespace=True)
    parent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_DB_ID,
        help_text="Id of the visible comment on this article being answered; null: top level.",
    )
    notify_replies = serializers.BooleanField(
        required=False, default=False, help_text="Email me when someone replies."
    )


class CommentCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(
        choices=Comment.Status.choices,
        help_text="Usually `pending`: the spam filter decides within seconds.",
    )
    parent = serializers.IntegerField(allow_null=True)
    is_author_reply = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    url = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Approved comments per known article slug; unknown slugs are left out.",
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class FieldErrorsSerializer(serializers.Serializer):
    """400: a list of messages per field; `non_field_errors` for the comment as a whole."""

    name = serializers.ListField(child=serializers.CharField(), required=False)
    email = serializers.ListField(child=serializers.CharField(), required=False)
    body = serializers.ListField(child=serializers.CharField(), required=False)
    parent = serializers.ListField(child=serializers.CharField(), required=False)
    notify_replies = serializers.ListField(child=serializers.CharField(), required=False)
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class QueryErrorsSerializer(serializers.Serializer):
    """400 for a query parameter: a list of messages under the parameter's name."""

    page = serializers.ListField(child=serializers.CharField(), required=False)
    sort = serializers.ListField(child=serializers.CharField(), required=False)
    slugs = serializers.ListField(child=serializers.CharField(), required=False)
