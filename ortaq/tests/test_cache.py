"""The Redis cache keeps one client per connection pool (ortaq/lib/cache.py)."""

from __future__ import annotations

import redis

from ortaq.lib.cache import RedisCache


def test_it_makes_one_client_per_pool_and_keeps_it() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/13", {})
    client = cache._cache.get_client()
    assert isinstance(client, redis.Redis)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("some key") is client


def test_a_replica_has_a_client_of_its_own() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/13;redis://127.0.0.2:6379/13", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()  # reads go to the second server
    assert writer is not reader
    assert writer.connection_pool is not reader.connection_pool
    assert cache._cache.get_client() is reader
    assert cache._cache.get_client(write=True) is writer
