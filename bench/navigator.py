"""Time the procedure navigator on one core, without a database.

Run by ``make bench``. It reports how long the pack takes to load, how many
case files per second the navigator answers (the twelve example households
of ../shared/domain/examples, or the households under
madoguchi/navigator/tests/ when shared/ is not beside the repository), and,
as a record of why the project compiles its own condition language, how
long one typical three-clause condition takes in the rule libraries the
issue compared: rule-engine, cel-python and JSON Logic (panzi-json-logic).
Those are not project dependencies; a library that is not installed is
skipped with a note.

Timings are the best of several repeats: the best run is the one least
disturbed by whatever else the machine is doing.
"""

import argparse
import json
import os
import platform
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")

from django.conf import settings  # noqa: E402

from madoguchi.navigator.casefile import read_case  # noqa: E402
from madoguchi.navigator.catalogue import read_catalogue  # noqa: E402
from madoguchi.navigator.conditions import compile_condition  # noqa: E402
from madoguchi.navigator.evaluation import answer_case, build_scope  # noqa: E402
from madoguchi.navigator.service import navigate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = ROOT.parent / "shared" / "domain" / "examples"
OWN_EXAMPLES = ROOT / "madoguchi" / "navigator" / "tests"

CONDITION = (
    'member.age >= 65 and member.health_insurance == "国保" '
    "and not member.flags.has_mynumber_card"
)
TYPO = 'member.pension_type == "1号"'
MEMBER = {"age": 70, "health_insurance": "国保", "flags": {"has_mynumber_card": False}}
# The yardstick: a family of five moving in, the whole catalogue.
FAMILY_OF_FIVE = {
    "event": "move_in",
    "event_date": "2026-03-27",
    "subjects": ["p1", "p2", "p3", "p4", "p5"],
    "household": [
        {"id": "p1", "relationship": "世帯主", "age": 41, "sex": "M", "nationality": "日本",
         "health_insurance": "社保", "insurance_role": "本人", "pension": "2号",
         "flags": {"has_mynumber_card": True, "receives_child_allowance": True}},
        {"id": "p2", "relationship": "妻", "age": 39, "sex": "F", "nationality": "日本",
         "health_insurance": "社保", "insurance_role": "被扶養者", "insured_via": "p1",
         "pension": "3号", "flags": {"has_mynumber_card": True, "pregnant": True}},
        {"id": "p3", "relationship": "子", "age": 13, "sex": "M", "nationality": "日本",
         "health_insurance": "社保", "insurance_role": "被扶養者", "insured_via": "p1",
         "pension": "none", "school_stage": "中学生"},
        {"id": "p4", "relationship": "子", "age": 8, "sex": "F", "nationality": "日本",
         "health_insurance": "社保", "insurance_role": "被扶養者", "insured_via": "p1",
         "pension": "none", "school_stage": "小学生", "flags": {"has_child_medical_card": True}},
        {"id": "p5", "relationship": "子", "age": 2, "sex": "M", "nationality": "日本",
         "health_insurance": "社保", "insurance_role": "被扶養者", "insured_via": "p1",
         "pension": "none", "school_stage": "未就学", "flags": {"owns_dog": True}},
    ],
    "details": {"same_prefecture": False, "into_care_facility": False},
}  # fmt: skip


