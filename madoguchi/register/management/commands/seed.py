from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from madoguchi.register import seeding


class Command(BaseCommand):
    help = "Add a synthetic population (invented people only) to the register."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--residents", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0, help="random seed")

    def handle(self, *args: Any, residents: int, seed: int, **options: Any) -> None:
        if residents < 1:
            raise CommandError("--residents は1以上の数を指定してください。")
        try:
            households = seeding.seed(residents, today=timezone.localdate(), seed=seed)
        except seeding.SeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"住民 {residents:,} 人({households:,} 世帯)を追加しました。")
