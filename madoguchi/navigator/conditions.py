"""The condition language of a pack, compiled into a tree of closures.

A condition is a Python-like expression such as::

    member.health_insurance not in ("社保", "共済", "後期") and member.age < 75

``ast.parse`` reads it into a syntax tree, nothing more: only the node kinds
listed below are accepted, every name and field is checked against the case
file schema, and the tree is translated into nested Python closures. Nothing
is ever passed to ``eval``, ``exec`` or ``compile``.

Accepted: ``and``, ``or``, ``not``; ``== != < <= > >= in not in`` (chained
too); strings, numbers, ``true``/``false``/``null`` (or True/False/None);
tuples and lists of those; the names of the scope and field access on them;
``any(...)``, ``all(...)`` and ``count(...)`` over one generator with an
optional ``if``, iterating ``household``, ``subjects``, ``others`` or
``children``.

Facts the case file does not give are UNKNOWN, and the logic is Kleene's:
``false and unknown`` is false, ``true or unknown`` is true, and anything
else involving an unknown is unknown. An unknown value carries the facts it
came from, so that the navigator asks exactly for those.
"""

from __future__ import annotations

import ast
import difflib
import functools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from madoguchi.navigator import logic
from madoguchi.navigator.facts import (
    FactType,
    detail_facts,
    event_type,
    flags,
    member_facts,
)
from madoguchi.navigator.logic import Evaluate, Scope, Truth


class ConditionError(ValueError):
    """A mistake in a condition: the column (1-based) and the reason."""

    def __init__(self, column: int, reason: str) -> None:
        self.column = column
        self.reason = reason
        super().__init__(f"{column}文字目: {reason}")


@dataclass(frozen=True)
class Condition:
    """A compiled condition: its text and its closure."""

    text: str
    evaluate: Callable[[Scope], Truth]
    # True or False when the condition does not depend on the case at all.
    constant: bool | None = None


# The types the compiler tracks beyond the schema's own facts.
_ValueKind = Literal[
    "bool", "number", "string", "list", "null", "tuple", "member", "members"
]


@dataclass(frozen=True)
class _Type:
    kind: _ValueKind | Literal["details", "flags"]
    values: tuple[Any, ...] | None = None
    nullable: bool = False
    name: str = ""
    literal: bool = False

    @classmethod
    def of_fact(cls, fact: FactType, name: str) -> _Type:
        return cls(fact.kind, fact.values, fact.nullable, name)


_NOT_A_LITERAL = object()
_BOOL = _Type("bool")
_NUMBER = _Type("number")
_LISTS = ("household", "subjects", "others", "children")
_FUNCTIONS = ("any", "all", "count")
_CONSTANTS = {"true": True, "false": False, "null": None}
_RESERVED = frozenset(
    {"event", "details", "member", "head", *_LISTS, *_FUNCTIONS, *_CONSTANTS}
)
_KIND_LABELS = {
    "bool": "真偽値",
    "number": "数値",
    "string": "文字列",
    "list": "リスト",
    "null": "null",
    "tuple": "値の並び",
    "member": "世帯員",
    "members": "世帯員の並び",
    "details": "details",
    "flags": "flags",
}
_DISALLOWED = {
    ast.BinOp: "計算(+ - * / など)",
    ast.Subscript: "添字([ ])",
    ast.IfExp: "条件式(x if c else y)",
    ast.Lambda: "lambda",
    ast.Dict: "辞書({ })",
    ast.Set: "集合({ })",
    ast.ListComp: "リスト内包表記",
    ast.SetComp: "集合内包表記",
    ast.DictComp: "辞書内包表記",
    ast.GeneratorExp: "any/all/count の外のジェネレータ式",
    ast.NamedExpr: "代入(:=)",
    ast.Starred: "*",
    ast.JoinedStr: "f文字列",
    ast.Await: "await",
    ast.Slice: "スライス",
}
_ORDER = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
          ast.GtE: operator.ge}  # fmt: skip
_OPERATOR_TEXT = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=",
                  ast.Gt: ">", ast.GtE: ">=", ast.In: "in", ast.NotIn: "not in",
                  ast.Is: "is", ast.IsNot: "is not"}  # fmt: skip


