"""The user story of issue 4: Almaty drafts a request to Tashkent and both sides work it through."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from casetrack.db import db
from casetrack.models import (
    Deadline,
    DeadlineState,
    PartyRole,
    Request,
    StatusChange,
    Treaty,
)
from tests.factories import make_case, make_case_party, make_person, office, signed_in


def _version(client, request_id: int) -> str:
    page = client.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)


def _step_version(client, request_id: int) -> str:
    page = client.get(f"/requests/{request_id}").get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)


def _step(client, request_id: int, action: str, **fields):
    data = {"action": action, "version": _step_version(client, request_id), **fields}
    return client.post(f"/requests/{request_id}/transition", data=data)


def test_almaty_to_tashkent_from_draft_to_execution(directory_app, people):
    almaty, ca, tashkent = (
        signed_in(directory_app, person)
        for person in (people.almaty, people.kz_ca, people.tashkent)
    )
    with directory_app.app_context():
        # Almaty's fraud case, with its accused.
        alm = office(db.session, "KZ-ALM")
        case = make_case(db.session, office=alm, title="Aliyev network: VAT refund fraud")
        aliyev = make_person(
            db.session,
            alm,
            [("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
            birth_date=date(1979, 4, 12),
            birth_place="Shymkent, Kazakhstan",
            nationality="KZ",
            address="Almaty, Abay Ave 150, apt 23",
            occupation="director of Steppe Trade LLP",
        )
        make_case_party(db.session, case, aliyev, role=PartyRole.ACCUSED)
        db.session.commit()
        uz_tas = office(db.session, "UZ-TAS")
        minsk = db.session.scalar(select(Treaty).where(Treaty.code == "MINSK1993"))

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
    with directory_app.app_context():
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
