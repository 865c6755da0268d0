"""Work queues: what each role's queues hold, their counts, and that counting them takes the
same few statements whatever the number of requests."""

from __future__ import annotations

import re

from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.mla import queues
from casetrack.models import Request, User
from tests.factories import api_client, office, signed_in
from tests.test_mla_lifecycle import make_request


def _counts(app, person):
    with app.app_context():
        return queues.counts(db.session, db.session.get(User, person.id), clock.today())


def _ids(client, queue, direction):
    response = client.get(f"/api/v1/requests?queue={queue}&direction={direction}&per_page=200")
    assert response.status_code == 200, response.json
    return {item["id"] for item in response.json["items"]}


def test_each_queue_holds_what_it_says(directory_app, people):
    pending = make_request(directory_app, "pending_approval", to="UZ-GPO")
    asked = make_request(directory_app, "information_requested", to="UZ-GPO")
    incoming = make_request(directory_app, "received", to="UZ-GPO")
    kz_ca, uz_ca, almaty, tashkent = (
        api_client(directory_app, person)
        for person in (people.kz_ca, people.uz_ca, people.almaty, people.tashkent)
    )
    assert pending in _ids(kz_ca, "approval", "outgoing")
    assert asked in _ids(almaty, "info", "outgoing") and asked in _ids(kz_ca, "info", "outgoing")
    assert incoming in _ids(uz_ca, "dispatch", "incoming")
    assert incoming not in _ids(tashkent, "assigned", "incoming")
    uz_ca.post(
        f"/api/v1/requests/{incoming}/transitions",
        json={"action": "dispatch", "office": "UZ-TAS", "due_on": None},
    )
    assert incoming not in _ids(uz_ca, "dispatch", "incoming")
    assert incoming in _ids(tashkent, "assigned", "incoming")
    assert incoming in _ids(uz_ca, "assigned", "incoming")  # the CA sees its country's offices
    tashkent.post(f"/api/v1/requests/{incoming}/transitions", json={"action": "start"})
    tashkent.post(f"/api/v1/requests/{incoming}/transitions", json={"action": "execute"})
    assert incoming in _ids(almaty, "answers", "outgoing")
    assert incoming not in _ids(tashkent, "assigned", "incoming")
    # A prosecutor has no approval or dispatch queue.
    assert set(_counts(directory_app, people.almaty)) == {"assigned", "info", "answers"}
    assert set(_counts(directory_app, people.kz_ca)) == {
        "approval",
        "dispatch",
        "assigned",
        "info",
        "answers",
    }


def test_counts_match_the_lists(directory_app, people):
    make_request(directory_app, "pending_approval", to="UZ-GPO")
    make_request(directory_app, "received", to="UZ-GPO")
    for person in (people.kz_ca, people.uz_ca, people.almaty):
        client = api_client(directory_app, person)
        for key, count in _counts(directory_app, person).items():
            direction = queues.BY_KEY[key].direction
            assert len(_ids(client, key, direction)) == count, (person.email, key)
        page = signed_in(directory_app, person).get("/dashboard").get_data(as_text=True)
        for key, count in _counts(directory_app, person).items():
            assert re.search(rf'data-testid="queue-{key}">{count}<', page), (person.email, key)


def _add_requests(app, count):
    with app.app_context():
        almaty, uz = office(db.session, "KZ-ALM"), office(db.session, "UZ-GPO")
        last = db.session.scalar(select(Request.seq).order_by(Request.seq.desc())) or 0
        for i in range(count):
            db.session.add(
                Request(
                    reference=f"KZ-ALM/BULK/{last + i + 1}",
                    year=2000 + (i % 20),
                    seq=last + i + 1000,
                    requesting_office=almaty,
                    requested_office=uz,
                    status=["pending_approval", "information_requested", "received"][i % 3],
                    subject="bulk",
                    sent_at=None,
                )
            )
        db.session.commit()


def _statements_for_dashboard(app, count_queries, person):
    client = signed_in(app, person)
    with count_queries() as statements:
        assert client.get("/dashboard").status_code == 200
    return [s for s in statements if "requests" in s.lower()]


def test_counting_the_queues_does_not_grow_with_the_requests(directory_app, people, count_queries):
    _add_requests(directory_app, 5)
    small = _statements_for_dashboard(directory_app, count_queries, people.kz_ca)
    _add_requests(directory_app, 120)
    large = _statements_for_dashboard(directory_app, count_queries, people.kz_ca)
    assert len(large) == len(small)
    counts = _counts(directory_app, people.kz_ca)
    assert counts["approval"] >= 40 and counts["info"] >= 40


def test_a_long_queue_is_counted_up_to_its_cap(directory_app, people):
    # 105 awaiting approval: counted up to 101 (one past the cap) and shown as "100+".
    with directory_app.app_context():
        almaty, uz = office(db.session, "KZ-ALM"), office(db.session, "UZ-GPO")
        last = db.session.scalar(select(Request.seq).order_by(Request.seq.desc())) or 0
        db.session.add_all(
            Request(
                reference=f"KZ-ALM/CAP/{i}",
                year=2001,
                seq=last + i + 1,
                requesting_office=almaty,
                requested_office=uz,
                status="pending_approval",
                subject="capped",
            )
            for i in range(105)
        )
        db.session.commit()
    assert _counts(directory_app, people.kz_ca)["approval"] == queues.COUNT_CAP + 1
    page = signed_in(directory_app, people.kz_ca).get("/dashboard").get_data(as_text=True)
    assert 'data-testid="queue-approval">100+<' in page
    assert re.search(r'data-testid="menu-queues-count">\d+\+<', page)
