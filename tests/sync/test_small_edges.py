"""Small refusals and outcomes of the sync layer's readers and flows (DESIGN §6.2, §6.4.2)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.errors import InvalidInput, NotFound
from registry.memory import bulk
from registry.sync import cards, keys, sharing, wire
from registry.sync.wire import LineError

from .forge import forge, record
from .vaults import introduce, make_vault, person, receive, send

ID = "0190a000-0000-7000-8000-00000000abcd"


def test_a_record_line_is_not_a_protection_notice() -> None:
    line = {"id": ID, "kind": "person", "values": {"name": "Анна"},
            "stamps": [[1, "f" * 40, ["name"]]], "erased": None}
    with pytest.raises(LineError, match="line 7 is not a protection notice"):
        wire.notice_from_line(line, 7)
    assert wire.from_line(line, 7).values == {"name": "Анна"}  # it is a record line


def test_a_notice_carrying_another_field_is_refused() -> None:
    notice = {"notice": wire.NOTICE, "id": ID, "kind": "person",
              "values": {"sensitivity": "protected", "name": "Анна"},
              "stamps": [[1, "f" * 40, ["name", "sensitivity"]]]}
    with pytest.raises(LineError, match="line 4: a protection notice carries fields other"):
        wire.notice_from_line(notice, 4)
    del notice["values"]["name"]  # type: ignore[attr-defined]
    notice["stamps"] = [[1, "f" * 40, ["sensitivity"]]]
    assert wire.notice_from_line(notice, 4).values == {"sensitivity": "protected"}


def test_a_line_without_signatures_has_none_and_an_impossible_date_is_refused() -> None:
    line = {"id": ID, "kind": "event", "values": {"title": "Форум", "start": "2024-02-30"},
            "stamps": [[1, "f" * 40, ["start", "title"]]], "erased": None}
    assert wire.sigs_from_line(line, 3) == {}
    with pytest.raises(LineError, match="line 3") as refused:
        wire.from_line(line, 3)
    assert "start" in str(refused.value) and "2024-02-30" not in str(refused.value)
    line["values"] = {"title": "Форум", "start": "2024-02-29"}  # a real leap day passes
    assert wire.from_line(line, 3).values["start"] == "2024-02-29"


def test_bulk_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with bulk():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with bulk():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_missing_card_file_and_a_non_text_key_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="card file cannot be read"):
        cards.read_card_file(tmp_path / "absent.card")
    with pytest.raises(InvalidInput, match="The signature is not valid base64"):
        keys.b64decode_strict(None, 64, "signature")


def test_notice_bundles_write_no_file_for_an_official_with_nothing_to_be_told(
        tmp_path: Path) -> None:
    r, d = make_vault(tmp_path, "R"), make_vault(tmp_path, "D")
    introduce(r, d)
    try:
        anna = person(r, "Анна Смирнова")
        receive(d, send(r, [d], tmp_path / "r.rbundle"))
        out = tmp_path / "out"
        out.mkdir()
        [none] = sharing.notice_bundles(r.sharing, [d.identity.fingerprint], out)
        assert (none.path, none.notices) == (None, 0) and list(out.iterdir()) == []
        r.update(anna, {"inside_russia": True})  # now D must be told
        [told] = sharing.notice_bundles(r.sharing, [d.identity.fingerprint], out,
                                        today="2026-06-01")
        assert told.notices == 1 and told.path is not None and told.path.exists()
    finally:
        r.lock()
        d.lock()


def test_the_import_session_refuses_nothing_chosen_and_nothing_accepted(
        tmp_path: Path) -> None:
    r, c, stranger = (make_vault(tmp_path, n) for n in ("R", "C", "S"))
    introduce(r, c)
    r.sharing.add_card(stranger.sharing.card())  # trusted, never verified
    stranger.sharing.add_card(r.sharing.card(), verified_method="safety_number")
    try:
        session = sharing.BundleImport(r.sharing)
        with pytest.raises(InvalidInput, match="at least one bundle"):
            session.review([])
        with pytest.raises(InvalidInput, match="Review the bundles"):
            session.apply()
        plain = record(stranger, Kind.PERSON, {"name": "Анна", "sensitivity": "internal"})
        from_stranger = forge(stranger, r, tmp_path / "s.rbundle", [plain])
        missing = tmp_path / "missing.rbundle"
        checks = session.review([from_stranger, missing])
        assert [c.ok for c in checks] == [False, False] and session.accepted == []
        assert [c.path for c in session.refused] == [from_stranger, missing]
        assert checks[0].sender_unverified and not checks[0].sender_unknown
        assert checks[1].inspection is None and not checks[1].sender_unverified
        before = r.digest()
        with pytest.raises(InvalidInput, match="No bundle passed the checks"):
            session.apply()
        assert r.digest() == before
        session.allow_unverified = True  # positive control: the official confirmed the risk
        session.review([from_stranger])
        [report] = session.apply()
        assert report.counts["new"] == 1 and not report.sender_verified
    finally:
        for v in (r, c, stranger):
            v.lock()
