"""The recovery documents: what a share says, the request, and what each file's manifest
holds. Every parser takes untrusted input and checks each field before it is used.

Share statement (inside the sealed payload of a share file and of a response; signed by the
vault that issued it, so it travels on unchanged from custodian to requester)::

    {"owner": {signer of the issuing vault},
     "statement": {"format": "registry-recovery-statement/1", "share_id", "vault_id",
                   "set_id", "generation", "key_id", "owner" (fingerprint), "custodian"
                   (fingerprint), "member", "threshold", "shares", "issued_at",
                   "mnemonic" (the SLIP-39 words)},
     "minisig": "<the owner's minisign signature of the canonical statement>"}

Share file manifest (``registry-recovery-share/1``, signed by the owner, payload sealed to
the custodian): ``share_id, created_at, signer, custodian {fingerprint, age_recipient},
vault_id, set_id, generation, threshold, shares, payload``.

RecoveryRequest (``registry-recovery-request/1``, unsigned: nothing on the requesting machine can
sign; the custodian confirms it by its safety number, out of band)::

    {"age_recipient": "age1…" (a one-time key), "created_at", "format", "request_id",
     "vault_id": "<from the folder's vault.key>" | null}

RecoveryResponse manifest (``registry-recovery-response/1``, signed by the custodian, payload the
share statement sealed to the request's one-time key): ``response_id, request_id,
request_sha256, created_at, signer, owner, vault_id, set_id, generation, payload``.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, TrustError
from registry.recovery import envelope, shares
from registry.sync import minisign
from registry.sync.keys import OfficialKeys, PublicKeys, is_fingerprint, validate_age_recipient
from registry.vault._format import check_vault_id

STATEMENT = "registry-recovery-statement/1"
SHARE = "registry-recovery-share/1"
REQUEST = "registry-recovery-request/1"
RESPONSE = "registry-recovery-response/1"
PAPER = "paper"
MAX_REQUEST = 4096
MAX_GENERATION = 2**31
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_KEY_ID_RE = re.compile(r"[0-9a-f]{32}")
_SAFETY_DOMAIN = b"registry-recovery-request-number/1\x00"
_SAFETY_ROUNDS = 5200
SAFETY_DIGITS = 30

_STATEMENT_KEYS = {"format", "share_id", "vault_id", "set_id", "generation", "key_id", "owner",
                   "custodian", "member", "threshold", "shares", "issued_at", "mnemonic"}
_SHARE_KEYS = {"format", "share_id", "created_at", "signer", "custodian", "vault_id", "set_id",
               "generation", "threshold", "shares", "payload"}
_REQUEST_KEYS = {"format", "request_id", "created_at", "vault_id", "age_recipient"}
_RESPONSE_KEYS = {"format", "response_id", "request_id", "request_sha256", "created_at",
                  "signer", "owner", "vault_id", "set_id", "generation", "payload"}


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    return str(uuid.uuid4())


# -- field checks (untrusted input) ---------------------------------------------------------
def _bad(what: str, field: str) -> TrustError:
    return TrustError(QT_TRANSLATE_NOOP(
        "Errors", "The file ({what}) is malformed ({field}); refused. Nothing was changed."),
        what=what, field=field)


def _uuid(value: object, what: str, field: str) -> str:
    try:
        if isinstance(value, str) and str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise _bad(what, field)


def _time(value: object, what: str, field: str) -> str:
    if not isinstance(value, str) or _TIME_RE.fullmatch(value) is None:
        raise _bad(what, field)
    return value


def _int(value: object, low: int, high: int, what: str, field: str) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _bad(what, field)
    return value


def _fp(value: object, what: str, field: str) -> str:
    if not is_fingerprint(value):
        raise _bad(what, field)
    return str(value)


def _vault_id(value: object, what: str) -> str:
    try:
        return check_vault_id(value)
    except InvalidInput:
        raise _bad(what, "vault_id") from None


def _exact(obj: object, keys: set[str], what: str) -> dict[str, Any]:
    if not isinstance(obj, dict) or set(obj) != keys:
        raise _bad(what, "fields")
    return obj


# -- the share statement --------------------------------------------------------------------
@dataclass(frozen=True)
class ShareStatement:
    share_id: str
    vault_id: str
    set_id: str
    generation: int
    key_id: str
    owner: str
    custodian: str
    member: int
    threshold: int
    shares: int
    issued_at: str
    mnemonic: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"format": STATEMENT, "share_id": self.share_id, "vault_id": self.vault_id,
                "set_id": self.set_id, "generation": self.generation, "key_id": self.key_id,
                "owner": self.owner, "custodian": self.custodian, "member": self.member,
                "threshold": self.threshold, "shares": self.shares,
                "issued_at": self.issued_at, "mnemonic": self.mnemonic}


def sign_statement(keys: OfficialKeys, owner_name: str, statement: ShareStatement) -> bytearray:
    """The signed statement document (secret: it holds the share's words)."""
    body = statement.to_json()
    sig = minisign.sign(keys, envelope.canonical(body), f"{STATEMENT} {statement.share_id}",
                        untrusted_comment="registry recovery share")
    return bytearray(envelope.canonical({"owner": envelope.signer_json(owner_name,
                                                                        keys.public()),
                                         "statement": body, "minisig": sig.decode("utf-8")}))


def open_statement(plain: bytes | bytearray) -> tuple[PublicKeys, ShareStatement]:
    """Verify a signed statement by the owner it names; ``TrustError`` when it fails."""
    what = QT_TRANSLATE_NOOP("Errors", "recovery share")
    doc = _exact(envelope.strict_json(bytes(plain), what), {"owner", "statement", "minisig"},
                 what)
    _, owner = envelope.parse_signer(doc["owner"])
    body = _exact(doc["statement"], _STATEMENT_KEYS, what)
    if body["format"] != STATEMENT or not isinstance(doc["minisig"], str):
        raise _bad(what, "format")
    share_id = _uuid(body["share_id"], what, "share_id")
    minisign.verify(owner, envelope.canonical(body), doc["minisig"].encode("utf-8"))
    if minisign.parse(doc["minisig"].encode("utf-8")).trusted_comment != \
            f"{STATEMENT} {share_id}":
        raise _bad(what, "signature comment")
    statement = _statement(body, share_id, what)
    if statement.owner != owner.fingerprint:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The recovery share is not signed by the vault it names; refused."))
    return owner, statement


def _statement(body: dict[str, Any], share_id: str, what: str) -> ShareStatement:
    total = _int(body["shares"], 2, shares.MAX_SHARES, what, "shares")
    threshold = _int(body["threshold"], 2, total, what, "threshold")
    custodian = body["custodian"]
    if custodian != PAPER:
        custodian = _fp(custodian, what, "custodian")
    if not isinstance(body["key_id"], str) or _KEY_ID_RE.fullmatch(body["key_id"]) is None:
        raise _bad(what, "key_id")
    if not isinstance(body["mnemonic"], str) or len(body["mnemonic"]) > shares.MAX_MNEMONIC:
        raise _bad(what, "mnemonic")
    return ShareStatement(share_id, _vault_id(body["vault_id"], what),
                          _uuid(body["set_id"], what, "set_id"),
                          _int(body["generation"], 1, MAX_GENERATION, what, "generation"),
                          body["key_id"], _fp(body["owner"], what, "owner"), custodian,
                          _int(body["member"], 0, shares.MAX_SHARES - 1, what, "member"),
                          threshold, total, _time(body["issued_at"], what, "issued_at"),
                          shares.normalise(body["mnemonic"]))


# -- the share file (owner -> custodian) ----------------------------------------------------
@dataclass(frozen=True)
class ShareFile:
    """A verified share file's manifest (its signer checked against the trust store by the
    caller)."""

    opened: envelope.SignedFile
    share_id: str
    created_at: str
    custodian: str
    vault_id: str
    set_id: str
    generation: int
    threshold: int
    shares: int


def share_manifest(statement: ShareStatement, custodian_age: str, owner_name: str,
                   owner: PublicKeys) -> dict[str, Any]:
    return {"format": SHARE, "share_id": statement.share_id, "created_at": now(),
            "signer": envelope.signer_json(owner_name, owner),
            "custodian": {"fingerprint": statement.custodian, "age_recipient": custodian_age},
            "vault_id": statement.vault_id, "set_id": statement.set_id,
            "generation": statement.generation, "threshold": statement.threshold,
            "shares": statement.shares}


def open_share_file(data: bytes) -> ShareFile:
    what = QT_TRANSLATE_NOOP("Errors", "recovery share file")
    opened = envelope.open_signed(data, SHARE, what)
    m = _exact(opened.manifest, _SHARE_KEYS, what)
    share_id = _uuid(m["share_id"], what, "share_id")
    if opened.comment != f"{SHARE} {share_id}":
        raise _bad(what, "signature comment")
    custodian = _exact(m["custodian"], {"fingerprint", "age_recipient"}, what)
    try:
        validate_age_recipient(custodian["age_recipient"])
    except InvalidInput:
        raise _bad(what, "custodian") from None
    total = _int(m["shares"], 2, shares.MAX_SHARES, what, "shares")
    return ShareFile(opened, share_id, _time(m["created_at"], what, "created_at"),
                     _fp(custodian["fingerprint"], what, "custodian"),
                     _vault_id(m["vault_id"], what), _uuid(m["set_id"], what, "set_id"),
                     _int(m["generation"], 1, MAX_GENERATION, what, "generation"),
                     _int(m["threshold"], 2, total, what, "threshold"), total)


# -- the request ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RecoveryRequest:
    request_id: str
    created_at: str
    vault_id: str | None
    age_recipient: str

    def to_json(self) -> dict[str, Any]:
        return {"format": REQUEST, "request_id": self.request_id,
                "created_at": self.created_at, "vault_id": self.vault_id,
                "age_recipient": self.age_recipient}

    def to_bytes(self) -> bytes:
        return envelope.canonical(self.to_json()) + b"\n"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()

    @property
    def safety_number(self) -> str:
        return safety_number(self.to_bytes())


def parse_request(data: bytes) -> RecoveryRequest:
    what = QT_TRANSLATE_NOOP("Errors", "recovery request")
    if len(data) > MAX_REQUEST:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The recovery request is too large: it is not a request."))
    obj = _exact(envelope.strict_json(data, what), _REQUEST_KEYS, what)
    if obj["format"] != REQUEST:
        raise _bad(what, "format")
    try:
        recipient = validate_age_recipient(obj["age_recipient"])
    except InvalidInput:
        raise _bad(what, "age_recipient") from None
    vault_id = None if obj["vault_id"] is None else _vault_id(obj["vault_id"], what)
    request = RecoveryRequest(_uuid(obj["request_id"], what, "request_id"),
                              _time(obj["created_at"], what, "created_at"), vault_id, recipient)
    if request.to_bytes() != data:
        raise _bad(what, "not in canonical form")
    return request


def safety_number(request_bytes: bytes) -> str:
    """30 digits in 6 groups of 5 over the whole request (iterated SHA-512, as cards do):
    read out on a call, it shows that the request the custodian holds is the one the
    requester made. 30 digits (~100 bits) are enough against a forged look-alike request,
    and short enough to read aloud."""
    digest = _SAFETY_DOMAIN + request_bytes
    for _ in range(_SAFETY_ROUNDS):
        digest = hashlib.sha512(digest + request_bytes).digest()
    digits = "".join(f"{int.from_bytes(digest[i:i + 5], 'big') % 100_000:05d}"
                     for i in range(0, 30, 5))
    return " ".join(digits[i:i + 5] for i in range(0, SAFETY_DIGITS, 5))


def same_number(given: str, expected: str) -> bool:
    """Whether a typed number is ``expected`` (spaces and dashes between groups ignored)."""
    cleaned = re.sub(r"[\s-]", "", given)
    return cleaned.isdigit() and cleaned == expected.replace(" ", "")


# -- the response (custodian -> requester) --------------------------------------------------
@dataclass(frozen=True)
class RecoveryResponse:
    opened: envelope.SignedFile
    response_id: str
    request_id: str
    request_sha256: str
    owner: str
    vault_id: str
    set_id: str
    generation: int


def response_manifest(request: RecoveryRequest, statement: ShareStatement) -> dict[str, Any]:
    return {"format": RESPONSE, "response_id": new_id(), "request_id": request.request_id,
            "request_sha256": request.sha256, "created_at": now(),
            "owner": statement.owner, "vault_id": statement.vault_id,
            "set_id": statement.set_id, "generation": statement.generation}


def open_response(data: bytes) -> RecoveryResponse:
    what = QT_TRANSLATE_NOOP("Errors", "recovery response")
    opened = envelope.open_signed(data, RESPONSE, what)
    m = _exact(opened.manifest, _RESPONSE_KEYS, what)
    response_id = _uuid(m["response_id"], what, "response_id")
    if opened.comment != f"{RESPONSE} {response_id}":
        raise _bad(what, "signature comment")
    _time(m["created_at"], what, "created_at")
    if not isinstance(m["request_sha256"], str) or \
            re.fullmatch(r"[0-9a-f]{64}", m["request_sha256"]) is None:
        raise _bad(what, "request_sha256")
    return RecoveryResponse(opened, response_id, _uuid(m["request_id"], what, "request_id"),
                            m["request_sha256"], _fp(m["owner"], what, "owner"),
                            _vault_id(m["vault_id"], what), _uuid(m["set_id"], what, "set_id"),
                            _int(m["generation"], 1, MAX_GENERATION, what, "generation"))
