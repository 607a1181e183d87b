"""Small forms for readers' own pages: editing a comment and asking for their data."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings

from .forms import _no_control_chars


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
