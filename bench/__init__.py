"""Benchmarks: each measures ratios within one run on this (shared, noisy) machine.

Run one with `python -m bench.<name>`; it prints a table and writes reports/bench/<name>.json.
`python -m bench.chart` draws docs/performance.png from those files.
"""
