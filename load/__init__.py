"""Production-scale load runs of the ZEUES v3 API on Locust.

Importing this package imports nothing else: Locust monkey-patches the whole
interpreter for gevent when it is imported, so only `load.run` (run as its own
process) and `load/locustfile.py` (loaded by the `locust` command) pull it in.
"""
