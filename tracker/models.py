"""The ledger's vocabulary: what the coalition demands, of whom, by when, and what happened."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def in_language(obj, field: str, language: str | None = None) -> str:
    """The ``field_nl`` or ``field_en`` value for the active language (or ``language``), Dutch
    when empty."""
    language = (language or translation.get_language() or "nl")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nl")


class Status(models.TextChoices):
    """How far the work has come: the implementation, apart from how the addressee answered
    (``Response``). "Overdue" is never stored: see ``overdue_q``."""

    OPEN = "open", _("Open")
    """Nothing done yet, or nothing known to be done."""
    IN_PROGRESS = "in_progress", _("In progress")
    """Work has started or part of it is done."""
    ACHIEVED = "achieved", _("Achieved")
    """Done, as asked or promised: final."""
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    """Closed without being done, e.g. a promise broken or a deadline passed for good: final."""
    WITHDRAWN = "withdrawn", _("Withdrawn")
    """Dropped by whoever made it: the coalition drops a demand, government withdraws a
    promise: final."""

    @classmethod
    def final(cls) -> frozenset["Status"]:
        return frozenset({cls.ACHIEVED, cls.NOT_ACHIEVED, cls.WITHDRAWN})


class Response(models.TextChoices):
    """How the addressee answered a demand, apart from how far the work has come. An
    addressee often answers long before it acts: "rejected" and "not yet done" differ."""

    NONE = "none", _("No response yet")
    """The addressee has not answered (in any document the tracker knows)."""
    ACCEPTED = "accepted", _("Accepted")
    """The addressee agreed to do what is asked."""
    PARTLY_ACCEPTED = "partly_accepted", _("Accepted in part")
    """The addressee agreed to part of it, or to something less."""
    NOTED = "noted", _("Noted, no position")
    """The addressee answered without taking a position."""
    REJECTED = "rejected", _("Rejected")
    """The addressee declined."""


class Qualifier(models.TextChoices):
    """How exact a number is, as its source states it: "circa 600" is not 600."""

    EXACT = "exact", _("exactly")
    CIRCA = "circa", _("about")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    AT_MOST = "at_most", _("at most")


class DatePrecision(models.TextChoices):
    """How precisely a source dates something: "May 2023" is not 1 May 2023."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


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


def overdue_first(today: datetime.date | None = None) -> list:
    """An ordering of items: overdue first, then by deadline (none last), then reference.

    An expression, not an annotation, so that any queryset of items can use it: the
    admin's list and the pickers of other forms that reuse the list's ordering.
    """
    overdue = models.Case(
        models.When(overdue_q(today or local_today()), then=models.Value(0)),
        default=models.Value(1),
    )
    return [overdue.asc(), F("deadline").asc(nulls_last=True), "reference"]


