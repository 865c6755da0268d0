"""Notifications: in the app and e-mailed through a real SMTP server after the commit.

The "Done when" story of issue 15: the UZ central authority is told of a request from
Kazakhstan, assigns it to Tashkent, which is told, works it and answers; the KZ prosecutor
gets an e-mail when the answer arrives — in each reader's language, naming only references.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from casetrack import clock
from casetrack.db import db
from casetrack.models import EmailState, Notification, Request, User
from tests.factories import api_client, make_monitored_requests, make_person, office, signed_in
from tests.smtp_server import Inbox, free_port, smtp_server
from tests.test_mla_lifecycle import make_request

SUBJECT = "Bank records"  # the request's subject: content, never in an e-mail


def _language(app, email: str, language: str) -> None:
    with app.app_context():
        db.session.execute(update(User).where(User.email == email).values(language=language))
        db.session.commit()


def _step(client, request_id, action, **body):
    response = client.post(
        f"/api/v1/requests/{request_id}/transitions", json={"action": action, **body}
    )
    assert response.status_code == 201, response.json
    return response


@pytest.fixture
def smtp(directory_app):
    app = directory_app
    with smtp_server() as (url, inbox):
        app.config["SMTP_URL"] = url
        app.config["BASE_URL"] = "https://casetrack.test"
        app.config["MAIL_FROM"] = "casetrack@prosecutors.test"
        yield inbox


def test_the_desk_story_by_e_mail_in_each_language(directory_app, people, smtp):
    app = directory_app
    _language(app, people.almaty.email, "ru")
    _language(app, people.tashkent.email, "ru")
    _language(app, people.uz_ca.email, "en")
    request_id = make_request(app, "approved", to="UZ-GPO")
    with app.app_context():
        req = db.session.get(Request, request_id)
        req.created_by = db.session.scalar(select(User).where(User.email == people.almaty.email))
        reference = req.reference
        db.session.commit()
    kz_ca, uz_ca, tashkent = (
        api_client(app, people.kz_ca),
        api_client(app, people.uz_ca),
        api_client(app, people.tashkent),
    )

    _step(kz_ca, request_id, "send")
    received = smtp.to(people.uz_ca.email)
    assert len(received) == 1
    assert received[0]["Subject"] == f"Request {reference} was received from KZ-ALM."
    assert received[0]["From"] == "casetrack@prosecutors.test"
    assert f"https://casetrack.test/requests/{request_id}" in Inbox.body(received[0])
    # Tashkent cannot see the request yet, Georgia never: neither is told.
    assert smtp.to(people.tashkent.email) == [] and smtp.to(people.tbilisi.email) == []
    # The drafter hears that it went, in Russian.
    sent = smtp.to(people.almaty.email)
    assert len(sent) == 1 and "отправлен" in sent[0]["Subject"] and reference in sent[0]["Subject"]

    _step(uz_ca, request_id, "acknowledge")
    due = (clock.today() + timedelta(days=10)).isoformat()
    _step(uz_ca, request_id, "dispatch", office="UZ-TAS", due_on=due, comment="room 12")
    assigned = smtp.to(people.tashkent.email)
    assert len(assigned) == 1
    assert assigned[0]["Subject"] == f"Запрос {reference} поручен вашему органу (UZ-TAS)."

    before = len(smtp.to(people.almaty.email))
    _step(tashkent, request_id, "start")
    _step(tashkent, request_id, "execute")
    answers = smtp.to(people.almaty.email)[before:]
    assert [m["Subject"] for m in answers][-1] == (
        f"UZ-TAS по запросу {reference}: Отметить исполнение."
    )
    for message in smtp.messages:
        text = message["Subject"] + Inbox.body(message)
        assert SUBJECT not in text and "room 12" not in text
        assert reference in text
    # The same notifications wait under the bell.
    page = signed_in(app, people.almaty).get("/notifications/").get_data(as_text=True)
    assert 'data-testid="bell-count"' in page and reference in page
    with app.app_context():
        states = set(db.session.scalars(select(Notification.email_state)))
        assert states == {EmailState.SENT}


def test_nobody_is_told_of_a_step_they_cannot_see(directory_app, people, smtp):
    app = directory_app
    request_id = make_request(app, "pending_approval", to="UZ-GPO")
    _step(api_client(app, people.kz_ca), request_id, "approve")
    with app.app_context():
        told = set(
            db.session.scalars(
                select(User.email).join(Notification, Notification.user_id == User.id)
            )
        )
    # An approval is the requesting side's own business.
    assert not told & {people.uz_ca.email, people.tashkent.email, people.tbilisi.email}
    assert all(
        m["To"] not in (people.uz_ca.email, people.tashkent.email, people.tbilisi.email)
        for m in smtp.messages
    )


def test_a_digest_reader_gets_one_e_mail_a_day(directory_app, people, smtp):
    app = directory_app
    runner = app.test_cli_runner()
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.email == people.uz_ca.email)
            .values(email_notifications="digest")
        )
        db.session.commit()
    for _ in range(2):
        _step(api_client(app, people.kz_ca), make_request(app, "approved", to="UZ-GPO"), "send")
    assert smtp.to(people.uz_ca.email) == []
    result = runner.invoke(args=["casetrack", "send-notifications"])
    assert result.exit_code == 0, result.output
    digest = smtp.to(people.uz_ca.email)
    assert len(digest) == 1
    assert Inbox.body(digest[0]).count("was received from KZ-ALM") == 2


def test_a_mail_server_that_is_down_loses_nothing(directory_app, people):
    app = directory_app
    runner = app.test_cli_runner()
    port = free_port()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    request_id = make_request(app, "approved", to="UZ-GPO")
    _step(api_client(app, people.kz_ca), request_id, "send")
    with app.app_context():
        assert db.session.get(Request, request_id).status.value == "sent"
        failed = db.session.scalars(
            select(Notification).where(Notification.email_state == EmailState.FAILED)
        ).all()
        # The job queue tried as many times as it allows; each attempt is counted.
        assert failed and all(n.email_attempts >= 1 and n.email_error for n in failed)
    admin_page = signed_in(app, people.admin).get("/notifications/failed")
    assert admin_page.status_code == 200
    assert people.uz_ca.email in admin_page.get_data(as_text=True)
    assert signed_in(app, people.uz_ca).get("/notifications/failed").status_code == 404
    with smtp_server(port) as (_url, inbox):
        result = runner.invoke(args=["casetrack", "send-notifications"])
        assert result.exit_code == 0, result.output
        assert len(inbox.to(people.uz_ca.email)) == 1
    with app.app_context():
        assert not db.session.scalars(
            select(Notification).where(Notification.email_state == EmailState.FAILED)
        ).all()


def test_the_bell_counts_and_marks_read(directory_app, people):
    app = directory_app
    request_id = make_request(app, "approved", to="UZ-GPO")
    _step(api_client(app, people.kz_ca), request_id, "send")
    client = signed_in(app, people.uz_ca)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'data-testid="bell-count">1<' in page
    listing = client.get("/notifications/").get_data(as_text=True)
    assert 'data-unread="1"' in listing
    with app.app_context():
        note_id = db.session.scalar(
            select(Notification.id).join(User).where(User.email == people.uz_ca.email)
        )
    # Another user cannot mark it: 404.
    assert (
        signed_in(app, people.kz_ca).post("/notifications/read", data={"id": note_id}).status_code
        == 404
    )
    opened = client.post("/notifications/read", data={"id": note_id, "open": "1"})
    assert opened.status_code == 303 and opened.headers["Location"].endswith(
        f"/requests/{request_id}"
    )
    assert 'data-testid="bell-count"' not in client.get("/dashboard").get_data(as_text=True)


def test_e_mail_settings_are_per_user(directory_app, people):
    app = directory_app
    client = signed_in(app, people.uz_ca)
    assert client.get("/notifications/settings").status_code == 200
    bad = client.post("/notifications/settings", data={"email_notifications": "hourly"})
    assert bad.status_code == 422
    ok = client.post("/notifications/settings", data={"email_notifications": "digest"})
    assert ok.status_code == 303
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == people.uz_ca.email))
        assert user.email_notifications == "digest"


def test_a_malformed_smtp_url_stops_the_start_with_the_reason(backend):
    from casetrack import create_app
    from tests.conftest import base_config

    with pytest.raises(ValueError, match="smtp://"):
        create_app({**base_config("sqlite://"), "SMTP_URL": "http://mail.example"})


def _kinds(app, email):
    with app.app_context():
        return [
            (n.kind, n.reference)
            for n in db.session.scalars(
                select(Notification).join(User).where(User.email == email).order_by(Notification.id)
            )
        ]


def test_every_kind_of_step_reaches_its_people(directory_app, people):
    app = directory_app
    with app.app_context():
        drafter = db.session.scalar(select(User).where(User.email == people.almaty.email))
    pending = make_request(app, "pending_approval", to="UZ-GPO")
    asked = make_request(app, "in_execution", to="UZ-GPO")
    with app.app_context():
        for request_id in (pending, asked):
            db.session.get(Request, request_id).created_by_id = drafter.id
        db.session.commit()
        refs = {i: db.session.get(Request, i).reference for i in (pending, asked)}
    _step(api_client(app, people.kz_ca), pending, "reject", comment="The facts are too thin")
    assert ("returned", refs[pending]) in _kinds(app, people.almaty.email)
    _step(api_client(app, people.uz_ca), asked, "ask_info", comment="Which account?")
    assert ("info_requested", refs[asked]) in _kinds(app, people.almaty.email)
    _step(api_client(app, people.almaty), asked, "provide_info")
    assert ("info_provided", refs[asked]) in _kinds(app, people.uz_ca.email)
    # The requested side is not told of the drafter's own business, nor Georgia of anything.
    assert not [k for k in _kinds(app, people.uz_ca.email) if k[1] == refs[pending]]
    assert _kinds(app, people.tbilisi.email) == []


def test_deadlines_due_soon_or_missed_are_told_once(directory_app, people):
    app = directory_app
    runner = app.test_cli_runner()
    from casetrack.models import Deadline, DeadlineState

    with app.app_context():
        # One response overdue by 5 days, one due in 4 days, and others later or met.
        make_monitored_requests(db.session, people)
        db.session.commit()
        owed = db.session.scalars(
            select(Deadline).where(
                Deadline.state == DeadlineState.OPEN, Deadline.request_id.is_not(None)
            )
        ).all()
        assert owed
    for _ in range(2):
        result = runner.invoke(args=["casetrack", "reminders"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        notes = db.session.scalars(
            select(Notification).where(
                Notification.kind.in_(("deadline_missed", "deadline_due_soon"))
            )
        ).all()
        assert notes
        keys = [(n.user_id, n.deadline_id, n.kind) for n in notes]
        assert len(keys) == len(set(keys))  # the second run told nobody again
        for note in notes:
            deadline = db.session.get(Deadline, note.deadline_id)
            assert note.user.office_id == deadline.owner_office_id or (
                deadline.owner_user_id == note.user_id
            )


def test_a_new_cross_border_hit_is_told(directory_app, people):
    app = directory_app
    from datetime import date as day

    from casetrack.models import Office, Party, PartyKind
    from casetrack.parties.names import set_names

    with app.app_context():
        make_person(
            db.session,
            office=office(db.session, "KZ-ALM"),
            spellings=[("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
            birth_date=day(1979, 4, 12),
        )
        db.session.commit()
        tashkent = db.session.scalar(select(Office).where(Office.code == "UZ-TAS"))
        party = Party(office=tashkent, kind=PartyKind.PERSON, display_name="")
        party.birth_date = day(1979, 4, 12)
        db.session.add(party)
        set_names(party, [{"full_name": "ALIEV TIMUR RASHIDOVICH"}])
        db.session.commit()
        told = db.session.scalars(
            select(Notification).where(Notification.kind == "cross_border_hit")
        ).all()
        offices = {n.user.office.code for n in told}
    assert "KZ-ALM" in offices and "UZ-TAS" in offices
