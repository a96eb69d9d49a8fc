"""Rules about who the speaker is: name, age, places, work and study, languages, relationship status."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, group_value, is_cap, rule, simple
from .dates import NOCASE
from .lexicon import DIETS, HEIGHT, IMPAIRMENTS, JOB_ENDINGS, JOB_WORDS, LANGUAGES, MASS
from .text import DATE_MARK, reflect, third_person


def my_name_is(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v")
    return Fact("identity", f"{c.pos} name is {v}", "name", 0.95) if is_cap(v) else None


def call_me(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v")
    if not is_cap(v):
        return None
    if m.group("how").lower() == "i go by":
        return Fact("identity", f"{c.s} goes by {v}", "name", 0.9)
    return Fact("identity", f"{c.s} wants to be called {v}", "name", 0.9)


def left_for(m: re.Match[str], c: Ctx) -> Fact:
    """ "I left Google for Stripe", "left London for Berlin": the first ends, the second is the present value
    (a job when the words say so; otherwise the slot stays open and the ending finds the old value by name)."""
    old, new = m.group("old"), m.group("new")
    if m.group("job") or re.fullmatch(WORKPLACE, new, re.IGNORECASE):
        return Fact("identity", f"{c.s} works at {new}", "job", 0.85, ends=Ending(attribute="job", value=old))
    return Fact("identity", f"{c.s} left {old} for {new}", None, 0.8, ends=Ending(value=old))


NAME = r"(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*"
# an employer named by its kind: "left Deloitte for a startup" is a change of job
WORKPLACE = (r"(?:a|an) (?:[\w-]+ )?(?:startup|start-up|company|firm|agency|bank|charity|consultancy|studio|nonprofit"
             r"|scale-up|scaleup)")


CAR_BRANDS = r"(?:tesla|toyota|honda|ford|vw|volkswagen|golf|polo|bmw|audi|mercedes|kia|hyundai|nissan|mazda|subaru" \
             r"|volvo|skoda|renault|peugeot|fiat|jeep|chevy|chevrolet|polestar|rivian|mini|prius|civic|corolla|lexus" \
             r"|porsche|citroen|citroën|seat|dacia|suzuki|mitsubishi|land rover|range rover|jaguar|cupra|byd|leaf)"


def car(m: re.Match[str], c: Ctx) -> Fact:
    """ "just bought a Tesla Model 3", "got a used Golf": the car the speaker drives now."""
    v = re.sub(r",? (?:that|which) .*$", "", group_value(m))  # "an old Corolla that refuses to die": the car
    return Fact("fact", f"{c.s} drives {'an' if v[:1].lower() in 'aeiou' else 'a'} {v}", "car", 0.8)


def moved_in(m: re.Match[str], c: Ctx) -> Fact:
    """ "moved in with Sam", "mum moved in with us in Bristol": who they live with; a place said with it is where they
    live now, so it ends the home before it (a whole-slot ending: the old place is not named)."""
    v = group_value(m)
    ends = Ending(attribute="location", value="location") if re.search(r"\bin (?-i:[A-Z])", v) else None
    return Fact("identity", f"{c.s} lives {v}", "household", 0.8, ends=ends)


def smokes(m: re.Match[str], c: Ctx) -> Fact:
    return Fact("constraint", f"{c.s} smokes{m.group('v') or ''}", "smoking", 0.8)


def car_sold(m: re.Match[str], c: Ctx) -> Fact:
    v = group_value(m)
    return Fact("fact", f"{c.s} sold their {v}", None, 0.75,
                ends=Ending(attribute="car", value=v.split()[0]))  # "my car": value "car" ends whatever car it is


def commute(m: re.Match[str], c: Ctx) -> Fact:
    verb, _, rest = m.group("how").lower().partition(" ")
    to = f" to {m.group('w').lower()}" if m.group("w") else ""
    return Fact("preference", " ".join(f"{c.s} {third_person(verb)} {rest}{to}".split()), "habit:commute", 0.75)


def turning(m: re.Match[str], c: Ctx) -> Fact:
    """ "turning 30 today" is the new age; "turning 30 next week" a date ahead."""
    n = m.group("n")
    if c.date is None or c.date.relative_today:
        return Fact("identity", f"{c.s} is {n} years old", "age", 0.85)
    return Fact("plan", f"{c.s} turns {n}", None, 0.8, dated=True)


def not_called(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I hate being called Bob, it's Robert": the name wanted; without one, the name to avoid."""
    v, old = m.group("v"), m.group("old")
    if v:
        return Fact("identity", f"{c.s} wants to be called {v}", "name", 0.9) if is_cap(v) else None
    if not is_cap(old) and old.lower() in {"late", "back", "again", "now", "tomorrow", "today", "that", "this", "it"}:
        return None  # "don't call me late at night": not a name
    return Fact("identity", f"{c.s} does not want to be called {old}", "name:avoid", 0.85)


