"""Random scenarios for the streamed import's differential tests: small vaults (people and
organisations in "same" groups, local lowerings, ties) and a colleague's bundles of relinks,
unlinks, erasures, deletions, new linked records, raises and protection notices in any order,
imported at part sizes 1, 2, 3 and BIG, which must leave every actor and tie the same, with
the same reports; a dry run at part size 1 reports what the real import at BIG does and
writes nothing (``differential``)."""

from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.sync import wire

from .forge import files, forge, signed_by, stamp
from .parts import BIG, copies, newer_than, ordered_bundle, run
from .vaults import introduce, make_vault, receive

LEVELS = ("public", "internal", "confidential", "protected")
SIZES = (1, 2, 3, BIG)


raw = ordered_bundle  # the scenarios' bundles: their lines in their order


class Scenario:
    """R, C and the bundles of one seed; ``log`` says what was built (to minimise by hand)."""

    def __init__(self, seed: int, root: Path, profile: int = 1) -> None:
        self.rng = rng = random.Random(seed)
        self.profile = profile
        self.log: list[str] = []
        root.mkdir(parents=True, exist_ok=True)
        r, c = make_vault(root, "R"), make_vault(root, "C")
        introduce(r, c)
        self.r, self.c = r, c
        self.kind: dict[str, Kind] = {}
        self.rank: dict[str, float] = {}  # links go from a higher rank to a lower: no cycles
        self.c_made: list[str] = []
        self.names: dict[str, str] = {}
        old_stamps: dict[str, Any] = {}
        # --- C's records, received first (C's signed erasure applies at once) -----------
        c_recs = []
        for n in range(rng.randint(1, 3)):
            kind = Kind.PERSON if rng.random() < 0.75 else Kind.ORGANISATION
            values: dict[str, Any] = {"name": f"CE{n}"}
            if rng.random() < 0.6:
                values["sensitivity"] = rng.choice(LEVELS)
            if kind is Kind.PERSON and rng.random() < 0.25:
                values["inside_russia"] = True
            st = stamp(c)
            rec = Record(str(uuid.uuid4()), kind, values, dict.fromkeys(values, st))
            c_recs.append(rec)
            self._actor(rec.id, kind, f"CE{n}")
            self.c_made.append(rec.id)
            old_stamps[rec.id] = st
            self.log.append(f"C made {self.names[rec.id]} {kind.value} {values}")
        self.ties: list[str] = []
        self.c_ties: list[str] = []
        if profile >= 2:
            cp = [x.id for x in c_recs if x.kind is Kind.PERSON]
            for k in range(rng.randint(0, 2) if len(cp) >= 2 else 0):
                a, b = rng.sample(cp, 2)
                values = {"from_id": a, "to_id": b, "kind": "colleague"}
                if rng.random() < 0.4:
                    values["sensitivity"] = rng.choice(LEVELS)
                st = stamp(c)
                rec = Record(str(uuid.uuid4()), Kind.TIE, values, dict.fromkeys(values, st))
                c_recs.append(rec)
                self.ties.append(rec.id)
                self.c_ties.append(rec.id)
                self.names[rec.id] = f"CT{k}"
                self.log.append(f"C made tie CT{k} {self.names[a]}-{self.names[b]} {values}")
        receive(r, forge(c, r, root / "e.rbundle", c_recs))
        # --- R's own ------------------------------------------------------------------------
        for n in range(rng.randint(2, 5)):
            values = {"name": f"RP{n}"}
            if rng.random() < 0.6:
                values["sensitivity"] = rng.choice(LEVELS)
            if rng.random() < 0.2:
                values["inside_russia"] = True
            rid = r.add(Kind.PERSON, values).id
            self._actor(rid, Kind.PERSON, f"RP{n}")
            self.log.append(f"R made RP{n} {values}")
        for n in range(rng.randint(1, 2)):
            values = {"name": f"RO{n}"}
            if rng.random() < 0.6:
                values["sensitivity"] = rng.choice(LEVELS)
            rid = r.add(Kind.ORGANISATION, values).id
            self._actor(rid, Kind.ORGANISATION, f"RO{n}")
            self.log.append(f"R made RO{n} {values}")
        held = list(self.kind)
        # --- links --------------------------------------------------------------------------
        for a in held:
            if rng.random() < 0.45:
                t = self._target(a, held)
                if t:
                    r.update(a, {"merged_into": t})
                    self.log.append(f"R linked {self.names[a]} -> {self.names[t]}")
        # --- local lowerings ----------------------------------------------------------------
        for a in held:
            if rng.random() < 0.25:
                rec = r.store.get(a)
                if rec is None:
                    continue
                ch: dict[str, Any] = {}
                if rec.values.get("sensitivity") in ("confidential", "protected"):
                    ch["sensitivity"] = rng.choice(["public", "internal"])
                if rec.values.get("inside_russia") and rng.random() < 0.5:
                    ch["inside_russia"] = False
                if ch:
                    try:
                        r.update(a, ch, confirm_lowering=True)
                        self.log.append(f"R lowered {self.names[a]} {ch}")
                    except Exception as e:
                        self.log.append(f"R lowering {self.names[a]} refused {e}")
        # --- ties ---------------------------------------------------------------------------
        people = [a for a in held if self.kind[a] is Kind.PERSON]
        for _ in range(rng.randint(0, 2)):
            if len(people) < 2:
                break
            a, b = rng.sample(people, 2)
            values = {"from_id": a, "to_id": b, "kind": "colleague"}
            if rng.random() < 0.5:
                values["sensitivity"] = rng.choice(LEVELS)
            t = r.add(Kind.TIE, values).id
            self.ties.append(t)
            self.names[t] = f"T{len(self.ties)}"
            self.log.append(f"R tie {self.names[t]} {self.names[a]}-{self.names[b]} {values}")
        newer_than(c, r)
        self.pre_erased: list[str] = []
        if profile >= 2 and rng.random() < 0.3 and self.c_made:
            gone_id = rng.choice(self.c_made)
            gone = Record(gone_id, self.kind[gone_id], erased=stamp(c))
            receive(r, forge(c, r, root / "pre-erase.rbundle", [gone], sign=True))
            self.pre_erased.append(gone_id)
            self.log.append(f"R received C's erasure of {self.names[gone_id]} (before)")
            newer_than(c, r)
        # --- an earlier bundle of held notices (for records the main bundle brings) ----------
        self.pre: list[str] = []
        planned_new = [(str(uuid.uuid4()),
                        Kind.PERSON if rng.random() < 0.75 else Kind.ORGANISATION)
                       for _ in range(rng.randint(0, 3))]
        for i, (nid, kind) in enumerate(planned_new):
            self._actor(nid, kind, f"N{i}")
        pre_lines = []
        for nid, kind in planned_new:
            if rng.random() < 0.3:
                pre_lines.append(self._notice(nid, kind))
                self.pre.append(nid)
        self.pre_file = None
        if pre_lines:
            self.pre_file = raw(c, r, root / "pre.rbundle", pre_lines)
            if rng.random() < 0.5:
                receive(r, self.pre_file)
                noticed_before = [self.names[i] for i in self.pre]
                self.log.append(f"R received earlier notices for {noticed_before}")
                self.pre_file = None
            else:
                first_file = [self.names[i] for i in self.pre]
                self.log.append(f"first file of the import: notices for {first_file}")
        # --- the main bundle(s) ----------------------------------------------------------------
        two = rng.random() < 0.3
        files_: list[list[dict[str, Any]]] = [[], []] if two else [[]]
        used: list[set[str]] = [set() for _ in files_]
        noticed: list[set[str]] = [set() for _ in files_]
        new_ids = [nid for nid, _ in planned_new]
        erasable = list(self.c_made)
        all_actors = list(self.kind)
        # new records
        for nid, kind in planned_new:
            f = rng.randrange(len(files_))
            values: dict[str, Any] = {"name": self.names[nid]}
            if rng.random() < 0.7:
                t = self._target(nid, all_actors)
                if t:
                    values["merged_into"] = t
            if rng.random() < 0.3:
                values["sensitivity"] = rng.choice(LEVELS)
            if kind is Kind.PERSON and rng.random() < 0.15:
                values["inside_russia"] = True
            st = stamp(c)
            rec = Record(nid, kind, values, dict.fromkeys(values, st))
            files_[f].append(wire.to_line(rec, signed_by(c, rec)))
            used[f].add(nid)
            self.log.append(f"file{f}: new {self.names[nid]} {self._show(values)}")
        # lines on held records
        for a in held:
            if rng.random() < 0.55:
                f = rng.randrange(len(files_))
                if a in used[f]:
                    continue
                op = rng.random()
                if a in erasable and op < 0.35:
                    rec = Record(a, self.kind[a], erased=stamp(c))
                    self.log.append(f"file{f}: erase {self.names[a]}")
                elif profile >= 2 and a in erasable and op < 0.45:
                    rec = Record(a, self.kind[a], {"deleted": True}, {"deleted": stamp(c)})
                    self.log.append(f"file{f}: delete {self.names[a]}")
                elif profile >= 2 and a not in erasable and op < 0.08:
                    rec = Record(a, self.kind[a], erased=stamp(c))
                    self.log.append(f"file{f}: erase R's {self.names[a]} (held)")
                else:
                    values = {}
                    stamps = {}
                    st = stamp(c)
                    if rng.random() < 0.7:
                        t = self._target(a, all_actors) if rng.random() < 0.7 else None
                        values["merged_into"] = t
                        stamps["merged_into"] = st
                    if rng.random() < 0.5 or not values:
                        if rng.random() < 0.7 or self.kind[a] is Kind.ORGANISATION:
                            values["sensitivity"] = rng.choice(LEVELS)
                            stamps["sensitivity"] = st
                            if a in old_stamps and rng.random() < 0.3:  # a stale raise
                                stamps["sensitivity"] = old_stamps[a]
                        else:
                            values["inside_russia"] = True
                            stamps["inside_russia"] = st
                    rec = Record(a, self.kind[a], values, stamps)
                    self.log.append(f"file{f}: line {self.names[a]} {self._show(values)}"
                                    + (" (old stamp)" if stamps.get("sensitivity") is not None
                                       and a in old_stamps and stamps["sensitivity"] ==
                                       old_stamps[a] else ""))
                files_[f].append(wire.to_line(rec, signed_by(c, rec)))
                used[f].add(a)
        # new ties
        for k in range(rng.randint(0, 2)):
            ppl = [a for a in self.kind if self.kind[a] is Kind.PERSON]
            if len(ppl) < 2:
                break
            f = rng.randrange(len(files_))
            a, b = rng.sample(ppl, 2)
            brought = used[f] | {x for g in used[:f] for x in g}
            if (a in new_ids and a not in brought) or (b in new_ids and b not in brought):
                continue  # a tie to a person not brought yet
            values = {"from_id": a, "to_id": b, "kind": "colleague"}
            if rng.random() < 0.3:
                values["sensitivity"] = rng.choice(LEVELS)
            tid = str(uuid.uuid4())
            st = stamp(c)
            rec = Record(tid, Kind.TIE, values, dict.fromkeys(values, st))
            files_[f].append(wire.to_line(rec, signed_by(c, rec)))
            self.ties.append(tid)
            self.names[tid] = f"NT{k}"
            self.log.append(f"file{f}: new tie NT{k} {self.names[a]}-{self.names[b]} {values}")
        if profile >= 2:
            for t in self.c_ties:
                if rng.random() < 0.5:
                    f = rng.randrange(len(files_))
                    if rng.random() < 0.5:
                        rec = Record(t, Kind.TIE, erased=stamp(c))
                        self.log.append(f"file{f}: erase tie {self.names[t]}")
                    else:
                        rec = Record(t, Kind.TIE, {"sensitivity": rng.choice(LEVELS)},
                                     {"sensitivity": stamp(c)})
                        self.log.append(f"file{f}: line tie {self.names[t]} {rec.values}")
                    files_[f].append(wire.to_line(rec, signed_by(c, rec)))
                    used[f].add(t)
            for t in list(self.ties):
                if rng.random() < 0.25:
                    f = rng.randrange(len(files_))
                    if t in noticed[f]:
                        continue
                    lv = rng.choice(LEVELS[2:])
                    files_[f].append(wire.notice_line(t, Kind.TIE, {"sensitivity": lv},
                                                      {"sensitivity": stamp(c)}))
                    noticed[f].add(t)
                    self.log.append(f"file{f}: notice tie {self.names[t]} {lv}")
        # notices
        for a in list(self.kind):
            if rng.random() < 0.35:
                f = rng.randrange(len(files_))
                if a in noticed[f]:
                    continue
                files_[f].append(self._notice(a, self.kind[a]))
                noticed[f].add(a)
                self.log.append(f"file{f}: notice {self.names[a]} {files_[f][-1]['values']}")
        if rng.random() < 0.2:  # a notice for a record never held
            f = rng.randrange(len(files_))
            ghost = str(uuid.uuid4())
            self.names[ghost] = "GHOST"
            files_[f].append(self._notice(ghost, Kind.PERSON))
            self.log.append(f"file{f}: notice GHOST")
        self.honest = rng.random() < 0.4
        for f, lines in enumerate(files_):
            if self.honest:
                lines.sort(key=lambda x: 0 if "notice" in x else 1)
                notes = [x for x in lines if "notice" in x]
                recs = [x for x in lines if "notice" not in x]
                rng.shuffle(notes)
                rng.shuffle(recs)
                lines[:] = notes + recs
            else:
                rng.shuffle(lines)
            self.log.append(f"file{f} order: " + ", ".join(
                ("notice " if "notice" in x else "") + self.names.get(x["id"], x["id"][:6])
                for x in lines))
        self.bundles = ([self.pre_file] if self.pre_file else []) + [
            raw(c, r, root / f"b{f}.rbundle", lines) for f, lines in enumerate(files_)
            if lines]
        self.ids = list(self.kind) + self.ties
        c.lock()

    def _actor(self, rid: str, kind: Kind, name: str) -> None:
        self.kind[rid] = kind
        self.rank[rid] = self.rng.random()
        self.names[rid] = name

    def _target(self, a: str, pool: list[str]) -> str | None:
        cands = [b for b in pool if b != a and self.kind[b] is self.kind[a]
                 and self.rank[b] < self.rank[a]]
        return self.rng.choice(cands) if cands else None

    def _notice(self, rid: str, kind: Kind) -> dict[str, Any]:
        if kind is Kind.PERSON and self.rng.random() < 0.4:
            values: dict[str, Any] = {"inside_russia": True}
        else:
            values = {"sensitivity": self.rng.choice(LEVELS[1:] if self.profile < 2 else
                                                      (*LEVELS[2:], "protected"))}
        return wire.notice_line(rid, kind, values, dict.fromkeys(values, stamp(self.c)))

    def _show(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: (self.names.get(v, v) if k == "merged_into" and v else v)
                for k, v in values.items()}


