"""behave.ini runs every feature file, and those whose scenarios open live streams after all the
others: at ZEUES v3.0 each stream keeps a Redis connection for good (known defect D15), so a
service that breaks itself on them must already have been judged on the rest."""

import configparser
from pathlib import Path

from behave.parser import parse_file

ROOT = Path(__file__).resolve().parent.parent


def listed_paths() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / "behave.ini")
    return config["behave"]["paths"].split()


def opens_streams(path: str) -> bool:
    feature = parse_file(str(ROOT / path))
    return any({"stream", "disruptive"} & set(scenario.effective_tags)
               for scenario in feature.walk_scenarios())


def test_every_feature_file_is_run():
    on_disk = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "features").rglob("*.feature"))
    assert sorted(listed_paths()) == on_disk


def test_features_that_open_streams_run_last_and_the_incident_at_the_very_end():
    order = [opens_streams(path) for path in listed_paths()]
    assert order == sorted(order), listed_paths()
    assert listed_paths()[-1].endswith("the_incident.feature")
