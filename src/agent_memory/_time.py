"""Time handling: every datetime inside the library is timezone-aware UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from ._errors import ValidationError

UTC = timezone.utc


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime | str | float | int | None, *, field: str = "datetime") -> datetime | None:
    """Accept a datetime (naive = UTC), an ISO-8601 string or a POSIX timestamp."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{field}: expected a datetime, got a bool")
    if isinstance(value, (int, float)):
        try:  # inf, nan and timestamps beyond year 9999 are refused, not raised raw
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, ValueError, OSError) as exc:
            raise ValidationError(f"{field}: {value!r} is not a representable POSIX timestamp") from exc
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValidationError(f"{field}: {text[:60]!r} is not an ISO-8601 datetime") from exc
    if not isinstance(value, datetime):
        raise ValidationError(f"{field}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # e.g. year 1 with a positive offset
        raise ValidationError(f"{field}: {value!r} is outside the datetime range") from exc


def iso(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with microseconds: sorts lexically and parses in Qdrant's datetime index."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
