"""Django's Redis cache, with one client per connection pool instead of one per call,
that degrades instead of breaking when Redis is down.

Django's backend makes a new ``redis.Redis`` for every cache operation, and redis-py's
constructor fills a table of some 170 reply callbacks each time: 0.2 ms, more than
the GET it then sends (measured on the bench machine, 2026-11-23). A signed-in page
asks the cache three times (its session, the header, its rows). A ``redis.Redis``
over a pool is safe to share between threads, so one per pool will do.

Redis holds nothing that cannot be rebuilt (docs/deploy.md: rendered pieces, counters
on their way to the database, cached sessions whose rows are in the database). So when
it does not answer, every cache call is logged and answered as a miss (a read finds
nothing, a write keeps nothing), and for the next few seconds the process does not try
again, so pages do not each wait for a connection timeout. The site stays up, slower.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from django.core.cache.backends import redis as django_redis

logger = logging.getLogger("ortaq.cache")
T = TypeVar("T")
# After a failure, how long this process answers from nothing before trying Redis again.
RETRY_AFTER = 5.0
_down_until = 0.0


def is_down() -> bool:
    return time.monotonic() < _down_until


def _guarded(call: Callable[[], T], fallback: T) -> T:
    global _down_until
    if is_down():
        return fallback
    try:
        return call()
    except redis.RedisError as error:
        _down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Redis is not answering (%s); the cache answers as empty for %s s", error, RETRY_AFTER)
        return fallback


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # Each operation of the cache, answered as a miss when Redis does not answer.
    def get(self, key: Any, default: Any) -> Any:
        return _guarded(lambda: super(RedisCacheClient, self).get(key, default), default)

    def get_many(self, keys: Any) -> Any:
        nothing: dict[Any, Any] = {}
        return _guarded(lambda: super(RedisCacheClient, self).get_many(keys), nothing)

    def has_key(self, key: Any) -> bool:
        return _guarded(lambda: super(RedisCacheClient, self).has_key(key), False)

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return _guarded(lambda: super(RedisCacheClient, self).add(key, value, timeout), False)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        _guarded(lambda: super(RedisCacheClient, self).set(key, value, timeout), None)

    def set_many(self, data: Any, timeout: Any) -> None:
        _guarded(lambda: super(RedisCacheClient, self).set_many(data, timeout), None)

    def touch(self, key: Any, timeout: Any) -> bool:
        return _guarded(lambda: super(RedisCacheClient, self).touch(key, timeout), False)

    def delete(self, key: Any) -> bool:
        return _guarded(lambda: super(RedisCacheClient, self).delete(key), False)

    def delete_many(self, keys: Any) -> None:
        _guarded(lambda: super(RedisCacheClient, self).delete_many(keys), None)

    def clear(self) -> bool:
        return _guarded(lambda: super(RedisCacheClient, self).clear(), False)

    def incr(self, key: Any, delta: int) -> Any:
        # During an outage the count starts from nothing, as after an eviction.
        return _guarded(lambda: super(RedisCacheClient, self).incr(key, delta), delta)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


def ping(url: str) -> bool:
    """Whether a Redis answers, for /healthz (a short timeout: the balancer is waiting)."""
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False
