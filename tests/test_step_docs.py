"""The list of steps in docs/writing-scenarios.md is generated from steps/ and current, and
every step the feature files use has a definition: a typo in a feature fails here."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from behave.matchers import MatchWithError
from behave.parser import parse_feature, parse_file

from scripts.gen_step_docs import (
    BEGIN_MARKER, DOC_PATH, END_MARKER, KEYWORD_PREFIXES, NOTICE, domain_rank, generated_section,
    load_step_registry, main, split_page, stale_diff, step_definitions, write_page,
)
from zeues_acceptance.needs import NEEDS
from zeues_acceptance.vocabulary import REFUSAL_WORDS, STATE_WORDS

REPO_ROOT = Path(__file__).resolve().parent.parent
FEATURES_DIR = REPO_ROOT / "features"


@pytest.fixture(scope="module")
def step_registry():
    return load_step_registry()


def unmatched_steps(feature, step_registry) -> list[str]:
    """'file:line: Keyword text' of each step (outlines expanded) no definition takes."""
    problems = []
    for scenario in feature.walk_scenarios():
        for step in scenario.all_steps:
            match = step_registry.find_match(step)
            if match is None or isinstance(match, MatchWithError):
                why = "" if match is None else f" ({match.stored_error})"
                problems.append(f"{step.filename}:{step.line}: {step.keyword} {step.name}{why}")
    return problems


# --- the generated list ---------------------------------------------------------------


def test_step_list_is_up_to_date():
    diff = stale_diff()
    assert not diff, "run: python scripts/gen_step_docs.py\n" + "\n".join(diff[:60])


def test_every_registered_step_is_in_the_doc(step_registry):
    _, listed, _ = split_page(DOC_PATH.read_text(encoding="utf-8"), DOC_PATH)
    steps = step_definitions(step_registry)
    assert steps, "no step definitions loaded from steps/"
    missing = [f"{s.keyword} {s.pattern} ({s.module})" for s in steps
               if "`" + KEYWORD_PREFIXES[s.keyword] + s.readable.replace("|", "\\|") not in listed]
    assert not missing, "steps missing from docs/writing-scenarios.md:\n" + "\n".join(missing)


def test_typed_placeholders_are_shown_by_name_with_their_words(step_registry):
    section = generated_section()
    pattern = "worker {worker_id:d} has taken the spool for {operacion:Operation}"
    taken = next(s for s in step_definitions(step_registry) if s.pattern == pattern)
    assert taken.readable == "worker {worker_id} has taken the spool for {operacion}"
    assert "`Given worker {worker_id} has taken the spool for {operacion}`" in section
    assert ":Operation}" not in section and ":d}" not in section
    assert "| Operation | one of `ARM`, `SOLD`, `METROLOGIA` |" in section
    assert "| Verdict | one of `APROBADO`, `RECHAZADO` |" in section


def test_the_shops_words_and_spool_states_are_listed_with_what_they_mean():
    section = generated_section()
    for words, meaning in {**STATE_WORDS, **REFUSAL_WORDS}.items():
        assert f"| `{words}` | {meaning.replace('|', chr(92) + '|')} |" in section, words
    for key in NEEDS:
        assert f"| `{key}` |" in section, key
    completed_arm = next(line for line in section.splitlines() if line.startswith("| `ARM complete` |"))
    assert "COMPLETAR ARM" in completed_arm and "-D allow_irreversible=yes" in completed_arm
    without = next(line for line in section.splitlines() if line.startswith("| `without materials` |"))
    assert "only a target with test support" in without


def test_steps_are_grouped_by_domain_then_keyword():
    section = generated_section()
    domains = re.findall(r"^### .+: `steps/(\w+)_steps\.py`$", section, re.MULTILINE)
    assert domains[:2] == ["spool", "occupation"], domains
    assert [(domain_rank(d), d) for d in domains] == sorted((domain_rank(d), d) for d in domains)
    occupation = section.split("### Occupation:")[1].split("\n### ")[0]
    positions = [occupation.index(f"**{keyword}**") for keyword in ("Given", "When", "Then")]
    assert positions == sorted(positions)


def test_generation_is_deterministic_across_processes():
    """A fresh interpreter (another import order, another cwd) writes the same list."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "from scripts.gen_step_docs import generated_section; "
            "sys.stdout.write(generated_section())")
    other = subprocess.run([sys.executable, "-c", code, str(REPO_ROOT)], cwd=REPO_ROOT.parent,
                           capture_output=True, text=True, timeout=60, check=True)
    assert other.stdout == generated_section()


def test_check_fails_on_a_stale_list_and_write_repairs_it(tmp_path, capsys):
    page = tmp_path / "writing-scenarios.md"
    head, listed, tail = split_page(DOC_PATH.read_text(encoding="utf-8"), DOC_PATH)
    edited = listed.replace("| `Given a spool with ARM complete` |", "| `Given a spool` |")
    assert edited != listed
    page.write_text(head + edited + tail, encoding="utf-8")

    assert main(["--check", "--doc", str(page)]) == 1
    assert "+| `Given a spool with ARM complete` |" in capsys.readouterr().out
    assert write_page(page) is True
    assert main(["--check", "--doc", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith(head)
    assert page.read_text(encoding="utf-8").endswith(tail)


def test_only_the_part_between_the_markers_is_written(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"# Hand-written\n\n{BEGIN_MARKER}\nold list\n{END_MARKER}\n\nMore prose.\n",
                    encoding="utf-8")
    write_page(page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# Hand-written\n\n{BEGIN_MARKER}\n{NOTICE}\n")
    assert text.endswith(f"\n{END_MARKER}\n\nMore prose.\n")
    assert "old list" not in text


def test_a_page_without_markers_is_refused(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text("# No markers here\n", encoding="utf-8")
    assert main(["--check", "--doc", str(page)]) == 2
    assert BEGIN_MARKER in capsys.readouterr().err


def test_cli_check_passes_on_the_repository():
    result = subprocess.run([sys.executable, "scripts/gen_step_docs.py", "--check"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


# --- the feature files ----------------------------------------------------------------


def feature_files() -> list[Path]:
    return sorted(FEATURES_DIR.rglob("*.feature"))


def test_there_are_features_to_check():
    assert feature_files(), f"no feature files in {FEATURES_DIR}"


@pytest.mark.parametrize("path", feature_files(), ids=lambda p: p.name)
def test_every_feature_step_matches_a_step_definition(path, step_registry):
    problems = unmatched_steps(parse_file(str(path)), step_registry)
    assert not problems, "steps with no definition:\n" + "\n".join(problems)


def test_a_misspelt_step_is_caught(step_registry):
    feature = parse_feature(
        "Feature: typos\n"
        "  Scenario Outline: misspelt\n"
        "    Given a spool nobody has worked on\n"
        "    And a spool nobody has workd on\n"
        "    When worker 93 takes the spool for <operacion>\n"
        "    Then the spool's ARM operation is finished\n"
        "    Examples:\n"
        "      | operacion |\n"
        "      | ARM       |\n"
        "      | PINTURA   |\n",
        filename="typos.feature")

    problems = unmatched_steps(feature, step_registry)

    assert problems == [
        "typos.feature:4: And a spool nobody has workd on",
        "typos.feature:6: Then the spool's ARM operation is finished",
        "typos.feature:4: And a spool nobody has workd on",
        "typos.feature:5: When worker 93 takes the spool for PINTURA",
        "typos.feature:6: Then the spool's ARM operation is finished",
    ]
