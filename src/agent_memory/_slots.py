"""The slot ontology: the conflict keys (``attribute``) both extractors write.

A newer fact with the same subject and attribute supersedes the older one, so the key must name
*what* the fact is about, never how it was worded: "I moved to Lisbon" and "Living in Porto now"
are both ``location``; "text me" and "I prefer email" are both ``channel``; "my husband Marco is
a firefighter" is ``partner:job``. :func:`canonical` maps any attribute (a rule's, an LLM's, or
one given to ``remember``) onto this ontology; keys outside it are kept, normalised.
"""

from __future__ import annotations

import re

# slot -> what it holds (shown to LLM extractors, so both extractors produce the same keys)
SLOTS: dict[str, str] = {
    "name": "what the person is called or wants to be called",
    "name:avoid": "a name they do not want to be called",
    "age": "age in years (a new age replaces the old one)",
    "birthday": "day and month of birth",
    "location": "where they live now (city, region or country)",
    "origin": "where they are from, nationality",
    "job": "occupation, job title and employer together (retired, unemployed, student are values too)",
    "education": "degree, school, field of study",
    "work arrangement": "remote, office, hybrid",
    "work schedule": "shifts, nights, part-time",
    "relationship": "relationship status: single, dating, engaged, married, separated, divorced, widowed",
    "partner": "who their partner is",
    "children": "how many children they have",
    "pets": "which pets they have",
    "household": "who they live with",
    "diet": "diet and what they do not eat (vegan, keto, no meat)",
    "diet:<thing>": "a food or drink they leave out beside their diet (gluten, dairy, lactose, halal, kosher)",
    "sobriety": "sobriety and how long (a new count replaces the old one)",
    "allergy:<thing>": "an allergy to <thing>",
    "health:<condition>": "a lasting health condition",
    "languages": "languages they speak",
    "language": "the language answers should be in",
    "channel": "how they prefer to be contacted (email, phone, text, WhatsApp ...)",
    "timezone": "their time zone",
    "religion": "religion or belief",
    "pronouns": "pronouns",
    "budget": "how much they can spend",
    "car": "the car they drive",
    "favorite:<category>": "their favourite <category> (food, band, book, player ...)",
    "preference:<thing>": "how they feel about <thing> (likes, dislikes)",
    "hobby:<activity>": "a pastime they practise",
    "habit:<activity>": "something they do regularly",
    "learning:<subject>": "what they are learning",
    "tool:<kind>": "a product they use for <kind> (music, email, phones ...)",
    "instruction:<topic>": "a standing instruction to the assistant",
    "<relation>:<slot>": "a slot of a person or pet in their life, e.g. partner:job, son:health:asthma, dog:name",
}

