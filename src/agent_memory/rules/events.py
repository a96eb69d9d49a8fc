"""Rules about what happened and lasting activities: life events, ongoing pastimes, frequencies, traits."""

from __future__ import annotations

import re
from dataclasses import replace

from .._extraction import Ending
from .base import Ctx, Fact, Rule, Template, group_value, rule, simple
from .dates import NOCASE
from .lexicon import (
    DEICTIC,
    DOG_BREEDS,
    DONE_THINGS,
    FREQUENCY,
    KEEPING_IN_TOUCH,
    MILESTONE,
    NAMED_DEATH,
    NOT_PAST,
    PAST_IRREGULAR,
    PAST_START,
    PETS,
    TOGETHER,
)
from .text import DATE_MARK, DURATION, frequency_key, key, third_person

# an adopted dog of a breed or a pet with a name joins the household ("we adopted a greyhound called Pip"); a bare
# "we adopted a second cat" stays the event it was
ADOPTED_PET = re.compile(r"^(?:a|an) (?:[\w-]+ ){0,3}?(?:(?:" + "|".join(sorted(DOG_BREEDS)) + r")\b"
                         r"|(?:" + "|".join(sorted(PETS)) + r") (?:called|named) (?-i:[A-Z]))", NOCASE)


def event(m: re.Match[str], c: Ctx) -> Fact | None:
    verb = m.group("verb").lower()
    if verb in ("loved", "liked", "hated", "wanted", "needed", "used", "wondered", "guessed", "thought", "had"):
        if c.date is None and not MILESTONE.match(f"{verb} {group_value(m, cut=False)}"):
            return None
    if re.match(r"^(?:it|this|that|these|those|you|your|something|anything|nothing"
                r"|everything)\b", m.group("v"), NOCASE):
        return None  # "I just saw your reply", "I finally realized something": about the conversation
    v = group_value(m, cut=False)
    if verb in ("left", "quit", "joined", "started") and not v.replace(DATE_MARK, "").strip(" ,."):
        return None  # "..., I left in the summer": left what the clause before named, said there
    if c.date is None and not m.group("adv") and not MILESTONE.match(f"{verb} {v}"):
        return None  # an undated past remark is rarely worth keeping, unless it is a life event
    if verb in ("adopted", "rescued") and c.date is None and ADOPTED_PET.match(v):
        return Fact("identity", f"{c.s} has {v}", "pets", 0.8)
    if verb == "graduated":
        # no longer a student: the job slot's "student at UCLA" ends with it
        return Fact("identity", f"{c.s} graduated {v}", "education", 0.8, dated=True,
                    ends=Ending(attribute="job", value="student"))
    if verb == "retired":
        # one's own retirement is what one is now (the job slot), as "I'm retired" is, not a passing happening;
        # a third party's ("my dad retired in May") stays their dated event
        # (undated, "my mum just retired from the civil service" is what she is now, not a happening)
        return Fact("identity", f"{c.s} retired {v}", "job", 0.8, dated=c.date is not None)
    attribute = "car" if verb == "bought" and re.match(r"^(?:a|an|their) (?:new |first |used )?car\b", v) else None
    return Fact("event", f"{c.s} {verb} {v}", attribute, 0.75, dated=True, ends=_ended(verb, v))


# an aim reached: "passed my driving test", "finished the marathon"; what follows the thing is how or when
_REACHED = frozenset({"passed", "finished", "completed", "achieved", "reached"})
_AIM_TAIL = re.compile(r"\s+(?:first|second|in|on|at|with|after|by|for|under|today|yesterday|last|this|finally"
                       r"|again|\d)\b.*$")


def _ended(verb: str, v: str) -> Ending | None:
    """ "I left Oracle", "my last day at Accenture": the job there ends; "I quit smoking": smoking ends."""
    org = re.match(r"^(?:my (?:job|position|role) (?:at|with) |their (?:job|position|role) (?:at|with) |the )?"
                   r"(?P<org>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*)", v)
    if verb in ("left", "quit") and org:
        return Ending(attribute="job", value=org.group("org"))
    if verb in ("left", "quit") and re.match(r"^their (?:job|position|role)\b", v):
        return Ending(attribute="job", value="job")  # "I quit my job": whichever job it was
    last_day = re.search(r"\blast day (?:at|with) (?P<org>(?-i:[A-Z])[\w&.'-]*)", v)
    if last_day:
        return Ending(attribute="job", value=last_day.group("org"))
    pet = re.match(r"^(?:their|our|the|a) (?:\w+ )?(?P<pet>" + "|".join(sorted(PETS)) + r")\b", v)
    if verb == "lost" and pet:  # "we lost our cat": no longer has one
        return Ending(attribute="pets", value=pet.group("pet"))
    # "ran the Manchester marathon", "passed my driving test": the plan or the goal that named it is done (ended())
    if verb in _DONE_VERBS and (done := _DONE.match(v)) is not None:
        return Ending(attribute="goal", value=done.group("thing"))
    if verb in ("quit", "stopped", "gave"):
        thing = key(re.sub(r"^(?:up |on )+", "", v))
        return Ending(value=thing) if thing else None
    if verb in _REACHED and (thing := _AIM_TAIL.sub("", re.sub(r"^(?:first|second|third|next) ", "", key(v)))):
        return Ending(attribute="goal", value=thing)
    return None


