"""The default extractor: regular expressions over user messages, no LLM, no network.

Each user message is split into sentences and clauses; a clause that is a question, small
talk, a joke, a hypothetical, a passing mood or about someone else yields nothing. The rest
are matched against first-person patterns (identity, preference, constraint, goal, plan,
event, fact) and rewritten as a short third-person statement about the speaker. Relative
dates ("yesterday", "next Friday", "on 5 June") are resolved against the message's time.

``attribute`` is the conflict key consolidation uses: a newer fact with the same subject and
attribute ("location", "favorite:player", "port:server", "preference:cats") supersedes the
older one, while facts about different things ("likes jazz", "likes hiking") coexist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ._extraction import Candidate, ExtractionContext
from ._models import Message
from ._time import UTC

_I = re.IGNORECASE

# ---------------------------------------------------------------------------------- dates

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
            r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WD_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_RE = r"(?:\d+|a couple of|couple of|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNIT_RE = r"(?:day|week|month|year)s?"
_PREP = r"(?:(?P<prep>on|by|before|until|till|in|at|since|from|during)\s+)?"

_DATE = re.compile(
    r"\b" + _PREP + r"(?:"
    r"(?P<rel>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow"
    r"|this (?:morning|afternoon|evening))"
    r"|(?P<span_dir>last|next|this|coming) (?P<span>week(?:end)?|month|year)"
    r"|(?:(?P<wd_dir>last|next|this|coming) )?(?P<wd>" + _WD_RE + r")"
    r"|(?P<ago_n>" + _NUM_RE + r") (?P<ago_u>" + _UNIT_RE + r") ago"
    r"|in (?P<in_n>" + _NUM_RE + r") (?P<in_u>" + _UNIT_RE + r")"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m1>" + _MONTH_RE + r")(?:,? (?P<y1>\d{4}))?"
    r"|(?P<m2>" + _MONTH_RE + r") (?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<y2>\d{4}))?"
    r"|(?P<m3>" + _MONTH_RE + r")(?: (?P<y3>\d{4}))?(?=\W*$|\W*[,;]|\s+(?:and|but|for|with|to)\b)"
    r"|(?P<y4>(?:19|20)\d{2})"
    r")\b", _I)


@dataclass(frozen=True)
class _When:
    day: date
    grain: str  # day | week | month | year
    prep: str | None
    relative_today: bool  # "today", "tonight", "this morning": a marker of a passing state

    def render(self) -> str:
        d = self.day
        if self.grain == "year":
            text = f"in {d.year}"
        elif self.grain == "month":
            text = f"in {_MONTHS[d.month - 1].capitalize()} {d.year}"
        elif self.grain == "week":
            text = f"in the week of {_fmt(d)}"
        else:
            text = f"on {_fmt(d)}"
        if self.prep in ("by", "before", "until", "till", "since"):
            text = f"{self.prep} " + text.split(" ", 1)[1].removeprefix("the week of ")
        return text

    @property
    def at(self) -> datetime:
        return datetime.combine(self.day, time(0), UTC)


def _fmt(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1].capitalize()} {d.year}"


def _month(name: str) -> int:
    return _MONTH_ABBR[name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _shift_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def _num(text: str) -> int:
    t = text.lower()
    return int(t) if t.isdigit() else _NUMBERS[t]


def _resolve(m: re.Match[str], today: date, past: bool) -> _When | None:
    """The date a matched phrase means, said on ``today``; ``past`` picks the direction of a
    bare weekday or month ("on Thursday" in a sentence about what happened)."""
    g = m.groupdict()
    prep = (g["prep"] or "").lower() or None
    if g["rel"]:
        rel = g["rel"].lower()
        offsets = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2}
        return _When(today + timedelta(days=offsets.get(rel, 0)), "day", prep, rel not in offsets)
    if g["span"]:
        step = {"last": -1, "next": 1}.get(g["span_dir"].lower(), 0)
        span = g["span"].lower()
        if span == "week":
            return _When(today - timedelta(days=today.weekday()) + timedelta(weeks=step), "week", prep, False)
        if span == "weekend":
            sat = today - timedelta(days=today.weekday()) + timedelta(days=5, weeks=step)
            return _When(sat, "day", prep, False)
        if span == "month":
            return _When(_shift_months(today.replace(day=1), step), "month", prep, False)
        return _When(date(today.year + step, 1, 1), "year", prep, False)
    if g["wd"]:
        idx = _WEEKDAYS.index(g["wd"].lower())
        direction = (g["wd_dir"] or "").lower()
        monday = today - timedelta(days=today.weekday())
        if direction == "next":
            return _When(monday + timedelta(weeks=1, days=idx), "day", prep, False)
        if direction == "this":
            return _When(monday + timedelta(days=idx), "day", prep, False)
        if direction == "last" or (past and direction != "coming"):
            back = (today.weekday() - idx) % 7 or 7
            return _When(today - timedelta(days=back), "day", prep, False)
        ahead = (idx - today.weekday()) % 7 or 7
        return _When(today + timedelta(days=ahead), "day", prep, False)
    if g["ago_n"] or g["in_n"]:
        n = _num(g["ago_n"] or g["in_n"]) * (-1 if g["ago_n"] else 1)
        unit = (g["ago_u"] or g["in_u"]).lower().rstrip("s")
        if unit in ("day", "week"):
            return _When(today + timedelta(days=n * (7 if unit == "week" else 1)), "day", prep, False)
        if unit == "month":
            return _When(_shift_months(today.replace(day=1), n), "month", prep, False)
        return _When(date(today.year + n, 1, 1), "year", prep, False)
    if g["iso"]:
        try:
            return _When(date.fromisoformat(g["iso"]), "day", prep, False)
        except ValueError:
            return None
    if g["m1"] or g["m2"]:
        month, day, year = _month(g["m1"] or g["m2"]), int(g["d1"] or g["d2"]), g["y1"] or g["y2"]
        try:
            if year:
                return _When(date(int(year), month, day), "day", prep, False)
            d = date(today.year, month, day)
        except ValueError:
            return None
        if past and d > today:
            d = d.replace(year=today.year - 1)
        elif not past and d < today:
            d = d.replace(year=today.year + 1)
        return _When(d, "day", prep, False)
    if g["m3"]:
        if not (prep or g["y3"]):  # a bare "may" / "march" is more likely a word than a month
            return None
        month = _month(g["m3"])
        if g["y3"]:
            return _When(date(int(g["y3"]), month, 1), "month", prep, False)
        year = today.year
        if past and month > today.month:
            year -= 1
        elif not past and month < today.month:
            year += 1
        return _When(date(year, month, 1), "month", prep, False)
    if g["y4"] and prep in ("in", "since", "by", "during", "before", "until"):
        return _When(date(int(g["y4"]), 1, 1), "year", prep, False)
    return None


# ---------------------------------------------------------------------------------- filters

_QUESTION_START = re.compile(
    r"^(?:what|why|how|where|when|who|whom|whose|which|is|are|am|was|were|do|does|did|can|could|would|will"
    r"|should|shall|may|might|have you|has|any idea|tell me|write|translate|explain|show me|give me|list|let me"
    r"|let's|lets|help me)\b", _I)
_SMALL_TALK = re.compile(
    r"^(?:hi|hello|hey|thanks?|thank you|ok|okay|sure|yes|no|yeah|yep|nope|cool|great|nice|bye|goodbye"
    r"|good (?:morning|night|evening|afternoon)|never mind|nevermind|no worries|sounds good|got it|i see"
    r"|i don't know|i do not know|i am not sure|that's|that is|it's|it is|lol|haha)\b[\s\w,!.']{0,25}$", _I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|wish|imagine|suppose|supposing|hypothetically|would|could|might|maybe|perhaps|someday|pretend)\b", _I)
_JOKE = re.compile(r"\b(?:just kidding|kidding|joking|jk|j/k)\b", _I)
_LAUGH = re.compile(r"\b(?:lol|lmao|rofl|haha\w*|hehe\w*)\b|😂|🤣", _I)
_MOOD = re.compile(
    r"\b(?:tired|exhausted|sleepy|bored|hungry|thirsty|stressed|sad|angry|annoyed|upset|grumpy|sick|ill|"
    r"headache|hurts?|feeling|feel|mood|cranky|frustrated|furious|overwhelmed|anxious|nervous|"
    r"terrible day|awful day|rough day|long day|hungover|cold|hot|freezing|starving)\b", _I)
_TRANSIENT = re.compile(r"\b(?:right now|at the moment|for now|for the moment|at this point|currently feeling)\b", _I)
_DEICTIC = re.compile(r"^(?:it|this|that|these|those|you|your|him|her|them|here|there)\b", _I)
_PEOPLE = {
    "sister", "brother", "mom", "mum", "mother", "dad", "father", "parents", "boss", "friend", "friends",
    "colleague", "colleagues", "coworker", "wife", "husband", "partner", "boyfriend", "girlfriend", "son",
    "daughter", "kids", "children", "kid", "child", "neighbour", "neighbor", "team", "manager", "cousin",
    "aunt", "uncle", "grandma", "grandpa", "grandmother", "grandfather", "roommate", "flatmate", "dog", "cat",
    "head", "back", "stomach", "day", "week", "morning", "life", "mood", "code", "computer", "phone", "internet",
}
_IDENTITY_THINGS = {"email", "email address", "phone number", "phone", "address", "timezone", "time zone",
                    "birthday", "nationality", "pronouns", "age", "job", "occupation", "title", "job title",
                    "username", "handle", "website", "native language", "first language", "middle name",
                    "last name", "surname", "nickname"}
_JOB_WORDS = {"nurse", "doctor", "lawyer", "chef", "cook", "engineer", "developer", "designer", "teacher",
              "student", "consultant", "analyst", "scientist", "manager", "lead", "intern", "founder", "ceo",
              "cto", "cfo", "architect", "mechanic", "pilot", "professor", "researcher", "accountant", "artist",
              "writer", "editor", "journalist", "programmer", "dentist", "pharmacist", "therapist", "plumber",
              "electrician", "carpenter", "farmer", "firefighter", "officer", "librarian", "musician", "barista",
              "cashier", "clerk", "paramedic", "surgeon", "veterinarian", "vet", "tutor", "coach", "freelancer",
              "contractor", "photographer", "planner", "administrator", "admin", "director", "secretary",
              "technician", "counselor", "counsellor", "assistant", "recruiter", "salesperson", "translator"}
_KIN_AND_PETS = {"kid", "kids", "child", "children", "son", "sons", "daughter", "daughters", "brother", "brothers",
                 "sister", "sisters", "wife", "husband", "partner", "boyfriend", "girlfriend", "twins", "baby",
                 "dog", "dogs", "cat", "cats", "puppy", "kitten", "retriever", "labrador", "poodle", "terrier",
                 "parrot", "hamster", "rabbit", "horse", "pet", "pets", "grandchildren", "grandkids", "car", "bike"}
_DIETS = r"(?:vegetarian|vegan|pescatarian|lactose[- ]intolerant|gluten[- ]intolerant|gluten[- ]free|diabetic" \
         r"|c(?:o)?eliac|kosher|halal|teetotal|sober)"
_PAST_IRREGULAR = ("went|ran|got|had|saw|met|bought|took|made|gave|came|left|began|won|lost|quit|found|built|wrote"
                   "|read|sold|flew|drove|swam|did|became|spent|sent|caught|held|broke|hit|told|taught|threw|rode"
                   "|sang|ate|drank|sat|stood|wore|chose|forgot|fell")
_NOT_PAST = r"(?!(?:need|feed|speed|proceed|succeed|exceed|bleed|breed)\b)"
_PAST_START = re.compile(r"^(?:i|we) (?:just |recently |finally |already )?" + _NOT_PAST
                         + r"(?:\w+ed|" + _PAST_IRREGULAR + r")\b", _I)
_CUT_TAIL = re.compile(r"\s*(?:,\s*|\s+)(?:because|since|so that|so|but|which|who|although|though|as well)\b.*$", _I)
_PRONOUNS = [(re.compile(p, _I), r) for p, r in (
    (r"\bmyself\b", "themselves"), (r"\bmine\b", "theirs"), (r"\bmy\b", "their"), (r"\bme\b", "them"),
    (r"\bI am\b", "they are"), (r"\bI\b", "they"), (r"\byour\s+", ""), (r"\byours\b", "the assistant's"))]
_KEY_STOP = re.compile(
    r"\s*(?:,|\b(?:in|over|to|than|with|for|on|at|when|during|before|after|from|especially|and|because|but|"
    r"a lot|so much|very much|anymore|any more)\b).*$", _I)

# ---------------------------------------------------------------------------------- text helpers

_CONTRACTIONS = [(re.compile(p, _I), r) for p, r in (
    (r"[\u2018\u2019`]", "'"), (r"\bI'm\b", "I am"), (r"\bI've\b", "I have"), (r"\bI'll\b", "I will"),
    (r"\bI'd\b", "I would"), (r"\bwe're\b", "we are"), (r"\bwe've\b", "we have"), (r"\bwe'll\b", "we will"),
    (r"\bname's\b", "name is"), (r"\bdon't\b", "do not"), (r"\bdoesn't\b", "does not"),
    (r"\bcan't\b", "cannot"), (r"\bcan not\b", "cannot"), (r"\bwon't\b", "will not"),
    (r"\bim\b(?=\s+(?:a|an|from|in|based|allergic)\b)", "I am"))]
_FILLER = re.compile(
    r"^(?:(?:actually|now|well|so|also|oh|btw|by the way|honestly|anyway|ok|okay|and|but|yes|yeah|yep|hi|hello|hey"
    r"|hmm|um|fyi|just so you know|for the record|correction|update|fun fact|in fact|these days|nowadays|"
    r"oh and|as of now|from now on)\b[\s,:;!.-]*)+", _I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")
_CLAUSES = re.compile(r",?\s+(?:and|but|so|though|although|plus)\s+(?=(?:I|we|my|our)\b)|,\s+(?=I\b)", _I)
_DATE_MARK = "\x00"


def _third_person(verb: str) -> str:
    v = verb.lower()
    irregular = {"am": "is", "are": "is", "be": "is", "have": "has", "do": "does", "go": "goes"}
    if v in irregular:
        return irregular[v]
    if re.search(r"(?:s|sh|ch|x|z|o)$", v):
        return verb + "es"
    if re.search(r"[^aeiou]y$", v):
        return verb[:-1] + "ies"
    return verb + "s"


def _reflect(text: str) -> str:
    """First person inside an object becomes third person: "my coffee" -> "their coffee"."""
    for pat, rep in _PRONOUNS:
        text = pat.sub(rep, text)
    return " ".join(text.split())


def _key(text: str) -> str:
    """A stable short key for what a preference is about: "the cats, a lot" -> "cats"."""
    t = text.replace(_DATE_MARK, "").strip().lower()
    t = _KEY_STOP.sub("", t)
    t = re.sub(r"^(?:(?:always|never|usually|from now on|in future|the|a|an|my|some|any|their)\s+)+", "", t)
    return " ".join(t.split()[:4]).strip(" ,.!")


# ---------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Fact:
    category: str
    content: str  # may contain _DATE_MARK where the date phrase stood
    attribute: str | None = None
    confidence: float = 0.8
    dated: bool = False  # True: the date belongs in the statement (plans, events, deadlines)
    needs_date: bool = False  # True: without a date this is not worth keeping ("I have to go")


@dataclass
class _Ctx:
    s: str  # "Caroline" / "The user"
    pos: str  # "Caroline's" / "The user's"
    date: _When | None


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], "_Fact | None"]]
_RULES: list[_Rule] = []


def _rule(pattern: str) -> Callable[[Callable[[re.Match[str], _Ctx], _Fact | None]],
                                    Callable[[re.Match[str], _Ctx], _Fact | None]]:
    def register(fn: Callable[[re.Match[str], _Ctx], _Fact | None]) -> Callable[[re.Match[str], _Ctx], _Fact | None]:
        _RULES.append((re.compile(pattern, _I), fn))
        return fn
    return register


def _v(m: re.Match[str], group: str = "v", *, cut: bool = True) -> str:
    text = m.group(group)
    if cut:
        text = _CUT_TAIL.sub("", text)
    return _reflect(text.strip(" ,.!"))


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


@_rule(r"^(?:my name is|i am called|people call me|my friends call me) (?P<v>\S+(?: [A-Z][\w'-]+)?)$")
def _name(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    return _Fact("identity", f"{c.pos} name is {v}", "name", 0.95) if _is_cap(v) else None


@_rule(r"^(?:please )?(?:call me|you can call me|address me as) (?P<v>[\w'-]+)$")
def _call_me(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    return _Fact("identity", f"{c.s} wants to be called {v}", "name", 0.9) if _is_cap(v) else None


@_rule(r"^i am (?P<v>[A-Z][\w'-]+)$")
def _i_am_name(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    if not _is_cap(v) or v.lower() in {"back", "here", "ok", "okay", "fine", "done", "in", "out"}:
        return None
    if re.search(r"(?:ese|ish|ian|can|ch|ean|ani|ali|ic)$", v):
        return _Fact("identity", f"{c.s} is {v}", "nationality", 0.7)
    return _Fact("identity", f"{c.pos} name is {v}", "name", 0.8)


@_rule(r"^i am (?P<v>\d{1,3})(?: years old| years of age| y/?o)?$")
def _age(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} is {m.group('v')} years old", "age", 0.9)


@_rule(r"^(?:i|we) (?:(?:still|now|currently) )?(?:live|am living|are living|reside|stay) in (?P<v>.+)$")
def _lives(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} lives in {_v(m)}", "location", 0.9)


@_rule(r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:moved|relocated) (?:back )?to (?P<v>.+)$")
def _moved(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} lives in {_v(m)}", "location", 0.9)


@_rule(r"^(?:i|we) (?:am|are) (?:based|located) in (?P<v>.+)$")
def _based(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} lives in {_v(m)}", "location", 0.85)


@_rule(r"^i (?:am (?:originally )?from|come from|was born in|grew up in) (?P<v>.+)$")
def _origin(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} is originally from {_v(m)}", "origin", 0.85)


@_rule(r"^i (?:work|am working) as (?P<v>.+)$")
def _work_as(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} works as {_v(m)}", "job", 0.9)


@_rule(r"^i (?:work|am working|am employed) (?P<p>at|for|in) (?P<v>.+)$")
def _work_at(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m)
    if re.match(r"^(?:home|the weekend|weekends|night|nights)\b", v, _I):
        return None
    return _Fact("identity", f"{c.s} works {m.group('p').lower()} {v}", "job", 0.85)


@_rule(r"^i (?:am|have been|was) (?:a|an) (?P<np>[\w' -]+?)"
       r"(?P<org> (?:at|for|in|with) (?!\w+ (?:years?|months?)\b).+?)?"
       r"(?: for \w+ (?:years?|months?)| since .+)?$")
def _job(m: re.Match[str], c: _Ctx) -> _Fact | None:
    words = m.group("np").split()
    if not words or words[-1].lower() not in _JOB_WORDS or words[0].lower() in ("bit", "little", "lot"):
        return None
    art = "an" if words[0][0].lower() in "aeiou" else "a"
    org = f" {_reflect(m.group('org'))}" if m.group("org") else ""
    return _Fact("identity", f"{c.s} is {art} {' '.join(words)}{org}", "job", 0.85)


@_rule(r"^i am (?:studying|majoring in|doing a degree in|doing a phd in) (?P<v>.+ (?:at|in) [A-Z].+)$")
def _education(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} is studying {_v(m)}", "education", 0.85)


@_rule(r"^i (?:speak|am fluent in) (?P<v>.+)$")
def _languages(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("identity", f"{c.s} speaks {_v(m)}", "languages", 0.85)


@_rule(r"^i am (?P<a>a |an )?(?P<v>" + _DIETS + r")\b")
def _diet(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.s} is {m.group('a') or ''}{m.group('v').lower()}", "diet", 0.9)


@_rule(r"^i am allergic to (?P<v>.+)$")
def _allergy(m: re.Match[str], c: _Ctx) -> _Fact:
    v = _v(m)
    return _Fact("constraint", f"{c.s} is allergic to {v}", f"allergy:{_key(v)}", 0.9)


@_rule(r"^i (?:do not|cannot) (?:eat|drink) (?P<v>.+)$")
def _no_eat(m: re.Match[str], c: _Ctx) -> _Fact:
    v = _v(m)
    return _Fact("constraint", f"{c.s} does not eat or drink {v}", f"diet:{_key(v)}", 0.8)


@_rule(r"^i cannot (?!stand\b|believe|wait|sleep|remember|find|decide|figure|stop|help|see|hear|tell|get|"
       r"think|understand|imagine|say|be bothered)(?P<v>\w+ .+)$")
def _cannot(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.s} cannot {_v(m, cut=False)}", None, 0.7)


@_rule(r"^(?:my|our|the) budget (?:is now|is|was|went up to|went down to|dropped to|increased to|"
       r"decreased to|of|has gone up to|has dropped to) (?:now )?(?P<v>.+)$")
def _budget(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.pos} budget is {_v(m)}", "budget", 0.9)


@_rule(r"^(?:i|we) have a budget of (?P<v>.+)$")
def _budget_of(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.s} has a budget of {_v(m, cut=False)}", "budget", 0.9)


@_rule(r"^(?:my|our) (?P<f>favou?rite) (?P<thing>[\w' -]+?) (?:is|are) (?:now |still )?(?P<v>.+)$")
def _favourite(m: re.Match[str], c: _Ctx) -> _Fact:
    thing = m.group("thing").lower()
    return _Fact("preference", f"{c.pos} {m.group('f').lower()} {thing} is {_v(m)}", f"favorite:{thing}", 0.9)


@_rule(r"^my birthday is (?:on )?(?P<v>.+)$")
def _birthday(m: re.Match[str], c: _Ctx) -> _Fact:
    # a birthday recurs: keep the day and month, not the next occurrence's year
    v = f"{c.date.day.day} {_MONTHS[c.date.day.month - 1].capitalize()}" if c.date else m.group("v").strip(" .!")
    return _Fact("identity", f"{c.pos} birthday is on {v}", "birthday", 0.9)


@_rule(r"^(?:my|our) (?P<rel>[\w -]+?)'s name is (?P<v>[A-Z][\w'-]*)")
def _kin_name(m: re.Match[str], c: _Ctx) -> _Fact:
    rel = m.group("rel").lower()
    return _Fact("identity", f"{c.pos} {rel}'s name is {m.group('v')}", f"name:{rel}", 0.9)


@_rule(r"^(?:my|our|the) (?P<thing>[\w -]+?) (?:runs|is running|listens|is listening|is|lives|is hosted) "
       r"on port (?P<v>\d{2,5})\b")
def _port(m: re.Match[str], c: _Ctx) -> _Fact:
    thing = m.group("thing").lower()
    return _Fact("fact", f"{c.pos} {thing} runs on port {m.group('v')}", f"port:{thing}", 0.85)


@_rule(r"^(?:i|we) (?:really |absolutely |just |also |kind of |kinda |do |truly |still )?"
       r"(?P<verb>love|like|enjoy|adore|prefer|hate|dislike|detest|loathe) (?P<v>.+)$")
def _likes(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if _DEICTIC.match(m.group("v")):
        return None  # "I love this song": about the conversation, not a lasting taste
    return _Fact("preference", f"{c.s} {_third_person(m.group('verb').lower())} {v}", f"preference:{_key(v)}", 0.8)


@_rule(r"^i (?:really )?cannot stand (?P<v>.+)$")
def _cant_stand(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if _DEICTIC.match(m.group("v")):
        return None
    v = _v(m, cut=False)
    return _Fact("preference", f"{c.s} can't stand {v}", f"preference:{_key(v)}", 0.8)


@_rule(r"^(?:i|we) (?:do not|no longer|never) (?:really )?(?P<verb>like|love|enjoy) (?P<v>.+?)"
       r"(?P<more> any ?more)?$")
def _not_like(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if _DEICTIC.match(m.group("v")):
        return None
    v = _v(m, cut=False)
    verb = m.group("verb").lower()
    if m.group("more") or "no longer" in m.group(0).lower():
        return _Fact("preference", f"{c.s} no longer {_third_person(verb)} {v}", f"preference:{_key(v)}", 0.8)
    return _Fact("preference", f"{c.s} does not {verb} {v}", f"preference:{_key(v)}", 0.8)


@_rule(r"^i am (?:a (?:big |huge |massive )?fan of|really into|into|fond of|obsessed with|passionate about) "
       r"(?P<v>.+)$")
def _fan(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if _DEICTIC.match(m.group("v")):
        return None
    v = _v(m, cut=False)
    return _Fact("preference", f"{c.s} is a big fan of {v}", f"preference:{_key(v)}", 0.8)


@_rule(r"^i (?P<adv>always|never|usually|often|rarely|generally|normally|mostly|seldom) "
       r"(?P<verb>[a-z]+)(?P<rest>(?: .+)?)$")
def _habit(m: re.Match[str], c: _Ctx) -> _Fact | None:
    verb = m.group("verb")
    if verb.lower() in ("am", "was", "have", "had", "do", "did", "will", "would"):
        return None
    rest = _v(m, "rest", cut=False)
    key = " ".join([verb.lower(), *[w for w in _key(rest).split() if w not in ("their", "them")][:2]])
    return _Fact("preference", f"{c.s} {m.group('adv').lower()} {_third_person(verb)} {rest}".strip(),
                 f"habit:{key}", 0.75)


@_rule(r"^i (?:use|work with|code in|program in) (?P<v>[A-Z].+)$")
def _uses(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("preference", f"{c.s} uses {_v(m, cut=False)}", None, 0.7)


@_rule(r"^i (?:drive|own|ride) (?P<v>(?:a|an) .+)$")
def _drives(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = m.group(0).split()[1].lower()
    return _Fact("fact", f"{c.s} {_third_person(verb)} {_v(m)}", "car" if verb == "drive" else None, 0.75)


@_rule(r"^(?:please )?(?:do not|never|stop) (?!mind\b|worry\b)(?P<v>\w+ .+?)(?:,? please)?$")
def _dont(m: re.Match[str], c: _Ctx) -> _Fact:
    v = _v(m, cut=False)
    return _Fact("preference", f"{c.s} asks the assistant not to {v}", f"instruction:{_key(v)}", 0.85)


@_rule(r"^(?:please )(?P<v>(?:always |from now on |in future )?(?:keep|use|answer|reply|respond|write|format|"
       r"avoid|remember|address|speak|explain|include|give|show|be)\b.+?)(?:,? please)?$")
def _please(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if not re.search(r"\b(?:always|never|from now on|in future|keep|avoid|remember|every time|in [A-Z]\w+)\b", v):
        return None  # "please show me the code": a one-off request
    return _Fact("preference", f"{c.s} asks the assistant to {v}", f"instruction:{_key(v)}", 0.85)


@_rule(r"^i am (?:currently |still )?working on (?P<v>.+)$")
def _working_on(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.s} is working on {_v(m, cut=False)}", None, 0.8, dated=True)


@_rule(r"^i am (?:currently |still )?(?:learning|studying) (?P<v>.+)$")
def _learning(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.s} is learning {_v(m, cut=False)}", None, 0.8, dated=True)


@_rule(r"^i am (?P<verb>trying|hoping|aiming|determined) to (?P<v>.+)$")
def _trying(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.s} is {m.group('verb').lower()} to {_v(m, cut=False)}", None, 0.75, dated=True)


@_rule(r"^i am (?P<verb>training|preparing|saving(?: up)?|studying) for (?P<v>.+)$")
def _training(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.s} is {m.group('verb').lower()} for {_v(m, cut=False)}", None, 0.8, dated=True)


@_rule(r"^(?:my|our) (?:main |big |long-term |biggest )?(?:goal|dream|ambition) is (?:to )?(?P<v>.+)$")
def _goal(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.pos} goal is to {_v(m, cut=False)}", None, 0.85, dated=True)


@_rule(r"^i (?:really )?want to (?!know|ask|see|talk|hear|check|say|try|go\b|eat|sleep|cry)(?P<v>.+)$")
def _want(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("goal", f"{c.s} wants to {_v(m, cut=False)}", None, 0.7, dated=True)


@_rule(r"^i (?P<verb>need|have|must|got) to (?P<v>.+)$")
def _deadline(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = {"need": "needs", "have": "has", "must": "must", "got": "has"}[m.group("verb").lower()]
    return _Fact("goal", f"{c.s} {verb} to {_v(m, cut=False)}", None, 0.8, dated=True, needs_date=True)


@_rule(r"^(?:i am|we are) (?P<verb>planning|going|flying|travell?ing|driving|heading|moving|relocating|off) "
       r"to (?P<v>.+)$")
def _going(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = m.group("verb").lower()
    needs = verb not in ("planning", "moving", "relocating")  # "I'm going to bed" is not a plan
    return _Fact("plan", f"{c.s} is {verb} to {_v(m, cut=False)}", None, 0.8, dated=True, needs_date=needs)


@_rule(r"^(?:i|we) (?:plan|intend) to (?P<v>.+)$")
def _plan(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("plan", f"{c.s} plans to {_v(m, cut=False)}", None, 0.8, dated=True)


@_rule(r"^(?:i|we) will (?P<v>.+)$")
def _will(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("plan", f"{c.s} will {_v(m, cut=False)}", None, 0.75, dated=True, needs_date=True)


@_rule(r"^(?:i am|we are) (?P<v>\w+ing\b.*)$")
def _ing(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("plan", f"{c.s} is {_v(m, cut=False)}", None, 0.75, dated=True, needs_date=True)


@_rule(r"^(?:i|we) (?:have|have got) (?P<v>(?:a|an|one|two|three|four|five|\d+|my|the) .+)$")
def _have(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if c.date is not None:
        return _Fact("plan", f"{c.s} has {v}", None, 0.8, dated=True)
    if {w.strip(",.").lower() for w in v.split()[:4]} & _KIN_AND_PETS:
        return _Fact("identity", f"{c.s} has {v}", None, 0.8)
    return None


@_rule(r"^(?:my|our) (?P<thing>[a-z][\w' -]{1,40}?) (?:is|are) (?P<v>.+)$")
def _possessive(m: re.Match[str], c: _Ctx) -> _Fact | None:
    thing = m.group("thing").lower()
    v = _v(m, cut=False)
    if c.date is not None and not re.search(r"\b(?:mood|day|head)\b", thing):
        return _Fact("plan", f"{c.pos} {thing} is {v}", None, 0.75, dated=True)
    if thing in _PEOPLE or len(thing.split()) > 3:
        return None
    # only definite values ("a Tesla", "CET", "jon@example.com", "on Postgres 15"), not moods ("broken")
    if not re.match(r"^(?:(?:a|an|the|on|in|at) )?(?:[A-Z0-9$€£+]|\S*@)", v):
        return None
    category = "identity" if thing in _IDENTITY_THINGS else "fact"
    return _Fact(category, f"{c.pos} {thing} is {v}", thing, 0.7)


@_rule(r"^(?:i|we) (?P<adv>just |recently |finally |already )?" + _NOT_PAST
       + r"(?P<verb>\w+ed|" + _PAST_IRREGULAR + r") (?P<v>.+)$")
def _event(m: re.Match[str], c: _Ctx) -> _Fact | None:
    verb = m.group("verb").lower()
    if verb in ("loved", "liked", "hated", "wanted", "needed", "used", "wondered", "guessed", "thought", "had"):
        if c.date is None:
            return None
    if c.date is None and not m.group("adv"):
        return None  # an undated past remark is rarely worth keeping
    return _Fact("event", f"{c.s} {m.group('verb')} {_v(m, cut=False)}", None, 0.75, dated=True)


@_rule(r"^i am (?:a|an) (?P<v>[\w -]+)$")
def _trait(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v").strip()
    if re.match(r"^(?:bit|little|lot|mess|wreck|fan)\b", v, _I) or len(v.split()) > 4:
        return None
    art = m.group(0).split()[2]
    return _Fact("identity", f"{c.s} is {art} {v}", None, 0.6)


# ---------------------------------------------------------------------------------- the extractor

_DATED_CATEGORIES = {"plan", "event", "goal"}


def _clauses(text: str) -> list[str]:
    for pat, rep in _CONTRACTIONS:
        text = pat.sub(rep, text)
    out = []
    for sentence in _SENTENCES.split(text.strip()):
        sentence = sentence.strip()
        if not sentence or sentence.endswith("?"):
            continue
        out.extend(c.strip() for c in _CLAUSES.split(sentence) if c and c.strip())
    return out


def _clean(clause: str) -> str:
    clause = _FILLER.sub("", clause.strip())
    clause = re.sub(r"[\s,]*(?:\bnow\b|\banymore\b(?=$)|\bthough\b)?[\s.!,]*$",
                    lambda m: " anymore" if "anymore" in m.group(0) else "", clause)
    return clause.strip(" ,")


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
        if _JOKE.search(msg.content):
            return []  # "I live on the moon, just kidding": nothing in it can be trusted
        speaker = (msg.name or "").strip()
        ctx_s = speaker or "The user"
        ctx_pos = f"{speaker}'s" if speaker else "The user's"
        subject = speaker or "user"
        today = said_at.astimezone(UTC).date()
        found: list[Candidate] = []
        seen: set[str] = set()
        for clause in _clauses(msg.content):
            fact, when = self._clause(clause, today, ctx_s, ctx_pos)
            if fact is None:
                continue
            content = fact.content
            if fact.dated and when is not None:
                rendered = when.render()
                content = content.replace(_DATE_MARK, rendered) if _DATE_MARK in content else f"{content} {rendered}"
            content = " ".join(content.replace(_DATE_MARK, "").split()).strip(" ,")
            content = re.sub(r"\s+,", ",", content)
            if content.lower() in seen:
                continue
            seen.add(content.lower())
            found.append(Candidate(
                content=content, category=fact.category, confidence=fact.confidence,
                source_ids=[msg.id] if msg.id else [], subject=subject, attribute=fact.attribute,
                observed_at=said_at, event_time=when.at if when is not None else None,
                metadata={"extractor": "rules"},
            ))
        return found

    def _clause(self, raw: str, today: date, s: str, pos: str) -> tuple[_Fact | None, _When | None]:
        clause = _clean(raw)
        if (not clause or _QUESTION_START.match(clause) or _SMALL_TALK.match(clause)
                or _HYPOTHETICAL.search(clause) or _LAUGH.search(clause) or _MOOD.search(clause)):
            return None, None
        when: _When | None = None
        dm = _DATE.search(clause)
        if dm is not None:
            when = _resolve(dm, today, past=bool(_PAST_START.match(clause)) or "ago" in dm.group(0).lower())
            if when is not None:
                before, after = clause[:dm.start()].rstrip(" ,"), clause[dm.end():]
                if not before:  # "Tomorrow I have my driving test": the date moves to the end
                    clause = _clean(after)
                else:
                    clause = f"{before} {_DATE_MARK}{after}"
        for pattern, handler in _RULES:
            m = pattern.match(clause)
            if m is None:
                continue
            fact = handler(m, _Ctx(s, pos, when))
            if fact is None:
                continue
            if fact.needs_date and when is None:
                return None, None
            if fact.category not in _DATED_CATEGORIES and (
                    _TRANSIENT.search(raw) or (when is not None and when.relative_today)):
                return None, None  # "I hate meetings today" is a mood, not a preference
            return fact, when
        return None, None
