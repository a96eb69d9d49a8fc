"""Rules about tastes and standing instructions: favourites, likes and dislikes, fandom, habits,
small technical facts, and how the assistant should answer."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, group_value, rule, simple
from .dates import MONTHS, NOCASE
from .lexicon import CHANNELS, DEICTIC, DIETS, KIN_AND_PETS, LANGUAGES, PAST_IRREGULAR, PEOPLE
from .text import DATE_MARK, frequency_key, key, reflect, third_person


def _favourite(word: str) -> str:
    return "go-to" if word.lower() == "go-to" else "favourite"  # "fav", "fave", "favorite"


def favourite(m: re.Match[str], c: Ctx) -> Fact | None:
    if DEICTIC.match(m.group("v")):
        return None  # "my favourite song right now is this one": the thing in view, not a name
    thing = m.group("thing").lower()
    f, be = _favourite(m.group("f")), m.group("be").lower()
    return Fact("preference", f"{c.pos} {f} {thing} {be} {group_value(m)}", f"favorite:{thing}", 0.9)


def favourite_inverted(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v").strip()
    if DEICTIC.match(v) or re.match(r"^(?:what|which|who)\b", v, NOCASE):
        return None  # "This is my favourite song": about the conversation
    thing = m.group("thing").lower()
    return Fact("preference", f"{c.pos} {_favourite(m.group('f'))} {thing} {m.group('be').lower()} {reflect(v)}",
                 f"favorite:{thing}", 0.85)


def birthday(m: re.Match[str], c: Ctx) -> Fact:
    # a birthday recurs: keep the day and month, not the next occurrence's year
    v = f"{c.date.day.day} {MONTHS[c.date.day.month - 1].capitalize()}" if c.date else m.group("v").strip(" .!")
    return Fact("identity", f"{c.pos} birthday is on {v}", "birthday", 0.9)


def stack(m: re.Match[str], c: Ctx) -> Fact | None:
    thing = m.group("thing").lower()
    if thing in PEOPLE:
        return None
    how, p = m.group("how").lower(), m.group("p").lower()
    return Fact("fact", f"{c.pos} {thing} is {how} {p} {group_value(m, cut=False)}", thing, 0.8)


def thing_uses(m: re.Match[str], c: Ctx) -> Fact | None:
    thing = m.group("thing").lower()
    if thing in PEOPLE - {"team", "computer", "phone", "code"} or thing in KIN_AND_PETS - {"car", "bike"}:
        return None  # "my sister uses Instagram": someone else's fact
    return Fact("fact", f"{c.pos} {thing} {m.group('verb').lower()} {group_value(m, cut=False)}", thing, 0.8)


def not_like(m: re.Match[str], c: Ctx) -> Fact | None:
    if DEICTIC.match(m.group("v")):
        return None
    v = group_value(m, cut=False)
    verb = m.group("verb").lower()
    if m.group(0).lower().startswith(("i never", "we never")) and not m.group("more"):
        return Fact("preference", f"{c.s} never {verb}s {v}", f"preference:{key(v)}", 0.8)
    if m.group("more") or "no longer" in m.group(0).lower():
        return Fact("preference", f"{c.s} no longer {third_person(verb)} {v}", f"preference:{key(v)}", 0.8)
    return Fact("preference", f"{c.s} does not {verb} {v}", f"preference:{key(v)}", 0.8)


FAN_OF = r"(?:a (?:big |huge |massive |great |die-hard )?fan of|really into|into|fond of|obsessed with" \
          r"|passionate about|crazy about|keen on|big on|a sucker for|addicted to|hooked on)"


INTENSE = r"(?:more |much more |really |so |super |totally |very |pretty |quite |absolutely |such )?"


def what_it_is_to_me(m: re.Match[str], c: Ctx) -> Fact | None:
    """A taste said through what the thing is to the speaker: "dark chocolate is my weakness", "Earthsea is my comfort
    series", "this place is my go-to" (not "this", "it": the thing in view)."""
    v, what = group_value(m, cut=False), " ".join(m.group("what").lower().split())  # (not cut at "Who": "Dr. Who")
    if DEICTIC.match(v) or re.match(r"^(?:my|our|the (?:thing|problem|issue))\b", v, NOCASE):
        return None  # "my weakness in interviews is ...", "the thing is my weakness" say nothing of a taste
    if what in ("weakness", "guilty pleasure", "obsession", "addiction", "vice", "jam", "passion"):
        return Fact("preference", f"{c.s} loves {v}", f"preference:{key(v)}", 0.75)
    return Fact("preference", f"{c.pos} {what} is {v}", f"favorite:{what}", 0.75)