_DONE_VERBS = {"ran", "finished", "completed", "climbed", "handed", "submitted", "passed", "sat", "did"}
# what was done, without its determiner: "in my thesis" (after "handed"), "the Manchester marathon", "their test"
_DONE = re.compile(r"^(?:in )?(?:my|our|their|the|a|an) (?:first |second |last |final )?(?P<thing>(?:[\w-]+ ){0,2}?"
                   r"(?:" + DONE_THINGS + r"))\b", NOCASE)


def relationship_event(m: re.Match[str], c: Ctx) -> Fact:
    """ "we got engaged", "Ana and I broke up": the status; a break-up also ends what is kept about the partner."""
    verb, v = m.group("verb").lower(), group_value(m, "v", cut=False)
    partner = re.match(r"^(?:with|from) (?:their \w+ )?(?P<n>(?-i:[A-Z])[\w'-]+)", v)
    ends = Ending(value=partner.group("n")) if partner and verb in ("broke up", "split up", "separated",
                                                                    "divorced", "got divorced") else None
    return Fact("identity", " ".join(f"{c.s} {verb} {v}".split()), "relationship", 0.85, dated=True, ends=ends)


def bare_change(m: re.Match[str], c: Ctx) -> Fact:
    if m.group("verb").lower() == "retired":
        return Fact("identity", f"{c.s} is retired", "job", 0.8)
    # (the graduation itself is the happening; under the education slot it still replaces the course it finished)
    return Fact("event", f"{c.s} graduated", "education", 0.8, dated=True,
                ends=Ending(attribute="job", value="student"))


