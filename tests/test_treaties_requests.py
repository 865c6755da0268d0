"""Treaty law as a prosecutor meets it: proposals on the drafting page, refusal of a basis that
does not bind, the API's answer, legal citations in the PDFs (never internal codes), the
reminder's wording (that the demo's bases bind their pairs: test_demo_requests)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Request, RequestLegalBasis, Treaty
from tests.conftest import snapshot_fixtures
from tests.factories import api_client, make_case, office, sent_request, signed_in

CODES = re.compile(r"UNTOC|UNCAC|VIENNA1988|MINSK1993|CHISINAU2002|COE1959|KZUZ1997")


def _nothing_more(session, people) -> None:
    """``people`` alone."""


# The Almaty prosecutor reads the interface in Russian.
world, directory_app, people = snapshot_fixtures(_nothing_more, almaty={"language": "ru"})


def _ids(app, *codes):
    """A new Almaty case (with the facts and offences a request copies), ``codes``' office ids
    and the directory's treaty ids."""
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
        offices = {code: office(db.session, code).id for code in codes}
        treaties = {t.code: t.id for t in db.session.scalars(select(Treaty))}
        return case.id, offices, treaties


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Request.id)))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u00ad\u202f-]+", "", text)


def test_kz_to_tj_today(directory_app, people):
    """The issue's "done when": proposals, replacement, languages, service without facts, PDF."""
    case_id, offices, treaties = _ids(directory_app, "TJ-GPO")
    page_client = signed_in(directory_app, people.almaty)
    created = page_client.post(
        "/requests/new",
        data={
            "case_id": case_id,
            "requested_office_id": offices["TJ-GPO"],
            "channel": "central_authority",
        },
    )
    assert created.status_code == 302
    request_id = int(re.search(r"/requests/(\d+)/edit", created.headers["Location"]).group(1))
    basis = page_client.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    for code in ("CHISINAU2002", "UNTOC", "UNCAC", "VIENNA1988"):
        assert f'data-testid="why-{code}"' in basis, code
        assert f'data-testid="languages-{code}"' in basis, code
    reason = re.search(r'data-testid="reason-MINSK1993">([^<]*)<', basis).group(1)
    assert "Кишинёвской конвенции 2002 г." in reason and "п. 3 ст. 120" in reason
    languages = re.search(r'data-testid="languages-CHISINAU2002">(.*?)</div>', basis, re.S)
    assert "заявление не зафиксировано" in languages.group(1)

    # A service-only request under UNTOC needs no summary of facts (Art. 18(15)(c)).
    api = api_client(directory_app, people.almaty)
    path = f"/api/v1/requests/{request_id}"
    version = api.get(path).json["version"]
    patched = api.patch(
        path,
        json={
            "version": version,
            "legal_bases": [{"treaty": "UNTOC", "articles": "Art. 18"}],
            "assistance_types": ["service_of_documents"],
            "measures": [{"text": "Serve the summons on the witness", "questions": []}],
            "facts": "",
            "subject": "Service of a summons",
            "proceedings_stage": "Pre-trial investigation",
            "proceedings_authority": "Almaty City Prosecutor's Office",
            "purpose": "To summon the witness",
        },
    )
    assert patched.status_code == 200, patched.json
    report = api.get(f"{path}/completeness").json
    assert report["complete"] is True, report["missing"]
    submitted = api.post(f"{path}/transitions", json={"action": "submit"})
    assert submitted.status_code == 201, submitted.json

    # A request under Chisinau prints its citations in Russian legal form.
    second = api.post(
        "/api/v1/requests",
        json={
            "case_id": case_id,
            "requested_office": "TJ-GPO",
            "legal_bases": [{"treaty": "CHISINAU2002", "articles": "ст. 6, 7"}],
            "assistance_types": ["records"],
            "measures": [{"text": "Bank statements", "questions": []}],
        },
    )
    assert second.status_code == 201, second.json
    for lang, needle in (
        ("ru", "подп. «а» п. 1 ст. 7 Кишинёвской конвенции 2002 г."),
        ("en", "Art. 7(1)(a) of the Chisinau Convention of 2002"),
    ):
        pdf = page_client.get(
            f"/requests/{second.json['id']}/documents/request.pdf?lang={lang}&requirements=1"
        )
        assert pdf.status_code == 200
        text = _text(pdf.data)
        assert _squeeze(needle) in _squeeze(text), lang
        assert not CODES.search(text), CODES.search(text)


