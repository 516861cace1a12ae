"""What an item may be given, entered or edited: ``accounts.permissions.refused_values``, the
rule the admin's choices and the API's writes share."""

import pytest

from accounts.permissions import refused_values
from tests.factories import OrganisationFactory, UserFactory, coordinator, editor

pytestmark = pytest.mark.django_db


def test_an_editor_gives_an_item_only_to_their_own_organisation():
    own, other = OrganisationFactory(), OrganisationFactory()
    user = editor(organisation=own)
    assert refused_values(user, {"organisation": own}) == {}
    assert set(refused_values(user, {"organisation": other})) == {"organisation"}


def test_an_editor_makes_only_an_active_colleague_the_owner():
    own, other = OrganisationFactory(), OrganisationFactory()
    user = editor(organisation=own)
    assert refused_values(user, {"owner": UserFactory(organisation=own)}) == {}
    refused = [
        UserFactory(organisation=other),
        UserFactory(organisation=own, is_active=False),
        UserFactory(organisation=None),
    ]
    for owner in refused:
        assert set(refused_values(user, {"owner": owner})) == {"owner"}


def test_a_coordinator_gives_any_item_to_anyone():
    user = coordinator(organisation=OrganisationFactory())
    other = OrganisationFactory()
    values = {"organisation": other, "owner": UserFactory(organisation=other)}
    assert refused_values(user, values) == {}


def test_fields_that_name_no_organisation_or_person_are_never_refused():
    user = editor(organisation=OrganisationFactory())
    assert refused_values(user, {"title_nl": "Anders", "organisation": None}) == {}
