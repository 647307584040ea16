"""`python -m zeues_acceptance.conformance`: every real exchange conforms; traffic that breaks
the contract is listed by id, JSON path and rule; a 500 is reported, never judged a shape."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from zeues_acceptance.conformance import judge, main

REFERENCE = Path(__file__).parent / "reference"
RECORDINGS = sorted(REFERENCE.glob("*/exchanges.json"))
F0EC7B5 = REFERENCE / "zeues-v3.0-f0ec7b5" / "exchanges.json"


def exchanges(path=F0EC7B5) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def exchange(exchange_id: str) -> dict:
    return copy.deepcopy(next(e for e in exchanges() if e["id"] == exchange_id))


@pytest.mark.parametrize("recorded", [e for path in RECORDINGS for e in exchanges(path)],
                         ids=lambda e: e["id"])
def test_every_real_exchange_conforms_or_is_a_server_error(recorded):
    verdict = judge(recorded)
    assert verdict.conforms or (verdict.server_error and recorded["response"]["status"] == 500), \
        verdict.problems


def test_the_command_prints_m_of_m_on_the_reference_files(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "zeues_acceptance.conformance",
                                *map(str, RECORDINGS)], capture_output=True, text=True, timeout=60)
    lines = completed.stdout.strip().splitlines()
    judged = sum(e["response"]["status"] != 500 for path in RECORDINGS for e in exchanges(path))
    assert completed.returncode == 0, completed.stdout
    assert lines[-1] == f"conformance: {judged}/{judged} exchanges conform"
    assert "completar-500-arm: server error (500), not a shape: not judged" in lines


def write(tmp_path, items) -> str:
    path = tmp_path / "traffic.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return str(path)


def test_a_non_conforming_answer_is_listed_with_its_path_and_rule(tmp_path, capsys):
    drifted = exchange("history-after-tomar")
    drifted["response"]["body"]["sessions"][0]["duration_minutes"] = 0
    wrong_family = exchange("tomar-409-other-worker")
    wrong_family["response"]["body"] = {"error": "SPOOL_OCCUPIED", "message": "occupied"}
    assert main([write(tmp_path, [drifted, wrong_family, exchange("tomar-200")])]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("history-after-tomar: $.sessions[0]: additionalProperties")
               for line in out), out
    assert any(line.startswith("tomar-409-other-worker: $:") for line in out), out
    assert out[-1] == "conformance: 1/3 exchanges conform"


def test_a_request_that_breaks_its_schema_must_have_been_refused(tmp_path, capsys):
    accepted = exchange("completar-422-missing-fecha")
    accepted["response"] = {"status": 200, "content_type": "application/json",
                            "body": {"success": True, "tag_spool": "TEST-03",
                                     "message": "Operación completada en TEST-03"}}
    refused_valid = exchange("tomar-200")
    refused_valid["response"] = exchange("tomar-422-missing-operacion")["response"]
    assert main([write(tmp_path, [accepted, refused_valid])]) == 1
    out = capsys.readouterr().out
    assert "completar-422-missing-fecha: request $: required" in out and "answered 200" in out
    assert "tomar-200: request: valid against the contract, yet the API refused it" in out


def test_a_status_the_route_never_answers_does_not_conform(tmp_path, capsys):
    odd = exchange("tomar-409-other-worker")
    odd["response"]["status"] = 418
    assert main([write(tmp_path, [odd])]) == 1
    assert "never answers 418" in capsys.readouterr().out


def test_an_unreadable_file_is_exit_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    assert main([str(path)]) == 2
