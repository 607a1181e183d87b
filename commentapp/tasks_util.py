"""Queueing Celery tasks from request code without letting a broker outage become a 500."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def enqueue_safely(task, *args, level: int = logging.WARNING, consequence: str = "") -> bool:
    """`task.apply_async(args)`; if the broker cannot take it, log and return False.

    The request that asked for the work has already been saved, so the visitor still gets
    their normal answer. Callers say in `consequence` what happens to the lost job (a sweeper
    re-queues it, or nothing does: then pass level=logging.ERROR so someone notices).
    """
    try:
        task.apply_async(args=list(args))
    except Exception:  # kombu OperationalError, redis ConnectionError, socket errors...
        logger.log(
            level,
            "Could not queue %s%r. %s",
            getattr(task, "name", task),
            args,
            consequence,
            exc_info=True,
        )
        return False
    return True


def waiting_messages(queue: str | None = None) -> int | None:
    """Messages waiting in the broker's queue (not yet handed to a worker); None when tasks run
    in-process or the broker does not answer within a couple of seconds."""
    from commentapp.celery import app

    if app.conf.task_always_eager:
        return None
    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1)
            declared = conn.default_channel.queue_declare(
                queue=queue or app.conf.task_default_queue, passive=False, durable=True
            )
            return int(declared.message_count)
    except Exception:  # kombu OperationalError, redis ConnectionError, socket errors...
        logger.warning("Could not read the broker queue length.", exc_info=True)
        return None
