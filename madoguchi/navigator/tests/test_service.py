"""The service the counter screens call, and the data it is built on."""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.test.utils import override_settings

from madoguchi.navigator import service
from madoguchi.navigator.catalogue import national_procedures
from madoguchi.navigator.facts import SCHEMA_PATH
from madoguchi.navigator.tests.conftest import TINY_PACK, family

SHARED_DOMAIN = Path(__file__).resolve().parents[3].parent / "shared" / "domain"
needs_shared = pytest.mark.skipif(
    not SHARED_DOMAIN.is_dir(), reason=f"{SHARED_DOMAIN} is not beside the repo"
)


def test_navigate_reads_the_configured_pack() -> None:
    with override_settings(MADOGUCHI_PACK_DIR=TINY_PACK):
        answer = service.navigate(family())

    assert answer.codes()[0] == "jumin_tennyu"


def test_a_changed_pack_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    monkeypatch.setattr(service, "RECHECK_SECONDS", 0.0)
    assert "inu_henko" in service.navigate(family(), pack).codes()

    procedures = pack / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(
        text.replace("must: member.flags.owns_dog", "must: false"), encoding="utf-8"
    )
    later = procedures.stat().st_mtime_ns + 1_000_000_000
    os.utime(procedures, ns=(later, later))

    assert "inu_henko" not in service.navigate(family(), pack).codes()


def test_an_unchanged_pack_is_read_once() -> None:
    first = service.load_catalogue(TINY_PACK)

    assert service.load_catalogue(TINY_PACK) is first


@needs_shared
def test_the_bundled_schema_is_the_domain_s() -> None:
    shared = json.loads((SHARED_DOMAIN / "case-file.schema.json").read_text("utf-8"))

    assert json.loads(SCHEMA_PATH.read_text("utf-8")) == shared


@needs_shared
def test_the_bundled_procedure_codes_are_the_domain_s() -> None:
    text = (SHARED_DOMAIN / "procedures.md").read_text("utf-8")
    text = text[: text.index("## 出典キー")]
    rows = re.findall(r"^\| ([a-z0-9_]+) \| ([^|]+) \|", text, flags=re.MULTILINE)

    assert national_procedures() == {code: name.strip() for code, name in rows}
    assert len(rows) == 81