# relation words -> the relation in the key ("my husband" and "my partner" are the same person slot)
RELATIONS: dict[str, str] = {
    "husband": "partner", "wife": "partner", "partner": "partner", "spouse": "partner", "boyfriend": "partner",
    "girlfriend": "partner", "fiance": "partner", "fiancé": "partner", "fiancee": "partner", "fiancée": "partner",
    "mom": "mother", "mum": "mother", "mother": "mother", "mama": "mother", "dad": "father", "father": "father",
    "papa": "father", "son": "son", "daughter": "daughter", "brother": "brother", "sister": "sister",
    "grandma": "grandmother", "grandmother": "grandmother", "granny": "grandmother", "grandpa": "grandfather",
    "grandfather": "grandfather", "kid": "child", "child": "child", "youngest": "child", "eldest": "child",
    "oldest": "child",
    "kids": "children", "children": "children", "baby": "baby", "twins": "twins",
    "stepson": "stepson", "stepdaughter": "stepdaughter", "dog": "dog", "cat": "cat", "puppy": "dog",
    "kitten": "cat", "parents": "parents", "aunt": "aunt", "uncle": "uncle", "cousin": "cousin",
    "niece": "niece", "nephew": "nephew", "ex": "ex", "ex-husband": "ex", "ex-wife": "ex", "ex-boyfriend": "ex",
    "ex-girlfriend": "ex", "ex-partner": "ex", "grandson": "grandson", "granddaughter": "granddaughter",
    # friends, in-laws, step- and half-relations, grandparents by their pet names (the pinned convention keeps them)
    "friend": "friend", "mate": "friend", "bestie": "friend", "buddy": "friend", "pal": "friend",
    "mother-in-law": "mother-in-law", "mother in law": "mother-in-law", "father-in-law": "father-in-law",
    "father in law": "father-in-law", "sister-in-law": "sister-in-law", "sister in law": "sister-in-law",
    "brother-in-law": "brother-in-law", "brother in law": "brother-in-law", "son-in-law": "son-in-law",
    "daughter-in-law": "daughter-in-law", "in-laws": "in-laws", "stepdad": "stepfather", "step-dad": "stepfather",
    "stepfather": "stepfather", "stepmum": "stepmother", "stepmom": "stepmother", "step-mum": "stepmother",
    "step-mom": "stepmother", "stepmother": "stepmother", "step-son": "stepson", "step-daughter": "stepdaughter",
    "stepbrother": "stepbrother", "stepsister": "stepsister", "half-brother": "half-brother",
    "half-sister": "half-sister", "grandad": "grandfather", "granddad": "grandfather", "nan": "grandmother",
    "nana": "grandmother", "nanna": "grandmother", "gran": "grandmother", "grandparents": "grandparents",
    "hubby": "partner", "grandkids": "grandchildren", "grandchildren": "grandchildren", "stepkids": "children",
    "brothers": "brothers", "sisters": "sisters", "siblings": "siblings", "auntie": "aunt", "aunty": "aunt",
    "boys": "children", "girls": "children", "parents-in-law": "in-laws", "parents in law": "in-laws",
}

_SYNONYMS = {
    "employer": "job", "occupation": "job", "job title": "job", "title": "job", "work": "job", "profession": "job",
    "career": "job", "role": "job", "city": "location", "home": "location", "residence": "location",
    "address": "location", "hometown": "origin", "home town": "origin", "nationality": "origin",
    "relationship status": "relationship", "marital status": "relationship", "status": "relationship",
    "spoken languages": "languages", "languages spoken": "languages", "reply language": "language",
    "answer language": "language", "response language": "language", "preferred language": "language",
    "contact": "channel", "contact method": "channel", "preferred channel": "channel",
    "communication": "channel", "kids": "children", "pet": "pets", "time zone": "timezone",
    "favourite": "favorite", "fav": "favorite", "has:car": "car", "allergies": "allergy", "spouse": "partner",
    "boyfriend": "partner", "girlfriend": "partner", "husband": "partner", "wife": "partner",
    "any pets": "pets", "any kids": "children", "work laptop": "laptop", "working hours": "work schedule",
    "hours": "work schedule", "schedule": "work schedule", "degree": "education", "school": "education",
    "university": "education", "studies": "education", "course": "education", "dating": "relationship",
}
_COUNTABLE = frozenset({"pets", "children", "car"})
# one kind of favourite under its other names: "new favourite movie" replaces the favourite film
_FAVORITE_KINDS = {"movie": "film", "movies": "films", "tv show": "show", "tv shows": "shows", "tv series": "show",
                   "novel": "book", "novels": "books", "tune": "song", "tunes": "songs", "track": "song",
                   "tracks": "songs", "dish": "food", "meal": "food", "football team": "team", "footy team": "team",
                   "football club": "team", "sports team": "team", "beverage": "drink", "cuisine": "food"}
_SPELLING = [(re.compile(p), r) for p, r in (
    (r"\bfavou?rite\b", "favorite"), (r"\bcolour\b", "color"), (r"\bfavs?\b", "favorite"))]
CHANNELS = {"email", "emails", "e-mail", "e-mails", "mail", "phone", "phone calls", "calls", "call", "a call",
            "text", "texts", "texting", "text messages", "sms", "whatsapp", "signal", "telegram", "slack",
            "voice notes", "voice messages", "messages", "dms", "imessage", "messenger"}
