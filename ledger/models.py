"""The ledger: an append-only, hash-chained register of everything a demand or a government
statement says and of every change to it, with signed checkpoints that witnesses keep.

Entries are written only by ``ledger.services``; database triggers refuse UPDATE and DELETE
(``ledger.db``). The hash of each entry is computed from what the public may read plus a
salted digest of what it may not (``ledger.chain``), so anyone can check the chain and nobody
can guess the private part.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LedgerError(Exception):
    """The ledger is append-only: raised on any attempt to rewrite it."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerError("Ledger records cannot be changed.")

    def delete(self):
        raise LedgerError("Ledger records cannot be deleted.")


class AppendOnly(models.Model):
    """A record written once. The database refuses the rest too (``ledger.db``)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # An invariant, not a business rule: whatever the door, a record is written once.
        if not self._state.adding:
            raise LedgerError("Ledger records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerError("Ledger records cannot be deleted.")


class Entry(AppendOnly):
    """One entry of the ledger: what happened to one demand or statement, who recorded it,
    why, with what evidence.

    ``changes`` maps each field that changed to ``[old, new]`` in the ledger's words
    (``ledger.state``); replaying them in order gives what every item says now.
    ``occurred_on`` is the day the event happened (the date of the letter, the debate), apart
    from ``recorded_at``, the moment it was written here.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Entered in the ledger")
        """The item as first recorded: every public field."""
        REVISED = "revised", _("Text revised")
        """A change to what the item says: title, quote, summary, target, addressees,
        publication."""
        STATUS = "status", _("Status changed")
        """How far the work has come."""
        DEADLINE = "deadline", _("Deadline changed")
        """Set, moved or paused, with the reason."""
        RESPONSE = "response", _("Response recorded")
        """How the addressee answered, when, in which document, with the quoted words."""
        CORRECTION = "correction", _("Correction")
        """Puts right an earlier entry that was wrong; the earlier entry stays."""
        LEGACY = "legacy", _("Status change (format 1)")
        """Written before entries had a public preimage; its hash covers private fields."""

    FORMAT = 2

    seq = models.PositiveBigIntegerField(_("number"), unique=True)
    format = models.PositiveSmallIntegerField(_("format"), default=FORMAT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    demand = models.ForeignKey(
        "tracker.Demand",
        verbose_name=_("demand"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    statement = models.ForeignKey(
        "tracker.Statement",
        verbose_name=_("government statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    occurred_on = models.DateField(
        _("happened on"),
        null=True,
        blank=True,
        help_text=_("The day it happened, e.g. the date of the letter; empty for today."),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    changes = models.JSONField(_("changes"), default=dict)
    public_note = models.TextField(_("public note"), blank=True)
    evidence_url = models.URLField(_("evidence URL"), max_length=500, blank=True)
    source = models.ForeignKey(
        "tracker.Source",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        help_text=_("The document that states it, e.g. the letter with the response."),
    )
    quote = models.TextField(_("quoted words"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Staff only: never shown to the public.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Secret, random per entry: makes the private digest impossible to guess.
    salt = models.CharField(_("salt"), max_length=64, editable=False)
    private_digest = models.CharField(_("private digest"), max_length=64, editable=False)
    content_digest = models.CharField(_("content digest"), max_length=64, editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(demand__isnull=False, statement__isnull=True)
                | Q(demand__isnull=True, statement__isnull=False),
                name="entry_has_one_subject",
            )
        ]
        indexes = [models.Index(fields=["-recorded_at"], name="entry_recent")]

    def __str__(self):
        return f"#{self.seq} {self.subject_reference}: {self.get_kind_display()}"

    @property
    def subject(self):
        return self.demand if self.demand_id else self.statement

    @property
    def subject_reference(self) -> str:
        return self.subject.reference

    @property
    def short_hash(self) -> str:
        return self.entry_hash[:12]

    def change(self, field: str) -> tuple | None:
        """``(old, new)`` of ``field`` if this entry changes it."""
        pair = self.changes.get(field)
        return tuple(pair) if pair is not None else None


class ChainHead(models.Model):
    """The newest entry's number and hash, in one row that every writer locks first.

    Writers queue on this row instead of retrying: the append is serialised in the writer's
    own transaction, so it never gives up and never deadlocks with another writer (the head
    is always locked before any item). Verification never trusts it.
    """

    ONLY = 1
    """The primary key of the one row (``ledger.head``)."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("chain head")

    def __str__(self):
        return f"#{self.seq} {self.entry_hash[:12]}"


class SigningKey(models.Model):
    """A public key the site signs checkpoints with. Kept after rotation, so that every
    checkpoint ever signed can still be checked."""

    key_id = models.CharField(_("key id"), max_length=32, unique=True)
    public_key = models.CharField(_("public key (base64)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self):
        return self.key_id


class Checkpoint(AppendOnly):
    """The site's signed statement that the ledger had ``size`` entries, the last one with
    ``head_hash``, at ``signed_at``. Published and mailed, so that copies outlive the
    database: a later ledger must extend every checkpoint."""

    size = models.PositiveBigIntegerField(_("entries"))
    head_hash = models.CharField(_("head hash"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"))
    key_id = models.CharField(_("key id"), max_length=32)
    signature = models.CharField(_("signature (base64)"), max_length=100)

    class Meta:
        ordering = ["size", "signed_at"]
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        get_latest_by = ["size", "signed_at"]

    def __str__(self):
        return f"{self.size} @ {self.head_hash[:12]}"
