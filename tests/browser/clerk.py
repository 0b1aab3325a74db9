"""What the visit tests share: counting a clerk's actions, answering the
interview, and every department completing its part."""

from io import BytesIO
from typing import Any

from pypdf import PdfReader

from conftest import PASSWORD
from madoguchi.counter.models import Task, TaskState
from madoguchi.staff.models import Role, StaffUser
from tests.browser.conftest import shoot, sign_in


class Clerk:
    """Count what a clerk does: each click and each field filled is one."""

    def __init__(self) -> None:
        self.actions = 0

    def click(self, locator: Any) -> None:
        self.actions += 1
        locator.click()

    def fill(self, locator: Any, text: str) -> None:
        self.actions += 1
        locator.fill(text)

    def choose(self, locator: Any, label: str) -> None:
        self.actions += 1
        locator.select_option(label=label)

    def act(self, locator: Any, text: str | None = None) -> None:
        """Click, or fill in text, or choose the option labelled text."""
        if text is None:
            self.click(locator)
        elif locator.evaluate("e => e.tagName") == "SELECT":
            self.choose(locator, text)
        else:
            self.fill(locator, text)

    def sign_in(self, page: Any, username: str) -> None:
        """Sign in on the login page the browser shows: three actions."""
        self.fill(page.get_by_label("ユーザー名"), username)
        self.fill(page.get_by_label("パスワード"), PASSWORD)
        self.click(page.get_by_role("button", name="ログイン"))

    def open_packet(self, page: Any) -> str:
        """Open the packet from the print step, one action; return its text.

        The browser would show the PDF in a tab of its own, which headless
        Chromium cannot; the test fetches the link's PDF instead.
        """
        self.actions += 1
        link = page.get_by_role("link", name="案内票と申請書を開いて印刷(PDF)")
        packet = page.request.get(link.get_attribute("href"))
        assert packet.headers["content-type"] == "application/pdf"
        pages = PdfReader(BytesIO(packet.body())).pages
        return "".join(page.extract_text() for page in pages)

    def settle(self, locator: Any, text: str) -> None:
        """Leave a field as it is if it already says text, else set it."""
        if shown(locator) == text:
            return
        if locator.evaluate("e => e.tagName") == "SELECT":
            self.choose(locator, text)
        else:
            self.fill(locator, text)


def shown(locator: Any) -> str:
    """Return what a field shows: its text, or the label of its option."""
    return str(
        locator.evaluate(
            "e => e.tagName === 'SELECT' ? e.selectedOptions[0].text : e.value"
        )
    )


def answer_interview(
    page: Any, clerk: Clerk, answers: dict[str, str] | None = None
) -> None:
    """Answer each question until none is left.

    answers maps words of a question to the words of the answer given; a
    question it does not know fails the test. Without answers, each
    question gets its first choice.
    """
    interview = page.locator("#interview")
    for _ in range(30):
        if interview.get_by_text("必要なことはすべてお聞きしました。").count():
            return
        question = interview.locator("form.question").first
        choice = question.get_by_role("radio").first
        if answers is not None:
            legend = question.locator("legend").inner_text()
            answer = next((a for q, a in answers.items() if q in legend), None)
            assert answer is not None, f"no answer for the question {legend!r}"
            choice = question.get_by_role("radio", name=answer)
        version = interview.locator("input[name=version]").first.input_value()
        clerk.click(choice)
        page.wait_for_function(
            "v => document.querySelector('#interview input[name=version]').value !== v",
            arg=version,
        )
    raise AssertionError("the interview did not end")


def every_department_completes_its_part(
    page: Any, head_name: str, picture: tuple[str, str] | None = None
) -> None:
    """Sign in for each department with a task and complete it on the worklist.

    picture names a department whose worklist is shot for the README, and
    the picture's name. The page starts signed in. The 市民課 goes first, as at the counter: its
    住民異動 reaches the register, which the other departments' work refers to.
    """
    tasks = Task.objects.select_related("department").order_by("pk")
    departments = sorted(
        {task.department for task in tasks},
        key=lambda d: (d.code != "shimin", d.code),
    )
    for department in departments:
        worker = StaffUser(
            username=f"tantou-{department.code}",
            role=Role.DEPARTMENT,
            last_name="担当",
            department=department,
        )
        worker.set_password(PASSWORD)
        worker.save()
        page.get_by_role("button", name="ログアウト").click()
        page.goto("/login/")
        sign_in(page, worker.username)
        page.get_by_role("link", name="担当課の作業").click()
        page.get_by_role("heading", name=department.name).wait_for()
        if picture is not None and picture[0] == department.name:
            shoot(page, picture[1])
        for task in tasks.filter(department=department):
            row = page.locator(f"#task-{task.pk}")
            assert head_name in row.inner_text()
            row.get_by_role("button", name="完了").click()
            page.locator(f"#task-{task.pk} .state").get_by_text("完了").wait_for()
            task.refresh_from_db()
            assert task.state == TaskState.DONE, (task.code, task.state)