# how long answers should be, however it is worded: "keep it short", "long answers", "be concise"
_ANSWER_LENGTH = re.compile(r"^(?:(?:keep|make|be|give|write) (?:it |them |answers |replies |things )?)?(?:short|long"
                            r"|brief|concise|lengthy|detailed|verbose|wordy|shorter|longer)(?: (?:answers|replies"
                            r"|responses|explanations))?$|^answer length$")
# verbs and fillers in front of an activity: "play guitar" and "playing the guitar" are the same hobby
_ACTIVITY_LEAD = re.compile(r"^(?:(?:play|playing|plays|do|doing|does|go|going|goes|practi[cs]e|practi[cs]ing|"
                            r"the|a|an|some|my|their)\s+)+")
_DATING = re.compile(r"^(?:seeing|dating|going out with) (?:someone|somebody|a (?:guy|girl|man|woman))\b")
_CHRONOTYPE = re.compile(r"^(?:not )?(?:an? )?(?:night owl|morning person|early bird|early riser|night person"
                        r"|evening person|late riser)$")
_TAIL = re.compile(r"\s+(?:now|these days|nowadays|again|anymore|any more|at the moment)$")


def _norm(text: str) -> str:
    t = " ".join(text.strip().lower().split())
    for pat, rep in _SPELLING:
        t = pat.sub(rep, t)
    return _TAIL.sub("", t)


def canonical(attribute: str | None) -> str | None:
    """The ontology's key for ``attribute`` (None stays None)."""
    if attribute is None:
        return None
    t = _norm(attribute)
    if not t:
        return None
    t = _SYNONYMS.get(t, t)
    head, _, rest = t.partition(":")
    head = _SYNONYMS.get(head, head)
    if not rest:
        return head
    if head == "name" and rest in RELATIONS:  # the older "name:daughter" -> "daughter:name"
        return f"{RELATIONS[rest]}:name"
    if head in RELATIONS and RELATIONS[head] != head or head in RELATIONS.values():
        inner = canonical(rest)
        return f"{RELATIONS.get(head, head)}:{inner}" if inner else RELATIONS.get(head, head)
    if head == "has" and (owned := _SYNONYMS.get(_norm(rest), _norm(rest))) in _COUNTABLE:  # "has no pets"
        return owned
    if head in ("preference", "tool") and rest in CHANNELS:
        return "channel"
    if head in ("preference", "instruction") and _ANSWER_LENGTH.match(_norm(rest)):
        return "instruction:answer length"
    if head in ("hobby", "habit", "preference") and _DATING.match(rest):  # "been seeing someone called Jo"
        return "partner:name"
    if head in ("hobby", "habit"):
        rest = _ACTIVITY_LEAD.sub("", rest) or rest
    if head == "favorite":
        rest = _FAVORITE_KINDS.get(_norm(rest), rest)
    if head in ("habit", "preference", "hobby") and _CHRONOTYPE.match(_norm(rest)):
        return "habit:sleep"  # "a morning person" and "a night owl" are one slot: when one is awake
    return f"{head}:{_norm(rest)}"


def relation(word: str) -> str | None:
    """ "husband" -> "partner", "mum" -> "mother"; None for a word that is not a relation."""
    return RELATIONS.get(word.lower())


# slots that hold a set: a new value joins the old ones ("I speak French" ... "I also speak German");
# only an ending ("not French anymore", "switched from French to German") closes one
SET_SLOTS = frozenset({"languages", "pets", "hobby", "hobbies"})
_CHILD_RELATIONS = frozenset({"son", "daughter", "child", "children", "kids", "stepson", "stepdaughter", "grandson",
                              "granddaughter", "twins", "baby"})


