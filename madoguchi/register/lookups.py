"""A prefix lookup that one ordinary index answers on SQLite and PostgreSQL.

Django's ``startswith`` compiles to ``LIKE``, which SQLite's planner will not
answer from an ordinary index and which PostgreSQL answers only from a
pattern index that cannot sort. A range on code points does both, because
the columns it is used on compare by code point (``fields.CodePointOrder``).
"""

from typing import Any

from django.db.models import CharField, Lookup

_TOP = "\U0010ffff"


@CharField.register_lookup
class KeyPrefix(Lookup):  # type: ignore[type-arg]
    lookup_name = "prefix"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = self.rhs
        return f"({lhs} >= %s AND {lhs} < %s)", [
            *lhs_params,
            prefix,
            *lhs_params,
            prefix + _TOP,
        ]
