"""A hostile walk over every URL rule of the application and every form field it renders.

For each rule (pages and API alike, read from ``app.url_map`` at run time, so routes added
later are walked too) hypothesis fills the path's arguments, the query string and a form or
JSON body with hostile values: integers far past any column's range, NUL, lone surrogates,
bidi controls, 100,000-character strings, markup, CR/LF. Every answer must be below 500.

The walk is deterministic (fixed seed) and bounded: CASETRACK_WALK_EXAMPLES examples per rule
and method (6 by default); ``make fuzz`` runs many more.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from sqlalchemy import select

from casetrack.db import db
from tests.factories import api_client, make_network, signed_in

EXAMPLES = int(os.environ.get("CASETRACK_WALK_EXAMPLES", "6"))
SEED = int(os.environ.get("CASETRACK_FUZZ_SEED", "20261201"))
PROSECUTOR, ADMIN = "almaty", "admin"

HOSTILE = [
    "",
    "0",
    "-1",
    str(2**31),
    str(2**63),
    str(10**30),
    "-" + str(10**30),
    "1e309",
    "NaN",
    "a\x00b",
    "\x00",
    "x\ud800y",
    "\udfff",
    "abc\u202edcba.exe",
    "\u2066\u2067\u2068",
    "\ufeff\u200b",
    "ʼ",
    "\u0301\u0301",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases; --",
    "../../../../etc/passwd",
    "/\r\nX-Evil: 1",
    "//evil.example/",
    "%00%0d%0a",
    "9999-99-99",
    "2026-02-30",
    "0001-01-01",
    "true",
    "null",
    "[]",
    "{}",
    "x" * 100_000,
]
#: Query parameters the pages read (filters, paging, redirect targets, subjects of a form).
QUERY_NAMES = [
    "page",
    "per_page",
    "q",
    "status",
    "sort",
    "next",
    "lang",
    "case_id",
    "asset_id",
    "owner_id",
    "party_id",
    "from",
    "to",
    "country",
    "kind",
    "direction",
    "overdue",
    "scope",
    "due",
    "state",
    "section",
    "office",
    "between",
    "on",
]

text_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _encode(value: str) -> str:
    # As a client would put it on the wire: UTF-8, lone surrogates and all, percent-encoded.
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def _form_body(fields: dict[str, str]) -> bytes:
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in fields.items()).encode("ascii")


def _field_names(html: str) -> set[str]:
    return {
        name
        for name in re.findall(r'name="([^"]+)"', html)
        if name not in {"csrf_token", "viewport"}
    }


def _id_pools(app, people) -> dict[str, list[int]]:
    from casetrack import models as m

    tables = {
        "case_id": m.Case,
        "party_id": m.Party,
        "asset_id": m.Asset,
        "link_id": m.PartyLink,
        "hit_id": m.CrossBorderHit,
        "deadline_id": m.Deadline,
        "request_id": m.Request,
        "document_id": m.Document,
        "id": m.Request,
    }
    with app.app_context():
        pools = {
            name: list(db.session.scalars(select(model.id).order_by(model.id).limit(12)))
            for name, model in tables.items()
        }
        mine = {people.almaty.id, people.admin.id}
        pools["user_id"] = [
            i for i in db.session.scalars(select(m.User.id).order_by(m.User.id)) if i not in mine
        ]
    return pools


def _rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in ("static", "bootstrap.static") or rule.rule.startswith("/static"):
            continue
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        for method in methods:
            yield rule, method


def _path_strategy(rule, pools: dict[str, list[int]]):
    parts = {}
    for name, converter in rule._converters.items():
        if type(converter).__name__ in ("BoundedIntConverter", "IntegerConverter"):
            pool_name = "user_id" if rule.rule.startswith("/admin/users") else name
            pool = pools.get(pool_name) or [1]
            parts[name] = st.one_of(
                st.sampled_from(pool),
                st.integers(min_value=0, max_value=10**30),
            ).map(str)
        else:
            known = ["request", "acknowledgement", "reminder", "execution", "basis", "csv"]
            parts[name] = st.one_of(st.sampled_from(known), text_values)
    return st.fixed_dictionaries(parts)


def _build_path(rule, values: dict[str, str]) -> str:
    def repl(match: re.Match) -> str:
        name = match.group(1).split(":")[-1]
        return _encode(values[name])

    return re.sub(r"<([^>]+)>", repl, rule.rule)


class Walker:
    """Sends hostile requests to one rule at a time and notes every server error."""

    def __init__(self, app, people, clients, token, pools, form_names):
        self.app, self.people, self.clients, self.token = app, people, clients, token
        self.pools, self.form_names = pools, form_names
        self.sent = 0
        self.failures: list[str] = []

    def walk(self, rule, method: str) -> None:
        @seed(SEED)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(
            path=_path_strategy(rule, self.pools),
            query=st.dictionaries(st.sampled_from(QUERY_NAMES), text_values, max_size=4),
            form=st.dictionaries(st.sampled_from(self.form_names), text_values, max_size=8),
        )
        def one(path, query, form):
            self.send(rule, method, path, query, form)

        one()

    def send(self, rule, method: str, path: dict, query: dict, form: dict) -> None:
        is_api = rule.rule.startswith("/api/")
        owner = ADMIN if rule.rule.startswith("/admin") else PROSECUTOR
        url = _build_path(rule, path)
        kwargs = {"query_string": _form_body(query).decode("ascii")}
        headers = dict(self.token) if is_api else {}
        if method != "GET":
            if is_api:
                kwargs["data"] = json.dumps(form).encode("utf-8", "surrogatepass")
                kwargs["content_type"] = "application/json"
            else:
                kwargs["data"] = _form_body(form)
                kwargs["content_type"] = "application/x-www-form-urlencoded"
        response = self.clients[owner].open(url, method=method, headers=headers, **kwargs)
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append(
                f"{method} {url[:200]} query={str(query)[:200]} form={str(form)[:300]}"
                f" → {response.status_code}"
            )
        location = response.headers.get("Location", "")
        if response.status_code in (301, 302, 303) and location.startswith("/login"):
            # A walked log-out ended the session: sign in again.
            self.clients[owner] = signed_in(self.app, getattr(self.people, owner))
        assert "\r" not in location and "\n" not in location


def test_hostile_walk_over_every_rule_and_form(directory_app, people):
    app = directory_app
    make_network(app, people)
    pools = _id_pools(app, people)
    clients = {name: signed_in(app, getattr(people, name)) for name in (PROSECUTOR, ADMIN)}
    token = api_client(app, people.almaty).headers
    # The form fields every page shows, gathered from the pages themselves.
    names: set[str] = set()
    for rule, method in _rules(app):
        if (
            method != "GET"
            or rule.rule.startswith("/api/")
            or rule.rule.endswith((".pdf", ".ics", ".json", ".<fmt>"))
        ):
            continue
        values = {n: str((pools.get(n) or [1])[0]) for n in rule.arguments}
        owner = ADMIN if rule.rule.startswith("/admin") else PROSECUTOR
        response = clients[owner].get(_build_path(rule, values))
        if response.status_code == 200 and response.mimetype == "text/html":
            names |= _field_names(response.get_data(as_text=True))
    form_names = sorted(names - {"next"}) + ["next"]
    assert len(form_names) > 30, form_names

    walker = Walker(app, people, clients, token, pools, form_names)
    for rule, method in _rules(app):
        walker.walk(rule, method)

    print(f"\nhostile walk: {walker.sent} requests over {len(list(_rules(app)))} rule/methods")
    failures = walker.failures
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:40])
