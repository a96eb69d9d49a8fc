"""The default extractor: regular expressions over user messages, no LLM, no network.

Each user message is split into sentences and clauses; a clause that is a question, small
talk, a joke, a hypothetical, a passing mood or about someone else yields nothing. The rest
are normalised (fillers and "if that helps" tails dropped, "I've been vegan for years" read as
"I am vegan", "I'd rather" as "I prefer", "I'm 34 and live in Oslo" as two clauses) and matched
against first-person patterns (identity, preference, constraint, goal, plan, event, fact),
then rewritten as a short third-person statement about the speaker. Relative dates
("yesterday", "next Friday", "on 5 June", "last summer") are resolved against the message's time.

Most rules are one line each (``_simple``: a pattern, a category and a template); the ones that
need a decision of their own are small functions (``@_rule``). Rules are tried in the order they
are registered, and the first that yields a fact wins.

``attribute`` is the conflict key consolidation uses: a newer fact with the same subject and
attribute ("location", "favorite:player", "port:server", "preference:cats") supersedes the
older one, while facts about different things ("likes jazz", "likes hiking") coexist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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
_PREP = r"(?:(?P<prep>on|by|before|until|till|in|at|since|from|during|for|over)\s+)?"
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_DATE = re.compile(
    r"\b(?<!every )(?<!each )(?<!other )" + _PREP + r"(?:"
    r"(?P<rel>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow"
    r"|this (?:morning|afternoon|evening))"
    r"|(?P<span_dir>last|next|this|coming) (?P<span>week(?:end)?|month|year)"
    r"|(?:(?P<season_dir>last|next|this|coming) |the )?(?P<season>spring|summer|autumn|fall|winter)"
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
    grain: str  # day | week | month | season | year
    prep: str | None
    relative_today: bool  # "today", "tonight", "this morning": a marker of a passing state

    def render(self) -> str:
        d = self.day
        if self.grain == "year":
            text = f"in {d.year}"
        elif self.grain == "month":
            text = f"in {_MONTHS[d.month - 1].capitalize()} {d.year}"
        elif self.grain == "season":
            text = f"in {_SEASON_NAMES[d.month]} {d.year}"
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


_SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _season(name: str, direction: str | None, prep: str | None, today: date, past: bool) -> _When | None:
    """ "last summer", "this winter", "in the spring": the season's first month; a bare season needs
    a preposition ("I love summer" is not a date)."""
    start = _SEASONS[name.lower()]
    current = date(today.year - (today.month < 3), ((today.month - 3) % 12) // 3 * 3 + 3, 1)  # this season's start
    starts = [date(y, start, 1) for y in range(today.year - 2, today.year + 2)]
    if direction == "last":
        day = max(d for d in starts if d < current)
    elif direction == "next":
        day = min(d for d in starts if d > today)
    elif direction == "this" and current.month == start:
        day = current
    elif direction in ("this", "coming") or prep:
        day = max(d for d in starts if d <= today) if past else min(d for d in starts if d > today)
    else:
        return None
    return _When(day, "season", prep, False)


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
    if g["season"]:
        return _season(g["season"], (g["season_dir"] or "").lower() or None, prep, today, past)
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
    r"^(?:what|why|how|where|when|who|whom|whose|which|is|are|am|was|were|do(?! not\b)|does|did|can|could|would"
    r"|will|should|shall|may|might|have you|has|any idea|tell me|write|translate|explain|show me|give me|list"
    r"|let me|let's|lets|help me)\b", _I)
_SMALL_TALK = re.compile(
    r"^(?:hi|hello|hey|thanks?|thank you|ok|okay|sure|yes|no(?! (?:\w+ )?(?:emojis?|bullet points|jargon|markdown"
    r"|lists|tables|code|links|spoilers)\b)|yeah|yep|nope|cool|great|nice|bye|goodbye"
    r"|good (?:morning|night|evening|afternoon)|never mind|nevermind|no worries|sounds good|got it|i see"
    r"|i don't know|i do not know|i am not sure|that's|that is|it's|it is|lol|haha)\b[\s\w,!.']{0,25}$", _I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|wish|imagine|suppose|supposing|hypothetically|would|could|might|maybe|perhaps|someday|pretend)\b", _I)
_HYPOTHETICAL_START = re.compile(r"^(?:if|imagine|suppose|supposing|hypothetically|pretend|what if|in theory)\b", _I)
_JOKE = re.compile(r"\b(?:just kidding|kidding|joking|jk|j/k)\b", _I)
_LAUGH = re.compile(r"\b(?:lol|lmao|rofl|haha\w*|hehe\w*)\b|😂|🤣", _I)
# a passing state of the speaker ("I'm so tired", "feeling stressed"), not words that merely name one
# ("I love hot sauce", "I hate cold weather")
_MOOD = re.compile(
    r"\b(?:feel|feeling|felt|mood|headache|hurts?|hungover|terrible day|awful day|rough day|long day)\b"
    r"|\bhave (?:a|the) (?:cold|flu|fever|hangover)\b"
    r"|^(?:i am|we are)(?:\s+(?:so|really|very|a|bit|little|kind|kinda|sort|of|quite|super|pretty|too|getting|"
    r"just|totally|absolutely|extremely|incredibly|rather|slightly|also))*\s+(?:tired|exhausted|sleepy|bored|"
    r"hungry|thirsty|stressed|sad|angry|annoyed|upset|grumpy|sick|ill|cranky|frustrated|furious|overwhelmed|"
    r"anxious|nervous|cold|hot|freezing|starving|busy|excited|happy|worried|lonely|scared|afraid|confused|done)\b"
    r"(?! of (?!the\b|my\b|this\b|that\b|it\b|what\b|how\b))", _I)
_TRANSIENT = re.compile(r"\b(?:right now|at the moment|for now|for the moment|at this point|currently feeling)\b", _I)
_DEICTIC = re.compile(r"^(?:it|this|that|these|those|you|your|him|her|them|here|there"
                      r"|(?:when|how|what) (?:it|this|that|you)|\w+(?: \w+)? (?:it|this|that)$)\b", _I)
_FREQUENCY = re.compile(
    r"\b(?:(?:every|each) (?:other |single )?(?:day|morning|afternoon|evening|night|week|weekend|month|year|"
    r"summer|winter|spring|autumn|fall|" + _WD_RE[3:-1] + r")|daily|weekly|nightly|"
    r"on (?:weekends|weekdays|\w+days)|at weekends|most (?:days|mornings|evenings|nights|weekends)|"
    r"(?:once|twice|three times|four times|\d+ times) (?:a|per|every) (?:day|week|month|year))\b"
    r"|\b(?:sometimes|often|occasionally|regularly|a lot|all the time)$", _I)
_PEOPLE = {
    "sister", "brother", "mom", "mum", "mother", "dad", "father", "parents", "boss", "friend", "friends",
    "colleague", "colleagues", "coworker", "wife", "husband", "partner", "boyfriend", "girlfriend", "son",
    "daughter", "kids", "children", "kid", "child", "neighbour", "neighbor", "team", "manager", "cousin",
    "aunt", "uncle", "grandma", "grandpa", "grandmother", "grandfather", "roommate", "flatmate", "dog", "cat",
    "head", "back", "stomach", "day", "week", "morning", "life", "mood", "code", "computer", "phone", "internet",
}
_IDENTITY_THINGS = {"email", "email address", "phone number", "phone", "address", "timezone", "time zone",
                    "hometown", "home town", "birthday", "nationality", "pronouns", "age", "job", "occupation",
                    "title", "job title", "username", "handle", "website", "native language", "first language",
                    "middle name", "last name", "surname", "nickname"}
_JOB_WORDS = {"nurse", "doctor", "lawyer", "chef", "cook", "engineer", "developer", "designer", "teacher",
              "student", "consultant", "analyst", "scientist", "manager", "lead", "intern", "founder", "ceo",
              "cto", "cfo", "architect", "mechanic", "pilot", "professor", "researcher", "accountant", "artist",
              "writer", "editor", "journalist", "programmer", "dentist", "pharmacist", "therapist", "plumber",
              "electrician", "carpenter", "farmer", "firefighter", "officer", "librarian", "musician", "barista",
              "cashier", "clerk", "paramedic", "surgeon", "veterinarian", "vet", "tutor", "coach", "freelancer",
              "contractor", "photographer", "planner", "administrator", "admin", "director", "secretary",
              "technician", "counselor", "counsellor", "assistant", "recruiter", "salesperson", "translator",
              "physician", "physiotherapist", "psychologist", "psychiatrist", "midwife", "caregiver", "carer",
              "waiter", "waitress", "bartender", "driver", "baker", "butcher", "hairdresser", "stylist", "model",
              "actor", "actress", "dancer", "illustrator", "animator", "economist", "banker", "trader", "broker",
              "realtor", "agent", "marketer", "strategist", "specialist", "executive", "entrepreneur", "owner",
              "mathematician", "physicist", "chemist", "biologist", "statistician", "historian", "lecturer",
              "instructor", "trainer", "supervisor", "soldier", "sailor", "postdoc", "apprentice"}
_KIN_AND_PETS = {"kid", "kids", "child", "children", "son", "sons", "daughter", "daughters", "brother", "brothers",
                 "sister", "sisters", "wife", "husband", "partner", "boyfriend", "girlfriend", "twins", "baby",
                 "dog", "dogs", "cat", "cats", "puppy", "kitten", "retriever", "labrador", "poodle", "terrier",
                 "parrot", "hamster", "rabbit", "horse", "pet", "pets", "grandchildren", "grandkids", "car", "bike",
                 "fiance", "fiancé", "fiancee", "fiancée", "stepson", "stepdaughter", "stepkids", "toddler",
                 "teenager", "teenagers", "newborn", "grandson", "granddaughter", "spouse", "kittens", "puppies"}
_DIETS = r"(?:vegetarian|vegan|pescatarian|lactose[- ]intolerant|gluten[- ]intolerant|gluten[- ]free|diabetic" \
         r"|c(?:o)?eliac|kosher|halal|teetotal|sober|plant[- ]based|dairy[- ]free|nut[- ]free|keto|paleo" \
         r"|flexitarian)"
# long-standing health conditions and impairments: constraints on what suits the speaker
_CONDITIONS = r"(?:(?:type [12] |chronic |severe |mild |bad |early[- ]onset )?(?:diabetes|asthma|c(?:o)?eliac disease" \
              r"|arthritis|adhd|add|autism|epilepsy|migraines?|ibs|crohn'?s(?: disease)?|high blood pressure" \
              r"|hypertension|dyslexia|anxiety|depression|insomnia|tinnitus|back pain|sleep apnea|lupus|ms" \
              r"|multiple sclerosis|a heart condition|a bad (?:back|knee|hip|shoulder)|pcos|endometriosis" \
              r"|an? [\w' -]*(?:condition|disorder|disease|syndrome|intolerance|impairment|injury)))"
_IMPAIRMENTS = r"(?:diabetic|asthmatic|epileptic|autistic|dyslexic|colou?r[- ]?blind|deaf|hard of hearing" \
               r"|partially sighted|blind|visually impaired|hearing impaired|in a wheelchair|a wheelchair user" \
               r"|immunocompromised|anemic|anaemic)"
_PAST_IRREGULAR = ("went|ran|got|had|saw|met|bought|took|made|gave|came|left|began|won|lost|quit|found|built|wrote"
                   "|read|sold|flew|drove|swam|did|became|spent|sent|caught|held|broke|hit|told|taught|threw|rode"
                   "|sang|ate|drank|sat|stood|wore|chose|forgot|fell")
_NOT_PAST = r"(?!(?:need|feed|speed|proceed|succeed|exceed|bleed|breed)\b)"
_PAST_START = re.compile(r"^(?:(?:i|we) |(?:my|our) (?:[\w'-]+ ){1,3}?)(?:(?:was|were)\b"
                         r"|(?:have )?(?:just |recently |finally |already )?" + _NOT_PAST
                         + r"(?:\w+ed|" + _PAST_IRREGULAR + r")\b)", _I)
# verbs of booking look forward: "I booked a trip for December" is about next December
_BOOKED = r"(?:booked|scheduled|arranged|signed up for|registered for|enrolled in|(?:got|bought) tickets (?:to|for))"
_FORWARD = re.compile(r"^(?:i|we) (?:have )?(?:just |already |finally |recently )?" + _BOOKED + r"\b", _I)
# life events worth keeping even without a date ("I just got engaged" needs no "when")
_MILESTONE = re.compile(
    r"^(?:got (?:married|engaged|divorced|promoted|fired|laid off|hired|sacked|a (?:new )?(?:job|puppy|dog|cat|"
    r"kitten))|graduated|retired|adopted|gave birth|had (?:a baby|twins|surgery)|quit (?:their|the|smoking|drinking)"
    r"|bought (?:a|our|their) (?:first |new )?(?:house|home|flat|apartment|condo|car)|lost (?:their|a) job"
    r"|started (?:a|their) (?:new )?(?:job|business|company)|finished (?:their|the) (?:degree|thesis|phd|"
    r"dissertation|studies)|passed (?:their|the)|won\b|moved house)", _I)
_CUT_TAIL = re.compile(r"\s*(?:,\s*|\s+)(?:because|since|so that|so|but|which|who|although|though|as well)\b.*$", _I)
_PRONOUNS = [(re.compile(p, _I), r) for p, r in (
    (r"\b(?:myself|ourselves)\b", "themselves"), (r"\b(?:mine|ours)\b", "theirs"), (r"\b(?:my|our)\b", "their"),
    (r"\b(?:me|us)\b", "them"), (r"\b(?:I am|we are)\b", "they are"), (r"\b(?:I|we)\b", "they"),
    (r"\byour\s+", ""), (r"\byours\b", "the assistant's"))]
_KEY_LEAD = re.compile(r"^(?:(?:a lot of|lots of|all kinds of|all sorts of|plenty of|always|never|usually|from now on"
                       r"|in future|the|a|an|my|some|any|their)\s+)+", _I)
_KEY_STOP = re.compile(
    r"\s*(?:,|\b(?:in|over|to|than|with|for|on|at|when|during|before|after|from|especially|and|because|but|"
    r"a lot|so much|very much|anymore|any more|every|each|once|twice|daily|weekly|nightly|sometimes|often"
    r"|occasionally|regularly|all the time|\w+ times)\b).*$", _I)

# ---------------------------------------------------------------------------------- text helpers

_CONTRACTIONS = [(re.compile(p, _I), r) for p, r in (
    (r"[\u2018\u2019`]", "'"), (r"\bI'm\b", "I am"), (r"\bI've\b", "I have"), (r"\bI'll\b", "I will"),
    (r"\bI'd\b", "I would"), (r"\bwe're\b", "we are"), (r"\bwe've\b", "we have"), (r"\bwe'll\b", "we will"),
    (r"\bwe'd\b", "we would"), (r"\bname's\b", "name is"), (r"\bdon'?t\b", "do not"), (r"\bdoesn't\b", "does not"),
    (r"\bcan't\b", "cannot"), (r"\bcan not\b", "cannot"), (r"\bwon't\b", "will not"),
    (r"\bim\b(?=\s+(?:a|an|from|in|based|allergic|not|so|also|still|currently|learning|working|training|going"
     r"|moving|trying|planning|married|vegan|vegetarian)\b)", "I am"),
    (r"\bive\b(?=\s+(?:been|got|just|always|never|had|started|moved)\b)", "I have"))]
_FILLER = re.compile(
    r"^(?:(?:actually|now|well|so|also|oh|btw|by the way|honestly|anyway|ok|okay|and|but|yes|yeah|yep|hi|hello|hey"
    r"|hmm|um|fyi|just so you know|for the record|correction|update|fun fact|in fact|these days|nowadays|"
    r"oh and|as of now|from now on|for context|for reference|just to let you know|heads up|just a heads up|ps|"
    r"quick note|personally|to be honest|tbh|fwiw|for what it's worth|as i said|as i mentioned|like i said|"
    r"as you know|(?:please )?(?:remember|note|keep in mind|bear in mind|do not forget)(?: that)?"
    r"(?=\s+(?:i|my|we|our)\b)|"
    r"i (?:should|forgot to|wanted to|want to) (?:mention|say|tell you|add)(?: that)?|you should know(?: that)?"
    r")\b[\s,:;!.-]*)+", _I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")
_CLAUSES = re.compile(r",?\s+(?:and|but|so|though|although|plus)\s+(?=(?:I|we|my|our)\b)|,\s+(?=(?:I|we|my|our)\b)",
                      _I)
_SUBORDINATE = re.compile(r"^(?:since|because|as|now that|ever since|after|once)\s+(?P<a>(?:I|we)\b.+?),?\s+"
                          r"(?P<b>(?:I|we)\s+(?:am|are|have|was|were|will|\w+ed|do|also|still|now|usually)\b.+)$", _I)
# "I'm 34 and live in Berlin": a second verb that shares the subject
_ELIDED = re.compile(r"(?:,\s*|\s+)and\s+(?=(?:live|work|have|am|speak|love|like|hate|enjoy|prefer|study|teach|run|own"
                     r"|play|hope|want|plan|drive|use|go|do not|cannot|never|always|usually)\b)", _I)
_COUPLE = re.compile(r"(?:^|(?<=, ))(?:(?:my|our) (?:[\w'-]+ ){1,2}?and I|me and my (?:[\w'-]+ ){0,1}?\w+)\b", _I)
_APPOSITION = re.compile(r"^(?P<name>I am (?-i:[A-Z])[\w'-]+),\s+(?=(?:a|an|the)\s)", _I)
_DATE_MARK = "\x00"

# present perfect of a state that still holds -> the present: "I've lived here for years" -> "I live here"
_PARTICIPLES = {"been": "", "lived": "live", "worked": "work", "used": "use", "played": "play", "loved": "love",
                "liked": "like", "hated": "hate", "enjoyed": "enjoy", "preferred": "prefer", "wanted": "want",
                "owned": "own", "studied": "study", "taught": "teach", "spoken": "speak", "driven": "drive",
                "practiced": "practice", "practised": "practise", "followed": "follow", "eaten": "eat",
                "supported": "support", "collected": "collect", "run": "run", "avoided": "avoid"}
# "-ing" forms after "been" that other rules read as a present state ("I am learning", "I am living in")
_STATE_ING = {"working", "living", "learning", "studying", "training", "preparing", "saving", "trying", "hoping",
              "aiming", "writing", "building", "renovating", "developing", "designing", "creating", "looking",
              "searching", "applying", "taking", "staying", "residing"}
_PERFECT = re.compile(r"^(?P<s>i|we) have (?P<adv>always |long |never )?(?P<p>" + "|".join(_PARTICIPLES) + r")\b"
                      r"(?P<rest>.*)$", _I)
_DURATION = re.compile(
    r",?\s+(?:for (?:[\w-]+ ){0,4}?(?:years?|months?|weeks?|decades?)(?: now)?"
    r"|for (?:ages|a while|a long time|(?:most of |all )?my (?:whole |entire |adult )?life|as long as i can remember)"
    r"|(?:all|most of) my (?:adult )?life|my whole life|ever since .+)$", _I)
# "been" followed by these is an event or an experience, not a state: "I've been promoted", "been to Japan"
_NOT_A_STATE = re.compile(r"^\s*(?:to|there|here|through|in touch|promoted|laid off|fired|hired|accepted|admitted"
                          r"|diagnosed|offered|awarded|elected|selected|invited|told|asked|given|made redundant"
                          r"|let go)\b", _I)
# rewrites applied to every clause before it is matched (order matters)
_REWRITES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, _I), r) for p, r in (
    # "if that helps", "too": tails that add nothing
    (r",?\s+(?:if (?:that|it) (?:helps|matters)|in case (?:that|it) (?:helps|matters)|for context|btw|by the way"
     r"|fyi|too)\s*$", ""),
    (r",\s+(?:so|because|which means|since|as|mostly|mainly|especially|including)\s+.*$", ""),
    (r",\s+(?:it|that|which)(?: was| is| has been|'s)\b.*$", ""),  # "..., it was amazing"
    (r",?\s+(?:lately|these days|nowadays)\s*$", ""),
    # subordinate openers in front of a first-person statement: "since I'm vegan" -> "I'm vegan"
    (r"^(?:because|since|as|now that|given that|considering) (?=(?:i|we|my|our)\b)", ""),
    # "I would rather/prefer/like to" is a wish held now, not a hypothetical
    (r"^(?P<s>i|we) would (?:prefer|rather(?= (?:a|an|the|some|my|our)\b))\b", r"\g<s> prefer"),
    (r"^(?P<s>i|we) would rather\b(?!\s+(?:not\s+)?(?:say|answer|talk|discuss|comment|share|get into|go into))"
     r"(?P<not> not)?\b", r"\g<s> prefer\g<not> to"),
    (r"^(?P<s>i|we) would (?:really )?(?:like|love) (?=(?:you )?to\b)", r"\g<s> want "),
    # fragments without a subject: "Based in Leeds.", "Heading to Rome on Friday."
    (r"^(?:originally )?from (?=(?-i:[A-Z]))", "I am from "),
    (r"^(?:currently )?(?P<w>based|living|located) in\b", r"I am \g<w> in"),
    (r"^born and raised in\b", "I was born and raised in"),
    (r"^(?P<w>heading|flying|travell?ing|off|moving) to\b", r"I am \g<w> to"),
    (r"^name is\b", "my name is"),
    (r"\s+by (?:profession|trade|training)\b", ""),
    # adverbs that add nothing to the fact: "I'm also vegetarian", "I currently live in"
    (r"^(?P<s>i|we)(?P<be> am| are| have| do)? (?:also|still|currently|now|actually|honestly|basically|definitely"
     r"|totally|personally|presently)\b", r"\g<s>\g<be>"),
    # a leading adverb or frequency goes after the verb / to the end
    (r"^(?P<adv>usually|normally|generally|typically|always|often|mostly|sometimes|rarely|never),?\s+(?P<s>i|we) ",
     r"\g<s> \g<adv> "),
    (r"^(?P<f>(?:every|each) (?:other )?\w+|on (?:weekends|weekdays|\w+days)|most (?:days|mornings|evenings|nights|"
     r"weekends)|at weekends),?\s+(?P<s>i|we) (?P<rest>.+)$", r"\g<s> \g<rest> \g<f>"),
    (r"^i am more of (?=a |an )", "I am "),
)]


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
    t = re.sub(r"^(?:not\s+)?to\s+", "", t)  # "to travel" -> "travel"
    t = _KEY_LEAD.sub("", _KEY_STOP.sub("", _KEY_LEAD.sub("", t)))
    return " ".join(t.split()[:4]).strip(" ,.!")


def _present_perfect(clause: str) -> str:
    """ "I've been vegetarian for years" -> "I am vegetarian"; "I've always loved jazz" -> "I love jazz";
    "I have worked at Acme since 2019" -> "I work at Acme since 2019". Events and experiences are left alone."""
    m = _PERFECT.match(clause)
    if m is None:
        return clause
    subj, adv, part, rest = m.group("s"), (m.group("adv") or "").strip().lower(), m.group("p").lower(), m.group("rest")
    has_duration = bool(_DURATION.search(rest)) or bool(re.search(r"\bsince\b", rest, _I))
    if part == "been":
        if adv == "never" or _NOT_A_STATE.match(rest):
            return clause
        ing = re.match(r"\s+(\w+ing)\b", rest)
        if ing and ing.group(1).lower() not in _STATE_ING:
            return clause  # "I've been playing piano for years": kept whole for _ongoing
        verb = "am" if subj.lower() == "i" else "are"
    elif adv in ("always", "long") or has_duration:
        verb = _PARTICIPLES[part]
    elif adv == "never":
        verb = "never " + _PARTICIPLES[part]
    else:
        return clause  # "I have played golf": experience, not a habit
    return f"{subj} {verb}{_DURATION.sub('', rest)}"


_MASS_NOUNS = {"shellfish", "gluten", "dairy", "milk", "soy", "wheat", "fish", "pollen", "latex", "penicillin",
               "sesame", "lactose", "dust", "mold", "mould", "seafood", "corn", "pork", "beef", "meat", "sugar",
               "caffeine", "alcohol", "grass", "hay", "fur", "wool", "nickel", "mustard", "celery", "lupin", "garlic"}


def _plural(noun: str) -> str:
    """ "nut" -> "nuts", "strawberry" -> "strawberries", "shellfish" -> "shellfish"."""
    last = noun.split()[-1]
    if last in _MASS_NOUNS or last.endswith("s") or not last.isalpha():
        return noun
    return noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else noun + "s"


def _frequency_key(verb: str, rest: str) -> str:
    words = [w for w in _key(rest).split() if w not in ("their", "them")][:2]
    return " ".join([verb.lower(), *words])


# ---------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Fact:
    category: str
    content: str  # may contain _DATE_MARK where the date phrase stood
    attribute: str | None = None
    confidence: float = 0.8
    dated: bool = False  # True: the date belongs in the statement (plans, events, deadlines)
    needs_date: bool = False  # True: without a date this is not worth keeping ("I have to go")
    date_prep: str | None = None  # render the date with this preposition ("since April 2023")


@dataclass
class _Ctx:
    s: str  # "Caroline" / "The user"
    pos: str  # "Caroline's" / "The user's"
    date: _When | None


_LOWER = {"verb", "p", "rel", "thing", "be", "f", "how", "art"}  # groups that _simple writes in lower case
_Handler = Callable[[re.Match[str], _Ctx], "_Fact | None"]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: str) -> Callable[[_Handler], _Handler]:
    def register(fn: _Handler) -> _Handler:
        _RULES.append((re.compile(pattern, _I), fn))
        return fn
    return register


def _v(m: re.Match[str], group: str = "v", *, cut: bool = True) -> str:
    text = m.group(group) or ""
    if cut:
        text = _CUT_TAIL.sub("", text)
    return _reflect(text.strip(" ,.!"))


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


def _simple(pattern: str, category: str, template: str, attribute: str | None = None, confidence: float = 0.8, *,
            cut: bool = False, concrete: bool = False, dated: bool = False, needs_date: bool = False) -> None:
    """Register a rule that needs no code of its own. ``template`` and ``attribute`` are filled with the
    speaker ({s}, {pos}), the value {v} (the ``v`` group, first person reflected; its tail cut at
    "because/but/…" when ``cut``), its short key {key}, and the other named groups: the ones in
    ``_LOWER`` lower-cased ({verb}, with {verbs} its third-person form, {p}, {rel}, {thing}…), the rest
    reflected as they are. ``concrete``: nothing when the value is "this", "it", "you"…"""
    def handler(m: re.Match[str], c: _Ctx) -> _Fact | None:
        groups = m.groupdict()
        if concrete and _DEICTIC.match((groups.get("v") or "").strip()):
            return None  # "I love this song": about the conversation, not a lasting taste
        fields = {k: " ".join((g or "").lower().split()) if k in _LOWER else _reflect(g or "")
                  for k, g in groups.items() if k != "v"}
        if "verb" in fields:
            fields["verbs"] = _third_person(fields["verb"])
        v = _v(m, cut=cut) if "v" in groups else ""
        fields |= {"s": c.s, "pos": c.pos, "v": v, "key": _key(v)}
        return _Fact(category, " ".join(template.format(**fields).split()),
                     attribute.format(**fields) if attribute else None, confidence, dated, needs_date)
    _RULES.append((re.compile(pattern, _I), handler))


# identity ----------------------------------------------------------------------------------


@_rule(r"^(?:my name is|i am called|people call me|my friends call me|everyone calls me|most people call me) "
       r"(?P<v>\S+?(?: (?-i:[A-Z])[\w'-]+)?)(?=$|[,.]| but\b| and\b| though\b)")
def _name(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    return _Fact("identity", f"{c.pos} name is {v}", "name", 0.95) if _is_cap(v) else None


@_rule(r"^(?:please )?(?P<how>call me|you can call me|address me as|i go by|i prefer to be called) "
       r"(?P<v>[\w'-]+)$")
def _call_me(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    if not _is_cap(v):
        return None
    if m.group("how").lower() == "i go by":
        return _Fact("identity", f"{c.s} goes by {v}", "name", 0.9)
    return _Fact("identity", f"{c.s} wants to be called {v}", "name", 0.9)


_simple(r"^i am (?:a |an )?(?:practi[cs]ing |devout |observant )?(?P<v>jewish|muslim|christian|catholic|protestant"
        r"|hindu|buddhist|sikh|mormon|atheist|agnostic|orthodox|jain|quaker)$", "identity", "{s} is {v}", "religion",
        0.85)


@_rule(r"^i am (?P<v>[A-Z][\w'-]+)$")
def _i_am_name(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v")
    if not _is_cap(v) or v.lower() in {"back", "here", "ok", "okay", "fine", "done", "in", "out"}:
        return None
    if re.search(r"(?:ese|ish|ian|can|ch|ean|ani|ali|ic)$", v):
        return _Fact("identity", f"{c.s} is {v}", "nationality", 0.7)
    return _Fact("identity", f"{c.pos} name is {v}", "name", 0.8)


_simple(r"^i am (?P<n>\d{1,3})(?: years old| years of age| y/?o)?$", "identity", "{s} is {n} years old", "age", 0.9)
_simple(r"^i am in my (?P<n>(?:early |mid |mid-|late )?(?:\d0s|twenties|thirties|forties|fifties|sixties|seventies"
        r"|eighties))$", "identity", "{s} is in their {n}", "age", 0.85)
_PLACE = r"(?P<v>.+?)(?:,? (?:from|for|after|when|to be|with (?:my|our)) .*)?$"
_simple(r"^(?:i|we) (?:live|am living|are living|reside|make (?:my|our) home) (?P<p>in|near|outside|just outside"
        r"|close to|on the outskirts of) " + _PLACE, "identity", "{s} lives {p} {v}", "location", 0.9, cut=True)
_simple(r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:moved|relocated) (?:back )?(?:from .+? )?to " + _PLACE,
        "identity", "{s} lives in {v}", "location", 0.9, cut=True)
_simple(r"^(?:i|we) (?:am|are) (?:based|located|living) (?P<p>in|near|outside|just outside|close to) " + _PLACE,
        "identity", "{s} lives {p} {v}", "location", 0.85, cut=True)
_simple(r"^i (?:grew up|was raised|was born and raised) (?P<p>on|near|by|outside) (?P<v>.+)$", "identity",
        "{s} grew up {p} {v}", "origin", 0.85, cut=True)
_simple(r"^i live (?P<v>alone|on my own|by myself|with .+)$", "identity", "{s} lives {v}", "household", 0.8, cut=True)
_simple(r"^i (?:am (?:originally )?from|come from|was born in|grew up in|was (?:born and )?raised in"
        r"|was born and bred in) (?P<v>.+)$", "identity", "{s} is originally from {v}", "origin", 0.85, cut=True)


@_rule(r"^i was born (?P<v>" + _DATE_MARK + r")$")
def _born(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if c.date is None:
        return None
    return _Fact("identity", f"{c.s} was born {_DATE_MARK}", "birth", 0.9, dated=True)


# work and study ---------------------------------------------------------------------------

_simple(r"^i (?:work|am working) as (?P<v>.+)$", "identity", "{s} works as {v}", "job", 0.9, cut=True)
_simple(r"^i (?:have )?(?:just |recently )?(?:started|began) (?:working|a (?:new )?job) (?P<p>at|for|as) (?P<v>.+)$",
        "identity", "{s} works {p} {v}", "job", 0.85, cut=True)
_simple(r"^i (?:have )?(?:just |recently |finally )?(?:got|landed|accepted|was offered) a (?:new )?job (?P<p>at|with"
        r"|as) (?P<v>.+)$", "identity", "{s} works {p} {v}", "job", 0.85, cut=True)


@_rule(r"^i (?:work|am working|am employed) (?:(?P<mod>part[- ]time|full[- ]time|remotely|freelance) )?"
       r"(?P<p>at|for|in) (?P<v>.+)$")
def _work_at(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m)
    if re.match(r"^(?:home|the weekend|weekends|night|nights|the moment|a (?:minute|second))\b", v, _I):
        return None
    mod = f"{m.group('mod').lower()} " if m.group("mod") else ""
    return _Fact("identity", f"{c.s} works {mod}{m.group('p').lower()} {v}", "job", 0.85)


_simple(r"^i (?:mostly |mainly )?work (?P<v>from home|remotely|remote)$", "identity", "{s} works {v}",
        "work arrangement", 0.8)
_simple(r"^i (?:mostly |mainly )?work (?P<v>(?:the )?(?:nights|night shifts?|evenings|weekends|shifts"
        r"|(?:12|twelve)-hour shifts|early shifts|late shifts))$", "constraint", "{s} works {v}", "work schedule", 0.8)
_simple(r"^i am (?P<art>the |a |an )?(?P<v>(?:[\w-]+ )*?(?:head|ceo|cto|cfo|coo|founder|co-founder|cofounder|owner"
        r"|director|manager|lead|president|vp|vice president|chair|principal|captain) (?:of|at) .+)$", "identity",
        "{s} is {art} {v}", "job", 0.85, cut=True)
_simple(r"^i am in (?:my|the) (?P<v>(?:first|second|third|fourth|fifth|final|last|senior|junior|\d+(?:st|nd|rd|th))"
        r" year (?:of|at|in) .+)$", "identity", "{s} is in their {v}", "education", 0.85, cut=True)
_simple(r"^i am in (?P<v>sales|marketing|finance|tech|it|hr|education|healthcare|retail|hospitality|consulting"
        r"|insurance|real estate|banking|publishing|advertising|law|medicine|academia|construction|logistics|research"
        r"|the (?:[\w-]+ )+(?:industry|business|sector|field))$", "identity", "{s} works in {v}", "job", 0.8)
_simple(r"^i am (?:enrolled|studying) (?P<v>(?:in|at) (?:a |an |the )?[\w' -]*(?:university|college|school|bootcamp"
        r"|academy|program(?:me)?|course|institute)\b.*)$", "identity", "{s} is enrolled {v}", "education", 0.8,
        cut=True)
_simple(r"^i am (?:doing|pursuing|completing|finishing|working on) (?:a|an|my) (?P<v>(?:phd|doctorate|master'?s|masters"
        r"|bachelor'?s|degree|ba|bsc|ma|msc|mba|diploma)\b.*)$", "identity", "{s} is doing a {v}", "education", 0.85,
        cut=True)


@_rule(r"^i (?:am|have been|was) (?:a|an) (?P<np>[\w' -]+?)"
       r"(?P<org> (?:at|for|in|with|from) (?!\w+ (?:years?|months?)\b).+?)?"
       r"(?: for \w+ (?:years?|months?)| since .+)?$")
def _job(m: re.Match[str], c: _Ctx) -> _Fact | None:
    words = m.group("np").split()
    if not words or words[-1].lower() not in _JOB_WORDS or words[0].lower() in ("bit", "little", "lot"):
        return None
    art = "an" if words[0][0].lower() in "aeiou" else "a"
    org = f" {_reflect(m.group('org'))}" if m.group("org") else ""
    return _Fact("identity", f"{c.s} is {art} {' '.join(words)}{org}", "job", 0.85)


_simple(r"^i am (?P<v>retired|semi-retired|self-employed|unemployed|freelance|freelancing|between jobs|out of work"
        r"|a stay-at-home (?:mom|mum|dad|parent)|on (?:maternity|paternity|parental|sick) leave)$",
        "identity", "{s} is {v}", "job", 0.85)
_simple(r"^(?:i|we) (?P<verb>run|own|have|manage) (?P<v>(?:a|an|my own|our own|a small|a little) (?:[\w'-]+ )*?"
        r"(?:business|company|startup|start-up|bakery|restaurant|caf[eé]|coffee shop|shop|store|salon|studio|agency"
        r"|consultancy|farm|gym|bar|pub|clinic|practice|firm|brewery|bookshop|bookstore|boutique)\b.*)$",
        "identity", "{s} {verbs} {v}", "job", 0.85, cut=True)
_simple(r"^i teach (?P<v>.+)$", "identity", "{s} teaches {v}", None, 0.8, cut=True, concrete=True)
_simple(r"^i (?:am (?:studying|majoring in|doing a (?:degree|phd|master'?s|bachelor'?s)(?: degree)? in)"
        r"|study|major in) (?P<v>.+ (?:at|in) [A-Z].+)$", "identity", "{s} is studying {v}", "education", 0.85,
        cut=True)
_simple(r"^i (?:have|hold|got|earned|completed) (?:a|an|my) (?P<v>(?:phd|ph\.d\.|doctorate|master'?s|bachelor'?s"
        r"|degree|ba|bsc|ma|msc|mba|md|jd|diploma)\b.+)$", "identity", "{s} has a {v}", "education", 0.85, cut=True)
_simple(r"^i (?:speak|am fluent in) (?P<v>.+)$", "identity", "{s} speaks {v}", "languages", 0.85, cut=True)
_simple(r"^my pronouns are (?P<v>[\w/ ]+)$", "identity", "{pos} pronouns are {v}", "pronouns", 0.9)
_simple(r"^i am (?:in|on) (?P<v>(?-i:(?:[A-Z]{1,3}[SD]T|[A-Z]?[CEW]ES?T|UTC|GMT|JST|IST|KST|SGT|HKT|AEST|AEDT)"
        r"(?: ?[+-]\d{1,2}(?::?\d\d)?)?)|(?:pacific|eastern|central|mountain) time)$",
        "identity", "{pos} timezone is {v}", "timezone", 0.85)


@_rule(r"^(?:i am|we are) (?P<v>married|single|divorced|engaged|widowed|separated|in a relationship)"
       r"(?P<rest> (?:with|to) .+)?$")
def _relationship(m: re.Match[str], c: _Ctx) -> _Fact:
    rest = f" {_v(m, 'rest')}" if m.group("rest") else ""
    return _Fact("identity", f"{c.s} is {m.group('v').lower()}{rest}", "relationship", 0.85)


_simple(r"^(?:i am|we are) (?P<v>(?:\d+ (?:weeks?|months?) )?pregnant(?: with .+)?)$", "identity", "{s} is {v}",
        "pregnancy", 0.85)


# diet, health and other constraints ---------------------------------------------------------


@_rule(r"^i am (?P<a>a |an )?(?P<v>" + _DIETS + r")\b")
def _diet(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.s} is {m.group('a') or ''}{m.group('v').lower()}", "diet", 0.9)


_simple(r"^i (?:have )?(?:just |recently )?(?:became|become|went|gone|turned) (?:a |an )?(?P<v>" + _DIETS + r")\b",
        "constraint", "{s} is {v}", "diet", 0.85)
_simple(r"^i (?:am on|follow|eat|stick to|keep to) (?:a |an |the )?(?P<v>(?:[\w-]+ ){0,2})diet$", "constraint",
        "{s} is on a {v} diet", "diet", 0.85)
_simple(r"^i (?:keep|eat|am keeping) (?P<v>kosher|halal)$", "constraint", "{s} keeps {v}", "diet", 0.85)
_simple(r"^i (?:only )?eat (?P<v>halal|kosher|plant-based|vegan|vegetarian)(?: food)?(?: only)?$", "constraint",
        "{s} only eats {v} food", "diet", 0.85)
_simple(r"^i am allergic to (?P<v>.+)$", "constraint", "{s} is allergic to {v}", "allergy:{key}", 0.9, cut=True)


@_rule(r"^i have (?:a |an )?(?:severe |mild |bad |serious |slight )?(?P<v>[\w -]+?) allerg(?:y|ies)$")
def _allergy_noun(m: re.Match[str], c: _Ctx) -> _Fact:
    v = _plural(m.group("v").strip().lower())
    return _Fact("constraint", f"{c.s} is allergic to {v}", f"allergy:{_key(v)}", 0.9)


_simple(r"^i have (?:a |an )?(?:severe |mild |bad |serious )?allerg(?:y|ies) to (?P<v>.+)$", "constraint",
        "{s} is allergic to {v}", "allergy:{key}", 0.9, cut=True)
_simple(r"^i am (?:intolerant to|sensitive to) (?P<v>.+)$", "constraint", "{s} is intolerant to {v}", "diet:{key}",
        0.85, cut=True)
_simple(r"^i (?:have|suffer from|live with|(?:was|have been|got) diagnosed with) (?P<v>" + _CONDITIONS + r")\b.*$",
        "constraint", "{s} has {v}", "health:{key}", 0.85)
_simple(r"^i am recovering from (?P<v>.+)$", "constraint", "{s} is recovering from {v}", "health:{key}", 0.8,
        cut=True)
_simple(r"^i (?:am on|take) (?P<v>(?:medication|meds|insulin|blood thinners|antidepressants|chemo(?:therapy)?)\b.*)$",
        "constraint", "{s} is on {v}", "health:{key}", 0.8, cut=True)
_simple(r"^i am (?P<v>" + _IMPAIRMENTS + r")(?P<rest> in (?:one|both|my (?:left|right)) (?:ear|eye)s?)?$",
        "constraint", "{s} is {v} {rest}", "health:{key}", 0.85)
_simple(r"^i (?:do not|cannot) (?:eat|drink) (?P<v>.+)$", "constraint", "{s} does not eat or drink {v}",
        "diet:{key}", 0.8, cut=True)
_simple(r"^i (?:no longer|have stopped|stopped|have given up|gave up|have quit|quit) (?P<verb>eat|drink)(?:ing)? "
        r"(?P<v>.+)$", "constraint", "{s} no longer {verb}s {v}", "diet:{key}", 0.8, cut=True)
_simple(r"^i do not (?P<verb>smoke|drive|drink|cook|swim|fly)$", "constraint", "{s} does not {verb}", "{verb}", 0.8)
_simple(r"^i (?:try to |always |generally |tend to )?(?:avoid|stay away from|steer clear of) (?P<v>.+)$",
        "constraint", "{s} avoids {v}", "avoid:{key}", 0.8, cut=True, concrete=True)
_simple(r"^i (?:am (?:scared|afraid|terrified) of|have (?:a|an) (?:\w+ )?(?:fear|phobia) of) (?!the\b|my\b|our\b|what\b"
        r"|how\b|it\b|this\b|that\b|you\b|him\b|her\b|them\b)(?P<v>.+)$", "constraint", "{s} is afraid of {v}",
        "fear:{key}", 0.8, cut=True)
_simple(r"^i am (?P<v>claustrophobic|agoraphobic|acrophobic)$", "constraint", "{s} is {v}", "fear:{v}", 0.8)
_simple(r"^i am not (?:allowed|supposed|able) to (?P<v>.+)$", "constraint", "{s} is not allowed to {v}", None, 0.75,
        cut=True)
_simple(r"^i can only (?P<v>\w+ .+)$", "constraint", "{s} can only {v}", None, 0.75, cut=True)
_simple(r"^i only have (?P<v>.+)$", "constraint", "{s} only has {v}", None, 0.7, cut=True)


@_rule(r"^i (?:do not|cannot) (?:have|own) (?P<v>(?:a|an|any) .+)$")
def _lacks(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m)
    if re.search(r"\b(?:idea|clue|time|preference|choice|problem|question|opinion|doubt|issue)s?\b", v, _I):
        return None  # "I don't have a clue": a remark, not a constraint
    return _Fact("constraint", f"{c.s} does not have {v}", f"has:{_key(v)}", 0.75)


# budget ------------------------------------------------------------------------------------

_simple(r"^(?:my|our|the) budget (?:is now|is|was|went up to|went down to|dropped to|increased to|decreased to|of"
        r"|has gone up to|has dropped to) (?:now )?(?P<v>.+)$", "constraint", "{pos} budget is {v}", "budget", 0.9,
        cut=True)
_simple(r"^(?:i|we) have a budget of (?P<v>.+)$", "constraint", "{s} has a budget of {v}", "budget", 0.9)
_simple(r"^(?:i am|we are) on a (?P<v>(?:very )?(?:tight|limited|strict|small|low|fixed|shoestring)) budget$",
        "constraint", "{s} is on a {v} budget", "budget", 0.85)
_simple(r"^(?:i|we) (?:cannot|can not) (?:spend|afford(?: to spend)?) more than (?P<v>.+)$", "constraint",
        "{s} cannot spend more than {v}", "budget", 0.85, cut=True)
_simple(r"^(?:i|we) (?:can|want to) spend (?P<v>(?:up to|at most|no more than|max(?:imum)?|around|about) .+)$",
        "constraint", "{s} can spend {v}", "budget", 0.85, cut=True)


@_rule(r"^i cannot (?!stand\b|believe|wait|sleep|remember|find|decide|figure|stop|help|see|hear|tell|get|"
       r"think|understand|imagine|say|be bothered|come|go\b|make it|talk|do it|afford it)"
       r"(?P<v>\w+ .+|drive|swim|cook|ride a bike|type|walk far|read music|dance)$")
def _cannot(m: re.Match[str], c: _Ctx) -> _Fact:
    return _Fact("constraint", f"{c.s} cannot {_v(m, cut=False)}", None, 0.7)


# favourites, names of kin, small technical facts ------------------------------------------------


@_rule(r"^(?:my|our) (?:absolute |all-time |all time )?(?P<f>favou?rite|go-to) (?P<thing>[\w' -]+?) (?P<be>is|are) "
       r"(?:now |still |probably |definitely )?(?P<v>.+)$")
def _favourite(m: re.Match[str], c: _Ctx) -> _Fact:
    thing = m.group("thing").lower()
    f, be = m.group("f").lower(), m.group("be").lower()
    return _Fact("preference", f"{c.pos} {f} {thing} {be} {_v(m)}", f"favorite:{thing}", 0.9)


@_rule(r"^(?P<v>[\w' .&-]+?) (?P<be>is|are) (?:still |definitely )?(?:my|our) (?:absolute |all-time |all time )?"
       r"(?P<f>favou?rite) (?P<thing>[\w' -]+?)(?: of all time| ever)?$")
def _favourite_inverted(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v").strip()
    if _DEICTIC.match(v) or re.match(r"^(?:what|which|who)\b", v, _I):
        return None  # "This is my favourite song": about the conversation
    thing = m.group("thing").lower()
    return _Fact("preference", f"{c.pos} {m.group('f').lower()} {thing} {m.group('be').lower()} {_reflect(v)}",
                 f"favorite:{thing}", 0.85)


@_rule(r"^my birthday is (?:on )?(?P<v>.+)$")
def _birthday(m: re.Match[str], c: _Ctx) -> _Fact:
    # a birthday recurs: keep the day and month, not the next occurrence's year
    v = f"{c.date.day.day} {_MONTHS[c.date.day.month - 1].capitalize()}" if c.date else m.group("v").strip(" .!")
    return _Fact("identity", f"{c.pos} birthday is on {v}", "birthday", 0.9)


_simple(r"^(?:my|our) (?P<rel>[\w -]+?)(?:'s name is| is called| is named| goes by) (?P<n>(?-i:[A-Z])[\w'-]*)",
        "identity", "{pos} {rel}'s name is {n}", "name:{rel}", 0.9)
_simple(r"^(?:my|our|the) (?P<thing>[\w -]+?) (?:runs|is running|listens|is listening|is|lives|is hosted) "
        r"on port (?P<n>\d{2,5})\b", "fact", "{pos} {thing} runs on port {n}", "port:{thing}", 0.85)


@_rule(r"^(?:my|our) (?P<thing>[\w -]+?) (?:is|are) (?P<how>built|written|made|developed|implemented|hosted|deployed"
       r"|running|based) (?P<p>with|in|on|using) (?P<v>.+)$")
def _stack(m: re.Match[str], c: _Ctx) -> _Fact | None:
    thing = m.group("thing").lower()
    if thing in _PEOPLE:
        return None
    return _Fact("fact", f"{c.pos} {thing} is {m.group('how').lower()} {m.group('p').lower()} {_v(m, cut=False)}",
                 thing, 0.8)


_simple(r"^(?:i am|we are) (?:on|running) (?P<v>(?-i:[A-Z])[\w.+-]*(?: (?-i:[A-Z])[\w.+-]*)* v?\d[\w.]*)$", "fact",
        "{s} is on {v}", None, 0.75)
_simple(r"^(?:i|we) run (?P<v>(?-i:[A-Z])[\w.+-]*(?: (?-i:[A-Z]|\d)[\w.+-]*)*)$", "fact", "{s} runs {v}", None, 0.7)


@_rule(r"^(?:my|our) (?P<thing>[\w -]+?) (?P<verb>uses|runs|is running|runs on|is on|has) (?P<v>(?-i:[A-Z0-9]).+)$")
def _thing_uses(m: re.Match[str], c: _Ctx) -> _Fact | None:
    thing = m.group("thing").lower()
    if thing in _PEOPLE - {"team", "computer", "phone", "code"} or thing in _KIN_AND_PETS - {"car", "bike"}:
        return None  # "my sister uses Instagram": someone else's fact
    return _Fact("fact", f"{c.pos} {thing} {m.group('verb').lower()} {_v(m, cut=False)}", thing, 0.8)


# preferences ---------------------------------------------------------------------------------

_simple(r"^(?:i|we) (?:really |absolutely |just |kind of |kinda |do |truly |genuinely )?"
        r"(?P<verb>love|like|enjoy|adore|prefer|hate|dislike|detest|loathe) (?P<v>.+)$",
        "preference", "{s} {verbs} {v}", "preference:{key}", 0.8, concrete=True)
_simple(r"^i (?:really )?cannot stand (?P<v>.+)$", "preference", "{s} can't stand {v}", "preference:{key}", 0.8,
        concrete=True)
_simple(r"^i (?:just )?cannot get enough of (?P<v>.+)$", "preference", "{s} loves {v}", "preference:{key}", 0.8,
        concrete=True)
_simple(r"^i (?:really |honestly )?find (?P<v>.+?) (?P<adj>(?:really |so |very |super |pretty |quite |incredibly )?"
        r"(?:boring|tedious|annoying|overrated|relaxing|fascinating|fun|therapeutic|calming|stressful|exhausting"
        r"|interesting|rewarding|enjoyable|pointless|frustrating|soothing|inspiring))$", "preference",
        "{s} finds {v} {adj}", "preference:{key}", 0.75, concrete=True)


@_rule(r"^(?:i|we) (?:really |honestly |just )?(?:do not|no longer|never) (?:really )?(?P<verb>like|love|enjoy) "
       r"(?P<v>.+?)(?P<more> any ?more)?$")
def _not_like(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if _DEICTIC.match(m.group("v")):
        return None
    v = _v(m, cut=False)
    verb = m.group("verb").lower()
    if m.group(0).lower().startswith(("i never", "we never")) and not m.group("more"):
        return _Fact("preference", f"{c.s} never {verb}s {v}", f"preference:{_key(v)}", 0.8)
    if m.group("more") or "no longer" in m.group(0).lower():
        return _Fact("preference", f"{c.s} no longer {_third_person(verb)} {v}", f"preference:{_key(v)}", 0.8)
    return _Fact("preference", f"{c.s} does not {verb} {v}", f"preference:{_key(v)}", 0.8)


_FAN_OF = r"(?:a (?:big |huge |massive |great |die-hard )?fan of|really into|into|fond of|obsessed with" \
          r"|passionate about|crazy about|keen on|big on|a sucker for|addicted to|hooked on)"
_INTENSE = r"(?:more |much more |really |so |super |totally |very |pretty |quite |absolutely |such )?"
_simple(r"^i am " + _INTENSE + _FAN_OF + r" (?P<v>.+?)(?: than .+)?$", "preference", "{s} is a big fan of {v}",
        "preference:{key}", 0.8, concrete=True)
_simple(r"^i am not (?:really |much of |that |very |too )?" + _FAN_OF + r" (?P<v>.+)$", "preference",
        "{s} does not like {v}", "preference:{key}", 0.8, concrete=True)
_simple(r"^i am (?:a |an )?(?:big |huge |massive |great |die-hard |lifelong |long-time )?(?P<v>[\w'&. -]+?) fan$",
        "preference", "{s} is a big fan of {v}", "preference:{key}", 0.8, concrete=True)
_simple(r"^(?:i|we) (?:support|root for|cheer for) (?P<v>(?:the )?(?-i:[A-Z]).+)$", "preference", "{s} supports {v}",
        "favorite:team", 0.8, cut=True)
_simple(r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:switched|changed|moved over|converted) "
        r"(?:(?P<old>from .+?) )?to (?P<v>.+)$", "preference", "{s} switched {old} to {v}", "preference:{key}", 0.8,
        cut=True, concrete=True)
_simple(r"^(?:i|we) (?:have )?(?:just |recently )?(?:took|taken|picked) up (?P<v>.+)$", "preference",
        "{s} has taken up {v}", "hobby:{key}", 0.75, cut=True, concrete=True)


@_rule(r"^i (?P<adv>always|never|usually|often|rarely|generally|normally|mostly|seldom|typically|regularly|mainly"
       r"|frequently|occasionally|sometimes) (?P<verb>[a-z]+)(?P<rest>(?: .+)?)$")
def _habit(m: re.Match[str], c: _Ctx) -> _Fact | None:
    verb = m.group("verb")
    if verb.lower() in ("am", "was", "had", "do", "did", "will", "would", "get", "forget", "feel"):
        return None
    rest = _v(m, "rest", cut=False)
    past = re.fullmatch(r"\w+ed|" + _PAST_IRREGULAR, verb, _I)  # "I never liked olives"
    return _Fact("preference", f"{c.s} {m.group('adv').lower()} {verb if past else _third_person(verb)} {rest}".strip(),
                 f"habit:{_frequency_key(verb, rest)}", 0.75)


_simple(r"^i tend to (?P<verb>[a-z]+)(?P<v>.*)$", "preference", "{s} tends to {verb} {v}", "habit:{verb} {key}", 0.75)
_simple(r"^i use (?P<v>(?:a|an) (?:wheelchair|cane|walker|hearing aid|walking stick|mobility scooter)\b.*)$",
        "constraint", "{s} uses {v}", "health:{key}", 0.85)
_simple(r"^(?:i am|we are) using (?P<v>[A-Z].+)$", "preference", "{s} uses {v}", None, 0.7, concrete=True)
_simple(r"^(?:i|we) (?P<verb>use|work with|code in|program in) (?P<v>[A-Z].+)$", "preference", "{s} {verbs} {v}",
        None, 0.7, concrete=True)


@_rule(r"^i (?:drive|own|ride) (?P<v>(?:a|an) .+)$")
def _drives(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = m.group(0).split()[1].lower()
    return _Fact("fact", f"{c.s} {_third_person(verb)} {_v(m)}", "car" if verb == "drive" else None, 0.75)


# instructions to the assistant: kept only when they are standing ones ("always", "in your answers", "in Spanish")
_STANDING = re.compile(
    r"\b(?:always|never|from now on|in future|every time|any ?more|again|in (?-i:[A-Z])\w+|units|spelling|tone"
    r"|jargon|emojis?|bullet points|markdown|formal|informal|casual|apologi[sz]\w*|verbose|brief|concise|short"
    r"|answers|replies|responses|explanations)\b", _I)
_ONE_OFF = re.compile(r"\b(?:this|that|these|those|here|below|above|this time|for now|today|tonight)\b", _I)
_ASK = r"(?:keep|use|answer|reply|respond|write|format|avoid|address|speak|explain|include|give|show|be|talk|stick" \
       r"|call|assume|remind|tell|mention|add|cite|list|double-check|check)"


@_rule(r"^(?P<please>please )?(?:do not|never|stop) (?!mind\b|worry\b|forget\b)(?P<v>\w+ .+?|\w+ing)"
       r"(?:,? please)?$")
def _dont(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if not m.group("please") and not (_STANDING.search(v) and not _ONE_OFF.search(v)):
        return None  # "don't worry about it", "stop the timer": one-off
    return _Fact("preference", f"{c.s} asks the assistant not to {v}", f"instruction:{_key(v)}", 0.85)


@_rule(r"^(?:please,? )?no (?P<v>[\w -]+?)(?:,? please)?$")
def _no_more(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v").lower()
    if not _STANDING.search(v) or _ONE_OFF.search(v):
        return None  # "no problem", "no worries"
    return _Fact("preference", f"{c.s} asks the assistant not to use {v}", f"instruction:use {_key(v)}", 0.85)


@_rule(r"^(?:please |i want you to |i need you to |i prefer (?:that )?you )?(?P<v>(?:always |from now on |in future )?"
       + _ASK + r"\b.+?)(?:,? please)?$")
def _please(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    v = v[:1].lower() + v[1:]  # "Keep your answers short" -> "keep answers short"
    if not _STANDING.search(v) or _ONE_OFF.search(v):
        return None  # "please show me the code": a one-off request
    return _Fact("preference", f"{c.s} asks the assistant to {v}", f"instruction:{_key(v)}", 0.85)


# goals ------------------------------------------------------------------------------------------

_GOAL = {"category": "goal", "dated": True}
_simple(r"^i am working (?P<p>on|towards?|to) (?P<v>.+)$", template="{s} is working {p} {v}",
        confidence=0.8, **_GOAL)
_simple(r"^i am (?P<verb>focus(?:s)?ing|concentrating) on (?P<v>.+)$", template="{s} is focusing on {v}",
        confidence=0.75, concrete=True, **_GOAL)
_simple(r"^i am (?:currently )?(?P<v>job|house|apartment|flat) hunting$", template="{s} is looking for a {v}",
        confidence=0.75, **_GOAL)
_simple(r"^i am going back to (?P<v>(?:school|university|college|uni)\b.*)$", template="{s} is going back to {v}",
        confidence=0.8, **_GOAL)
_simple(r"^i am (?P<verb>training|preparing|saving(?: up)?|studying|cramming|revising|getting ready|practi[cs]ing)"
        r" for (?P<v>.+)$", template="{s} is {verb} for {v}", confidence=0.8, **_GOAL)
_simple(r"^i am (?P<verb>studying|training|learning|working|preparing) to (?P<v>(?:be|become) .+)$",
        template="{s} is {verb} to {v}", confidence=0.8, **_GOAL)
_simple(r"^i am (?P<verb>learning|studying|taking (?:an? )?(?:[\w-]+ )?(?:lessons|classes|class|course) (?:in|on))"
        r" (?P<v>.+)$", template="{s} is {verb} {v}", confidence=0.8, **_GOAL)


@_rule(r"^i (?:have )?(?:just |recently |finally )?(?:started|began|begun) (?:learning|studying|taking "
       r"(?:lessons|classes) in) (?P<v>.+)$")
def _started_learning(m: re.Match[str], c: _Ctx) -> _Fact:
    if c.date is None:
        return _Fact("goal", f"{c.s} is learning {_v(m, cut=False)}", None, 0.8)
    return _Fact("goal", f"{c.s} has been learning {_v(m, cut=False)}", None, 0.8, dated=True, date_prep="since")


_simple(r"^i am (?P<verb>trying|hoping|aiming|determined) to (?P<v>.+)$", template="{s} is {verb} to {v}",
        confidence=0.75, concrete=True, **_GOAL)
_simple(r"^(?:my|our) (?:main |big |long-term |biggest |ultimate |new year'?s )?(?:goal|dream|ambition|aim"
        r"|resolution)(?: for \S+(?: \w+)?)? is (?:to )?(?P<v>.+)$", template="{pos} goal is to {v}", confidence=0.85,
        **_GOAL)
_simple(r"^i (?:really )?want to (?!know|ask|see|talk|hear|check|say|try|go\b|eat|sleep|cry|share|tell|make sure"
        r"|thank|add|clarify|confirm|understand)(?P<v>.+)$", template="{s} wants to {v}", confidence=0.7,
        concrete=True, **_GOAL)
_simple(r"^i hope to (?P<v>.+)$", template="{s} hopes to {v}", confidence=0.75, concrete=True, **_GOAL)
_simple(r"^i (?:have )?(?:decided|resolved|made up my mind) to (?P<v>.+)$", template="{s} has decided to {v}",
        confidence=0.75, **_GOAL)
_simple(r"^i am (?:looking|searching|hunting) for (?P<v>(?:a new |a |an )?(?:job|work|apartment|flat|house|home"
        r"|place to live|internship|roommate|flatmate|partner|girlfriend|boyfriend|co-?founder|school|daycare"
        r"|nursery|new \w+)\b.*)$", template="{s} is looking for {v}", confidence=0.75, **_GOAL)
_simple(r"^i am (?:thinking (?:of|about)|considering) (?P<v>\w+ing\b.+)$", template="{s} is considering {v}",
        confidence=0.6, concrete=True, **_GOAL)
_simple(r"^i am applying (?P<p>to|for) (?P<v>.+)$", template="{s} is applying {p} {v}", confidence=0.75, **_GOAL)


@_rule(r"^(?:i am|we are) (?P<verb>writing|building|renovating|developing|designing|creating|launching|organi[sz]ing"
       r"|recording|remodel+ing|restoring|self-publishing|making) (?P<v>(?:a|an|my|our|the) .+)$")
def _project(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if c.date is not None or re.search(r"\b(?:e-?mail|message|letter|text|note|reply|comment|post|tweet|response"
                                       r"|dinner|lunch|breakfast|coffee|tea|mistake|list|call|decision)s?\b", v, _I):
        return None  # dated: a plan (below); "writing an email": passing
    return _Fact("goal", f"{c.s} is {m.group('verb').lower()} {v}", None, 0.75)


@_rule(r"^i (?P<verb>need|have|must|got) to (?P<v>.+)$")
def _deadline(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = {"need": "needs", "have": "has", "must": "must", "got": "has"}[m.group("verb").lower()]
    return _Fact("goal", f"{c.s} {verb} to {_v(m, cut=False)}", None, 0.8, dated=True, needs_date=True)


# plans ------------------------------------------------------------------------------------------

@_rule(r"^(?:i am|we are) (?P<verb>planning|going|flying|travell?ing|driving|heading|moving|relocating|off) "
       r"to (?P<v>.+)$")
def _going(m: re.Match[str], c: _Ctx) -> _Fact:
    verb = m.group("verb").lower()
    needs = verb not in ("planning", "moving", "relocating")  # "I'm going to bed" is not a plan
    return _Fact("plan", f"{c.s} is {verb} to {_v(m, cut=False)}", None, 0.8, dated=True, needs_date=needs)


_PLAN = {"category": "plan", "dated": True}
_simple(r"^(?:i|we) (?:plan|intend) to (?P<v>.+)$", template="{s} plans to {v}", confidence=0.8, **_PLAN)
_simple(r"^(?:my|our) plan is to (?P<v>.+)$", template="{s} plans to {v}", confidence=0.8, **_PLAN)
_simple(r"^(?:i am|we are) planning (?P<v>(?:a|an|our|my|the) .+)$", template="{s} is planning {v}", confidence=0.75,
        **_PLAN)
_simple(r"^(?:i am|we are) expecting (?P<v>(?:a baby|twins|triplets|a (?:little )?(?:boy|girl)"
        r"|our (?:first|second|third|fourth) (?:child|baby|kid))\b.*)$", template="{s} is expecting {v}",
        confidence=0.8, **_PLAN)
_simple(r"^(?:i am|we are) planning on (?P<v>.+)$", template="{s} is planning on {v}", confidence=0.8, **_PLAN)
_simple(r"^(?:i|we) (?:have )?(?:just |already |finally |recently )?(?P<verb>" + _BOOKED + r") (?P<v>.+)$",
        template="{s} has {verb} {v}", confidence=0.8, **_PLAN)
_simple(r"^(?:i|we) will (?P<v>.+)$", template="{s} will {v}", confidence=0.75, needs_date=True, **_PLAN)
_simple(r"^(?:i am|we are) (?P<v>\w+ing\b.*)$", template="{s} is {v}", confidence=0.75, needs_date=True, **_PLAN)


@_rule(r"^(?:i|we) (?P<verb>start|begin|leave|fly|go|move|travel|graduate|return|arrive|head|retire|finish|visit"
       r"|meet|see|get married|compete|race|run|perform|present|defend|sit|turn) (?P<v>.*)$")
def _scheduled(m: re.Match[str], c: _Ctx) -> _Fact | None:
    """Present tense with a date ahead: "I start my new job next Monday", "we leave for Rome on Friday"."""
    if c.date is None or c.date.relative_today and "tonight" not in m.group(0).lower():
        return None
    verb = m.group("verb").lower()
    return _Fact("plan", f"{c.s} {_third_person(verb)} {_v(m, cut=False)}", None, 0.75, dated=True)


@_rule(r"^(?:i am|we are) (?P<v>(?:in|at|on|away|off|out of) .+)$")
def _away(m: re.Match[str], c: _Ctx) -> _Fact | None:
    if c.date is None or c.date.relative_today:
        return None  # "I'm at home today": passing
    return _Fact("plan", f"{c.s} is {_v(m, cut=False)}", None, 0.75, dated=True)


_EVENT_NOUNS = r"(?:deadline|meeting|wedding|party|launch|exam|interview|appointment|conference|trip|flight|move" \
               r"|presentation|recital|game|match|race|concert|surgery|operation|ceremony|graduation|holiday" \
               r"|vacation|course|semester|term|lease|contract|release|demo|review|hearing|test|due date|shift)"


@_rule(r"^(?:(?P<my>my|our) (?P<thing>[\w' -]+?)|the (?P<event>(?:[\w'-]+ )?" + _EVENT_NOUNS + r")) (?P<verb>starts"
       r"|begins|leaves|departs|arrives|ends|lands|takes off|kicks off|is due|is|are) (?P<v>.*)$")
def _scheduled_thing(m: re.Match[str], c: _Ctx) -> _Fact | None:
    """ "My flight leaves at 6 tomorrow", "the deadline is next Friday": a plan, when a date is given."""
    if c.date is None or c.date.relative_today or m.group("verb").lower() == "are" and not m.group("my"):
        return None
    thing = (m.group("thing") or m.group("event")).lower()
    if m.group("my") and re.search(r"\b(?:mood|day|head)\b", thing):
        return None
    return _Fact("plan", f"{c.pos} {thing} {m.group('verb').lower()} {_v(m, cut=False)}", None, 0.75, dated=True)


@_rule(r"^(?:i|we) (?:have|have got) (?P<v>(?:a|an|one|two|three|four|five|\d+|my|our|the) .+)$")
def _have(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = _v(m, cut=False)
    if c.date is not None:
        return _Fact("plan", f"{c.s} has {v}", None, 0.8, dated=True)
    if {w.strip(",.").lower() for w in v.split()[:4]} & _KIN_AND_PETS:
        return _Fact("identity", f"{c.s} has {v}", None, 0.8)
    if re.match(r"^(?:a|an) (?:\d{4} )?(?-i:[A-Z])\w", v):
        return _Fact("fact", f"{c.s} has {v}", None, 0.7)  # "a 2019 MacBook Air", "a Tesla"
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
    if not re.match(r"^(?:(?:a|an|the|on|in|at) )?(?:[A-Z0-9$€£+]|i[A-Z]|\S*@|[\w-]+\.(?:com|org|net|io|dev|app)\b)",
                    v):
        return None
    category = "identity" if thing in _IDENTITY_THINGS else "fact"
    return _Fact(category, f"{c.pos} {thing} is {v}", thing, 0.7)


# events and habits ---------------------------------------------------------------------------------

_simple(r"^(?:my|our) (?P<rel>(?:[\w-]+ )?(?:son|daughter|baby|child|kid|kids|twins|grandson|granddaughter|mom|mum"
        r"|mother|dad|father|parents|brother|sister|grandma|grandpa|grandmother|grandfather|husband|wife|partner|dog"
        r"|cat|boy|girl))(?P<verb> (?:was born|were born|passed away|died|got married|graduated|retired|started school"
        r"|had (?:a baby|surgery)))\b(?P<v>.*)$", "event", "{pos} {rel} {verb} {v}", None, 0.8, dated=True,
        needs_date=True)

_simple(r"^(?:i|we) (?:was|were|got|have been) (?:just |recently |finally )?(?P<v>(?:promoted|laid off|fired|let go"
        r"|hired|accepted|admitted|awarded|elected|selected|made redundant)\b.*)$", "event", "{s} was {v}", None, 0.8,
        dated=True)


@_rule(r"^(?:i|we) (?:have )?(?P<adv>just |recently |finally |already )?" + _NOT_PAST
       + r"(?P<verb>\w+ed|" + _PAST_IRREGULAR + r") (?P<v>.+)$")
def _event(m: re.Match[str], c: _Ctx) -> _Fact | None:
    verb = m.group("verb").lower()
    if verb in ("loved", "liked", "hated", "wanted", "needed", "used", "wondered", "guessed", "thought", "had"):
        if c.date is None:
            return None
    if re.match(r"^(?:it|this|that|these|those|you|your|something|anything|nothing|everything)\b", m.group("v"), _I):
        return None  # "I just saw your reply", "I finally realized something": about the conversation
    v = _v(m, cut=False)
    if c.date is None and not m.group("adv") and not _MILESTONE.match(f"{verb} {v}"):
        return None  # an undated past remark is rarely worth keeping, unless it is a life event
    return _Fact("event", f"{c.s} {m.group('verb')} {v}", None, 0.75, dated=True)


@_rule(r"^(?:i|we) have been (?!struggling|waiting|thinking|wondering|dealing|suffering|having|getting|feeling"
       r"|meaning|hoping|looking)(?P<verb>\w+ing)\b(?P<v>.*)$")
def _ongoing(m: re.Match[str], c: _Ctx) -> _Fact | None:
    """ "I've been playing piano for years", "... since 2010": a lasting activity."""
    since = c.date is not None and c.date.prep == "since" or re.search(r"\bsince\b", m.group("v"), _I)
    if not (since or _DURATION.search(m.group("v"))):
        return None
    verb, v = m.group("verb").lower(), _v(m)
    return _Fact("preference", f"{c.s} has been {verb} {v}", f"hobby:{_frequency_key(verb, v)}", 0.75)


@_rule(r"^(?:i|we) (?P<verb>[a-z]+)(?P<rest> .+)$")
def _frequency(m: re.Match[str], c: _Ctx) -> _Fact | None:
    """A present-tense activity with a frequency: "I run every morning", "we eat out on Fridays"."""
    verb = m.group("verb").lower()
    rest = m.group("rest").strip()
    if not _FREQUENCY.search(rest) or _DEICTIC.match(rest) or rest.lower().startswith("not ") or verb in (
            "am", "are", "was", "were", "will", "would", "had", "did", "can", "cannot", "need", "want",
            "should", "must", "think", "guess", "hope", "wish") or verb != "read" and _PAST_START.match(m.group(0)):
        return None
    rest = _v(m, "rest", cut=False)
    return _Fact("preference", f"{c.s} {_third_person(verb)} {rest}", f"habit:{_frequency_key(verb, rest)}", 0.75)


@_rule(r"^(?:i|we) (?P<verb>play|listen to|collect|practi[cs]e|knit|crochet|bake|paint|draw|sew|surf|ski|snowboard"
       r"|climb|meditate|volunteer|go|work out)(?P<v> .+|$)")
def _hobby(m: re.Match[str], c: _Ctx) -> _Fact | None:
    """ "I play the cello", "I listen to a lot of jazz", "I go bouldering": lasting pastimes."""
    verb = m.group("verb").lower()
    v = _v(m, cut=False)
    if _DEICTIC.match(v) or (verb == "go" and not re.match(r"^\w+ing\b", v)):
        return None  # "I go to bed", "I listen to you"
    verbs = {"listen to": "listens to", "work out": "works out"}.get(verb) or _third_person(verb)
    return _Fact("preference", f"{c.s} {verbs} {v}".strip(),
                 f"hobby:{_frequency_key(verb.split()[0], v)}", 0.7)


_simple(r"^i am (?:a |an )?(?:big |huge |avid |keen |passionate |serious |amateur |lifelong )?(?P<v>(?:reader|runner"
        r"|cyclist|climber|gamer|hiker|swimmer|gardener|baker|knitter|photographer|traveller|traveler|skier|surfer"
        r"|golfer|birdwatcher|foodie|bookworm|cook))$", "preference", "{s} is an avid {v}", "hobby:{v}", 0.75)


@_rule(r"^i am (?P<not>not (?:much of )?)?(?P<art>a|an) (?P<v>[\w -]+)$")
def _trait(m: re.Match[str], c: _Ctx) -> _Fact | None:
    v = m.group("v").strip()
    if re.match(r"^(?:bit|little|lot|mess|wreck|fan)\b", v, _I) or len(v.split()) > 4:
        return None
    if m.group("not") and not re.search(r"\b(?:person|people|owl|eater|drinker|sleeper|riser|cook|fan|reader)$", v, _I):
        return None  # "I'm not a robot"; but "I'm not a morning person" is a trait
    neg = "not " if m.group("not") else ""
    return _Fact("identity", f"{c.s} is {neg}{m.group('art').lower()} {v}", None, 0.6)


# ---------------------------------------------------------------------------------- the extractor

_DATED_CATEGORIES = {"plan", "event", "goal"}
_DATE_LEAD = re.compile(r"(?:back|earlier|later|sometime|just|and|but|so)", _I)  # "back in 2015"


def _is_date_only(text: str) -> bool:
    """ "Last week," / "Back in 2015,": a date phrase that a comma cut off from its statement."""
    t = re.sub(r"^" + _DATE_LEAD.pattern + r"\s+", "", _FILLER.sub("", text).strip(" ,.!"), flags=_I)
    m = _DATE.match(t)
    return bool(t) and m is not None and m.end() == len(t)


def _clauses(text: str) -> list[str]:
    for pat, rep in _CONTRACTIONS:
        text = pat.sub(rep, text)
    out = []
    for sentence in _SENTENCES.split(text.strip()):
        sentence = sentence.strip()
        if not sentence or sentence.endswith("?") or _HYPOTHETICAL_START.match(_FILLER.sub("", sentence)):
            continue  # "If I had the money, I'd move to Lisbon": nothing in it is the case
        sentence = _COUPLE.sub("we", sentence)  # "My wife and I are expecting" -> "we are expecting"
        sub = _SUBORDINATE.match(sentence)  # "Since I moved to Denver I've taken up skiing": two statements
        sentence = _APPOSITION.sub(r"\g<name>, I am ", sentence)  # "I'm Jon, a nurse" -> "I am Jon, I am a nurse"
        parts = [sub.group("a"), sub.group("b")] if sub else [sentence]
        clauses = [c.strip() for part in parts for c in _CLAUSES.split(part) if c and c.strip()]
        for i, clause in enumerate(clauses):
            if i + 1 < len(clauses) and _is_date_only(clause):
                clauses[i + 1] = f"{clause}, {clauses[i + 1]}"  # "Last week, I adopted a cat": keep the date
                continue
            subject = re.match(r"^(i|we)\b", _FILLER.sub("", clause), _I)
            pieces = _ELIDED.split(clause) if subject else [clause]
            out.append(pieces[0].strip())
            out.extend(f"{subject.group(1)} {p.strip()}" for p in pieces[1:] if p.strip())  # "... and live in Oslo"
    return out


def _clean(clause: str) -> str:
    clause = _FILLER.sub("", clause.strip())
    clause = re.sub(r"[\s,]*(?:\bnow\b|\banymore\b(?=$)|\bthough\b)?[\s.!,]*$",
                    lambda m: " anymore" if "anymore" in m.group(0) else "", clause)
    for pat, rep in _REWRITES:
        clause = pat.sub(rep, clause)
    late = re.match(r"^(?P<s>i|we) (?P<rest>.+?),? (?P<adv>recently|just now)$", clause, _I)
    if late and _PAST_START.match(clause):
        clause = f"{late.group('s')} recently {late.group('rest')}"
    return _present_perfect(clause.strip(" ,"))


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
                rendered = (replace(when, prep=fact.date_prep) if fact.date_prep else when).render()
                if re.search(r"\b(?:to|from|until|till|through|and|or)\s*" + _DATE_MARK, content):
                    rendered = re.sub(r"^(?:on|in) ", "", rendered)  # "from 3 to 5 June", not "to on 5 June"
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
            past = bool(_PAST_START.match(clause)) and not _FORWARD.match(clause)
            when = _resolve(dm, today, past=past or "ago" in dm.group(0).lower())
            if when is not None:
                before, after = clause[:dm.start()].rstrip(" ,"), clause[dm.end():]
                if not before or _DATE_LEAD.fullmatch(before):  # "Tomorrow I have my test": the date moves to the end
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
