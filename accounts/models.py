"""Who works in the tracker: the coalition's organisations, their staff (a user is an e-mail
address, an organisation and a role) and the API tokens issued to them.

The bottom floor: nothing here knows demands or the ledger. What a role may do is decided in
``accounts.permissions``; how a role is given, in ``accounts.roles``.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Organisation(models.Model):
    """A member of the coalition (or the coalition itself), owning demands."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_member = models.BooleanField(
        _("coalition member"),
        default=True,
        help_text=_("Off for the coalition itself, which owns the demands it makes jointly."),
    )

    objects = OrganisationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Role(models.TextChoices):
    """The two roles of daily work, each a Django group with real permissions."""

    EDITOR = "editor", _("Editor")
    """Edits the demands and government statements of their own organisation."""
    COORDINATOR = "coordinator", _("Coordinator")
    """Edits everything, manages meetings, sources and the vocabularies."""


class UserManager(DjangoUserManager):
    def _create_user(self, username, email, password, **extra_fields):
        # Log-in is by e-mail; the username field is gone.
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """A member of an organisation's staff. Logs in with their e-mail address."""

    username = None
    first_name = None
    last_name = None
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_("The language of the e-mails this person receives."),
    )
    deadline_reminders = models.BooleanField(
        _("deadline reminders"),
        default=True,
        help_text=_(
            "Reminders before, on and after a deadline. Reminders before follow-up meetings "
            "are always sent."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name or self.email

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.value).exists()

    def set_role(self, role: Role) -> None:
        self.groups.set([Group.objects.get(name=role.value)])


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal key for the API, named by its holder ("laptop", "debate script").

    Only a SHA-256 digest of the key is kept: the key itself is shown once, when it is made.
    A revoked token stays listed, with when it was revoked, and is refused from then on.
    """

    # The key's first characters, kept in clear so that a holder can tell tokens apart.
    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What it is for, e.g. “script after debates”.")
    )
    prefix = models.CharField(_("begins with"), max_length=PREFIX_LENGTH, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    # Made by its holder in a session that gave a code at login: where two-step login is
    # required, only such a token works (``api.authentication``).
    after_two_step = models.BooleanField(
        _("made after two-step login"), default=False, editable=False
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(key: str) -> str:
        # The key is 256 random bits: a fast hash cannot be worked back, no slow one needed.
        return hashlib.sha256(key.encode()).hexdigest()

    def assign_key(self) -> str:
        """Give this (unsaved) token a new key; return the key, which is not stored."""
        key = secrets.token_urlsafe(32)
        self.prefix, self.digest = key[: self.PREFIX_LENGTH], self.digest_of(key)
        return key

    @classmethod
    def issue(cls, user, name: str, *, after_two_step: bool = False) -> tuple["ApiToken", str]:
        """A new token for ``user`` and its key, which cannot be shown again;
        ``after_two_step`` when its holder made it in a session that gave a code."""
        token = cls(user=user, name=name, after_two_step=after_two_step)
        key = token.assign_key()
        token.save()
        return token, key

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        """Refuse the key from now on; a token revoked twice keeps its first date."""
        type(self).objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        self.refresh_from_db(fields=["revoked_at"])
