"""Consolidation: how a candidate memory meets what is already known. Pure decisions, no I/O.

The engine gathers the candidate's neighbours (same hash, same subject+attribute, nearest by
cosine, all current and in the same scope and kind) and applies the decision. A decision
never deletes: SUPERSEDE closes the old memory's validity interval and keeps it readable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ._extraction import Candidate
from ._models import MemoryRecord, content_hash
from ._slots import canonical, emptied, is_set, relation_of, same_slot

Action = Literal["ADD", "SEEN", "MERGE", "SUPERSEDE", "NONE"]


@dataclass(frozen=True)
class Neighbour:
    memory: MemoryRecord
    similarity: float  # cosine, 1.0 for exact matches found by hash or attribute


@dataclass(frozen=True)
class Decision:
    action: Action
    target: MemoryRecord | None = None  # the existing memory the action applies to
    content: str | None = None  # for MERGE: the content kept
    reason: str = ""
    details: dict[str, object] = field(default_factory=dict)
    # a second current fact the candidate ends, closed beside the action: "I play guitar now, gave
    # up the drums" is a new hobby value AND the end of the drums
    ends: MemoryRecord | None = None


def same_subject(memory: MemoryRecord, candidate: Candidate) -> bool:
    # a fact without a subject is about its scope's subject (e.g. one stored by remember())
    subject = memory.metadata.get("subject")
    return subject is None or candidate.subject is None or subject == candidate.subject


# slots a statement may end without naming the slot ("I gave up guitar", "I stopped running", "I've gone off sushi",
# "I quit smoking")
_ENDABLE = ("hobby:", "habit:", "learning:", "preference:", "tool:", "diet", "job", "location", "car", "channel",
            "languages", "pets", "partner", "laptop", "phone", "favorite:", "smoking")
# slot-less facts an ending may close: lasting ones (a dated happening stays true after its thing ended)
_LASTING = frozenset({"identity", "preference", "constraint", "fact"})


def ended(candidate: Candidate, neighbours: Sequence[Neighbour]) -> MemoryRecord | None:
    """The current fact ``candidate.ends`` closes, if one is among the neighbours."""
    end = candidate.ends
    if end is None:
        return None
    value = end.value.casefold()
    named = naming(value)
    # a name ("Luca", "Pixel") ends what is kept about that person or pet; a common word ("tennis")
    # never ends a fact about someone else ("my daughter plays tennis")
    a_name = end.value[:1].isupper()
    # "my son gave up German" ends the son's German, never the speaker's
    who = relation_of(candidate.attribute, candidate.content) if end.attribute is None and not a_name else None
    for n in neighbours:
        m = n.memory
        if m.valid_to is not None or not same_subject(m, candidate):
            continue
        about = relation_of(m.attribute, m.content)
        # an event's ending without a slot ends the slotless plan naming it, and a child's birth the expecting of it
        # (said of the parents, so whoever the event is about); a plan done is an aim reached (the "goal" ending below)
        if end.attribute is None and candidate.category == "event" and m.category == "plan" and not m.attribute \
                and (about == who or end.value == "expecting") and named.search(m.content):
            return m
        if who is not None and about != who:
            continue
        about_someone = about is not None
        # an aim reached or a plan done ("passed their driving test", "ran the Manchester marathon") ends the goal or
        # the slotless plan naming it, only those
        if end.attribute == "goal":
            if (m.category == "goal" or m.category == "plan" and not m.attribute) \
                    and about == relation_of(candidate.attribute, candidate.content) and named.search(m.content):
                return m
            continue
        if not m.attribute:
            # a lasting fact no rule gave a slot ("is a member at PureGym") ends by its words alone
            # (a plan called off ends the plan that named it: "Japan is off")
            if end.attribute is None and (m.category in _LASTING or (a_name and about_someone)
                                          or (m.category == "plan" and candidate.category == "plan")) \
                    and named.search(m.content):
                return m
            continue
        # an ending that names only its slot ("no longer has a car": value "car" under "car") ends whatever is there
        whole_slot = end.attribute is not None and value == end.attribute.casefold()
        if end.attribute:
            in_slot = same_slot(m.attribute, end.attribute)
        else:
            in_slot = m.attribute.startswith(_ENDABLE) or (a_name and about_someone)
        if in_slot and (whole_slot or named.search(m.content)):
            return m
    return None


def also_closed(candidate: Candidate, decision: Decision, neighbours: Sequence[Neighbour]) -> list[MemoryRecord]:
    """Current facts a candidate closes beside its decision's target and ending (whichever
    consolidator decided): every other current value of a slot that holds one value (two could be
    current from before, or from another process), and the facts of a relation its value leaves
    empty ("I'm single now" ends what was kept about the girlfriend). A dated happening ("my wife
    and I went to Rome") stays true, so it is never closed."""
    if decision.action == "NONE":
        return []
    acted = {m.id for m in (decision.target, decision.ends) if m is not None}
    slot = candidate.attribute if decision.action in ("SUPERSEDE", "SEEN") and decision.target is not None \
        and same_slot(decision.target.attribute, candidate.attribute) and not is_set(candidate.attribute) else None
    # the speaker's break-up that names the person ends what names them (see ``ended``), not every
    # partner fact ("my boyfriend's name is Sam, Leo and I broke up"); "my wife Ana died" is about her
    named = candidate.ends is not None and candidate.ends.value[:1].isupper() \
        and relation_of(candidate.attribute, candidate.content) is None
    empty = None if named else emptied(candidate.attribute, candidate.content)
    said = candidate.observed_at
    out: list[MemoryRecord] = []
    for n in neighbours:
        m = n.memory
        if m.id in acted or m.valid_to is not None or not same_subject(m, candidate) or m.category in _DATED:
            continue
        if (slot and same_slot(m.attribute, slot)) or (empty and relation_of(m.attribute, m.content) == empty
                                              and (said is None or m.observed_at < said)):
            acted.add(m.id)
            out.append(m)
    return out


_DATED = frozenset({"event", "plan", "goal", "message"})


def narrowed(content: str, attribute: str | None, value: str) -> tuple[str, str | None] | None:
    """What is left of a fact listing several values when one of them ends: "Hana is learning
    German and Korean" less "german" is "Hana is learning Korean", keyed ``learning:korean`` (a key
    named after the value that ended follows the value that stays). None when the fact does not
    list ``value`` beside another one."""
    v = naming(value).pattern
    lead = r"(?:(?:a|an|the|some) )?"
    last = re.search(rf"(?P<keep>[\w'-]+(?: [\w'-]+)??)(?P<cut>,? and {lead}{v})(?!\w)", content, re.IGNORECASE)
    first = re.search(rf"(?<!\w)(?P<cut>{lead}{v},? and )(?P<keep>{lead}[\w'-]+)", content, re.IGNORECASE)
    inner = re.search(rf"(?P<cut>, {lead}{v})(?=,| and )", content, re.IGNORECASE)
    hit = inner or last or first
    if hit is None:
        return None
    rest = content[:hit.start("cut")] + content[hit.end("cut"):]
    if hit is last and inner is None:  # "French, German and Dutch" less Dutch: "French and German"
        head, sep, tail = rest[:hit.start("cut")].rpartition(", ")
        if sep and tail == hit.group("keep"):
            rest = f"{head} and {tail}{rest[hit.start('cut'):]}"
    if naming(value).search(rest):
        return None
    key = attribute
    if attribute and ":" in attribute and naming(attribute.partition(":")[2]).search(value):
        other = re.sub(r"^(?:a|an|the|some) ", "", hit.group("keep"), flags=re.IGNORECASE) if hit is not inner else None
        key = canonical(f"{attribute.partition(':')[0]}:{other}") if other else attribute
    return rest, key


# -ing words that are things, not activities: "evening" does not name "even"
_ING_NOUNS = frozenset({"evening", "morning", "wedding", "building", "ceiling", "clothing", "pudding", "sibling",
                        "meeting", "offspring", "spring", "string", "something", "nothing", "anything", "everything"})


def _word_forms(word: str) -> str:
    forms = [word]
    if len(word) >= 6 and word.endswith("ing") and word.casefold() not in _ING_NOUNS \
            and re.search(r"[aeiouy]", word[:-3], re.IGNORECASE):
        stem = word[:-3]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]  # "knitting" -> "knit", "running" -> "run"
        forms += [stem, f"{stem}e"]  # "baking" -> "bake"
    return "(?:" + "|".join(rf"{re.escape(f)}(?:s|es)?" for f in forms) + ")"


