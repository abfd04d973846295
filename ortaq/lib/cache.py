"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's backend makes a new ``redis.Redis`` for every cache operation, and redis-py's
constructor fills a table of some 170 reply callbacks each time: 0.2 ms, more than
the GET it then sends (measured on the bench machine, 2026-11-23). A signed-in page
asks the cache three times (its session, the header, its rows). A ``redis.Redis``
over a pool is safe to share between threads, so one per pool will do.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis as django_redis


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


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
