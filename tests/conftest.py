"""Fixtures: migrated template databases per backend, copied for each test.

Three templates: the schema alone (``empty_app``), the real directory of countries, offices
and treaties (``directory_app``, with ``people``: what tests build on, with tests/factories.py),
and the demo network (``demo_app``, ``login_as``, ``api_as``, ``english_ui``: the demo's own
tests only). Every test that takes one runs on SQLite and on PostgreSQL. PostgreSQL runs where
CASETRACK_TEST_POSTGRES_URL is set (``make test`` documents it); with CI=true a missing
PostgreSQL or Chromium fails the run instead of skipping.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import os
import queue
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

os.environ.setdefault("CASETRACK_INSTANCE_PATH", tempfile.mkdtemp(prefix="casetrack-instance-"))
# A pinned time zone and a fixed clock (casetrack.clock): every test process, and any server a
# test starts, agrees on one day, whatever the real date. CASETRACK_CLOCK may be set to run the
# suite on another day.
os.environ["TZ"] = "UTC"
time.tzset()
os.environ.setdefault("CASETRACK_CLOCK", "2026-12-02T09:00:00+00:00")

from casetrack import clock, create_app  # noqa: E402
from casetrack.demo import DEMO_PASSWORD  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("CASETRACK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"]
_counter = itertools.count()


def need(condition: bool, reason: str) -> None:
    """Skip locally when something is missing; in CI fail instead, so nothing skips there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def base_config(database_url: str) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "AUDIT_KEY": "test-audit-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
        "ARGON2_PARALLELISM": 1,
        "SERVER_NAME": None,
        # Jobs run right after the commit that queued them (one test uses a real RQ worker).
        "JOBS_MODE": "eager",
    }
    if database_url.startswith("postgresql"):
        # A test's database is thrown away: its commits need not wait for the WAL to reach
        # the disk (this connection's setting; the server's stays as it is).
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_pre_ping": True,
            "connect_args": {"options": "-c synchronous_commit=off"},
        }
    return config


def _admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def _pg_execute(url: str, statement: str) -> None:
    engine = create_engine(_admin_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()


#: What a template database holds: nothing but the schema, the real directory (countries,
#: offices, treaties), or the directory and the demo network.
EMPTY, DIRECTORY, DEMO = "empty", "directory", "demo"


def _migrate_and_load(database_url: str, kind: str) -> None:
    from flask_migrate import upgrade

    from casetrack import demo, reference
    from casetrack.db import db

    app = create_app(base_config(database_url))
    with app.app_context():
        upgrade()
        if kind in (DIRECTORY, DEMO):
            reference.load(db.session)
        if kind == DEMO:
            demo.load_demo_users(db.session)
            demo.load_demo_network(db.session, clock.today())
        db.session.commit()
        db.engine.dispose()


class _CopyPool:
    """PostgreSQL copies of one template, made one ahead by a thread of their own.

    ``CREATE DATABASE … TEMPLATE`` takes about 0.65 s for the 12 MB demo database, mostly
    waiting on the disk; made while the previous test runs, the next test finds its copy
    ready instead of waiting for it. Each test still gets a database no other test touched.
    ``STRATEGY FILE_COPY`` copies the template's files instead of writing them to the WAL
    (PostgreSQL 15's default): for a small template, copy and drop took 0.18 s against 0.25 s.
    """

    def __init__(self, source: str, new_name):
        self.source = make_url(source).database
        self.new_name = new_name
        self.ready: queue.Queue = queue.Queue(maxsize=1)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._fill, daemon=True)
        self.thread.start()

    def _fill(self) -> None:
        while not self.stopping.is_set():
            url, name = self.new_name()
            try:
                _pg_execute(
                    POSTGRES_URL,
                    f'CREATE DATABASE "{name}" TEMPLATE "{self.source}" STRATEGY FILE_COPY',
                )
            except Exception as error:  # noqa: BLE001 - handed to the test that takes it
                self.ready.put(error)
                return
            self.ready.put(url)

    def take(self) -> str:
        made = self.ready.get(timeout=120)
        if isinstance(made, Exception):
            raise made
        return made

    def close(self) -> None:
        self.stopping.set()
        while self.thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._drop(self.ready.get(timeout=0.1))
        while not self.ready.empty():
            self._drop(self.ready.get_nowait())

    @staticmethod
    def _drop(made) -> None:
        if isinstance(made, str):
            _pg_execute(
                POSTGRES_URL, f'DROP DATABASE IF EXISTS "{make_url(made).database}" WITH (FORCE)'
            )


