"""Write an answer, or the reasoning behind it, as a clerk reads it.

The text is Japanese: each procedure with 必須 or 任意, the members it
concerns, its deadline in 和暦, the counter and the reason; then the
questions still open. The explanation shows every procedure of the event,
listed or left out, with its conditions and what they gave for each member.
"""

from __future__ import annotations

from typing import Any

from madoguchi.japanese.wareki import wareki_day
from madoguchi.navigator.answer import Answer, ListedProcedure, MissingFact
from madoguchi.navigator.casefile import CaseFile
from madoguchi.navigator.evaluation import Explanation
from madoguchi.navigator.facts import EVENT_LABELS
from madoguchi.navigator.logic import Truth, Unknown

NECESSITY_LABELS = {"must": "必須", "may": "任意"}


def render_answer(answer: Answer, case: CaseFile) -> str:
    """Return the answer as the clerk's text."""
    lines = _heading(case)
    musts = len(answer.codes("must"))
    lines.append(
        f"手続 {len(answer.procedures)}件"
        f"(必須 {musts}、任意 {len(answer.procedures) - musts})"
    )
    for procedure in answer.procedures:
        lines.append("")
        lines.extend(_procedure(procedure, case))

    if answer.missing:
        lines += ["", f"確認が必要なこと {len(answer.missing)}件"]
        lines.extend(_question(fact, case) for fact in answer.missing)
    if answer.notices:
        lines += ["", "お知らせ"]
        lines.extend(f"  ・{notice}" for notice in answer.notices)
    return "\n".join(lines) + "\n"


def _heading(case: CaseFile) -> list[str]:
    subjects = "、".join(case.display_name(s) for s in case.subjects)
    event_day = wareki_day(case.event_date) if case.event_date else "未入力"
    return [
        f"出来事: {EVENT_LABELS[case.event]}({case.event})"
        f"  世帯 {len(case.household)}人  対象者: {subjects}",
        f"出来事の日: {event_day}  来庁日: {wareki_day(case.visit_date)}",
        "",
    ]


def _procedure(procedure: ListedProcedure, case: CaseFile) -> list[str]:
    label = NECESSITY_LABELS[procedure.necessity]
    lines = [f"[{label}] {procedure.name}({procedure.code})"]
    if procedure.members:
        names = []
        for member, necessity in procedure.necessity_by_member or (
            (m, procedure.necessity) for m in procedure.members
        ):
            name = case.display_name(member)
            names.append(
                name
                if necessity == procedure.necessity
                else f"{name}〔{NECESSITY_LABELS[necessity]}〕"
            )
        lines.append(f"  対象者: {'、'.join(names)}")
    lines.append(f"  期限: {_deadline(procedure)}")
    lines.append(f"  窓口: {_place(procedure)}")
    if procedure.bring:
        lines.append(f"  持ち物: {'、'.join(procedure.bring)}")
    lines.append(f"  理由: {procedure.reason}")
    if procedure.depends_on:
        lines.append(
            f"  未確定: {'、'.join(procedure.depends_on)} が分かると必須かどうかが決まります"
        )
    if procedure.note:
        lines.append(f"  注記: {procedure.note}")
    return lines


def _deadline(procedure: ListedProcedure) -> str:
    if procedure.deadline_rule is None:
        return "なし"
    if procedure.deadline is None:
        return f"出来事の日が未入力のため未計算({procedure.deadline_rule})"
    return f"{wareki_day(procedure.deadline)}まで({procedure.deadline_rule})"


def _place(procedure: ListedProcedure) -> str:
    if procedure.outside:
        return f"市役所の外 — {procedure.department}"
    counter = procedure.counter
    if counter is None:
        return procedure.department
    return f"{procedure.department} {counter.number}番 {counter.name}({counter.floor})"


def _question(fact: MissingFact, case: CaseFile) -> str:
    who = f"{case.display_name(fact.member)}: " if fact.member else ""
    answers = " / ".join(label for _, label in fact.answers)
    choices = f"({answers})" if answers else ""
    return f"  ・{who}{fact.question}{choices} [{fact.field}]"


def render_explanation(explanations: list[Explanation], case: CaseFile) -> str:
    """Return every procedure of the event with what its conditions gave."""
    lines = _heading(case)
    lines.append(
        f"{EVENT_LABELS[case.event]}の手続 {len(explanations)}件を判定しました"
        "(○ 一覧に載せる、× 載せない)"
    )
    for explanation in explanations:
        procedure = explanation.procedure
        outcome = (
            NECESSITY_LABELS[explanation.necessity]
            if explanation.necessity
            else "対象外"
        )
        mark = "○" if explanation.necessity else "×"
        lines += [
            "",
            f"{mark} {procedure.name}({procedure.code}) → {outcome}"
            f"  [for: {procedure.concerns}]",
            f"    must: {_one_line(procedure.must.text)}",
            f"    may:  {_one_line(procedure.may.text)}",
        ]
        for verdict in explanation.verdicts:
            who = case.display_name(verdict.member) if verdict.member else "世帯"
            may = "" if verdict.may is None else f"  may={_truth(verdict.may)}"
            lines.append(f"      {who}: must={_truth(verdict.must)}{may}")
    return "\n".join(lines) + "\n"


def explanation_json(explanations: list[Explanation]) -> list[dict[str, Any]]:
    """Return the explanation as JSON, for ``navi --format json --explain``."""
    return [
        {
            "code": e.procedure.code,
            "name": e.procedure.name,
            "for": e.procedure.concerns,
            "must": _one_line(e.procedure.must.text),
            "may": _one_line(e.procedure.may.text),
            "necessity": e.necessity,
            "verdicts": [
                {
                    "member": v.member,
                    "must": _truth(v.must),
                    "may": None if v.may is None else _truth(v.may),
                }
                for v in e.verdicts
            ],
        }
        for e in explanations
    ]


def _truth(value: Truth) -> str:
    if isinstance(value, Unknown):
        return f"不明({', '.join(fact.path for fact in value.facts)})"
    return "true" if value else "false"


def _one_line(text: str) -> str:
    """Return a condition folded over lines in YAML as one line."""
    return " ".join(text.split())
