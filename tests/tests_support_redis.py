"""Redis for the tests that need it: started by `.ci/run`; locally a missing Redis skips."""

from __future__ import annotations

import os

from conftest import need


def redis_available() -> None:
    """Fail in CI, skip locally, when Redis does not answer."""
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        ok = Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")).ping()
    except RedisError:
        ok = False
    need(ok, "Redis does not answer at REDIS_URL (redis://127.0.0.1:6379/0)")
