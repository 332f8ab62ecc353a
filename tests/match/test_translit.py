"""Search keys: every real-world spelling finds its Cyrillic original (FTS prefix-AND)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.match import translit
from registry.match.romanize import SYSTEMS, romanize
from registry.match.translit import (
    index_terms,
    name_query,
    name_terms,
    query_terms,
    query_words,
    skeleton,
)
from tests.match.evalset import FEMALE, MALE, SURNAMES, load_variants

TERM = re.compile(r"^[a-z0-9]+$")


def finds(query: str, text: str) -> bool:
    """FTS5 as the store runs it: for every word, one of its keys prefixes an index term."""
    index = index_terms(text)
    words = query_words(query)
    return bool(words) and all(any(t.startswith(q) for q in alternatives for t in index)
                               for alternatives in words)


VARIANTS = [(cyr, latin) for cyr, spellings in load_variants().items() for latin in spellings]


@pytest.mark.parametrize(("cyrillic", "latin"), VARIANTS)
def test_every_listed_variant_finds_its_original(cyrillic: str, latin: str) -> None:
    assert finds(latin, cyrillic)
    assert finds(cyrillic, latin)


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_every_romanisation_system_finds_the_cyrillic(system: str) -> None:
    words = MALE + FEMALE + SURNAMES
    missed = [w for w in words if not finds(romanize(w, system), w)]
    assert missed == []


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Jirinovski", "Владимир Жириновский"),  # French j for ж
        ("Janna", "Жанна Агалакова"),
        ("Jdanov", "Жданов"),
        ("Joukov", "Жуков"),
        ("Olha", "Ольга"),  # Ukrainian h for г
        ("Hryhoriy", "Григорий"),
        ("Nicolai", "Николай"),  # Western c for к
        ("Constantin", "Константин"),
        ("Kuznecov", "Кузнецов"),  # ISO 9 c for ц, also before o
        ("Mixail", "Михаил"),  # GOST B x for х
        ("Xenia", "Ксения"),
        ("Navalnaïa", "Навальная"),
        ("Nawalnaja", "Навальная"),
        ("Yulia Navalnaya", "Навальная Юлия"),
        ("Nav", "Навальная"),  # typing, prefix
    ],
)
def test_search_gaps_are_closed(query: str, name: str) -> None:
    assert finds(query, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [("Yulia", "Олег"), ("Yulia", "Ольга"), ("Egor", "Игорь"), ("Ivan", "Виноградов"),
     ("Olga", "Юлия")],
)
def test_short_keys_do_not_match_other_names(query: str, name: str) -> None:
    assert not finds(query, name)


def test_leading_vowel_keeps_its_class() -> None:
    assert skeleton("Юлия") == skeleton("Ioulia") == skeleton("Julija") == "0ul"
    assert skeleton("Ольга") == "0olg"


LATIN_CYRILLIC = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzABCXYZ" "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩЮ" "ïëéâûčšžŝ"
        " -'’`.,\"«»()0123456789"
    ),
    max_size=40,
)


@given(LATIN_CYRILLIC)
def test_latin_and_cyrillic_give_plain_terms(text: str) -> None:
    assert all(TERM.match(t) for t in index_terms(text))
    assert all(TERM.match(t) for t in query_terms(text))
    assert all(TERM.match(t) for words in query_words(text) for t in words)


@given(st.text(max_size=60))
def test_any_text_gives_safe_terms(text: str) -> None:
    for term in index_terms(text) + [t for words in query_words(text) for t in words]:
        assert term and all(ch.isalnum() for ch in term)


@pytest.mark.parametrize(("query", "name"), [
    ("моро", "Морозов"), ("moro", "Морозов"), ("Моро", "Morozov"), ("Мари", "Мария"),
    ("Мари", "Марина"), ("Юли", "Юлия"), ("Iuli", "Юлия"), ("Olh", "Ольга"),
    ("Щерб", "Shcherbakova"), ("Scherb", "Щербакова"), ("Zhan", "Жанна"), ("Jan", "Жанна"),
])
def test_name_query_sounds_begin_the_sounds_of_the_names_they_begin(query: str,
                                                                   name: str) -> None:
    [alts] = name_query(query)
    assert any(t.startswith(a) for a in alts for t in name_terms(name))


@pytest.mark.parametrize(("query", "name"), [("моро", "Мария"), ("moro", "Mariya"),
                                             ("мо", "Мария"), ("Щерб", "Горбунов")])
def test_name_query_sounds_keep_the_vowels(query: str, name: str) -> None:
    [alts] = name_query(query)
    assert not any(t.startswith(a) for a in alts for t in name_terms(name))


def test_fold_drops_exactly_the_combining_marks_of_every_code_point() -> None:
    """``fold`` strips marks through a remembered table: the same as testing each character
    of the decomposed text with ``unicodedata.combining``, for every code point."""
    import unicodedata

    def by_character(text: str) -> str:
        text = text.casefold()
        if text.isascii():
            return text
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for start in range(0, len(points), 4096):
        text = "".join(points[start:start + 4096])
        assert translit.fold(text) == by_character(text)
    assert translit.fold("Ёжик ÏLE Z\u030c") == "ежик ile z"


# whitespace of every kind next to marks, apostrophes, compatibility forms and ligatures
_TRICKY = st.text(alphabet=st.sampled_from(
    [*"aбЁёžßİıǄﬁ½x1_-.'’ʼ`\"”\u0301\u0308\u0345\u200b ",
     "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\u2028"]), max_size=40)


def _folded_whole(text: str) -> list[str]:
    """The words of ``text`` folded and split at once (what ``words`` did before pieces)."""
    text = translit.compose(text)
    text = re.sub(r"(?<=\w)['’ʼʹʺ″`´\"”]+(?=\w)", "",
                  translit.fold(text.casefold().translate(translit._SPECIAL)))
    return re.findall(r"\w+", text.replace("_", " "))


@given(_TRICKY)
def test_words_of_a_text_are_those_of_its_pieces(text: str) -> None:
    """``words`` splits on whitespace first and remembers each piece's words: the same words
    as folding and splitting the whole text at once."""
    assert translit.words(text) == _folded_whole(text)


def test_long_pieces_and_words_are_folded_but_not_remembered() -> None:
    """A piece or word longer than 64 characters (a pasted link, junk in a bundle) gives the
    same words and terms, and stays out of the caches."""
    long_piece = "Nawalnaja’s-Навальная_" * 4  # 88 characters, no whitespace
    long_word = "Й" * 70  # its mark folded away
    pieces = translit._short_piece_words.cache_info()
    terms = translit._short_word_terms.cache_info()
    text = f"{long_piece} {long_word}"
    assert translit.words(text) == _folded_whole(text)
    [folded] = translit.words(long_word)
    assert translit.index_terms(long_word) == list(translit._terms_of(folded))
    assert translit._short_piece_words.cache_info().currsize == pieces.currsize
    assert translit._short_word_terms.cache_info().currsize <= terms.currsize + 8  # short words


def test_a_first_yo_and_german_chr_are_other_readings() -> None:
    """Ёлкина is Elkina and Yolkina (a word's first vowel is part of its key); German writes
    х as ch, which before r the main reading takes for к (Christina): Chromow is Хромов."""
    from registry.match.translit import readings, skeletons

    assert readings("Ёлкина") == ("elkina", "jolkina")
    assert readings("Елкина") == ("elkina",)  # е is no ё
    assert set(skeletons("Yolkina")) & set(skeletons("Ёлкина"))
    assert set(skeletons("Chromow")) & set(skeletons("Хромов"))
    assert not set(skeletons("Christina")) & set(skeletons("Кристина")) - {skeleton("Christina")}


def test_a_first_yo_is_filed_and_found_as_yo_too() -> None:
    """Words are folded with their marks (Ёлкина is елкина), so the search index, the name
    index and the mention scan never met Yolkina (was); namesakes alone did."""
    from registry.sync.redact import Mentions

    assert skeleton("Yolkina") in index_terms("Анна Ёлкина")
    assert skeleton("Elkina") in index_terms("Анна Ёлкина")
    assert any(s.startswith("olk") for s in name_terms("Анна Ёлкина"))
    assert skeleton("Yolkina") not in index_terms("Анна Елкина")  # е is no ё
    mentions = Mentions(index_terms, [["Анна Ёлкина"]])
    assert mentions.found_in("Anna Yolkina arrested") and mentions.found_in("Анна Ёлкина")
    assert not mentions.found_in("Anna Smirnova arrested")
