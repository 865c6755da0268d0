"""The request API: create, read, patch with versions, filters, completeness and history."""

from __future__ import annotations

import threading

from casetrack import clock
from casetrack.db import db
from casetrack.models import Office, Request
from tests.factories import api_client, make_case, make_user, office
from tests.test_mla_lifecycle import make_request


def _case_id(app) -> int:
    """A new case of Almaty's, with the facts and offences a new request starts from."""
    with app.app_context():
        case = make_case(
            db.session,
            office=office(db.session, "KZ-ALM"),
            title="Aliyev network: VAT refund fraud",
            summary="A group obtained VAT refunds for fictitious exports through shell companies.",
            offences="Large-scale fraud",
            offence_articles="Art. 190(4) CC RK",
        )
        db.session.commit()
        return case.id


def test_create_patch_and_read_a_draft(directory_app):
    with directory_app.app_context():
        # An Almaty prosecutor who reads the interface in Russian.
        russian = make_user(db.session, office=office(db.session, "KZ-ALM"), language="ru")
        db.session.commit()
    almaty = api_client(directory_app, russian)
    created = almaty.post(
        "/api/v1/requests",
        json={
            "case_id": _case_id(directory_app),
            "requested_office": "UZ-TAS",
            "legal_bases": [{"treaty": "MINSK1993", "articles": "Art. 6"}],
            "assistance_types": ["records"],
            "measures": [{"text": "Account statements", "questions": ["Who opened it?"]}],
        },
    )
    assert created.status_code == 201, created.json
    body = created.json
    assert body["reference"].startswith(f"KZ-ALM/{clock.today().year}/")
    assert body["status"] == "draft" and body["legal_bases"] == [
        {"treaty": "MINSK1993", "articles": "Art. 6"}
    ]
    assert body["allowed_actions"] == ["submit", "withdraw"]
    path = f"/api/v1/requests/{body['id']}"
    missing = almaty.patch(path, json={"purpose": "no version"})
    assert missing.status_code == 422 and "version" in missing.json["error"]["fields"]
    patched = almaty.patch(path, json={"version": body["version"], "purpose": "Evidence"})
    assert patched.status_code == 200
    assert patched.json["purpose"] == "Evidence"
    assert patched.json["measures"][0]["questions"] == ["Who opened it?"]
    stale = almaty.patch(path, json={"version": body["version"], "purpose": "Overwrite"})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "conflict"
    assert almaty.get(path).json["purpose"] == "Evidence"
    bad = almaty.patch(
        path, json={"version": patched.json["version"], "assistance_types": ["teleportation"]}
    )
    assert bad.status_code == 422 and "assistance_types" in bad.json["error"]["fields"]
    assert almaty.get(path).json["assistance_types"] == ["records"]
    completeness = almaty.get(f"{path}/completeness").json
    # Minsk Art. 7 asks no purpose, and the damage only "if it was caused": advice, not a block.
    assert completeness["complete"] is True and completeness["missing"] == []
    damage = next(m for m in completeness["advice"] if m["item"] == "damage")
    assert damage["strength"] == "if_caused" and damage["blocking"] is False
    assert damage["paragraph"] == "подп. «ж» п. 1 ст. 7 Минской конвенции 1993 г."


def test_patch_only_a_draft_of_the_requesting_side(directory_app, people):
    request_id = make_request(directory_app, "sent")
    almaty = api_client(directory_app, people.almaty)
    version = almaty.get(f"/api/v1/requests/{request_id}").json["version"]
    assert (
        almaty.patch(f"/api/v1/requests/{request_id}", json={"version": version, "subject": "x"})
    ).status_code == 409
    assert (
        api_client(directory_app, people.tashkent)
        .patch(f"/api/v1/requests/{request_id}", json={"version": version, "subject": "x"})
        .status_code
        == 409
    )


def test_list_filters_and_history(directory_app, people):
    to_tashkent = make_request(directory_app, "in_execution")
    to_turkey = make_request(directory_app, "sent", to="TR-MOJ")
    almaty = api_client(directory_app, people.almaty)
    ids = lambda response: {item["id"] for item in response.json["items"]}  # noqa: E731
    by_office = almaty.get("/api/v1/requests?direction=outgoing&office=TR-MOJ")
    assert to_turkey in ids(by_office) and to_tashkent not in ids(by_office)
    by_status = almaty.get("/api/v1/requests?status=in_execution")
    assert to_tashkent in ids(by_status) and to_turkey not in ids(by_status)
    incoming = api_client(directory_app, people.tashkent).get(
        "/api/v1/requests?direction=incoming&per_page=100"
    )
    assert to_tashkent in ids(incoming) and to_turkey not in ids(incoming)
    assert almaty.get("/api/v1/requests?status=nonsense").status_code == 422
    api_client(directory_app, people.tashkent).post(
        f"/api/v1/requests/{to_tashkent}/transitions",
        json={"action": "ask_info", "comment": "Address of the witness"},
    )
    history = almaty.get(f"/api/v1/requests/{to_tashkent}/history").json
    assert history[-1]["action"] == "ask_info"
    assert history[-1]["comment"] == "Address of the witness"
    assert history[-1]["actor_office"] == "UZ-TAS"


def test_unknown_action_is_invalid(directory_app, people):
    request_id = make_request(directory_app, "draft")
    response = api_client(directory_app, people.kz_ca).post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": "teleport"}
    )
    assert response.status_code == 422


def test_concurrent_creations_never_share_a_number(directory_app):
    """Two sessions take numbers for one office at the same moment: both differ and follow."""
    from casetrack.mla.numbering import next_reference

    with directory_app.app_context():
        office_id = office(db.session, "KZ-ALM").id
    barrier = threading.Barrier(2)
    results: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def create() -> None:
        try:
            with directory_app.app_context():
                # Both start their transaction at the same moment; the database must order them.
                barrier.wait(timeout=10)
                almaty = db.session.get(Office, office_id)
                reference, seq = next_reference(db.session, almaty, clock.today().year)
                db.session.add(
                    Request(
                        reference=reference,
                        year=clock.today().year,
                        seq=seq,
                        requesting_office_id=office_id,
                        requested_office_id=office_id,
                    )
                )
                db.session.commit()
                results.append((reference, seq))
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    seqs = sorted(seq for _, seq in results)
    assert len(seqs) == 2 and seqs[1] == seqs[0] + 1
    assert len({reference for reference, _ in results}) == 2
