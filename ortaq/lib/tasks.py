"""The task queue (e-mails) in Redis, falling back to sending at once when Redis does
not answer: the request is slower, but nothing is lost and nothing breaks."""

from __future__ import annotations

import logging
from typing import Any

import redis
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_rq.backend import RQBackend

logger = logging.getLogger("ortaq.tasks")


class RQBackendOrNow(RQBackend):
    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.now = ImmediateBackend(alias, {**params, "QUEUES": list(self.queues)})

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        try:
            return super().enqueue(task, args, kwargs)
        except redis.RedisError as error:
            logger.warning("Redis is not answering (%s): %s runs at once", error, task.module_path)
            return self.now.enqueue(task, args, kwargs)
