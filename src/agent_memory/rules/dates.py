"""Dates in chat: find a date phrase in a clause and resolve it against the day the message was said."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .._time import UTC
from .prefilter import gated

NOCASE = re.IGNORECASE

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
            r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
WD_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
NUM_RE = r"(?:\d+|a couple of|couple of|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten)"
UNIT_RE = r"(?:day|week|month|year)s?"
PREP = r"(?:(?P<prep>on|by|before|until|till|in|at|since|from|during|for|over)\s+)?"
CHAT_SPELLING = {"tmrw": "tomorrow", "tmr": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow", "tomorow": "tomorrow",
                 "yday": "yesterday", "tonite": "tonight"}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

DATE = gated(
    r"\b(?<!every )(?<!each )(?<!other )" + PREP + r"(?:"
    r"(?P<rel>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow|tmrw|tmr|tomoz"
    r"|2moro|tomorow|yday|tonite"
    r"|this (?:morning|afternoon|evening))"
    r"|(?P<span_dir>last|next|this|coming) (?P<span>week(?:end)?|month|year|yr)"
    r"|(?P<m4_dir>last|next|this|coming) (?P<m4>" + MONTH_RE + r")(?!\s+\d)"
    # ("at the end of january": the whole phrase is the date, or "at the" is left behind without its noun)
    r"|(?P<m5_part>mid|early|late|(?:the )?(?:end|beginning|start|middle) of)[- ](?P<m5>" + MONTH_RE + r")"
    r"(?: (?P<y5>(?:19|20)\d{2})|(?!\s+\d))"
    # a season's year is part of it ("in spring 2027", "next year"), not a second date after it
    r"|(?:(?P<season_dir>last|next|this|coming) |the )?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?:(?: of)? (?P<season_y>(?:19|20)\d{2})| (?P<season_yr>next|this|last) year)?"
    r"|(?:(?P<wd_dir>last|next|this coming|this|coming) )?(?P<wd>" + WD_RE + r")"
    r"(?! (?:mornings|afternoons|evenings|nights)\b)"
    r"|(?P<ago_n>" + NUM_RE + r") (?P<ago_u>" + UNIT_RE + r") ago"
    r"|in (?P<in_n>" + NUM_RE + r") (?P<in_u>" + UNIT_RE + r")"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?:the )?(?P<d1>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m1>" + MONTH_RE + r")(?:,? (?P<y1>\d{4}))?"
    r"|(?P<m2>" + MONTH_RE + r") (?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<y2>\d{4}))?"
    r"|(?P<m3>" + MONTH_RE + r")(?: (?P<y3>\d{4}))?(?=\W*$|\W*[,;]|\s+(?:and|but|for|with|to)\b)|(?P<y4>(?:19|20)\d{2})"
                             # (an ordinal of a count is no day: "for the 3rd time", "the 2nd attempt")
                             r"|the (?P<d5>\d{1,2})(?:st|nd|rd|th)(?! of\b| " + MONTH_RE + r"| (?:time|attempt|try|go"
                             r"|round|place|year|grade|floor|child|baby|kid|edition|season|week|day|month|century"
                             r"|birthday|anniversary)\b))\b", NOCASE,
              limit=100)  # searched in every clause, and a miss costs ~25 us: worth many a literal test


@dataclass(frozen=True)
class When:
    day: date
    grain: str  # day | week | month | season | year
    prep: str | None
    relative_today: bool  # "today", "tonight", "this morning": a marker of a passing state

    def render(self) -> str:
        d = self.day
        if self.grain == "year":
            text = f"in {d.year}"
        elif self.grain == "month":
            text = f"in {MONTHS[d.month - 1].capitalize()} {d.year}"
        elif self.grain == "season":
            text = f"in {SEASON_NAMES[d.month]} {d.year}"
        elif self.grain == "week":
            text = f"in the week of {fmt(d)}"
        else:
            text = f"on {fmt(d)}"
        if self.prep in ("by", "before", "until", "till", "since"):
            text = f"{self.prep} " + text.split(" ", 1)[1].removeprefix("the week of ")
        return text

    @property
    def at(self) -> datetime:
        return datetime.combine(self.day, time(0), UTC)


SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def season(name: str, direction: str | None, prep: str | None, today: date, past: bool) -> When | None:
    """ "last summer", "this winter", "in the spring": the season's first month; a bare season needs
    a preposition ("I love summer" is not a date)."""
    start = SEASONS[name.lower()]
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
    return When(day, "season", prep, False)


def fmt(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"


def month_number(name: str) -> int:
    return MONTH_ABBR[name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def shift_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def num(text: str) -> int:
    t = text.lower()
    return int(t) if t.isdigit() else NUMBERS[t]


# a date something was moved to lies ahead, whatever the tense ("the wedding got moved to september"), and a bare
# month after it is a month ("moved to may" is no verb)
_MOVED_TO = r"(?:moved|pushed back|pushed|postponed|rescheduled|brought forward|put back|bumped) (?:to|till|until)"
RESCHEDULED = re.compile(rf"\b{_MOVED_TO}\b", NOCASE)
_MOVED_BEFORE = re.compile(rf"\b{_MOVED_TO}\s+$", NOCASE)


def resolve(m: re.Match[str], today: date, past: bool) -> When | None:
    """The date a matched phrase means, said on ``today``; ``past`` picks the direction of a
    bare weekday or month ("on Thursday" in a sentence about what happened)."""
    g = m.groupdict()
    prep = (g["prep"] or "").lower() or None
    if g["rel"]:
        rel = CHAT_SPELLING.get(g["rel"].lower(), g["rel"].lower())
        offsets = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2}
        return When(today + timedelta(days=offsets.get(rel, 0)), "day", prep, rel not in offsets)
    if g["span"]:
        step = {"last": -1, "next": 1}.get(g["span_dir"].lower(), 0)
        span = g["span"].lower()
        if span == "week":
            return When(today - timedelta(days=today.weekday()) + timedelta(weeks=step), "week", prep, False)
        if span == "weekend":
            sat = today - timedelta(days=today.weekday()) + timedelta(days=5, weeks=step)
            return When(sat, "day", prep, False)
        if span == "month":
            return When(shift_months(today.replace(day=1), step), "month", prep, False)
        return When(date(today.year + step, 1, 1), "year", prep, False)  # "year", "yr"
    if g["m4"]:  # "last June": the latest June before this month; "next June": the first after it
        named, direction = month_number(g["m4"]), g["m4_dir"].lower()
        if direction == "last":
            in_year = today.year if named < today.month else today.year - 1
        elif direction == "this":
            in_year = today.year
        else:
            in_year = today.year if named > today.month else today.year + 1
        return When(date(in_year, named, 1), "month", prep, False)
    if g["season"] and (g["season_y"] or g["season_yr"]):
        season_year = int(g["season_y"]) if g["season_y"] else today.year + {"next": 1, "last": -1}.get(
            g["season_yr"].lower(), 0)
        return When(date(season_year, SEASONS[g["season"].lower()], 1), "season", prep, False)
    if g["season"]:
        return season(g["season"], (g["season_dir"] or "").lower() or None, prep, today, past)
    if g["wd"]:
        idx = WEEKDAYS.index(g["wd"].lower())
        direction = (g["wd_dir"] or "").lower()
        monday = today - timedelta(days=today.weekday())
        if direction == "next":
            return When(monday + timedelta(weeks=1, days=idx), "day", prep, False)
        if direction == "this coming":  # the next one ahead
            return When(today + timedelta(days=(idx - today.weekday()) % 7 or 7), "day", prep, False)
        if direction == "this":
            return When(monday + timedelta(days=idx), "day", prep, False)
        if direction == "last" or (past and direction != "coming"):
            back = (today.weekday() - idx) % 7 or 7
            return When(today - timedelta(days=back), "day", prep, False)
        ahead = (idx - today.weekday()) % 7 or 7
        return When(today + timedelta(days=ahead), "day", prep, False)
    if g["ago_n"] or g["in_n"]:
        n = num(g["ago_n"] or g["in_n"]) * (-1 if g["ago_n"] else 1)
        unit = (g["ago_u"] or g["in_u"]).lower().rstrip("s")
        if unit in ("day", "week"):
            return When(today + timedelta(days=n * (7 if unit == "week" else 1)), "day", prep, False)
        if unit == "month":
            return When(shift_months(today.replace(day=1), n), "month", prep, False)
        return When(date(today.year + n, 1, 1), "year", prep, False)
    if g["iso"]:
        try:
            return When(date.fromisoformat(g["iso"]), "day", prep, False)
        except ValueError:
            return None
    if g["m1"] or g["m2"]:
        month, day, year = month_number(g["m1"] or g["m2"]), int(g["d1"] or g["d2"]), g["y1"] or g["y2"]
        try:
            if year:
                return When(date(int(year), month, day), "day", prep, False)
            d = date(today.year, month, day)
        except ValueError:
            return None
        if past and d > today:
            d = d.replace(year=today.year - 1)
        elif not past and d < today:
            d = d.replace(year=today.year + 1)
        return When(d, "day", prep, False)
    if g["m3"] or g["m5"]:
        if not (prep or g["y3"] or g["m5"] or _MOVED_BEFORE.search(m.string, 0, m.start())):
            # (a bare "may" / "march" is more likely a word than a month)
            return None
        month = month_number(g["m3"] or g["m5"])  # "mid-June": June
        if g["y3"] or g["y5"]:
            return When(date(int(g["y3"] or g["y5"]), month, 1), "month", prep, False)
        year = today.year
        if past and month > today.month:
            year -= 1
        elif not past and month < today.month:
            year += 1
        return When(date(year, month, 1), "month", prep, False)
    if g["d5"]:  # "on the 22nd": this month's, or the next (the last) one's when that day is behind (ahead)
        try:
            d = today.replace(day=int(g["d5"]))
        except ValueError:
            return None
        if past and d > today:
            d = shift_months(today.replace(day=1), -1).replace(day=d.day)
        elif not past and d < today:
            d = shift_months(today.replace(day=1), 1).replace(day=d.day)
        return When(d, "day", prep, False)
    if g["y4"] and prep in ("in", "since", "by", "during", "before", "until"):
        return When(date(int(g["y4"]), 1, 1), "year", prep, False)
    return None
