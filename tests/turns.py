"""Change-of-mind tests' shared steps: say turns on given days into a real Memory, read what is current."""

from __future__ import annotations

from agent_memory import Memory


def say(mem: Memory, user: str, turns: list[tuple[str, str]]) -> None:
    for day, text in turns:
        mem.add([{"role": "user", "content": text}], user_id=user, observed_at=f"{day}T10:00:00Z")


def current(mem: Memory, user: str) -> set[str]:
    return {m.content for m in mem.list(user_id=user, kinds=["profile"], limit=200).items}