def compile_condition(
    text: str, *, member_in_scope: bool, event: str | None = None
) -> Condition:
    """Compile a condition; raise ConditionError naming the column and rule.

    Given an ``event``, the condition is compiled for that event alone:
    ``event`` is a constant and every part it settles is folded away, so
    that ``event == "birth" and …`` costs nothing for a move.
    """
    # YAML may fold a long condition over lines; the language has no use for
    # line breaks, and one line keeps every column meaningful.
    line = " ".join(text.split("\n")).strip()
    if not line:
        raise ConditionError(1, "条件が空です")
    tree = _parse(line)

    compiler = _Compiler(line, member_in_scope, event)
    evaluate, kind = compiler.compile(tree.body)
    if kind.kind != "bool":
        raise ConditionError(
            1,
            f"条件は真偽値(true/false)になる式である必要があります({_KIND_LABELS[kind.kind]}になっています)",
        )
    constant = compiler.constants.get(evaluate, _NOT_A_LITERAL)
    return Condition(
        text,
        evaluate,
        None if constant is _NOT_A_LITERAL else constant,
    )


@functools.lru_cache(maxsize=4096)
def _parse(line: str) -> ast.Expression:
    """Parse a condition once, however many events it is compiled for."""
    try:
        return ast.parse(line, mode="eval")
    except SyntaxError as error:
        raise _syntax_error(line, error) from None


def _syntax_error(line: str, error: SyntaxError) -> ConditionError:
    """Say in Japanese where and why a condition is not an expression."""
    message = error.msg or ""
    if "was never closed" in message:
        return ConditionError(error.offset or 1, "閉じていない括弧があります")
    if "unterminated string" in message:
        return ConditionError(error.offset or 1, "文字列の引用符が閉じていません")
    if not error.offset or error.offset > len(line):
        return ConditionError(
            len(line) + 1,
            "式が途中で終わっています(and・or・比較の後ろに続きが必要です)",
        )
    return ConditionError(
        error.offset,
        "式として読めません(演算子の誤り、= と == の取り違え、括弧の過不足など)",
    )


