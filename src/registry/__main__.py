"""``python -m registry``: the same entry point as the console script (and the frozen
build's, which also starts its own payload reader: ``sync.readahead``)."""

import sys

from registry.sync import readahead

if __name__ == "__main__":
    if sys.argv[1:] == [readahead.READER_ARGUMENT] and getattr(sys, "frozen", False):
        readahead.serve()
        sys.exit(0)
    from registry.cli import main

    sys.exit(main())
