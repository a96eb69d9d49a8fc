"""The PII policy: find personal data and secrets in content before it is stored, embedded or sent
to an LLM, and flag, redact or reject it (``Settings.pii``).

Detectors, each validated beyond a regular expression so look-alikes (order numbers, dates,
versions, ISBNs, hashes) stay unflagged:

========== ===============================================================================
type       how
========== ===============================================================================
secret     known key prefixes (``sk-``, ``ghp_``/``github_pat_``, ``AKIA``/``ASIA``, ``xox?-``,
           ``AIza``, ``glpat-``, ``hf_``, Stripe live keys, JWTs, PEM private keys), and long
           high-entropy tokens mixing upper case, lower case and digits (> 4.2 bits/char:
           hex digests and UUIDs stay below 4)
email      address syntax
iban       ISO 13616 mod-97 checksum (python-stdnum)
payment_card 13-19 digits with a card-network prefix and a valid Luhn checksum (python-stdnum)
national_id US SSN (python-stdnum's validity rules), UK National Insurance number
ip_address IPv4/IPv6 parsed by ``ipaddress``; a dotted number after "version"/"v" is a version
phone      Google's libphonenumber (``phonenumbers``) matcher at VALID leniency, numbers
           in international form or valid in one of ``REGIONS``
========== ===============================================================================

Libraries: ``phonenumbers`` (the port of Google's libphonenumber) and ``python-stdnum`` are
pure-Python, well kept and need no download at run time. Presidio would bring spaCy and its
language models (hundreds of MB, downloaded separately), so it does not fit an offline library.
``benchmarks/pii.py`` measures precision/recall per type on ``benchmarks/data/pii_labels.jsonl``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from ._errors import ValidationError

PiiMode = Literal["allow", "flag", "redact", "reject"]
TYPES = ("secret", "email", "iban", "payment_card", "national_id", "ip_address", "phone")
PLACEHOLDERS = {t: f"[{t.upper()}]" for t in TYPES}
REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "CA", "AU", "BR")


@dataclass(frozen=True)
class Finding:
    type: str
    start: int
    end: int


_SECRET_PREFIXED = re.compile(
    r"\b(?:sk-(?:proj-|ant-(?:api\d\d-)?|live-)?[A-Za-z0-9_-]{20,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|"
    r"rk_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|"
    r"(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}|"
    r"hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)")
_TOKEN = re.compile(r"(?<![\w/+-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\w/+=-])")
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_CARD_PREFIX = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[068]|35|6(?:011|5|4[4-9]|2)")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|(?<=ssn)[:# ]*\d{9}\b|(?<=ssn is )\d{9}\b", re.IGNORECASE)
_NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_VERSION_BEFORE = re.compile(r"\b(?:v|version|release|build|firmware|kernel|python|node|patch|ver\.?)\s*$",
                             re.IGNORECASE)
# a phone number is not a part of a reference ("INV-2023-000123", "ABC/2023/000451", "ISBN ..."), an
# SSN-shaped 3-2-4 group, nor a run of one-digit groups ("4 8 15 16 23 42", a NANP "1-" prefix aside);
# "+"-prefixed ones are
_NOT_PHONE_BEFORE = re.compile(r"(?:isbn|#|[A-Za-z][-/]|/)\s*$", re.IGNORECASE)
_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(c / len(token) * math.log2(c / len(token)) for c in counts.values())


def _is_secret_token(token: str) -> bool:
    return (any(c.isupper() for c in token) and any(c.islower() for c in token) and any(c.isdigit() for c in token)
            and _entropy(token) > 4.2)


def _cards(text: str) -> list[Finding]:
    from stdnum import luhn

    out = []
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) and luhn.is_valid(digits):
            out.append(Finding("payment_card", m.start(), m.end()))
    return out


def _ibans(text: str) -> list[Finding]:
    from stdnum import iban

    return [Finding("iban", m.start(), m.end()) for m in _IBAN.finditer(text) if iban.is_valid(m.group())]


def _national_ids(text: str) -> list[Finding]:
    from stdnum.us import ssn

    out = [Finding("national_id", m.start(), m.end()) for m in _SSN.finditer(text) if ssn.is_valid(m.group())]
    return out + [Finding("national_id", m.start(), m.end()) for m in _NINO.finditer(text)]


def _ips(text: str) -> list[Finding]:
    out = []
    for rx in (_IPV4, _IPV6):
        for m in rx.finditer(text):
            if rx is _IPV4 and _VERSION_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue
            if rx is _IPV6 and m.group().count(":") < 2 or rx is _IPV6 and not re.search(r"[0-9A-Fa-f]", m.group()):
                continue
            try:
                ipaddress.ip_address(m.group())
            except ValueError:
                continue
            out.append(Finding("ip_address", m.start(), m.end()))
    return out


def _phones(text: str) -> list[Finding]:
    if sum(c.isdigit() for c in text) < 7:  # fast path: most memories hold no number at all
        return []
    import phonenumbers

    seen: dict[tuple[int, int], Finding] = {}
    for region in REGIONS:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            raw = m.raw_string
            before = text[max(0, m.start - 6):m.start]
            if not raw.startswith("+") and ("/" in raw or _SSN_SHAPE.fullmatch(raw) or _NOT_PHONE_BEFORE.search(before)
                                            or any(len(g) < 2 for g in re.findall(r"\d+", raw.removeprefix("1-")))):
                continue
            seen.setdefault((m.start, m.end), Finding("phone", m.start, m.end))
    return list(seen.values())


def detect(text: str) -> list[Finding]:
    """Non-overlapping findings in text order; earlier types in ``TYPES`` win an overlap."""
    found = [Finding("secret", m.start(), m.end()) for m in _SECRET_PREFIXED.finditer(text)]
    found += [Finding("secret", m.start(), m.end()) for m in _TOKEN.finditer(text) if _is_secret_token(m.group())]
    found += [Finding("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    for detector in (_ibans, _cards, _national_ids, _ips, _phones):
        found += detector(text)
    taken: list[Finding] = []
    for f in found:  # already in priority order
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def flags(findings: list[Finding]) -> list[str]:
    return sorted({f"pii:{f.type}" for f in findings})


def redact(text: str, findings: list[Finding]) -> str:
    for f in sorted(findings, key=lambda f: -f.start):
        text = text[:f.start] + PLACEHOLDERS[f.type] + text[f.end:]
    return text


def apply(text: str, mode: PiiMode, *, field: str = "content") -> tuple[str, list[str]]:
    """The content to store and its ``pii:*`` flags under ``mode``; ``reject`` raises
    :class:`ValidationError` (naming the types, never the values) before anything is written."""
    if mode == "allow":
        return text, []
    findings = detect(text)
    if not findings:
        return text, []
    found = flags(findings)
    if mode == "reject":
        raise ValidationError(f"{field} contains personal data or secrets ({', '.join(found)}) and "
                              "Settings.pii is 'reject'; nothing was written")
    return (redact(text, findings) if mode == "redact" else text), found
