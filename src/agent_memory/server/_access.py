"""API keys, bound to a scope and a role, and the rule that decides what a key may do.

``keys.json`` is a JSON list: ``{"key": "...", "user_id": "u1", "role": "reader" | "writer"}``
(optionally ``"agent_id"``) or ``{"key": "...", "role": "admin"}`` (any scope). A key bound to a
user acts only inside that user's scope: the scope is filled in from the key when the request
leaves it out, a request naming another user (or ``all_scopes``) is refused with
:class:`PermissionDeniedError`, and the engine then applies the same scope again to every read and
write. Keys are compared in constant time and never logged or echoed.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .._errors import ConfigError, PermissionDeniedError, ScopeError
from .._scope import Scope
from .._wire import SCOPE_PARAMS, Operation

Role = Literal["reader", "writer", "admin"]
ROLES: tuple[Role, ...] = ("reader", "writer", "admin")
MIN_KEY_LENGTH = 16
# Operations a reader key may call; everything else needs a writer key (fail closed: a new
# method is a write until it is listed here).
READS = frozenset({"search", "get", "list", "history", "export", "stats", "context"})
BOUND = ("user_id", "agent_id")  # the scope fields a key can be bound to


@dataclass(frozen=True)
class Principal:
    """Who a request acts as. ``label`` names the key in logs (its position), never its value."""

    role: Role
    user_id: str | None = None
    agent_id: str | None = None
    label: str = "local"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def public(self) -> dict[str, Any]:
        return {"role": self.role, "user_id": self.user_id, "agent_id": self.agent_id}


LOCAL_ADMIN = Principal(role="admin", label="insecure-local")


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class KeyRing:
    """The configured keys. ``authenticate`` compares against every key, whichever matches."""

    def __init__(self, entries: Any):  # the parsed keys.json: checked here, not trusted
        if not isinstance(entries, Sequence) or isinstance(entries, (str, bytes)):
            raise ConfigError("keys must be a JSON list of {key, role, user_id?, agent_id?} objects")
        self._keys: list[tuple[bytes, Principal]] = []
        seen: set[bytes] = set()
        for i, entry in enumerate(entries):
            principal, digest = self._entry(i, entry)
            if digest in seen:
                raise ConfigError(f"keys entry {i}: the same key appears twice")
            seen.add(digest)
            self._keys.append((digest, principal))
        if not self._keys:
            raise ConfigError("the key file holds no keys")

    @staticmethod
    def _entry(i: int, entry: Any) -> tuple[Principal, bytes]:
        where = f"keys entry {i}"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where} is not an object")
        unknown = set(entry) - {"key", "role", "user_id", "agent_id", "name"}
        if unknown:
            raise ConfigError(f"{where} has unknown fields {sorted(unknown)}")
        key, role = entry.get("key"), entry.get("role")
        if not isinstance(key, str) or len(key) < MIN_KEY_LENGTH or key != key.strip():
            raise ConfigError(f"{where}: key must be a string of at least {MIN_KEY_LENGTH} characters")
        if role not in ROLES:
            raise ConfigError(f"{where}: role must be one of {', '.join(ROLES)}")
        try:
            scope = Scope.of(entry.get("user_id"), entry.get("agent_id"), required=False)
        except ScopeError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
        if role == "admin" and scope:
            raise ConfigError(f"{where}: an admin key is not bound to a scope; drop user_id/agent_id")
        if role != "admin" and scope.user_id is None:
            raise ConfigError(f"{where}: a {role} key needs a user_id")
        label = str(entry.get("name") or f"key#{i}")
        return Principal(role=role, user_id=scope.user_id, agent_id=scope.agent_id, label=label), _digest(key)

    @classmethod
    def load(cls, path: str | Path) -> KeyRing:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read the key file {path}: {exc}") from exc
        return cls(data)

    def authenticate(self, presented: str | None) -> Principal | None:
        if not presented:
            return None
        digest = _digest(presented)
        found = None
        for stored, principal in self._keys:  # no early exit: the time does not depend on which key
            if hmac.compare_digest(stored, digest):
                found = principal
        return found


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _record_param(op: Operation) -> str | None:
    """The parameter carrying whole records (``import_``'s), whose scope fields are checked one by one."""
    return next((p.name for p in op.params if "MemoryRecord" in repr(op.hints.get(p.name))), None)


def authorize(principal: Principal, op: Operation, arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments the call runs with: bound to the key's scope, or refused."""
    if principal.is_admin:
        return arguments
    if op.name not in READS and principal.role != "writer":
        raise PermissionDeniedError(f"a {principal.role} key may not call {op.route}")
    if arguments.get("all_scopes"):
        raise PermissionDeniedError("all_scopes needs an admin key")
    if arguments.get("purge"):  # rewrites every tenant's files and blocks writes meanwhile
        raise PermissionDeniedError("purge needs an admin key")
    names = {p.name for p in op.params}
    out = dict(arguments)
    if "user_id" in names:
        for f in BOUND:
            bound = getattr(principal, f)
            if bound is None:
                continue
            given = out.get(f)
            if given is None:
                out[f] = bound
            elif given != bound:
                raise PermissionDeniedError(f"this key is bound to another {f}; it may not act for {given!r}")
        return out
    records = _record_param(op)
    if records is not None:
        for i, rec in enumerate(out.get(records) or []):
            get = rec.get if isinstance(rec, Mapping) else lambda k, r=rec: getattr(r, k, None)
            for f in BOUND:
                if getattr(principal, f) is not None and get(f) != getattr(principal, f):
                    raise PermissionDeniedError(f"record {i} is outside this key's scope ({f})")
        return out
    raise PermissionDeniedError(f"{op.route} is not scoped to one user: it needs an admin key")


__all__ = ["KeyRing", "Principal", "READS", "SCOPE_PARAMS", "authorize", "is_loopback"]
