"""Django's Redis cache, made to degrade instead of failing when Redis cannot be reached.

Everything the site keeps in the cache can be done without it: pages are rendered again, sessions are
read from the database (cached_db), figures are counted again. So when Redis is down or unreachable, a
read answers "not found" and a write does nothing, and the failure is logged once per pause instead of
turning every request into a 500. `/sante/` still reports the outage (observatoire.health).

Documented choice for the counters kept in the cache (the API's rate limits, the proposal quota): they
fail open while the cache is down, since refusing every visitor would be the outage itself; the honeypot
and the form's checks still apply to proposals, and the outage is logged.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("foundation.cache")

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, the cache is left alone this many seconds: each request would otherwise wait for
# its own failed connection.
PAUSE_SECONDS = 5.0
# Unless CACHE_URL's own settings say otherwise: an unreachable host must not hold a request long.
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
_paused_until: dict[str, float] = {}


def _degrades(default_from):
    """Run the cache operation; on an outage, log it, pause the cache and answer `default_from(args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.paused:
                return default_from(args, kwargs)
            try:
                return method(self, *args, **kwargs)
            except OUTAGE_ERRORS as error:
                self.pause(error)
                return default_from(args, kwargs)

        return wrapper

    return decorate


def _caller_default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _nothing(args, kwargs):
    return None


def _false(args, kwargs):
    return False


def _empty(args, kwargs):
    return {}


def _all_keys(args, kwargs):
    data = kwargs.get("data", args[0] if args else {})
    return list(data)


class ResilientRedisCache(RedisCache):
    """RedisCache whose operations answer as if the key were missing while Redis is unreachable."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._location = str(server)

    @property
    def paused(self) -> bool:
        """True while the cache is left alone after a failure (read by the health check too)."""
        return time.monotonic() < _paused_until.get(self._location, 0.0)

    def pause(self, error: Exception) -> None:
        # Shared by the threads of the process, which each hold their own backend object.
        _paused_until[self._location] = time.monotonic() + PAUSE_SECONDS
        logger.warning(
            "Cache unreachable (%s: %s): serving without it for %s s", type(error).__name__, error, PAUSE_SECONDS
        )

    get = _degrades(_caller_default)(RedisCache.get)
    get_many = _degrades(_empty)(RedisCache.get_many)
    has_key = _degrades(_false)(RedisCache.has_key)
    add = _degrades(_false)(RedisCache.add)
    set = _degrades(_nothing)(RedisCache.set)
    set_many = _degrades(_all_keys)(RedisCache.set_many)
    touch = _degrades(_false)(RedisCache.touch)
    delete = _degrades(_false)(RedisCache.delete)
    delete_many = _degrades(_nothing)(RedisCache.delete_many)
    incr = _degrades(_nothing)(RedisCache.incr)
    clear = _degrades(_false)(RedisCache.clear)
