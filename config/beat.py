"""The beat's scheduler: Celery's own, in memory, recording each tick for ``/health/``.

In memory, because the schedule is a fixed interval from the settings: nothing needs to
survive a restart, and no schedule file ties the beat to one machine's disk (Celery's
default keeps one). A second beat only means a second sweep, which the reminders' claims
make harmless.
"""

import logging

import redis
from celery.beat import Scheduler

from config.health import record_beat_tick

logger = logging.getLogger(__name__)


class TickRecordingScheduler(Scheduler):
    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        try:
            record_beat_tick()
        except redis.RedisError as error:
            # The broker is away too, so nothing was sent either; Celery reconnects.
            logger.warning("Beat tick not recorded: %s", error)
        return interval
