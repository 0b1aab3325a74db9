import json
import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.packs.reading import PackError
from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.service import render_packet


class Command(BaseCommand):
    help = (
        "Print a household's packet (guidance sheet and pre-filled forms) "
        "from a case file, with the procedures the navigator lists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("casefile", type=Path, help="a case file (JSON)")
        parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
        parser.add_argument(
            "--must-only",
            action="store_true",
            help="leave out the procedures the navigator only offers (may)",
        )

    def handle(
        self, *args: Any, casefile: Path, out: Path, must_only: bool, **options: Any
    ) -> None:
        case = _read_case(Path(casefile))
        procedures = _navigate(case)
        if must_only:
            procedures = [p for p in procedures if p.get("necessity") == "must"]

        # The QR code carries a random token only; the counter screens keep
        # what it stands for.
        token = secrets.token_urlsafe(12)
        try:
            pdf = render_packet(case, procedures, token)
        except (PrintError, PackError) as error:
            raise CommandError(str(error)) from error
        out = Path(out)
        out.write_bytes(pdf)
        self.stdout.write(
            f"{out} に {len(procedures)} 件の手続きの書類を書き出しました。"
        )


def _read_case(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path} を読めません: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path}:{error.lineno}: JSON として読めません: {error.msg}"
        ) from error
    if isinstance(document, dict) and isinstance(document.get("case"), dict):
        # An example file (domain/examples) holds the case under "case".
        document = document["case"]
    if not isinstance(document, dict):
        raise CommandError(f"{path}: 案件ファイルは JSON のオブジェクトです")
    return document


def _navigate(case: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        from madoguchi.navigator.service import CaseFileError, navigate
    except ImportError as error:
        raise CommandError(
            "手続きナビ(madoguchi.navigator.service)がまだ使えないため、"
            "手続きを決められません。"
        ) from error
    try:
        answer = navigate(case)
    except CaseFileError as error:
        raise CommandError(f"案件ファイルに誤りがあります: {error}") from error
    except PackError as error:
        raise CommandError(str(error)) from error
    procedures: list[dict[str, Any]] = answer.as_json()["procedures"]
    return procedures
