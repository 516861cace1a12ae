from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """The current page in each of the site's languages: plain links, no form, no cookie."""
    path = context["request"].get_full_path()
    current = get_language()
    return [
        LanguageLink(
            code=code,
            name=get_language_info(code)["name_local"],
            url=translate_url(path, code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag
def filter_fields(form) -> str:
    """A public list's filter form, a labelled field each, with its errors: the markup of
    ``{{ field.label_tag }} {{ field }} {{ field.errors }}``, without rendering a template
    for each label and each (mostly empty) list of errors."""
    return format_html_join(
        "\n  ",
        '<div class="field">{} {} {}</div>',
        ((_label(field), field, field.errors if field.errors else "") for field in form),
    )


def _label(field) -> str:
    # As ``BoundField.label_tag`` writes it: the form's suffix unless the label ends in
    # punctuation, and ``for`` the widget's id.
    suffix = field.form.label_suffix
    text = str(field.label)
    if suffix and text and text[-1] not in ":?.!":
        text += str(suffix)
    if field.id_for_label:
        return format_html('<label for="{}">{}</label>', field.id_for_label, text)
    return format_html("<label>{}</label>", text)
