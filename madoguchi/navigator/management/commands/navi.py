import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.navigator.casefile import CaseFileError, read_case
from madoguchi.navigator.evaluation import answer_case, explain_case
from madoguchi.navigator.report import (
    explanation_json,
    render_answer,
    render_explanation,
)
from madoguchi.navigator.service import load_catalogue
from madoguchi.packs.reading import PackError, PackErrors


class Command(BaseCommand):
    help = (
        "List the procedures a case file (domain/case-file.md) triggers, "
        "with reasons, deadlines and the facts still missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="the case file, or an example file holding one; - for stdin"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="show every procedure of the event and what its conditions gave",
        )
        parser.add_argument(
            "--pack",
            type=Path,
            default=settings.MADOGUCHI_PACK_DIR,
            help="the pack folder (default: MADOGUCHI_PACK_DIR)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        document = self.read(options["file"])
        try:
            case = read_case(document)
        except CaseFileError as error:
            lines = "\n".join(str(problem) for problem in error.problems)
            raise CommandError(
                f"事案ファイルに誤りが {len(error.problems)} 件あります。\n{lines}"
            ) from error
        try:
            catalogue = load_catalogue(options["pack"])
        except PackError as error:
            problems = error.problems if isinstance(error, PackErrors) else [error]
            lines = "\n".join(str(problem) for problem in problems)
            raise CommandError(
                f"パックに誤りが {len(problems)} 件あります。\n{lines}"
            ) from error

        answer = answer_case(case, catalogue)
        explanations = explain_case(case, catalogue) if options["explain"] else None
        if options["format"] == "json":
            found = answer.as_json()
            if explanations is not None:
                found["explanation"] = explanation_json(explanations)
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        self.stdout.write(render_answer(answer, case), ending="")
        if explanations is not None:
            self.stdout.write("\n" + render_explanation(explanations, case), ending="")

    def read(self, name: str) -> Any:
        """Read the case file as JSON, naming the line of a syntax error."""
        if name == "-":
            text = sys.stdin.read()
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"ファイルがありません: {name}")
            text = path.read_text(encoding="utf-8")
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{name}:{error.lineno}: JSONとして読めません({error.colno}文字目)"
            ) from error
