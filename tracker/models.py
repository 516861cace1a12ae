"""The ledger's vocabulary: what the coalition demands, of whom, by when, and what happened."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def in_language(obj, field: str) -> str:
    """The ``field_nl`` or ``field_en`` value for the active language, Dutch when empty."""
    language = (translation.get_language() or "nl")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nl")


class Status(models.TextChoices):
    """Where a demand or commitment stands. "Overdue" is never stored: see ``overdue_q``."""

    OPEN = "open", _("Open")
    """No response from the addressee yet."""
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    """The addressee responded, but promised nothing."""
    COMMITTED = "committed", _("Committed")
    """The addressee promised action."""
    IN_PROGRESS = "in_progress", _("In progress")
    """Partly done."""
    ACHIEVED = "achieved", _("Achieved")
    """Done: final."""
    REJECTED = "rejected", _("Rejected")
    """The addressee declined: final."""
    WITHDRAWN = "withdrawn", _("Withdrawn")
    """Superseded or dropped by the coalition: final."""

    @classmethod
    def final(cls) -> frozenset["Status"]:
        return frozenset({cls.ACHIEVED, cls.REJECTED, cls.WITHDRAWN})


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


def local_today() -> datetime.date:
    """Today in the coalition's time zone (Europe/Amsterdam), whatever the server's."""
    return timezone.localdate()


def overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """The one definition of overdue: the deadline day has passed and the item is not final.

    A deadline is met until the end of its day in Europe/Amsterdam, so an item is overdue
    from the next local day on. An item without a deadline (none set, or paused in the
    ledger) is never overdue.
    """
    return Q(**{f"{prefix}deadline__lt": today}) & ~Q(**{f"{prefix}status__in": Status.final()})


class Source(models.Model):
    """A document the coalition's demands, commitments or figures come from."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        POSITION_PAPER = "position_paper", _("Position paper")
        ROUNDTABLE_REPORT = "roundtable_report", _("Roundtable report")
        POLICY_RESPONSE = "policy_response", _("Policy response")
        INSPECTION_NOTE = "inspection_note", _("Inspection note")
        DEBATE = "debate", _("Debate")
        PARLIAMENTARY_LETTER = "parliamentary_letter", _("Letter to parliament")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    author = models.CharField(_("author"), max_length=200)
    date = models.DateField(_("date"))
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def natural_key(self):
        return (self.slug,)

    @property
    def summary(self):
        return in_language(self, "summary")


class NamedVocabulary(models.Model):
    """A term of the ledger's vocabulary: a stable slug and a name in Dutch and English."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["name_nl"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def name(self):
        return in_language(self, "name")


class Actor(NamedVocabulary):
    """Who a demand is addressed to, or who made a commitment."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        MINISTER = "minister", _("Minister")
        AGENCY = "agency", _("Agency")
        MUNICIPALITY = "municipality", _("Municipality")
        PARLIAMENT = "parliament", _("Parliament")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")


