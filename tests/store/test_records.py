"""Store merge semantics (DESIGN §6.1): per-field last writer wins, erasure wins, idempotence."""

from __future__ import annotations

import copy
import dataclasses

import orjson
import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.store.records import (
    decode_stamps,
    encode_stamps,
    named_ids,
    named_ids_of,
    stored_form,
)
from tests.passphrase import PASSPHRASE

A, B = "a" * 40, "b" * 40


def _merge(reg: Registry, record: Record) -> str:
    with reg.store.write():
        return reg.store.merge(copy.deepcopy(record)).status


def _remote(rid: str, values: dict, hlc: int, origin: str = B) -> Record:
    return Record(rid, Kind.PERSON, dict(values), {k: Stamp(hlc, origin) for k in values})


def test_stamp_encoding_is_canonical() -> None:
    stamps = {"name": Stamp(5, A), "notes": Stamp(7, B), "city": Stamp(5, A)}
    text = encode_stamps(stamps)
    assert text == encode_stamps(dict(reversed(list(stamps.items()))))
    assert decode_stamps(text) == stamps


def _parsed(text: str) -> dict[str, Stamp] | type[Exception]:
    """What the stamps' text says, read by the parser alone (decode_stamps before its
    one-stamp path), or the error it raises."""
    out: dict[str, Stamp] = {}
    try:
        for hlc, origin, names in orjson.loads(text):
            out.update(dict.fromkeys(map(str, names), Stamp(int(hlc), str(origin))))
    except Exception as e:  # the same kind of failure is asked of both
        return type(e)
    return out


def test_a_text_of_one_stamp_reads_as_the_parser_reads_it() -> None:
    """decode_stamps takes a text of one stamp apart itself: what it reads is what the parser
    reads — or it fails as the parser fails — for what encode_stamps writes and for texts that
    only look like it (two stamps, a list of names that is no list, numbers the parser
    refuses, escapes)."""
    texts = [
        encode_stamps({"name": Stamp(5, A), "city": Stamp(5, A)}),
        encode_stamps({"name": Stamp(2**62, A)}),
        '[[0,"ab",[]]]', '[[7,"ab",["x","x"]]]', '[[7,"ab",["a]]"]]]', '[[7,"ab",["é\\u00e9"]]]',
        '[[7,"ab",["x"]],[8,"cd",["y"]]]',  # two stamps: group 3 is no JSON
        '[[7,"ab",["x"],["y"]]]',  # a stamp of four items
        '[[7,"ab",[1,2]]]', '[[7,"ab",[null]]]', '[[7,"ab",{}]]', '[[7,"ab","xy"]]',
        '[[07,"ab",["x"]]]', '[[123456789012345678901,"ab",["x"]]]', '[[1e3,"ab",["x"]]]',
        '[[7,"a\\"b",["x"]]]', '[[7,"ab",["x"]\n]]', '[[7,"ab",["x"]]] ', "", "[]",
    ]
    for text in texts:
        want = _parsed(text)
        if isinstance(want, dict):
            got = decode_stamps(text)
            assert got == want and list(got) == list(want), text
            assert all(type(s.hlc) is int and type(s.origin) is str for s in got.values())
        else:
            with pytest.raises(want):
                decode_stamps(text)


def test_new_record_then_newer_and_older_fields(reg: Registry) -> None:
    rid = "01900000-0000-7000-8000-000000000001"
    assert _merge(reg, _remote(rid, {"name": "Анна", "city": "Riga"}, 100)) == "new"
    assert _merge(reg, _remote(rid, {"city": "Vilnius"}, 50)) == "unchanged"
    assert _merge(reg, _remote(rid, {"city": "Tallinn"}, 200)) == "changed"
    record = reg.store.get(rid)
    assert record is not None and record.values == {"name": "Анна", "city": "Tallinn"}
    history = reg.store.history(rid)
    assert [(h["field"], h["value"], h["hlc"]) for h in history] == [("city", "Riga", 100)]


