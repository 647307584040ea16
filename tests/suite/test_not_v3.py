"""A target that does not serve the v3 routes (today's production serves /api/v4/...) gets one
clear finding, and every other scenario is skipped with that reason instead of failing."""

from tests.canned_server import Canned, server  # noqa: F401  (fixture)

from .runs import run_suite

V4_DESCRIPTION = {"openapi": "3.1.0", "info": {"title": "ZEUES API", "version": "4.0.0"},
                  "paths": {"/api/v4/occupation/tomar": {"post": {}}, "/api/health": {"get": {}}}}


def test_a_v4_target_is_one_finding_and_no_failure_elsewhere(tmp_path, server):  # noqa: F811
    server.default = Canned(404, {"detail": "Not Found"})
    server.answer("GET", "/openapi.json", Canned(200, V4_DESCRIPTION))
    run = run_suite(tmp_path / "results", "-D", f"base_url={server.url}")
    summary = run.summary
    (failure,) = summary["failures"]
    assert failure["category"] == "Contract drift"
    assert "this target does not serve ZEUES v3" in failure["message"]
    assert summary["statuses"]["skipped"] == summary["total"] - 1
    assert "this target does not serve ZEUES v3" in run.output
    posted = [request["path"] for request in server.received if request["method"] == "POST"]
    assert posted == []  # nothing was written