def is_set(attribute: str | None) -> bool:
    """Whether ``attribute`` (canonical) holds several values at once: languages spoken, pets,
    hobbies, children's names ("my son is called Tom" and "my son is called Ben": two sons)."""
    if not attribute:
        return False
    head, _, rest = attribute.partition(":")
    return attribute in SET_SLOTS or (head in _CHILD_RELATIONS and rest == "name")


# keys whose value is a thing named in passing, worded freely: "loves a good IPA" and "doesn't like IPAs
# anymore" are one liking, "allergic to peanuts" and "the peanut allergy" one allergy
_LOOSE_HEADS = frozenset({"preference", "hobby", "habit", "allergy", "learning", "favorite", "tool", "health"})
_QUALIFIERS = re.compile(r"^(?:(?:good|nice|great|decent|proper|cold|hot|fresh|real|lovely|cheap|fancy|long|quick"
                         r"|the odd|a good|a nice) )+")


def _loose(attribute: str) -> str:
    *heads, value = attribute.split(":")
    if not heads or heads[-1] not in _LOOSE_HEADS:
        return attribute
    words = (_QUALIFIERS.sub("", value) or value).split()
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("ies"):
        words[-1] = last[:-3] + "y"  # "berries" -> "berry"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        words[-1] = last[:-1]  # "IPAs" -> "ipa", not "chess" or "hummus"
    return ":".join([*heads, " ".join(words)])


def same_slot(a: str | None, b: str | None) -> bool:
    """Whether two canonical keys name one slot: equal, or the same thing in another number or with a
    qualifier ("preference:good ipa" and "preference:ipas"). Compared, never rewritten, so keys already stored
    under either wording still meet."""
    return a == b or (a is not None and b is not None and _loose(a) == _loose(b))

