"""The runner: the log lives in a temporary file, gone after a clean stop, quoted on failure."""

import pytest

from standin.runner import PROJECT_ROOT, StandinError, running_standin


def test_a_clean_stop_leaves_no_log_behind(tmp_path):
    reports_before = set((PROJECT_ROOT / "reports").glob("standin-*.log"))
    with running_standin(testing=False, log_dir=tmp_path) as running:
        log_path = running.log_path
        assert log_path.parent == tmp_path and log_path.exists()
        assert running.process.poll() is None
    assert not log_path.exists()
    assert list(tmp_path.iterdir()) == []
    assert set((PROJECT_ROOT / "reports").glob("standin-*.log")) == reports_before


def test_a_failed_start_quotes_the_log_in_the_error(tmp_path):
    with pytest.raises(StandinError) as failure:
        with running_standin(extra_args=("--no-such-option",), log_dir=tmp_path):
            pass
    assert "--no-such-option" in str(failure.value)  # argparse's complaint, from the log
    assert list(tmp_path.iterdir()) == []
