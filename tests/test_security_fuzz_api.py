"""schemathesis over every operation the OpenAPI document lists at run time, with a token.

Valid and invalid requests (positive and negative generation) for each operation; each answer
is checked for a server error and against the document (status code, content type, headers,
body schema). The document itself is validated first. The walk is deterministic (fixed seed)
and bounded: CASETRACK_FUZZ_EXAMPLES examples per operation and mode (20 by default: about 1,240
cases per backend, around a minute of CPU for SQLite and PostgreSQL together); ``make fuzz``
runs many more.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("CASETRACK_FUZZ_EXAMPLES", "20"))
SEED = int(os.environ.get("CASETRACK_FUZZ_SEED", "20261201"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
PROSECUTOR = "aigerim@kz-alm.example"


def test_openapi_document_is_valid(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "patch", "put", "delete"}:
                assert "default" in operation["responses"], f"{method} {path}: no error answer"


def test_every_operation_answers_within_its_document(app, api_as):
    token = api_as(PROSECUTOR).headers["Authorization"]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results]  # an operation it cannot read fails here
    assert len(operations) >= 31
    cases: Counter[str] = Counter()
    failures: list[str] = []

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, token, cases, failures)

    total = sum(cases.values())
    print(f"\nschemathesis: {total} cases over {len(operations)} operations")
    assert not failures, f"{len(failures)} of {total} cases failed:\n" + "\n".join(failures[:40])


def _fuzz(operation, mode, token: str, cases: Counter, failures: list[str]) -> None:
    """Run one operation's seeded examples in one mode, noting every failed check."""

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case):
        cases[operation.label] += 1
        response = case.call(headers={"Authorization": token})
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            titles = sorted({failure.title for failure in group.exceptions})
            failures.append(
                f"{operation.label} [{mode.value}] → {response.status_code}: "
                f"{'; '.join(titles)}\n    {case.as_curl_command()}"
            )

    fuzz()


@pytest.mark.parametrize("method", ["TRACE", "PUT"])
def test_unlisted_methods_answer_405_with_allow(api_as, method):
    api = api_as(PROSECUTOR)
    response = api.client.open("/api/v1/cases", method=method, headers=api.headers)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
