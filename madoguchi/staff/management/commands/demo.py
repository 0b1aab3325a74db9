from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from madoguchi.register import seeding
from madoguchi.register.models import Resident
from madoguchi.staff.demo import ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Prepare the demo: load the demo pack, add synthetic residents if the "
        "register is empty, create one account per role, and print them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--residents", type=int, default=3000)

    def handle(self, *args: Any, residents: int, **options: Any) -> None:
        call_command("pack", "load", stdout=self.stdout)
        if not Resident.objects.exists():
            self.stdout.write(f"架空の住民 {residents:,} 人を作成しています…")
            seeding.seed(residents, today=timezone.localdate(), seed=2026)

        accounts = ensure_demo_accounts(settings.VAR_DIR / "demo-accounts.txt")
        self.stdout.write("")
        self.stdout.write("デモ用の職員アカウント(ユーザー名 / パスワード / 役割):")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<10} {account.password:<14} {account.role}"
            )
        self.stdout.write("")
        self.stdout.write(
            f"住民 {Resident.objects.count():,} 人(すべて架空)。"
            "ブラウザで http://127.0.0.1:8000 を開いてください。"
        )
