from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.register.reindexing import rebuild_search_keys


class Command(BaseCommand):
    help = "Recompute the register's folded search keys (after the 異体字 or kana tables change)."

    def handle(self, *args: Any, **options: Any) -> None:
        residents, households = rebuild_search_keys()
        self.stdout.write(
            f"検索キーを更新しました: 住民 {residents} 人、世帯 {households} 件。"
        )