class _Dropper:
    """Drops finished tests' PostgreSQL databases in threads of their own.

    ``DROP DATABASE`` waits on the disk (0.2-0.3 s a test, measured in teardown); nothing
    reads a dropped test's database again, so the next test need not wait for it. ``close``
    waits until every database handed over is gone: with one thread, 38 s of drops were still
    queued when a worker's last test ended; two keep up.
    """

    THREADS = 2

    def __init__(self):
        self.names: queue.Queue = queue.Queue()
        self.threads = [
            threading.Thread(target=self._run, daemon=True) for _ in range(self.THREADS)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while (name := self.names.get()) is not None:
            _pg_execute(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop(self, name: str) -> None:
        self.names.put(name)

    def close(self) -> None:
        for _thread in self.threads:
            self.names.put(None)
        for thread in self.threads:
            thread.join()


class Backend:
    """Makes throwaway databases of one kind from a migrated template."""

    def __init__(self, name: str, workdir: Path):
        self.name = name
        self.workdir = workdir
        self.templates: dict[str, str] = {}
        self.built: dict[str, object] = {}
        self.created: list[str] = []
        self.pools: dict[str, _CopyPool] = {}
        self.dropper = _Dropper() if name == "postgresql" else None

    def _new_sqlite(self) -> str:
        return f"sqlite:///{self.workdir / f'db-{next(_counter)}.sqlite'}"

    def _new_pg(self) -> tuple[str, str]:
        name = f"casetrack_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        return make_url(POSTGRES_URL).set(database=name).render_as_string(False), name

    def template(self, kind: str) -> str:
        if kind not in self.templates:
            if self.name == "sqlite":
                url = self._new_sqlite()
            else:
                url, name = self._new_pg()
                _pg_execute(POSTGRES_URL, f'CREATE DATABASE "{name}"')
                self.created.append(name)
            _migrate_and_load(url, kind)
            self.templates[kind] = url
        return self.templates[kind]

    def snapshot(self, build, people: dict) -> str:
        """The template of ``build``: a copy of the directory on which ``make_people(session,
        **people)`` and then ``build(session, made_people)`` ran once; ``self.built`` keeps the
        people and what ``build`` returned."""
        kind = f"{build.__module__}.{build.__qualname__}:{people!r}"
        if kind not in self.templates:
            from casetrack.db import db
            from tests.factories import make_people

            url = self.copy(DIRECTORY)
            if self.name == "postgresql":
                self.created.append(make_url(url).database)
            application = create_app(base_config(url))
            with application.app_context():
                made = make_people(db.session, **people)
                self.built[kind] = (made, build(db.session, made))
                db.session.commit()
                db.session.remove()
                db.engine.dispose()
            self.templates[kind] = url
        return kind

    def empty(self) -> str:
        """A database with nothing in it, not even tables."""
        if self.name == "sqlite":
            return self._new_sqlite()
        url, name = self._new_pg()
        _pg_execute(POSTGRES_URL, f'CREATE DATABASE "{name}"')
        return url

    def copy(self, kind: str = DEMO) -> str:
        source = self.template(kind)
        if self.name == "sqlite":
            target = self._new_sqlite()
            shutil.copyfile(make_url(source).database, make_url(target).database)
            return target
        if kind not in self.pools:
            self.pools[kind] = _CopyPool(source, self._new_pg)
        return self.pools[kind].take()

    def drop(self, url: str) -> None:
        if self.name == "sqlite":
            with contextlib.suppress(FileNotFoundError):
                Path(make_url(url).database).unlink()
            return
        self.dropper.drop(make_url(url).database)

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()
        if self.dropper is not None:
            self.dropper.close()
        if self.name == "postgresql":
            for name in self.created:
                _pg_execute(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory):
    """A database kind: every test that uses the database runs once per kind."""
    if request.param == "postgresql":
        need(bool(POSTGRES_URL), "CASETRACK_TEST_POSTGRES_URL is not set; PostgreSQL tests skip")
    kind = Backend(request.param, tmp_path_factory.mktemp(request.param))
    yield kind
    kind.close()


def _make_app(backend: Backend, url: str, **overrides):
    app = create_app({**base_config(url), **overrides})
    return app


#: One application per worker process, database kind and template, bound to each test's
#: own database in turn: building the application (its routes and the OpenAPI document)
#: took 0.2 s, longer than copying the database, and 1,500 tests built one each.
_shared_apps: dict[tuple[str, str], object] = {}


def _bind(application, url: str) -> None:
    """Point ``application``'s engine at another database, as ``SQLAlchemy.init_app`` does.

    ``init_app`` itself may not run again once the application has served a request (it
    registers a teardown); the engine is made the same way, from the same options.
    """
    from casetrack.db import db

    engines = db._app_engines[application]
    for engine in engines.values():
        engine.dispose()
    application.config["SQLALCHEMY_DATABASE_URI"] = url
    echo = application.config.get("SQLALCHEMY_ECHO", False)
    options = {
        **db._engine_options,
        **application.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        "url": url,
        "echo": echo,
        "echo_pool": echo,
    }
    db._apply_driver_defaults(options, application)
    engines[None] = db._make_engine(None, options, application)


def _app_on(backend: Backend, kind: str):
    url = backend.copy(kind)
    key = (backend.name, kind)
    if key not in _shared_apps:
        _shared_apps[key] = _make_app(backend, url)
    application = _shared_apps[key]
    _bind(application, url)
    # A test may change the configuration (a limit, a mode): the next test starts without.
    config = dict(application.config)
    try:
        yield application
    finally:
        from casetrack.db import db

        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        application.config.clear()
        application.config.update(config)
        backend.drop(url)


class Snapshot:
    """An application on a fresh copy of a snapshot, its ``people`` and what its builder
    returned (``built``)."""

    def __init__(self, app, people, built):
        self.app = app
        self.people = people
        self.built = built


def on_snapshot(backend: Backend, build, people: dict | None = None):
    """Yield a ``Snapshot``: the directory, ``People`` (``make_people`` with ``people``'s
    overrides) and what ``build(session, made_people)`` adds, built once per worker and
    database kind and copied for each test like the other templates.

    For a module whose every test starts from the same records: building them took longer
    than copying a database (0.3-0.8 s a test in tests/test_documents_issue.py). ``build``
    returns plain values (ids, references), never ORM objects: each test gets a deep copy.
    """
    kind = backend.snapshot(build, people or {})
    made, built = backend.built[kind]
    for application in _app_on(backend, kind):
        yield Snapshot(application, made, copy.deepcopy(built))


def snapshot_fixtures(build, **people):
    """The fixtures of a module whose every test starts from what ``build(session, people)``
    makes: ``world`` (a ``Snapshot``), and that world's ``directory_app`` and ``people`` in
    place of the shared ones; keyword arguments are ``make_people``'s overrides. A module
    assigns them: ``world, directory_app, people = snapshot_fixtures(_requests)``."""

    @pytest.fixture(name="world")
    def world(backend):
        yield from on_snapshot(backend, build, people)

    @pytest.fixture(name="directory_app")
    def world_app(world):
        return world.app

    @pytest.fixture(name="people")
    def world_people(world):
        return world.people

    return world, world_app, world_people


@pytest.fixture
def demo_app(backend):
    """The application on a fresh copy of the demo database: for the demo's own tests only
    (tests/test_cli_and_demo.py, tests/test_demo_*.py; tests/test_architecture.py checks)."""
    yield from _app_on(backend, DEMO)


@pytest.fixture
def empty_app(backend):
    """The application on a migrated database with no rows at all."""
    yield from _app_on(backend, EMPTY)


def _nothing_more(session, people) -> None:
    """The shared ``people`` snapshot: the directory and ``People``."""


_PEOPLE = pytest.StashKey()


@pytest.fixture
def directory_app(backend, request):
    """The application on the real directory (countries, offices, treaties) and nothing else.

    Tests build the users, cases and requests they need with ``tests.factories``; ``people``
    gives one user per role at the directory's offices. A test that asks for ``people`` gets
    them from a snapshot of the directory with them (``on_snapshot``): making eight users
    took 0.1 s a test, nearly a thousand times a run.
    """
    if "people" not in request.fixturenames:
        yield from _app_on(backend, DIRECTORY)
        return
    for made in on_snapshot(backend, _nothing_more):
        request.node.stash[_PEOPLE] = made.people
        yield made.app


@pytest.fixture
def people(directory_app, request):
    """One user per role at real offices of the directory (``tests.factories.People``).

    A module that needs other people makes its own snapshot and overrides ``directory_app``
    and ``people`` both (tests/test_documents_issue.py; tests/test_architecture.py checks).
    """
    return request.node.stash[_PEOPLE]


@pytest.fixture
def english_ui(demo_app):
    """Show every demo user the English interface (some prefer Russian), for text assertions."""
    from sqlalchemy import update

    from casetrack.db import db
    from casetrack.models import User

    with demo_app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()


class AuthActions:
    """Sign a test client in and out through the real log-in form."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = DEMO_PASSWORD, follow: bool = False):
        return self._client.post(
            "/login", data={"email": email, "password": password}, follow_redirects=follow
        )

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def login_as(demo_app):
    """Return a test client signed in as the given demo user."""

    def make(email: str):
        new_client = demo_app.test_client()
        response = AuthActions(new_client).login(email)
        assert response.status_code == 302, f"demo log-in failed for {email}"
        return new_client

    return make


@pytest.fixture
def api_as(demo_app):
    """Return a function giving a bearer-authenticated JSON client for a demo user."""

    def make(email: str):
        from sqlalchemy import select

        from casetrack.auth.services import issue_api_token
        from casetrack.db import db
        from casetrack.models import User

        with demo_app.app_context():
            user = db.session.scalar(select(User).where(User.email == email))
            token = issue_api_token(db.session, user)
            db.session.commit()
        return ApiClient(demo_app.test_client(), token)

    return make


class ApiClient:
    """A test client that sends JSON with a bearer token."""

    def __init__(self, client, token: str):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, json=json, headers=self.headers, **kw)

    def patch(self, path, json=None, **kw):
        return self.client.patch(path, json=json, headers=self.headers, **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers=self.headers, **kw)


@pytest.fixture
def count_queries():
    """Count the SQL statements run inside a ``with count_queries() as counter:`` block.

    Every engine's statements in this thread (the app under test, whichever fixture made it);
    the thread that copies PostgreSQL databases ahead is not counted.
    """
    from sqlalchemy.engine import Engine

    @contextlib.contextmanager
    def counting():
        statements: list[str] = []
        here = threading.get_ident()

        def before(conn, cursor, statement, parameters, context, executemany):
            if threading.get_ident() == here:
                statements.append(statement)

        event.listen(Engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(Engine, "before_cursor_execute", before)

    return counting


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Fail a CI run in which any test skipped."""
    skipped = terminalreporter.stats.get("skipped", [])
    if IN_CI and skipped:
        terminalreporter.write_line(f"CI=true but {len(skipped)} tests skipped", red=True)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter is not None and reporter.stats.get("skipped"):
        session.exitstatus = 1
