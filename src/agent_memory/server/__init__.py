"""agent-memory over the network (the ``server`` extra): one process owns the store and serves the
whole ``Memory`` API over HTTP/JSON, an MCP endpoint and an inspector page.

    from agent_memory.server import create_app
    app = create_app(Memory(path="store"), keys=[{"key": "...", "role": "admin"}])
"""

from ._access import KeyRing, Principal
from ._app import create_app

__all__ = ["KeyRing", "Principal", "create_app"]
