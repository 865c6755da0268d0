"""The user story of issue 4: Almaty drafts a request to Tashkent and both sides work it through."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select, update

from casetrack.db import db
from casetrack.models import (
    Case,
    Deadline,
    DeadlineState,
    Office,
    Party,
    Request,
    StatusChange,
    Treaty,
    User,
)

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"


@pytest.fixture(autouse=True)
def _english(app):
    """Read messages in English whatever language the demo users prefer."""
    with app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()


def _version(client, request_id: int) -> str:
    page = client.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)


def _step_version(client, request_id: int) -> str:
    page = client.get(f"/requests/{request_id}").get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)


def _step(client, request_id: int, action: str, **fields):
    data = {"action": action, "version": _step_version(client, request_id), **fields}
    return client.post(f"/requests/{request_id}/transition", data=data)


def test_almaty_to_tashkent_from_draft_to_execution(app, login_as):
    almaty, ca, tashkent = login_as(ALMATY), login_as(KZ_CA), login_as(TASHKENT)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-2026-0147"))
        uz_tas = db.session.scalar(select(Office).where(Office.code == "UZ-TAS"))
        minsk = db.session.scalar(select(Treaty).where(Treaty.code == "MINSK1993"))
        aliyev = db.session.scalar(select(Party).where(Party.birth_date == date(1979, 4, 12)))

    # The case page's link lands on a chooser with the case already chosen.
    chooser = almaty.get(f"/requests/new?case_id={case.id}")
    assert chooser.status_code == 200
    assert re.search(rf'<option selected value="{case.id}">', chooser.get_data(as_text=True))
    created = almaty.post(
        "/requests/new",
        data={"case_id": case.id, "requested_office_id": uz_tas.id, "channel": "central_authority"},
    )
    assert created.status_code == 302
    request_id = int(re.search(r"/requests/(\d+)/edit", created.headers["Location"]).group(1))

    # Section 1: the treaties binding KZ and UZ are proposed; choose the Minsk Convention.
    basis = almaty.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    assert "Minsk, 22 January 1993" in basis and "binds both states" in basis
    saved = almaty.post(
        f"/requests/{request_id}/edit/basis",
        data={
            "version": _version(almaty, request_id),
            "requested_office_id": uz_tas.id,
            "channel": "central_authority",
            "treaty": str(minsk.id),
            f"articles-{minsk.id}": "Art. 4–8",
        },
    )
    assert saved.status_code == 302
    # Told what is missing, with the article behind it.
    page = almaty.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "of the Minsk Convention of 1993" in page
    refused = _step(almaty, request_id, "submit")
    assert refused.status_code == 303
    assert "cannot be submitted" in almaty.get(f"/requests/{request_id}").get_data(as_text=True)

    # Complete the request section by section.
    def save(section, **data):
        response = almaty.post(
            f"/requests/{request_id}/edit/{section}",
            data={"version": _version(almaty, request_id), **data},
        )
        assert response.status_code == 302, response.get_data(as_text=True)

    save(
        "proceedings",
        subject="Tracing the proceeds of VAT refund fraud",
        proceedings_stage="Pre-trial investigation",
        proceedings_authority="Almaty City Prosecutor's Office",
    )
    save(
        "facts",
        facts="Fictitious exports; refunds moved to Tashkent.",
        offences="Art. 190(4) CC RK",
        offence_text="Article 190. Fraud …",
        damage="KZT 1.24 bn",
    )
    save("persons", **{f"party-{aliyev.id}": "on", f"role-{aliyev.id}": "accused"})
    save(
        "assistance",
        assistance_types=["taking_evidence"],
        measures="Question B. Xo'jayev as a witness\n- Who ordered the transfers?",
    )
    save("procedures", purpose="Establish the recipients of the proceeds", languages="ru")
    save("annexes", annexes="Copy of the indictment | 4", signatory_name="A. Nurlanova")
    report = almaty.get(f"/requests/{request_id}").get_data(as_text=True)
    assert 'data-testid="complete"' in report, report

    assert _step(almaty, request_id, "submit").status_code == 302
    assert _step(ca, request_id, "approve").status_code == 302
    assert _step(ca, request_id, "send").status_code == 302
    # Tashkent sees it in its incoming list.
    incoming = tashkent.get("/requests/incoming").get_data(as_text=True)
    assert f"/requests/{request_id}" in incoming
    assert _step(tashkent, request_id, "acknowledge").status_code == 302
    assert _step(tashkent, request_id, "start").status_code == 302
    assert (
        _step(tashkent, request_id, "ask_info", comment="Give the witness's address").status_code
        == 302
    )
    assert (
        _step(almaty, request_id, "provide_info", comment="Chilanzar district").status_code == 302
    )
    assert _step(tashkent, request_id, "execute").status_code == 302

    for client in (almaty, tashkent):
        page = client.get(f"/requests/{request_id}").get_data(as_text=True)
        for label in ("Acknowledge receipt", "Ask for information", "Provide the information"):
            assert label in page
        assert "Give the witness&#39;s address" in page
    with app.app_context():
        _check_final(db.session, request_id)


def _check_final(db_session, request_id: int) -> None:
    history = [
        c.action
        for c in db_session.scalars(
            select(StatusChange)
            .where(StatusChange.request_id == request_id)
            .order_by(StatusChange.id)
        )
    ]
    assert history == [
        "submit",
        "approve",
        "send",
        "acknowledge",
        "start",
        "ask_info",
        "provide_info",
        "execute",
    ]
    req = db_session.get(Request, request_id)
    assert req.status.value == "executed"
    assert req.sent_at and req.acknowledged_at and req.closed_at
    assert all(c.effective_on is not None for c in req.history)
    open_deadlines = db_session.scalars(
        select(Deadline).where(
            Deadline.request_id == request_id, Deadline.state == DeadlineState.OPEN
        )
    ).all()
    assert open_deadlines == []
