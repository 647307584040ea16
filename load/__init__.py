"""Production-scale load runs of the ZEUES v3 API on Locust.

Importing this package imports nothing else: Locust monkey-patches the whole
interpreter for gevent when it is imported, so only `load.run` (run as its own
process) and `load/locustfile.py` (loaded by the `locust` command) pull it in.
"""

# `python -m load.run` exits with this when the target cannot be loaded at all (not
# loopback without --allow-remote, unreachable, no active workers listed).
TARGET_REFUSED = 3