def test_a_basis_that_does_not_bind_is_refused_and_nothing_is_saved(directory_app, people):
    case_id, offices, treaties = _ids(directory_app, "US-OIA", "UZ-TAS")
    api = api_client(directory_app, people.almaty)
    before = _count(directory_app)
    refused = api.post(
        "/api/v1/requests",
        json={
            "case_id": case_id,
            "requested_office": "US-OIA",
            "legal_bases": [{"treaty": "MINSK1993"}],
        },
    )
    assert refused.status_code == 422
    message = " ".join(refused.json["error"]["fields"]["legal_bases"])
    assert "Соединенные Штаты Америки не является участником" in message
    assert _count(directory_app) == before

    unknown = api.post(
        "/api/v1/requests",
        json={"case_id": case_id, "requested_office": "US-OIA", "legal_bases": [{"treaty": "X"}]},
    )
    assert unknown.status_code == 422 and "legal_bases" in unknown.json["error"]["fields"]
    assert _count(directory_app) == before

    # Reciprocity stays possible; UNTOC binds KZ and the US.
    draft = api.post(
        "/api/v1/requests",
        json={"case_id": case_id, "requested_office": "US-OIA", "is_reciprocity": True},
    )
    assert draft.status_code == 201
    path = f"/api/v1/requests/{draft.json['id']}"
    version = draft.json["version"]
    patch = api.patch(
        path,
        json={
            "version": version,
            "is_reciprocity": False,
            "legal_bases": [{"treaty": "MINSK1993"}],
        },
    )
    assert patch.status_code == 422 and "legal_bases" in patch.json["error"]["fields"]
    body = api.get(path).json
    assert body["legal_bases"] == [] and body["version"] == version

    # The form refuses it too, naming the field, and keeps the draft as it was.
    page = signed_in(directory_app, people.almaty).post(
        f"/requests/{draft.json['id']}/edit/basis",
        data={
            "version": str(version),
            "requested_office_id": offices["US-OIA"],
            "channel": "central_authority",
            "treaty": str(treaties["MINSK1993"]),
        },
    )
    assert page.status_code == 422
    assert "не является участником" in page.get_data(as_text=True)
    assert api.get(path).json["legal_bases"] == []


def test_a_saved_basis_that_does_not_bind_blocks_submission(directory_app, people):
    case_id, offices, treaties = _ids(directory_app, "US-OIA")
    api = api_client(directory_app, people.almaty)
    draft = api.post(
        "/api/v1/requests",
        json={
            "case_id": case_id,
            "requested_office": "US-OIA",
            "legal_bases": [{"treaty": "UNTOC"}],
            "assistance_types": ["records"],
            "measures": [{"text": "Bank statements", "questions": []}],
            "purpose": "Evidence",
            "proceedings_stage": "Investigation",
        },
    )
    assert draft.status_code == 201, draft.json
    with directory_app.app_context():
        # As a request saved before the rule (or imported) might hold it.
        req = db.session.get(Request, draft.json["id"])
        req.legal_bases.append(
            RequestLegalBasis(treaty=db.session.get(Treaty, treaties["MINSK1993"]), articles="")
        )
        db.session.commit()
    path = f"/api/v1/requests/{draft.json['id']}"
    report = api.get(f"{path}/completeness").json
    (item,) = [m for m in report["missing"] if m["item"] == "legal_basis_binding"]
    assert item["blocking"] is True and item["strength"] == "required"
    assert any("не является участником" in line for line in item["missing"])
    submitted = api.post(f"{path}/transitions", json={"action": "submit"})
    assert submitted.status_code == 409
    assert "legal_basis_binding" in {
        m["item"] for m in submitted.json["error"]["fields"]["missing"]
    }


def test_the_api_answers_with_reasons_and_refuses_bad_input(directory_app, people):
    api = api_client(directory_app, people.almaty)
    answer = api.get("/api/v1/treaties?between=KZ,TJ&on=2026-12-01").json
    assert answer["between"] == ["KZ", "TJ"] and answer["on"] == "2026-12-01"
    assert {"CHISINAU2002", "UNTOC", "UNCAC", "VIENNA1988"} <= {i["code"] for i in answer["items"]}
    refused = {i["code"]: i for i in answer["not_applicable"]}
    assert refused["MINSK1993"]["reason_code"] == "replaced"
    ua = api.get("/api/v1/treaties?between=UA,KZ").json  # without `on`: today
    assert {i["code"]: i["reason_code"] for i in ua["not_applicable"]}["MINSK1993"] == "withdrawn"
    for query, field in (
        ("between=KZ,UZ&on=01.03.2026", "on"),
        ("between=KZ,UZ&on=2026-02-30", "on"),
        ("between=KZ,XX", "between"),
        ("between=KZ", "between"),
        ("between=KZ,KZ", "between"),
    ):
        response = api.get(f"/api/v1/treaties?{query}")
        assert response.status_code == 422, query
        assert field in response.json["error"]["fields"], query


def test_the_reminder_says_what_has_not_been_received_since_when(directory_app, people):
    with directory_app.app_context():
        # Tashkent is executing it, and the date by which Almaty asked it done has passed.
        late = clock.today() - timedelta(days=5)
        sent = sent_request(db.session, people, execution_requested_on=late)
        db.session.commit()
        rid, sent_on = sent.id, sent.sent_at.date()
    client = signed_in(directory_app, people.almaty)
    for lang, received, since, passed in (
        ("en", "We have not yet received from you", "Awaited since", "have passed"),
        ("ru", "От Вас до настоящего времени не получены", "Ожидается с", "истекли"),
    ):
        pdf = client.get(f"/requests/{rid}/documents/reminder.pdf?lang={lang}")
        assert pdf.status_code == 200
        text = _squeeze(_text(pdf.data))
        assert _squeeze(received) in text and _squeeze(since) in text
        assert _squeeze(passed) not in text
        assert str(sent_on.year) in text
        assert not CODES.search(text)
