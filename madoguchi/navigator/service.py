"""The navigator's public face: a case file in, the procedures out.

The counter screens, the API and the ``navi`` command all call
:func:`navigate`. The pack's catalogue is read once per pack folder and read
again only when one of its files changes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from madoguchi.navigator.answer import Answer
from madoguchi.navigator.casefile import CaseFile, CaseFileError, Problem, read_case
from madoguchi.navigator.catalogue import Catalogue, read_catalogue
from madoguchi.navigator.evaluation import Explanation, answer_case, explain_case
from madoguchi.packs.reading import PackError, PackErrors

__all__ = [
    "Answer",
    "CaseFile",
    "CaseFileError",
    "Explanation",
    "PackError",
    "PackErrors",
    "Problem",
    "explain",
    "load_catalogue",
    "navigate",
    "read_case",
]

_FILES = ("procedures.yaml", "questions.yaml", "calendar.yaml", "offices.yaml")
# How long a loaded catalogue is trusted before its files' times are looked
# at again: a stat of each file on every answer would cost more than the
# answer itself.
RECHECK_SECONDS = 1.0


@dataclass
class _Loaded:
    catalogue: Catalogue
    signature: tuple[int, ...]
    checked_at: float


_cache: dict[str, _Loaded] = {}
_lock = threading.Lock()


def navigate(
    case: dict[str, Any], pack_dir: Path | None = None, *, today: date | None = None
) -> Answer:
    """Answer a case file with the procedures it triggers in a pack.

    Raise CaseFileError listing every problem of a bad case file, and
    PackErrors when the pack's catalogue is broken.
    """
    catalogue = load_catalogue(pack_dir)
    return answer_case(read_case(case, today=today), catalogue)


def explain(
    case: dict[str, Any], pack_dir: Path | None = None, *, today: date | None = None
) -> list[Explanation]:
    """Evaluate every procedure of the case's event and say what each gave."""
    catalogue = load_catalogue(pack_dir)
    return explain_case(read_case(case, today=today), catalogue)


def load_catalogue(pack_dir: Path | None = None) -> Catalogue:
    """Return the catalogue of a pack (default: the configured pack).

    The catalogue is read once per folder and read again when one of its
    files has changed since.
    """
    key = str(pack_dir or settings.MADOGUCHI_PACK_DIR)
    loaded = _cache.get(key)
    now = time.monotonic()
    if loaded is not None and now - loaded.checked_at < RECHECK_SECONDS:
        return loaded.catalogue

    folder = Path(key)
    signature = _signature(folder)
    if loaded is not None and loaded.signature == signature:
        loaded.checked_at = now
        return loaded.catalogue
    with _lock:
        catalogue = read_catalogue(folder)
        _cache[key] = _Loaded(catalogue, signature, now)
    return catalogue


def _signature(folder: Path) -> tuple[int, ...]:
    """Return the modification times of the catalogue's files (0 if absent)."""
    stamps = []
    for name in _FILES:
        try:
            stamps.append((folder / name).stat().st_mtime_ns)
        except FileNotFoundError:
            stamps.append(0)
    return tuple(stamps)
