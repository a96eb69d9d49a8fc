"""Put the memory block into a system message: merged into the one that exists, and replaced
(not appended again) when the block from an earlier model call is already there."""

from __future__ import annotations

import re
from typing import overload

from langchain_core.messages import SystemMessage

START = "<agent_memory_context>"
END = "</agent_memory_context>"
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)


def wrap(text: str) -> str:
    return f"{START}\n{text.strip()}\n{END}" if text.strip() else ""


def _strip(text: str) -> str:
    return _BLOCK.sub("", text).rstrip()


# a system message given always comes back as one (None only when there was none and the block is empty)
@overload
def merge(system: SystemMessage, text: str) -> SystemMessage: ...
@overload
def merge(system: SystemMessage | None, text: str) -> SystemMessage | None: ...


def merge(system: SystemMessage | None, text: str) -> SystemMessage | None:
    """``system`` with the memory block ``text`` (a previous block removed first)."""
    block = wrap(text)
    if system is None:
        return SystemMessage(content=block) if block else None
    content = system.content
    if isinstance(content, str):
        base = _strip(content)
        merged: str | list[str | dict[str, object]] = "\n\n".join(p for p in (base, block) if p)
    else:
        merged = [part for part in content
                  if not (isinstance(part, dict) and START in str(part.get("text", "")))
                  and not (isinstance(part, str) and START in part)]
        if block:
            merged.append({"type": "text", "text": block})
    return system.model_copy(update={"content": merged})
