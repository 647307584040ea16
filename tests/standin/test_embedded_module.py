"""The suite starts its embedded stand-in with a bare running_standin(); ZEUES_STANDIN_MODULE lets
a self-verification run make that a fault build (`tests.mutants --fault D10`). Unset, nothing
changes: the stand-in itself, with the arguments the caller gave."""

import requests

from standin.runner import EMBEDDED_MODULE_VARIABLE, running_standin, standin_command


def test_unset_the_command_is_the_standin_with_the_callers_arguments(monkeypatch):
    monkeypatch.delenv(EMBEDDED_MODULE_VARIABLE, raising=False)
    assert standin_command(None, ("--testing",)) == ("standin", ("--testing",))
    assert standin_command("tests.mutants", ("--fault", "D1")) == (
        "tests.mutants", ("--fault", "D1"))


def test_set_it_names_the_module_and_its_arguments_unless_the_caller_names_one(monkeypatch):
    monkeypatch.setenv(EMBEDDED_MODULE_VARIABLE, "tests.mutants --fault D10")
    assert standin_command(None, ("--testing",)) == (
        "tests.mutants", ("--fault", "D10", "--testing"))
    assert standin_command("standin", ()) == ("standin", ())


def test_the_variable_reaches_the_process_started(monkeypatch):
    monkeypatch.setenv(EMBEDDED_MODULE_VARIABLE, "standin --host 127.0.0.1")
    with running_standin(testing=True) as running:
        command = running.process.args
        assert command[1:3] == ["-m", "standin"] and command[5:7] == ["--host", "127.0.0.1"]
        assert requests.get(f"{running.base_url}/api/health", timeout=5).status_code == 200


def test_unset_a_bare_start_is_the_clean_standin(monkeypatch):
    monkeypatch.delenv(EMBEDDED_MODULE_VARIABLE, raising=False)
    with running_standin(testing=True) as running:
        assert running.process.args[1:3] == ["-m", "standin"]
        stats = requests.get(f"{running.base_url}/api/redis-connection-stats", timeout=5).json()
        assert "active_connections" in stats
