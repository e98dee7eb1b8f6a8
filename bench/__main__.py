"""``python -m bench``: the fleet benchmark (``bench.command.main``)."""

import sys

from bench.command import main

if __name__ == "__main__":
    sys.exit(main())
