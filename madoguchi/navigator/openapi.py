"""The OpenAPI 3.1 document of the navigator's API.

The request schema is the bundled case file schema itself, its ``$defs``
moved under ``components/schemas``, so that the API and the command line can
never disagree about what a case file is.
"""

from __future__ import annotations

import copy
from typing import Any

from madoguchi.navigator.facts import case_file_schema

_DEFINITIONS = {
    "member": "CaseFileMember",
    "details": "CaseFileDetails",
    "address": "CaseFileAddress",
}
_DAY = {"type": ["string", "null"], "format": "date"}

_PROCEDURE = {
    "type": "object",
    "required": [
        "code",
        "name",
        "members",
        "department",
        "deadline",
        "necessity",
        "reason",
    ],
    "properties": {
        "code": {"type": "string", "description": "domain/procedures.md のコード"},
        "name": {"type": "string", "description": "パックでの手続の名前"},
        "members": {"type": "array", "items": {"type": "string"}},
        "department": {
            "type": "string",
            "description": "担当課の名前、または市役所の外の手続先",
        },
        "deadline": {
            **_DAY,
            "description": "閉庁日を避けた期限。計算できないときは null",
        },
        "necessity": {"enum": ["must", "may"]},
        "reason": {"type": "string"},
        "counter": {
            "type": ["object", "null"],
            "properties": {
                "code": {"type": "string"},
                "number": {"type": "string"},
                "name": {"type": "string"},
                "floor": {"type": "string"},
            },
        },
        "outside": {"type": "boolean"},
        "deadline_rule": {"type": ["string", "null"]},
        "necessity_by_member": {
            "type": "object",
            "additionalProperties": {"enum": ["must", "may"]},
        },
        "bring": {"type": "array", "items": {"type": "string"}},
        "note": {"type": "string"},
        "depends_on": {
            "type": "array",
            "items": {"type": "string"},
            "description": "分かれば必須かどうかが決まる未入力の項目",
        },
    },
}
_MISSING = {
    "type": "object",
    "required": ["field", "question", "answers"],
    "properties": {
        "field": {
            "type": "string",
            "description": "事案ファイルの中の場所(details.same_prefecture、household[1].nationality)",
        },
        "member": {"type": "string"},
        "question": {"type": "string"},
        "answers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["value", "label"],
                "properties": {"value": {}, "label": {"type": "string"}},
            },
        },
    },
}
_ANSWER = {
    "type": "object",
    "required": ["procedures", "missing"],
    "properties": {
        "procedures": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Procedure"},
        },
        "missing": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/MissingFact"},
        },
        "notices": {"type": "array", "items": {"type": "string"}},
    },
}
_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "message"],
                "properties": {
                    "path": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        }
    },
}


def openapi_document(
    session_cookie: str = "sessionid", csrf_header: str = "X-CSRFToken"
) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of ``POST /api/navi``."""
    schema = copy.deepcopy(case_file_schema())
    definitions = schema.pop("$defs")
    schema.pop("$schema", None)
    schemas: dict[str, Any] = {"CaseFile": _moved(schema)}
    for name, definition in definitions.items():
        schemas[_DEFINITIONS[name]] = _moved(definition)
    schemas |= {
        "Answer": _ANSWER,
        "Procedure": _PROCEDURE,
        "MissingFact": _MISSING,
        "Errors": _ERRORS,
    }

    def errors(description: str) -> dict[str, Any]:
        return {
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}
            },
        }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "madoguchi 手続ナビ API",
            "version": "1",
            "description": (
                "事案ファイル(domain/case-file.md)を送ると、その世帯がする手続を"
                "理由・期限・窓口とともに返します。職員のログインセッションで呼び出し、"
                f"POST には CSRF トークンを {csrf_header} ヘッダーで付けます。"
            ),
        },
        "paths": {
            "/api/navi": {
                "post": {
                    "operationId": "navigate",
                    "summary": "事案ファイルから手続を案内する",
                    "description": (
                        '本文は事案ファイルそのもの。例のファイル({"case": {…}} の形)も'
                        "受け付け、その case を使います。"
                    ),
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CaseFile"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "手続の一覧と、まだ分からない事実",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Answer"}
                                }
                            },
                        },
                        "400": errors("事案ファイルの誤り(すべて、項目の場所つき)"),
                        "403": {"description": "CSRF トークンがない、または違う"},
                        "500": errors("自治体パックの誤り"),
                    },
                }
            }
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": session_cookie},
                "csrf": {"type": "apiKey", "in": "header", "name": csrf_header},
            },
        },
        "security": [{"session": [], "csrf": []}],
    }


def _moved(schema: Any) -> Any:
    """Point ``#/$defs/x`` references at their place under components."""
    if isinstance(schema, dict):
        moved = {key: _moved(value) for key, value in schema.items()}
        reference = moved.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            name = _DEFINITIONS[reference.removeprefix("#/$defs/")]
            moved["$ref"] = f"#/components/schemas/{name}"
        return moved
    if isinstance(schema, list):
        return [_moved(value) for value in schema]
    return schema