def best(run: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Return the best time of one call, in seconds."""
    run()
    return min(timeit.repeat(run, number=number, repeat=repeat)) / number


def examples() -> tuple[str, list[Any]]:
    if SHARED_EXAMPLES.is_dir():
        paths = sorted(SHARED_EXAMPLES.glob("*.json"))
        source = str(SHARED_EXAMPLES)
    else:
        paths = sorted(
            p for p in OWN_EXAMPLES.rglob("*.json") if "fixtures" not in p.parts
        )
        source = f"{OWN_EXAMPLES} (shared/ is not beside the repository)"
    return source, [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def compare_libraries() -> dict[str, Any]:
    """Time CONDITION in each library, and say what each does with a typo."""
    results: dict[str, Any] = {}

    case = read_case(
        {
            "event": "turn_65",
            "subjects": ["p1"],
            "household": [
                {
                    "id": "p1",
                    "relationship": "世帯主",
                    "sex": "F",
                    "nationality": "日本",
                    **MEMBER,
                }
            ],
        }  # fmt: skip
    )
    scope = build_scope(case)
    scope.member = scope.household[0]
    condition = compile_condition(CONDITION, member_in_scope=True)
    assert condition.evaluate(scope) is True
    try:
        compile_condition(TYPO, member_in_scope=True)
        typo = "accepted"
    except ValueError as error:
        typo = f"refused when the pack loads: {error}"
    results["madoguchi"] = {
        "us": best(lambda: condition.evaluate(scope), 20000) * 1e6,
        "typo": typo,
    }

    try:
        import rule_engine
    except ImportError:
        results["rule-engine"] = None
    else:
        rule = rule_engine.Rule(CONDITION)
        context = {"member": MEMBER}
        assert rule.matches(context)
        try:
            rule_engine.Rule(TYPO).matches({"member": MEMBER})
            typo = "silently false"
        except rule_engine.errors.EngineError as error:
            typo = f"{type(error).__name__} when evaluated: {error}"
        results["rule-engine"] = {
            "us": best(lambda: rule.matches(context), 500) * 1e6,
            "typo": typo,
        }

    try:
        import celpy
    except ImportError:
        results["cel-python"] = None
    else:
        environment = celpy.Environment()
        cel_text = CONDITION.replace(" and not ", " && !").replace(" and ", " && ")
        program = environment.program(environment.compile(cel_text))
        activation = {"member": celpy.json_to_cel(MEMBER)}
        assert program.evaluate(activation)
        typo_program = environment.program(environment.compile(TYPO))
        try:
            outcome = typo_program.evaluate(activation)
            typo = f"returns {outcome!r} when evaluated"
        except Exception as error:  # noqa: BLE001 - recorded, whatever it is
            typo = f"{type(error).__name__} when evaluated: {error}"
        results["cel-python"] = {
            "us": best(lambda: program.evaluate(activation), 500) * 1e6,
            "typo": typo,
        }

    try:
        from json_logic import jsonLogic
    except ImportError:
        results["JSON Logic"] = None
    else:
        logic = {
            "and": [
                {">=": [{"var": "member.age"}, 65]},
                {"==": [{"var": "member.health_insurance"}, "国保"]},
                {"!": {"var": "member.flags.has_mynumber_card"}},
            ]
        }
        data = {"member": MEMBER}
        assert jsonLogic(logic, data)
        outcome = jsonLogic({"==": [{"var": "member.pension_type"}, "1号"]}, data)
        results["JSON Logic"] = {
            "us": best(lambda: jsonLogic(logic, data), 5000) * 1e6,
            "typo": f"silently {json.dumps(outcome)}",
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, default=Path(settings.MADOGUCHI_PACK_DIR))
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    options = parser.parse_args()

    started = timeit.default_timer()
    catalogue = read_catalogue(options.pack)
    first_load = timeit.default_timer() - started
    load = best(lambda: read_catalogue(options.pack), 1, repeat=5)
    source, documents = examples()
    cases = [read_case(document) for document in documents]
    five = read_case(FAMILY_OF_FIVE)

    full = best(lambda: [navigate(d, options.pack) for d in documents], 50)
    engine = best(lambda: [answer_case(c, catalogue) for c in cases], 50)
    validate = best(lambda: [read_case(d) for d in documents], 50)
    family = best(lambda: answer_case(five, catalogue), 500)
    listed = len(answer_case(five, catalogue).procedures)
    per_case = full / len(documents)

    print(f"\nnavigator on one core ({platform.python_implementation()} "
          f"{platform.python_version()}), pack {options.pack}")  # fmt: skip
    print(f"  pack load ({len(catalogue.procedures)} procedures, questions, "
          f"calendar): {first_load * 1000:.0f} ms the first time, "
          f"{load * 1000:.0f} ms again")  # fmt: skip
    print(f"  case files: {len(documents)} from {source}")
    print(f"  case files per second (check + answer): {1 / per_case:,.0f}")
    print(f"  µs per case file: check {validate / len(documents) * 1e6:.0f}, "
          f"answer {engine / len(documents) * 1e6:.0f}, "
          f"both {per_case * 1e6:.0f}")  # fmt: skip
    print(f"  a family of five moving in: {family * 1e6:.0f} µs an answer "
          f"({listed} procedures listed)")  # fmt: skip

    libraries = compare_libraries()
    print(f"\none three-clause condition: {CONDITION}")
    print(f"{'library':<14}{'µs':>10}  a typo ({TYPO})")
    for name, result in libraries.items():
        if result is None:
            print(
                f"{name:<14}{'skipped':>10}  not installed (pip install it to compare)"
            )
            continue
        print(f"{name:<14}{result['us']:>10.2f}  {result['typo']}")

    report = {
        "pack": str(options.pack),
        "pack_first_load_ms": first_load * 1000,
        "pack_load_ms": load * 1000,
        "case_files": len(documents),
        "case_files_per_second": 1 / per_case,
        "us_per_case_file": per_case * 1e6,
        "us_per_answer": engine / len(documents) * 1e6,
        "us_per_check": validate / len(documents) * 1e6,
        "family_of_five_us": family * 1e6,
        "libraries": libraries,
    }
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "navigator.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
