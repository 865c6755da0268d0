"""schemathesis over every operation the OpenAPI document lists at run time, with a token.

The document itself is validated first. Then, for each operation (one test each, so that
parallel workers share them out), three kinds of request, every one sent to SQLite and to
PostgreSQL alike (generated once, answered twice):

- the coverage phase: schemathesis's deterministic cases from the schema's boundaries
  (each bound and one past it, each missing required field, each wrong type);
- CASETRACK_FUZZ_EXAMPLES valid requests (positive mode) and as many invalid ones (negative
  mode) drawn by hypothesis with a fixed seed (CASETRACK_FUZZ_SEED), 40 each by default.

Every answer is checked for a server error and against the document (status code, content
type, headers, body schema). Ids in paths are drawn at random and, for one case in four,
replaced by a record that exists (the user's own, or another office's), so that operations are
exercised past their 404 as well. ``make fuzz`` runs many more.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from casetrack import create_app
from casetrack.db import db
from tests.conftest import (
    BACKENDS,
    DIRECTORY,
    IN_CI,
    POSTGRES_URL,
    Backend,
    base_config,
    need,
)
from tests.factories import make_network, make_people

EXAMPLES = int(os.environ.get("CASETRACK_FUZZ_EXAMPLES", "40"))
SEED = int(os.environ.get("CASETRACK_FUZZ_SEED", "20261201"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _document_operations() -> list[str]:
    """The operations the document lists now (read from an application without a database)."""
    app = create_app(base_config("sqlite://"))
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    verbs = {"get", "post", "patch", "put", "delete"}
    return [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in verbs
    ]


OPERATIONS = _document_operations()


def test_openapi_document_is_valid(empty_app):
    document = empty_app.test_client().get("/api/v1/openapi.json").get_json()
    validate(document)
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "patch", "put", "delete"}:
                assert "default" in operation["responses"], f"{method} {path}: no error answer"


@dataclass
class Target:
    """One backend's application, the prosecutor's token there and its records' ids."""

    name: str
    app: object
    headers: dict[str, str]
    pools: dict[str, list[int]]


def _pools(app) -> dict[str, list[int]]:
    # Every record of each kind, the user's own and other offices' alike, in one order, so
    # that the same index names the same record on both backends.
    from casetrack import models as m

    tables = {
        "case_id": m.Case,
        "party_id": m.Party,
        "asset_id": m.Asset,
        "request_id": m.Request,
        "document_id": m.Document,
        "attachment_id": m.Attachment,
        "link_id": m.PartyLink,
    }
    with app.app_context():
        return {
            name: list(db.session.scalars(select(model.id).order_by(model.id)))
            for name, model in tables.items()
        }


@pytest.fixture(scope="module")
def targets(tmp_path_factory):
    """One application per backend for every operation this process fuzzes."""
    from casetrack.auth.services import issue_api_token
    from casetrack.models import User

    if IN_CI or POSTGRES_URL:
        need(bool(POSTGRES_URL), "CASETRACK_TEST_POSTGRES_URL is not set")
    names = BACKENDS if POSTGRES_URL else ["sqlite"]
    made = []
    try:
        for name in names:
            backend = Backend(name, tmp_path_factory.mktemp(f"fuzz-{name}"))
            url = backend.copy(DIRECTORY)
            app = create_app(base_config(url))
            with app.app_context():
                people = make_people(db.session)
                db.session.commit()
            make_network(app, people)
            with app.app_context():
                token = issue_api_token(db.session, db.session.get(User, people.almaty.id))
                db.session.commit()
            made.append((backend, url, app))
        yield [
            Target(backend.name, app, {"Authorization": f"Bearer {token}"}, _pools(app))
            for backend, _url, app in made
        ]
    finally:
        for backend, url, app in made:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            backend.drop(url)
            backend.close()


@pytest.fixture(scope="module")
def api_schema(targets):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", targets[0].app)
    # An operation schemathesis cannot read fails here.
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


def test_the_document_lists_every_operation(api_schema):
    assert sorted(api_schema) == sorted(OPERATIONS)
    assert len(OPERATIONS) >= 31


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_operation_answers_within_its_document(label, api_schema, targets):
    operation = api_schema[label]
    runs: Counter[str] = Counter()
    failures: list[str] = []
    send = _sender(targets, runs, failures)

    coverage = CoverageGenerator(
        operation=operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=operation.schema.config.generation_for(
            operation=operation, phase="coverage"
        ),
        auth_storage=None,
        override=Override(),
        feedback=FeedbackSources(),
    )
    for case in coverage:
        send(case, "coverage", ids=False)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        _fuzz(operation, mode, send)

    print(f"\n{label}: {dict(runs)} cases, each on {', '.join(t.name for t in targets)}")
    assert runs["coverage"] > 0 and runs["positive"] > 0 and runs["negative"] > 0
    assert not failures, f"{len(failures)} answers failed:\n" + "\n".join(failures[:40])


def _sender(targets, runs: Counter, failures: list[str]):
    def send(case, mode: str, ids: bool) -> None:
        runs[mode] += 1
        original = dict(case.path_parameters or {})
        for target in targets:
            if ids:
                case.path_parameters = _with_existing_ids(original, target.pools)
            response = case.call(app=target.app, headers=target.headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                titles = sorted({failure.title for failure in group.exceptions})
                failures.append(
                    f"{target.name}: {case.operation.label} [{mode}] → "
                    f"{response.status_code}: {'; '.join(titles)}\n    {case.as_curl_command()}"
                )

    return send


def _with_existing_ids(parameters: dict, pools: dict[str, list[int]]) -> dict:
    """One id in four (by its value, so the same on every backend) names a record that exists."""
    chosen = dict(parameters)
    for name, value in parameters.items():
        pool = pools.get(name)
        if pool and isinstance(value, int) and not isinstance(value, bool) and value % 4 == 0:
            chosen[name] = pool[(value // 4) % len(pool)]
    return chosen


def _fuzz(operation, mode: GenerationMode, send) -> None:
    """Run one operation's seeded examples in one mode."""

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case):
        send(case, mode.value, ids=mode == GenerationMode.POSITIVE)

    fuzz()


@pytest.mark.parametrize("method", ["TRACE", "PUT"])
def test_unlisted_methods_answer_405_with_allow(targets, method):
    for target in targets:
        client = target.app.test_client()
        response = client.open("/api/v1/cases", method=method, headers=target.headers)
        assert response.status_code == 405, target.name
        assert "GET" in response.headers["Allow"]
