"""The project's behave.ini, relocated: for running the suite from another folder with its
Allure results elsewhere (a second allure formatter on the command line would clash)."""

import configparser
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def write_behave_config(workdir: Path, results_dir: Path, *, console_format: str | None = None) -> Path:
    """workdir/behave.ini: the project's settings, its features by absolute path, the Allure
    results in results_dir, and optionally another console format. Returns workdir."""
    config = configparser.RawConfigParser()
    config.optionxform = str  # keep keys such as AllureFormatter.hide_excluded as written
    config.read(PROJECT_ROOT / "behave.ini")
    behave = config["behave"]
    behave["paths"] = "\n".join(str(PROJECT_ROOT / path) for path in behave["paths"].split())
    formats, outfiles = behave["format"].split(), behave["outfiles"].split()
    behave["outfiles"] = "\n".join(str(results_dir) if name == "allure" else outfile
                                   for name, outfile in zip(formats, outfiles, strict=True))
    if console_format:
        behave["default_format"] = console_format
    workdir.mkdir(parents=True, exist_ok=True)
    with open(workdir / "behave.ini", "w") as ini:
        config.write(ini)
    return workdir
