import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone
import django.db.models.expressions
import django.core.validators

# Statuses of format-1 entries that described the addressee's answer, not the work: they
# become a response, and the work stands open. (A commitment's "committed" was its normal
# state: a promise not yet kept.)
DEMAND_STATUS = {
    "acknowledged": ("open", "noted"),
    "committed": ("open", "accepted"),
    "rejected": ("open", "rejected"),
}
STATEMENT_STATUS = {"acknowledged": "open", "committed": "open", "rejected": "not_achieved"}


def split_status_and_response(apps, schema_editor):
    Demand = apps.get_model("tracker", "Demand")
    Statement = apps.get_model("tracker", "Statement")
    for old, (status, response) in DEMAND_STATUS.items():
        Demand.objects.filter(status=old).update(status=status, response=response)
    for old, status in STATEMENT_STATUS.items():
        Statement.objects.filter(status=old).update(status=status)


def meeting_dates(apps, schema_editor):
    """A start of 00:00 was how a date without a time had to be entered: keep the date only."""
    Meeting = apps.get_model("tracker", "Meeting")
    amsterdam = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for meeting in Meeting.objects.all():
        local = meeting.starts_at.astimezone(amsterdam)
        meeting.date = local.date()
        meeting.time = None if local.time() == datetime.time.min else local.time()
        meeting.save(update_fields=["date", "time"])



