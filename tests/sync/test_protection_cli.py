"""Protection across vaults (DESIGN §6.4) through the real ``registry`` command line.

Three officials A, B and C trust each other (verified). Every scenario first shows the value
leaving (a positive control), then applies the condition and checks what a recipient can read:
payloads for bare age recipients are decrypted with the stock ``age`` tool, and what an
official received is read back through that official's own command line.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, CliResult, hash_tree
from tests.passphrase import PASSPHRASE

from .conftest import require_tool
from .vaults import introduce

pytestmark = pytest.mark.interop


# ---- three officials, made once per module and copied per test ------------------------------
@dataclass
class Trio:
    A: Path
    B: Path
    C: Path
    fp: dict[str, str]
    root: Path


@pytest.fixture(scope="module")
def trio_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("trio")
    vaults = [Registry.create(root / n, PASSPHRASE, name=f"Official {n}", org=f"Ministry {n}",
                              country="SE", kdf=FAST_TEST_PARAMS) for n in "ABC"]
    introduce(*vaults)
    fps = {n: v.identity.fingerprint for n, v in zip("ABC", vaults, strict=True)}
    for v in vaults:
        v.lock()
    return root, fps


@pytest.fixture
def trio(tmp_path: Path, trio_template: tuple[Path, dict[str, str]]) -> Trio:
    src, fps = trio_template
    for n in "ABC":
        shutil.copytree(src / n, tmp_path / n)
    return Trio(tmp_path / "A", tmp_path / "B", tmp_path / "C", fps, tmp_path)


# ---- helpers ---------------------------------------------------------------------------------
def ok(res: CliResult) -> str:
    assert res.code == 0, f"exit {res.code}: {res.err}"
    return res.out


def js(res: CliResult) -> Any:
    return json.loads(ok(res))


def new_id(cli: Cli, vault: Path, *args: str) -> str:
    return js(cli(vault, "add", *args, "--json"))["id"]


def show(cli: Cli, vault: Path, record_id: str) -> dict[str, Any]:
    return js(cli(vault, "show", record_id, "--json"))


def export(cli: Cli, vault: Path, out: Path, *args: str) -> Path:
    ok(cli(vault, "bundle", "export", "-o", str(out), *args))
    assert out.exists()
    return out


def imp(cli: Cli, vault: Path, *bundles: Path) -> list[dict[str, Any]]:
    return js(cli(vault, "bundle", "import", *map(str, bundles), "--json"))


@dataclass
class AgeKey:
    identity: Path
    recipient: str


def age_key(path: Path) -> AgeKey:
    keygen = require_tool("age-keygen")
    subprocess.run([keygen, "-o", str(path)], check=True, capture_output=True)
    recipient = next(w for w in path.read_text().split() if w.startswith("age1"))
    return AgeKey(path, recipient)


def age_payload(bundle: Path, key: AgeKey) -> tuple[str, list[dict[str, Any]]]:
    """The decrypted payload with the stock age tool: (all lines as readable text, lines)."""
    age = require_tool("age")
    with zipfile.ZipFile(bundle) as z:
        encrypted = z.read("payload.age")
    plain = subprocess.run([age, "-d", "-i", str(key.identity)], input=encrypted,
                           capture_output=True, check=True).stdout
    raw = gzip.decompress(plain).decode("utf-8")
    lines = [json.loads(x) for x in raw.splitlines() if x.strip()]
    text = raw + "\n" + "\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    return text, lines


def records_by_id(lines: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for line in lines[1:]:
        out.setdefault(line["id"], []).append(line)
    return out


def leaked(text: str, *needles: str) -> list[str]:
    return [n for n in needles if n in text]


# ---- 1. a late flag reaches C through B ------------------------------------------------------
@pytest.mark.parametrize(("a_to_b", "b_to_c"), [
    ((), ()),
    (("--notices-only",), ("--since-last", "--max-sensitivity", "public")),
], ids=["normal-bundle", "notices-only"])
def test_late_flag_follows_the_record_to_c_and_no_further(
        cli: Cli, trio: Trio, tmp_path: Path, a_to_b: tuple[str, ...],
        b_to_c: tuple[str, ...]) -> None:
    A, B, C, fp = trio.A, trio.B, trio.C, trio.fp
    sentinel, latin = "LATEFLAGSENTINEL7", "Olga Latecheckova"
    pid = new_id(cli, A, "person", "--name", "Ольга Латечекова", "--name-latin", latin,
                 "--notes", sentinel, "--country", "DE")
    imp(cli, B, export(cli, A, tmp_path / "a1.rbundle", "--to", fp["B"]))
    imp(cli, C, export(cli, B, tmp_path / "b1.rbundle", "--to", fp["C"]))
    before = show(cli, C, pid)  # positive control: C holds it, unprotected
    assert before["fields"]["notes"] == sentinel and not before["protected"]

    flagged = js(cli(A, "update", pid, "--inside-russia", "--json"))
    assert fp["B"] in [h["fingerprint"] for h in flagged["shared_with"]], flagged
    assert show(cli, A, pid)["protected"]

    preview = js(cli(A, "bundle", "export", "-o", str(tmp_path / "dry"), "--to", fp["B"],
                     "--dry-run", "--json", *a_to_b))
    assert preview["exposure"]["notices"] == 1, preview["exposure"]  # the preview counts it
    imp(cli, B, export(cli, A, tmp_path / "a2.rbundle", "--to", fp["B"], *a_to_b))
    at_b = show(cli, B, pid)
    assert at_b["protected"] and at_b["sensitivity"] == "protected", at_b

    [report] = imp(cli, C, export(cli, B, tmp_path / "b2.rbundle", "--to", fp["C"], *b_to_c))
    at_c = show(cli, C, pid)
    assert at_c["protected"] and at_c["sensitivity"] == "protected", (at_c, report)

    # from now on neither B nor C lets it leave: a fourth party (a bare age recipient)
    key = age_key(tmp_path / "d.key")
    for name, vault in (("B", B), ("C", C)):
        bundle = export(cli, vault, tmp_path / f"{name}-d.rbundle",
                        "--to-age-recipient", key.recipient)
        text, _ = age_payload(bundle, key)
        assert not leaked(text, sentinel, latin, "Латечекова", pid), name
    ftm = tmp_path / "c.ftm"
    ok(cli(C, "export-ftm", str(ftm)))
    assert not leaked(ftm.read_text("utf-8"), sentinel, latin, "Латечекова", pid)


# ---- 2. records decided "same" ---------------------------------------------------------------
def _exports_of(cli: Cli, vault: Path, tmp: Path, key: AgeKey, tag: str, *to: str
                ) -> tuple[dict[str, str], Path, list[dict[str, Any]]]:
    bundle = export(cli, vault, tmp / f"{tag}.rbundle", "--to-age-recipient", key.recipient,
                    *to)
    ok(cli(vault, "export-ftm", str(tmp / f"{tag}.ftm")))
    ok(cli(vault, "export-csv", str(tmp / f"{tag}-p.csv"), "--kind", "person"))
    ok(cli(vault, "export-csv", str(tmp / f"{tag}-o.csv"), "--kind", "organisation"))
    text, lines = age_payload(bundle, key)
    return {"bundle": text,
            "ftm": (tmp / f"{tag}.ftm").read_text("utf-8"),
            "csv": (tmp / f"{tag}-p.csv").read_text("utf-8")
            + (tmp / f"{tag}-o.csv").read_text("utf-8")}, bundle, lines


def test_same_pair_shares_protection_in_every_export(cli: Cli, trio: Trio,
                                                     tmp_path: Path) -> None:
    A = trio.A
    org = new_id(cli, A, "organisation", "--name", "Neutral Samecheck Org", "--type", "ngo")
    # pair 1: the flagged record is the older one (it survives)
    p1 = new_id(cli, A, "person", "--name", "Сентина Тестова", "--name-latin",
                "Sentina Testova", "--inside-russia")
    p2 = new_id(cli, A, "person", "--name", "Сентина Тестова", "--name-latin",
                "Sentina Testova", "--notes", "SAMETWINSENTINEL1", "--country", "DE")
    # pair 2: the unflagged twin is the older one (it survives and must be raised)
    q2 = new_id(cli, A, "person", "--name", "Зоя Двойникова", "--name-latin",
                "Zoya Dvoinikova", "--notes", "SAMETWINSENTINEL2", "--country", "FR")
    q1 = new_id(cli, A, "person", "--name", "Зоя Двойникова", "--name-latin",
                "Zoya Dvoinikova", "--inside-russia")
    tie = new_id(cli, A, "tie", "--from", p2, "--to", org, "--kind", "member_of",
                 "--notes", "SAMETIESENTINEL3")
    needles = ("SAMETWINSENTINEL1", "SAMETWINSENTINEL2", "SAMETIESENTINEL3")
    key = age_key(tmp_path / "x.key")
    to_b = ("--to", trio.fp["B"])
    before, bundle, _ = _exports_of(cli, A, tmp_path, key, "before", *to_b)
    for where, text in before.items():  # positive control: the twins leave before the decision
        assert "SAMETWINSENTINEL1" in text and "SAMETWINSENTINEL2" in text, where
    assert "SAMETIESENTINEL3" in before["bundle"]
    imp(cli, trio.B, bundle)  # B holds both unflagged twins

    ok(cli(A, "duplicates", "decide", p1, p2, "same"))
    ok(cli(A, "duplicates", "decide", q1, q2, "same"))
    for record_id in (p2, q2):
        assert show(cli, A, record_id)["protected"], record_id
    after, bundle, lines = _exports_of(cli, A, tmp_path, key, "after", *to_b)
    problems = {where: leaked(text, *needles, "Sentina", "Сентина", "Zoya", "Зоя")
                for where, text in after.items()}
    assert not any(problems.values()), problems
    # what the holders had goes as protection notices only: id, kind, the raised fields
    sent = records_by_id(lines)
    for record_id in (p2, q2, tie):
        assert [x.get("notice") for x in sent.get(record_id, [])] == ["protection"], record_id
        [notice] = sent[record_id]
        assert set(notice) == {"notice", "id", "kind", "values", "stamps"}
        assert set(notice["values"]) <= {"sensitivity", "inside_russia"}
        assert notice["values"]["sensitivity"] == "protected"
    imp(cli, trio.B, bundle)
    for record_id in (p2, q2):
        assert show(cli, trio.B, record_id)["protected"], record_id


def test_a_same_decision_keeps_digests_equal(cli: Cli, trio: Trio, tmp_path: Path) -> None:
    """§6.4.1: digests stay equal for vaults that made no local lowering. B merges everything
    A holds (include, protected ceiling) after A decided an unflagged record "same" as a
    protected one: both vaults must then hold the same values under the same stamps."""
    A, B, fp = trio.A, trio.B, trio.fp
    p1 = new_id(cli, A, "person", "--name", "Дина Равнова", "--name-latin", "Dina Ravnova",
                "--inside-russia")
    p2 = new_id(cli, A, "person", "--name", "Дина Равнова", "--name-latin", "Dina Ravnova",
                "--country", "DE")
    full = ("--to", fp["B"], "--protected", "include", "--yes-include-protected",
            "--max-sensitivity", "protected")
    imp(cli, B, export(cli, A, tmp_path / "1.rbundle", *full))
    assert js(cli(A, "digest", "--json")) == js(cli(B, "digest", "--json"))  # control
    ok(cli(A, "duplicates", "decide", p1, p2, "same"))
    imp(cli, B, export(cli, A, tmp_path / "2.rbundle", *full))
    assert show(cli, B, p2)["protected"]
    a_p2, b_p2 = show(cli, A, p2), show(cli, B, p2)
    assert js(cli(A, "digest", "--json")) == js(cli(B, "digest", "--json")), (
        a_p2["fields"], b_p2["fields"])


# ---- 3. include at the internal ceiling --------------------------------------------------------
def test_include_needs_confirmation_and_keeps_every_ceiling(cli: Cli, trio: Trio,
                                                            tmp_path: Path) -> None:
    A = trio.A
    p = new_id(cli, A, "person", "--name", "Инна Включённая", "--name-latin", "Inna Includeva",
               "--inside-russia", "--email", "inna-include@example.org")
    donor = new_id(cli, A, "organisation", "--name", "Include Donor", "--type", "donor")
    event = new_id(cli, A, "event", "--title", "CONFEVENTSENTINEL", "--date", "2024-05-01",
                   "--participant", p, "--sensitivity", "confidential")
    support = new_id(cli, A, "support", "--provider", donor, "--recipient", p, "--kind",
                     "security_support", "--sensitivity", "confidential")
    ok(cli(A, "update", support, "--notes", "CONFSUPPORTSENTINEL"))
    open_event = new_id(cli, A, "event", "--title", "OPENEVENTSENTINEL", "--date",
                        "2024-06-01", "--participant", p)
    key = age_key(tmp_path / "x.key")
    out = tmp_path / "refused.rbundle"
    before = hash_tree(A)
    res = cli(A, "bundle", "export", "-o", str(out), "--to-age-recipient", key.recipient,
              "--protected", "include", "--max-sensitivity", "confidential")
    assert res.code == 2, res
    assert not out.exists() and not list(tmp_path.glob("refused*"))
    assert hash_tree(A) == before

    wide = export(cli, A, tmp_path / "conf.rbundle", "--to-age-recipient", key.recipient,
                  "--protected", "include", "--yes-include-protected",
                  "--max-sensitivity", "confidential")
    text, lines = age_payload(wide, key)  # positive control: all of it leaves at confidential
    for needle in ("CONFEVENTSENTINEL", "CONFSUPPORTSENTINEL", "inna-include@example.org",
                   "Inna Includeva", "OPENEVENTSENTINEL"):
        assert needle in text, needle

    narrow = export(cli, A, tmp_path / "int.rbundle", "--to-age-recipient", key.recipient,
                    "--protected", "include", "--yes-include-protected",
                    "--max-sensitivity", "internal")
    text, lines = age_payload(narrow, key)
    sent = records_by_id(lines)
    assert "Inna Includeva" in text and p in sent  # include lifts the exclusion...
    assert "OPENEVENTSENTINEL" in text and open_event in sent
    # ...and nothing else: the confidential records and the contact channel stay home
    assert not leaked(text, "CONFEVENTSENTINEL", "CONFSUPPORTSENTINEL",
                      "inna-include@example.org")
    assert event not in sent and support not in sent


def test_include_keeps_a_confidential_tie_to_a_protected_person_home(
        cli: Cli, trio: Trio, tmp_path: Path) -> None:
    """A tie the official marked confidential is not sent at an internal ceiling because it
    also touches a protected person (§6.4.5: every record's own ceiling still applies)."""
    A = trio.A
    p = new_id(cli, A, "person", "--name", "Тина Связанная", "--name-latin", "Tina Tiedova",
               "--inside-russia")
    friend = new_id(cli, A, "person", "--name", "Open Friend", "--country", "DE")
    tie = new_id(cli, A, "tie", "--from", friend, "--to", p, "--kind", "family",
                 "--sensitivity", "confidential")
    ok(cli(A, "update", tie, "--notes", "CONFTIESENTINEL"))
    key = age_key(tmp_path / "x.key")
    wide = export(cli, A, tmp_path / "conf.rbundle", "--to-age-recipient", key.recipient,
                  "--protected", "include", "--yes-include-protected",
                  "--max-sensitivity", "confidential")
    assert "CONFTIESENTINEL" in age_payload(wide, key)[0]  # positive control
    narrow = export(cli, A, tmp_path / "int.rbundle", "--to-age-recipient", key.recipient,
                    "--protected", "include", "--yes-include-protected",
                    "--max-sensitivity", "internal")
    text, lines = age_payload(narrow, key)
    assert "Tina Tiedova" in text  # the person leaves (include)
    assert tie not in records_by_id(lines) and "CONFTIESENTINEL" not in text


# ---- 4. free text naming a protected person ----------------------------------------------------
MENTIONS = {
    "latin_possessive": "MENTIONA met Olga Pozdnova's brother in Riga",
    "latin_spelling": "MENTIONB Olga Pozdnowa called twice",
    "russian_declined": "MENTIONC встреча с Ольгой Поздновой в Вильнюсе",
    "alias_latin": "MENTIOND Krasnaya Lisa sends regards",
}


def _mentioned(preview: dict[str, Any]) -> set[str]:
    mention = preview["exposure"]["reasons"]["mention"]
    assert sum(mention["fields"].values()) == sum(len(v) for v in mention["field_ids"].values())
    assert mention["records"] == len(mention["record_ids"])
    return {rid for ids in mention["field_ids"].values() for rid in ids} | set(
        mention["record_ids"])


def test_mentions_are_blanked_counted_and_kept_on_request(cli: Cli, trio: Trio,
                                                          tmp_path: Path) -> None:
    A, B, fp = trio.A, trio.B, trio.fp
    p = new_id(cli, A, "person", "--name", "Ольга Позднова", "--alias", "Красная Лиса",
               "--inside-russia")
    orgs = {k: new_id(cli, A, "organisation", "--name", f"Org {k}", "--type", "ngo",
                      "--notes", text) for k, text in MENTIONS.items()}
    plain = new_id(cli, A, "organisation", "--name", "Org plain", "--type", "ngo",
                   "--notes", "MENTIONNONE annual report")
    a, b = new_id(cli, A, "person", "--name", "Tie End One"), new_id(
        cli, A, "person", "--name", "Tie End Two")
    tie = new_id(cli, A, "tie", "--from", a, "--to", b, "--kind", "colleague",
                 "--notes", "MENTIONE both know Olga Pozdnova")
    marks = {k: t.split()[0] for k, t in MENTIONS.items()} | {"tie": "MENTIONE"}
    # "matched as search matches": searching the protected person's name finds every note
    found = {h["id"] for h in js(cli(A, "search", "Ольга Позднова", "--json"))}
    assert {orgs["latin_possessive"], orgs["latin_spelling"], orgs["russian_declined"]} <= found
    key = age_key(tmp_path / "x.key")

    kept = export(cli, A, tmp_path / "keep.rbundle", "--to-age-recipient", key.recipient,
                  "--keep-mentions")
    text, _ = age_payload(kept, key)  # positive control: --keep-mentions keeps them all
    assert not [m for m in marks.values() if m not in text]

    bundle = export(cli, A, tmp_path / "default.rbundle", "--to", fp["B"],
                    "--to-age-recipient", key.recipient)
    text, lines = age_payload(bundle, key)
    sent = records_by_id(lines)
    assert all(rid in sent for rid in orgs.values())  # the organisations themselves travel
    assert "MENTIONNONE" in text
    assert not {k: m for k, m in marks.items() if m in text}, "mentions left in the bundle"
    assert p not in text
    imp(cli, B, bundle)

    preview = js(cli(A, "bundle", "export", "-o", str(tmp_path / "dry.rbundle"),
                     "--to", fp["C"], "--dry-run", "--json"))
    counted = _mentioned(preview)
    missing = {k: rid for k, rid in {**orgs, "tie": tie}.items() if rid not in counted}
    assert not missing, ("not counted as mentions", missing)
    assert plain not in counted


def test_a_title_naming_a_protected_person(cli: Cli, trio: Trio, tmp_path: Path) -> None:
    """An event title (a required field) naming a protected person: the bundle is still
    written, the title does not leave, the preview counts it, and the recipient imports."""
    A, B, fp = trio.A, trio.B, trio.fp
    new_id(cli, A, "person", "--name", "Ольга Позднова", "--inside-russia")
    friend = new_id(cli, A, "person", "--name", "Title Friend")
    event = new_id(cli, A, "event", "--title", "MENTIONF ужин с Ольгой Поздновой",
                   "--date", "2024-03-03", "--participant", friend)
    key = age_key(tmp_path / "x.key")
    text, _ = age_payload(export(cli, A, tmp_path / "keep.rbundle", "--to-age-recipient",
                                 key.recipient, "--keep-mentions"), key)
    assert "MENTIONF" in text  # positive control
    bundle = tmp_path / "default.rbundle"
    res = cli(A, "bundle", "export", "-o", str(bundle), "--to", fp["B"],
              "--to-age-recipient", key.recipient)
    assert res.code == 0, (f"bundle written anyway: {bundle.exists()}", res.err[-400:])
    res = cli(A, "bundle", "export", "-o", str(tmp_path / "dry.rbundle"), "--to", fp["B"],
              "--dry-run", "--json")
    assert res.code == 0, res.err[-400:]
    assert event in _mentioned(json.loads(res.out))
    text, _ = age_payload(bundle, key)
    assert "MENTIONF" not in text and "Поздновой" not in text
    imp(cli, B, bundle)
    assert show(cli, B, friend)["fields"]["name"] == "Title Friend"


# ---- 5. deleted and erased records -------------------------------------------------------------
def test_deleted_and_erased_records_travel_as_tombstones_only(cli: Cli, trio: Trio,
                                                              tmp_path: Path) -> None:
    A = trio.A
    gone = new_id(cli, A, "person", "--name", "Удалён Человеков", "--name-latin",
                  "Udalyon Chelovekov", "--notes", "DELETEDSENTINEL", "--country", "DE",
                  "--email", "deleted@example.org")
    erased = new_id(cli, A, "person", "--name", "Стёрт Человеков", "--name-latin",
                    "Styort Chelovekov", "--notes", "ERASEDSENTINEL", "--country", "DE")
    org = new_id(cli, A, "organisation", "--name", "Deleted Org", "--type", "ngo",
                 "--notes", "DELORGSENTINEL")
    hidden = new_id(cli, A, "person", "--name", "Скрыт Удалёнов", "--inside-russia",
                    "--notes", "HIDDENDELSENTINEL")
    key = age_key(tmp_path / "x.key")
    text, _ = age_payload(export(cli, A, tmp_path / "pre.rbundle", "--to-age-recipient",
                                 key.recipient), key)
    assert all(s in text for s in ("DELETEDSENTINEL", "ERASEDSENTINEL", "DELORGSENTINEL"))
    ok(cli(A, "delete", gone))
    ok(cli(A, "delete", org))
    ok(cli(A, "erase", erased))
    ok(cli(A, "delete", hidden))
    fresh = age_key(tmp_path / "fresh.key")
    for k, tag in ((key, "held"), (fresh, "fresh")):
        text, lines = age_payload(export(cli, A, tmp_path / f"{tag}.rbundle",
                                         "--to-age-recipient", k.recipient), k)
        sent = records_by_id(lines)
        assert not leaked(text, "DELETEDSENTINEL", "ERASEDSENTINEL", "DELORGSENTINEL",
                          "HIDDENDELSENTINEL", "Udalyon", "Styort", "Удалён", "Стёрт",
                          "deleted@example.org", "Deleted Org"), tag
        for rid in (gone, org):
            [line] = sent[rid]
            assert line["values"] == {"deleted": True}, (tag, line)
            assert [g[2] for g in line["stamps"]] == [["deleted"]], (tag, line)
        [line] = sent[erased]
        assert line["erased"] and line["values"] == {} and line["stamps"] == [], (tag, line)
        # a protected person never sent by its real id does not travel by it, even deleted
        assert hidden not in text, tag


def test_erasure_of_a_flagged_record_reaches_who_held_it(cli: Cli, trio: Trio,
                                                         tmp_path: Path) -> None:
    A, B, fp = trio.A, trio.B, trio.fp
    pid = new_id(cli, A, "person", "--name", "Эра Стираемая", "--notes", "ERASEHELDSENTINEL")
    imp(cli, B, export(cli, A, tmp_path / "1.rbundle", "--to", fp["B"]))
    assert show(cli, B, pid)["fields"]["notes"] == "ERASEHELDSENTINEL"  # positive control
    ok(cli(A, "update", pid, "--inside-russia"))
    ok(cli(A, "erase", pid))
    imp(cli, B, export(cli, A, tmp_path / "2.rbundle", "--to", fp["B"]))
    res = cli(B, "show", pid, "--json")
    assert res.code == 1 and "erased" in res.err, res


# ---- 6. lowering is local ---------------------------------------------------------------------
def test_lowering_stays_local_and_only_a_newer_raise_undoes_it(cli: Cli, trio: Trio,
                                                               tmp_path: Path) -> None:
    A, B, C, fp = trio.A, trio.B, trio.C, trio.fp
    pid = new_id(cli, A, "person", "--name", "Пётр Понижаев", "--name-latin", "Petr Ponizhaev",
                 "--notes", "LOWERSENTINEL", "--country", "DE")
    imp(cli, B, export(cli, A, tmp_path / "a1.rbundle", "--to", fp["B"]))
    ok(cli(A, "update", pid, "--inside-russia"))
    imp(cli, B, export(cli, A, tmp_path / "a2.rbundle", "--to", fp["B"], "--notices-only"))
    assert show(cli, B, pid)["protected"]
    # an old bundle from B that carries the protection back to A
    old = export(cli, B, tmp_path / "b-old.rbundle", "--to", fp["A"], "--protected", "include",
                 "--yes-include-protected", "--max-sensitivity", "protected")
    imp(cli, A, old)
    assert show(cli, A, pid)["protected"]

    res = cli(A, "update", pid, "--sensitivity", "internal", "--not-inside-russia", "--json")
    assert res.code == 0, res  # no terminal: it proceeds, and says so
    assert "lower" in res.err.lower()
    lowered = show(cli, A, pid)
    assert not lowered["protected"] and lowered["sensitivity"] == "internal", lowered
    reg = Registry.unlock(A, PASSPHRASE)
    try:
        actions = [r[0] for r in reg.store.conn.execute(
            "SELECT action FROM audit WHERE record_id = ?", (pid,))]
    finally:
        reg.lock()
    assert "lower_protection" in actions

    # the next A -> B bundle carries the record again, but does not lower B's copy
    [report] = imp(cli, B, export(cli, A, tmp_path / "a3.rbundle", "--to", fp["B"]))
    at_b = show(cli, B, pid)
    assert at_b["protected"] and at_b["sensitivity"] == "protected", (at_b, report)
    key = age_key(tmp_path / "x.key")
    text, _ = age_payload(export(cli, B, tmp_path / "b-d.rbundle", "--to-age-recipient",
                                 key.recipient), key)
    assert not leaked(text, "LOWERSENTINEL", "Ponizhaev", pid)

    # replaying the old bundle does not raise A's lowered copy again
    imp(cli, A, old)
    again = show(cli, A, pid)
    assert not again["protected"] and again["sensitivity"] == "internal", again

    # a newer raise from another vault does
    imp(cli, C, export(cli, A, tmp_path / "a-c.rbundle", "--to", fp["C"]))
    assert not show(cli, C, pid)["protected"]  # positive control: C got it unprotected
    ok(cli(C, "update", pid, "--inside-russia"))
    imp(cli, A, export(cli, C, tmp_path / "c-a.rbundle", "--to", fp["A"]))
    raised = show(cli, A, pid)
    assert raised["protected"] and raised["sensitivity"] == "protected", raised


# ---- 7. the exposure preview says why, and writes nothing -------------------------------------
def test_dry_run_lists_ids_per_reason_and_writes_nothing(cli: Cli, trio: Trio,
                                                         tmp_path: Path) -> None:
    A, fp = trio.A, trio.fp
    prot = new_id(cli, A, "person", "--name", "Вера Защищённая", "--name-latin",
                  "Vera Zashchishchennaya", "--inside-russia")
    tie_owner = new_id(cli, A, "person", "--name", "Ordinary Colleague", "--email",
                       "colleague@example.org")
    prot_tie = new_id(cli, A, "tie", "--from", tie_owner, "--to", prot, "--kind", "colleague")
    conf = new_id(cli, A, "organisation", "--name", "Closed Org", "--type", "ngo",
                  "--sensitivity", "confidential")
    mention = new_id(cli, A, "organisation", "--name", "Mentioning Org", "--type", "ngo",
                     "--notes", "works with Vera Zashchishchennaya")
    gone = new_id(cli, A, "person", "--name", "Gone Person")
    ok(cli(A, "delete", gone))
    before = hash_tree(A)
    out = tmp_path / "dry.rbundle"
    for extra in ((), ("--protected", "pseudonymise")):
        preview = js(cli(A, "bundle", "export", "-o", str(out), "--to", fp["B"],
                         "--dry-run", "--json", *extra))
        assert preview["dry_run"] and not out.exists()
        reasons = preview["exposure"]["reasons"]
        assert prot in reasons["protected"]["record_ids"], (extra, reasons["protected"])
        assert prot_tie in reasons["protected"]["record_ids"], (extra, reasons["protected"])
        assert conf in reasons["above_ceiling"]["record_ids"], reasons["above_ceiling"]
        assert tie_owner in reasons["field_floor"]["field_ids"]["email"], reasons["field_floor"]
        assert mention in reasons["mention"]["field_ids"]["notes"], reasons["mention"]
        assert gone in reasons["deleted"]["record_ids"], reasons["deleted"]
        for entry in reasons.values():
            assert entry["records"] == len(entry["record_ids"])
        left = preview["exposure"]["left_out_by_reason"]
        assert all(left[r] == reasons[r]["records"] for r in left)
    assert hash_tree(A) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["A", "B", "C", "home", "tmp"])


def test_dry_run_of_a_refused_include_is_a_usage_error(cli: Cli, trio: Trio,
                                                       tmp_path: Path) -> None:
    before = hash_tree(trio.A)
    res = cli(trio.A, "bundle", "export", "-o", str(tmp_path / "x.rbundle"), "--to",
              trio.fp["B"], "--protected", "include", "--dry-run", "--json")
    assert res.code == 2 and not (tmp_path / "x.rbundle").exists()
    assert hash_tree(trio.A) == before