def habit(m: re.Match[str], c: Ctx) -> Fact | None:
    verb = m.group("verb")
    if verb.lower() in ("am", "was", "had", "do", "did", "will", "would", "get", "forget", "feel"):
        return None
    rest = group_value(m, "rest", cut=False)
    past = re.fullmatch(r"\w+ed|" + PAST_IRREGULAR, verb, NOCASE)  # "I never liked olives"
    return Fact("preference", f"{c.s} {m.group('adv').lower()} {verb if past else third_person(verb)} {rest}".strip(),
                 f"habit:{frequency_key(verb, rest)}", 0.75)


def drives(m: re.Match[str], c: Ctx) -> Fact:
    verb = m.group(0).split()[1].lower()
    return Fact("fact", f"{c.s} {third_person(verb)} {group_value(m)}", "car" if verb == "drive" else None, 0.75)


# instructions to the assistant: kept only when they are standing ones ("always", "in your answers", "in Spanish")
STANDING = re.compile(
    r"\b(?:always|never|ever|from now on|in future|every time|any ?more|again|in (?-i:[A-Z])\w+|units|spelling|tone"
    r"|jargon|emojis?|bullet points|markdown|formal|informal|casual|apologi[sz]\w*|verbose|brief|concise|short"
    r"|metric|imperial|celsius|fahrenheit|answers|replies|responses|explanations|recipes|meal plans|meals|suggestions"
    r"|in " + LANGUAGES + r")\b", NOCASE)


ONE_OFF = re.compile(r"\b(?:this|that|these|those|here|below|above|this time|for now|today|tonight)\b", NOCASE)


ASK = r"(?:keep|use|answer|reply|respond|write|format|avoid|address|speak|explain|include|give|show|be|talk|stick" \
       r"|call|assume|remind|tell|mention|add|cite|list|double-check|check)"


_BASE = {"using": "use", "adding": "add", "putting": "put", "writing": "write", "making": "make", "giving": "give",
         "calling": "call", "sending": "send", "including": "include", "saying": "say", "asking": "ask"}


def dont(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m, cut=False)
    first, _, rest = v.partition(" ")
    v = f"{_BASE.get(first.lower(), first)} {rest}".strip()  # "stop using bullet points": not to use them
    if not m.group("please") and not (STANDING.search(v) and not ONE_OFF.search(v)) or re.search(r"\byou\b", v):
        return None  # "don't worry about it", "stop the timer": one-off; "don't quit on what you love": advice
    return Fact("preference", f"{c.s} asks the assistant not to {v}", f"instruction:{key(v)}", 0.85)