class Migration(migrations.Migration):
    """Commitments become government statements by their nature; demands get the addressee's
    response apart from progress, who raised them, related demands; dates and figures
    carry their precision."""

    dependencies = [
        ("tracker", "0003_status_help_text"),
    ]

    operations = [
        migrations.RenameModel("Commitment", "Statement"),
        migrations.RenameField("statement", "demands", "answers"),
        migrations.RenameField("reminder", "commitment", "statement"),
        migrations.AlterModelOptions(
            name='meeting',
            options={'ordering': [models.OrderBy(models.F('date'), nulls_last=True), models.OrderBy(models.F('time'), nulls_first=True), 'title_nl'], 'verbose_name': 'meeting', 'verbose_name_plural': 'meetings'},
        ),
        migrations.AlterModelOptions(
            name='statement',
            options={'ordering': ['reference'], 'verbose_name': 'government statement', 'verbose_name_plural': 'government statements'},
        ),
        migrations.AddField(
            model_name='demand',
            name='adopted',
            field=models.BooleanField(default=False, help_text='On when the source document takes over a demand that someone else raised, e.g. a position paper that repeats a recommendation of the UN committee.', verbose_name="adopted by the source's author"),
        ),
        migrations.AddField(
            model_name='demand',
            name='deadline_text',
            field=models.CharField(blank=True, help_text='E.g. “nog voor de zomer”: a time the source gives without a date.', max_length=200, verbose_name="deadline in the source's words"),
        ),
        migrations.AddField(
            model_name='demand',
            name='duplicate_of',
            field=models.ForeignKey(blank=True, help_text='The same demand made in another document: this record keeps its own quote and source, and is counted once, under the demand named here.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='duplicates', to='tracker.demand', verbose_name='same demand as'),
        ),
        migrations.AddField(
            model_name='demand',
            name='overlaps',
            field=models.ManyToManyField(blank=True, help_text='Related demands, in this or other documents, that are not the same.', to='tracker.demand', verbose_name='overlaps with'),
        ),
        migrations.AddField(
            model_name='demand',
            name='raised_by',
            field=models.ForeignKey(blank=True, help_text='Who makes this demand in the source: not always the coalition itself.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='demands_raised', to='tracker.actor', verbose_name='raised by'),
        ),
        migrations.AddField(
            model_name='demand',
            name='responded_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='responded on'),
        ),
        migrations.AddField(
            model_name='demand',
            name='response',
            field=models.CharField(choices=[('none', 'No response yet'), ('accepted', 'Accepted'), ('partly_accepted', 'Accepted in part'), ('noted', 'Noted, no position'), ('rejected', 'Rejected')], default='none', editable=False, help_text='How the addressee answered; recorded in the ledger with the quoted reply.', max_length=20, verbose_name='response'),
        ),
        migrations.AddField(
            model_name='demand',
            name='target_qualifier',
            field=models.CharField(choices=[('exact', 'exactly'), ('circa', 'about'), ('at_least', 'at least'), ('more_than', 'more than'), ('at_most', 'at most')], default='exact', help_text='“circa 600” is about 600, “tot ten minste 23 jaar” at least 23.', max_length=20, verbose_name='target is'),
        ),
        migrations.AddField(
            model_name='demand',
            name='updated_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by'),
        ),
        migrations.AddField(
            model_name='demand',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='version'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='date_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', max_length=10, verbose_name='date precision'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='nature',
            field=models.CharField(choices=[('counted', 'Counted'), ('estimate', 'Estimate'), ('projection', 'Projection'), ('plan', 'Plan or budget')], default='counted', max_length=20, verbose_name='nature'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='qualifier',
            field=models.CharField(choices=[('exact', 'exactly'), ('circa', 'about'), ('at_least', 'at least'), ('more_than', 'more than'), ('at_most', 'at most')], default='exact', max_length=20, verbose_name='value is'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='date',
            field=models.DateField(blank=True, help_text='Empty while the date is to be set.', null=True, verbose_name='date'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='is_published',
            field=models.BooleanField(default=True, help_text='Shown on the public site and in open data.', verbose_name='published'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='time',
            field=models.TimeField(blank=True, help_text='Amsterdam time. Empty when no source gives one: an all-day event.', null=True, verbose_name='time'),
        ),
        migrations.AddField(
            model_name='source',
            name='is_published',
            field=models.BooleanField(default=True, help_text='Shown on the public site and in open data.', verbose_name='published'),
        ),
        migrations.AddField(
            model_name='statement',
            name='deadline_text',
            field=models.CharField(blank=True, help_text='E.g. “nog voor de zomer”: a time the source gives without a date.', max_length=200, verbose_name="deadline in the source's words"),
        ),
        migrations.AddField(
            model_name='statement',
            name='kind',
            field=models.CharField(choices=[('promise', 'Promise'), ('aim', 'Aim or effort'), ('position', 'Stated position'), ('decision', 'Decision'), ('practice', 'Current practice')], default='promise', max_length=20, verbose_name='nature'),
        ),
        migrations.AddField(
            model_name='statement',
            name='made_on_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', help_text='As precisely as the source dates it: a month or a year is not a day.', max_length=10, verbose_name='made on, precision'),
        ),
        migrations.AddField(
            model_name='statement',
            name='target_qualifier',
            field=models.CharField(choices=[('exact', 'exactly'), ('circa', 'about'), ('at_least', 'at least'), ('more_than', 'more than'), ('at_most', 'at most')], default='exact', help_text='“circa 600” is about 600, “tot ten minste 23 jaar” at least 23.', max_length=20, verbose_name='target is'),
        ),
        migrations.AddField(
            model_name='statement',
            name='updated_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by'),
        ),
        migrations.AddField(
            model_name='statement',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='actor',
            name='kind',
            field=models.CharField(choices=[('ministry', 'Ministry'), ('minister', 'Minister'), ('agency', 'Agency'), ('municipality', 'Municipality'), ('parliament', 'Parliament'), ('inspectorate', 'Inspectorate'), ('ngo', 'The coalition or one of its members'), ('international', 'International body'), ('other', 'Other')], default='other', max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='actor',
            name='slug',
            field=models.SlugField(help_text='Stable: the ledger and links refer to it. Never change it.', max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='deadline',
            field=models.DateField(blank=True, help_text='Only a date the source states; otherwise leave it empty and quote the words.', null=True, verbose_name='deadline'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='organisation',
            field=models.ForeignKey(help_text='The coalition member that follows this up.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='accounts.organisation', verbose_name='owning organisation'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='owner',
            field=models.ForeignKey(blank=True, help_text='The staff member who follows this up and gets its reminders.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='status',
            field=models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('not_achieved', 'Not achieved'), ('withdrawn', 'Withdrawn')], default='open', editable=False, help_text='Change it with “New status”: every change is written to the ledger.', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='target_description_nl',
            field=models.CharField(blank=True, help_text='Completes the sentence after the number and unit, e.g. “verplaatst”.', max_length=200, verbose_name='what is counted (Dutch)'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='target_unit',
            field=models.CharField(blank=True, help_text='E.g. children, years.', max_length=50, verbose_name='target unit'),
        ),
        migrations.AlterField(
            model_name='demand',
            name='updated_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='updated'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='slug',
            field=models.SlugField(help_text='Stable: the ledger and links refer to it. Never change it.', max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='indicator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='measurements', to='tracker.indicator', verbose_name='indicator'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='value',
            field=models.DecimalField(decimal_places=2, max_digits=14, verbose_name='value'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='source',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='tracker.source', verbose_name='named in'),
        ),
        migrations.AlterField(
            model_name='reminder',
            name='statement',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='tracker.statement', verbose_name='government statement'),
        ),
        migrations.AlterField(
            model_name='source',
            name='slug',
            field=models.SlugField(help_text='Stable: the ledger and links refer to it. Never change it.', max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='actor',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='statements', to='tracker.actor', verbose_name='made by'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='answers',
            field=models.ManyToManyField(blank=True, help_text='Only the demands this statement actually answers.', related_name='statements', to='tracker.demand', verbose_name='answers demands'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='deadline',
            field=models.DateField(blank=True, help_text='Only a date the source states; otherwise leave it empty and quote the words.', null=True, verbose_name='deadline'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='made_on',
            field=models.DateField(blank=True, null=True, verbose_name='made on'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='organisation',
            field=models.ForeignKey(help_text='The coalition member that follows this up.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='accounts.organisation', verbose_name='owning organisation'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='owner',
            field=models.ForeignKey(blank=True, help_text='The staff member who follows this up and gets its reminders.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='status',
            field=models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('not_achieved', 'Not achieved'), ('withdrawn', 'Withdrawn')], default='open', editable=False, help_text='Change it with “New status”: every change is written to the ledger.', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='target_description_nl',
            field=models.CharField(blank=True, help_text='Completes the sentence after the number and unit, e.g. “verplaatst”.', max_length=200, verbose_name='what is counted (Dutch)'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='target_unit',
            field=models.CharField(blank=True, help_text='E.g. children, years.', max_length=50, verbose_name='target unit'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='updated_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='updated'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='from_status',
            field=models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('not_achieved', 'Not achieved'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='from status'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='to_status',
            field=models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('not_achieved', 'Not achieved'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='to status'),
        ),
        migrations.AlterField(
            model_name='theme',
            name='slug',
            field=models.SlugField(help_text='Stable: the ledger and links refer to it. Never change it.', max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.RunPython(split_status_and_response, migrations.RunPython.noop),
        migrations.RunPython(meeting_dates, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='meeting',
            name='starts_at',
        ),
    ]
