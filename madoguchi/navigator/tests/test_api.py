"""The JSON API, called from a signed-in staff session."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from madoguchi.navigator.tests.conftest import TINY_PACK, family
from madoguchi.staff.models import StaffUser

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_pack")]


@pytest.fixture
def test_pack() -> Any:
    with override_settings(MADOGUCHI_PACK_DIR=TINY_PACK):
        yield


def signed_in(user: StaffUser, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def post(client: Client, body: Any, **headers: str) -> Any:
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/navi", text, content_type="application/json", **headers)


def test_the_api_needs_a_sign_in() -> None:
    for response in (post(Client(), family()), Client().get("/api/openapi.json")):
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_a_case_file_is_answered(clerk: StaffUser) -> None:
    response = post(signed_in(clerk), family())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert [p["code"] for p in answer["procedures"]][:3] == [
        "jumin_tennyu",
        "mynumber_keizoku",
        "kokuho_kanyu",
    ]
    assert answer["procedures"][0]["department"] == "市民課"
    assert answer["missing"] == []
    assert "市民課" in response.content.decode()  # not escaped as \\u5e02


def test_an_example_file_is_answered_through_its_case(clerk: StaffUser) -> None:
    response = post(signed_in(clerk), {"id": "X", "case": family(), "must": []})

    assert response.status_code == 200


def test_a_bad_case_file_gets_every_error_by_path(clerk: StaffUser) -> None:
    case = family()
    case["household"][2]["pension"] = "4号"
    case["details"]["same_prefecturee"] = True

    response = post(signed_in(clerk), case)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "path": "household[2].pension",
                "message": "'4号' は選べません(選べるのは 1号, 2号, 3号, none)",
            },
            {
                "path": "details.same_prefecturee",
                "message": "'same_prefecturee' という項目はありません"
                "(same_prefecture のことですか?)",
            },
        ]
    }


def test_a_body_that_is_not_json_is_refused(clerk: StaffUser) -> None:
    response = post(signed_in(clerk), '{"event": "move_in",\n "subjects": [}')

    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"path": "", "message": "JSONとして読めません(2行目 15文字目)"}]
    }


def test_only_post_is_accepted(clerk: StaffUser) -> None:
    assert signed_in(clerk).get("/api/navi").status_code == 405


def test_a_post_without_the_csrf_token_is_refused(clerk: StaffUser) -> None:
    client = signed_in(clerk, csrf=True)

    assert post(client, family()).status_code == 403

    client.get("/login/")  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert post(client, family(), HTTP_X_CSRFTOKEN=token).status_code == 200


def test_a_broken_pack_is_the_server_s_error(clerk: StaffUser, tmp_path: Path) -> None:
    (tmp_path / "offices.yaml").write_text(
        (TINY_PACK / "offices.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "procedures.yaml").write_text(
        "procedures:\n  - code: jumin_tennyu\n", encoding="utf-8"
    )

    with override_settings(MADOGUCHI_PACK_DIR=tmp_path):
        response = post(signed_in(clerk), family())

    assert response.status_code == 500
    assert response.json()["errors"][0]["path"] == "pack"
    assert (
        "procedures.yaml:2: 手続 jumin_tennyu: 'name' がありません"
        in (response.json()["errors"][0]["message"])
    )


def _openapi(client: Client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def test_the_openapi_document_describes_the_api(clerk: StaffUser) -> None:
    document = _openapi(signed_in(clerk))

    assert document["openapi"] == "3.1.0"
    operation = document["paths"]["/api/navi"]["post"]
    assert set(operation["responses"]) == {"200", "400", "403", "500"}
    schemes = document["components"]["securitySchemes"]
    assert schemes["session"] == {"type": "apiKey", "in": "cookie", "name": "sessionid"}
    assert schemes["csrf"]["name"] == "X-CSRFToken"


def test_the_openapi_schemas_check_requests_and_answers(clerk: StaffUser) -> None:
    client = signed_in(clerk)
    document = _openapi(client)
    registry = Registry().with_resource("urn:api", Resource(document, DRAFT202012))

    def validator(name: str) -> Draft202012Validator:
        schema = {"$ref": f"urn:api#/components/schemas/{name}"}
        return Draft202012Validator(schema, registry=registry)

    case = family()
    assert not list(validator("CaseFile").iter_errors(case))
    bad = family()
    bad["household"][0]["pension"] = "4号"
    assert list(validator("CaseFile").iter_errors(bad))

    answer = post(client, case).json()
    assert not list(validator("Answer").iter_errors(answer))
    errors = post(client, bad).json()
    assert not list(validator("Errors").iter_errors(errors))
