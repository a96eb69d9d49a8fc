"""Where one works, named with the job, is where one lives: "I'm a paramedic in Glasgow", "I work as a barista in
Lisbon", "software dev at a small agency in Leeds" (the labels read a home from these). Never when the message
says where home is some other way ("I work remote for a fintech in London but live in Tbilisi", "I live in Leeds and
work as a nurse in Bradford", "my commute to Leeds"), nor for a stay ("working in Rome this week")."""

from __future__ import annotations

import re

from .dates import DATE, NOCASE
from .lexicon import JOB_ENDINGS, JOB_WORDS, NAMED_PLACE, TRANSIENT
from .text import FILLER

JOB_IN_PLACE = re.compile(r"^I (?:am (?:now |currently )?(?:a|an) (?P<role>[\w' -]+?)|(?:work|am working) "
                          r"(?:as (?:a|an) [\w' -]+?|(?:at|for) [\w&.' -]+?))"
                          r"(?: (?:at|for|with) (?:a |an |the )?[\w&.' -]+?)?"
                          r" in (?P<p>" + NAMED_PLACE + r")\W*(?:,.*| (?:studying|doing|working|teaching) .*)?$",
                          NOCASE)
# a home said otherwise, a work place that is not home, a stay
ELSEWHERE = re.compile(r"\b(?:live|lives|living|based|moved|moving|relocat\w*|home|remote(?:ly)?|commut\w*|travel\w*"
                       r"|visiting|trip|conference|holiday|vacation|placement|posted|stationed|temporar\w*)\b",
                       NOCASE)


# capitalised words after "in" that are no place: a ward, a department, a language or a field
NOT_PLACES = {"icu", "nicu", "a&e", "er", "ed", "or", "hr", "it", "r&d", "qa", "pr", "marketing", "sales", "finance",
              "engineering", "operations", "accounts", "accounting", "product", "design", "research", "legal",
              "compliance", "admin", "support", "recruitment", "logistics", "procurement", "tech", "java", "python",
              "rust", "go", "excel", "english", "maths", "math", "science", "retail", "hospitality", "healthcare",
              "education", "banking", "insurance", "pharma", "consulting", "construction", "media", "fashion",
              "film", "music", "customer service", "emergency", "paediatrics", "pediatrics", "oncology", "cardiology",
              "radiology", "surgery", "theatre", "theatres", "maternity", "year"}

# the last word of an organisation's name: a learner's "in" before an employer ("I work as engineer in Acme GmbH")
ORGANISATION = re.compile(r"\b(?:Ltd|Inc|Group|Bank|Hospital|University|School|College|Labs?|Systems|Technologies"
                          r"|Solutions|Consulting|Partners|Media|Studios?|AG|GmbH|plc|PLC|LLC|Corp|Company|Co)$")


def home_of_work(clause: str, message: str) -> str | None:
    """ "I live in <place>" for a job named with its place, when nothing in the message says otherwise."""
    clause = FILLER.sub("", clause)  # "so I am a law student in Exeter": the clause is cleaned after this step
    m = JOB_IN_PLACE.match(clause)
    if m is None or ELSEWHERE.search(message) or TRANSIENT.search(clause) or DATE.search(clause):
        return None
    if m.group("p").lower() in NOT_PLACES or m.group("p").split()[0].lower() in NOT_PLACES \
            or ORGANISATION.search(m.group("p")):
        return None  # "a nurse in ICU", "a manager in Marketing", "an engineer in Acme Systems"
    role = (m.group("role") or "").split()
    if role and not (role[-1].lower().removesuffix("s") in JOB_WORDS or JOB_ENDINGS.fullmatch(role[-1])):
        return None  # "I'm a big fan in Leeds": no job, no home read from it
    return f"I live in {m.group('p')}"