def naming(value: str) -> re.Pattern[str]:
    """What a text that names ``value`` contains: its words, whole and in order, case-insensitively,
    each maybe with an -s ("art" is not in "throws parties"; "dog" is in "two dogs", "speak
    Italian" in "speaks Italian"); an activity named by its -ing form also names its verb ("knitting" is in
    "knits in the evenings")."""
    words = r"\W+".join(_word_forms(w) for w in value.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def _other(target: MemoryRecord | None, acted_on: MemoryRecord) -> MemoryRecord | None:
    return target if target is not None and target.id != acted_on.id else None


_FILLER = frozenset({"a", "an", "the", "and", "or", "also", "now", "too", "some", "of", "my", "our", "his", "her",
                     "their", "as", "well", "still"})


def _words(text: str) -> set[str]:
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w
            for w in re.findall(r"[\w'-]+", text.casefold()) if w not in _FILLER}


# a count of a set's members: "has 3 cats" and "has two cats" are one household counted anew
_COUNT_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def _counted(words: set[str]) -> set[str]:
    return {w for w in words if w in _COUNT_WORDS or w.isdigit()}


def restates(new: str, old: str) -> bool:
    """Whether ``new`` says everything ``old`` said ("has two dogs" restates "has a dog",
    "speaks French and German" restates "speaks French"; "speaks German" does not), a count aside when
    both give one ("has two cats" restates "has 3 cats": the count changed)."""
    was, now = _words(old), _words(new)
    if _counted(was) and _counted(now):
        was -= _counted(was)
    return was <= now


