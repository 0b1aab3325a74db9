"""The screen each role starts from after signing in."""

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.counter.models import Visit, VisitStatus
from madoguchi.counter.tests.factories import family_of_four
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db

ARRIVAL_BUTTON = "転入の受付(新しく来た世帯)"


def _signed_in(user: StaffUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_clerk_starts_from_search_arrivals_and_their_open_visits(
    clerk: StaffUser, supervisor: StaffUser, demo_pack: None
) -> None:
    home = family_of_four()
    mine = Visit.objects.create(opened_by=clerk, household=home, event="death")
    signed = Visit.objects.create(
        opened_by=clerk, household=home, status=VisitStatus.SIGNED
    )
    closed = Visit.objects.create(
        opened_by=clerk, household=home, status=VisitStatus.CLOSED
    )
    theirs = Visit.objects.create(opened_by=supervisor, household=home)

    page = _signed_in(clerk).get(reverse("staff:home"))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="name"' in html
    assert ARRIVAL_BUTTON in html
    assert f'action="{reverse("counter:open_arrival")}"' in html
    assert f"案件 {mine.pk}(" in html
    assert "死亡" in html
    assert f'href="{reverse("counter:resume", args=[mine.pk])}"' in html
    assert f"案件 {signed.pk}(" in html
    assert f"案件 {closed.pk}(" not in html
    assert f"案件 {theirs.pk}(" not in html
    assert "受付中の案件をすべて見る(2件)" in html
    # The start screen shows visits by number only: no resident's name.
    assert "架空" not in html


def test_the_arrival_button_opens_a_visit_for_a_new_household(
    clerk: StaffUser, demo_pack: None
) -> None:
    client = _signed_in(clerk)

    client.post(reverse("counter:open_arrival"))

    visit = Visit.objects.get()
    assert (visit.opened_by, visit.household) == (clerk, None)
    assert f"案件 {visit.pk}(" in client.get(reverse("staff:home")).content.decode()


def test_department_staff_start_from_search_without_the_counter(
    department_staff: StaffUser,
) -> None:
    client = _signed_in(department_staff)

    page = client.get(reverse("staff:home"), follow=True)

    html = page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("register:search")
    assert 'name="name"' in html
    assert ARRIVAL_BUTTON not in html
    assert reverse("counter:open_arrival") not in html


def test_reception_sees_no_register_and_no_counter(reception: StaffUser) -> None:
    html = _signed_in(reception).get(reverse("staff:home")).content.decode()

    assert ARRIVAL_BUTTON not in html
    assert 'name="name"' not in html
