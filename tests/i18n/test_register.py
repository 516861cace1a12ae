"""The admin speaks one register, the site's informal "je", including the messages Django
itself brings (our catalogue overrides them: LOCALE_PATHS come first)."""

import gettext
import re
from pathlib import Path

import django
import pytest
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

DJANGO = Path(django.__file__).parent / "contrib"
FORMAL = re.compile(r"\b(U|u|Uw|uw|uzelf)\b")


def django_messages(app: str, domain: str = "django") -> list:
    path = DJANGO / app / "locale" / "nl" / "LC_MESSAGES" / f"{domain}.mo"
    with path.open("rb") as stream:
        return [key for key in gettext.GNUTranslations(stream)._catalog if key]


@pytest.mark.parametrize("app", ["admin", "auth"])
def test_djangos_admin_and_password_messages_say_je_not_u(app):
    formal = []
    with translation.override("nl"):
        for key in django_messages(app):
            if isinstance(key, tuple):
                text = translation.ngettext(key[0], key[0], 1 + key[1])
            else:
                text = translation.gettext(key)
            if FORMAL.search(text):
                formal.append(text)

    assert formal == []


@pytest.mark.parametrize("noun", ["overleg", "thema", "eis"])
def test_a_saved_item_is_named_without_an_article_that_a_neuter_noun_would_get_wrong(noun):
    with translation.override("nl"):
        added = translation.gettext("The {name} “{obj}” was added successfully.")
        changed = translation.gettext("The {name} “{obj}” was changed successfully.")

    for message in (added, changed):
        text = message.format(name=noun, obj="Commissiedebat")
        assert not text.startswith("De ")
        assert noun in text


def test_the_admins_scripts_say_je_not_u():
    # As the admin's JavaScript catalogue reads them: Django's, then ours over them.
    catalogue = DjangoTranslation(
        "nl", domain="djangojs", localedirs=[str(DJANGO / "admin" / "locale")]
    )
    texts = [
        catalogue.ngettext(key[0], key[0], 1 + key[1])
        if isinstance(key, tuple)
        else catalogue.gettext(key)
        for key in django_messages("admin", "djangojs")
    ]

    assert [text for text in texts if FORMAL.search(text)] == []
