from django import forms


class SubscribeForm(forms.Form):
    """The footer box. `website` is a honeypot: people never see it, form-filling bots do.

    Prefixed ("newsletter-email") because the footer shares every page with other forms.
    """

    prefix = "newsletter"

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    website = forms.CharField(required=False, label="Leave this field empty")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    @property
    def posted_email(self) -> str:
        return self.data.get(self.add_prefix("email"), "")
