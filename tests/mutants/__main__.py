"""`python -m tests.mutants --fault NAME --port P [--testing]`: the stand-in with one fault.

`--fault` is taken here; every other argument goes to the stand-in's own parser.
"""

import argparse

from standin.__main__ import serve
from standin.app import create_app

from . import FAULTS, apply


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.mutants", description=__doc__,
        epilog="Every other argument (--port, --host, --testing) is python -m standin's.")
    parser.add_argument("--fault", required=True, choices=list(FAULTS), metavar="NAME",
                        help="the fault to apply: " + ", ".join(FAULTS))
    args, standin_argv = parser.parse_known_args(argv)
    serve(app_factory=lambda settings: apply(args.fault, create_app(settings)), argv=standin_argv)


if __name__ == "__main__":
    main()
