"""Loading a municipality pack, and what a mistake in one looks like."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from madoguchi.packs.loading import PackError, load_pack
from madoguchi.packs.models import Counter, Department, Municipality, Town
from madoguchi.packs.validation import validate_pack

pytestmark = pytest.mark.django_db


def test_the_demo_pack_loads_its_city_towns_and_counters() -> None:
    summary = load_pack(settings.MADOGUCHI_PACK_DIR)

    assert str(Municipality.objects.get()) == "北海道みほん市"
    assert summary.towns == Town.objects.count() == 20
    assert Counter.objects.get(code="hoken-5").department.name == "保険年金課"
    assert Department.objects.get(code="higashi-shisho").office.name.endswith("東支所")


def test_loading_twice_changes_nothing() -> None:
    load_pack(settings.MADOGUCHI_PACK_DIR)
    load_pack(settings.MADOGUCHI_PACK_DIR)

    assert Municipality.objects.count() == 1
    assert Town.objects.count() == 20


@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(settings.MADOGUCHI_PACK_DIR, folder)
    return folder


def test_a_counter_of_an_unknown_department_is_named_with_its_line(
    broken_pack: Path,
) -> None:
    offices = broken_pack / "offices.yaml"
    text = offices.read_text(encoding="utf-8")
    offices.write_text(
        text.replace("department: kankyo}", "department: kankyou}"), encoding="utf-8"
    )
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if "department: kankyo}" in row
    )

    with pytest.raises(PackError) as error:
        load_pack(broken_pack)

    assert error.value.path == offices
    assert error.value.line == line
    assert "kankyou" in error.value.reason
    assert not Counter.objects.exists()


def test_broken_yaml_and_a_missing_file_are_reported_by_the_command(
    broken_pack: Path,
) -> None:
    (broken_pack / "municipality.yaml").write_text(
        "municipality: [\n", encoding="utf-8"
    )
    with pytest.raises(
        CommandError, match=r"municipality\.yaml:\d+: YAMLとして読めません"
    ):
        call_command("pack", "load", str(broken_pack))

    (broken_pack / "municipality.yaml").unlink()
    with pytest.raises(CommandError, match="ファイルがありません"):
        call_command("pack", "load", str(broken_pack))


def test_validate_names_a_form_box_off_the_page_with_its_line(
    broken_pack: Path,
) -> None:
    form = broken_pack / "forms" / "inkan_toroku.yaml"
    text = form.read_text(encoding="utf-8")
    form.write_text(
        text.replace("box: {x: 36, y: 52, width: 80", "box: {x: 236, y: 52, width: 80"),
        encoding="utf-8",
    )
    line = text[: text.index("box: {x: 36, y: 52, width: 80")].count("\n") + 1

    found = [str(problem) for problem in validate_pack(broken_pack).problems]

    assert len(found) == 1
    assert found[0].startswith(f"{form}:{line}: ")


def test_validate_names_a_form_that_serves_a_procedure_the_pack_lacks(
    broken_pack: Path,
) -> None:
    procedures = broken_pack / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    start = text.index("  - code: inkan_toroku\n")
    end = text.index("  - code: ", start + 1)
    procedures.write_text(text[:start] + text[end:], encoding="utf-8")

    found = [str(problem) for problem in validate_pack(broken_pack).problems]

    assert any(
        "inkan_toroku" in problem and "inkan_toroku.yaml" in problem
        for problem in found
    )
