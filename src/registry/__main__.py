"""``python -m registry``: the same entry point as the console script (and the frozen
build's, which also runs as an import's payload reader: ``sync.readahead``)."""

import sys

from registry.sync import READER_ARGUMENT

if __name__ == "__main__":
    if sys.argv[1:] == [READER_ARGUMENT] and getattr(sys, "frozen", False):
        from registry.sync import readahead

        readahead.serve()
        sys.exit(0)
    from registry.cli import main

    sys.exit(main())
