"""Changes of mind said sideways: a return to an old value ("back in Glasgow", "back to vegetarian"),
a count told as a milestone ("it was my 35th birthday"), a new home told through the home ("the new
place in Leeds is tiny"), a swap ("traded the Volvo in for a Kia"), an ending without a subject
("dropped Japanese", "no more football for me"). Each lands on the slot its plain wording would,
so the change supersedes the old value instead of standing beside it."""

from __future__ import annotations

import re

from .._extraction import Ending
from . import called_off, products
from .base import Ctx, Fact, Rule, rule, simple
from .identity import CAR_BRANDS
from .lexicon import DEICTIC, DIETS, FOODS
from .preferences import _object
from .text import key, reflect

PLACE = r"(?P<v>(?-i:[A-Z])[\w'.-]+(?: (?-i:[A-Z])[\w'.-]+){0,3})"
ORDINAL = r"(?P<n>[1-9]\d?)(?:st|nd|rd|th)"
# what an ending without a subject may end: a pastime or a course, not "no more questions for me"
_NOT_A_PASTIME = re.compile(r"^(?:questions?|spoilers?|jokes?|excuses?|drama|emails?|messages?|news|updates?|today"
                            r"|tonight|now|thanks|please|more)\b", re.IGNORECASE)


def ended(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "dropped Japanese", "packed in the Welsh", "no more football for me": a pastime that ended."""
    v = reflect((m.group("v") or m.group("v2") or m.group("v3")).strip(" ,.!"))
    if DEICTIC.match(v) or _NOT_A_PASTIME.match(v) or re.fullmatch(FOODS, v, re.IGNORECASE):
        return None  # "no more of that", "no more meat for me" (a diet, read elsewhere)
    thing = _object(v)
    return Fact("preference", f"{c.s} gave up {v}", None, 0.75, ends=Ending(value=thing)) if thing else None


def back_in_place(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I'm back in Glasgow", "back in Dublin since June": home again; without a subject only a "since" says it is
    home and not a visit ("back in Paris yesterday")."""
    if m.group("s") is None and (c.date is None or (c.date.prep or "").lower() != "since"):
        return None
    if m.group("s") is not None and c.date is not None and (c.date.prep or "").lower() != "since":
        return None  # "I'm back in Leeds next week": a trip
    return Fact("identity", f"{c.s} lives in {reflect(m.group('v'))}", "location", 0.8)


def birthday_age(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "it was my 35th birthday yesterday", "today is my 40th birthday": the new age; "it's my 40th
    birthday next week" is not yet (a date other than today after a present tense)."""
    past = m.group("lead").lower() in ("it was", "yesterday was", "was")
    if c.date is not None and not past and not c.date.relative_today:
        return None
    return Fact("identity", f"{c.s} is {m.group('n')} years old", "age", 0.8)


def traded(m: re.Match[str], c: Ctx) -> Fact:
    """ "traded the Volvo in for a Kia EV6": the new car, and the old one ended."""
    new = reflect(m.group("new").strip(" ,.!"))
    return Fact("fact", f"{c.s} drives {'an' if new[:1].lower() in 'aeiou' else 'a'} {new}", "car", 0.8,
                ends=Ending(attribute="car", value=m.group("old").split()[0]))


def membership_ended(m: re.Match[str], c: Ctx) -> Fact:
    """ "cancelled my PureGym membership": no longer a member there."""
    v = reflect(m.group("v").strip())
    return Fact("preference", f"{c.s} cancelled their {v} membership", None, 0.75, ends=Ending(value=v))


PHONES = r"(?:iphone|pixel|galaxy|samsung|android|oneplus|nokia|motorola|xiaomi|fairphone|blackberry)"
ORG = r"(?P<v>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*){0,2})"
APPS = r"(?:e-?mail|phone|text|sms|whatsapp|signal|telegram|slack|(?:microsoft )?teams|discord|linkedin|messenger" \
       r"|imessage|skype|zoom|instagram|facebook)"
COUNT = r"(?P<n>two|three|four|five|six|seven|[2-9])"


def favourite_listed(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "new all-time favourite film: Past Lives": a favourite told as a heading and its value."""
    v = reflect(m.group("v").strip(" ,.!"))
    if DEICTIC.match(v):
        return None
    thing = m.group("thing").lower()
    return Fact("preference", f"{c.pos} favourite {thing} is {v}", f"favorite:{thing}", 0.85)


def swapped(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "IT swapped my ThinkPad for a MacBook Pro": the new thing, and the old one ended."""
    old, new = reflect(m.group("old").strip()), reflect(m.group("new").strip(" ,.!"))
    if DEICTIC.match(new) or not key(old):
        return None
    return Fact("fact", f"{c.s} now has {'an' if new[:1].lower() in 'aeiou' else 'a'} {new}", None, 0.75,
                ends=Ending(value=old))


def jumped(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "made the jump to a Pixel 8": a switch; a phone is the phone slot whatever the brand
    ("phone" alone: a tool named "phone" would read as a contact channel)."""
    v = reflect(m.group("v").strip(" ,.!"))
    if DEICTIC.match(v) or not key(v):
        return None
    phone = re.match(PHONES, v, re.IGNORECASE)
    return Fact("preference", f"{c.s} switched to {v}", "phone" if phone else f"preference:{key(v)}", 0.75)


RULES: tuple[Rule, ...] = (
    rule("transition.back_in_place", r"^(?P<s>(?:i am|we are|i am now|we are now) )?back (?:home )?in " + PLACE
                                     + r"(?:,? \x00)?$", back_in_place),
    simple("transition.back_to_diet", r"^(?:(?:i am|i have gone|i went) )?back to (?:being )?(?:a |an )?"
                                      r"(?P<v>" + DIETS + r")(?: again)?$",
           "constraint", "{s} is {v}", "diet", 0.8),
    simple("transition.back_to_eating", r"^(?:(?:i am|we are) )?back (?:to )?eating (?P<v>meat|fish|dairy|eggs|pork"
                                        r"|beef|chicken)\b.*$",
           "constraint", "{s} eats {v} again", "diet", 0.8),
    rule("transition.birthday_age", r"^(?P<lead>it was|it is|it's|today is|yesterday was|today was|is|was) (?:my )?"
                                    + ORDINAL + r" birthday\b.*$", birthday_age),
    # ... or through its keys: "finally got the keys to our place in Leith"
    simple("transition.new_home", r"^(?:(?:(?:i|we) )?(?:have )?(?:finally |just |officially )?"
                                  r"(?:got|picked up|collected) (?:the|our) keys (?:to|for) (?:the|our|my) "
                                  r"(?:new |first )?"
                                  r"|(?:the|our|my) new )(?:place|flat|house|home|apartment|flatshare) (?:in|near) "
                                  + PLACE + r"(?: ?\x00)?(?: is\b.*)?$",
           "identity", "{s} lives in {v}", "location", 0.8),
    rule("transition.traded", r"^(?:(?:i|we) )?(?:have )?(?:just )?(?:traded|swapped|part-exchanged) (?:in )?"
                              r"(?:the |my |our )?(?:old )?(?P<old>" + CAR_BRANDS + r"\b[\w -]*?) (?:in )?for "
                              # "for an electric, a Kia EV6": the kind first, then the car
                              r"(?:(?:a |an )?(?:electric|hybrid|ev|diesel|petrol)(?: one)?,? )?"
                              r"(?:a |an )?(?:new |used )?(?P<new>" + CAR_BRANDS + r"\b.*)$", traded),
    rule("transition.membership_ended", r"^(?:(?:i|we) )?(?:have )?(?:just )?(?:cancell?ed|ended|quit) (?:my|our) "
                                        r"(?P<v>(?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?) (?:gym )?"
                                        r"membership\b.*$", membership_ended),
    simple("transition.now_that_works_at", r"^(?:now )?that (?:i am|i work|i am working|i have started) (?:at|for) "
                                           + ORG + r"(?: (?:the|my|and|so|i)\b.*)?$",
           "identity", "{s} works at {v}", "job", 0.8),
    simple("transition.back_to_office", r"^(?:they|we|work|my (?:boss|company|work|employer|job)|the (?:company|boss"
                                        r"|bosses)) (?:have )?(?:made|make|are making|forced|want) (?:us|me) (?:to )?"
                                        r"(?:go|come|return) back (?:to|into) the office\b.*$",
           "identity", "{s} works in the office", "work arrangement", 0.75),
    # "back in the office 4 days a week now" (the subject dropped): the arrangement now, with its days
    simple("transition.back_in_office", r"^(?:(?:i am|we are|i am now|we are now) )?back (?:in|at|to|into) the office"
                                        r"(?: (?P<n>(?:\d|one|two|three|four|five) days? a week))?(?:,.*)?$",
           "identity", "{s} works in the office {n}", "work arrangement", 0.75),
    simple("transition.baby_number", r"^(?:our |my )?baby (?:number |no\.? ?|#)" + COUNT
                                     + r" (?:arrived|is here|was born|came)\b.*$",
           "identity", "{s} has {n} children", "children", 0.8),
    simple("transition.bare_work_state", r"^(?P<v>freelancing|self-employed|retired|unemployed|between jobs)$",
           "identity", "{s} is {v}", "job", 0.75),
    simple("transition.channel_where", r"^(?P<v>" + APPS + r") is (?:where|how) (?:to |you "
                                       r"can )?(?:find|reach|contact|get hold of) (?:me|us)\b.*$",
           "preference", "{s} prefers to be contacted on {v}", "channel", 0.8),
    rule("transition.jumped", r"^(?:(?:i|we) )?(?:have )?(?:finally |just )?(?:made the (?:jump|switch|move)"
                              r"|jumped ship|upgraded|downgraded) (?:over )?to (?:a |an |the )?(?P<v>.+)$", jumped),
    rule("transition.favourite_listed", r"^(?:(?:my|our) )?(?:(?:new|current|latest|absolute) )?"
                                        r"(?:all-time |all time )?(?:favou?rite|fave?) (?P<thing>[\w' -]+?)"
                                        r"(?: (?:right now|rn|atm|these days|at the moment))?: (?P<v>.+)$",
         favourite_listed),
    rule("transition.swapped", r"^(?:(?:i|we|they|it|IT|work|my (?:boss|work|company)) )?(?:have )?(?:just )?"
                               r"swapped (?:my|our) (?:old )?(?P<old>(?-i:[A-Z])[\w-]+(?: (?-i:[A-Z])[\w-]+)?) for "
                               r"(?:a |an |the )?(?:new )?(?P<new>(?-i:[A-Z]).+?)"
                               r"(?: (?:on|last|this|yesterday|today)\b.*)?$", swapped),
    # "dropped" only with a course or a pastime after it: "dropped the kids at school" ends nothing
    rule("transition.ended", r"^(?:dropped (?=(?:the )?(?-i:[A-Z])|(?:the )?\w{3,}ing\b)|packed in |ditched "
                             r"|gave up (?:on )?"
                             # "I've gone off sushi": a liking that ended ("went off to uni" is a move)
                             r"|i (?:have |had )?(?:kind of |kinda |totally |completely |really )?(?:gone|went) off "
                             r"(?!(?:to|on|at|with|for|the rails|it|that|this|them|him|her)\b)"
                             # "quit cello in the autumn": a pastime; a job, a habit or a drug is read by its own rule,
                             # and "quit complaining" is no pastime (an -ing after "quit" is a habit of speech)
                             r"|quit (?!(?:my|the|their|his|her|a|an|alcohol|booze|caffeine|sugar|work|school|uni"
                             r"|college|it|that|this|there|here)\b|\w+ing\b))"
                             r"(?P<v>(?:[\w'-]+ ?){1,3}?)(?: ?\x00)?(?:,.*)?$"
                             r"|^no more (?P<v2>[\w -]+?) for (?:me|us)(?: now| any ?more)?$"
                             # "I'm no longer learning Spanish" (work, a home or a move is read by their own rules)
                             r"|^i am no longer (?P<v3>(?!(?:working|living|based|going|moving|staying|dating|seeing"
                             r"|with|at|in)\b)\w+ing [\w' -]+?)(?: any ?more)?$", ended),
    *products.RULES,  # a switch told through the product alone ("I'm on Bumble now")
    *called_off.RULES,  # a plan called off ("Japan is off")
)