# A fact whose rule gave it no slot still has one when its value says which: "is a dad of two"
# (children), "has a girlfriend" (relationship), "went full-time in May" (work schedule), "got made
# head chef" (job). Matched on the speaker's own statements only (the caller leaves out facts about
# other people), and never on plans or goals, which are not the present.
_SPEAKER_SLOTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((slot, re.compile(p, re.IGNORECASE)) for slot, p in (
    ("children", r"\b(?:is|became|has become) (?:a )?(?:(?:new|first[- ]time|proud|working|stay[- ]at[- ]home) )?"
                 r"(?:step-?)?(?:dad|mum|mom|mother|father|parent)(?: (?:of|to) (?:one|two|three"
                 r"|four|five|six|\d+))?\b|\bhas (?:no|one|two|three|four|five|six|\d+) (?:kids|children)\b"),
    ("grandchildren", r"\bhas (?:no|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:grandkids|grandchildren"
                      r"|grandsons?|granddaughters?)\b|\b(?:is|became|has become) an? (?:proud )?(?:grandma|grandmother"
                      r"|granny|nan|grandad|granddad|grandfather|grandpa|grandparent)\b"),
    ("relationship", r"\b(?:has|got) an? (?:girlfriend|boyfriend|partner|wife|husband|fianc[eé]e?)\b|\bremarried\b"
                     r"|\bis an? single (?:mum|mom|dad|parent|mother|father)\b"
                     r"|\b(?:is|has been|started) (?:dating|seeing) someone\b"
                     r"|\b(?:is|went|got) (?:single|married|engaged|divorced|separated|widowed)\b"
                     r"|\b(?:is|became) an? widow(?:er)?\b"),
    ("diet", r"\b(?:is|went|has gone|turned|became|is back to being) (?:fully |strictly |mostly |now )?(?:vegan"
             r"|vegetarian|pescatarian|keto|paleo|flexitarian|plant[- ]based)\b"),
    ("pets", r"\b(?:got|adopted|rescued|took in|has) (?:a|an|two|three|\d+) (?:new )?(?:puppy|puppies|kitten|kittens"
             r"|dogs?|cats?|rabbits?|bunny|bunnies|hamsters?|guinea pigs?|parrots?|budgies?|tortoises?|ferrets?)\b"),
    ("sobriety", r"\brelapsed\b|\b(?:is|started) drinking again\b"),
    # a phone named by its make is the phone slot, as "switched to a Pixel 8" is: "has a Pixel 6", "got an iPhone 15"
    ("phone", r"\b(?:has|got|uses|bought|is on) (?:an? |the |their )?(?:new |old )?(?:iphone|pixel ?\d|samsung galaxy"
              r"|galaxy s ?\d|oneplus|fairphone)\b"),
    ("work schedule", r"\b(?:went|has gone|switched to|moved to|is|works) (?:back )?(?:part|full)[- ]time\b"),
    ("work arrangement", r"\b(?:went|has gone|switched to|is|works) (?:fully )?(?:remote|hybrid)\b"),
    ("education", r"\b(?:switched|changed|transferred) (?:their|his|her) (?:degree|course|major|studies)\b"
                  # the next degree begun is the course now ("started their PhD in September")
                  r"|\b(?:started|began|begun) (?:their|his|her|a) (?:phd|doctorate|master'?s|mba|bachelor'?s|degree"
                  r"|apprenticeship)\b"),
    ("job", r"\b(?:got|was|has been) (?:made|promoted to|appointed) (?:a |an |the )?[\w -]*?\b(?:chef|cook|manager|lead"
            r"|head|director|editor|partner|supervisor|officer|engineer|developer|designer|analyst|nurse|teacher)\b"
            # "joined Revolut" alone may be Strava or Mensa: only "as <role>" makes it a job
            r"|\bjoined (?!the\b|a\b|an\b)(?-i:[A-Z])[\w&.-]+(?: (?-i:[A-Z])[\w&.-]+)* as (?:a |an |their )?\w+"
            r"|\b(?:started (?:work(?:ing)? )?at|is back at"
            # "started a new role at Atkins", "took a job with Arup": the employer after a job word
            r"|(?:started|took|got|landed|accepted|began|has) (?:a |an |the )?(?:new )?(?:job|role|position|post)"
            r"(?: as (?:a |an )?[\w -]+?)? (?:at|with)) (?!the\b|a\b|an\b)(?-i:[A-Z])[\w&.-]+"
            r"(?: (?-i:[A-Z])[\w&.-]+)*(?: (?:in|on|last|this)\b.*)?$"
            # the end of a job is the job slot's new value ("retired", "laid off"), as "is unemployed" is
            r"|\b(?:was|got|has been|is being) (?:laid off|made redundant|fired|let go|sacked)\b"
            r"|\bretired\b(?! (?:their|his|her|the|an?|its?)\b)|\btook (?:voluntary )?redundancy\b"
            r"|\blost (?:their|his|her) job\b"
            # going freelance is the job's new value, as "is freelance" is
            r"|\bwent (?:freelance|self-employed|solo|independent|indie)\b"),
))
_NOT_NOW = frozenset({"plan", "goal"})
_CLOSED = re.compile(r"\b(?:no longer|not|never|used to|any ?more)\b", re.IGNORECASE)


def slot_of(content: str, category: str | None) -> str | None:
    """The slot a speaker's fact with no slot of its own belongs to, read from its value (None: no
    slot is evident)."""
    if category in _NOT_NOW or _CLOSED.search(content):
        return None  # "no longer has a dog" ends a value (see ``Candidate.ends``), it states none
    return next((slot for slot, pattern in _SPEAKER_SLOTS if pattern.search(content)), None)


# A value of one slot that leaves a relation empty: being single, divorced, separated or widowed
# (or a break-up) means no current partner, so it closes the ``partner:*`` facts too.
_EMPTIES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("relationship", re.compile(r"\b(?:single|divorced|separated|widow(?:ed|er)?|split up|broke up|broken up"
                                r"|called it quits)\b", re.IGNORECASE), "partner"),
)


# a death leaves a relation that holds one person empty ("my wife died"; not "my son died": maybe one of several)
_GONE = re.compile(r"\b(?:died|passed away|passed on)\b"
                   r"|\bleft (?:them|him|her)\b(?! (?:a|an|the|some|their|his|her|money|everything)\b)", re.IGNORECASE)
