"""The JSON API. Thin: parse and check shapes (serializers), then call selectors and services.

Errors are JSON: 400 with a list of messages per field, 404 `{"detail"}` for an unknown
article or a comment readers cannot see, 429 when a client posts too fast.
"""

import re

from django.conf import settings
from django.db.models import Count, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Article
from commentapp.querystring import parse_positive_int

from ..models import Comment
from ..netaddr import client_ip
from ..ratelimits import TOO_MANY_MESSAGE, rate_limited
from ..selectors.api import comment_conversation_page
from ..services import CommentRejected, comment_create
from ..session import remember_own_comment
from ..thread.paging import SORTS
from .serializers import (
    MAX_DB_ID,
    CommentCreatedSerializer,
    CommentCreateSerializer,
    CommentDetailSerializer,
    CountsSerializer,
    ErrorSerializer,
    FieldErrorsSerializer,
    QueryErrorsSerializer,
    ThreadPageSerializer,
)

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
MAX_PAGE = 100_000
MAX_SLUGS = 100
SLUGS_PATTERN = rf"^[-a-zA-Z0-9_]{{1,200}}(,[-a-zA-Z0-9_]{{1,200}}){{0,{MAX_SLUGS - 1}}}$"

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown article.")
BAD_QUERY = OpenApiResponse(
    QueryErrorsSerializer, description="A query parameter has the wrong type or value."
)


def _article_or_404(slug: str) -> Article:
    # Checked before the query: a NUL or other odd character is "no such article", not a
    # database error.
    article = Article.objects.published().filter(slug=slug).first() if SLUG_RE.match(slug) else None
    if article is None:
        raise NotFound("No article with this slug.")
    return article


def _query_page(request) -> int:
    page = parse_positive_int(request.query_params.get("page", "1"))
    if page is None:
        raise ValidationError({"page": ["A page number is a whole number from 1."]})
    if page > MAX_PAGE:
        raise NotFound("No such page.")
    return page


def _query_sort(request) -> str:
    sort = request.query_params.get("sort", SORTS[0])
    if sort not in SORTS:
        raise ValidationError({"sort": [f"Sort is one of: {', '.join(SORTS)}."]})
    return sort


def _page_link(request, *, page: int, sort: str) -> str:
    query = f"?page={page}" + ("" if sort == SORTS[0] else f"&sort={sort}")
    return request.build_absolute_uri(request.path + query)


