"""The forms of the /write pages. They only collect what was typed; ``posts.py`` checks it, so the
pages and the API refuse the same things with the same words."""

from __future__ import annotations

from django import forms

from localwire.articles.uploads import CAPTION_MAX, CREDIT_MAX
from localwire.contributors.posts import MAX_BODY, MAX_TITLE


class PostForm(forms.Form):
    title = forms.CharField(max_length=MAX_TITLE, label="Title")
    body = forms.CharField(max_length=MAX_BODY, required=False, label="Your post, in Markdown",
                           widget=forms.Textarea(attrs={"rows": 18}),
                           help_text="Blank line between paragraphs; ## for a heading, **bold**, *italic*, "
                                     "[words](https://link). Preview shows it as readers will.")
    place = forms.CharField(max_length=200, required=False, label="Place it is about (optional)",
                            widget=forms.TextInput(attrs={"list": "place-options", "autocomplete": "off",
                                                          "data-places": "1"}),
                            help_text="A town as the site names it, e.g. “Springfield, Illinois”.")


class CorrectionForm(forms.Form):
    """Asked when a published post is edited: readers see a correction, dated, with its note."""

    correction = forms.BooleanField(required=False, label="Is this a correction?",
                                    help_text="Tick it when the edit fixes something that was wrong; "
                                              "readers see the note on the post, with the date.")
    note = forms.CharField(max_length=1000, required=False, label="Note",
                           widget=forms.Textarea(attrs={"rows": 2}))


class ImageForm(forms.Form):
    file = forms.FileField(label="Image", help_text="A JPEG, PNG, WebP or GIF you took or may publish.",
                           error_messages={"required": "Choose an image file to add.",
                                           "empty": "The file you sent is empty."})
    caption = forms.CharField(max_length=CAPTION_MAX, label="Caption", help_text="What the picture shows.",
                              error_messages={"required": "Every image needs a caption saying what it shows."})
    credit = forms.CharField(max_length=CREDIT_MAX, label="Credit", help_text="Who took it.",
                             error_messages={"required": "Every image needs a credit: who took it."})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", "Publish"), ("reject", "Reject")])
    reason = forms.CharField(max_length=2000, required=False)