class Theme(NamedVocabulary):
    class Meta(NamedVocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TrackedQuerySet(models.QuerySet):
    """Shared by demands and commitments: what the pages, the API and the reminders ask."""

    def published(self):
        return self.filter(is_published=True)

    def open(self):
        return self.exclude(status__in=Status.final())

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_q(today or local_today()))

    def due_between(self, first: datetime.date, last: datetime.date):
        """Not final, with a deadline from ``first`` up to and including ``last``."""
        return self.open().filter(deadline__gte=first, deadline__lte=last)

    def with_overdue(self, today: datetime.date | None = None):
        """Annotate ``overdue`` (a boolean) so that lists can sort and show it in SQL."""
        return self.annotate(
            overdue=models.Case(
                models.When(overdue_q(today or local_today()), then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class TrackedManager(models.Manager.from_queryset(TrackedQuerySet)):
    def get_by_natural_key(self, reference):
        return self.get(reference=reference)


class TrackedItem(models.Model):
    """What demands and commitments share: an owner, a deadline, a target and a status."""

    reference = models.CharField(
        _("reference"),
        max_length=30,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]+-\d{4}-\d{2,}$", _("Use the form WKA-2025-03."))],
        help_text=_("Stable public reference, e.g. WKA-2025-03. Never reuse one."),
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    quote = models.TextField(_("quote"), help_text=_("The verbatim Dutch text of the source."))
    quote_location = models.CharField(
        _("place in the source"), max_length=200, blank=True, help_text=_("Page or section.")
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="%(class)ss"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)ss",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("target unit"), max_length=50, blank=True)
    target_description_nl = models.CharField(
        _("what is counted (Dutch)"), max_length=200, blank=True
    )
    target_description_en = models.CharField(
        _("what is counted (English)"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
        editable=False,
        help_text=_("Change it with “New status”: every change is written to the ledger."),
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site and in open data.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TrackedManager()

    class Meta:
        abstract = True
        ordering = ["reference"]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def natural_key(self):
        return (self.reference,)

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def target_description(self):
        return in_language(self, "target_description")

    @property
    def is_final(self) -> bool:
        return self.status in Status.final()

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """The Python twin of ``overdue_q``, for one object already in memory."""
        if getattr(self, "overdue", None) is not None and today is None:
            return self.overdue
        today = today or local_today()
        return self.deadline is not None and self.deadline < today and not self.is_final


class Demand(TrackedItem):
    """Something the coalition asks of one or more actors, from one source document."""

    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    addressees = models.ManyToManyField(
        Actor, verbose_name=_("addressees"), related_name="demands", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="demands", blank=True
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )

    class Meta(TrackedItem.Meta):
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        permissions = [
            ("edit_all_organisations", _("Can edit the items of every organisation")),
        ]

    def get_absolute_url(self):
        return reverse("tracker:demand_detail", args=[self.reference])

    @property
    def summary(self):
        return in_language(self, "summary")


class Commitment(TrackedItem):
    """What an actor promised in return, e.g. in a policy response or a debate."""

    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    actor = models.ForeignKey(
        Actor, verbose_name=_("made by"), on_delete=models.PROTECT, related_name="commitments"
    )
    made_on = models.DateField(_("made on"))
    demands = models.ManyToManyField(
        Demand,
        verbose_name=_("answers demands"),
        related_name="commitments",
        blank=True,
    )

    class Meta(TrackedItem.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    @property
    def description(self):
        return in_language(self, "description")


class LedgerError(Exception):
    """The ledger is append-only: raised on any attempt to rewrite it."""


class StatusChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerError("Ledger entries cannot be changed.")

    def delete(self):
        raise LedgerError("Ledger entries cannot be deleted.")


class StatusChange(models.Model):
    """One entry of the append-only ledger: a change of status (or deadline) of one item.

    Entries are written only by ``tracker.ledger``. Each carries a SHA-256 over its
    content and the previous entry's hash, so any rewrite of history is detectable
    (``manage.py verify_ledger``). ``previous_hash`` is unique: two writers that read the
    same chain head cannot both append, the second one retries on the new head.
    """

    demand = models.ForeignKey(
        Demand,
        verbose_name=_("demand"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_changes",
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from status"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices)
    from_deadline = models.DateField(_("deadline before"), null=True, blank=True)
    to_deadline = models.DateField(_("deadline after"), null=True, blank=True)
    public_note = models.TextField(_("public note"), blank=True)
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Staff only: never shown to the public.")
    )
    evidence_url = models.URLField(_("evidence URL"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, unique=True, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(demand__isnull=False, commitment__isnull=True)
                | Q(demand__isnull=True, commitment__isnull=False),
                name="status_change_has_one_subject",
            )
        ]
        indexes = [models.Index(fields=["-created_at"], name="status_change_recent")]

    def __str__(self):
        return f"{self.subject_reference}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        # An invariant, not a business rule: whatever the door, an entry is written once.
        if not self._state.adding:
            raise LedgerError("Ledger entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerError("Ledger entries cannot be deleted.")

    @property
    def subject(self) -> TrackedItem:
        return self.demand if self.demand_id else self.commitment

    @property
    def subject_reference(self) -> str:
        return self.subject.reference

    @property
    def changes_deadline(self) -> bool:
        return self.from_deadline != self.to_deadline


_REMINDER_DAYS = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$", _("Enter whole numbers of days, separated by commas.")
)


class Meeting(models.Model):
    """A follow-up moment where the coalition holds government to account."""

    class Kind(models.TextChoices):
        COMMITTEE_DEBATE = "committee_debate", _("Committee debate")
        ROUNDTABLE = "roundtable", _("Parliamentary roundtable")
        COALITION_MEETING = "coalition_meeting", _("Coalition follow-up meeting")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("named in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    demands = models.ManyToManyField(
        Demand, verbose_name=_("agenda"), related_name="meetings", blank=True
    )
    reminder_days = models.CharField(
        _("remind owners, days before"),
        max_length=50,
        default="7,1",
        validators=[_REMINDER_DAYS],
        help_text=_("Days before the meeting on which owners get their digest, e.g. 7,1."),
    )

    objects = SlugManager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("tracker:meeting_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def local_date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    def reminder_offsets(self) -> list[int]:
        """The days before the meeting to remind on, largest first, without repeats."""
        return sorted({int(day) for day in re.findall(r"\d+", self.reminder_days)}, reverse=True)


class Indicator(NamedVocabulary):
    """A figure the coalition watches over time, e.g. children in emergency shelter."""

    unit_nl = models.CharField(_("unit (Dutch)"), max_length=50, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=50, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(NamedVocabulary.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def get_absolute_url(self):
        return reverse("tracker:indicator_detail", args=[self.slug])

    @property
    def unit(self):
        return in_language(self, "unit")

    @property
    def description(self):
        return in_language(self, "description")


class MeasurementManager(models.Manager):
    def get_by_natural_key(self, indicator_slug, date):
        return self.get(indicator__slug=indicator_slug, date=date)


class Measurement(models.Model):
    """One dated value of an indicator, with the source that states it."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    date = models.DateField(_("date"), help_text=_("The day (or first of the month) it refers to."))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="measurements",
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MeasurementManager()

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_measurement_per_date")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value:g} ({self.date:%d-%m-%Y})"

    def natural_key(self):
        return (*self.indicator.natural_key(), self.date.isoformat())

    natural_key.dependencies = ["tracker.indicator"]

    def clean(self):
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("A count cannot be negative.")})


class ReminderQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime):
        """Not yet sent, not given up, its next attempt has come and nobody holds it."""
        return self.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            state__in=Reminder.State.unsent(),
            next_attempt_at__lte=now,
        )


class Reminder(models.Model):
    """One e-mail the tracker owes someone, identified by what it is for.

    ``key`` names the occasion (recipient, kind, meeting or item, deadline, period) and is
    unique: planning the same occasion twice creates nothing. A sender claims a row with
    a conditional update that sets ``claimed_until`` (a lease); a send that fails releases
    it with a later ``next_attempt_at``, and a sender that dies lets the lease run out, so
    an unsent reminder is always tried again. See ``tracker.reminders``.
    """

    class Kind(models.TextChoices):
        MEETING_DIGEST = "meeting_digest", _("Digest before a meeting")
        """The owner's overdue and due-soon agenda items, some days before a meeting."""
        DEADLINE_BEFORE = "deadline_before", _("Deadline coming up")
        """Some days before an item's deadline."""
        DEADLINE_DAY = "deadline_day", _("Deadline today")
        """On the day of an item's deadline."""
        OVERDUE_WEEKLY = "overdue_weekly", _("Overdue, weekly")
        """Every week while an item is overdue."""
        COORDINATOR_SUMMARY = "coordinator_summary", _("Coordinator's weekly summary")
        """Everything overdue across the coalition, by organisation."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        """Planned, not tried yet."""
        RETRYING = "retrying", _("Failed, will retry")
        """The last attempt failed; tried again from ``next_attempt_at``."""
        SENT = "sent", _("Sent")
        """The mail server accepted it."""
        CANCELLED = "cancelled", _("Cancelled")
        """No longer applies (e.g. the item was achieved, the meeting began): not sent."""

        @classmethod
        def unsent(cls) -> list["Reminder.State"]:
            return [cls.PENDING, cls.RETRYING]

    key = models.CharField(_("key"), max_length=200, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    demand = models.ForeignKey(
        Demand,
        verbose_name=_("demand"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    deadline = models.DateField(_("deadline reminded of"), null=True, blank=True)
    period = models.DateField(_("for the day"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, editable=False)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("planned at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="reminder_due")]

    def __str__(self):
        return self.key
