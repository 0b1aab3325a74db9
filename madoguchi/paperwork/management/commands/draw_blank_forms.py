from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.packs.reading import PackError
from madoguchi.paperwork.blanks import draw_blank_forms
from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fonts import load_fonts
from madoguchi.paperwork.service import font_files


class Command(BaseCommand):
    help = "Draw the blank PDFs that a pack's form maps name (the demo city's forms)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder",
            nargs="?",
            type=Path,
            default=settings.MADOGUCHI_PACK_DIR,
            help="the pack folder (default: MADOGUCHI_PACK_DIR, the demo pack)",
        )

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            drawn = draw_blank_forms(folder, load_fonts(font_files()))
        except (PackError, PrintError) as error:
            raise CommandError(str(error)) from error
        for path in drawn:
            self.stdout.write(f"{path} を描きました。")
