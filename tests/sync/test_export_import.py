"""Bundle export and import between in-process vaults: merge, replay, dry run, revert, refusals."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.errors import BundleError, InvalidInput, NotFound, TrustError
from registry.service import Registry
from registry.sync import container, exporter, payload
from registry.sync.container import Recipient, write_bundle
from registry.sync.exporter import ExportRequest, Scope
from registry.sync.progress import Cancelled
from registry.sync.redact import Mode
from registry.sync.sharing import BundleImport, ExportFlow, ExportStep, ImportStep

from .vaults import introduce, make_vault, person, receive, send


def files(vault: Registry) -> dict[str, str]:
    """Hashes of the vault's files; the WAL index (-shm) changes on every read of an open
    connection, so in-process it is left out (the command-line tests hash every file)."""
    root = vault.paths.root
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.iterdir()) if p.is_file() and not p.name.endswith("-shm")}


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    introduce(a, b)
    yield a, b, c
    for v in (a, b, c):
        v.lock()


def test_round_trip_gives_the_same_digest(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    org = a.add(Kind.ORGANISATION, {"name": "Свободные медиа", "type": "media"}).id
    x = person(a, "Exiled Journalist", country="LT", roles=["journalist"])
    a.add(Kind.TIE, {"from_id": x, "to_id": org, "kind": "member_of"})
    [report] = receive(b, send(a, [b], tmp_path / "a.rbundle"))
    assert report.counts["new"] == 3 and report.import_id
    assert report.sender_verified and report.sender_name == "Alice"
    assert b.digest() == a.digest()
    assert b.search("Exiled")[0].id == x


def test_replay_writes_nothing(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    person(a, "Пётр Повторов")
    bundle = send(a, [b], tmp_path / "a.rbundle")
    receive(b, bundle)
    before = files(b)
    [again] = receive(b, bundle)
    assert again.import_id is None and again.counts["unchanged"] == 1
    assert files(b) == before


def test_dry_run_writes_nothing_and_lists_overwritten_edits(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Анна Конфликтова", notes="first")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    b.update(x, {"notes": "edited by Bob"})
    a.update(x, {"notes": "edited by Alice", "country": "EE"})
    y = person(a, "Новая Запись")
    bundle = send(a, [b], tmp_path / "2.rbundle")
    before = files(b)
    [preview] = receive(b, bundle, dry_run=True)
    assert files(b) == before
    assert preview.dry_run and preview.import_id is None
    assert preview.counts == {"new": 1, "changed": 1, "deleted": 0, "erased": 0,
                              "unchanged": 0, "held": 0, "notices": 0}
    assert preview.overwritten_local == [{"id": x, "kind": "person", "fields": ["notes"]}]
    [done] = receive(b, bundle)
    assert done.to_json()["overwritten_local"] == preview.to_json()["overwritten_local"]
    assert b.get(x).values["notes"] == "edited by Alice"
    assert b.get(y).values["name"] == "Новая Запись"


def test_revert_restores_overwritten_values_and_deletes_created(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Анна Конфликтова", notes="first")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    b.update(x, {"notes": "Bob's note"})
    a.update(x, {"notes": "Alice's note"})
    y = person(a, "Created By Import")
    [done] = receive(b, send(a, [b], tmp_path / "2.rbundle"))
    assert done.import_id
    result = b.sharing.revert(done.import_id)
    assert (result.restored_fields, result.deleted_records) == (1, 1)
    assert b.get(x).values["notes"] == "Bob's note"
    assert b.get(y).deleted
    entry = next(e for e in b.sharing.history() if e.import_id == done.import_id)
    assert entry.reverted_at and entry.sender_name == "Alice" and entry.counts["new"] == 1
    with pytest.raises(InvalidInput):
        b.sharing.revert(done.import_id)
    with pytest.raises(NotFound):
        b.sharing.revert("00000000-0000-4000-8000-000000000000")
    # the revert travels: Alice gets Bob's note back and the deletion
    introduce_back = b.sharing.request(to=[a.identity.fingerprint])
    b.sharing.export(introduce_back, tmp_path / "3.rbundle")
    receive(a, tmp_path / "3.rbundle")
    assert a.get(x).values["notes"] == "Bob's note" and a.get(y).deleted
    assert a.digest() == b.digest()


def test_revert_keeps_fields_changed_since(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Анна", notes="first")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    b.update(x, {"notes": "Bob"})
    a.update(x, {"notes": "Alice"})
    [done] = receive(b, send(a, [b], tmp_path / "2.rbundle"))
    b.update(x, {"notes": "Bob again"})
    b.erase(person(b, "will be gone"))
    result = b.sharing.revert(str(done.import_id))
    assert (result.restored_fields, result.skipped_fields) == (0, 1)
    assert b.get(x).values["notes"] == "Bob again"


def test_revert_skips_erased_records(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Анна", notes="first")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    b.update(x, {"notes": "Bob"})
    a.update(x, {"notes": "Alice"})
    [done] = receive(b, send(a, [b], tmp_path / "2.rbundle"))
    b.sharing  # noqa: B018 - the property is cached
    b.store.conn.execute("BEGIN")
    b.store.conn.execute("UPDATE field_history SET import_id = ? WHERE import_id = ?",
                         (done.import_id, done.import_id))
    b.store.conn.execute("COMMIT")
    b.erase(x)
    result = b.sharing.revert(str(done.import_id))
    assert result.restored_fields == 0


def test_deletion_and_erasure_travel(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Удаляемый")
    y = person(a, "Стираемый", notes="SECRET-NOTE")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    a.delete(x)
    a.erase(y)
    [report] = receive(b, send(a, [b], tmp_path / "2.rbundle"))
    assert report.deleted == [x] and report.erased == [y]
    assert b.get(x).deleted
    with pytest.raises(NotFound):
        b.get(y)
    assert b.digest() == a.digest()
    # a late edit of the erased record never brings it back
    assert not b.search("Стираемый")


def test_erasure_arriving_for_an_unknown_record_waits_then_converges(trio, tmp_path: Path
                                                                    ) -> None:
    """B cannot tell who made a record it never had, so its erasure waits for B's official
    (it would erase the record on arrival otherwise); accepted, the vaults agree."""
    a, b, _ = trio
    y = person(a, "Сразу стёртый")
    a.erase(y)
    [report] = receive(b, send(a, [b], tmp_path / "1.rbundle"))
    assert report.erased == [] and report.counts["held"] == 1
    [entry] = b.sharing.held_changes()
    b.sharing.accept_held(entry.id)
    assert b.digest() == a.digest()


def test_erasure_beats_a_later_edit(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    y = person(a, "Спорный")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    a.erase(y)
    b.update(y, {"notes": "later edit"})
    receive(b, send(a, [b], tmp_path / "2.rbundle"))
    receive(a, send(b, [a], tmp_path / "3.rbundle"))
    with pytest.raises(NotFound):
        a.get(y)
    assert a.digest() == b.digest()


def test_untrusted_or_revoked_sender_is_refused_and_nothing_written(trio, tmp_path) -> None:
    a, b, c = trio
    person(a, "Кто-то")
    to_c = a.sharing.request(to_age=[c.identity.age_recipient])
    a.sharing.export(to_c, tmp_path / "c.rbundle")
    before = files(c)
    with pytest.raises(TrustError, match="not in the trust store"):
        receive(c, tmp_path / "c.rbundle")
    assert files(c) == before
    bundle = send(a, [b], tmp_path / "b.rbundle")
    b.sharing.revoke(a.identity.fingerprint)
    before = files(b)
    with pytest.raises(TrustError, match="revoked"):
        receive(b, bundle)
    assert files(b) == before


def test_bundle_for_someone_else_is_refused(trio, tmp_path: Path) -> None:
    a, b, c = trio
    introduce(a, c)
    person(a, "Кто-то")
    bundle = send(a, [c], tmp_path / "c.rbundle")
    with pytest.raises(BundleError, match="not addressed"):
        receive(b, bundle)


def test_own_bundle_imports_as_a_no_op(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    person(a, "Сам себе")
    request = a.sharing.request(to=[b.identity.fingerprint],
                                to_age=[a.identity.age_recipient])
    a.sharing.export(request, tmp_path / "own.rbundle")
    [report] = receive(a, tmp_path / "own.rbundle")
    assert report.import_id is None and report.sender_verified


def test_one_bad_file_stops_the_whole_batch(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    person(a, "Первый")
    good = send(a, [b], tmp_path / "good.rbundle")
    bad = tmp_path / "bad.rbundle"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    before = files(b)
    with pytest.raises(BundleError):
        receive(b, good, bad)
    assert files(b) == before


def _header(a: Registry, bundle_id: str, n: int) -> dict:
    return {"format": "registry-payload/1", "bundle_id": bundle_id,
            "sender": a.identity.fingerprint, "created_at": "2025-01-01T00:00:00Z",
            "counts": {"person": n}, "settings": {}}


GOOD_LINE = {"id": "0190a0b0-0000-7000-8000-000000000001", "kind": "person",
             "values": {"name": "Valid"}, "stamps": [[1 << 40, "f" * 40, ["name"]]],
             "erased": None}


@pytest.mark.parametrize("mutate, error", [
    (lambda h, ls: h.update(bundle_id="0190a0b0-0000-7000-8000-0000000000ff"), TrustError),
    (lambda h, ls: h.update(sender="0" * 40), TrustError),
    (lambda h, ls: h.update(format="other"), BundleError),
    (lambda h, ls: h.update(counts={"person": 5}), BundleError),
    (lambda h, ls: h.update(counts={"person": True}), BundleError),
    (lambda h, ls: h.update(settings=[]), BundleError),
    (lambda h, ls: ls.append(dict(GOOD_LINE)), BundleError),  # a repeated id
    (lambda h, ls: ls[0].update(kind="spaceship"), BundleError),
    (lambda h, ls: ls[0]["values"].update(name=7), BundleError),
])
def test_forged_payloads_are_refused(trio, tmp_path: Path, mutate, error) -> None:
    a, b, _ = trio
    bundle_id = "0190a0b0-0000-7000-8000-0000000000aa"
    header = _header(a, bundle_id, 1)
    lines = [dict(GOOD_LINE, values=dict(GOOD_LINE["values"]))]
    mutate(header, lines)
    if len(lines) == 2:
        header["counts"] = {"person": 2}
    pub = b.official_keys.public()
    path = tmp_path / "forged.rbundle"
    write_bundle(path, sender_keys=a.official_keys, sender_name="Alice",
                 recipients=[Recipient(pub.fingerprint, pub.age_recipient)],
                 payload_plain=payload.encode(header, lines), bundle_id=bundle_id)
    before = files(b)
    with pytest.raises(error):
        receive(b, path)
    assert files(b) == before


def test_a_valid_forged_line_imports(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    bundle_id = "0190a0b0-0000-7000-8000-0000000000aa"
    pub = b.official_keys.public()
    path = tmp_path / "ok.rbundle"
    write_bundle(path, sender_keys=a.official_keys, sender_name="Alice",
                 recipients=[Recipient(pub.fingerprint, pub.age_recipient)],
                 payload_plain=payload.encode(_header(a, bundle_id, 1), [GOOD_LINE]),
                 bundle_id=bundle_id)
    [report] = receive(b, path)
    assert report.counts["new"] == 1


def test_an_id_of_another_kind_is_refused(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    org = b.add(Kind.ORGANISATION, {"name": "Org"}).id
    bundle_id = "0190a0b0-0000-7000-8000-0000000000aa"
    line = dict(GOOD_LINE, id=org)
    pub = b.official_keys.public()
    path = tmp_path / "kind.rbundle"
    write_bundle(path, sender_keys=a.official_keys, sender_name="Alice",
                 recipients=[Recipient(pub.fingerprint, pub.age_recipient)],
                 payload_plain=payload.encode(_header(a, bundle_id, 1), [line]),
                 bundle_id=bundle_id)
    with pytest.raises(BundleError, match="another kind"):
        receive(b, path)


def test_since_last_sends_only_what_changed(trio, tmp_path: Path) -> None:
    a, b, c = trio
    introduce(a, c)
    x = person(a, "Старый")
    send(a, [b], tmp_path / "1.rbundle", scope=Scope(since_last=True))
    y = person(a, "Новый")
    a.update(x, {"notes": "changed"})
    z_bundle = send(a, [c], tmp_path / "c1.rbundle")
    del z_bundle
    send(a, [b], tmp_path / "2.rbundle", scope=Scope(since_last=True))
    receive(b, tmp_path / "1.rbundle")
    [second] = receive(b, tmp_path / "2.rbundle")
    assert second.counts["new"] == 1 and second.counts["changed"] == 1
    assert b.get(y) and b.get(x).values["notes"] == "changed"
    # nothing changed since: an empty bundle
    request = a.sharing.request(to=[b.identity.fingerprint], scope=Scope(since_last=True))
    assert a.sharing.preview_export(request).records == {}
    # records merged from an import count as changes too
    w = person(c, "From Carol")
    receive(a, send(c, [a], tmp_path / "from-c.rbundle"))
    assert a.sharing.preview_export(request).records == {"person": 1}
    del w


def test_selection_and_kind_filter(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    x = person(a, "Выбранный")
    person(a, "Другой")
    a.add(Kind.ORGANISATION, {"name": "Org"})
    to_b = [b.identity.fingerprint]
    sel = a.sharing.request(to=to_b, scope=Scope(ids=frozenset({x})))
    assert a.sharing.preview_export(sel).records == {"person": 1}
    kinds = a.sharing.request(to=to_b, scope=Scope(kinds=frozenset({Kind.ORGANISATION})))
    assert a.sharing.preview_export(kinds).records == {"organisation": 1}


def test_recipients_must_be_trusted_and_verified(trio, tmp_path: Path) -> None:
    a, b, c = trio
    with pytest.raises(NotFound):
        a.sharing.request(to=[c.identity.fingerprint])
    a.sharing.add_card(c.sharing.card())
    with pytest.raises(TrustError, match="not verified"):
        a.sharing.request(to=[c.identity.fingerprint])
    a.sharing.revoke(c.identity.fingerprint)
    with pytest.raises(TrustError, match="revoked"):
        a.sharing.request(to=[c.identity.fingerprint])
    with pytest.raises(InvalidInput):
        a.sharing.request()
    with pytest.raises(InvalidInput):
        a.sharing.request(to=[b.identity.fingerprint], ceiling="secret")
    same = a.sharing.request(to=[b.identity.fingerprint], to_age=[b.identity.age_recipient],
                             ceiling="protected")
    assert len(same.recipients) == 1 and same.ceiling is Sensitivity.PROTECTED


def test_cancel_writes_nothing(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    person(a, "Отменённый")
    stop = threading.Event()
    stop.set()
    request = a.sharing.request(to=[b.identity.fingerprint])
    before = files(a)
    with pytest.raises(Cancelled):
        a.sharing.export(request, tmp_path / "x.rbundle", cancelled=stop.is_set)
    assert not (tmp_path / "x.rbundle").exists()
    bundle = send(a, [b], tmp_path / "y.rbundle")
    before = files(b)
    seen: list[str] = []
    with pytest.raises(Cancelled):
        b.sharing.import_bundles([bundle], progress=lambda s, d, t: seen.append(s),
                                 cancelled=stop.is_set)
    assert files(b) == before and seen
    del before


def test_inspect_reports_trust_without_decrypting(trio, tmp_path: Path) -> None:
    a, b, c = trio
    bundle = send(a, [b], tmp_path / "a.rbundle")
    info = b.sharing.inspect(bundle)
    assert info.sender_trust == "verified" and info.addressed_to_me
    assert c.sharing.inspect(bundle).to_json()["sender_trust"] == "unknown"
    assert a.sharing.inspect(bundle).sender_trust == "own"
    assert not a.sharing.inspect(bundle).addressed_to_me


def test_export_flow_and_import_flow(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    person(a, "Inside", inside_russia=True, region="RU-SVE")
    person(a, "Outside")
    flow = ExportFlow(a.sharing)
    with pytest.raises(InvalidInput):
        flow.preview()
    flow.set_recipients([b.identity.fingerprint])
    flow.set_options(ceiling=Sensitivity.INTERNAL, mode=Mode.INCLUDE, scope=Scope())
    exposure = flow.preview()
    assert flow.step is ExportStep.PREVIEW and exposure.people_inside_russia == 1
    with pytest.raises(InvalidInput, match="confirmation"):
        flow.write(tmp_path / "f.rbundle")
    flow.confirm_include()
    result = flow.write(tmp_path / "f.rbundle")
    assert flow.step is ExportStep.DONE and result.exposure.people == 2
    imp = BundleImport(b.sharing)
    with pytest.raises(InvalidInput):
        imp.apply()
    [check] = imp.review([result.path])
    assert imp.step is ImportStep.REVIEW and check.preview is not None
    assert check.preview.counts["new"] == 2
    [done] = imp.apply()
    assert imp.step is ImportStep.DONE and done.import_id


def test_export_logs_the_bundle(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    request = ExportRequest(exporter.resolve_recipients(a.sharing.trust,
                                                        [b.identity.fingerprint], []))
    result = a.sharing.export(request, tmp_path / "log.rbundle")
    row = a.store.conn.execute("SELECT recipients FROM bundle_export WHERE bundle_id = ?",
                               (result.bundle_id,)).fetchone()
    assert row[0] == request.recipient_key
    manifest = container.open_bundle(result.path).manifest
    assert manifest.bundle_id == result.bundle_id
    assert result.to_json()["settings"]["protected"] == "exclude"
