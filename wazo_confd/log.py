"""Logging: the daemon's own file (reopened when logrotate moves it), stderr when asked,
and a last-line filter that masks anything that looks like a secret."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

LOG_FORMAT = '%(asctime)s [%(process)d] (%(levelname)s) (%(name)s): %(message)s'
_SECRET = re.compile(
    r"""(?i)(["']?(?:password|passwd|secret|token|x-auth-token|private_key)["']?\s*[:=]\s*)(["']?)[^"',\s}&]+"""
)


class SecretFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _SECRET.sub(r'\1\2********', message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(config: dict) -> None:
    level = logging.DEBUG if config['debug'] else getattr(logging, config['log_level'].upper())
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    if config['log_filename']:
        handlers.append(logging.handlers.WatchedFileHandler(config['log_filename']))
    if config['log_to_stderr'] or config['debug'] or not handlers:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(SecretFilter())
        root.addHandler(handler)
    root.setLevel(level)
    # Library chatter stays at WARNING unless debugging.
    for name in ('amqp', 'kombu', 'urllib3', 'stevedore', 'cheroot', 'alembic'):
        logging.getLogger(name).setLevel(logging.DEBUG if config['debug'] else logging.WARNING)
    if not config['debug']:
        logging.getLogger('sqlalchemy.engine').setLevel(logging.WARNING)


def reopen_log_files() -> None:
    """Close and reopen the log file (SIGHUP), whether or not it was moved."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.WatchedFileHandler):
            handler.acquire()
            try:
                if handler.stream:
                    handler.stream.close()
                handler.stream = handler._open()
                handler._statstream()
            finally:
                handler.release()