class _Compiler:
    """Translate one syntax tree into closures, checking names and types."""

    def __init__(self, text: str, member_in_scope: bool, event: str | None) -> None:
        self.encoded = text.encode("utf-8")
        self.member_in_scope = member_in_scope
        self.event = event
        # The value of each closure that does not depend on the case.
        self.constants: dict[Evaluate, Any] = {}
        self.loop_names: list[str] = []
        # The field each reading closure reads, so that a comparison of a
        # field with a literal compiles into one closure instead of three.
        self.fields: dict[Evaluate, tuple[str, str]] = {}

    def column(self, node: ast.AST, end: bool = False, back: int = 0) -> int:
        """Return the 1-based character column of a node (ast counts bytes)."""
        offset = getattr(node, "end_col_offset" if end else "col_offset", 0) or 0
        return len(self.encoded[:offset].decode("utf-8", errors="ignore")) + 1 - back

    def const(self, value: Any) -> Evaluate:
        """Return a closure of a constant value, remembered for folding."""
        evaluate: Evaluate = lambda scope: value  # noqa: E731
        self.constants[evaluate] = value
        return evaluate

    def fold(self, word: str, parts: tuple[Evaluate, ...]) -> Evaluate:
        """Combine parts with and/or, dropping those a constant settles."""
        settles, neutral = (False, True) if word == "and" else (True, False)
        kept = []
        for part in parts:
            value = self.constants.get(part, _NOT_A_LITERAL)
            if value is settles:
                return self.const(settles)
            if value is not neutral:
                kept.append(part)
        if not kept:
            return self.const(neutral)
        if len(kept) == 1:
            return kept[0]
        return logic.all_of(tuple(kept)) if word == "and" else logic.any_of(tuple(kept))

    def fail(self, node: ast.AST, reason: str) -> ConditionError:
        return ConditionError(self.column(node), reason)

    def compile(self, node: ast.AST) -> tuple[Evaluate, _Type]:
        if isinstance(node, ast.BoolOp):
            return self.bool_op(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Tuple | ast.List):
            return self.sequence(node)
        what = _DISALLOWED.get(type(node), type(node).__name__)
        raise self.fail(node, f"{what} は条件には使えません")

    def truth(self, node: ast.AST, role: str) -> Evaluate:
        """Compile a node that must be true or false."""
        evaluate, kind = self.compile(node)
        if kind.kind != "bool":
            raise self.fail(
                node,
                f"{role}は真偽値(true/false)である必要があります"
                f"({_describe(kind)}になっています)",
            )
        return evaluate

    def bool_op(self, node: ast.BoolOp) -> tuple[Evaluate, _Type]:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = tuple(self.truth(value, f"{word} の両辺") for value in node.values)
        return self.fold(word, parts), _BOOL

    def unary(self, node: ast.UnaryOp) -> tuple[Evaluate, _Type]:
        if isinstance(node.op, ast.Not):
            inner = self.truth(node.operand, "not の後ろ")
            if inner in self.constants:
                return self.const(not self.constants[inner]), _BOOL
            return logic.negate(inner), _BOOL
        value = self.literal_value(node)
        if value is not _NOT_A_LITERAL:
            return self.const(value), _Type("number", (value,), literal=True)
        raise self.fail(node, "使える演算子は and, or, not と比較だけです")

    def constant(self, node: ast.Constant) -> tuple[Evaluate, _Type]:
        value = node.value
        kind = _kind_of_value(value)
        if kind is None:
            raise self.fail(node, f"{value!r} は値として使えません")
        return self.const(value), _Type(kind, (value,), literal=True)

    def literal_value(self, node: ast.AST) -> Any:
        """Return the constant a literal node stands for, or _NOT_A_LITERAL."""
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, int | float)
            and not isinstance(node.operand.value, bool)
        ):
            return -node.operand.value
        return _NOT_A_LITERAL

    def sequence(self, node: ast.Tuple | ast.List) -> tuple[Evaluate, _Type]:
        values: list[Any] = []
        for element in node.elts:
            value = self.literal_value(element)
            if value is _NOT_A_LITERAL or _kind_of_value(value) is None:
                raise self.fail(
                    element,
                    "( ) や [ ] の中に書けるのは値"
                    "(文字列・数値・true/false/null)だけです",
                )
            values.append(value)
        frozen = tuple(values)
        return self.const(frozen), _Type("tuple", frozen, literal=True)

    def name(self, node: ast.Name) -> tuple[Evaluate, _Type]:
        name = node.id
        if name in _CONSTANTS:
            value = _CONSTANTS[name]
            kind: _ValueKind = "null" if value is None else "bool"
            return self.const(value), _Type(kind, (value,), literal=True)
        if name == "event":
            kind_of_event = _Type.of_fact(event_type(), "event")
            if self.event is not None:
                return self.const(self.event), kind_of_event
            read: Evaluate = lambda scope: scope.event  # noqa: E731
            self.fields[read] = ("event", "")
            return read, kind_of_event
        if name in ("details", "member", "head") or name in self.loop_names:
            raise self.fail(
                node,
                f"{name} だけでは使えません。{_example(name)} のように項目まで書いてください",
            )
        if name in _LISTS:
            raise self.fail(
                node,
                f"{name} は any(...)、all(...)、count(...) の中で "
                f"「for m in {name}」として使います",
            )
        raise self.fail(node, _unknown_name(name, self.loop_names))

    def check_member(self, node: ast.Name) -> None:
        """Refuse a name that does not stand for a member here."""
        name = node.id
        if name == "member" and not self.member_in_scope:
            raise self.fail(
                node,
                "for: once の手続の条件では member は使えません"
                "(世帯員ごとに判定するには for: subjects か household にします)",
            )
        if name not in ("member", "head") and name not in self.loop_names:
            raise self.fail(node, _unknown_name(name, self.loop_names))

    def attribute(self, node: ast.Attribute) -> tuple[Evaluate, _Type]:
        chain: list[ast.Attribute] = []
        base: ast.AST = node
        while isinstance(base, ast.Attribute):
            chain.append(base)
            base = base.value
        chain.reverse()
        if not isinstance(base, ast.Name):
            self.compile(base)  # a node not allowed at all says so first
            raise self.fail(
                base, "項目は details.… や member.… のように名前から書きます"
            )
        names = [part.attr for part in chain]

        if base.id == "details":
            return self.detail(chain, names)
        if base.id == "event":
            raise self.fail(
                chain[0],
                'event には項目がありません(event == "move_in" のように比べます)',
            )
        if base.id in _LISTS:
            raise self.fail(
                base, f"{base.id} は any(...)、all(...)、count(...) の中で使います"
            )
        self.check_member(base)
        return self.member_field(chain, names, base.id)

    def detail(
        self, chain: list[ast.Attribute], names: list[str]
    ) -> tuple[Evaluate, _Type]:
        known = detail_facts()
        name = names[0]
        if name not in known:
            raise self.attribute_error(chain[0], name, "details", known)
        if len(names) > 1:
            raise self.attribute_error(chain[1], names[1], f"details.{name}", {})
        read: Evaluate = lambda scope: scope.details[name]  # noqa: E731
        self.fields[read] = ("details", name)
        return read, _Type.of_fact(known[name], f"details.{name}")

    def member_field(
        self,
        chain: list[ast.Attribute],
        names: list[str],
        base: str,
    ) -> tuple[Evaluate, _Type]:
        known = member_facts()
        if names[0] == "flags":
            if len(names) == 1:
                raise self.fail(
                    chain[0],
                    "flags だけでは使えません。flags.has_mynumber_card のように書いてください",
                )
            if names[1] not in flags():
                raise self.attribute_error(
                    chain[1], names[1], "flags", dict.fromkeys(flags())
                )
            key, rest = f"flags.{names[1]}", chain[2:]
        else:
            if names[0] not in known:
                raise self.attribute_error(chain[0], names[0], "世帯員", known)
            key, rest = names[0], chain[1:]
        if rest:
            raise self.attribute_error(rest[0], rest[0].attr, f"{base}.{key}", {})
        read = logic.member_reader(base, key)
        self.fields[read] = (base, key)
        return read, _Type.of_fact(known[key], f"{base}.{key}")

    def attribute_error(
        self, node: ast.Attribute, name: str, owner: str, known: Iterable[str]
    ) -> ConditionError:
        """Say that ``owner`` has no field ``name``, suggesting a near one."""
        column = self.column(node, end=True, back=len(name))
        if owner not in ("世帯員", "flags", "details"):
            return ConditionError(column, f"{owner} には項目 '{name}' はありません")
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"({close[0]} のことですか?)" if close else ""
        owner = owner if owner == "世帯員" else f" {owner} "
        return ConditionError(column, f"'{name}' は{owner}の項目にありません{hint}")

    def call(self, node: ast.Call) -> tuple[Evaluate, _Type]:
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            shown = node.func.id if isinstance(node.func, ast.Name) else "その関数"
            raise self.fail(
                node, f"関数 {shown} は使えません(使えるのは any, all, count)"
            )
        function = node.func.id
        usage = f"{function}(<条件> for m in household) の形で書きます"
        if node.keywords or len(node.args) != 1:
            raise self.fail(node, usage)
        generator = node.args[0]
        if (
            not isinstance(generator, ast.GeneratorExp)
            or len(generator.generators) != 1
        ):
            raise self.fail(node, usage)
        loop = generator.generators[0]
        if loop.is_async or len(loop.ifs) > 1 or not isinstance(loop.target, ast.Name):
            raise self.fail(loop.target, usage + "(for は1つ、if は1つまで)")
        variable = loop.target.id
        if variable in _RESERVED or variable in self.loop_names:
            raise self.fail(
                loop.target,
                f"'{variable}' は使われている名前なので、ループの変数には m などを使ってください",
            )
        if not isinstance(loop.iter, ast.Name) or loop.iter.id not in _LISTS:
            raise self.fail(loop.iter, f"for で回せるのは {', '.join(_LISTS)} です")

        source = logic.members_of(loop.iter.id)
        self.loop_names.append(variable)
        try:
            body = self.truth(generator.elt, f"{function}(...) の条件")
            test = self.truth(loop.ifs[0], "if の条件") if loop.ifs else None
        finally:
            self.loop_names.pop()
        if function == "any":
            return logic.any_member(source, variable, body, test), _BOOL
        if function == "all":
            return logic.all_members(source, variable, body, test), _BOOL
        return logic.count_members(source, variable, body, test), _NUMBER

    def compare(self, node: ast.Compare) -> tuple[Evaluate, _Type]:
        operands = [node.left, *node.comparators]
        compiled = [self.compile(operand) for operand in operands]
        pairs: list[Evaluate] = []
        for index, op in enumerate(node.ops):
            left, right = compiled[index], compiled[index + 1]
            pairs.append(
                self.pair(op, left, right, operands[index], operands[index + 1])
            )
        return self.fold("and", tuple(pairs)), _BOOL

    def pair(
        self,
        op: ast.cmpop,
        left: tuple[Evaluate, _Type],
        right: tuple[Evaluate, _Type],
        left_node: ast.AST,
        right_node: ast.AST,
    ) -> Evaluate:
        """Compile one comparison of a (possibly chained) comparison."""
        (left_eval, left_type), (right_eval, right_type) = left, right
        text = _OPERATOR_TEXT.get(type(op), "?")
        for side, node in ((left_type, left_node), (right_type, right_node)):
            if side.kind in ("member", "members", "details", "flags"):
                raise self.fail(
                    node,
                    f"{_KIND_LABELS[side.kind]}そのものは比べられません。項目(m.id など)を比べてください",
                )
        if isinstance(op, ast.Is | ast.IsNot):
            raise self.fail(
                right_node, f"'{text}' は使えません(== か != を使ってください)"
            )

        if isinstance(op, ast.In | ast.NotIn):
            self.check_membership(left_type, right_type, left_node, right_node, text)
        elif isinstance(op, ast.Eq | ast.NotEq):
            self.check_equality(left_type, right_type, left_node, right_node, text)
        else:
            for side, node in ((left_type, left_node), (right_type, right_node)):
                if side.kind != "number":
                    raise self.fail(
                        node,
                        f"'{text}' で比べられるのは数値だけです({_describe(side)}になっています)",
                    )
        if right_type.literal and left_eval in self.constants:
            negate = isinstance(op, ast.NotIn)
            test = logic.TESTS[ast.In if negate else type(op)](right_type.values or ())
            result = test(self.constants[left_eval])
            return self.const(not result if negate else result)
        field = self.fields.get(left_eval)
        if field is not None and right_type.literal:
            return logic.field_test(field, op, right_type.values or ())

        if isinstance(op, ast.In | ast.NotIn):
            if right_type.kind == "tuple":
                contained = logic.contains_literal(
                    left_eval, frozenset(right_type.values or ())
                )
            else:
                contained = logic.contains(left_eval, right_eval)
            return logic.negate(contained) if isinstance(op, ast.NotIn) else contained

        if isinstance(op, ast.Eq | ast.NotEq):
            equal = logic.equal(left_eval, right_eval)
            return logic.negate(equal) if isinstance(op, ast.NotEq) else equal
        return logic.order(_ORDER[type(op)], left_eval, right_eval)

    def check_equality(
        self,
        left: _Type,
        right: _Type,
        left_node: ast.AST,
        right_node: ast.AST,
        text: str,
    ) -> None:
        if left.kind == "tuple" or right.kind == "tuple":
            node = left_node if left.kind == "tuple" else right_node
            raise self.fail(
                node, f"値の並びと '{text}' では比べられません(in を使ってください)"
            )
        for field_type, other, other_node in (
            (left, right, right_node),
            (right, left, left_node),
        ):
            if other.kind == "null":
                if (
                    not field_type.nullable
                    and not field_type.literal
                    and field_type.kind != "null"
                ):
                    raise self.fail(
                        other_node, f"{field_type.name} は null になりません"
                    )
                return
        if left.kind != right.kind:
            raise self.fail(
                right_node,
                f"{_describe(left)}と{_describe(right)}は比べられません",
            )
        self.check_literal(left, right, right_node)
        self.check_literal(right, left, left_node)

    def check_membership(
        self,
        left: _Type,
        right: _Type,
        left_node: ast.AST,
        right_node: ast.AST,
        text: str,
    ) -> None:
        if right.kind == "tuple":
            if left.kind not in ("string", "number", "bool"):
                raise self.fail(
                    left_node,
                    f"'{text}' の左には値か項目を書きます({_describe(left)}になっています)",
                )
            for value in right.values or ():
                kind = _kind_of_value(value) or "null"
                if kind == "null":
                    if not left.nullable:
                        raise self.fail(
                            right_node, f"{left.name or '左辺'} は null になりません"
                        )
                    continue
                if kind != left.kind:
                    raise self.fail(
                        right_node,
                        f"{_describe(left)}と{_KIND_LABELS[kind]} {value!r} は比べられません",
                    )
                self.check_literal(
                    left, _Type(kind, (value,), literal=True), right_node
                )
            return
        if right.kind == "list":
            if left.kind != "string":
                raise self.fail(
                    left_node,
                    f"{right.name} の要素は文字列です({_describe(left)}になっています)",
                )
            return
        raise self.fail(
            right_node,
            f"'{text}' の右には値の並び ( … ) か リストの項目を書きます({_describe(right)}になっています)",
        )

    def check_literal(self, field_type: _Type, other: _Type, node: ast.AST) -> None:
        """Reject a literal that is not one of an enum field's values."""
        if not other.literal or field_type.values is None or field_type.literal:
            return
        for value in other.values or ():
            if value is not None and value not in field_type.values:
                allowed = ", ".join(str(v) for v in field_type.values)
                raise self.fail(
                    node,
                    f"{value!r} は {field_type.name} の値にありません(選べるのは {allowed})",
                )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _kind_of_value(value: object) -> _ValueKind | None:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    return None


def _describe(kind: _Type) -> str:
    label = _KIND_LABELS[kind.kind]
    return f"{kind.name}({label})" if kind.name else label


def _example(name: str) -> str:
    if name == "details":
        return "details.same_prefecture"
    return f"{name}.age"


def _unknown_name(name: str, loop_names: list[str]) -> str:
    known = ["event", "details", "member", "head", *_LISTS, *loop_names]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"({close[0]} のことですか?)" if close else ""
    return f"'{name}' という名前はありません{hint}"
