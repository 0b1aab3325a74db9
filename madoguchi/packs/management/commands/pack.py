from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.packs.loading import PackError, load_pack


class Command(BaseCommand):
    help = "Load a municipality pack folder into the database (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument(
            "folder",
            nargs="?",
            type=Path,
            default=settings.MADOGUCHI_PACK_DIR,
            help="the pack folder (default: MADOGUCHI_PACK_DIR, the demo pack)",
        )

    def handle(self, *args: Any, action: str, folder: Path, **options: Any) -> None:
        try:
            summary = load_pack(folder)
        except PackError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{summary.municipality}: 町名 {summary.towns}、庁舎 {summary.offices}、"
            f"担当課 {summary.departments}、窓口 {summary.counters} を読み込みました。"
        )
