"""Installable from source with `pip install .`; metadata lives in setup.cfg."""

import glob

from setuptools import setup

setup(
    data_files=[
        ('share/wazo-confd/alembic', ['alembic/env.py', 'alembic/script.py.mako']),
        ('share/wazo-confd/alembic/versions', glob.glob('alembic/versions/*.py')),
        ('share/wazo-confd/etc', ['etc/wazo-confd/config.yml']),
    ],
)
