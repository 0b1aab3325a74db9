"""Check the demo pack's catalogue against households with known answers.

Two sets of households: the twelve examples of ``shared/domain/examples/``,
which define the product's expected answers, and the pack's own households
under ``households/<event>/``, one file each in the same format. Each says
which procedure codes the navigator must list as must, which it must at
least offer, which it must never list as must, and which facts it must ask
for when the case file leaves them out.

The examples allow a ``may`` code to come out as must; the pack's own
households are stricter and want exactly may, because they were written
for this catalogue and pin down where it chose may.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest

from madoguchi.navigator.service import load_catalogue, navigate

REPO = Path(__file__).resolve().parents[3]
DEMO_PACK = REPO / "packs" / "mihon"
EXAMPLES = REPO.parent / "shared" / "domain" / "examples"
HOUSEHOLDS = Path(__file__).resolve().parent / "households"
EVENTS = (
    "move_in",
    "move_out",
    "move_within",
    "move_in_from_abroad",
    "birth",
    "death",
    "marriage",
    "divorce",
    "leave_employee_insurance",
    "join_employee_insurance",
    "turn_65",
    "turn_75",
)
KEYS = {"id", "title", "case", "must", "may", "must_not", "notes", "sources"}


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        household: dict[str, Any] = json.load(stream)
    return household


def _example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []


def _household_paths() -> list[Path]:
    return sorted(HOUSEHOLDS.glob("*/*.json"))


def _need_examples() -> None:
    """Skip, or in CI fail, when the shared examples are not beside the repo."""
    if _example_paths():
        return
    message = (
        f"The shared examples are missing: expected {EXAMPLES}, the "
        "'shared/domain/examples/' folder beside this repository's folder."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _answer(case: dict[str, Any]) -> tuple[dict[str, str], set[str]]:
    """Return the necessity of each listed code, and the fields asked for."""
    answer = navigate(case, DEMO_PACK).as_json()
    listed = {item["code"]: item["necessity"] for item in answer["procedures"]}
    asked = {fact["field"] for fact in answer["missing"]}
    return listed, asked


def _check(household: dict[str, Any], *, may_exactly: bool) -> None:
    listed, asked = _answer(household["case"])
    shown = f"{household['id']}: listed {listed}, asked {sorted(asked)}"

    for code in household["must"]:
        assert listed.get(code) == "must", f"{code} should be must. {shown}"
    for code in household["may"]:
        assert code in listed, f"{code} should be offered. {shown}"
        if may_exactly:
            assert listed[code] == "may", f"{code} should be may. {shown}"
    for code in household["must_not"]:
        assert listed.get(code) != "must", f"{code} should not be must. {shown}"
    for field in household.get("missing", []):
        assert field in asked, f"{field} should be asked for. {shown}"


@pytest.mark.parametrize(
    "path", _example_paths() or [None], ids=lambda p: p.stem if p else "examples"
)
def test_example(path: Path | None) -> None:
    _need_examples()
    assert path is not None
    _check(_read(path), may_exactly=False)


@pytest.mark.parametrize("path", _household_paths(), ids=lambda p: p.stem)
def test_household(path: Path) -> None:
    _check(_read(path), may_exactly=True)


@pytest.mark.parametrize("path", _household_paths(), ids=lambda p: p.stem)
def test_household_file_is_well_formed(path: Path) -> None:
    household = _read(path)
    codes = {procedure.code for procedure in load_catalogue(DEMO_PACK).procedures}

    assert KEYS <= set(household) <= KEYS | {"missing"}, path.name
    assert household["id"] == path.stem
    assert household["case"]["event"] == path.parent.name
    assert household["sources"], f"{path.name}: say which sources it follows"
    named = household["must"] + household["may"] + household["must_not"]
    assert set(named) <= codes, f"{path.name}: unknown codes {set(named) - codes}"
    assert len(set(named)) == len(named), f"{path.name}: a code is named twice"


@pytest.mark.parametrize("event", EVENTS)
def test_every_event_has_five_households(event: str) -> None:
    assert len(list((HOUSEHOLDS / event).glob("*.json"))) >= 5