class ArticleCommentsView(APIView):
    @extend_schema(
        operation_id="article_comments_list",
        summary="An article's approved comments, a page of conversations at a time",
        description=(
            "Paginated by top-level comment (`count` conversations in all, "
            f"{settings.COMMENTS_THREADS_PER_PAGE} per page). Each result is a top-level "
            "comment with `replies`: all its visible replies flattened in reading order "
            "(depth-first, oldest first), each carrying its `parent` id and `depth`."
        ),
        parameters=[
            OpenApiParameter(
                "page",
                {"type": "integer", "minimum": 1},
                description="1-based page number (404 past the last page).",
            ),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
        ],
        responses={
            200: ThreadPageSerializer,
            400: BAD_QUERY,
            404: OpenApiResponse(ErrorSerializer, description="Unknown article or page."),
        },
    )
    def get(self, request, slug):
        article = _article_or_404(slug)
        page_number, sort = _query_page(request), _query_sort(request)
        page = comment_conversation_page(
            article=article,
            page=page_number,
            sort=sort,
            per_page=settings.COMMENTS_THREADS_PER_PAGE,
        )
        if page_number > 1 and not page.conversations:
            raise NotFound("No such page.")
        conversations = []
        for conversation in page.conversations:
            conversation.comment.replies_in_order = conversation.replies
            conversations.append(conversation.comment)
        data = {
            "count": page.total_threads,
            "comment_count": page.total_comments,
            "page": page_number,
            "next": _page_link(request, page=page_number + 1, sort=sort) if page.has_next else None,
            "previous": _page_link(request, page=page_number - 1, sort=sort)
            if page_number > 1
            else None,
            "results": conversations,
        }
        return Response(ThreadPageSerializer(data, context={"request": request}).data)

    @extend_schema(
        operation_id="article_comments_create",
        summary="Post a comment or a reply",
        description=(
            "Same rules as the form on the article page. Anonymous: `name` and `email` are "
            "required and the comment never carries the Author badge, whatever they say. "
            "With a signed-in session (send the CSRF token) the comment is posted as the "
            "account; `name` and `email` are ignored. The comment is saved `pending` and the "
            "spam filter decides within seconds; poll `GET /api/comments/{id}/` (404 until it "
            "is approved)."
        ),
        request=CommentCreateSerializer,
        responses={
            201: CommentCreatedSerializer,
            400: OpenApiResponse(FieldErrorsSerializer, description="Messages per field."),
            403: OpenApiResponse(ErrorSerializer, description="CSRF check failed (session)."),
            404: NOT_FOUND,
            429: OpenApiResponse(ErrorSerializer, description="Posting too fast."),
        },
    )
    def post(self, request, slug):
        article = _article_or_404(slug)
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user if request.user.is_authenticated else None
        if rate_limited(request._request, group="comment-post", email=data.get("email", "")):
            response = Response({"detail": TOO_MANY_MESSAGE}, status=429)
            response["Retry-After"] = "60"
            return response
        parent = None
        if data.get("parent") is not None:
            parent = Comment.objects.filter(pk=data["parent"], article=article).first()
            if parent is None:
                raise ValidationError(
                    {"parent": ["You can only reply to a comment on this article."]}
                )
        try:
            comment = comment_create(
                article=article,
                body=data["body"],
                name=data.get("name", ""),
                email=data.get("email", ""),
                user=user,
                parent=parent,
                notify_replies=data["notify_replies"],
                ip_address=client_ip(request._request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except CommentRejected as error:
            raise ValidationError(
                {
                    ("non_field_errors" if field == "__all__" else field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
        if hasattr(request._request, "session"):
            remember_own_comment(request._request, comment.pk)
        comment.refresh_from_db(fields=["status"])
        body = {
            "id": comment.pk,
            "status": comment.status,
            "parent": comment.parent_id,
            "is_author_reply": comment.is_author_reply,
            "submitted_at": comment.submitted_at,
            "url": request.build_absolute_uri(comment.get_absolute_url()),
        }
        return Response(CommentCreatedSerializer(body).data, status=status.HTTP_201_CREATED)


class CommentDetailView(APIView):
    @extend_schema(
        operation_id="comment_retrieve",
        summary="A comment's public state",
        responses={
            200: CommentDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Unknown, or not visible."),
        },
    )
    def get(self, request, pk: int):
        comment = None
        if pk <= MAX_DB_ID:
            comment = (
                Comment.objects.select_related("article")
                .filter(
                    pk=pk,
                    status=Comment.Status.APPROVED,
                    # A scheduled article's comments are as unseen as the article itself.
                    article__in=Article.objects.published(),
                )
                .first()
            )
        if comment is None:
            raise NotFound("No visible comment with this id.")
        return Response(CommentDetailSerializer(comment, context={"request": request}).data)


class ArticleCountsView(APIView):
    @extend_schema(
        operation_id="article_comment_counts",
        summary="Approved comment counts for several articles at once",
        parameters=[
            OpenApiParameter(
                "slugs",
                {"type": "string", "pattern": SLUGS_PATTERN},
                required=True,
                description=f"Comma-separated article slugs (at most {MAX_SLUGS}).",
            )
        ],
        responses={200: CountsSerializer, 400: BAD_QUERY},
    )
    def get(self, request):
        raw = request.query_params.get("slugs", "")
        if not raw:
            raise ValidationError({"slugs": ["Give one or more article slugs, comma-separated."]})
        slugs = raw.split(",")
        if len(slugs) > MAX_SLUGS:
            raise ValidationError({"slugs": [f"At most {MAX_SLUGS} slugs at a time."]})
        if not all(SLUG_RE.match(s) for s in slugs):
            raise ValidationError(
                {"slugs": ["Slugs are letters, digits, hyphens and underscores, comma-separated."]}
            )
        rows = (
            Article.objects.published()
            .filter(slug__in=slugs)
            .annotate(
                approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
            )
            .values_list("slug", "approved")
        )
        return Response(CountsSerializer({"counts": dict(rows)}).data)


@extend_schema(exclude=True)
class ApiNotFoundView(APIView):
    """Any other /api/ address: a JSON 404 rather than the site's HTML page."""

    def get(self, request, rest=""):
        raise NotFound("No such API endpoint.")

    post = put = patch = delete = get
