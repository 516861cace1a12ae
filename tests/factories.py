import datetime

import factory
from django.utils import timezone

from accounts.models import Organisation, Role, User
from ledger import services
from tracker.models import Actor, Demand, Meeting, Source, Statement, Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    name = factory.Sequence(lambda n: f"Staff member {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        user.save()
        if extracted:
            user.set_role(extracted)


def editor(**kwargs) -> User:
    return UserFactory(role=Role.EDITOR, **kwargs)


def coordinator(**kwargs) -> User:
    return UserFactory(role=Role.COORDINATOR, **kwargs)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Brief {n}")
    kind = Source.Kind.LETTER
    author = "Werkgroep Kind in azc"
    date = datetime.date(2025, 9, 18)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    slug = factory.Sequence(lambda n: f"actor-{n}")
    name_nl = factory.Sequence(lambda n: f"Actor {n}")
    name_en = factory.Sequence(lambda n: f"Actor {n} (en)")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_nl = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class TrackedItemFactory(factory.django.DjangoModelFactory):
    """Items enter the ledger as the app enters them (``ledger.services.enter``), with their
    many-to-many relations in the same first entry."""

    class Meta:
        abstract = True

    @staticmethod
    def _relations(model_class, kwargs) -> dict:
        """Take the many-to-many values out of ``kwargs``: they go into the first entry."""
        names = [field.name for field in model_class._meta.many_to_many]
        values = {name: kwargs.pop(name, None) for name in names}
        return {name: list(value) for name, value in values.items() if value is not None}

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        cls._relations(model_class, kwargs)
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        relations = cls._relations(model_class, kwargs)
        item = model_class(*args, **kwargs)
        services.enter(item, by=None, relations=relations)
        return item


class DemandFactory(TrackedItemFactory):
    class Meta:
        model = Demand

    reference = factory.Sequence(lambda n: f"TST-2025-{n + 1:02d}")
    title_nl = factory.Sequence(lambda n: f"Eis {n}")
    title_en = factory.Sequence(lambda n: f"Demand {n}")
    summary_nl = "Samenvatting."
    summary_en = "Summary."
    quote = "Neem direct maatregelen."
    quote_location = "p. 1"
    source = factory.SubFactory(SourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    deadline = None
    addressees = None
    themes = None


class StatementFactory(TrackedItemFactory):
    class Meta:
        model = Statement

    reference = factory.Sequence(lambda n: f"TZ-2023-{n + 1:02d}")
    kind = Statement.Kind.PROMISE
    title_nl = factory.Sequence(lambda n: f"Toezegging {n}")
    title_en = factory.Sequence(lambda n: f"Commitment {n}")
    quote = "Wij zullen dit doen."
    source = factory.SubFactory(SourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    actor = factory.SubFactory(ActorFactory)
    made_on = datetime.date(2023, 5, 25)
    answers = None


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title_nl = factory.Sequence(lambda n: f"Vervolgoverleg {n}")
    title_en = factory.Sequence(lambda n: f"Follow-up meeting {n}")
    kind = Meeting.Kind.COALITION_MEETING
    date = factory.LazyAttribute(lambda o: timezone.localtime(o.starts_at).date())
    time = factory.LazyAttribute(lambda o: timezone.localtime(o.starts_at).time())

    class Params:
        # A moment, as tests think of it; stored as the day and the Amsterdam time.
        starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
