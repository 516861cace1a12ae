import pytest

from tests.public_site.world import build_world


@pytest.fixture
def world(db):
    return build_world(12)
