"""Build the MOU agreements: `python build.py --help`."""

import sys

from mou.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
