from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.register.importing import ImportRejected, import_residents


class Command(BaseCommand):
    help = (
        "Import residents from a CSV in the documented header "
        "(see madoguchi/register/importing.py and the README). "
        "A file with any mistake loads nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)

    def handle(self, *args: Any, csv: Path, **options: Any) -> None:
        if not csv.is_file():
            raise CommandError(f"{csv}: ファイルがありません")
        with csv.open(encoding="utf-8-sig", newline="") as stream:
            try:
                summary = import_residents(stream)
            except ImportRejected as rejected:
                shown = rejected.errors[:100]
                more = len(rejected.errors) - len(shown)
                lines = [f"{csv}: {error}" for error in shown]
                if more:
                    lines.append(f"…ほか {more} 件")
                lines.append(
                    "誤りがあるため、このファイルからは何も取り込んでいません。"
                )
                raise CommandError("\n".join(lines)) from rejected
        self.stdout.write(
            f"{csv}: 新規 {summary.created} 人、更新 {summary.updated} 人"
            f"({summary.households} 世帯)を取り込みました。"
        )