# a statement that a set slot is empty ("does not have any pets")
NONE_OF = re.compile(r"\b(?:does not|doesn't|do not|don't) have\b|\bhas no\b", re.IGNORECASE)


# a move ahead holds one place, whatever the words: "moving to Madrid instead" replaces "moving to Barcelona in March",
# "no longer moving to Canada" ends "moving to Toronto". Plans carry no slot (the labels give them none), so the
# shape of the statement is the key; only the subject's own move ("The user's sister is moving" is hers)
MOVE_PLAN = re.compile(r"^[^']+? is (?:no longer )?(?:moving|relocating|emigrating) (?:back |over |out )?to\b")


def moving(candidate: Candidate, neighbours: Sequence[Neighbour],
           ended_one: MemoryRecord | None) -> MemoryRecord | None:
    """The subject's current plan to move that a new one (or its end) replaces."""
    if candidate.category != "plan" or not MOVE_PLAN.match(candidate.content):
        return None
    return next((n.memory for n in neighbours if n.memory.valid_to is None and n.memory.category == "plan"
                 and n.memory != ended_one and same_subject(n.memory, candidate)
                 and MOVE_PLAN.match(n.memory.content)), None)


def correction(candidate: Candidate, neighbours: Sequence[Neighbour]) -> Decision:
    """A correction ("it's Porto not Lisbon", see ``rules.corrections``) puts right the latest current fact
    of the subject that names the wrong value: the fact supersedes itself with the right value in its place
    (its slot and date kept). Nothing current names the wrong value: there is nothing to put right, and a
    correction alone is no fact, so nothing is stored."""
    old, new = str(candidate.metadata["corrects"]), str(candidate.metadata.get("corrected_to") or "")
    wrong = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE)
    named = [n.memory for n in neighbours if n.memory.valid_to is None and same_subject(n.memory, candidate)
             and n.memory.category != "message" and wrong.search(n.memory.content)]
    if not new or not named:
        return Decision("NONE", reason=f"nothing current names {old!r}")
    target = max(named, key=lambda m: m.observed_at)
    return Decision("SUPERSEDE", target, content=wrong.sub(lambda _: new, target.content),
                    reason=f"corrects {old!r} to {new!r}")


@runtime_checkable
class Consolidator(Protocol):
    name: str

    def decide(self, candidate: Candidate, neighbours: Sequence[Neighbour]) -> Decision: ...


class RuleConsolidator:
    """Exact duplicate -> SEEN; same subject and attribute -> SUPERSEDE; a statement that ends a
    current fact ("I left Oracle") -> SUPERSEDE that fact; cosine >= threshold -> MERGE (the richer
    content wins); otherwise ADD."""

    name = "rules"

    def __init__(self, near_duplicate_threshold: float = 0.9):
        self.threshold = near_duplicate_threshold

    def decide(self, candidate: Candidate, neighbours: Sequence[Neighbour]) -> Decision:
        if candidate.metadata.get("corrects"):
            return correction(candidate, neighbours)
        target = ended(candidate, neighbours)
        h = content_hash(candidate.content)
        for n in neighbours:
            if n.memory.hash == h:
                return Decision("SEEN", n.memory, reason="exact duplicate", ends=_other(target, n.memory))
        if (move := moving(candidate, neighbours, target)) is not None:
            return Decision("SUPERSEDE", move, reason="a new move ahead", ends=target)
        if candidate.attribute:
            for n in neighbours:
                m = n.memory
                if not same_slot(m.attribute, candidate.attribute) or not same_subject(m, candidate) or m == target:
                    continue
                # one value of a set slot gives way only to a fuller statement of itself ("has a dog" ->
                # "has two dogs"); another value joins it ("speaks French" + "speaks German")
                # (a set's "none" gives way to any member: "has no pets" -> "got a puppy")
                if is_set(m.attribute) and not restates(candidate.content, m.content) and not NONE_OF.search(m.content):
                    continue
                return Decision("SUPERSEDE", m, reason=f"new value for {candidate.attribute!r}", ends=target)
        if target is not None:
            return Decision("SUPERSEDE", target, reason=f"ends {target.attribute!r}")
        best = max(neighbours, key=lambda n: n.similarity, default=None)
        # a fact with an attribute carries a value: merging it with a look-alike could lose that
        # value ("lives in Berlin" vs "lives in Paris" are close in cosine), so only plain facts merge
        if (best is not None and best.similarity >= self.threshold
                and not candidate.attribute and not best.memory.attribute):
            richer = candidate.content if len(candidate.content) > len(best.memory.content) else best.memory.content
            return Decision("MERGE", best.memory, content=richer,
                            reason=f"near duplicate (cosine {best.similarity:.3f})",
                            details={"similarity": round(best.similarity, 4)})
        return Decision("ADD", reason="new")