class Source(models.Model):
    """A document the coalition's demands, government statements or figures come from."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        POSITION_PAPER = "position_paper", _("Position paper")
        ROUNDTABLE_REPORT = "roundtable_report", _("Roundtable report")
        POLICY_RESPONSE = "policy_response", _("Policy response")
        INSPECTION_NOTE = "inspection_note", _("Inspection note")
        DEBATE = "debate", _("Debate")
        PARLIAMENTARY_LETTER = "parliamentary_letter", _("Letter to parliament")
        OTHER = "other", _("Other")

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable: the ledger and links refer to it. Never change it."),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    author = models.CharField(_("author"), max_length=200)
    date = models.DateField(_("date"))
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site and in open data.")
    )
    # When it last changed: the API's ETags notice an edit by it (``api.conditional``).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlugManager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.label(self.title, self.date)

    def get_absolute_url(self):
        return reverse("tracker:source_detail", args=[self.slug])

    @staticmethod
    def label(title: str, date: datetime.date) -> str:
        """How a document is named in a list of them: its title and day."""
        return f"{title} ({date:%d-%m-%Y})"

    def natural_key(self):
        return (self.slug,)

    @property
    def summary(self):
        return in_language(self, "summary")


class NamedVocabulary(models.Model):
    """A term of the ledger's vocabulary: a stable slug and a name in Dutch and English."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable: the ledger and links refer to it. Never change it."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    # When it last changed: the API's ETags notice an edit by it (``api.conditional``).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
    """Who raises a demand, who it is addressed to, or who made a government statement."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        MINISTER = "minister", _("Minister")
        AGENCY = "agency", _("Agency")
        MUNICIPALITY = "municipality", _("Municipality")
        PARLIAMENT = "parliament", _("Parliament")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        NGO = "ngo", _("The coalition or one of its members")
        INTERNATIONAL = "international", _("International body")
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
    """Shared by demands and statements: what the pages, the API and the reminders ask."""

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
    """What demands and government statements share: a follow-up owner, a deadline, a target
    and a status, all of it recorded in the ledger.

    The fields named in ``LEDGER_FIELDS`` say what the item states publicly; they change only
    through ``ledger.services``, which writes an entry and the new values in one transaction.
    ``version`` counts those writes, so that a form opened before the last one is refused
    instead of overwriting it.
    """

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
        help_text=_("The coalition member that follows this up."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)ss",
        help_text=_("The staff member who follows this up and gets its reminders."),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Only a date the source states; otherwise leave it empty and quote the words."),
    )
    deadline_text = models.CharField(
        _("deadline in the source's words"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “nog voor de zomer”: a time the source gives without a date."),
    )
    target_qualifier = models.CharField(
        _("target is"),
        max_length=20,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_("“circa 600” is about 600, “tot ten minste 23 jaar” at least 23."),
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(
        _("target unit"), max_length=50, blank=True, help_text=_("E.g. children, years.")
    )
    target_description_nl = models.CharField(
        _("what is counted (Dutch)"),
        max_length=200,
        blank=True,
        help_text=_("Completes the sentence after the number and unit, e.g. “verplaatst”."),
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
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # What the item states publicly, in the ledger's words; see ``ledger.state``.
    LEDGER_FIELDS: tuple[str, ...] = (
        "title_nl",
        "title_en",
        "quote",
        "quote_location",
        "source",
        "organisation",
        "deadline",
        "deadline_text",
        "target_qualifier",
        "target_value",
        "target_unit",
        "target_description_nl",
        "target_description_en",
        "status",
        "is_published",
    )

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
    """Something asked of one or more actors, from one source document.

    ``raised_by`` is who asks it in that document (the coalition, one member, the Inspectie,
    a UN committee); ``organisation`` is the coalition member that follows it up. The same
    demand in another document is a second record marked ``duplicate_of`` the first, and is
    counted once in every figure.
    """

    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    raised_by = models.ForeignKey(
        Actor,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demands_raised",
        help_text=_("Who makes this demand in the source: not always the coalition itself."),
    )
    adopted = models.BooleanField(
        _("adopted by the source's author"),
        default=False,
        help_text=_(
            "On when the source document takes over a demand that someone else raised, "
            "e.g. a position paper that repeats a recommendation of the UN committee."
        ),
    )
    addressees = models.ManyToManyField(
        Actor, verbose_name=_("addressees"), related_name="demands", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="demands", blank=True
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    response = models.CharField(
        _("response"),
        max_length=20,
        choices=Response.choices,
        default=Response.NONE,
        editable=False,
        help_text=_("How the addressee answered; recorded in the ledger with the quoted reply."),
    )
    responded_on = models.DateField(_("responded on"), null=True, blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same demand as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text=_(
            "The same demand made in another document: this record keeps its own quote and "
            "source, and is counted once, under the demand named here."
        ),
    )
    overlaps = models.ManyToManyField(
        "self",
        verbose_name=_("overlaps with"),
        blank=True,
        symmetrical=True,
        help_text=_("Related demands, in this or other documents, that are not the same."),
    )

    LEDGER_FIELDS = (
        *TrackedItem.LEDGER_FIELDS,
        "summary_nl",
        "summary_en",
        "raised_by",
        "adopted",
        "addressees",
        "themes",
        "duplicate_of",
        "response",
        "responded_on",
    )

    class Meta(TrackedItem.Meta):
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        indexes = [
            # The calendar's nearest deadlines, either side of today (``public_site.calendar``):
            # read in deadline order, not found by reading every demand.
            models.Index(fields=["deadline"], name="demand_deadline"),
            # Counting the published demands, and those that repeat another, from the index
            # alone: the public list's total and the overview's figures read every demand.
            models.Index(fields=["is_published", "duplicate_of"], name="demand_published_idx"),
        ]
        permissions = [
            ("edit_all_organisations", _("Can edit the items of every organisation")),
        ]

    def get_absolute_url(self):
        return reverse("tracker:demand_detail", args=[self.reference])

    @property
    def summary(self):
        return in_language(self, "summary")


class Statement(TrackedItem):
    """What government (or an agency) said in answer to demands, by its nature.

    Only a promise (toezegging) is a commitment that can be kept, broken or withdrawn: its
    status and deadline are followed up. An aim, a position, a decision or a description of
    current practice is recorded as said; a norm that a letter cites is not a statement.
    """

    class Kind(models.TextChoices):
        PROMISE = "promise", _("Promise")
        """A concrete undertaking (toezegging): followed up until kept, broken or withdrawn."""
        AIM = "aim", _("Aim or effort")
        """An aim without an undertaking: “we strive to”, “we are working on”."""
        POSITION = "position", _("Stated position")
        """A view of the matter, without an undertaking."""
        DECISION = "decision", _("Decision")
        """Something decided, e.g. a budget choice or a bill."""
        PRACTICE = "practice", _("Current practice")
        """A description of what is already done."""

    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, default=Kind.PROMISE)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    actor = models.ForeignKey(
        Actor, verbose_name=_("made by"), on_delete=models.PROTECT, related_name="statements"
    )
    made_on = models.DateField(_("made on"), null=True, blank=True)
    made_on_precision = models.CharField(
        _("made on, precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("As precisely as the source dates it: a month or a year is not a day."),
    )
    answers = models.ManyToManyField(
        Demand,
        verbose_name=_("answers demands"),
        related_name="statements",
        blank=True,
        help_text=_("Only the demands this statement actually answers."),
    )

    LEDGER_FIELDS = (
        *TrackedItem.LEDGER_FIELDS,
        "kind",
        "description_nl",
        "description_en",
        "actor",
        "made_on",
        "made_on_precision",
        "answers",
    )

    class Meta(TrackedItem.Meta):
        verbose_name = _("government statement")
        verbose_name_plural = _("government statements")

    def get_absolute_url(self):
        return reverse("tracker:statement_detail", args=[self.reference])

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def is_promise(self) -> bool:
        return self.kind == self.Kind.PROMISE

    @property
    def is_withdrawn_promise(self) -> bool:
        """A promise that government took back: shown as such, never as a kept one."""
        return self.is_promise and self.status == Status.WITHDRAWN


_REMINDER_DAYS = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$", _("Enter whole numbers of days, separated by commas.")
)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def dated(self):
        return self.filter(date__isnull=False)

    def upcoming(self, today: datetime.date):
        """Dated from ``today`` on, soonest first; a meeting of today counts until it ends."""
        return self.filter(date__gte=today).order_by("date", F("time").asc(nulls_first=True))

    def past(self, today: datetime.date):
        return self.filter(date__lt=today).order_by("-date", F("time").desc(nulls_last=True))


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Meeting(models.Model):
    """A follow-up moment where the coalition holds government to account.

    Dated as precisely as it is known: a date without a time is an all-day event, a
    meeting without a date is "date to be set" and never appears as a dated event.
    """

    class Kind(models.TextChoices):
        COMMITTEE_DEBATE = "committee_debate", _("Committee debate")
        ROUNDTABLE = "roundtable", _("Parliamentary roundtable")
        COALITION_MEETING = "coalition_meeting", _("Coalition follow-up meeting")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Empty while the date is to be set.")
    )
    time = models.TimeField(
        _("time"),
        null=True,
        blank=True,
        help_text=_("Amsterdam time. Empty when no source gives one: an all-day event."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("named in"),
        on_delete=models.PROTECT,
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
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site and in open data.")
    )
    # When it last changed: the API's ETags notice an edit by it (``api.conditional``).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingManager()

    class Meta:
        ordering = [F("date").asc(nulls_last=True), F("time").asc(nulls_first=True), "title_nl"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        if self.date is None:
            return f"{self.title} ({_('date to be set')})"
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("tracker:meeting_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def title(self):
        return in_language(self, "title")

    # How long a meeting may wait for its date before the workplace flags it: someone should
    # ask for the date, or stop planning for it.
    UNDATED_FOR_LONG = datetime.timedelta(weeks=8)

    def undated_since(self) -> datetime.date | None:
        """Since when this meeting waits for a date: the day its source named it, else the
        day it last changed. ``None`` for a dated meeting."""
        if self.date is not None:
            return None
        if self.source_id is not None:
            return self.source.date
        return timezone.localdate(self.updated_at)

    def is_undated_for_long(self, today: datetime.date | None = None) -> bool:
        since = self.undated_since()
        return since is not None and (today or local_today()) - since > self.UNDATED_FOR_LONG

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def local_date(self) -> datetime.date | None:
        return self.date

    @property
    def is_all_day(self) -> bool:
        return self.date is not None and self.time is None

    @property
    def starts_at(self) -> datetime.datetime | None:
        """When it begins in Amsterdam: its time, or the start of its day when it has none."""
        if self.date is None:
            return None
        moment = datetime.datetime.combine(self.date, self.time or datetime.time.min)
        return timezone.make_aware(moment, timezone.get_default_timezone())

    def has_begun(self, now: datetime.datetime) -> bool:
        return self.starts_at is not None and self.starts_at <= now

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


class MeasurementQuerySet(models.QuerySet):
    def observed(self):
        """Counted or estimated figures of what was: no projections, no plans."""
        return self.filter(nature__in=Measurement.Nature.observed())


class MeasurementManager(models.Manager.from_queryset(MeasurementQuerySet)):
    def get_by_natural_key(self, indicator_slug, date):
        return self.get(indicator__slug=indicator_slug, date=date)


class Measurement(models.Model):
    """One dated value of an indicator, with the source that states it and its nature."""

    class Nature(models.TextChoices):
        COUNTED = "counted", _("Counted")
        """A count of what was, e.g. children in emergency shelter on a day."""
        ESTIMATE = "estimate", _("Estimate")
        """An estimate of what was."""
        PROJECTION = "projection", _("Projection")
        """What a source expects for a future date."""
        PLAN = "plan", _("Plan or budget")
        """What is planned or budgeted, e.g. a budget for a coming year."""

        @classmethod
        def observed(cls) -> list["Measurement.Nature"]:
            return [cls.COUNTED, cls.ESTIMATE]

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    date = models.DateField(_("date"), help_text=_("The day (or first of the month) it refers to."))
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(
        _("value is"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    nature = models.CharField(
        _("nature"), max_length=20, choices=Nature.choices, default=Nature.COUNTED
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="measurements",
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # When it last changed: the API's ETags notice an edit by it (``api.conditional``).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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

    @property
    def is_observed(self) -> bool:
        return self.nature in self.Nature.observed()

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
    an unsent reminder is always tried again. See ``reminders.planning``.
    """

    class Kind(models.TextChoices):
        MEETING_DIGEST = "meeting_digest", _("Digest before a meeting")
        """Every open agenda item of the owner, with where it stands, some days before a
        meeting."""
        DEADLINE_BEFORE = "deadline_before", _("Deadline coming up")
        """Some days before an item's deadline."""
        DEADLINE_DAY = "deadline_day", _("Deadline today")
        """On the day of an item's deadline."""
        OVERDUE_WEEKLY = "overdue_weekly", _("Overdue, weekly")
        """Every week while an owner has overdue items: all of them in one digest."""
        COORDINATOR_SUMMARY = "coordinator_summary", _("Coordinator's weekly summary")
        """How many items are overdue per organisation, and the longest overdue ones."""

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
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("government statement"),
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
    body = models.TextField(
        _("text sent"),
        blank=True,
        help_text=_(
            "The e-mail's text as it was sent, kept when it was sent: never rebuilt from "
            "today's data."
        ),
    )
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
