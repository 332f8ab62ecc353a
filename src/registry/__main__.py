"""``python -m registry``: the same entry point as the console script."""

import sys

from registry.cli import main

sys.exit(main())
