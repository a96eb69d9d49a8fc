"""``python -m agent_memory``: the same CLI as the ``agent-memory`` command."""

from ._cli import app

app(prog_name="agent-memory")