def state(v: Registry, ids: list[str]) -> dict[str, Any]:
    guard = protection.Protection.load(v.store.conn)
    out: dict[str, Any] = {}
    for i in ids:
        rec = v.store.get(i)
        if rec is None:
            out[i] = None
        elif rec.erased is not None:
            out[i] = "erased"
        else:
            out[i] = (rec.values.get("sensitivity"), bool(rec.values.get("inside_russia")),
                      rec.values.get("merged_into"), guard.record_level(rec).label,
                      bool(rec.values.get("deleted")))
    # the digest differs by the ticks of the protect edits: left out
    out["stamps"] = {i: {f: (str(st.origin)[:6] == v.identity.fingerprint[:6])
                         for f, st in sorted(rec.stamps.items()) if f in protection.RATCHET}
                     for i in ids if (rec := v.store.get(i)) is not None}
    out["erased_protection"] = sorted(
        (str(a), int(b), int(c)) for a, b, c in v.store.conn.execute(
            "SELECT record_id, level, inside FROM erased_protection"))
    out["people"] = sorted(guard.people & set(ids))
    out["held_changes"] = v.store.conn.execute("SELECT count(*) FROM held_change").fetchone()[0]
    out["held_notices"] = sorted(
        (str(a), str(b)) for a, b in v.store.conn.execute(
            "SELECT record_id, coalesce(discarded_by, '') != '' FROM held_notice"))
    return out


