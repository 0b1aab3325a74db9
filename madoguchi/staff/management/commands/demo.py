from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from madoguchi.register import seeding
from madoguchi.register.models import Resident
from madoguchi.staff.demo import ensure_demo_accounts
from madoguchi.staff.models import Role

# Where `make demo` serves the staff screens (see the Makefile).
DEMO_URL = "http://127.0.0.1:8000/"


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
        clerk = next(a for a in accounts if a.role == Role.CLERK.label)
        self.stdout.write("")
        self.stdout.write(f"住民 {Resident.objects.count():,} 人(すべて架空)。")
        self.stdout.write(
            f"ブラウザで {DEMO_URL} を開き、窓口職員の {clerk.username} "
            "でログインすると、窓口の受付画面から始まります。"
        )
