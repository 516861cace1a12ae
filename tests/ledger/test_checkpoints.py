"""Signed checkpoints: made after every write, kept outside the database, carried by e-mail;
a rotated or lost key loses nothing."""

import base64
import json
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from ledger import checkpoints, services
from ledger.models import Checkpoint, SigningKey
from ledger.tasks import sign_daily_checkpoint
from ledger.verify import verify
from tests.factories import DemandFactory
from tracker.models import Status

pytestmark = pytest.mark.django_db


def test_a_write_is_followed_by_a_signed_checkpoint_of_the_new_head(
    django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        demand = DemandFactory()
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.record_status_change(
            demand, Status.IN_PROGRESS, by=None, public_note="Bezig."
        )

    latest = checkpoints.latest()
    assert (latest.size, latest.head_hash) == (entry.seq, entry.entry_hash)
    public = checkpoints.public_key(SigningKey.objects.get(key_id=latest.key_id))
    assert checkpoints.signature_is_valid(latest, public)
    witnessed = [json.loads(line) for line in open(settings.LEDGER_WITNESS_FILE)]
    assert witnessed[-1] == checkpoints.as_dict(latest)


def test_one_checkpoint_for_a_transaction_of_many_entries(django_capture_on_commit_callbacks):
    demands = DemandFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True), services.writing():
        for demand in demands:
            services.record_status_change(demand, Status.ACHIEVED, by=None, public_note="Klaar.")
    assert Checkpoint.objects.count() == 1
    assert checkpoints.latest().size == 6


def test_the_daily_checkpoint_is_signed_even_when_nothing_changed():
    DemandFactory()
    checkpoints.sign()
    assert checkpoints.sign() is None  # Nothing new: no second checkpoint after a write.
    sign_daily_checkpoint()
    assert Checkpoint.objects.count() == 2


def test_without_a_key_the_write_stands_and_the_missing_signature_is_logged(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.LEDGER_SIGNING_KEY = ""
    settings.LEDGER_SIGNING_KEY_FILE = "/nonexistent/ledger.key"
    settings.LEDGER_GENERATE_KEY = False
    with django_capture_on_commit_callbacks(execute=True):
        demand = DemandFactory()
    assert demand.entries.count() == 1
    assert not Checkpoint.objects.exists()
    assert "Could not sign a ledger checkpoint" in caplog.text


def test_a_rotated_or_lost_key_keeps_every_old_checkpoint_checkable(settings, tmp_path):
    DemandFactory()
    checkpoints.sign()
    # The old key is lost; a new one signs from now on, over the whole chain.
    settings.LEDGER_SIGNING_KEY = base64.b64encode(
        Ed25519PrivateKey.generate().private_bytes_raw()
    ).decode()
    DemandFactory()
    checkpoints.sign()

    assert SigningKey.objects.count() == 2
    report = verify()
    assert report.intact and report.checkpoints == 2


def test_ledger_key_rotate_makes_a_new_key_file_and_signs_with_it(settings, tmp_path):
    settings.LEDGER_SIGNING_KEY = ""
    settings.LEDGER_SIGNING_KEY_FILE = str(tmp_path / "signing.key")
    call_command("ledger_key", "create", stdout=StringIO())
    DemandFactory()
    first = checkpoints.sign()

    call_command("ledger_key", "rotate", stdout=StringIO())

    second = checkpoints.latest()
    assert second.key_id != first.key_id and second.size == first.size
    assert SigningKey.objects.get(key_id=first.key_id).retired_at is not None
    assert verify().intact


def test_verify_ledger_checks_a_checkpoint_saved_elsewhere(tmp_path, settings):
    DemandFactory()
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(checkpoints.as_dict(checkpoints.sign())))
    call_command("verify_ledger", "--checkpoint", str(saved), stdout=StringIO())

    forged = {**json.loads(saved.read_text()), "size": 5}
    saved.write_text(json.dumps(forged))
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_ledger", "--checkpoint", str(saved), stderr=errors)
    assert "its signature is not valid" in errors.getvalue()