def differential(seed: int, root: Path, profile: int = 1) -> dict[str, Any] | None:
    """None when every part size agrees; else what differed, with the scenario's log."""
    sc = Scenario(seed, root, profile)
    r = sc.r
    names = (*SIZES, "dry")
    vaults = copies(r, root, names)
    got: dict[Any, Any] = {}
    reports: dict[Any, Any] = {}
    try:
        for n in SIZES:
            reports[n] = run(vaults[n], sc.bundles, n)
            got[n] = state(vaults[n], sc.ids)
        before = files(vaults["dry"])
        reports["dry"] = run(vaults["dry"], sc.bundles, 1, dry_run=True)
        wrote = files(vaults["dry"]) != before
    finally:
        for v in vaults.values():
            v.lock()
    problems: dict[str, Any] = {}
    for n in SIZES[:-1]:
        if got[n] != got[BIG]:
            problems[f"state@{n}"] = {sc.names.get(k, k): (got[n][k], got[BIG][k])
                                      for k in got[BIG] if got[n][k] != got[BIG][k]}
        if reports[n] != reports[BIG]:
            problems[f"report@{n}"] = (reports[n], reports[BIG])
    dry, big = reports["dry"], reports[BIG]
    if isinstance(dry, list) and isinstance(big, list):
        strip = [[{k: x for k, x in rep.items() if k not in ("dry_run", "import_id")}
                  for rep in reps] for reps in (dry, big)]
        if strip[0] != strip[1]:
            problems["dry-report"] = (dry, big)
    elif dry != big:
        problems["dry-report"] = (dry, big)
    if wrote:
        problems["dry-wrote"] = True
    if not problems:
        return None
    return {"seed": seed, "log": sc.log, "problems": problems,
            "names": {v: k for k, v in sc.names.items()}}


def cleanup(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
