"""What the speaker says of themselves in the short forms of chat, rewritten to a plain first-person clause.

Chat drops the subject ("trying to lose 10 kilos before may", "gonna start therapy next month", "spent 35
years as a postman"), packs a past state into a "when" clause ("back when I was a teacher I ...") and says a
taste through an idiom ("I could eat ramen every day", "tea over coffee, always"). Each rewrite below turns
one such form into the clause the rules already read; each is anchored at the start of a clause without a
subject, so a statement about someone else is never rewritten into one about the speaker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import DATE, NOCASE
from .identity import CAR_BRANDS
from .lexicon import DONE_THINGS, HEIGHT, JOB_WORDS, LANGUAGES, MASS, NAMED_PLACE
from .prefilter import Rewrites

# a date behind us: "last week", "two days ago"
_BEHIND = re.compile(r"\b(?:ago|last|yesterday|earlier|this morning|today|tonight)\b", NOCASE)
# a place: capitalised words ("Manchester", "New York")
_JOBS = "|".join(sorted(JOB_WORDS, key=len, reverse=True))
# makes of devices and cars, as people type them
DEVICES = r"(?:macbook|iphone|ipad|imac|kindle|thinkpad|chromebook|pixel|galaxy|surface|ps5|ps4|playstation|xbox" \
          r"|nintendo switch|fitbit|apple watch|garmin|airpods|dell|lenovo|hp laptop|" + CAR_BRANDS[3:-1] + ")"
DIET_FOODS = r"(?:meat|red meat|fish|pork|beef|dairy|gluten|nuts|peanuts|tree nuts|eggs|alcohol|shellfish|seafood" \
             r"|wheat|soy|sesame)"
# what one works towards: the verbs of a goal after "trying to" (not "trying to figure out what to cook")
# ("trying to save for a deposit" is read by the saving rewrite of text.py)
_GOAL_VERBS = (r"(?:get|lose|save(?! (?:up )?for)|learn|finish|quit|cut down|cut back|pass|run|become|pay off|stop"
               r"|give up|eat less|drink less|read|write|build|improve|sleep more|walk|swim|qualify|land|grow)")
# what "trying to get" may not go on with: the moment, not a goal ("trying to get this to work", "get some sleep")
_NOT_GOAL = r"(?:get (?:it|this|that|the hang|some|a bit|my head|through|back)|read (?:this|that|it)" \
            r"|write (?:this|that|it|a (?:message|reply|email|letter|speech|toast)))"
# a verb that is nothing without its object, followed by a time instead of one
_NEEDS_OBJECT = (r"(?:buy|visit|start|finish|get|learn|find|build|open|launch|write|make)\s+(?:in|by|before|after|next"
                 r"|this|soon|someday|one day|eventually)\b")


# the gerund of a goal's verb and its base form: "working on losing 10kg" -> "trying to lose 10kg"
_GERUND_GOALS = {"losing": "lose", "getting": "get", "saving": "save", "paying": "pay", "learning": "learn",
                 "improving": "improve", "building": "build", "quitting": "quit", "cutting": "cut", "eating": "eat",
                 "drinking": "drink", "reading": "read", "running": "run", "finishing": "finish"}


def _big_age(m: re.Match[str]) -> str:
    """ "hit the big 4-0 last week" is a new age; "hitting the big 5-0 in May" one ahead."""
    n = f"{m.group('d')}0"
    ahead = m.group("verb").lower().endswith("ing")
    return f"I am turning {n}{m.group('rest')}" if ahead else f"I turned {n}{m.group('rest')}"


def _native(m: re.Match[str]) -> str:
    how = {"native": " natively", "fluent": " fluently"}.get((m.group("q") or "").lower(), "")
    return f"I speak {m.group('l')}{how}"


# words before a trade that make a bare noun phrase about something else than the speaker's work (a verb, a
# determiner, or how good one is at it: "terrible cook" is no trade)
_NOT_MINE = frozenset((
    "i we you he she they it was were is am are be been have has had do did and or but if as like than the my your his"
    " her our their this that these those no not what such some any every one just so too very best worst fake future"
    " aspiring wannabe would-be designated favorite favourite old local new terrible bad awful rubbish hopeless lousy"
    " good great decent amazing excellent horrible useless natural born crap poor slow nervous anxious messy picky"
    " fussy brilliant shit a an").split())
# trades that are also everyday words ("boring admin", "the new model", "my agent"): not read bare
_BARE_JOBS = frozenset(JOB_WORDS - {"lead", "model", "admin", "agent", "rep", "owner", "worker", "officer"})
_FOR_NOW = re.compile(r"\b(?:today|tonight|tomorrow|this (?:week|weekend|morning|evening))\b", NOCASE)


def _bare_job(m: re.Match[str]) -> str:
    """ "freelance graphic designer here", "software dev at a fintech startup": the trade, with its article. The
    words are checked here, not in the pattern: a set lookup is cheaper than an alternation of all the trades."""
    v, o = m.group("v"), m.group("o") or ""
    words = v.lower().split()
    if not m.group("home") and (words[-1] not in _BARE_JOBS or any(w in _NOT_MINE for w in words[:-1])) \
            or _FOR_NOW.search(o):
        return m.group(0)
    if len(words) == 1 and not m.group("m"):
        return m.group(0)  # "nurse", "teacher in Leeds" alone: a word in a list or an ad, not yet said of oneself
    return f"I am {'an' if v[0].lower() in 'aeiou' else 'a'} {v}{o}"


def _gonna(m: re.Match[str]) -> str:
    """ "gonna start therapy next month": a plan, when it has a date; without one ("gonna make tea") it is the
    moment."""
    rest = m.group("rest")
    return f"I am going to {rest}" if DATE.search(rest) else m.group(0)


def _ahead(m: re.Match[str]) -> str:
    """A doing or an appointment with a date ahead is a plan; without one, or with a past date, it is left alone."""
    when = DATE.search(m.group("rest"))
    if when is None or _BEHIND.search(when.group(0)):
        return m.group(0)
    verb = m.group("v").lower()
    return f"I have {m.group('rest')}" if verb.startswith("got") else f"I am {verb} {m.group('rest')}"


def _both(m: re.Match[str]) -> str:
    """ "we are both teachers" -> "I am a teacher"; "we are both vegan" -> "I am vegan"."""
    words = m.group("v").split()
    last = words[-1].lower()
    if last.endswith("s") and last[:-1] in JOB_WORDS:
        head = " ".join([*words[:-1], words[-1][:-1]])
        return f"I am {'an' if head[0].lower() in 'aeiou' else 'a'} {head}"
    return f"I am {m.group('v')}"


def _when_past(m: re.Match[str]) -> str:
    """ "back when I was a teacher I used to ...": the past job or home is the lasting fact, the rest an anecdote
    of that time."""
    state = m.group("v")
    if m.group("verb").lower() in ("was", "were"):
        if state.split()[-1].lower().rstrip("s") not in JOB_WORDS:
            return m.group(0)  # "when I was a kid I ...": a time of life, not a past state
        return f"{m.group('s')} used to be {state}"
    return f"{m.group('s')} used to live in {state}"


def _shift(m: re.Match[str]) -> str:
    """ "I'm on the late shift", "I do nights": the shift one works."""
    kind = m.group("v") or m.group("p").lower().replace("earlie", "early")
    return f"{m.group('s')} work {kind} shifts"


# the kinds of person one is by habit or taste ("a dog person", "a window seat person")
_PERSON_KIND = (r"morning|night|evening|early|late|dog|cat|beach|city|mountain|gym|outdoors|indoors|people|coffee"
                r"|tea|winter|summer|window seat|aisle seat|sweet|savoury|savory|big picture|details|numbers|book|film"
                r"|movie")
REWRITES = Rewrites((re.compile(p, NOCASE), r) for p, r in (
    # an interjection before the statement is tone, not content: "ugh been vegan 3 yrs now"
    # (only before the subject-less forms read here: "ugh finally got the job" is left as it was)
    (r"^(?:ugh+|argh+|meh|welp|phew|ahh*|lol|haha\w*|man|tbf|ok+ay?),? (?=(?:been|trying|gonna|into|speak|spent"
     r"|no)\b)", ""),
    # a tone word at the end is no part of the statement: "thinking of moving to Lisbon tbh"
    (r",? (?:tbh|ngl|lol|lmao|haha\w*|tho|imo|tbf|fr|rn|atm|eek|yay|wooo*|omg|ugh|fwiw|btw|actually|to be honest"
     r"|mate|af)\b(?=\s*(?:[,.!?]|$))", ""),
    # a verdict on what was just said is no part of it: "been doing crossfit for 2 years, it changed my life"
    (r", (?:it|that|this|which)(?: has| have)? (?:changed|saved|ruined|made|makes|is|was|has been|feels|helps"
     r"|helped|keeps|kept)\b.*$", ""),
    # a consequence after "so" is no part of what one has: "I have 3 kids under 5 so time is not something I have"
    (r"^(?P<h>(?:i|we) (?:have|have got) (?:a|an|one|two|three|four|five|\d+) [^,]{3,40}?),? so "
     r"(?!(?:much|many|far|long|that|cute|big|small|old|young|lucky|well|badly)\b).*$", r"\g<h>"),
    # what one only drinks is what one prefers: "only drink pour over" ("I only eat halal" is a diet, read as one)
    (r"^(?:i )?only drink (?!(?:when|if|at|on|once|twice|a |one|when)\b)(?P<v>[\w' -]{2,30}?)\W*$",
     r"I prefer \g<v>"),
    # common misspellings of the words a diet or an allergy is read by: "im vegitarian", "alergic to nuts"
    (r"\bveg[ei]t[ae]?r[ie]an\b", "vegetarian"),
    (r"\b(?:vego|veggo|veggie)\b", "vegetarian"),  # "the only vego in my family" (Australian), "veggie since birth"
    (r"\bal+erg(?:ic|ick)\b", "allergic"),
    (r"\bal+erg(?:y|ie)\b", "allergy"),
    (r"\bintol+[ae]rr?ant\b", "intolerant"),
    # an allergy had "for"/"of" a thing, in a learner's words: "I have allergy for penicillin"
    (r"^(?P<s>i) (?:have|got) (?:an |a )?(?:bad |severe |mild )?allergy (?:for|of|with|to) ", r"\g<s> am allergic to "),
    # a learner's "I am work as", "I am live in": the verb meant
    (r"^(?P<s>i|we) (?:am|are) (?P<v>work|live|study|teach) (?=(?:as|in|at|for)\b)", r"\g<s> \g<v> "),
    # a learner's job without its article: "I am student of medicine", "I am engineer"
    (r"^(?P<s>i am) (?=(?:" + _JOBS + r")\b(?! (?:and|too|also|as well)\b))",
     lambda m: f"{m.group('s')} {'an' if m.string[m.end():m.end() + 1].lower() in 'aeiou' else 'a'} "),
    (r"^(?:i )?(?:really )?wanna (?=(?:learn|start|get|run|save|build|finish|visit|buy|write|move|become|quit)\b)",
     "I want to "),
    # a business one runs, said without the subject after another clause: "..., run a small cleaning business"
    (r"^(?:also |now )?run (?=(?:a|an|my|our) (?:[\w&-]+ ){0,3}(?:business|company|shop|cafe|café|restaurant|bakery"
     r"|salon|studio|agency|firm|practice|clinic|farm|pub|bar|b&b|charity|startup)\b)", "I run "),
    # the year of a course, said bare: "final year of law school", "second year at uni"
    (r"^(?:in )?(?:my )?(?P<y>first|second|third|fourth|final|last|1st|2nd|3rd|4th) year (?P<p>of|at) (?P<v>.+)$",
     r"I am in my \g<y> year \g<p> \g<v>"),
    (r"^(?:currently|now|still) doing (?=(?:a|an|my) (?:[\w-]+ )?(?:degree|course|masters|master's|phd|diploma"
     r"|bachelor's|apprenticeship)\b)", "I am doing "),
    # a training named by the trade: "an apprenticeship as an electrician" -> "an electrician apprenticeship"
    (r"\b(?:a|an) (?P<k>apprenticeship|traineeship|internship) as (?:a|an) (?P<r>[\w -]{3,30})$",
     lambda m: f"{'an' if m.group('r')[0].lower() in 'aeiou' else 'a'} {m.group('r')} {m.group('k')}"),
    # what both of a couple are, the speaker is: "my partner and I are both teachers" ("we are both ...")
    (r"^we are both (?P<v>.+)$", _both),
    # a goal without its subject: "trying to get my PhD done by June", "really trying to cut down on sugar"
    (r"^(?:(?:really|still|honestly|seriously|desperately) )?trying (?:hard |my best )?to (?!" + _NOT_GOAL
     + r"\b)(?=" + _GOAL_VERBS + r"\b)", "I am trying to "),
    # a plan without its subject, with its date: "gonna start therapy next month"
    # (not the chores of a day: "gonna try that recipe tomorrow", "gonna buy milk later")
    (r"^(?:gonna|gunna|going to) (?P<rest>(?:start|move|visit|quit|finish|begin|apply|fly|travel|join|sit"
     r"|get married|retire)\b.+)$", _gonna),
    # a goal or the work towards it without its subject: "hoping to get promoted", "working towards my CPA"
    # ("hoping to see you soon" is a courtesy: only a goal's verbs; "hoping to buy in the next 2 years" has lost what
    # it would buy: a verb that needs an object goes on with one)
    (r"^(?:(?:really|still) )?(?:(?P<h>hoping to) (?!" + _NOT_GOAL + r"\b)(?!" + _NEEDS_OBJECT + r")(?=(?:"
     + _GOAL_VERBS[3:-1]
     + r"|move|start|visit|buy|retire|go back)\b)|(?P<w>working towards?|studying for|revising for) (?=\w))",
     lambda m: f"I am {m.group('h') or m.group('w')} "),
    # a plan done "at last" is done finally (the tail "at last" is dropped later as tone): "Climbed Snowdon at last!"
    (r"^(?:(?:i|we) )?(?P<v>(?:ran|finished|completed|climbed|handed in|submitted|passed|sat|did) "
     r"(?:(?:my|our|the|a|an) (?:[\w-]+ ){0,3}?(?:" + DONE_THINGS + r")\b|(?-i:[A-Z])).*?),? at (?:long )?last\W*$",
     r"I finally \g<v>"),
    # a past doing without its subject: "served in the navy for 6 years", "studied law at Edinburgh", "booked flights";
    # a plan done ("finally ran the marathon last Sunday", "handed in my thesis yesterday"), a weight lost or put on
    (r"^(?:(?:just|finally|already) )?(?=(?:served in|studied (?!for\b)|trained as|booked (?:flights?|train tickets"
     r"|tickets|my|our|a (?:flight|cabin|hotel|holiday|trip))|(?:ran|finished|completed|climbed|handed in|submitted"
     r"|passed|sat|did) (?:my|our|the|a|an) (?:[\w-]+ ){0,3}?(?:" + DONE_THINGS + r")\b|climbed (?-i:[A-Z])"
     r"|(?:lost|put on|gained) (?:about |around |nearly |almost |over )?" + MASS + r"))",
     "I "),
    # a height said bare: "6 foot 5, so yes I hit my head on everything"
    (r"^(?=" + HEIGHT + r"(?: tall)?(?:,|\W*$))", "I am "),
    # weight put on is weight gained ("put" alone reads as no past): "put on 5kg over christmas"
    (r"^(?:(?:i|we) )?(?:have )?(?:just |already )?put on (?=(?:about |around |nearly |almost |over )?" + MASS + ")",
     "I gained "),
    # what one is, said as a bare label, perhaps with "here": "dog person tbh", "Arsenal fan since birth", "marmite
    # lover here", "night owl here" (a label of taste or habit only; not "big fan!", "nice person")
    (r"^(?:(?:a|an|another|fellow|proud|lifelong|die-?hard|total|massive|huge|big) )*(?!(?:the|this|that|what|which"
     r"|who|any|some|every|no|one|same|other|my|your|his|her|their|our|a|an|big|huge|massive|total|real|true|such|so"
     r"|very|absolute|complete|super|fellow|proud)\b)(?P<v>(?:" + _PERSON_KIND + r") person|(?:[\w'&-]+ ){1,2}(?:lover"
     r"|fan|supporter|drinker|addict|junkie)|night owl|early (?:bird|riser))(?: here)?(?:,.*|\s+(?:tbh|honestly|always"
     r"|for life|through and through|since\b|all the way|lol|haha|obviously).*)?$",
     lambda m: f"I am {'an' if m.group('v')[0].lower() in 'aeiou' else 'a'} {m.group('v')}"),
    # a pet parent, said as such: "cat mum to three rescues", "proud dog dad of two" (how many is what is kept)
    (r"^(?:(?:a|proud|crazy|full[- ]time) )*(?P<p>cat|dog|bunny|rabbit) (?:mum|mom|mam|mama|dad|daddy|parent|lady|guy)"
     r" (?:to|of) (?P<n>a|an|one|two|three|four|five|six|\d)\b(?: (?P<w>rescues?))?.*$",
     lambda m: f"I have {m.group('n')} {'rescue ' if m.group('w') else ''}{m.group('p').lower()}"
               f"{'' if m.group('n').lower() in ('a', 'an', 'one', '1') else 's'}"),
    # a side taken, said bare: "team cats 🐱", "team Edward all the way" (not "team meeting", "team building")
    (r"^team (?P<v>(?!(?:meeting|building|work|player|leader|lunch|spirit|effort|talk|chat|sport|event|members?|mates?"
     r"|captain|sheet|photo|call|drinks|night|outing|day)\b)[a-z][\w-]+)(?:\s+(?:all the way|forever|always|tbh"
     r"|obviously|100%|for life))?\W*$", r"I prefer \g<v>"),
    # a weight reached, said bare: "down to 80kg!!", "finally under 90kg for the first time in years"
    (r"^(?:i am |we are )?(?:(?:finally|now|officially|just) )*(?:(?:back )?down to |(?P<u>under |below ))(?P<v>" + MASS
     + r").*$", lambda m: f"I weigh {'under ' if m.group('u') else ''}{m.group('v')}"),
    # what lies ahead, said without the subject and with its date: "handing in my notice on monday", "got a job
    # interview next thursday"
    (r"^(?:(?:just|finally|officially) )?(?P<v>handing in|quitting|retiring|applying for|sitting|moving|switching"
     r"|got(?= (?:a|an|my) (?:[\w-]+ )?(?:interview|appointment|exam|test|assessment|scan|operation|surgery)\b))"
     r" (?P<rest>.+)$", _ahead),
    # a big decision being weighed, without the subject: "thinking about doing a masters next year"
    (r"^(?:(?:really|seriously|kinda|kind of) )?(?:thinking (?:about|of)|considering) (?=(?:moving|quitting|retraining"
     r"|retiring|becoming|studying|learning|switching|changing careers|applying|going back|doing a|starting a|buying a"
     r"|selling|getting a (?:dog|cat|puppy|kitten|degree|masters))\b)", "I am thinking about "),
    (r"^(?:(?:still|currently) )?saving (?:up )?for (?=(?:a|an|my|our|the) )", "I am saving for "),
    # a bad joint said in chat words: "I've got a dodgy knee"
    # (subject and verb may both be dropped: "dodgy knee from my rugby days")
    (r"^(?!.*\b(?:today|tonight|this morning|this week|right now|atm)\b)(?:(?:(?P<s>i) )?(?:have|have got|got) )?"
     r"(?:a )?(?:dodgy|gammy|wonky|weak|busted|bum|crook|terrible|really bad|bad) "
     r"(?P<v>back|knee|hip|shoulder)\b.*$", r"I have a bad \g<v>"),
    # a past role said bare: "retired nurse, 68", "ex-teacher here"
    # (a former role is a past job, not the job now)
    (r"^(?:a |an )?(?:(?P<w>retired|former) |(?P<x>ex-|ex ))(?P<v>(?:[\w-]+ )?(?:" + _JOBS + r"))(?: here)?\W*$",
     lambda m: f"I {'am a retired' if (m.group('w') or '').lower() == 'retired' else 'used to be a'} {m.group('v')}"),
    (r"^(?:i was )?formerly (?:a |an )(?P<v>(?:[\w-]+ )?(?:" + _JOBS + r"))\W*$", r"I used to be a \g<v>"),
    # ... and a past service: "ex-army, did two tours", "former RAF" (the forces are no trade noun)
    (r"^(?:a |an )?(?:ex-|ex |former )(?P<v>army|navy|raf|military|forces|marines|police|royal navy|air force)"
     r"(?: here)?\W*$", r"I used to serve in the \g<v>"),
    # a trade said as a bare noun phrase, the subject and the verb dropped: "freelance graphic designer here",
    # "software dev at a fintech startup", "second year law student at Edinburgh" (not "the barista at my local
    # is rude": a determiner or a verb makes it someone else, or a statement about the thing)
    (r"^(?!(?:i|we|you|he|she|they|it|its|my|our|your|his|her|their|the|this|that|there|so|and|but|what|how|why"
     r"|when|where|who|is|are|do|did|was|can|have|has|not|no|yes|yeah|oh|ok|okay|thanks|thank|lol|haha|wow|hi|hey"
     r"|hello|me)\b)(?:a |an )?(?P<v>(?P<home>stay[- ]at[- ]home (?:mom|mum|dad|parent))"
     r"|(?:(?!(?:at|for|in|with|here|by)\b)[\w-]+ ){0,3}(?!(?:here|by)\b)[\w-]+)"
     r"(?P<o> (?:at|for|in|with) (?!heart\b|home\b|training\b|(?:the|my) (?:moment|time|weekend|end)\b"
     r"|(?:my|our|his|her|their|your)\b)[\w&'. -]{2,40}?)?(?P<m> here| by trade)?\W*$", _bare_job),
    # a dislike said through what the thing is not: "jazz is not my cup of tea", "camping is not for me"
    (r"^(?P<v>(?!(?:it|this|that|he|she|they|you|which|what|there|today|life|work|my|the (?:thing|problem|issue))\b)"
     r"[\w'&. -]{2,30}?) (?:is|are) (?:not|no longer|never been) (?:really |exactly |quite |totally |at all )?"
     r"(?:my (?:cup of tea|thing|scene|kind of thing|jam|bag)|for me)\W*$", r"I do not like \g<v>"),
    # a home said in chat's other words: "I stay in Bandra" (Indian English: live), "we're Melbourne based",
    # "a Kiwi living in Perth", "our flat in Leith is tiny", "back home in Cork we ...", "my native place is Kerala",
    # "spent most of my childhood in Nairobi" (a stay is not a home: "stay in Rome tonight", "until", "for a week")
    (r"^(?P<s>i|we) stay in (?=" + NAMED_PLACE + r"\b)(?!.*\b(?:tonight|this week|this weekend|for now|until|till"
     r"|while|when|whenever|overnight|for (?:a|the|one|two|three|few|\d+) (?:nights?|days?|weeks?))\b)",
     r"\g<s> live in "),
    (r"^(?:(?:i am|we are) )?(?P<v>" + NAMED_PLACE + r")[- ]based\W*$", r"I am based in \g<v>"),
    # (a demonym, with or without its article: "Brummie living in Leeds"; not a name: "Anna living in Leeds")
    (r"^(?:just )?(?:(?:a|an) (?-i:[A-Z])[\w-]+|(?-i:[A-Z])[\w-]+(?:ie|er|ian|ese|ish|ite|i)) (?:living|based) in "
     r"(?=" + NAMED_PLACE + r")", "I am living in "),
    (r"^(?:i |we )?call (?P<v>" + NAMED_PLACE + r") home\b.*$", r"I live in \g<v>"),
    (r"^(?:my|our) (?:(?:little|tiny|small|rented|shared|cosy|cozy|two-bed|one-bed|three-bed|studio|new) )*(?:flat"
     r"|house|apartment|place|condo|bungalow|cottage|terrace|townhouse) in (?P<v>" + NAMED_PLACE + r")\b"
     r"(?!.*\b(?:sold|selling|for sale|on the market|holiday|airbnb|rent(?:ed)? (?:it )?out|let out|was|used to)\b)"
     r".*$", r"I live in \g<v>"),
    # (a clause about life there must follow: "back home in Galway since the spring" is a return, read elsewhere)
    (r"^back home in (?P<v>" + NAMED_PLACE + r"),? (?=(?:nobody|no one|everyone|everybody|people|folks|they|we|you"
     r"|my|our|the|it|there)\b).*$", r"I am originally from \g<v>"),
    (r"^(?:my )?native (?:place|town|village|city|country|land) is (?=" + NAMED_PLACE + r")", "I am from "),
    (r"^(?:i )?spent (?:most |much |all |part |a lot )?(?:of )?my (?:childhood|early years|school years|youth|teens"
     r"|formative years) in (?=" + NAMED_PLACE + r")", "I grew up in "),
    # a trade said through what one does at it: "been driving a cab for 20 years", "drive a bus for a living"
    (r"^(?:i )?(?:have been driving|been driving|drive) (?:a |an )?(?P<v>cab|taxi|bus|lorry|truck|forklift|ambulance"
     r"|train|tram|uber) (?:for (?:a living|work|(?:over |nearly |almost |about )?\w+ (?:years|decades))"
     r"|professionally)\b.*$", r"I am a \g<v> driver"),
    # an employer said with how long: "been at Tesco nearly 8 years now" (not "been at Glastonbury all weekend")
    (r"^(?:i )?(?:have )?been at (?P<v>(?:the )?(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*),? (?:for )?"
     r"(?:nearly |almost |over |about |around |just over |just under )?(?:\w+|\d+) (?:years?|yrs?|months?)\b.*$",
     r"I work at \g<v>"),
    # shifts worked at a place are the workplace: "arvo shifts at Bunnings again", "night shifts at the Co-op"
    (r"^(?:(?:arvo|afternoon|morning|night|late|early|weekend|evening|day|double|long|extra) )?shifts at "
     r"(?P<v>(?:the )?(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*)(?: again| now| mostly| these days)?\W*$",
     r"I work at \g<v>"),
    # a degree said the Indian English way: "doing my engineering from VIT", "did my MBA from IIM"
    (r"^(?:i am |i )?(?:doing|pursuing) my (?P<v>engineering|b\.?tech|m\.?tech|mba|b\.?com|m\.?com|bsc|msc|ba|ma"
     r"|mbbs|phd|masters|bachelors|degree|graduation|post-?graduation|diploma|law|medicine|nursing|pharmacy"
     r"|[\w-]+ degree) (?:from|at) (?=(?-i:[A-Z]))", r"I am studying \g<v> at "),
    # an age said the learner's way or bare: "me 34 years old", "34 y/o here"; a round one: "hit the big 4-0 last
    # week"; an age before what it makes one: "at 19 I'm the youngest on my team"
    (r"^(?:me |i )?(?P<n>[1-9]\d) ?(?:years? old|yrs? old|yo|y/o|y\.o\.)(?: here| btw| now)?\W*$",
     r"I am \g<n> years old"),
    (r"^(?:i )?(?:(?:just|finally|officially) )?(?P<verb>hit|turned|reached|hitting|turning|reaching) the big "
     r"(?P<d>[1-9])-?(?:0|oh)\b(?P<rest>.*)$", _big_age),
    (r"^at (?P<n>[1-9]\d),? i am\b.*$", r"I am \g<n> years old"),
    # a language said through the speaker or how good it is: "native Welsh speaker", "can get by in Spanish",
    # "my Hindi is ok" (not "my Spanish is terrible": how bad says little of speaking it)
    (r"^(?:i am )?(?:a )?(?:(?P<q>native|fluent|first-language) )?(?P<l>" + LANGUAGES + r") speaker(?: here| myself)?"
     r"\W*$", _native),
    (r"^(?:i am )?(?:bilingual|trilingual|fluent) in (?=" + LANGUAGES + r"\b)", "I am fluent in "),
    (r"^(?:i )?can (?:just about |kind of |kinda )?(?:get by|manage|hold a conversation|read and write|get along"
     r"|muddle through) in (?P<l>" + LANGUAGES + r")\b.*$", r"I speak some \g<l>"),
    (r"^my (?P<l>" + LANGUAGES + r") is (?:(?:pretty|quite|really|much|very|a lot|still|fairly|reasonably|now) )*"
     r"(?:ok|okay|good|decent|fluent|rusty|basic|better|great|passable|conversational|not bad|alright|fine|solid"
     r"|native|native-level)\b.*$", r"I speak \g<l>"),
    # a condition said without the subject: "suffer from migraines", "living with MS since my twenties" (not "living
    # with my parents": only a condition), "bad hayfever every summer"
    (r"^(?:(?:also|still) )?suffer from (?=\w)", "I suffer from "),
    (r"^(?:(?:i am|i have been|have been|been) )?living with (?P<v>(?:chronic |type [12] |long )?(?:(?-i:[A-Z]{2,5})"
     r"|[\w'-]+ (?:disease|syndrome|disorder|pain|fatigue|arthritis)|diabetes|arthritis|epilepsy|asthma|depression"
     r"|anxiety|endometriosis|fibromyalgia|lupus|cancer|covid|tinnitus|migraines|psoriasis|eczema|parkinson's"
     r"|crohn's|dementia))\b.*$", r"I have \g<v>"),
    (r"^(?:(?:really|super|pretty) )?(?:bad|terrible|awful|chronic|severe|horrendous) (?P<v>hay ?fever|asthma|eczema"
     r"|migraines|acid reflux|insomnia|arthritis|back pain|tinnitus|psoriasis|ibs|sciatica|allergies)"
     r"(?: (?:every|each|in) (?:summer|spring|winter|autumn|year))?\W*$", r"I have bad \g<v>"),
    # where one comes from, said as who one is: "just a small town girl from Ohio", "a lad from Leeds", "NYC native",
    # "originally a Jersey girl"
    (r"^(?:a |an )?(?:proud |born )?(?P<v>" + NAMED_PLACE + r") native(?: here)?\W*$", r"I am from \g<v>"),
    # (with its article or "proud": bare, a capital at the start is only the sentence's, "Birthday girl")
    (r"^(?:(?:originally |just )?(?:a |an )|(?:a |an )?proud )(?!(?:Bond|Spice|Gilmore|Gibson|Material|Golden|Cover|It"
     r"|Birthday)\b)(?P<v>"
     + NAMED_PLACE + r")(?: girl| boy| lad| lass| gal| guy)(?: at heart)?\W*$",
     r"I am from \g<v>"),
    (r"^(?:just |only )?(?:a |an )(?:[\w-]+ ){0,3}(?:girl|guy|boy|lad|lass|kid|woman|man|bloke|gal|dude|chap)"
     r" from (?P<v>" + NAMED_PLACE + r")\W*$", r"I am from \g<v>"),
    # a habit said without the subject, with how often: "swim 3x a week", "play squash every Tuesday"
    (r"^(?P<v>swim|run|cycle|jog|climb|lift|box|row|skate|surf|hike|paint|meditate|dance|play [\w-]+|go to the gym"
     r"|go running|go swimming|go climbing) (?=(?:\d ?x a |\d ?x per |once a|twice a|three times|four times"
     r"|five times|every (?:day|morning|evening|night|weekend|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b)",
     r"I \g<v> "),
    # what one's free time is for: "weekends are for bouldering", "Sundays are for long walks"
    (r"^(?:my )?(?P<t>weekends|sundays|saturdays|evenings|mornings) are (?:for|all about) "
     r"(?P<v>(?:[\w-]+ )?[\w-]+(?:ing|s)\b[\w' -]{0,30}?)\W*$", r"I love \g<v> on \g<t>"),
    # a food that would kill the speaker is an allergy: "peanuts will literally kill me"
    (r"^(?P<v>peanuts|nuts|tree nuts|shellfish|prawns|sesame|eggs|dairy|gluten|kiwi|strawberries|fish|bees|wasps"
     r"|bee stings|penicillin) (?:will|would|could|can) (?:literally |actually )?kill me\b.*$",
     r"I am allergic to \g<v>"),
    # a partner one is promised to, said without the subject: "engaged to my high school sweetheart"
    (r"^(?:(?:just|recently|newly|happily) )?(?P<d>married|engaged) to (?=(?:my|a|an|the|(?-i:[A-Z]))\b)",
     r"I am \g<d> to "),
    # not drinking at all, said without the subject: "don't drink" (not "don't drink and drive", "don't drink that")
    (r"^(?:i )?(?:do not|dont|never) drink(?: alcohol| at all| booze)?\W*$", "I do not drink alcohol"),
    # a trade trained for, or the learning of a skill, said without the subject: "studying to be a nurse", "still
    # learning to drive"
    (r"^(?:(?:still|currently) )?(?P<v>studying|training|learning) to (?=(?:be|become|drive|swim|code|cook|read)\b)",
     r"I am \g<v> to "),
    # out of work, said the British way: "currently on the dole"
    (r"^(?:(?:currently|still|now) )?on the dole\W*$", "I am unemployed"),
    (r"\btee[- ]total\b", "teetotal"),
    # a goal said through the work on it: "working on losing 10kg before the wedding"
    (r"^(?:(?:really|still|currently) )?working on (?P<g>" + "|".join(_GERUND_GOALS) + r") (?=\w)",
     lambda m: f"I am trying to {_GERUND_GOALS[m.group('g').lower()]} "),
    # a taste without its subject: "into bouldering lately", "big into board games" (not "into the bin it goes")
    (r"^(?:(?:really|very|super|big|totally|so|very much|quite) )?into (?!(?:the|a|an|it|this|that|my|your|his|her"
     r"|our|their|town|work|bed|account)\b)(?=[a-z])", "I am into "),
    # the languages one speaks, said bare: "speak fluent Polish and some German"
    # (not a request: "speak English please", "speak Spanish to me")
    (r"^speak (?=(?:(?:fluent|some|a bit of|a little|basic|good|decent|native|conversational) )?" + LANGUAGES
     + r"\b(?!.*\b(?:please|pls|plz|to me|with me|from now on)\b))", "I speak "),
    # a home held for a while, said bare: "been in Manchester since uni" (not "been in Rome all week")
    # ("been in London since Monday" is a stay: only since a year or a time of life)
    (r"^(?:have )?been (?:living |based )?in (?=" + NAMED_PLACE + r" (?:since (?:(?:19|20)\d\d|uni|university|college"
     r"|school|birth|childhood|forever|(?:i|we) (?:was|were|moved|left|got))|for (?:\w+ )?(?:years?|decades?|ages))\b)",
     "I have been in "),
    # years spent in a role: "spent 35 years as a postman" -> "I was a postman for 35 years"
    # ... or in the forces: "spent 10 years in the army"
    (r"^(?:i )?spent (?P<d>(?:over |almost |nearly |about )?[\w-]+ (?:years|decades)) in the (?P<v>army|navy|raf"
     r"|military|forces|marines|police|royal navy|air force)\b.*$", r"I served in the \g<v> for \g<d>"),
    (r"^(?:i )?spent (?P<d>(?:over |almost |nearly |about )?[\w-]+ (?:years|decades)) as (?P<v>(?:a|an) [\w -]+?)"
     r"(?P<t> (?:at|in|for) .+)?$", r"I was \g<v>\g<t> for \g<d>"),
    # "back when I was a teacher I ...", "when I lived in Japan I taught English": a past state, the rest its time
    (r"^(?:back )?when (?P<s>i|we) (?P<verb>was|were|lived in) (?P<v>(?:a |an )?[\w -]+?),? (?:i|we) "
     r"(?:used to|\w+ed|was|were|taught|spent|had|got|went|did)\b.*$", _when_past),
    # a year of birth before the place: "I was born in 1990 in Nairobi" is where one was born
    (r"^(?P<s>i) was born in (?:19|20)\d\d(?:,)? in (?=" + NAMED_PLACE + r"\W*$)", r"\g<s> was born in "),
    # a food one could live on is a food one loves: "I could eat ramen every day" (not "I could eat a horse")
    (r"^(?P<s>i|we) could (?:happily |honestly |literally )?(?:eat|live on|drink) (?P<v>(?!a |an |the )[\w' -]{2,30}?)"
     r" (?:every (?:single )?day|every meal|for every meal|forever|all day every day|for the rest of my life)"
     r"(?: of my life)?\W*$", r"\g<s> love \g<v>"),
    # one thing preferred over another, said bare with "always": "tea over coffee, always"
    (r"^(?P<a>[a-z][\w -]{1,20}?) over (?P<b>[a-z][\w -]{1,20}?),? (?:always|every time|any day|every day|100%)\W*$",
     r"I prefer \g<a> over \g<b>"),
    # a shift one works, said with "on"/"do": "I'm on nights", "I do the early shift"
    # ("I work nights" is read as it is said)
    (r"^(?P<s>i|we) (?:(?:am |are )?on|do|work) (?:the )?(?:(?P<v>night|early|late|day|evening|weekend|graveyard)"
     r" shifts?|(?<!work )(?P<p>night|late|earl(?:y|ie))s)\b"
     r"(?!.*\b(?:today|tonight|tomorrow|this (?:week|month)|for now|at the moment)\b).*$", _shift),
    # a part of the body that has been bad: "my back's been bad since the surgery" (not "my back hurts today")
    (r"^my (?P<v>back|knee|hip|shoulder) (?:is|has been|has always been) (?:really |pretty |quite |so "
     r"|very )?(?:bad|dodgy|weak|terrible|awful|shot|wrecked|messed up|not great)\b.*$", r"I have a bad \g<v>"),
    (r"^my (?P<v>knees|hips|joints) (?:are|have been) (?:starting to go|giving me (?:trouble|grief)|playing up"
     r"|not what they were)\b.*$", r"I have bad \g<v>"),
    # a budget, said bare or with how tight: "on a pretty tight budget", "budget about 3k"
    (r"^(?:(?:i am|we are) )?on a (?:(?:pretty|very|really|super|quite) )+(?=(?:tight|strict|small|limited) budget\b)",
     "I am on a "),
    (r"^(?:my |our )?budget (?:is )?(?P<q>about |around |roughly |max |under |up to |of |like )?"
     r"(?P<v>[£$€]?\d[\d,.]*k?\b.*)$", r"my budget is \g<q>\g<v>"),
    # what the speaker has not, said without the subject: "don't have a car", "dont own a telly"
    (r"^(?:i )?(?:do not|dont|never) (?:have|own) (?:a|an) (?P<v>car|tv|telly|smartphone|garden|dishwasher"
     r"|microwave|oven|bike)\b.*$", r"I do not have a \g<v>"),
    # a job left for another is the new job: "finally quit to become a potter", "left law to be a teacher"
    (r"^(?:after [\w -]+?,? )?(?P<s>i|we) (?:(?:finally|just|recently|eventually) )*(?:quit|left)(?: (?:my|the|a) "
     r"(?:[\w-]+ )?(?:job|career)| [\w-]+)? to (?:become|be|work as) (?P<v>(?:a|an) [\w -]+)$", r"\g<s> am \g<v>"),
    # a faith or diet stated before what follows from it: "I'm muslim so halal only please"
    (r"^(?P<h>i am (?:(?:strictly|practising|practicing|devout|observant) )?(?:muslim|jewish|hindu|sikh"
     r"|buddhist|christian|catholic|orthodox)),? so\b.*$", r"\g<h>"),
    # a softener after "not" keeps the denial: "I'm not really a morning person"
    (r"^(?P<s>i am|we are) not (?:really|exactly|totally|entirely|particularly) (?=(?:a|an) )", r"\g<s> not "),
    # how good one is at a thing is no job: "I'm a terrible cook", "I'm a decent driver"
    (r"^i am (?:a |an )(?:(?:really|pretty|very|quite|such a|an?) )*(?:terrible|bad|awful|rubbish|hopeless|lousy|good"
     r"|great|decent|amazing|excellent|horrible|useless|natural|born|crap|poor|slow|nervous|anxious|messy|picky"
     r"|fussy) (?:[\w-]+ )?(?:cook|driver|singer|dancer|writer|artist|baker|student|teacher|gardener|photographer"
     r"|designer|programmer|coder)\b.*$", ""),  # (only job nouns: "a picky eater" stays a habit)
    # a degree done, without the subject: "did my degree in Newcastle"
    (r"^did (?=(?:my|a|an) (?:[\w-]+ )?(?:degree|masters|master's|phd|undergrad|bachelor's|diploma|apprenticeship"
     r"|training)\b)", "I did "),
    # a hobby named as such: "my hobby is to play chess", "my main passion is sailing"
    (r"^my (?:(?:main|big|biggest|favou?rite|only|current|new|real) )?(?:hobby|hobbies|pastime|passion) (?:is|are) "
     r"(?P<to>to )?(?P<v>(?!(?:this|that|it|nothing|sleeping|work)\b).{3,40})$",
     lambda m: f"I {'like to' if m.group('to') else 'love'} {m.group('v')}"),
    # what one cannot live without is what one loves: "cant live without my morning coffee"
    # (a person one cannot live without is a feeling, not a fact of the speaker)
    (r"^(?:i )?(?:cannot|can not|cant|can't) live without (?:(?P<p>you|it|this|that|them|him|her)\b|(?P<v>.{3,40}$))",
     lambda m: "" if m.group("p") else f"I love {m.group('v')}"),
    # a food that makes one ill is one the speaker cannot eat: "seafood makes me sick so I avoid it"
    (r"^(?P<v>" + DIET_FOODS[3:-1] + r"|spicy food|garlic|onions?|mushrooms|red wine|milk|cheese|caffeine|coffee)"
     r" (?:makes|make|gives|give) me (?:really )?(?:sick|ill|hives|a rash|migraines|a migraine|heartburn|bloated"
     r"|cramps)\b.*$", r"I cannot eat \g<v>"),
    # time clean is time sober: "3 years clean", "I'm 18 months clean"
    (r"^(?:i am )?(?P<v>[\w-]+ (?:days?|weeks?|months?|years?)) clean\b.*$", r"I am \g<v> sober"),
    # time without a cigarette is a count of its own: "6 months smoke free today", "3 months without a cigarette"
    (r"^(?:i am )?(?P<v>[\w-]+ (?:days?|weeks?|months?|years?)) (?:smoke[- ]?free|without (?:a |any )?(?:cigarettes?"
     r"|cigs?|smokes?|fags?)|off (?:the )?(?:cigarettes|cigs|fags|smokes))\b.*$", r"I am \g<v> smoke-free"),
    # a list of what the speaker leaves out: "no dairy, no gluten" (each a clause of its own); only the food groups
    # a diet excludes, not what goes in a cup ("I like my coffee black, no sugar")
    (r"^no (?:more )?(?P<v>" + DIET_FOODS + r")\W*$", r"I do not eat \g<v>"),
    # a device or car named by its make in a complaint is one the speaker owns: "my MacBook keeps freezing"
    # (after the make, only the words of a model: "iPhone 12 pro", not "Tesla stock")
    (r"^my (?:(?:new|old|ancient|trusty|work|little) )?(?P<v>" + DEVICES
     + r"(?: (?:(?-i:[A-Z0-9])[\w-]*|pro|max|air|mini|plus|ultra|se|lite)){0,2}) (?:keeps|will not|won't|is not|isn't"
     r"|does not|doesn't|just|stopped|died|broke|crashed|needs|has started|started|randomly|constantly)\b.*$",
     lambda m: f"I have {'an' if m.group('v')[0].lower() in 'aeiou' else 'a'} {m.group('v')}"),
    # a thing one owns, named by what it is: "my phone's an ancient iphone 8", "my car is an old Corolla"
    (r"^my (?P<w>phone|car|laptop|computer|bike|motorbike|van|camera|tablet|watch) is (?P<a>a|an) (?:(?:old|ancient"
     r"|new|trusty|battered|beat-up|second-hand|refurbished|little) )*(?P<v>(?:[\w-]+ )?[\w-]*(?-i:[A-Z0-9])[\w -]*)$",
     r"I have \g<a> \g<v>"),
))


@lru_cache(maxsize=4096)
def speaker_openers(clause: str) -> str:
    """The clause, rewritten to first person where it is one of the short forms above (cached: ``clean`` reads the
    same clause several times while a message is split)."""
    return REWRITES.apply(clause)
