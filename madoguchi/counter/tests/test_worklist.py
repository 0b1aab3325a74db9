"""After the signature: tasks per department, the worklist, the day."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from madoguchi.audit.models import AccessRecord
from madoguchi.counter.models import Task, TaskState, Visit, VisitStatus
from madoguchi.counter.tests.factories import members
from madoguchi.packs.models import Department
from madoguchi.register.models import Household
from madoguchi.staff.models import Role, StaffUser

pytestmark = pytest.mark.django_db


def _procedure(code: str, counter: str | None, **extra: object) -> dict:
    procedure = {
        "code": code,
        "name": f"手続き {code}",
        "members": [],
        "deadline": "2026-12-04",
        "necessity": "must",
        "counter": None if counter is None else {"code": counter},
        "outside": None,
        "included": True,
        "done_today": False,
    }
    procedure.update(extra)
    return procedure


@pytest.fixture
def printed(home: Household, clerk: StaffUser) -> Visit:
    return Visit.objects.create(
        opened_by=clerk,
        household=home,
        event="move_within",
        event_date=date(2026, 11, 20),
        subjects=[r.pk for r in members(home)],
        answers={"new_address.address": "北海道みほん市緑町1丁目1番1号"},
        procedures=[
            _procedure("jumin_tenkyo", "shimin-1", done_today=True),
            _procedure("kokuho_henko", "hoken-5"),
            _procedure("kogaku", "hoken-5", included=False, necessity="may"),
            _procedure("shaho_fuyo", None, outside="勤務先"),
            _procedure("jidoteate_henko", "kosodate-8"),
        ],
        event_chosen_at=timezone.now(),
        interviewed_at=timezone.now(),
        reviewed_at=timezone.now(),
        confirmed_at=timezone.now(),
        printed_at=timezone.now(),
    )


def _sign(client: Client, visit: Visit) -> None:
    response = client.post(
        reverse("counter:sign", args=[visit.pk]), {"version": visit.version}
    )
    assert response.url == reverse("counter:visits")


@pytest.fixture
def signed(client: Client, clerk: StaffUser, printed: Visit) -> Visit:
    client.force_login(clerk)
    _sign(client, printed)
    client.logout()
    return Visit.objects.get(pk=printed.pk)


def _post(client: Client, task: Task, action: str, version: int | None = None):
    return client.post(
        reverse("counter:change_task", args=[task.pk, action]),
        {"version": task.version if version is None else version},
    )


def test_signing_creates_a_task_per_procedure_at_its_department(
    signed: Visit, clerk: StaffUser
) -> None:
    tasks = {t.code: t for t in signed.tasks.select_related("department")}

    assert set(tasks) == {"jumin_tenkyo", "kokuho_henko", "jidoteate_henko"}
    assert tasks["jumin_tenkyo"].department.code == "shimin"
    assert tasks["kokuho_henko"].department.code == "hoken-nenkin"
    assert tasks["jidoteate_henko"].department.code == "kosodate"
    assert tasks["jumin_tenkyo"].state == TaskState.DONE
    assert tasks["jumin_tenkyo"].settled_by == clerk
    assert tasks["kokuho_henko"].state == TaskState.WAITING
    assert signed.status == VisitStatus.SIGNED
    assert tasks["jumin_tenkyo"].register_updated_at is not None
    assert signed.household.address == "北海道みほん市緑町1丁目1番1号"


def test_department_staff_see_only_their_own_tasks(
    client: Client, department_staff: StaffUser, signed: Visit
) -> None:
    client.force_login(department_staff)

    page = client.get(reverse("counter:worklist")).content.decode()

    assert "手続き kokuho_henko" in page
    assert "手続き jidoteate_henko" not in page
    assert "架空 太郎" in page and "令和8年12月4日" in page
    assert AccessRecord.objects.filter(
        staff=department_staff, purpose=f"来庁案件 {signed.pk}"
    ).exists()


def test_take_then_complete_records_who_and_when(
    client: Client, department_staff: StaffUser, signed: Visit
) -> None:
    client.force_login(department_staff)
    task = signed.tasks.get(code="kokuho_henko")

    _post(client, task, "take")
    task.refresh_from_db()
    assert (task.state, task.taken_by) == (TaskState.IN_PROGRESS, department_staff)
    assert task.taken_at is not None
    _post(client, task, "complete")
    task.refresh_from_db()

    assert (task.state, task.settled_by) == (TaskState.DONE, department_staff)
    assert task.settled_at is not None
    assert AccessRecord.objects.filter(
        staff=department_staff, screen="担当課の作業", purpose=signed.purpose
    ).exists()


def test_a_stale_version_is_refused(
    client: Client, department_staff: StaffUser, signed: Visit
) -> None:
    client.force_login(department_staff)
    task = signed.tasks.get(code="kokuho_henko")
    _post(client, task, "take")

    page = _post(client, task, "not_needed", version=task.version)

    assert page.status_code == 409
    assert "ほかの職員がこの案件を更新しました" in page.content.decode()
    assert reverse("counter:worklist") in page.content.decode()
    assert Task.objects.get(pk=task.pk).state == TaskState.IN_PROGRESS


def test_another_departments_task_is_refused(
    client: Client, department_staff: StaffUser, signed: Visit
) -> None:
    client.force_login(department_staff)
    task = signed.tasks.get(code="jidoteate_henko")

    assert _post(client, task, "complete").status_code == 403
    assert Task.objects.get(pk=task.pk).state == TaskState.WAITING


def test_the_visit_closes_when_every_task_is_settled(
    client: Client, department_staff: StaffUser, signed: Visit
) -> None:
    kosodate = StaffUser.objects.create(
        username="kosodate",
        role=Role.DEPARTMENT,
        department=Department.objects.get(code="kosodate"),
    )
    client.force_login(department_staff)
    _post(client, signed.tasks.get(code="kokuho_henko"), "not_needed")
    assert Visit.objects.get(pk=signed.pk).status == VisitStatus.SIGNED

    client.force_login(kosodate)
    _post(client, signed.tasks.get(code="jidoteate_henko"), "complete")

    assert Visit.objects.get(pk=signed.pk).status == VisitStatus.CLOSED


def test_the_visit_page_shows_where_each_procedure_stands(
    client: Client, clerk: StaffUser, signed: Visit
) -> None:
    client.force_login(clerk)

    page = client.get(reverse("counter:status", args=[signed.pk])).content.decode()
    listing = client.get(reverse("counter:visits")).content.decode()

    assert "保険年金課" in page and "待ち" in page and "完了" in page
    assert "勤務先" in page
    assert reverse("counter:status", args=[signed.pk]) in listing


def test_the_supervisor_sees_the_days_open_visits_with_waiting_times(
    client: Client, supervisor: StaffUser, signed: Visit
) -> None:
    client.force_login(supervisor)

    page = client.get(reverse("counter:today")).content.decode()

    assert reverse("counter:status", args=[signed.pk]) in page
    assert "架空 太郎" in page and "保険年金課" in page and "0分" in page


@pytest.mark.parametrize("who", ["reception", "clerk"])
def test_reception_and_clerks_may_not_open_the_worklist(
    client: Client, who: str, request: pytest.FixtureRequest, signed: Visit
) -> None:
    client.force_login(request.getfixturevalue(who))
    task = signed.tasks.get(code="kokuho_henko")

    assert client.get(reverse("counter:worklist")).status_code == 403
    assert client.get(reverse("counter:today")).status_code == 403
    assert _post(client, task, "complete").status_code == 403


def test_a_closed_visit_refuses_changes(
    client: Client, clerk: StaffUser, signed: Visit
) -> None:
    Visit.objects.filter(pk=signed.pk).update(status=VisitStatus.CLOSED)
    client.force_login(clerk)

    page = client.post(
        reverse("counter:event", args=[signed.pk]),
        {"version": signed.version, "event": "birth", "event_date": "R8.11.21"},
    )

    assert page.status_code == 409
    assert Visit.objects.get(pk=signed.pk).event == "move_within"
