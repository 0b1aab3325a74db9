"""The household and the signed-in clerk that the counter's tests start from."""

import pytest
from django.test import Client

from madoguchi.counter.tests.factories import family_of_four
from madoguchi.register.models import Household
from madoguchi.staff.models import StaffUser


@pytest.fixture
def home(demo_pack: None) -> Household:
    return family_of_four()


@pytest.fixture
def signed_in(client: Client, clerk: StaffUser, demo_pack: None) -> Client:
    client.force_login(clerk)
    return client
