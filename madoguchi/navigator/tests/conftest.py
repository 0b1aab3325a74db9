"""Fixtures of the navigator's tests: the small test pack and case files."""

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TINY_PACK = FIXTURES / "tiny"


def family(**changes: Any) -> dict[str, Any]:
    """Return a move-in of a family of four, changed as the test needs."""
    case: dict[str, Any] = {
        "event": "move_in",
        "event_date": "2026-04-01",
        "visit_date": "2026-04-08",
        "subjects": ["p1", "p2", "p3", "p4"],
        "household": [
            {"id": "p1", "relationship": "世帯主", "age": 40, "sex": "M",
             "nationality": "日本", "health_insurance": "国保", "pension": "1号",
             "flags": {"has_mynumber_card": True, "owns_dog": True}},
            {"id": "p2", "relationship": "妻", "age": 38, "sex": "F",
             "nationality": "日本", "health_insurance": "国保", "pension": "1号"},
            {"id": "p3", "relationship": "子", "age": 9, "sex": "F",
             "nationality": "日本", "health_insurance": "国保", "pension": "none",
             "school_stage": "小学生"},
            {"id": "p4", "relationship": "子", "age": 3, "sex": "M",
             "nationality": "日本", "health_insurance": "国保", "pension": "none",
             "school_stage": "未就学"},
        ],
        "details": {"same_prefecture": False},
    }  # fmt: skip
    case.update(copy.deepcopy(changes))
    return case


@pytest.fixture
def tiny_pack() -> Path:
    return TINY_PACK


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """Return a copy of the test pack that a test may break."""
    folder = tmp_path / "pack"
    shutil.copytree(TINY_PACK, folder)
    return folder


@pytest.fixture
def edit() -> Callable[[Path, str, str], int]:
    """Replace text in a pack file once; return the line it is on."""

    def replace(path: Path, old: str, new: str) -> int:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return text[: text.index(old)].count("\n") + 1

    return replace
