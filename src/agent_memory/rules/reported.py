"""A statement followed by someone else's report: "my brother-in-law is a mechanic, he said the clutch is gone".

The reported words are not the speaker's (:data:`.lexicon.REPORTED` silences a sentence that has them), but a complete
clause *before* the comma that opens the report is the speaker's own statement and stays one."""

from __future__ import annotations

import re

from .lexicon import REPORTED

# "<statement>, (and|but|so) <who> said|says|told me <two words or more>": the report comes after the statement.
# Something must follow the report verb: "I'm moving to Canada, she said" attributes the whole sentence to her.
_REPORT_AFTER = re.compile(
    r"^(?P<own>[^,]{6,}?)\s*,\s*(?:and |but |so |then )?"
    r"(?:he|she|they|(?:the|my|our|his|her|their) [\w-]+|vet|doctor|doc|dr [A-Z]\w+|[A-Z][a-z]+)"
    r"\s+(?:said|says|told me|tells me)\s+(?!,)\S+\s+\S+",
    re.IGNORECASE)


def before_report(sentence: str) -> str | None:
    """The speaker's own statement before a report that follows it, if the sentence is built that way."""
    m = _REPORT_AFTER.match(sentence)
    if m is None or REPORTED.search(m.group("own")):
        return None  # "she said she's single, he says ...": nothing before the report is the speaker's own
    return m.group("own")
