"""Sharing: cards and trust, bundles out and in, and what protects people across vaults."""

# the argument with which the frozen build's executable runs as an import's payload reader
# (``readahead``): here, so that its entry point (``registry.__main__``) can tell it without
# loading what the reader needs first
READER_ARGUMENT = "--registry-payload-reader"
