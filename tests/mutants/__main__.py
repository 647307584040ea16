"""`python -m tests.mutants --fault NAME --port P [--testing]`: the stand-in with one fault
(or with every known defect of a release: --fault zeues-v3.0).

`--fault` is taken here; every other argument goes to the stand-in's own parser.
"""

import argparse

from standin.__main__ import serve
from standin.app import create_app

from . import FAULTS, RELEASES, apply


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.mutants", description=__doc__,
        epilog="Every other argument (--port, --host, --testing) is python -m standin's.")
    parser.add_argument("--fault", required=True, choices=[*FAULTS, *RELEASES], metavar="NAME",
                        help="the fault to apply: " + ", ".join(FAULTS)
                        + "; or every known defect of a release: " + ", ".join(RELEASES))
    args, standin_argv = parser.parse_known_args(argv)
    serve(app_factory=lambda settings: apply(args.fault, create_app(settings)), argv=standin_argv)


if __name__ == "__main__":
    main()