_ONE_PERSON = frozenset({"partner", "mother", "father"})


def emptied(attribute: str | None, content: str) -> str | None:
    """The relation a statement under ``attribute`` leaves without anyone ("The user is single",
    "The user's wife died" -> "partner"), None when it leaves none ("is no longer single" states
    no status)."""
    if _CLOSED.search(content):
        return None
    if _GONE.search(content) and (rel := relation_of(attribute, content)) in _ONE_PERSON:
        return rel
    return next((rel for slot, pattern, rel in _EMPTIES if attribute == slot and pattern.search(content)), None)


# "Giulia's boyfriend Luca is a nurse": the relation a slot-less fact is about is the first thing
# the subject possesses ("The user's girlfriend's sister" is about the sister, so it has none)
_POSSESSED = re.compile(r"^[^']*?'s? ([\w-]+)(?![\w'])")


def relation_of(attribute: str | None, content: str) -> str | None:
    """Which person or pet in the speaker's life a fact is about ("partner:job" -> "partner"), read
    from the content when the fact has no slot; None for a fact about the speaker."""
    if attribute:
        head = attribute.partition(":")[0]
        return head if head in _RELATION_NAMES else None
    m = _POSSESSED.match(content)
    return RELATIONS.get(m.group(1).lower()) if m else None


_RELATION_NAMES = frozenset(RELATIONS.values())

# the speaker's children, pets and household are facts about the people and pets in their life, so they are
# ``relationship`` facts by the pinned category conventions ("I have two kids", "we've got a cat called Miso", "I
# live with my girlfriend"), as is any slot keyed by a relation ("daughter:name"); their own relationship status
# ("relationship": married, single ...) stays ``identity``
HOUSEHOLD_SLOTS = frozenset({"children", "pets", "household"})


def category_of(category: str | None, attribute: str | None) -> str | None:
    """The category a fact keyed ``attribute`` (canonical) belongs to: ``relationship`` for a speaker's fact an
    extractor called ``identity`` (or, for having none, ``constraint``) that is about their household or someone in
    it; ``category`` otherwise."""
    if category == "identity" and attribute and (attribute in HOUSEHOLD_SLOTS
                                                 or attribute.partition(":")[0] in _RELATION_NAMES):
        return "relationship"
    if category == "constraint" and attribute in HOUSEHOLD_SLOTS:  # "does not have any kids": a household, no limit
        return "relationship"
    return category


# what a diet leaves out besides its regime: "vegan and gluten free" are both true at once, so the
# two are different slots ("I don't eat gluten" is ``diet:gluten`` already)
_FREE_FROM = re.compile(r"\b(gluten|dairy|lactose|nut|sugar|caffeine)[- ](?:free|intolerant)\b|\b(halal|kosher)\b"
                        r"|\b(c(?:o|oe)?eliac)\b", re.IGNORECASE)
# a condition said like a diet is health, beside the diet: "diabetic and vegetarian" are both true (the slot of
# "I have diabetes")
_CONDITION = re.compile(r"\b(diabetic|epileptic|asthmatic)\b", re.IGNORECASE)
_CONDITIONS = {"diabetic": "diabetes", "epileptic": "epilepsy", "asthmatic": "asthma"}


def facet(attribute: str | None, value: str) -> str | None:
    """The narrower slot a broad one takes for this value ("diet" + "is gluten free" ->
    "diet:gluten", and so is coeliac; "diabetic" is "health:diabetes"), a party's too ("mother:diet");
    ``attribute`` itself when it has none."""
    if attribute is None or not (attribute == "diet" or attribute.endswith(":diet")):
        return attribute
    owner = attribute[:-len("diet")]
    if m := _FREE_FROM.search(value):
        return f"{owner}diet:{(m.group(1) or m.group(2) or 'gluten').lower()}"
    if m := _CONDITION.search(value):
        return f"{owner}health:{_CONDITIONS[m.group(1).lower()]}"
    return attribute
