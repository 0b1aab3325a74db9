"""Check a whole pack without touching the database.

``madoguchi pack validate`` prints what this finds, and ``madoguchi pack
load`` refuses a pack with any mistake before it writes a row, so that a bad
pack never half-loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from madoguchi.navigator.catalogue import Catalogue, has_catalogue, read_catalogue
from madoguchi.packs.reading import (
    PackError,
    PackErrors,
    check_municipality,
    read_offices,
)
from madoguchi.paperwork.forms import load_forms


@dataclass(frozen=True)
class Validation:
    """The mistakes found in a pack, and its catalogue when it has a sound one."""

    problems: list[PackError]
    catalogue: Catalogue | None


def validate_pack(folder: Path) -> Validation:
    """Read every file of the pack in ``folder`` and list its mistakes."""
    problems = check_municipality(folder)
    catalogue = None
    try:
        if has_catalogue(folder):
            catalogue = read_catalogue(folder)
        else:
            read_offices(folder)
    except PackErrors as error:
        problems.extend(error.problems)
    except PackError as error:
        problems.append(error)

    if (folder / "forms").is_dir():
        problems.extend(_check_forms(folder, catalogue))

    unique = {str(problem): problem for problem in problems}
    return Validation(list(unique.values()), catalogue)


def _check_forms(folder: Path, catalogue: Catalogue | None) -> list[PackError]:
    """Check the form maps, and that each serves a procedure the pack has."""
    try:
        forms = load_forms(folder)
    except PackError as error:
        return [error]
    if catalogue is None:
        return []
    codes = {procedure.code for procedure in catalogue.procedures}
    return [
        PackError(form.path, None, f"手続 '{code}' はこのパックの手続一覧にありません")
        for form in forms
        for code in form.serves
        if code not in codes
    ]
