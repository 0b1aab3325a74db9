"""The navigator's JSON API, for the staff's own session.

Like every screen, the API needs a signed-in user (LoginRequiredMiddleware)
and a POST carries the CSRF token in the ``X-CSRFToken`` header.
"""

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.navigator.casefile import CaseFileError
from madoguchi.navigator.openapi import openapi_document
from madoguchi.navigator.service import navigate
from madoguchi.packs.reading import PackError, PackErrors

_JSON = {"ensure_ascii": False}


@require_POST
def navi(request: HttpRequest) -> JsonResponse:
    """Answer the case file in the request body with its procedures."""
    try:
        case = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        message = _("JSONとして読めません(%(line)s行目 %(column)s文字目)") % {
            "line": getattr(error, "lineno", 1),
            "column": getattr(error, "colno", 1),
        }
        return _errors(400, [("", message)])
    try:
        answer = navigate(case)
    except CaseFileError as error:
        return _errors(400, [(p.path, p.message) for p in error.problems])
    except PackError as error:
        # The pack is the municipality's own mistake, not the caller's.
        problems = error.problems if isinstance(error, PackErrors) else [error]
        return _errors(500, [("pack", str(problem)) for problem in problems])
    return JsonResponse(answer.as_json(), json_dumps_params=_JSON)


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """Return the OpenAPI 3.1 document of the navigator's API."""
    document = openapi_document(session_cookie=settings.SESSION_COOKIE_NAME)
    return JsonResponse(document, json_dumps_params=_JSON)


def _errors(status: int, problems: list[tuple[str, str]]) -> JsonResponse:
    errors = [{"path": path, "message": message} for path, message in problems]
    return JsonResponse({"errors": errors}, status=status, json_dumps_params=_JSON)
