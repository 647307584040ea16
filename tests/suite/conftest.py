"""Collects which faults the suite caught and prints the mutation score at the end."""

import pytest

_caught: dict[str, bool] = {}


@pytest.fixture
def mutation_score():
    return _caught


def pytest_terminal_summary(terminalreporter):
    if _caught:
        killed = sum(_caught.values())
        terminalreporter.write_line(
            f"mutation score: {killed}/{len(_caught)} faults caught in the right category"
            + "".join(f"\n  missed: {name}" for name, ok in sorted(_caught.items()) if not ok))