_DEMONYMS = frozenset({"greek", "thai", "welsh", "swiss", "scots", "kiwi", "aussie", "brit", "basque", "lao", "cypriot",
                       "maltese", "yemeni", "iraqi", "israeli", "kuwaiti", "qatari", "saudi", "omani", "emirati"})


def i_am_name(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v")
    if not is_cap(v) or v.lower() in {"back", "here", "ok", "okay", "fine", "done", "in", "out"} \
            or re.fullmatch(DIETS + "|" + IMPAIRMENTS, v, NOCASE):
        return None  # "I am Celiac": a diet, read by the constraint rules
    if m.group("title"):  # "I am Dr. Haddad": a name said with its title
        return Fact("identity", f"{c.pos} name is {m.group('title')}{v}", "name", 0.85)
    # (and the demonyms no ending gives away: "my in-laws are Greek" is where they are from, not their name)
    if re.search(r"(?:ese|ish|ian|can|ch|ean|ani|ali|ic)$", v) or v.lower() in _DEMONYMS:
        return Fact("identity", f"{c.s} is {v}", "nationality", 0.7)
    return Fact("identity", f"{c.pos} name is {v}", "name", 0.8)


# a trade in the plural: "electricians", "nurses", "developers"
JOB_PLURAL = r"(?:\w+(?:ers|ors|ians|ists|ants|ents|ics|nurses|chefs|staff|engineers|devs|cooks))"
PLACE = r"(?P<v>.+?)(?:,? (?:from|for|after|when|to be|to save|to look after|to care for|to help|with (?:my|our)) .*)?$"


def born(m: re.Match[str], c: Ctx) -> Fact | None:
    if c.date is None:
        return None
    return Fact("identity", f"{c.s} was born {DATE_MARK}", "birth", 0.9, dated=True)


def work_at(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m)
    if re.match(r"^(?:home|the weekend|weekends|night|nights|the moment|a (?:minute|second))\b", v, NOCASE):
        return None
    mod = f"{m.group('mod').lower()} " if m.group("mod") else ""
    return Fact("identity", f"{c.s} works {mod}{m.group('p').lower()} {v}", "job", 0.85)


def job_for(m: re.Match[str], c: Ctx) -> Fact:
    verb = {"driv": "drives", "deliver": "delivers", "rid": "rides", "clean": "cleans", "cook": "cooks"}[
        m.group("verb").lower()]
    return Fact("identity", f"{c.s} {verb} for {reflect(m.group('v'))}", "job", 0.85)


def job(m: re.Match[str], c: Ctx) -> Fact | None:
    words = m.group("np").split()
    if not words or (words[-1].lower() not in JOB_WORDS and not JOB_ENDINGS.fullmatch(words[-1])) \
            or words[0].lower() in ("bit", "little", "lot", "keen", "avid", "amateur", "passionate", "aspiring",
                                    "budding", "wannabe", "hobby", "weekend", "enthusiastic"):
        # ("a keen singer" is a pastime, read by the rules for tastes)
        return None
    art = m.group("art").lower()  # as said: "an engineer", "a UX designer"
    org = f" {reflect(m.group('org'))}" if m.group("org") else ""
    if m.group("be").lower() == "was":  # "I was a postman": a past job, which ends the current one naming it
        return Fact("fact", f"{c.s} was {art} {' '.join(words)}{org}", None, 0.75,
                    ends=Ending(attribute="job", value=" ".join(words)))
    return Fact("identity", f"{c.s} is {art} {' '.join(words)}{org}", "job", 0.85)


def moved_from(m: re.Match[str], c: Ctx) -> Fact:
    """ "I moved here from Antwerp two years ago": Antwerp is where the speaker no longer lives."""
    v = group_value(m)
    return Fact("identity", f"{c.s} moved from {v}", None, 0.75, dated=True, ends=Ending(attribute="location", value=v))


def relationship(m: re.Match[str], c: Ctx) -> Fact:
    rest = f" {group_value(m, 'rest')}" if m.group("rest") else ""
    return Fact("identity", f"{c.s} is {m.group('v').lower()}{rest}", "relationship", 0.85)


def education_started(m: re.Match[str], c: Ctx) -> Fact:
    """ "started nursery", "started uni this week": the school one is at now; said with its date it is dated, so
    that about someone else ("my daughter started school this week") it is their dated happening, an ``event``,
    as the conventions file a third party's dated past (undated, "my son just started nursery", it stays a
    standing fact about them)."""
    return Fact("identity", f"{c.s} started {group_value(m)}", "education", 0.8, dated=c.date is not None)


RULES: tuple[Rule, ...] = (
    # changes of a slot come first: "I just turned 41", "I no longer work at the bank", "got promoted to ..."
    simple("identity.age_turned", r"^i (?:have )?(?:just |recently )?turned (?P<n>\d{1,3})\b(?: years old)?\W*\x00?$",
           "identity", "{s} is {n} years old", "age", 0.85),
    rule("left_for", r"^(?:i|we) (?:have )?(?:just |recently |finally )?left (?P<old>" + NAME + r") (?:for"
                     r"|(?P<job>to join|for a (?:job|role|position) (?:at|with)|to work (?:at|for))) (?P<new>" + NAME
         + r"|" + WORKPLACE + r")\W*\x00?$", left_for),
    rule("turning", r"^i am turning (?P<n>\d{1,3})(?: years old)?\W*\x00?\W*$", turning),
    # a school named by its kind is a school, not an employer: "started at Ridgeway secondary", "Leeds uni"
    rule("identity.education_started", r"^i (?:have )?(?:just |recently |finally )?(?:started|began) (?P<v>(?:at )?"
                                         r"(?:kindergarten|nursery|preschool|pre-k|daycare|school|primary school"
                                         r"|secondary school|middle school|high school|college|university|uni|reception"
                                         r"|(?-i:[A-Z])[\w'.-]+(?: (?-i:[A-Z])[\w'.-]+)* (?:primary|secondary|nursery"
                                         r"|infants|juniors|academy|high|grammar|prep|college|uni|university)"
                                         r"(?: school)?"
                                         r"|(?:year|grade) \d{1,2}"
                                         r"|(?:first|second|third|fourth|fifth|sixth|\d{1,2}(?:st|nd|rd|th)) grade)\b"
                                         r"(?: (?:at|in) (?-i:[A-Z]).+?)?)\W*\x00?$", education_started),
    simple("identity.job_no_longer", r"^i (?:no longer|do not|am not|am no longer) (?:work|am working|working) (?P<p>at"
                                     r"|for|as|in) (?P<v>.+?)"
                                     r"(?: any ?more)?$",
           "identity", "{s} no longer works {p} {v}", "job", 0.85, cut=True),
    simple("identity.job_not_with", r"^i am (?:no longer (?:with|at)|not (?:with|at)(?= .+ any ?more$)) (?P<v>"
                                    r"(?-i:[A-Z]).+?)(?: any ?more)?$",
           "identity", "{s} no longer works at {v}", "job", 0.85),
    simple("identity.location_no_longer", r"^(?:i|we) (?:am not|are not|am no longer|are no longer|do not|no longer)"
                                          r" (?:live|living) (?:in|near) (?P<v>.+?)(?: any ?more)?$",
           "identity", "{s} no longer lives in {v}", "location", 0.85, cut=True),
    simple("constraint.smoking", r"^i am (?P<art>a|an) (?P<v>ex-smoker|non-smoker|former smoker|non-drinker|smoker)$",
           "constraint", "{s} is {art} {v}", "smoking", 0.8),
    # smoking said as a habit, or taken up (again: the cleaning drops the word): "I smoke about 10 a day", "started
    # smoking again" (one slot with "non-smoker", so each replaces the other)
    rule("constraint.smokes", r"^i (?:still )?(?:smoke(?P<v> (?:about |around |like |maybe )?(?:\d+|a pack|half a pack"
                              r"|a few|five|ten|twenty)(?: cigarettes| cigs| fags)? (?:a|per) day| socially| again"
                              r"| occasionally| every day)?|(?:have )?(?:started|am|have been) smoking)\W*$", smokes),
    simple("identity.job_promoted", r"^i (?:was |got |have been )?(?:just |recently |finally )?promoted to (?P<v>.+)$",
           "identity", "{s} was promoted to {v}", "job", 0.85, cut=True),
    # a new trade reached by training: "I retrained as a plumber", "qualified as a midwife in June"
    simple("identity.job_retrained", r"^(?:(?:after|following) [\w ,'-]+? )?i (?:have )?(?:just |recently |finally )?"
                                     r"(?:retrained|re-trained|requalified|qualified) as (?P<art>a|an) (?P<v>[\w' -]+?)"
                                     r"\W*\x00?\W*$",
           "identity", "{s} is {art} {v}", "job", 0.85),
    simple("identity.job_started_at", r"^i (?:have )?(?:just |recently )?(?:started|joined)(?: (?:working|work"
                                      r"|a (?:new )?job))? (?P<p>at|for) (?P<v>(?:the )?(?-i:[A-Z]).+)$",
           "identity", "{s} works {p} {v}", "job", 0.85, cut=True),
    # a new job named by its place, dated or not: "Started the new job at the council on Monday"
    simple("identity.job_new_at", r"^i (?:have )?(?:just |recently |finally )?(?:started|began) (?:a|the|my) new job"
                                  r" (?P<p>at|with) (?P<v>(?:the )?[\w&.' -]+?)\W*\x00?$",
           "identity", "{s} works {p} {v}", "job", 0.85, cut=True),
    # service in the forces is part of who the speaker is: "I served in the Royal Navy for 22 years"
    simple("identity.served_in", r"^i (?:have )?served in the (?P<v>(?:royal )?(?:navy|army|air force|marines|raf"
                                 r"|military|merchant navy|coast guard|national guard|(?-i:[A-Z])[\w ]+))\b.*$",
           "identity", "{s} served in the {v}", None, 0.8),
    # work named by its kind: "I do freelance design", "I do part-time bar work"
    simple("identity.job_does", r"^i do (?P<v>(?:freelance|part-time|part time|full-time|contract|agency|temp|casual"
                                r"|seasonal|shift|voluntary) [\w -]{3,40}?)\W*$",
           "identity", "{s} does {v}", "job", 0.8),
    # work named by the task done for a business: "I do the books for a plumbing firm", "I do payroll for Acme"
    simple("identity.job_does_for", r"^i do (?:the )?(?P<v>books|accounts|bookkeeping|payroll|admin|marketing"
                                    r"|social media|it support|web design|hr|catering|deliveries|cleaning) for "
                                    r"(?P<o>(?:a|an) (?:[\w-]+ ){0,3}(?:firm|company|business|charity|agency|practice"
                                    r"|school|hospital|council|chain|shop|restaurant|hotel|startup|bakery|garage"
                                    r"|clinic|surgery)|(?:the )?(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*)\W*$",
           "identity", "{s} does the {v} for {o}", "job", 0.8),
    # a platform one drives or delivers for is the work: "I drive for Uber", "I deliver for Deliveroo"
    simple("identity.job_drives_for", r"^i (?:drive|deliver|ride) for (?P<v>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])"
                                      r"[\w&.'-]*)*)\W*$",
           "identity", "{s} drives for {v}", "job", 0.8),
    # the job as what one does at it: "my job is fixing lifts" (not "my job is killing me", "... is stressing me out")
    simple("identity.job_is_doing", r"^my (?:day |actual |real |main |full-time )?(?:job|work) is (?P<v>(?!(?:killing"
                                    r"|stressing|driving|doing|getting|going|boring|exhausting|draining|keeping"
                                    r"|making|taking|eating)\b)[\w-]+ing\b(?!.*\bme\b)[\w' -]{2,40}?)\W*$",
           "identity", "{pos} job is {v}", "job", 0.8),
    simple("identity.job_took", r"^i (?:have )?(?:just |recently )?(?:took|taken|accepted|got|landed) (?:a|the) (?:new "
                                r"|full-time |part-time |permanent )?(?:job|position|role) (?P<p>at|with|as)"
                                r" (?P<v>.+)$",
           "identity", "{s} works {p} {v}", "job", 0.85, cut=True),
    simple("identity.job_new", r"^i (?:love|like|enjoy) (?:my|the) new job (?:at|with) (?P<v>.+)$",
           "identity", "{s} works at {v}", "job", 0.85, cut=True),
    simple("identity.office", r"^i am (?:back (?:in|at) the office(?P<v> full[- ]time| part[- ]time)?|(?:in|at) the "
                              r"office(?P<w> full[- ]time| part[- ]time))$",
           "identity", "{s} works in the office {v}{w}", "work arrangement", 0.8),
    simple("identity.work_arrangement_now", r"^(?:i|we) (?:am |are |have )?(?:now )?(?:(?:gone|went|switched|moved"
                                            r"|working|work|back|going)\s+)?(?:to )?(?:fully |full[- ]time |mostly "
                                            r"|100% |permanently )?(?P<v>remote|remotely|hybrid|in[- ]office"
                                            r"|office[- ]based)\b(?:,? (?:now|these days|since .+|\d .+"
                                            r"|(?:one|two|three|four) days .+))?\W*\x00?$",
           "identity", "{s} works {v}", "work arrangement", 0.8),
    simple("constraint.work_days", r"^(?:i|we) (?:now )?work (?P<v>(?:\d|one|two|three|four|five|six) days a week"
                                   r"|part[- ]time|full[- ]time)\b.*$",
           "constraint", "{s} works {v}", "work schedule", 0.8),
    rule("car", r"^(?:i|we) (?:have )?(?:just |finally |recently )?(?:bought|got|picked up|leased|drive|own) "
                r"(?:a |an |the |our |my )?(?:(?:new|used|second-hand|secondhand|electric|old|ancient|trusty|battered"
                r"|beat-up|little) )*(?:car,? (?:a |an )?)?(?P<v>(?:\d{4} )?"
                + CAR_BRANDS + r"\b.*)$", car),
    rule("car_sold", r"^(?:i|we) (?:have )?(?:just |finally |recently )?(?:sold|got rid of|scrapped|traded in) (?:the "
                     r"|our |my )?(?:old )?(?P<v>" + CAR_BRANDS + r"\b.*|car)(?:,.*)?$", car_sold),
    rule("identity.moved_in", r"^(?:i|we) (?:have )?(?:just |finally |recently )?moved in (?P<v>with .+)$", moved_in),
    simple("identity.education_at", r"^i am (?:at|in) (?P<v>uni|university|college|school|high school|primary school"
                                    r"|secondary school|middle school|nursery|kindergarten|daycare|preschool|med school"
                                    r"|law school|grad school|sixth form)(?P<where> (?:in|at) (?-i:[A-Z])[\w'-]+"
                                    r"(?: (?-i:[A-Z])[\w'-]+)*)?$",
           "identity", "{s} is at {v} {where}", "education", 0.8),
    # a subject studied, with where: "I studied law at Edinburgh", "studied nursing in Manila" (not "I studied for my
    # exam", "I studied the menu", "I studied hard")
    simple("identity.studied", r"^(?:i|we) (?:originally )?studied (?P<v>(?!(?:for|the|my|your|his|her|their|our|it"
                               r"|this|that|hard|all|a lot|late|together|with|up|every|too|so)\b)[\w' -]{2,40}?"
                               r"(?: (?:at|in) (?-i:[A-Z])[\w'.-]+(?: (?-i:[A-Z])[\w'.-]+)*(?: uni| university)?)?)"
                               r"(?: back| (?:back )?in (?:19|20)\d\d)?\s*\x00?\W*$",  # (\x00: a date read off)
           "identity", "{s} studied {v}", "education", 0.75),
    rule("commute", r"^i (?:usually |normally |mostly |always )?(?P<how>(?:take|catch|ride) the (?:train|bus|tube"
                    r"|subway|metro|ferry|tram)|cycle|bike|walk|drive|commute by \w+)"
                    # a way of getting about said as a change is the commute's new value: "I take the bus now"
                    r"(?: to (?P<w>work|the office|school|uni|college)\b| (?=(?:now|these days|nowadays|instead)\b))"
                    r".*$", commute),
    simple("identity.handedness", r"^i am (?P<v>left|right)-handed$",
           "identity", "{s} is {v}-handed", "handedness", 0.85),
    simple("identity.partner_dating", r"^(?:i am|we are) (?:now )?(?:dating|seeing|going out with)"
                                      r" (?P<n>(?-i:[A-Z])[\w'-]+)$",
           "relationship", "{s} is dating {n}", "partner:name", 0.8),
    rule("my_name_is", r"^(?:my name is|i am called|people call me|my friends call me|everyone calls me"
                       r"|most people call me) "
           r"(?P<v>\S+?(?: (?-i:[A-Z])[\w'-]+)?)(?=$|[,.]| but\b| and\b| though\b)", my_name_is),
    rule("not_called", r"^(?:i (?:really )?(?:hate|dislike|do not like|cannot stand|do not want) being called"
                       r"|(?:please )?(?:do not|never) call me) (?P<old>[\w'-]+)(?:,? (?:it is|it's|its|call me|i am"
                       r"|i go by|i prefer|just) (?P<v>[\w'-]+))?\W*$", not_called),
    rule("call_me", r"^(?:please )?(?P<how>call me|you can call me|address me as|i go by|i prefer to be called) "
           # the name wanted over another: "I go by Kit, not Katherine", "I'd rather be called Alex than Alexander"
           r"(?P<v>(?:(?-i:Mr|Mrs|Ms|Miss|Dr|Prof)\.? )?[\w'-]+)(?:,? (?:not|than|rather than|instead of) [\w'-]+)?"
           r"(?:,? please)?$", call_me),
    simple("identity.origin_half", r"^i am (?P<v>(?:half|part|a quarter) (?-i:[A-Z])[\w'-]+(?: and (?:half |part )?"
                                   r"(?-i:[A-Z])[\w'-]+)?)$",
           "identity", "{s} is {v}", "origin", 0.8),
    simple("identity.religion", r"^i am (?:a |an )?(?:practi[cs]ing |devout |observant )?(?P<v>jewish|muslim|christian"
                                r"|catholic|protestant"
           r"|hindu|buddhist|sikh|mormon|atheist|agnostic|orthodox|jain|quaker)$",
           "identity", "{s} is {v}", "religion", 0.85),
    rule("i_am_name", r"^i am (?P<title>(?-i:Mr|Mrs|Ms|Miss|Dr|Prof)\.? )?(?P<v>[A-Z][\w'-]+)$", i_am_name),
    simple("identity.age", r"^i am (?P<n>\d{1,3})(?: years old| years of age| y/?o)?$",
           "identity", "{s} is {n} years old", "age", 0.9),
    simple("identity.age_is_in_their", r"^i am in my (?P<n>(?:early |mid |mid-|late )?(?:\d0s|twenties|thirties|forties"
                                       r"|fifties|sixties|seventies|eighties))$",
           "identity", "{s} is in their {n}", "age", 0.85),
    # the body's measures are who one is, like the age ("I'm 6'2", "I weigh 95kg at the moment"); what follows after
    # "so"/"and" is the reason it was said ("I'm 6'2 so economy seats are torture")
    simple("identity.height", r"^i am (?P<v>(?:(?:about|around|roughly|nearly|almost|just under|just over|only) )?"
                              + HEIGHT + r")(?: tall)?(?:,? (?:so|and|but|which|lol|haha)\b.*)?\W*$",
           "identity", "{s} is {v} tall", "height", 0.85),
    simple("identity.weight", r"^i (?:weigh|am) (?:now |currently )?(?P<v>(?:(?:about|around|roughly|nearly|almost"
                              r"|just under|just over|under|over) )?" + MASS + r")(?! ?(?:lighter|heavier|overweight"
                              r"|underweight|down|up|off|less|more|of|bag|box|dumbbells?|weights?)\b)"
                              r"(?: (?:at the moment|right now|now|these days|currently))?(?:,? (?:so|and|but|which"
                              r"|lol|haha)\b.*|,.*)?\W*$",
           "identity", "{s} weighs {v}", "weight", 0.8),
    simple("identity.location", r"^(?:i|we) (?:live|am living|are living|reside|make (?:my|our) home) (?P<p>in|near"
                                r"|outside|just outside|close to|on the outskirts of|out of) " + PLACE,
           "identity", "{s} lives {p} {v}", "location", 0.9, cut=True),
    simple("identity.location_lives_in", r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:moved"
                                         r"|relocated) (?:back |(?:up|down|out) (?=to (?-i:[A-Z])))?"
                                         r"(?:from .+? )?to " + PLACE,
           "identity", "{s} lives in {v}", "location", 0.9, cut=True),
    rule("moved_from", r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:moved|relocated) (?:here |over )?"
                       r"from (?P<v>(?-i:[A-Z])[\w'-]*(?: (?-i:[A-Z])[\w'-]*)*)\W*\x00?$", moved_from),
    simple("identity.location_lives", r"^(?:i|we) (?:am|are) (?:based|located|living) (?P<p>in|near|outside"
                                      r"|just outside|close to) " + PLACE,
           "identity", "{s} lives {p} {v}", "location", 0.85, cut=True),
    simple("identity.origin", r"^i (?:grew up|was raised|was born and raised) (?P<p>on|near|by|outside) (?P<v>.+)$",
           "identity", "{s} grew up {p} {v}", "origin", 0.85, cut=True),
    # since when or for how long is no part of who one lives with: "I live alone since my husband passed"
    simple("identity.household", r"^i (?:live|am living|have been living) (?P<v>(?:alone|on my own|by myself)"
                                 r"(?: with (?:my|our) .+?)?|with .+?)(?:,? (?:now|these days|at the moment"
                                 r"|(?:ever )?since .+|for (?:years|a while|(?:a few|many|some|\w+) years)))?\s*\x00?$",
           "identity", "{s} lives {v}", "household", 0.8, cut=True),
    simple("identity.origin_is_originally_from", r"^i (?:am (?:originally )?from|come from|was born in|grew up in"
                                                 r"|was (?:born and )?raised in|was born and bred in) (?P<v>.+)$",
           "identity", "{s} is originally from {v}", "origin", 0.85, cut=True),
    rule("born", r"^i was born (?P<v>" + DATE_MARK + r")$", born),
    simple("identity.job_freelance", r"^i (?:am freelancing|freelance) as (?P<v>.+)$",
           "identity", "{s} freelances as {v}", "job", 0.9, cut=True),
    simple("identity.job", r"^i (?:work|am working) as (?P<v>.+)$",
           "identity", "{s} works as {v}", "job", 0.9, cut=True),
    simple("identity.job_works", r"^i (?:have )?(?:just |recently )?(?:started|began) (?:working"
                                 r"|a (?:new )?job) (?P<p>at|for|as) (?P<v>.+)$",
           "identity", "{s} works {p} {v}", "job", 0.85, cut=True),
    simple("identity.job_works_2", r"^i (?:have )?(?:just |recently |finally )?(?:got|landed|accepted"
                                   r"|was offered) a (?:new )?job (?P<p>at|with|as) (?P<v>.+)$",
           "identity", "{s} works {p} {v}", "job", 0.85, cut=True),
    # a living made for a named firm: "I drive for Uber now", "he's delivering for DPD" ("driving in London" is no job)
    rule("identity.job_for", r"^i (?:am |have been )?(?:now )?(?P<verb>driv|deliver|rid|clean|cook)(?:e|es|ing) for "
                             r"(?P<v>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*){0,2})\W*$", job_for),
    rule("work_at", r"^i (?:work|am working|am employed) (?:(?P<mod>part[- ]time|full[- ]time|remotely|freelance) )?"
           r"(?P<p>at|for|in) (?P<v>.+)$", work_at),
    simple("identity.work_arrangement", r"^i (?:mostly |mainly )?work (?P<v>from home|remotely|remote)$",
           "identity", "{s} works {v}", "work arrangement", 0.8),
    simple("constraint.work_schedule", r"^i (?:mostly |mainly )?work (?P<v>(?:the |most |mostly )?(?:nights"
                                       r"|night shifts?|evenings|weekends|shifts|evenings and weekends"
           r"|(?:12|twelve)-hour shifts|early shifts|late shifts|9 ?(?:to|-) ?5|nine[- ]to[- ]five))"
           r"(?: (?:at|in|for) .+)?$",
           "constraint", "{s} works {v}", "work schedule", 0.8),
    simple("identity.job_is", r"^i am (?P<art>the |a |an )?(?P<v>(?:[\w-]+ )*?(?:head|ceo|cto|cfo|coo|founder"
                              r"|co-founder|cofounder|owner"
           r"|director|manager|lead|president|vp|vice president|chair|principal|captain) (?:of|at) .+)$",
           "identity", "{s} is {art} {v}", "job", 0.85, cut=True),
    simple("identity.education", r"^i am in (?:my|the) (?P<v>(?:first|second|third|fourth|fifth|final|last|senior"
                                 r"|junior|\d+(?:st|nd|rd|th)) year (?:of|at|in) .+)$",
           "identity", "{s} is in their {v}", "education", 0.85, cut=True),
    # (with what kind: "I'm in tech sales", "in B2B marketing")
    simple("identity.job_works_in", r"^i am in (?P<v>(?:(?!(?:the|a|my|big|deep|hot)\b)[\w-]+ )?(?:sales|marketing"
                                    r"|finance|tech|it|hr|education|healthcare|retail|hospitality|consulting"
                                    r"|insurance|real estate|banking|publishing|advertising|law"
                                    r"|medicine|academia|construction|logistics|research|the (?:[\w-]+ )+(?:industry"
                                    r"|business|sector|field)))$",
           "identity", "{s} works in {v}", "job", 0.8),
    simple("identity.education_is_enrolled", r"^i am (?:enrolled|studying) (?P<v>(?:in|at) (?:a |an "
                                             r"|the )?[\w' -]*(?:university|college|school|bootcamp"
           r"|academy|program(?:me)?|course|institute)\b.*)$",
           "identity", "{s} is enrolled {v}", "education", 0.8, cut=True),
    simple("identity.education_is_doing_a", r"^i am (?:doing|pursuing|completing|finishing|working on) (?:a|an"
                                            r"|my) (?P<v>(?:[\w-]+ ){0,2}?(?:phd|doctorate|master'?s|masters"
           r"|bachelor'?s|degree|ba|bsc|ma|msc|mba|diploma"
           # a course named by what it trains for: "my master craftsman course", "an electrician apprenticeship"
           r"|(?:[\w-]+ ){1,3}(?:course|apprenticeship|traineeship|qualification|certificate|certification))\b.*)$",
           "identity", "{s} is doing a {v}", "education", 0.85, cut=True),
    rule("job", r"^i (?P<be>am|have been|was) (?P<art>a|an) (?P<np>[\w' -]+?)(?P<org> (?:at|for|in|with|from) "
                # ("a junior developer now after the bootcamp": how they got there is no part of the job)
                r"(?!\w+ (?:years?|months?)\b).+?)?(?: for \w+ (?:years?|months?)| since .+"
                r"|(?: now)? (?:after|following) (?!all\b).+)?$", job),
    simple("identity.job_is_2", r"^i am (?P<v>retired|semi-retired|self-employed|unemployed|freelance|freelancing"
                                r"|between jobs|out of work"
           r"|a stay[- ]at[- ]home (?:mom|mum|dad|parent)|on (?:maternity|paternity|parental|sick) leave)$",
           "identity", "{s} is {v}", "job", 0.85),
    simple("identity.job_2", r"^(?:i|we) (?P<verb>run|own|have|manage) (?P<v>(?:a|an|my own|our own|a small"
                             r"|a little) (?:[\w'-]+ )*?"
           r"(?:business|company|startup|start-up|bakery|restaurant|caf[eé]|coffee shop|shop|store|salon|studio|agency"
           r"|consultancy|farm|gym|bar|pub|clinic|vineyard|winery|ranch|hotel|practice|firm|brewery|bookshop|bookstore|boutique)\b.*)$",
           "identity", "{s} {verbs} {v}", "job", 0.85, cut=True),
    # a team named by its trade: "I manage a small team of electricians"
    simple("identity.job_team", r"^i (?:manage|lead|run|head|supervise|look after) (?:a |the |our )?(?:small |big "
                                r"|large |tiny |growing )?team of (?P<v>(?:\d+ |[\w-]+ )?[\w -]*?(?:" + JOB_PLURAL
           + r"))\b.*$",
           "identity", "{s} manages a team of {v}", "job", 0.75),
    simple("identity.teaches", r"^i teach (?P<v>.+)$",
           "identity", "{s} teaches {v}", "job", 0.8, cut=True, concrete=True),
    simple("identity.education_is_studying", r"^i (?:am (?:studying|majoring in|doing a (?:degree|phd|master'?s"
                                             r"|bachelor'?s)(?: degree)? in)"
           r"|study|major in) (?P<v>.+ (?:at|in) [A-Z].+)$",
           "identity", "{s} is studying {v}", "education", 0.85, cut=True),
    simple("identity.education_field", r"^i am (?:studying|majoring in|doing a degree in) (?!for\b|to\b)"
                                       r"(?P<v>[\w' -]{3,40})$",
           "identity", "{s} is studying {v}", "education", 0.8, concrete=True),
    simple("identity.education_has_a", r"^i (?:have|hold|got|earned|completed|finished|did) (?:a|an|my) (?P<v>(?:phd"
                                       r"|ph\.d\.|doctorate|master'?s?|bachelor'?s?"
           r"|degree|ba|bsc|ma|msc|mba|md|jd|diploma)\b.+)$",
           "identity", "{s} has a {v}", "education", 0.85, cut=True),
    # a language spoken with others or somewhere, said with "we" or an adverb: "at home we mostly speak Farsi"
    simple("identity.languages_spoken", r"^(?:at (?:home|work),? )?(?:i|we) (?:mostly |mainly |usually |only |also "
                                        r"|always |normally |often |still )*speak (?P<v>" + LANGUAGES + r"(?:(?:,| and"
                                        r"| or| &) " + LANGUAGES + r")*)\b(?P<rest> (?:at|with|to) [\w' ]+)?\W*$",
           "identity", "{s} speaks {v} {rest}", "languages", 0.8),
    simple("identity.languages", r"^i (?:speak|am fluent in) (?P<v>.+)$",
           "identity", "{s} speaks {v}", "languages", 0.85, cut=True),
    # an activity or a field named as the speaker's work: "Nursing is my second career", "photography is my day job"
    simple("identity.job_named", r"^(?P<v>(?:[\w-]+ )?[\w-]+(?:ing|graphy|ology|istry|ics|ism|ery)) is my (?:(?:second"
                                 r"|new|first|main|full-time|full time|part-time|part time|day|real|actual|only|proper)"
                                 r" )*(?P<what>career|job|profession|trade|living)(?: now| these days)?\W*$",
           "identity", "{pos} {what} is {v}", "job", 0.8),
    simple("identity.pronouns", r"^my pronouns are (?P<v>[\w/ ]+)$",
           "identity", "{pos} pronouns are {v}", "pronouns", 0.9),
    simple("identity.timezone", r"^i am (?:in|on) (?P<v>(?-i:(?:[A-Z]{1,3}[SD]T|[A-Z]?[CEW]ES?T|UTC|GMT|JST|IST|KST"
                                r"|SGT|HKT|AEST|AEDT)"
           r"(?: ?[+-]\d{1,2}(?::?\d\d)?)?)|(?:pacific|eastern|central|mountain) time)$",
           "identity", "{pos} timezone is {v}", "timezone", 0.85),
    rule("relationship", r"^(?:i am|we are) (?:recently |newly |happily |just )?(?P<v>married|single|divorced|engaged"
                         r"|widowed|separated|in a relationship)"
           r"(?P<rest> (?:with|to|from) .+?)?(?:,? (?:for )?(?:[\w-]+ )?(?:years?|months?)(?: now)?"
           r"|,? (?:since )?\x00)?$",
         relationship),
    simple("identity.pregnancy", r"^(?:i am|we are) (?P<v>(?:\d+ (?:weeks?|months?) )?pregnant(?: with [^,]+?)?)"
                                 r"(?:,? and (?:craving|feeling|loving|hating|struggling|exhausted|tired|sick)\b.*)?$",
           "identity", "{s} is {v}", "pregnancy", 0.85),
)
