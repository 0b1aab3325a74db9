"""Demo staff accounts: one per role, with passwords made on first use.

The passwords are random for each installation and kept in
``var/demo-accounts.txt`` (readable by its owner only) so that a second
``make demo`` can show them again.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from madoguchi.packs.models import Department
from madoguchi.staff.models import Role, StaffUser


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    last_name: str
    first_name: str
    department_code: str = ""


_ACCOUNTS = (
    ("uketsuke", Role.RECEPTION, "受付", "一郎", ""),
    ("madoguchi", Role.CLERK, "窓口", "花子", ""),
    ("hoken", Role.DEPARTMENT, "保険", "次郎", "hoken-nenkin"),
    ("kosodate", Role.DEPARTMENT, "子育", "三奈", "kosodate"),
    ("kantoku", Role.SUPERVISOR, "監督", "四郎", ""),
    ("kanri", Role.ADMINISTRATOR, "管理", "五月", ""),
)


def _read(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    pairs = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {fields[0]: fields[1] for fields in pairs if len(fields) >= 2}


def ensure_demo_accounts(path: Path) -> list[DemoAccount]:
    """Create any missing demo account and return all with their passwords."""
    known = _read(path)
    accounts = []
    for username, role, last_name, first_name, department_code in _ACCOUNTS:
        password = known.get(username) or secrets.token_urlsafe(9)
        user = StaffUser.objects.filter(username=username).first()
        if user is None or username not in known:
            user = user or StaffUser(username=username)
            user.role = role
            user.last_name = last_name
            user.first_name = first_name
            user.department = (
                Department.objects.get(code=department_code)
                if department_code
                else None
            )
            user.set_password(password)
            user.save()
        accounts.append(
            DemoAccount(
                username, password, role.label, last_name, first_name, department_code
            )
        )

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(f"{a.username}\t{a.password}\t{a.role}\n" for a in accounts),
        encoding="utf-8",
    )
    path.chmod(0o600)
    return accounts
