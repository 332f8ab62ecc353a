"""The FTS5 query both indexes are asked with (the search index, the name index)."""

from __future__ import annotations

from collections.abc import Sequence


def fts_match(words: Sequence[Sequence[str]], *, prefix: bool) -> str:
    """An FTS5 MATCH expression: for every word, one of its terms (as a prefix when
    ``prefix``). Terms are quoted: a term holds no query syntax, whatever it holds."""
    star = "*" if prefix else ""
    return " AND ".join(
        "(" + " OR ".join('"' + t.replace('"', '""') + '"' + star for t in terms) + ")"
        for terms in words)