def pet_gone(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "we had to put Milo down", "had the cat put to sleep": the pet is gone; "our dog died" said of the pet itself
    (its party's clause, "I died") ends it too (see ``extractor.about``)."""
    if m.group("who") is None:
        if "'s " not in c.s:
            return None  # the speaker's own "I died" is a laugh, not a death
        return Fact("event", f"{c.s} died", None, 0.8, dated=True)
    who = m.group("who")
    return Fact("event", f"{c.s} had their {who} put down", None, 0.8, dated=True,
                ends=Ending(attribute="pets", value=who))


def named_gone(m: re.Match[str], c: Ctx) -> Fact:
    """ "Pepper died in the spring", "Rocky passed away in december": what is kept of the one named ends (the pet
    "my dog Rocky", one of "two cats, Salt and Pepper": the others stay, see ``_derive``'s remainder)."""
    n = m.group("n")
    return Fact("event", f"{n} died", None, 0.75, dated=True, needs_date=True, ends=Ending(value=n))


_PET = "|".join(sorted(PETS | DOG_BREEDS, key=len, reverse=True))


_KIN_MILESTONE = Template("event", "{pos} {rel} {name} {verb} {v}", None, 0.8, dated=True, needs_date=True)
_CHILD = re.compile(r"(?:son|daughter|baby|child|kid|kids|twins|boy|girl)$", NOCASE)


def kin_milestone(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "my dad retired in May", "our baby girl was born on Tuesday": a relative's dated milestone; a child's birth
    ends the expecting of it."""
    fact = _KIN_MILESTONE(m, c)
    if fact is not None and "born" in m.group("verb") and _CHILD.search(m.group("rel")):
        return replace(fact, ends=Ending(value="expecting"))
    return fact


def child_born(m: re.Match[str], c: Ctx) -> Fact:
    """ "our second was born on saturday", "our third arrived last Thursday": a child's birth."""
    who = m.group("n").lower() + " " + (m.group("kind") or "child").lower()
    return Fact("event", f"{c.pos} {who} was born", None, 0.8, dated=True)


# ways of earning a living said as an activity: "been freelancing as a copywriter since May", "temping since March"
# are the job one has now (``identity``), not a pastime
WORKING_ING = re.compile(r"freelancing|contracting|temping|locuming|moonlighting", NOCASE)


def ongoing(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I've been playing piano for years", "... since 2010": a lasting activity."""
    since = c.date is not None and c.date.prep == "since" or re.search(r"\bsince\b", m.group("v"), NOCASE)
    if not (since or DURATION.search(m.group("v"))):
        return None
    verb, v = m.group("verb").lower(), group_value(m)
    if verb in ("playing", "doing", "making", "using", "practicing", "practising", "learning") and re.match(
            r"^(?:for|since|about|around)\b", v, NOCASE):
        return None  # "I've been playing for about four months": playing what is in an earlier turn
    if verb in ("wanting", "meaning", "hoping", "waiting", "dying") or re.search(r"\b(?:this|that|it)\b", v, NOCASE):
        return None  # "been wanting to play this one for a while": a wish about the thing in view, no pastime
    if WORKING_ING.fullmatch(verb):
        return Fact("identity", f"{c.s} has been {verb} {v}", "job", 0.75)
    return Fact("preference", f"{c.s} has been {verb} {v}", f"hobby:{frequency_key(verb, v)}", 0.75)


def frequency(m: re.Match[str], c: Ctx) -> Fact | None:
    """A present-tense activity with a frequency: "I run every morning", "we eat out on Fridays"."""
    verb = m.group("verb").lower()
    rest = m.group("rest").strip()
    if not FREQUENCY.search(rest) or DEICTIC.match(rest) or rest.lower().startswith("not ") or verb in (
            "am", "are", "was", "were", "will", "would", "had", "did", "can", "cannot", "need", "want",
            "should", "must", "think", "guess", "hope", "wish") or verb != "read" and PAST_START.match(m.group(0)):
        return None
    if re.match(r"^(?:hang|chat|talk|catch|meet)\b", verb) and re.match(r"^(?:out|up)?\s*(?:a lot|loads|often|all the"
                                                                          r" time|sometimes)\W*$", rest, NOCASE):
        return None  # "we hang out a lot": time with people not named, no profile fact
    if KEEPING_IN_TOUCH.fullmatch(verb) and not TOGETHER.sub("", FREQUENCY.sub("", rest)).strip(" ,.!"):
        return None  # "my brother lives in Perth and we call every weekend": whom is in the clause before
    rest = group_value(m, "rest", cut=False)
    return Fact("preference", f"{c.s} {third_person(verb)} {rest}", f"habit:{frequency_key(verb, rest)}", 0.75)


def hobby(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I play the cello", "I listen to a lot of jazz", "I go bouldering": lasting pastimes."""
    verb = m.group("verb").lower()
    v = group_value(m, cut=False)
    if DEICTIC.match(v) or (verb == "go" and not re.match(r"^\w+ing\b", v)):
        return None  # "I go to bed", "I listen to you"
    verbs = {"listen to": "listens to", "work out": "works out"}.get(verb) or third_person(verb)
    return Fact("preference", f"{c.s} {verbs} {v}".strip(),
                 f"hobby:{frequency_key(verb.split()[0], v)}", 0.7)


def trait(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v").strip()
    if re.match(r"^(?:bit|little|lot|mess|wreck|fan)\b", v, NOCASE) or len(v.split()) > 4:
        return None
    if m.group("not") and not re.search(r"\b(?:person|people|owl|eater|drinker|sleeper|riser|cook|fan"
                                        r"|reader)$", v, NOCASE):
        return None  # "I'm not a robot"; but "I'm not a morning person" is a trait
    neg = "not " if m.group("not") else ""
    if HABIT_NOUN.search(v):  # "a night owl", "not a morning person", "a big coffee drinker": a habit
        return Fact("preference", f"{c.s} is {neg}{m.group('art').lower()} {v}", f"habit:{key(v)}", 0.65)
    return Fact("identity", f"{c.s} is {neg}{m.group('art').lower()} {v}", None, 0.6)


# the nouns of a habit, not of who one is: "night owl", "morning person", "early riser", "tea drinker"
HABIT_NOUN = re.compile(r"\b(?:owl|lark|riser|sleeper|(?:morning|night|evening|early|late|dog|cat|beach|city"
                        r"|mountain|gym|outdoors|indoors|people|coffee|tea|winter|summer|window seat|aisle seat"
                        r"|sweet|savoury|savory) person|eater|snacker"
                        r"|drinker|napper|planner|procrastinator|homebody|couch potato)$", NOCASE)


RULES: tuple[Rule, ...] = (
    rule("identity.relationship_event", r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?P<verb>got "
                                        r"(?:engaged|married|divorced|hitched)|separated|split up|broke up|divorced"
                                        r"|married)\b(?P<v>.*)$", relationship_event),
    rule("event.child_born", r"^(?:my|our) (?P<n>first|second|third|fourth|fifth|sixth)(?: (?P<kind>child|kid|baby|son"
                             r"|daughter|boy|girl))? (?:was born|arrived)\b.*$", child_born),
    rule("event.kin_milestone", r"^(?:my|our) (?P<rel>(?:[\w-]+ )?(?:son|daughter|baby|child|kid|kids|twins|grandson"
                                  r"|granddaughter|mom|mum|mother|dad|father|parents|brother|sister|grandma|grandpa"
                                  r"|grandmother|grandfather|husband|wife|partner|dog|cat|boy"
                                  r"|girl))(?P<name> (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?"
                                  r"(?= was born| were born))?"
                                  r"(?P<verb> (?:was born|were born|passed away|died|got married|graduated"
                                  r"|retired|started school|had (?:a baby|surgery)))\b(?P<v>.*)$", kin_milestone),
    simple("event.was", r"^(?:i|we) (?:was|were|got|have been) (?:just |recently |finally )?(?P<v>(?:promoted|laid off"
                        r"|fired|let go|hired|accepted|admitted|awarded|elected|selected|made redundant)\b.*)$",
           "event", "{s} was {v}", None, 0.8, dated=True),
    rule("event.pet_gone", r"^(?:i|we) (?:have |had )?(?:just |sadly |finally )?(?:(?:died|passed away|passed on)"
                           r"|(?:had to |have had to )?(?:put|have put|had) (?:our|my|the|their)"
                           r" (?:old |poor |beloved )?(?P<who>" + _PET + r"|(?-i:[A-Z])[\w'-]+)"
                           r" (?:down|put down|put to sleep))\W*\x00?\W*$", pet_gone),
    # (dated only: "Elvis died" alone is no news of the speaker's life)
    rule("event.named_gone", NAMED_DEATH + r"\s*\x00\W*$", named_gone),
    # said alone ("graduated!!!", "dad finally retired!"): the state it leaves, as "graduated in June" is
    rule("event.bare_change", r"^(?:i|we) (?:have )?(?:just |recently |finally |officially )?"
                              r"(?P<verb>graduated|retired)\W*$", bare_change),
    rule("event", r"^(?:i|we) (?:have )?(?P<adv>just |recently |finally |already )?" + NOT_PAST
           + r"(?P<verb>\w+ed|" + PAST_IRREGULAR + r") (?P<v>.+)$", event),
    rule("ongoing", r"^(?:i|we) have been (?!struggling|waiting|thinking|wondering|dealing|suffering|having|getting"
                    r"|feeling|meaning|hoping|looking)(?P<verb>\w+ing)\b(?P<v>.*)$", ongoing),
    rule("frequency", r"^(?:i|we) (?P<verb>[a-z]+)(?P<rest> .+)$", frequency),
    # "I do yoga", "I do a bit of woodworking at the weekends": no frequency (that is "frequency"), and only
    # named pastimes ("I do think ..." is none)
    simple("preference.does_pastime", r"^(?:i|we) do (?:a (?:bit|lot|little) of |some |a lot of )?(?P<v>yoga|pilates"
                                      r"|crossfit|karate|judo|taekwondo|jiu[- ]?jitsu|kickboxing|boxing|pottery"
           r"|woodworking|ballet|salsa|tango|archery|fencing|martial arts|tai chi|triathlons?|parkrun|calisthenics"
           r"|aerobics|zumba|spin|gymnastics|photography|embroidery|calligraphy|improv|karaoke|ceramics|weights"
           r"|climbing|bouldering|running|swimming|cycling|gardening|knitting|baking)\b(?P<rest>.*)$",
           "preference", "{s} does {v} {rest}", "hobby:{v}", 0.75),
    rule("hobby", r"^(?:i|we) (?P<verb>play|listen to|collect|practi[cs]e|knit|crochet|bake|paint|draw|sew|surf|ski"
                  r"|snowboard|climb|meditate|volunteer|go|work out)(?P<v> .+|$)", hobby),
    simple("preference.avid", r"^i am (?:a |an )?(?:big |huge |avid |keen |passionate |serious |amateur "
                               r"|lifelong )?(?P<v>(?:reader|runner"
           r"|cyclist|climber|gamer|hiker|swimmer|gardener|baker|knitter|photographer|traveller|traveler|skier|surfer"
           r"|golfer|birdwatcher|foodie|bookworm|cook))$",
           "preference", "{s} is an avid {v}", "hobby:{v}", 0.75),
    rule("trait", r"^i am (?P<not>not (?:much of )?)?(?P<art>a|an) (?P<v>[\w -]+)$", trait),
)
