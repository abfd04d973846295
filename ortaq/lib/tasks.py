"""The task queue (e-mails) in Redis, falling back to sending at once when Redis does
not answer: the request is slower, but nothing is lost and nothing breaks. And the
worker that runs it (``settings.RQ["WORKER_CLASS"]``)."""

from __future__ import annotations

import logging
from typing import Any

import redis
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_rq.backend import RQBackend
from rq.worker import Worker as RQWorker

logger = logging.getLogger("ortaq.tasks")


class RQBackendOrNow(RQBackend):
    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.now = ImmediateBackend(alias, {**params, "QUEUES": list(self.queues)})

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        try:
            return super().enqueue(task, args, kwargs)
        except redis.RedisError as error:
            if task.run_after is not None:
                raise  # a task for later cannot run now: its caller decides (a reminder's retry gives its claim back)
            logger.warning("Redis is not answering (%s): %s runs at once", error, task.module_path)
            return self.now.enqueue(task, args, kwargs)


class Worker(RQWorker):
    """RQ's worker waits out a Redis restart by itself while it waits for a job, but
    the scheduler it runs beside it (the process that queues tasks for later, such as
    a reminder's retry, when their time comes) dies at the first Redis error, and RQ
    starts it again only at its maintenance, ten minutes apart at best: a task for 5 s
    later ran 13 minutes late after a restart. This worker does its maintenance, which
    starts the scheduler again, as soon as it finds the scheduler dead."""

    @property
    def should_run_maintenance_tasks(self) -> bool:
        process = self.scheduler._process if self.scheduler is not None else None
        return (process is not None and not process.is_alive()) or super().should_run_maintenance_tasks
