"""The rule extractor: user messages -> clauses -> the first rule that yields a fact -> a candidate."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime

from .._extraction import Candidate, Ending, ExtractionContext
from .._models import Message
from .._slots import RELATIONS, canonical, category_of, slot_of
from .._time import UTC
from .base import Ctx, Fact
from .chat import unjoking, unsarcastic
from .clauses import DATE_LEAD, clean, split_clauses
from .corrections import corrected
from .dates import DATE, NOCASE, RESCHEDULED, When, resolve
from .lexicon import (
    CHANGED_TODAY,
    FORWARD,
    HYPOTHETICAL,
    JOKE,
    JOKING,
    LAUGH,
    MOOD,
    NAMED_DEATH,
    PAST_START,
    QUESTION_START,
    SARCASM,
    SMALL_TALK,
    TRANSIENT,
)
from .order import BY_FIRST_CHAR
from .others import antecedent, expand, fallback, listed, name_parties, named_in, names, passing
from .people import PRONOUN, Party, third_party
from .prefilter import gated
from .settle import settle
from .text import DATE_MARK

DATED_CATEGORIES = {"plan", "event", "goal"}
_NAMED_DEATH = re.compile(NAMED_DEATH, NOCASE)
COUNTS = {"age", "sobriety", "smoking"}  # "41 today", "5 months sober today": a new count, not a passing state
# one-value slots whose "at the moment" is the present value itself ("living in Seoul at the moment", "single
# right now", "vegan at the moment"), which the next value supersedes anyway
CURRENT = COUNTS | {"location", "job", "education", "relationship", "diet", "work arrangement", "household", "weight"}


def stays_now(attribute: str | None) -> bool:
    """A value that is "for now" by nature: a count ("41 today"), a one-value slot ("based in Oslo for now") or a
    favourite ("at the moment it's Wet Leg"), which the next one supersedes anyway, unlike a mood ("I hate
    meetings right now")."""
    return attribute in CURRENT or (attribute or "").startswith(("favorite:", "favourite:", "learning:"))
# what is left of a date phrase the resolver could not read whole: an ordinal day, "of in"
HALF_DATE = re.compile(r"\b(?:the )?\d{1,2}(?:st|nd|rd|th)\b(?! (?:century|birthday|anniversary|time|place|grade"
                       r"|floor|year|week|day|month|edition|round|percentile))|\bof (?:in|on)\b", NOCASE)


# a reaction stated whole, then its trigger in the present: "I get migraines if I skip meals", not "if I were rich"
CONDITIONED = re.compile(r"^(?P<main>(?:i|we) (?:get|have|feel|break out in|come out in|suffer from|react badly to)\b"
                         r".+?),? (?:if|whenever|when(?:ever)?) (?:i|we) (?!(?:would|could|might|were|was|had|ever)\b)"
                         r"\w+\b(?:(?!\b(?:would|could|might|wish|imagine|suppose)\b).)*$", NOCASE)


# a span of weekdays is a weekly routine, not a date: "I'm at the office Monday to Wednesday"
WEEKDAY_SPAN = gated(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days? ?(?:to|-|through|till|until|thru) ?"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", NOCASE)


def about(party: Party, fact: Fact) -> Fact:
    """A fact read from a party's clause: the relation goes into the key; a lasting fact about
    someone in the speaker's life is a ``relationship`` fact, a dated one ("my dad got married last year") an
    ``event`` unless it is a plan or a goal."""
    attribute = f"{party.relation}:{fact.attribute}" if fact.attribute else None
    ends = fact.ends
    if ends is not None and ends.attribute and ends.attribute != "goal" and not party.pet:
        whole = ends.value == ends.attribute  # (an ending that names only its slot names the party's slot)
        ends = Ending(attribute=f"{party.relation}:{ends.attribute}",  # "my wife left the NHS": her job, not theirs
                      value=f"{party.relation}:{ends.value}" if whole else ends.value)
    if party.pet and re.match(r"^\S+(?: \S+)*? (?:died|passed away)\b", fact.content):
        ends = Ending(attribute="pets", value=party.who.split()[0])  # "our hamster died": no longer has one
    if party.relation == "ex" and " " in party.who and ends is None:  # "my ex, Priya": no longer the partner
        ends = Ending(value=party.who.split(maxsplit=1)[1])
    # what a party is working towards is a standing fact about them: "goal" is the speaker's own
    category = fact.category if fact.category in DATED_CATEGORIES - {"goal"} else "event" if (
        fact.dated and fact.category != "goal") else "relationship"
    return replace(fact, content=party.agree(fact.content), category=category, attribute=attribute, ends=ends)


def _slot_of(content: str, category: str | None, party: Party | None) -> str | None:
    """The slot a fact's value names when no rule gave one; a party's under their relation ("my husband was made
    redundant": ``partner:job``), never the speaker's own."""
    if party is None:
        return slot_of(content, category)
    # (read past the party: "The user's husband" names no slot of the speaker's, what follows names one of his)
    slot = slot_of(content.split(party.who, 1)[-1], category)
    return f"{party.relation}:{slot}" if slot else None


def _statements(text: str) -> Iterator[tuple[str, str, Party | None]]:
    """Each clause of a message (raw, normalised) with the party it is about, if any. Parties are named one way
    (:func:`.others.name_parties`); "she"/"he" opening a clause is the last person named, and a clause that opens
    with its verb belongs to the party of the clause before ("my parents are teachers and live in Cork")."""
    mention: str | None = None  # the last person named
    last: str | None = None  # the party of the clause before
    for clause in split_clauses(name_parties(text)):
        clause = re.sub(r"^they're\b", "they are", clause, flags=re.IGNORECASE)
        if mention and PRONOUN.match(clause) and (who := antecedent(mention, clause)):  # not "he" for "my parents"
            clause = PRONOUN.sub(who, clause)
        for piece in expand(clause, last):
            cleaned = clean(piece)
            party = third_party(cleaned)
            last = party.then if party is not None else None
            mention = None if party is None and listed(cleaned) else last or named_in(cleaned) or mention
            yield piece, cleaned, party


class RuleExtractor:
    """Pattern-based extraction of profile memories from user messages (the default extractor)."""

    name = "rules"

    def extract(self, messages: Sequence[Message], *, context: ExtractionContext) -> list[Candidate]:
        out: list[Candidate] = []
        for msg in messages:
            if msg.role != "user" or not msg.content:
                continue
            said_at = msg.created_at or context.observed_at
            out.extend(self._message(msg, said_at))
        return out

    def _message(self, msg: Message, said_at: datetime) -> list[Candidate]:
        speaker = (msg.name or "").strip()
        ctx_s = speaker or "The user"
        ctx_pos = f"{speaker}'s" if speaker else "The user's"
        subject = speaker or "user"
        fixes = corrected(msg.content, s=ctx_s, subject=subject, said_at=said_at,  # "it's Porto not Lisbon"
                          source_ids=[msg.id] if msg.id else [])
        text = msg.content
        # "I live on the moon, just kidding", "lol I'm basically a millionaire": that sentence says nothing, the
        # others of a long message still do
        joke = JOKE.search(text) is not None
        if joke or (LAUGH.search(text) and JOKING.search(text)):
            text = unjoking(text)
            if not text.strip():  # (a laugh at one's own slip still corrects it: "lol autocorrect, it's Mac not Max")
                return [] if joke else fixes
        # "I just LOVE Mondays 🙄": a sarcastic sentence says nothing, the others of the message still do
        text = unsarcastic(text) if SARCASM.search(text) else text
        if not text.strip():
            return []
        today = said_at.astimezone(UTC).date()
        found: list[Candidate] = []
        seen: set[str] = set()
        said: list[str] = []  # the statements that passed the guards (no question, request, quote ...)
        for clause, cleaned, party in _statements(text):
            said.append(clause)
            fact, when = self._clause(clause, cleaned, today, ctx_s, ctx_pos, party)
            if fact is None:
                continue
            content = fact.content
            if fact.dated and when is not None:
                rendered = (replace(when, prep=fact.date_prep) if fact.date_prep else when).render()
                if re.search(r"\b(?:to|from|until|till|through|and|or)\s*" + DATE_MARK, content):
                    rendered = re.sub(r"^(?:on|in) ", "", rendered)  # "from 3 to 5 June", not "to on 5 June"
                content = content.replace(DATE_MARK, rendered) if DATE_MARK in content else f"{content} {rendered}"
            content = " ".join(content.replace(DATE_MARK, "").split()).strip(" ,")
            if HALF_DATE.search(content):
                continue  # "on the 22nd of in May": a date left half-resolved is left out with its fact
            content = re.sub(r"\s+,", ",", content)
            if content.lower() in seen:
                continue
            seen.add(content.lower())
            attribute = canonical(fact.attribute) or _slot_of(content, fact.category, party)
            found.append(Candidate(
                content=content, category=category_of(fact.category, attribute), confidence=fact.confidence,
                source_ids=[msg.id] if msg.id else [], subject=subject, attribute=attribute,
                ends=fact.ends,
                observed_at=said_at, event_time=when.at if when is not None else None,
                metadata={"extractor": "rules"},
            ))
        found += self._names(msg, said, found, ctx_pos, subject, said_at)
        found += fixes
        return settle(found)

    def _names(self, msg: Message, said: list[str], found: list[Candidate], pos: str, subject: str,
               said_at: datetime) -> list[Candidate]:
        """A person named in passing in a statement ("my husband Tom and I went to Rome") is a standing fact: their
        name (only in what passed the guards: not in a question, a request, a quote or a hypothetical)."""
        out: list[Candidate] = []
        for statement in said:
            if HYPOTHETICAL.search(statement):
                continue
            for word, name in names(statement):
                # a status or a household naming the partner or pet ("is married to Ana", "lives alone with their
                # dog Rex") keeps its slot: who they are is a fact of its own
                if any(name in c.content and c.attribute not in ("relationship", "household") for c in found + out):
                    continue
                out.append(Candidate(
                    content=f"{pos} {word}'s name is {name}", category="relationship", confidence=0.7,
                    source_ids=[msg.id] if msg.id else [], subject=subject,
                    attribute=f"{RELATIONS.get(word, word)}:name", observed_at=said_at,
                    metadata={"extractor": "rules"}))
        return out

    def _clause(self, raw: str, clause: str, today: date, s: str, pos: str,
                party: Party | None) -> tuple[Fact | None, When | None]:
        if party is not None:  # "my husband Marco is a firefighter" -> "I am a firefighter", said by him
            if passing(party.pred):
                return None, None  # "my kids are driving me crazy this morning": how the speaker feels today
            clause = clean(party.clause)
            s = f"{pos} {party.who}"
            pos = f"{s}'s"
        # "I get migraines if I skip meals": the "if" follows a complete statement of a reaction, not a supposition
        conditioned = CONDITIONED.match(clause) if HYPOTHETICAL.search(clause) else None
        if conditioned is not None and not HYPOTHETICAL.search(conditioned.group("main")):
            clause = conditioned.group("main")
        elif conditioned is not None:
            return None, None
        if (not clause or QUESTION_START.match(clause) or SMALL_TALK.match(clause)
                or HYPOTHETICAL.search(clause) or MOOD.search(clause)):
            return None, None
        when: When | None = None
        if WEEKDAY_SPAN.search(clause):
            return None, None  # no rule reads a routine yet, and a date read from it would be wrong
        dm = DATE.search(clause)
        if dm is not None:
            past = bool(PAST_START.match(clause) or _NAMED_DEATH.match(clause)) and not FORWARD.match(clause) \
                and not RESCHEDULED.search(clause)
            since = (dm.group("prep") or "").lower() == "since"  # "sober since March": behind us
            when = resolve(dm, today, past=past or since or "ago" in dm.group(0).lower())
            if when is not None:
                before, after = clause[:dm.start()].rstrip(" ,"), clause[dm.end():]
                if not before or DATE_LEAD.fullmatch(before):  # "Tomorrow I have my test": the date moves to the end
                    clause = clean(after)
                else:
                    clause = f"{before} {DATE_MARK}{after}"
        for r in BY_FIRST_CHAR.candidates(clause):
            m = r.pattern.match(clause)
            if m is None:
                continue
            fact = r.handler(m, Ctx(s, pos, when))
            if fact is None:
                continue
            if (fact.needs_date and when is None) or (conditioned is not None and fact.category != "constraint"):
                return None, None  # a condition is kept only on a health reaction, not "I get grumpy if ..."
            if fact.category not in DATED_CATEGORIES and (
                    TRANSIENT.search(raw) or (when is not None and when.relative_today)) \
                    and not (stays_now(fact.attribute) or fact.for_now or (
                        when is not None and when.relative_today and CHANGED_TODAY.match(clause))):
                return None, None  # "I hate meetings today" is a mood, not a preference
            return (fact if party is None else about(party, fact)), when
        if party is not None and when is None and not TRANSIENT.search(raw):  # what no rule reads about them
            kept = fallback(party, s)
            return (about(party, kept) if kept is not None else None), None
        return None, None
