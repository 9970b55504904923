"""`wazo-confd`: read the configuration, set up logging, run the daemon."""

from __future__ import annotations

import logging
import os
import sys

from wazo_confd import config as confd_config
from wazo_confd.controller import Controller, StartupError
from wazo_confd.log import setup_logging

logger = logging.getLogger('wazo_confd')


def main(argv: list[str] | None = None) -> int:
    try:
        config = confd_config.load(confd_config.parse_cli(argv))
    except confd_config.ConfigError as e:
        print(f'wazo-confd: configuration error: {e}', file=sys.stderr)
        return 2
    try:
        _make_relative_dirs(config)
        setup_logging(config)
    except OSError as e:
        print(f'wazo-confd: cannot open log file {config["log_filename"]}: {e.strerror}', file=sys.stderr)
        return 2
    logger.info('starting wazo-confd with configuration file %s', config['config_file'])
    logger.debug('configuration: %s', confd_config.redacted(config))
    try:
        controller = Controller(config)
    except StartupError as e:
        logger.error('%s', e)
        print(f'wazo-confd: {e}', file=sys.stderr)
        return 1
    controller.run()
    return controller.exit_code


def _make_relative_dirs(config: dict) -> None:
    """A profile with relative paths (the embedded one) keeps its state in a directory of
    the working directory: create it. Absolute paths are the packaging's business."""
    directories = [
        os.path.dirname(config['log_filename']),
        config['state_dir'],
        config['extra_config_files'],
    ]
    for directory in directories:
        if directory and not os.path.isabs(directory):
            os.makedirs(directory, exist_ok=True)


if __name__ == '__main__':
    sys.exit(main())