def test_equal_hlc_is_decided_by_origin(reg: Registry) -> None:
    rid = "01900000-0000-7000-8000-000000000002"
    _merge(reg, _remote(rid, {"name": "Из B"}, 100, B))
    assert _merge(reg, _remote(rid, {"name": "Из A"}, 100, A)) == "unchanged"
    assert reg.store.get(rid).values["name"] == "Из B"  # type: ignore[union-attr]


def test_replay_is_idempotent_and_digest_stable(reg: Registry) -> None:
    rid = "01900000-0000-7000-8000-000000000003"
    record = _remote(rid, {"name": "Повтор", "country": "DE"}, 100)
    _merge(reg, record)
    digest = reg.digest()
    assert _merge(reg, record) == "unchanged"
    assert reg.digest() == digest


def test_local_edit_overwritten_is_reported(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Местная", "city": "Berlin"})
    later = reg.store.clock.last + (1 << 20)
    with reg.store.write():
        outcome = reg.store.merge(_remote(person.id, {"city": "Paris"}, later))
    assert outcome.overwritten_local == ["city"]


def test_erasure_wins_over_any_edit_in_any_order(reg: Registry) -> None:
    rid = "01900000-0000-7000-8000-000000000004"
    edit = _remote(rid, {"name": "Стереть", "notes": "x"}, 500)
    erased = Record(rid, Kind.PERSON, {}, {}, Stamp(100, A))
    _merge(reg, edit)
    assert _merge(reg, erased) == "erased"
    assert _merge(reg, edit) == "unchanged"
    record = reg.store.get(rid)
    assert record is not None and record.values == {} and record.erased == Stamp(100, A)
    assert reg.search("Стереть") == []


def test_digest_is_independent_of_merge_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from registry.vault.keyfile import FAST_TEST_PARAMS

    rid = "01900000-0000-7000-8000-000000000005"
    updates = [_remote(rid, {"name": "Порядок", "city": "Riga"}, 100),
               _remote(rid, {"city": "Berlin"}, 300, A),
               _remote(rid, {"notes": "n"}, 200),
               Record(rid, Kind.PERSON, {"deleted": True}, {"deleted": Stamp(250, A)})]
    digests = set()
    for n, order in enumerate([updates, updates[::-1], updates[1:] + updates[:1]]):
        reg = Registry.create(tmp_path / f"v{n}", PASSPHRASE, name="T", org="O",
                              country="SE", kdf=FAST_TEST_PARAMS)
        for record in order + order:
            _merge(reg, record)
        digests.add(reg.digest())
        reg.lock()
    assert len(digests) == 1


def test_search_index_is_rebuilt_for_new_name_keys(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Юлия Навальная"})
    gone = reg.add(Kind.PERSON, {"name": "Удалённая Навальная"})
    reg.delete(gone.id)
    digest = reg.digest()
    with reg.store.write():
        reg.store.meta_set("index_version", "0")
        reg.store.conn.execute("DELETE FROM search_index")
        reg.store.conn.execute("DELETE FROM search_doc")
    assert reg.search("Navalnaya") == []
    assert reg.store.ensure_index() is True
    assert [h.id for h in reg.search("Navalnaya")] == [person.id]
    assert reg.store.ensure_index() is False
    assert reg.digest() == digest


def test_a_name_run_together_in_a_hashtag_is_found_by_its_parts(reg: Registry) -> None:
    """Notes copied from a channel write names as hashtags and handles: each part of a word
    run on from a small letter to a capital is searchable, the whole word too; a word in one
    case is not cut (nothing shows where), and nothing else is found for it."""
    tagged = reg.add(Kind.PERSON, {"name": "Свидетель", "notes": "#СвободуИринеВолковой"}).id
    handle = reg.add(Kind.ORGANISATION, {"name": "Канал", "notes": "репост @IrinaVolkova"}).id
    plain = reg.add(Kind.PERSON, {"name": "Другой", "notes": "#иринаволкова"}).id
    assert {h.id for h in reg.search("Волкова")} == {tagged, handle}
    assert {h.id for h in reg.search("Ирина Волкова")} == {tagged, handle}
    assert {h.id for h in reg.search("иринаволкова")} == {plain, handle}
    assert reg.search("Петрова") == []


def test_a_word_is_asked_in_each_of_its_readings(reg: Registry) -> None:
    """A query took one key a word, its main reading's: Ёлкина typed in Cyrillic missed a
    record known as Yolkina, and German Chrustaljowa (Chr as Хр, ё as jo) missed Хрусталёва,
    though both were filed so (was). Each word asks for any of its readings' keys; the
    listing's filter too."""
    from registry.match import translit
    from registry.store.listing import Listing, ListQuery

    yolkina = reg.add(Kind.PERSON, {"name": "Anna Yolkina"}).id
    joschikow = reg.add(Kind.PERSON, {"name": "Semjon Joschikow"}).id
    chrust = {reg.add(Kind.PERSON, {"name": name}).id: query for name, query in (
        ("Анна Хрусталёва", "Chrustaljowa"), ("Пётр Хрулёв", "Chruljow"),
        ("Никита Хрущёв", "Chruschtschow"))}
    for query in ("Ёлкина", "Анна Ёлкина", "Yolkina"):
        assert yolkina in {h.id for h in reg.search(query)}, query
    assert joschikow in {h.id for h in reg.search("Семён Ёжиков")}
    for record_id, query in chrust.items():
        assert record_id in {h.id for h in reg.search(query)}, query
    assert yolkina not in {h.id for h in reg.search("Елкина")}  # е is no ё
    listing = Listing(reg._conn, translit.query_words)
    assert listing.ids(ListQuery(Kind.PERSON, text="Ёлкина")) == [yolkina]
    assert listing.ids(ListQuery(Kind.PERSON, text="Елкина")) == []


def test_bulk_audit_entries_chain_like_single_ones(reg: Registry) -> None:
    from registry.domain.ids import new_id
    from registry.store import audit

    with reg.store.write():
        audit.append_many(reg.store.conn, "x" * 40, "merge",
                          [(new_id(), "person", ["name", "city"]), (new_id(), "tie", [])])
        audit.append(reg.store.conn, "x" * 40, "import", "i", "bundle")
    assert audit.verify(reg.store.conn) == []
    with reg.store.write():
        reg.store.conn.execute("UPDATE audit SET fields = '[\"name\"]' WHERE kind = 'person'")
    assert audit.verify(reg.store.conn) != []


def test_fast_encodings_equal_the_canonical_encoder() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from registry.store.codec import dumps, dumps_str_list

    @given(st.lists(st.text(max_size=8), max_size=5))
    def lists(items: list[str]) -> None:
        assert dumps_str_list(items) == dumps(items)

    @given(st.dictionaries(st.sampled_from(["name", "city", "notes", "roles"]),
                           st.tuples(st.integers(0, 2**62), st.sampled_from([A, B, "o\"x"])),
                           max_size=4))
    def stamps(raw: dict[str, tuple[int, str]]) -> None:
        encoded = encode_stamps({k: Stamp(*v) for k, v in raw.items()})
        groups: dict[Stamp, list[str]] = {}
        for k, v in raw.items():
            groups.setdefault(Stamp(*v), []).append(k)
        assert encoded == dumps([[s.hlc, s.origin, sorted(n)] for s, n in sorted(groups.items())])
        assert decode_stamps(encoded) == {k: Stamp(*v) for k, v in raw.items()}

    lists()
    stamps()


def test_the_ids_lines_name_are_those_each_line_names() -> None:
    """``named_ids_of`` (an export's one pass) finds what ``named_ids`` finds line by line: a
    tie's ends, an event's organiser and participants, a "same" link; not an erased line's,
    nor a value that is not an id's text."""
    s = Stamp(1, "fp")
    records = [
        Record("t1", Kind.TIE, {"from_id": "p1", "to_id": "o1"}, {"from_id": s, "to_id": s}),
        Record("e1", Kind.EVENT, {"organiser_id": "o2", "participants": ["p2", 7, "p3"]},
               {"organiser_id": s, "participants": s}),
        Record("p4", Kind.PERSON, {"name": "A", "merged_into": "p5"}, {"name": s,
                                                                     "merged_into": s}),
        Record("s1", Kind.SUPPORT, {"provider_id": "o3", "recipient_id": None},
               {"provider_id": s, "recipient_id": s}),
        Record("t2", Kind.TIE, {}, {}, s),  # erased: names nobody
        Record("v1", Kind.EVALUATION, {"subject_id": "o4"}, {"subject_id": s}),
        Record("d1", Kind.DECISION, {"a_id": "p6", "b_id": "p7"}, {"a_id": s, "b_id": s}),
    ]
    each = {i for r in records if r.erased is None for i in named_ids(r)}
    assert named_ids_of(records) == each
    assert each >= {"p1", "o1", "o2", "p2", "p3", "p5", "o3", "p6", "p7"}
    assert 7 not in each and None not in each


def test_a_stored_form_made_beforehand_is_let_go_when_the_record_changes(reg: Registry) -> None:
    """A record given its stored form beforehand (an import's reader makes it: ``Record.stored``)
    and then changed in place by the store is written and indexed as it now is."""
    rid = "01900000-0000-7000-8000-000000000009"
    record = _remote(rid, {"name": "Прежнее Имя"}, 100)
    record.stored = stored_form(record, reg.store.indexer, reg.store.name_indexer)
    with reg.store.write():
        reg.store.bulk_insert([record])
    assert [h.id for h in reg.search("Прежнее")] == [rid]
    record.stored = stored_form(record, reg.store.indexer, reg.store.name_indexer)
    with reg.store.write():
        reg.store.update(record, {"name": "Новое Имя"})
    assert record.stored is None
    assert reg.store.get(rid).values["name"] == "Новое Имя"  # type: ignore[union-attr]
    assert [h.id for h in reg.search("Новое")] == [rid] and reg.search("Прежнее") == []
    record.stored = stored_form(record, reg.store.indexer, reg.store.name_indexer)
    assert dataclasses.replace(record).stored is None  # a copy is made anew


def test_a_merge_writes_history_in_one_order_however_the_line_lists_its_stamps(
        reg: Registry) -> None:
    """A line may list its stamps in any order (the exporter writes them sorted); a record
    made from its stored form has them as the vault stores them. The fields the merge sets,
    their history and the outcome come in stamp order, then by name, either way."""
    made = reg.add(Kind.PERSON, {"name": "Ирина Волкова", "city": "Тбилиси",
                                 "aliases": ["Ира"]})
    hlc = reg.store.clock.last + 10
    values = {"city": "Рига", "notes": "новое", "aliases": ["Ирочка"]}
    stamps = {"city": Stamp(hlc + 2, B), "notes": Stamp(hlc + 1, B),
              "aliases": Stamp(hlc + 1, B)}
    outcomes, histories = [], []
    for order in (list(stamps), ["aliases", "notes", "city"]):
        line = Record(made.id, Kind.PERSON, {k: values[k] for k in order},
                      {k: stamps[k] for k in order})
        with reg.store.write():  # each order merged over the same record: then undone
            reg.store.conn.execute("SAVEPOINT again")
            outcomes.append(reg.store.merge(copy.deepcopy(line)).fields)
            histories.append([h["field"] for h in reg.store.history(made.id)])
            reg.store.conn.execute("ROLLBACK TO again")
            reg.store.conn.execute("RELEASE again")
    assert outcomes == [["aliases", "notes", "city"]] * 2
    assert histories == [["aliases", "city"]] * 2  # notes replaced nothing
