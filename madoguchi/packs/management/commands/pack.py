from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.packs.loading import PackError, PackErrors, load_pack
from madoguchi.packs.validation import validate_pack


class Command(BaseCommand):
    help = (
        "Check a municipality pack folder (validate), or load it into the "
        "database (load, idempotent; a pack with any mistake is not loaded)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "validate"])
        parser.add_argument(
            "folder",
            nargs="?",
            type=Path,
            default=settings.MADOGUCHI_PACK_DIR,
            help="the pack folder (default: MADOGUCHI_PACK_DIR, the demo pack)",
        )

    def handle(self, *args: Any, action: str, folder: Path, **options: Any) -> None:
        if action == "validate":
            self.validate(folder)
            return
        try:
            summary = load_pack(folder)
        except PackError as error:
            raise self.mistakes(error) from error
        self.stdout.write(
            f"{summary.municipality}: 町名 {summary.towns}、庁舎 {summary.offices}、"
            f"担当課 {summary.departments}、窓口 {summary.counters} を読み込みました。"
        )

    def validate(self, folder: Path) -> None:
        validation = validate_pack(folder)
        if validation.problems:
            raise self.mistakes(PackErrors(validation.problems))
        catalogue = validation.catalogue
        if catalogue is None:
            self.stdout.write(
                f"{folder}: 誤りはありません。手続カタログ(procedures.yaml)は"
                "ないため、窓口案内(navigator)は使えません。"
            )
            return
        self.stdout.write(
            f"{folder}: 誤りはありません(手続 {len(catalogue.procedures)}、"
            f"閉庁日 {len(catalogue.closed.closures)})。"
        )

    def mistakes(self, error: PackError) -> CommandError:
        """Fail listing every mistake, one ``file:line: reason`` a line."""
        problems = error.problems if isinstance(error, PackErrors) else [error]
        lines = "\n".join(str(problem) for problem in problems)
        return CommandError(f"パックに誤りが {len(problems)} 件あります。\n{lines}")
