"""What the labelled-set benchmarks (screen.py, pii.py) share: arguments and reading JSONL."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def parser(doc: str, labels: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--labels", default=str(DATA / labels))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--out", help="write the full result as JSON here")
    return ap


def read_jsonl(path: str) -> list[dict]:
    # split on "\n" only: str.splitlines would also split on U+2028 inside a JSON string
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").split("\n") if line.strip()]
