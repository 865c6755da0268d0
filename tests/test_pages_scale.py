"""Every list page, dashboard and API list runs as many statements on a bigger network.

Measured at two sizes in one database: a small network built here (a request each way between
Almaty and Tashkent, their deadlines, a person both offices recorded), then the same with a
synthetic one (``synth``) of many times its requests, deadlines and hits. A page whose
statements grow with the rows (a query per row, a loader per batch of rows) fails here;
timings are the benchmark's business (bench/scale_bench.py), never a test's.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import CrossBorderHit, Deadline, Request, RequestStatus
from tests.factories import (
    api_client,
    make_case,
    make_deadline,
    make_party,
    make_request,
    office,
    signed_in,
)

PROSECUTOR, CENTRAL, COORDINATOR = "almaty", "kz_ca", "coordinator"

PAGES = [
    (PROSECUTOR, "/dashboard"),
    (CENTRAL, "/dashboard"),
    (COORDINATOR, "/dashboard"),
    (PROSECUTOR, "/deadlines"),
    (PROSECUTOR, "/deadlines?state=all"),
    (CENTRAL, "/deadlines"),
    (CENTRAL, "/deadlines?due=overdue"),
    (PROSECUTOR, "/requests/"),
    (CENTRAL, "/requests/"),
    (CENTRAL, "/requests/incoming"),
    (CENTRAL, "/requests/incoming?queue=dispatch"),
    (PROSECUTOR, "/requests/?queue=answers"),
    (COORDINATOR, "/monitoring"),
    (CENTRAL, "/monitoring?scope=mine"),
    (COORDINATOR, "/monitoring/requests?status=open"),
]
API = [
    (PROSECUTOR, "/api/v1/deadlines"),
    (CENTRAL, "/api/v1/deadlines?state=open"),
    (PROSECUTOR, "/api/v1/links/hits"),
    (CENTRAL, "/api/v1/links/hits?per_page=5"),
    (COORDINATOR, "/api/v1/links/hits"),
    (PROSECUTOR, "/api/v1/requests"),
    (COORDINATOR, "/api/v1/stats/requests"),
]


def _is_touch(statement: str) -> bool:
    """A session's or token's "last seen" write: made once a minute, whatever the page (the
    bigger network takes a while to build, so its pages would pay for it once)."""
    return statement.lstrip().upper().startswith(("UPDATE USER_SESSIONS", "UPDATE API_TOKENS"))


def _sizes(app) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Request.id))),
            db.session.scalar(select(func.count(Deadline.id))),
            db.session.scalar(select(func.count(CrossBorderHit.id))),
        )


def _small_network(session) -> None:
    """A request each way between Almaty and Tashkent (one overdue), and one person both
    offices recorded, so that every list has rows and the dashboard a hit."""
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    outgoing = make_request(
        session, case=make_case(session, office=almaty), requested_office=tashkent,
        status=RequestStatus.SENT,
    )  # fmt: skip
    make_deadline(session, request=outgoing, due_on=clock.today() - timedelta(days=3))
    incoming = make_request(
        session, case=make_case(session, office=tashkent), requested_office=almaty,
        status=RequestStatus.RECEIVED,
    )  # fmt: skip
    make_deadline(session, request=incoming, owner_office_id=almaty.id)
    for at in (almaty, tashkent):  # matched when the test commits: a hit for each side
        make_party(session, office=at, names=["Akhmetov Timur Bolatovich"])


def test_statements_do_not_grow_with_the_network(directory_app, people, count_queries):
    with directory_app.app_context():
        _small_network(db.session)
        db.session.commit()
    who = {name: getattr(people, name) for name in (PROSECUTOR, CENTRAL, COORDINATOR)}
    clients = {name: signed_in(directory_app, person) for name, person in who.items()}
    apis = {name: api_client(directory_app, person) for name, person in who.items()}

    def counts() -> dict[str, int]:
        found = {}
        for email, path in PAGES + API:
            client = apis[email] if path.startswith("/api/") else clients[email]
            with count_queries() as statements:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            found[f"{email} {path}"] = len([s for s in statements if not _is_touch(s)])
        return found

    counts()  # the sessions' and tokens' first use is recorded once
    small = counts()
    before = _sizes(directory_app)
    assert all(before), before  # the small network has requests, deadlines and a hit
    result = directory_app.test_cli_runner().invoke(
        args=["casetrack", "synth", "--cases", "150", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    after = _sizes(directory_app)
    # The second size is many times the first: requests, deadlines and hits.
    assert all(large >= 5 * max(1, few) for few, large in zip(before, after, strict=True)), (
        before,
        after,
    )
    assert counts() == small
