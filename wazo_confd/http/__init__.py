"""The HTTP side of the daemon: app factory, server, worker processes, errors, auth, OpenAPI.

The generic kit (wazo_confd.kit) builds on this package, never the reverse: no module here
imports the kit (tests/test_import_rules.py checks it).
"""