def no_more(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("v").lower()
    if not STANDING.search(v) or ONE_OFF.search(v):
        return None  # "no problem", "no worries"
    return Fact("preference", f"{c.s} asks the assistant not to use {v}", f"instruction:use {key(v)}", 0.85)


def switched(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I switched from yoga to pilates": pilates now, and yoga no longer."""
    if DEICTIC.match(m.group("v")):
        return None
    v = group_value(m)
    old = reflect(m.group("old") or "").strip()
    ends = Ending(value=key(old)) if old and key(old) else None
    return Fact("preference", " ".join(f"{c.s} switched {'from ' + old if old else ''} to {v}".split()),
                f"preference:{key(v)}", 0.8, ends=ends)


def _object(v: str) -> str:
    """What an activity is about: "playing the drums" -> "drums", "using Facebook" -> "Facebook",
    "running after my injury" -> "running"."""
    v = re.sub(r"\s+(?:after|because|since|when|before|due to|for)\b.*$", "", v)
    rest = re.sub(r"^(?:\w+ing|live|work|play|eat|drink|use|do|go|be)(?: (?:in|at|for|as|to|with|on))? ", "", v)
    return key(rest if rest != v else v) or key(v)


def used_to(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I used to play the drums": a past fact (category ``fact``, whatever it was about) that ends the current
    one naming the same thing."""
    if c.date is not None or DEICTIC.match(m.group("v")) or re.match(
            r"^(?:be (?!a |an |" + DIETS + r"\b)|think|believe|say|know|feel|wonder|hate it|love it)\b", m.group("v"),
            NOCASE):
        return None  # "used to be better", "used to think so": no past fact about the speaker
    v = group_value(m)
    place = re.match(r"^live (?:in|near) (?P<v>.+)$", v)
    if place:  # "I used to live in Berlin": a past home
        return Fact("fact", f"{c.s} used to live in {place.group('v')}", None, 0.7,
                    ends=Ending(attribute="location", value=place.group("v")))
    work = re.match(r"^(?:work (?:at|for) (?P<org>.+)|be (?:a|an) (?P<job>.+))$", v)
    if work:  # "I used to be a teacher", "used to work at Acme": a past job
        return Fact("fact", f"{c.s} used to {v}", None, 0.7,
                    ends=Ending(attribute="job", value=work.group("org") or work.group("job")))
    return Fact("fact", f"{c.s} used to {v}", None, 0.7, ends=Ending(value=_object(v)) if _object(v) else None)


def no_longer_does(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I no longer use Twitter", "I don't play guitar anymore": what it names ends."""
    verb = (m.group("verb") or m.group("verb2")).lower()
    v = reflect((m.group("v") or m.group("v2")).strip(" ,.!"))
    if DEICTIC.match(v):
        return None
    thing = _object(v)
    return Fact("preference", f"{c.s} no longer {third_person(verb)} {v}", f"tool:{key(v)}" if verb == "use" else None,
                0.75, ends=Ending(value=thing) if thing else None)


def no_longer_into(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I'm no longer into pottery", "not into golf anymore": a pastime that ended, not a dislike."""
    v = reflect((m.group("v") or m.group("v2")).strip(" ,.!"))
    if DEICTIC.match(v):
        return None
    return Fact("preference", f"{c.s} is no longer into {v}", None, 0.75, ends=Ending(value=_object(v) or v))


def no_longer_speaks(m: re.Match[str], c: Ctx) -> Fact:
    """ "I don't speak French anymore": the language leaves the set of languages spoken."""
    lang = (m.group("v") or m.group("v2")).capitalize()
    return Fact("identity", f"{c.s} no longer speaks {lang}", None, 0.75,
                ends=Ending(attribute="languages", value=lang))


# pastimes one takes up ("I started running last month"), not whatever follows "started" ("started caring more")
PASTIMES = r"(?:running|jogging|swimming|climbing|bouldering|cycling|biking|painting|drawing|sketching|knitting" \
           r"|crocheting|baking|cooking|journaling|meditating|dancing|hiking|boxing|rowing|skating|skiing|surfing" \
           r"|gardening|sewing|singing|lifting|weightlifting|golfing|fishing|camping|volunteering|coding|blogging" \
           r"|birdwatching|woodworking|playing (?:the )?[\w-]+|doing (?:yoga|pilates|crossfit)|going to the gym" \
           r"|hitting the gym)"


def started_doing(m: re.Match[str], c: Ctx) -> Fact:
    """ "I started running last month": a pastime taken up, not a one-off happening; with a date behind it,
    how long it has been going on ("I started playing guitar five years ago": since 2019)."""
    v = m.group("v").lower()
    rest = re.sub(r"\b(?:about|around|roughly|some)\s*" + DATE_MARK, "", group_value(m, "rest"))  # "about a year ago"
    rest = rest.replace(DATE_MARK, "").strip()
    key_ = f"hobby:{key(f'{v} {rest}')}"
    if c.date is not None:  # "started" puts the date behind the message
        return Fact("preference", " ".join(f"{c.s} has been {v} {rest}".split()), key_, 0.75, dated=True,
                    date_prep="since")
    return Fact("preference", " ".join(f"{c.s} has started {v} {rest}".split()), key_, 0.75)


STOPPED_BY = re.compile(r"^(?:i|we) (?:have )?(?:just |finally )?(?:stopped"
                        r" (?:by|at|in|off|over|for|to|round|on the way)\b"
                        # "dropped the kids at school", "dropped my car off": a delivery, nothing given up
                        r"|dropped (?:off|by|round)\b|dropped (?:the |my |our |his |her )?[\w'-]+(?: [\w'-]+)? "
                        r"(?:off|at|round|by|with)\b)", re.IGNORECASE)


def gave_up(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I gave up guitar", "I stopped using Facebook": ends the current fact naming it."""
    using = m.group("v").lower().startswith("using ")
    if STOPPED_BY.match(m.group(0)):
        return None  # "stopped by the shop", "stopped to chat": a visit or a pause, nothing given up
    if c.date is not None and not using or DEICTIC.match(m.group("v")):
        return None  # dated: an event (the event rule ends it too); "stopped using X last year" is still a state
    v = group_value(m)
    thing = _object(v)
    if not thing:
        return None
    # "I quit my job at Deloitte": the job there ends; "my brother quit his job": his, whichever it was
    job = re.match(r"^(?P<pos>their|his|her) (?:job|position|role)(?: (?:at|with) (?P<org>.+))?$", v)
    if job:
        at = f" at {job.group('org')}" if job.group("org") else ""
        return Fact("identity", f"{c.s} quit {job.group('pos')} job{at}", None, 0.8,
                    ends=Ending(attribute="job", value=job.group("org") or "job"))
    content = f"{c.s} no longer uses {v[6:]}" if using else f"{c.s} gave up {v}"
    return Fact("preference", content, None, 0.75, ends=Ending(value=thing))


def please(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m, cut=False)
    v = v[:1].lower() + v[1:]  # "Keep your answers short" -> "keep answers short"
    if not STANDING.search(v) or ONE_OFF.search(v) or re.match(r"^(?:tell|wish|text|message|say hi to|greet) (?:my|our"
                                                                 r"|their) ", v, NOCASE):
        return None  # "please show me the code", "tell my brother happy birthday in Spanish": a one-off request
    attribute = "language" if re.search(r"\bin " + LANGUAGES + r"\b", v, NOCASE) else f"instruction:{key(v)}"
    return Fact("preference", f"{c.s} asks the assistant to {v}", attribute, 0.85)


RULES: tuple[Rule, ...] = (
    # how to reach the speaker, what they gave up or used to do, the language answers should be in
    simple("preference.channel", r"^(?P<v>.+?) (?:is|are) the best way to (?:reach|contact|get hold of) (?:me|us)\b.*$",
           "preference", "{s} prefers to be contacted by {v}", "channel", 0.8),
    simple("preference.channel_you", r"^i prefer (?:that )?you (?P<v>e-?mail|text|call|ring|phone|message|dm"
                                     r"|whatsapp) me\b.*$",
           "preference", "{s} prefers to be contacted by {v}", "channel", 0.8),
    simple("preference.channel_not", r"^i (?:never|rarely|hardly ever|do not|cannot) (?:pick up|answer|take|check|read"
                                     r"|reply to|respond to|listen to) (?:my |the |any )?"
                                     r"(?P<v>(?:phone )?calls|the phone"
                                     r"|e-?mails?|texts|voicemails?|voice notes|dms)\b.*$",
           "preference", "{s} never answers {v}", "channel", 0.75),
    simple("preference.lover", r"^i am (?:a |an )(?P<v>[\w'-]+(?: [\w'-]+)?) (?:addict|lover|nerd|geek|junkie|snob"
                               r"|enthusiast|fanatic|buff)$",
           "preference", "{s} loves {v}", "preference:{key}", 0.75, concrete=True),
    simple("preference.language", r"^(?:please )?(?:switch|change) to (?P<v>" + LANGUAGES + r")\b.*$",
           "preference", "{s} asks the assistant to answer in {v}", "language", 0.85),
    simple("preference.my_thing", r"^(?P<v>[\w' -]+?)(?:'s| is| are) (?:really |totally )?(?:my|our)"
                                  r" (?:new |latest )?(?:thing|jam|passion)$",
           "preference", "{s} loves {v}", "hobby:{key}", 0.75, concrete=True),
    rule("no_longer_does", r"^(?:i|we) (?:no longer (?P<verb>use|play|watch|drive|own|do|go to|practi[cs]e|ride)"
                           r" (?P<v>.+?)(?: any ?more)?|(?:do not|never) (?P<verb2>use|play|watch|drive|own|do|go to"
                           r"|practi[cs]e|ride) (?P<v2>.+?) any ?more)$", no_longer_does),
    # "I'm slowly getting into anime" (not into the car, bed, trouble or shape)
    simple("preference.getting_into", r"^i am (?:slowly |really |finally |just |also )?(?:getting|gotten) into"
                                      r" (?!(?:the |a |an |my |our )?(?:car|bus|train|taxi|cab|uber|plane|lift|pool"
                                      r"|water|sea|shower|bath|bed|house|office|building|room|queue|line|trouble|debt"
                                      r"|shape|character|a fight|an argument|habit)\b)(?P<v>.+)$",
           "preference", "{s} is getting into {v}", "preference:{key}", 0.75, cut=True, concrete=True),
    simple("preference.not_on", r"^i am not on (?:any )?(?P<v>social media|facebook|instagram|tiktok|twitter|x"
                                r"|linkedin|whatsapp|snapchat|threads|reddit|bluesky)\b.*$",
           "preference", "{s} is not on {v}", "tool:{key}", 0.75),
    rule("no_longer_into", r"^i am (?:no longer (?:really )?into (?P<v>.+?)(?: any ?more)?"
                           r"|not (?:really )?into (?P<v2>[^,]+?) any ?more)(?:,.*)?$", no_longer_into),
    rule("no_longer_speaks", r"^i (?:no longer speak (?P<v>" + LANGUAGES + r")(?: any ?more)?"
                             r"|(?:do not|cannot|can not) speak (?P<v2>" + LANGUAGES + r") any ?more)$",
         no_longer_speaks),
    rule("started_doing", r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:started|began) "
                          r"(?P<v>" + PASTIMES + r")\b(?P<rest>.*)$", started_doing),
    rule("used_to", r"^(?:i|we) used to (?P<v>.+)$", used_to),
    rule("gave_up", r"^(?:i|we) (?:have )?(?:just |finally )?(?:stopped|quit|gave up|given up|dropped)(?: on)?"
                    r" (?P<v>.+)$", gave_up),
    rule("favourite", r"^(?:my|our) (?:absolute |all-time |all time |new |current |latest )?(?P<f>favou?rite"
                      r"|fave?|go-to) (?P<thing>[\w' -]+?)(?: (?:at the moment|right now|these days|currently|lately))?"
                      r" (?P<be>is|are) "
           r"(?:now |still |probably |definitely )?(?P<v>.+)$", favourite),
    rule("favourite_inverted", r"^(?P<v>[\w' .&-]+?) (?P<be>is|are) (?:still |definitely )?(?:my|our) (?:absolute "
                               r"|all-time |all time |new |current |latest )?"
           r"(?P<f>favou?rite|fave?) (?P<thing>[\w' -]+?)(?: of all time| ever)?$", favourite_inverted),
    rule("birthday", r"^my birthday is (?:on )?(?P<v>.+)$", birthday),
    simple("identity.name", r"^(?:my|our) (?P<rel>[\w -]+?)(?:'s name is| is called| is named"
                            r"| goes by) (?P<n>(?-i:[A-Z])[\w'-]*)",
           "identity", "{pos} {rel}'s name is {n}", "name:{rel}", 0.9),
    simple("fact.port", r"^(?:my|our|the) (?P<thing>[\w -]+?) (?:runs|is running|listens|is listening|is|lives"
                        r"|is hosted) on port (?P<n>\d{2,5})\b",
           "fact", "{pos} {thing} runs on port {n}", "port:{thing}", 0.85),
    rule("stack", r"^(?:my|our) (?P<thing>[\w -]+?) (?:is|are) (?P<how>built|written|made|developed|implemented|hosted"
                  r"|deployed|running|based) (?P<p>with|in|on|using) (?P<v>.+)$", stack),
    simple("fact.is_on", r"^(?:i am|we are) (?:on"
                         r"|running) (?P<v>(?-i:[A-Z])[\w.+-]*(?: (?-i:[A-Z])[\w.+-]*)* v?\d[\w.]*)$",
           "fact", "{s} is on {v}", None, 0.75),
    simple("fact.deploys", r"^(?:i|we) (?P<verb>deploy|host|run|build|ship) (?P<v>(?:everything|it all|all of it|all "
                           r"(?:our|my) [\w -]+|(?:our|my) [\w -]+) (?:on|in|with|to) (?-i:[A-Z])[\w.+-]*"
                           r"(?: (?-i:[A-Z0-9])[\w.+-]*)*)$",
           "fact", "{s} {verbs} {v}", None, 0.7),
    simple("preference.setting", r"^(?P<v>[\w -]{2,30}?) (?P<adv>everywhere|always|by default|from now on|only),?"
                                 r" please$",
           "preference", "{s} wants {v} {adv}", "instruction:{key}", 0.8),
    simple("fact.runs", r"^(?:i|we) run (?P<v>(?-i:[A-Z])[\w.+-]*(?: (?-i:[A-Z]|\d)[\w.+-]*)*)$",
           "fact", "{s} runs {v}", None, 0.7),
    rule("thing_uses", r"^(?:my|our) (?P<thing>[\w -]+?) (?P<verb>uses|runs|is running|runs on|is on"
                       r"|has) (?P<v>(?-i:[A-Z0-9]).+)$", thing_uses),
    simple("preference.likes", r"^(?:i|we) (?:really |absolutely |just |kind of |kinda |do |truly |genuinely )?"
           r"(?P<verb>love|like|enjoy|adore|prefer|hate|dislike|detest|loathe) (?P<v>.+)$",
           "preference", "{s} {verbs} {v}", "preference:{key}", 0.8, concrete=True),
    simple("preference.can_t_stand", r"^i (?:really )?cannot stand (?P<v>.+)$",
           "preference", "{s} can't stand {v}", "preference:{key}", 0.8, concrete=True),
    simple("preference.loves", r"^i (?:just )?cannot get enough of (?P<v>.+)$",
           "preference", "{s} loves {v}", "preference:{key}", 0.8, concrete=True),
    simple("preference.finds", r"^i (?:really |honestly )?find (?P<v>.+?) (?P<adj>(?:really |so |very |super |pretty "
                               r"|quite |incredibly )?"
           r"(?:boring|tedious|annoying|overrated|relaxing|fascinating|fun|therapeutic|calming|stressful|exhausting"
           r"|interesting|rewarding|enjoyable|pointless|frustrating|soothing|inspiring))$",
           "preference", "{s} finds {v} {adj}", "preference:{key}", 0.75, concrete=True),
    rule("not_like", r"^(?:i|we) (?:really |honestly |just )?(?:do not|no longer|never) (?:really )?(?P<verb>like|love"
                     r"|enjoy) (?P<v>.+?)(?P<more> any ?more)?$", not_like),
    simple("preference.is_a_big_fan", r"^i am " + INTENSE + FAN_OF + r" (?P<v>.+?)(?: than .+)?$",
           "preference", "{s} is a big fan of {v}", "preference:{key}", 0.8, concrete=True),
    simple("preference.does_not_like", r"^i am not (?:really |much of |that |very |too )?" + FAN_OF + r" (?P<v>.+)$",
           "preference", "{s} does not like {v}", "preference:{key}", 0.8, concrete=True),
    simple("preference.is_a_big_fan_2", r"^i am (?:a |an )?(?:big |huge |massive |great |die-hard |diehard |lifelong "
                                        r"|life-long |long-time |longtime )?(?P<v>[\w'&. -]+?) (?:fan|supporter)"
                                        r"(?:,? (?:since|for) .+)?$",  # "... fan since I was a kid"
           "preference", "{s} is a big fan of {v}", "preference:{key}", 0.8, concrete=True),
    rule("what_it_is_to_me", r"^(?P<v>.+?) (?:is|are) (?:totally |definitely |honestly |kind of |kinda )?(?:my|our) "
                             r"(?:(?:biggest|greatest|one|only|secret|ultimate|absolute|total|big|favou?rite) )*"
                             r"(?P<what>weakness|guilty pleasure|obsession|addiction|vice|happy place|jam|passion"
                             r"|comfort (?:food|read|book|books|show|series|film|movie|watch|game|album|music|meal"
                             r"|drink|place)|go-to(?: [\w-]+)?)\W*$", what_it_is_to_me),
    simple("preference.channel_refused", r"^(?:please )?no (?:more )?(?P<v>" + CHANNELS + r")(?:,? please)?\W*$",
           "preference", "{s} does not want {v}", "avoid:{key}", 0.8),
    simple("preference.channel_suits", r"^(?P<v>" + CHANNELS + r") (?:is|are|works?) (?:way |much |a lot |far "
                                       r"|so much )?(?:better|easier|best) for me(?: than .+)?\W*$",
           "preference", "{s} prefers {v}", "channel", 0.8),
    # a channel returned to: "back to phone calls please" (the slot of "I prefer phone calls")
    simple("preference.channel_back", r"^(?:(?:let us |let's )?(?:go )?back to|switch(?:ing)? to) (?P<v>" + CHANNELS
           + r")(?:,? please)?\W*$", "preference", "{s} prefers {v}", "channel", 0.8),
    simple("preference.favorite_team", r"^(?:i|we) (?:support|root for|cheer for) (?P<v>(?:the )?(?-i:[A-Z]).+)$",
           "preference", "{s} supports {v}", "favorite:team", 0.8, cut=True),
    rule("switched", r"^(?:i|we) (?:have )?(?:just |recently |finally )?(?:switched|changed|moved over|converted) "
                     r"(?:from (?P<old>.+?) )?to (?P<v>.+)$", switched),
    simple("preference.hobby", r"^(?:i|we) (?:have )?(?:just |recently )?(?:took|taken|picked) up (?P<v>.+)$",
           "preference", "{s} has taken up {v}", "hobby:{key}", 0.75, cut=True, concrete=True),
    rule("habit", r"^i (?P<adv>always|never|usually|often|rarely|generally|normally|mostly|seldom|typically|regularly"
                  r"|mainly|frequently|occasionally|sometimes) (?P<verb>[a-z]+)(?P<rest>(?: .+)?)$", habit),
    simple("preference.habit", r"^i tend to (?P<verb>[a-z]+)(?P<v>.*)$",
           "preference", "{s} tends to {verb} {v}", "habit:{verb} {key}", 0.75),
    # (worn or needed as much as used: "I wear hearing aids", "I need glasses for reading")
    simple("constraint.mobility_aid", r"^i (?:use|wear|need|rely on) (?P<v>(?:(?:a|an) (?:wheelchair|cane|walker"
                                      r"|hearing aid|walking stick|mobility scooter)|(?:hearing aids|glasses|reading "
                                      r"glasses|contact lenses|contacts|crutches))\b.*)$",
           "constraint", "{s} uses {v}", "health:{key}", 0.85),
    simple("preference.uses", r"^(?:i am|we are) using (?P<v>[A-Z].+)$",
           "preference", "{s} uses {v}", "tool:{key}", 0.7, concrete=True),
    simple("preference.works_with", r"^(?:i|we) (?P<verb>use|work with|code in|program in) (?P<v>[A-Z].+)$",
           "preference", "{s} {verbs} {v}", "tool:{key}", 0.7, concrete=True),
    rule("drives", r"^i (?:drive|own|ride) (?P<v>(?:a|an) .+)$", drives),
    rule("dont", r"^(?P<please>please )?(?:do not|never|stop) (?!mind\b|worry\b|forget\b)(?P<v>\w+ .+?|\w+ing)"
           r"(?:,? please)?$", dont),
    rule("no_more", r"^(?:please,? )?no (?P<v>[\w -]+?)(?:,? please)?$", no_more),
    rule("please", r"^(?:please |i want you to |i need you to |i prefer (?:that )?you )?(?P<v>(?:always |from now on "
                   r"|in future )?"
           + ASK + r"\b.+?)(?:,? please)?$", please),
)
