"""A request's step and an asset's status change are checked by one schema, page and API alike.

Before, the step form limited a comment to 5,000 characters while the API took any length, and
what a step's letter carries (registration number, provision) was limited by numbers written
in the service and in the page's template. Now ``StepInput`` (casetrack/mla/inputs.py) states
every limit, from ``validation.LIMITS``; the step form and the asset status form take their
rules from the schemas.
"""

from __future__ import annotations

import pytest

from casetrack import inputs
from casetrack.assets.forms import StatusForm
from casetrack.assets.inputs import AssetInput
from casetrack.db import db
from casetrack.mla.forms import TransitionForm
from casetrack.mla.inputs import StepInput
from casetrack.models import AssetStatus, Request, RequestStatus, StatusChange
from casetrack.validation import limit
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_request,
    office,
    signed_in,
)


@pytest.fixture
def sent(directory_app, people):
    """A request from Almaty that Tashkent has received and is executing (two measures)."""
    with directory_app.app_context():
        request = make_request(
            db.session,
            case=make_case(db.session, office=office(db.session, "KZ-ALM")),
            requested_office=office(db.session, "UZ-TAS"),
            status=RequestStatus.SENT,
            measures=[{"text": "Question the witness", "questions": []},
                      {"text": "Obtain the statements", "questions": []}],
        )  # fmt: skip
        db.session.commit()
        return request.id


def _state(app, request_id: int) -> tuple:
    with app.app_context():
        request = db.session.get(Request, request_id)
        steps = db.session.query(StatusChange).filter_by(request_id=request_id).count()
        return request.status, request.version, request.counterpart_reference, steps


def _flashed(page) -> str:
    return page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "action", "most"),
    [
        ("comment", "acknowledge", limit("step", "comment")),
        ("registration_number", "acknowledge", limit("step", "registration_number")),
    ],
)
def test_page_and_api_refuse_a_step_past_the_one_limit(
    directory_app, people, sent, field, action, most
):
    before = _state(directory_app, sent)
    page = signed_in(directory_app, people.tashkent)
    answer = page.post(
        f"/requests/{sent}/transition",
        data={"action": action, "version": str(before[1]), field: "x" * (most + 1)},
        follow_redirects=True,
    )
    assert answer.status_code == 200
    assert f"longer than {most} characters" in _flashed(answer)
    api = api_client(directory_app, people.tashkent)
    refused = api.post(
        f"/api/v1/requests/{sent}/transitions", json={"action": action, field: "x" * (most + 1)}
    )
    assert refused.status_code == 422
    assert field in refused.get_json()["error"]["fields"]
    assert _state(directory_app, sent) == before
    # At the limit, both take it.
    done = api.post(
        f"/api/v1/requests/{sent}/transitions", json={"action": action, field: "x" * most}
    )
    assert done.status_code == 201, done.get_json()
    assert _state(directory_app, sent)[0] == RequestStatus.RECEIVED


def test_a_provision_past_the_limit_is_refused_on_both_sides(directory_app, people, sent):
    api = api_client(directory_app, people.tashkent)
    assert (
        api.post(f"/api/v1/requests/{sent}/transitions", json={"action": "acknowledge"})
    ).status_code == 201
    before = _state(directory_app, sent)
    most = limit("step", "provision")
    body = {"action": "refuse", "grounds": "other", "comment": "Not ours to execute"}
    refused = api.post(
        f"/api/v1/requests/{sent}/transitions", json={**body, "provision": "p" * (most + 1)}
    )
    assert refused.status_code == 422
    assert "provision" in refused.get_json()["error"]["fields"]
    page = signed_in(directory_app, people.tashkent).post(
        f"/requests/{sent}/transition",
        data={**body, "version": str(before[1]), "provision": "p" * (most + 1)},
        follow_redirects=True,
    )
    assert f"longer than {most} characters" in _flashed(page)
    assert _state(directory_app, sent) == before


def test_a_long_note_on_a_measure_is_refused_not_cut(directory_app, people, sent):
    api = api_client(directory_app, people.tashkent)
    for action in ("acknowledge", "start"):
        assert (
            api.post(f"/api/v1/requests/{sent}/transitions", json={"action": action})
        ).status_code == 201
    before = _state(directory_app, sent)
    most = limit("step", "note")
    page = signed_in(directory_app, people.tashkent).post(
        f"/requests/{sent}/transition",
        data={"action": "partially_execute", "version": str(before[1]),
              "outcome-1": "done", "note-1": "n" * (most + 1)},
        follow_redirects=True,
    )  # fmt: skip
    assert f"The note on measure 1 is longer than {most} characters." in _flashed(page)
    refused = api.post(
        f"/api/v1/requests/{sent}/transitions",
        json={"action": "partially_execute",
              "outcomes": [{"measure": 1, "result": "done", "note": "n" * (most + 1)}]},
    )  # fmt: skip
    assert refused.status_code == 422
    assert _state(directory_app, sent) == before


def test_another_office_cannot_take_a_step(directory_app, people, sent):
    before = _state(directory_app, sent)
    for person in (people.tbilisi, people.az_ca):
        answer = api_client(directory_app, person).post(
            f"/api/v1/requests/{sent}/transitions", json={"action": "acknowledge"}
        )
        assert answer.status_code == 404
        page = signed_in(directory_app, person).post(
            f"/requests/{sent}/transition", data={"action": "acknowledge"}
        )
        assert page.status_code == 404
    assert _state(directory_app, sent) == before


def test_the_step_and_status_forms_state_no_rule_of_their_own():
    for name in ("action", "comment", "until", "effective_on", "office", "due_on",
                 "registration_number", "provision"):  # fmt: skip
        validators = getattr(TransitionForm, name).kwargs["validators"]
        assert validators and all(getattr(v, inputs.FROM_SCHEMA, False) for v in validators)
        assert name in StepInput._declared_fields
    for name, schema_name in (("effective_on", "status_effective_on"),
                              ("comment", "status_comment"), ("status", "status")):  # fmt: skip
        validators = getattr(StatusForm, name).kwargs["validators"]
        assert all(getattr(v, inputs.FROM_SCHEMA, False) for v in validators), name
        assert schema_name in AssetInput._declared_fields
    choices = [value for value, _label in StatusForm.status.kwargs["choices"]]
    assert choices == [s.value for s in AssetStatus]


def test_an_asset_status_comment_past_the_limit_is_refused_on_both_sides(directory_app, people):
    with directory_app.app_context():
        asset = make_asset(db.session, office=office(db.session, "KZ-ALM"))
        db.session.commit()
        asset_id, version = asset.id, asset.version
    most = limit("asset", "status_comment")
    page = signed_in(directory_app, people.almaty).post(
        f"/assets/{asset_id}/status",
        data={"status": "seized", "effective_on": "2026-11-30", "version": str(version),
              "comment": "c" * (most + 1)},
    )  # fmt: skip
    assert page.status_code == 422
    assert f"longer than {most} characters" in page.get_data(as_text=True)
    api = api_client(directory_app, people.almaty).patch(
        f"/api/v1/assets/{asset_id}",
        json={"version": version, "status": "seized", "status_comment": "c" * (most + 1)},
    )
    assert api.status_code == 422
    with directory_app.app_context():
        from casetrack.models import Asset

        assert db.session.get(Asset, asset_id).version == version
