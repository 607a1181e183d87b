"""The comment form (rendered with crispy-forms and its Bootstrap 5 pack)."""

import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing

from .models import Comment, Report
from .sanitizer import CONTROL_CHARS_RE

TIMESTAMP_SALT = "comments.form-timestamp"


def _no_control_chars(value: str) -> str:
    if CONTROL_CHARS_RE.search(value):
        raise forms.ValidationError("Remove the control characters from this field.")
    return value


class CommentForm(forms.Form):
    """A reader's comment or reply. Signed-in users have no name/email fields.

    Two cheap bot traps: `website` is a honeypot hidden from people, and `started` is a signed
    timestamp; a post that fills the honeypot or arrives faster than a person types is refused.
    """

    name = forms.CharField(
        max_length=settings.COMMENTS_NAME_MAX_LENGTH,
        validators=[_no_control_chars],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        help_text="Never shown. Used for reply notifications if you ask for them.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Comment",
        max_length=settings.COMMENTS_BODY_MAX_LENGTH,
        validators=[_no_control_chars],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain text; a blank line starts a paragraph. Links are allowed.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    notify_replies = forms.BooleanField(
        required=False, label="Email me when someone replies to my comment"
    )
    website = forms.CharField(required=False, label="Leave this field empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, article=None, **kwargs):
        self.user = user if user is not None and user.is_authenticated else None
        self.article = article
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("started", signing.dumps(time.time(), salt=TIMESTAMP_SALT))
        super().__init__(*args, **kwargs)
        if self.user is not None:
            del self.fields["name"]
            del self.fields["email"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        fields = ["name", "email"] if self.user is None else []
        self.helper.layout = Layout(
            *fields,
            Field("body"),
            "notify_replies",
            Field("website", wrapper_class="hp-field", tabindex="-1", autocomplete="off"),
            "parent",
            "started",
            Submit("submit", "Post comment"),
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must be left empty.")
        return ""

    def clean_started(self):
        token = self.cleaned_data.get("started") or ""
        try:
            started = float(signing.loads(token, salt=TIMESTAMP_SALT, max_age=24 * 3600))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                "The form expired; please reload the page and post again."
            ) from None
        if time.time() - started < settings.COMMENTS_MIN_SUBMIT_SECONDS:
            raise forms.ValidationError("That was quick! Please take a moment and post again.")
        return token

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.filter(pk=parent_id, article=self.article).first()
        if parent is None:
            raise forms.ValidationError("You can only reply to a comment on this article.")
        return parent


# --- Readers' own pages: edit a comment, report one, ask for their data -------------------


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=settings.COMMENTS_BODY_MAX_LENGTH,
        validators=[_no_control_chars],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain text; a blank line starts a paragraph. Links are allowed.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class DataRequestForm(forms.Form):
    """ "Your data": the address the comments were posted with. `website` is a honeypot."""

    email = forms.EmailField(
        label="Email address you commented with",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with this comment?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Anything a moderator should know? (optional)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
