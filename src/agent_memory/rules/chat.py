"""Chat as people type it, brought to the clauses the rules read: chat spellings ("whats", "bc", "my names Leo"),
hedges inside a statement ("I'm kind of obsessed with"), a self-description written as a bulleted list ("About
me:\\n- 34\\n- teacher in Leeds"), fragments that go on about the speaker without a subject ("..., play rugby on
saturdays", "..., 3 kids").

Every rewrite keeps the guards' view of the message: a question stays a question, a quote a quote."""

from __future__ import annotations

import re

from .dates import NOCASE
from .lexicon import (
    CHILDREN,
    DIETS,
    DOG_BREEDS,
    HEIGHT,
    HYPOTHETICAL_START,
    IMPAIRMENTS,
    JOB_WORDS,
    JOKE,
    JOKING,
    LAUGH,
    MASS,
    PETS,
    QUESTION_START,
    REQUEST,
    SARCASM,
)
from .prefilter import Replacement, Rewrites, gated
from .text import FILLER

# chat spelling the rules would not read: a missing apostrophe, a shortened conjunction
_SPELLING: list[tuple[re.Pattern[str], Replacement]] = [(re.compile(p, NOCASE), r) for p, r in (
    # "whats the best time ...?": the question word (the asking before it is then read as a question)
    (r"\b(?P<w>what|how|where|who|when)s\b", r"\g<w>'s"),
    # "my names Leo", "my names not important": only before a name (a capital), never "my names are on the list"
    (r"\bmy names (?=(?-i:[A-Z])[\w'-]+\b)", "my name is "),
    # "bc we're moving to Osaka": a reason, which the clause splitter cuts at "because"
    (r"\b(?:bc|bcos|bcuz|cuz|coz|cos)\b(?=\s+(?:i|we|my|our|of)\b)", "because"),
    # "rn", "atm" mid-sentence: "now" (which the clause cleaner drops at the end of a clause)
    (r"\brn\b", "now"),
    # "shes a nurse", "thats", "theyre": the apostrophe chat leaves out (not "its", "hes" may be a name: no)
    (r"\b(?P<w>she|that|there|they|you)(?P<v>s|re|ve|ll)\b",
     lambda m: m.group("w") + {"s": " is", "re": " are", "ve": " have", "ll": " will"}[m.group("v").lower()]
     if (m.group("w").lower() in ("she", "that", "there")) == (m.group("v").lower() == "s") else m.group(0)),
    # "living in Madrid n working as a teacher": "n" for "and" between two words
    (r"(?<=[a-z]) n (?=[a-z])", " and "),
    # dictation runs a name or a place into the next statement: "my name is Sara I am from Egypt", "I love Porto I
    # live there" (a capitalised word after a lower-case one, then "I" and a verb: a new sentence)
    (r"(?P<w>\b[a-z]+ (?-i:[A-Z])[a-z]+) (?=(?-i:I|i) (?:am|work|live|have|study|come|was|moved|grew up)\b)",
     r"\g<w>. "),
    # "my husband and me we live in Lyon": the pair restated by "we"
    (r"\b(?:(?:my|our) [\w-]+ and me|me and (?:my|our) [\w-]+),? we\b", "we"),
    # "hes really into cycling": "he is" before a lower-case word (a capital "Hes" may be a name)
    (r"\b(?-i:hes)(?= [a-z])", "he is"),
    # "my husband is veggie": the diet by its name
    (r"\b(?P<b>am|is|are|I'm|im) (?:a )?veggie\b(?! (?:burger|sausage|option|box|patch|bag)s?\b)", r"\g<b> vegetarian"),
    # "3rd yr": a year of a course
    (r"\b(?P<n>1st|2nd|3rd|4th|5th|final|first|second|third|last) yr\b", r"\g<n> year"),
    # a dash after a laugh or an emoji opens the next sentence: "me again lol - forgot to say ..."
    (r"\b(?P<l>lol|lmao|haha\w*|hehe\w*)\s+[-\u2013\u2014]\s+", r"\g<l>. "),
    # "i'm a vet myself": the emphasis is no part of the fact
    (r"(?<=\w)(?<!\bfor)(?<!\bby) (?:myself|ourselves)(?=\s*(?:[.,!;)]|$))", ""),  # (not "I work for myself")
    # "working remotely as a UX designer": the job first, how after it ("working as a UX designer remotely")
    (r"\b(?P<v>work|working) (?P<how>remotely|from home|freelance|part[- ]time|full[- ]time) as (?P<job>(?:a|an) "
     r"[^,.;!?\n]+?)(?=\s*(?:[,.;!?\n]|$|\s+(?:and|but|so)\b))", r"\g<v> as \g<job> \g<how>"),
    # "a nurse with 10 yrs experience": the experience is no part of the job
    (r"\s+with (?:\d+|[a-z]+) (?:years?|yrs) (?:of )?(?:experience|exp)\b", ""),
    # "idk", "ikr": not a statement of the speaker's (small talk)
    (r"\bidk\b", "I do not know"),
    # "currently renting in Croydon": where one rents is where one lives
    (r"\brenting (?:a (?:flat|room|house|place|studio) )?in (?=(?-i:[A-Z]))", "living in "),
    # a request after a dash, that no "?" ends, is a sentence of its own: "he's a chef - can u give me a recipe 😂"
    # (with a "?" the question reading keeps what was stated before it)
    (r"\s+[-\u2013\u2014]+\s+(?=(?:can|could|would|will|any|please|pls|help|give|tell|suggest|recommend)\b[^?\n]*$)",
     ". "),
    # an age in brackets after what the speaker is: "I'm a retired engineer (78!)" (not "my dad (78)")
    (r"(?P<h>\bI am (?:a|an) (?:(?!(?:my|our|his|her|their)\b)[\w-]+ ){0,3}?[\w-]+)\s*\(\s*(?P<n>[1-9]\d)\s*[!.]*\s*\)",
     r"\g<h>; I am \g<n>;"),
)]

# a hedge inside a statement does not make it less a fact: "I'm kind of obsessed with bouldering", "I'm pretty
# introverted", "I kinda love audiobooks" (not "pretty sure", itself a filler; not "I am pretty" alone)
_HEDGES: list[tuple[re.Pattern[str], Replacement]] = [(re.compile(p, NOCASE), r) for p, r in (
    (r"\b(?P<s>I am|we are) (?:kind of|kinda|sort of|sorta|pretty(?! sure\b)|lowkey|low key) (?=[a-z])", r"\g<s> "),
    (r"\b(?P<s>I|we) (?:kind of|kinda|sort of|sorta|lowkey|low key|genuinely|absolutely|honestly) "
     r"(?=(?:love|like|hate|enjoy|prefer|adore|loathe|dislike)\b)", r"\g<s> "),
)]


# where one is from, said by what one is called there: "Londoner, born and raised", "I'm a Glaswegian living in
# London", "Kiwi, living in Berlin now" (only standing alone or after "I am": "Texan bbq is the best" is food)
_DEMONYMS = {"londoner": "London", "mancunian": "Manchester", "glaswegian": "Glasgow", "liverpudlian": "Liverpool",
             "scouser": "Liverpool", "brummie": "Birmingham", "geordie": "Newcastle", "dubliner": "Dublin",
             "parisian": "Paris", "new yorker": "New York", "berliner": "Berlin", "bristolian": "Bristol",
             "corkonian": "Cork", "texan": "Texas", "californian": "California", "torontonian": "Toronto",
             "melburnian": "Melbourne", "sydneysider": "Sydney", "capetonian": "Cape Town", "muscovite": "Moscow",
             "yorkshireman": "Yorkshire", "yorkshirewoman": "Yorkshire", "kiwi": "New Zealand", "aussie": "Australia"}
_DEMONYM = re.compile(r"(?:(?:a|an|proud|true|real|born and bred) )*(?P<d>"
                      + "|".join(sorted(_DEMONYMS, key=len, reverse=True)) + r")(?P<how>(?:,? (?:born and (?:raised"
                      r"|bred)|through and through|by birth|originally|and proud|here))*)"
                      r"(?P<next>,|\W*$|\s+(?=(?:living|based|now|but)\b))", NOCASE)


# a drink had always, said bare: "oat milk, always" ("tea over coffee, always" is a preference read in openers.py)
_ALWAYS_HAD = re.compile(r"(?:^|(?<=[.!?]\s))(?P<v>(?:[\w-]+ ){0,2}(?:milk|coffee|tea|espresso|latte|flat white"
                         r"|cappuccino|decaf|water|juice|wine|beer|cider|gin|whisky|whiskey|kombucha|matcha)),? "
                         r"(?:always|every time|every day|every morning|all day)(?=\W*$|[.!?])", NOCASE)


def _from(m: re.Match[str], said: str) -> str:
    return f"{said}from {_DEMONYMS[m.group('d').lower()]}{',' if m.group('next').strip() in ('', ',') else ''}" + (
        " " if m.group("next").startswith(" ") and not m.group("next").strip() else "")


def _demonyms(text: str) -> str:
    """The demonym opening the message or said after "I am" as where one is from (tried only at those places: a
    pattern looking for two dozen names everywhere would cost more than all of this module)."""
    at = [0]
    while (i := text.find("I am ", at[-1])) != -1:
        at.append(i + 5)
    for pos in reversed(at):  # (from the end: a rewrite leaves the places before it where they were)
        m = _DEMONYM.match(text, pos)
        if m is None or m.group("d").islower() and m.group("d") in ("kiwi", "aussie"):  # "kiwi, always": the fruit
            continue
        text = f"{text[:pos]}{_from(m, '' if pos else 'I am ')}{text[m.end():]}"
    return text


# a height and a weight in one breath: "im 5ft 4 and about 60 kilos" (one statement each)
_HEIGHT_AND_WEIGHT = re.compile(r"\b(?P<h>I am (?:about |around )?" + HEIGHT + r"),? and (?P<w>(?:about |around "
                                r"|roughly )?" + MASS + ")", NOCASE)
_SAID_BARE: list[tuple[re.Pattern[str], Replacement]] = [(_ALWAYS_HAD, r"I always have \g<v>"),
                                                         (_HEIGHT_AND_WEIGHT, r"\g<h>; I weigh \g<w>")]
_CHAT = Rewrites(_SPELLING + _HEDGES + _SAID_BARE)  # one pass, one case-folding of the message


def normalise(text: str) -> str:
    """The message with chat spellings and hedges rewritten and a self-description (bulleted, or a fragment after
    "context:") said in sentences."""
    text = _demonyms(_CHAT.apply(text))
    if "/" in text and (pronouns := _PRONOUNS_ASIDE.search(text)) is not None:
        # "I'm Lena (she/her), 26, ...": the pronouns said last, as a sentence, the list goes on without them
        text = f"{text[:pronouns.start()]}{text[pronouns.end():]}\nmy pronouns are {pronouns.group('p')}"
    if _EMOJI.search(text):
        text = _EMOJI_THEN_FRAGMENT.sub(_joined, text)
    if _SHOUTED.search(text) and _shouted(text):
        # ALL CAPS: "I AM A VEGAN" would read "A VEGAN" as a name; the words that name a place, a team or a person
        # keep their capital ("LIVE IN MANCHESTER", "SUPPORT CITY", "CALLED MAX")
        text = re.sub(r"\b(?P<p>in|from|support|called|named|is called|name is) (?P<w>[a-z])",
                      lambda m: f"{m.group('p')} {m.group('w').upper()}", re.sub(r"\bi\b", "I", text.lower()))
    return _bullets(_headed(text))


_SHOUTED = re.compile(r"(?-i:[A-Z]{4,}|[A-Z]{2,} [A-Z]{2,})")  # a cheap test before the count below


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# pronouns in brackets after a name: "I'm Lena (she/her)"
_PRONOUNS_ASIDE = re.compile(r"\s*\((?P<p>(?:she|he|they|xe|ze)/(?:her|him|them|hers|his|theirs|xem|zir))\)", NOCASE)
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# an emoji between two pieces of what the speaker says, the second without a subject: "i live in Kent 🙂 work in
# London 🚆 have 2 cats" (the emoji ends a sentence otherwise, and the next piece would lose its speaker)
_EMOJI_THEN_FRAGMENT = re.compile(r"(?<=\w)\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\u200d\ufe0f]+\s*"
                                  r"(?=(?P<next>[a-z][^.!?\n\U0001F300-\U0001FAFF\u2600-\u27BF,]*))")


def _joined(m: re.Match[str]) -> str:
    nxt = m.group("next").strip()
    goes_on = fragment(nxt) is not None or re.match(r"^(?:live|work|study|teach)\b", nxt) is not None
    return ", " if goes_on else m.group(0)


def asides(text: str) -> str:
    """A statement set off by dashes or brackets said on its own (before the brackets that qualify are dropped)."""
    if " - " in text or " \u2013 " in text or "(" in text:
        return _ASIDE_STATEMENT.sub(_aside_out, text)
    return text


# a statement set off by dashes or brackets in the middle of another: "my wife - shes a nurse - works nights",
# "my brother (he's a pilot) lives in Dubai": said after it, on its own (a bare aside, "two kids - 4 and 7 -", is
# left as it is)
_ASIDE_STATEMENT = re.compile(r"\s+(?:[-\u2013\u2014]\s+(?P<d>[^-\u2013\u2014()\n]{2,60}?)\s+[-\u2013\u2014]"
                              r"|\((?P<b>(?:she|he|they|I|we|my|our)\b[^()\n]{2,60}?)\))"
                              r"(?:\s+(?P<rest>[^.!?\n]*)(?P<end>[.!?]*))?", NOCASE)


# an aside that is a statement: "shes a nurse", "he's 16", "my dad works there"
_SAID = re.compile(r"^(?:she|he|they|I|we|my|our)(?:'s|'re|'m|(?-i:s)| (?:[\w-]+ )?(?:is|are|am|was|has|have|works?"
                   r"|lives?))\b", NOCASE)


_NOT_SAID = re.compile(r"(?:" + REQUEST.pattern + "|" + QUESTION_START.pattern + "|" + HYPOTHETICAL_START.pattern
                       + r"|(?:can|could|would|will) (?:u|you)\b)", NOCASE)


def _aside_out(m: re.Match[str]) -> str:
    aside = (m.group("d") or m.group("b")).strip()
    lead = FILLER.sub("", re.split(r"[.!?\n]", m.string[:m.start()])[-1].strip())
    if _SAID.match(aside) is None or _NOT_SAID.match(lead):
        return m.group(0)  # (not in a request, a question or a supposition: "can u pretend ur my bf - hes a chef -")
    # (the contractions are read after the asides: "she's", "shes", "they're")
    aside = re.sub(r"^(?P<p>they|we)'?re\b", r"\g<p> are", aside, flags=NOCASE)
    aside = re.sub(r"^(?P<p>she|he)'?s\b", r"\g<p> is", aside, flags=NOCASE)
    rest = (m.group("rest") or "").strip()
    if m.group("end") and "?" in m.group("end"):  # a question goes on: the aside after it, as a sentence
        return f" {rest}{m.group('end')} {aside}."
    return f" {rest}{m.group('end') or ''}; {aside};" if rest else f"; {aside}"


# a header that hands over a description of the speaker on the same line: "ok so context: 3rd year med student, ..."
_HEADED = re.compile(r"(?:^|(?<=[.!?\n]))(?P<h>\W*(?:(?:ok(?:ay)?|so|hi|hiya|hey|hello)\W+)*(?:(?:some |a bit of "
                     r"|bit of |quick |a little )?(?:context|background)|(?:a (?:bit|little) )?about me|quick intro"
                     r"|intro|me(?=:))\s*[:\-\u2013]\s*)(?P<f>[^,.;!?\n]+)", NOCASE)


def _headed(text: str) -> str:
    """ "context: 3rd year med student, ..." -> "context: I am a 3rd year med student, ..." (the header says whose)."""
    if ":" not in text and " - " not in text:
        return text
    return _HEADED.sub(lambda m: m.group("h") + (fragment(m.group("f")) or m.group("f")), text)


# a list item: "- 34", "* teacher", "• vegan", "1. two kids", "2) ..."
_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)])[ \t]+(?=\S)", re.MULTILINE)
# what opens a description of the speaker: "About me:", "a bit about me -", "Me:", "quick intro:", "my details:"
_SELF_HEADER = re.compile(r"^\W*(?:so,? |ok,? |okay,? |hi,? |hey,? )?(?:(?:a (?:bit|little) |some (?:things|info) |"
                          r"quick facts |few things )?about me|me|my (?:details|profile|info|background|stats)"
                          r"|(?:quick )?intro|(?:some |a bit of |quick )?(?:background|context) on me|who i am)"
                          r"\s*[:\-\u2013]*\s*$", NOCASE)


def _bullets(text: str) -> str:
    """List marks go; under a header that announces the speaker ("About me:") each bare item is said of them, one
    sentence a line ("- 34" -> "I am 34."). Without that header a list is someone's material (a recipe, a brief):
    its items are left as they are and read as fragments."""
    if "\n" not in text or not _BULLET.search(text):
        return text
    lines = text.split("\n")
    about_me = False
    out: list[str] = []
    for line in lines:
        item = _BULLET.match(line)
        if item is None:
            about_me = bool(_SELF_HEADER.match(line))
            out.append(line)
            continue
        bare = line[item.end():].strip()
        said = fragment(bare.rstrip(" .!;,")) if about_me else None
        out.append(f"{said}." if said else bare)
    return "\n".join(out)


_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_HOUSEHOLD = "|".join(sorted(CHILDREN | PETS | DOG_BREEDS | {"grandkids", "grandchildren", "boys", "girls", "kid"},
                             key=len, reverse=True))
# an age with or without the sex of chat profiles: "34", "52F", "29 m", "41yo"
AGE = re.compile(r"^(?P<n>[1-9]\d)\s?(?:/?[mf]|y/?o|yrs?(?: old)?|years old)?$", NOCASE)
# a status or a diet said bare: "vegetarian", "married", "recently divorced", "a coeliac"
_STATUS = re.compile(r"^(?:(?:recently|newly|happily|just|strictly|semi-) ?)?(?:a |an )?(?P<v>" + DIETS[3:-1] + "|"
                     + IMPAIRMENTS[3:-1] + r"|married|single|divorced|widowed|engaged|separated|retired"
                     r"|semi-retired|self[- ]employed|freelance|unemployed)$", NOCASE)
# a household count said bare: "2 kids", "three cats", "a toddler and a dog" (a count opens it)
_COUNT = re.compile(r"^(?:have (?:got )?|got |with )?(?P<v>" + _NUMBER + r" (?:[\w-]+ ){0,2}?(?:" + _HOUSEHOLD
                    + r")s?\b.*)$", NOCASE)
# a job said bare: "teacher in Leeds", "retired police officer", "a nurse"
_JOBS = "|".join(sorted(JOB_WORDS, key=len, reverse=True))
_NOT_IN_A_JOB = r"(?!(?:she|he|they|it|i|we|you|is|are|was|am|my|our|his|her|their|your|not|no)\b)"
_JOB = re.compile(r"^(?![a-z]+ing\b)(?:(?:a|an) )?(?:" + _NOT_IN_A_JOB + r"[\w-]+ ){0,3}?(?:" + _JOBS
                  + r")(?: (?:at|in|for|from) .+)?$",
                  NOCASE)
# what one does, without the subject, after a clause of the speaker's: "..., play rugby on saturdays"
# (a verb of a standing activity; not an order to the assistant: no "give", "tell", "make", "keep")
_DOES = re.compile(r"^(?:also |mostly |usually |still )?(?:play|do|go to|cycle|swim|run|climb|support|follow"
                   r"|volunteer|coach|sing|paint|knit|cook|bake|collect|speak|drive|ride|commute|practi[sc]e"
                   r"|work|live|teach|study)"
                   r" (?!(?:it|this|that|you|me|your)\b)\w", NOCASE)
# what the speaker did, without the subject, after a statement of theirs: "..., passed N4 in july", "Also lost 8kg"
# (a closed list of milestones; not "got it", "went well", "lost it": about something else)
_DID = re.compile(r"^(?:also |just |recently |finally )*(?:passed|finished|completed|graduated|quit|lost|ran"
                  r"|moved to|started|joined|adopted|bought|sold|retired)"
                  r" (?!(?:it|this|that|them|well|badly|out|away|over)\b)\w", NOCASE)

# what happened to the speaker, or a state held for a while: "just been diagnosed with ADHD", "been vegan for years"
_BEEN = re.compile(r"^(?:just |recently |finally )?been (?:diagnosed|told|made|promoted|offered|accepted|married|sober"
                   r"|living|based|working|teaching|studying|" + DIETS[3:-1] + r")\b", NOCASE)


def as_job(bare: str) -> str:
    """A job said without its subject as the speaker's: "teacher in Leeds" -> "I am a teacher in Leeds"; an adverb
    before the article is no part of it ("officially a registered nurse")."""
    bare = re.sub(r"^(?:officially|now|finally|fully) (?=an? )", "", bare, flags=NOCASE)
    article = "" if re.match(r"^(?:a|an) ", bare, NOCASE) else "an " if bare[0] in "aeiouAEIOU" else "a "
    return f"I am {article}{bare}"


# where the speaker studies, said without the subject: "at uni in Leeds studying law"
_AT_SCHOOL = re.compile(r"^(?:at|in) (?:uni|university|college|sixth form|med school|law school)\b", NOCASE)


def fragment(bare: str) -> str | None:
    """A subjectless piece of a self-description said as a statement: "34" -> "I am 34", "2 kids" -> "I have 2
    kids", "vegetarian" -> "I am vegetarian", "teacher in Leeds" -> "I am a teacher in Leeds", "play rugby" -> "I
    play rugby"; None for what is not such a piece."""
    bare = bare.strip()
    if re.match(r"^(?-i:[A-Z][a-z])", bare):
        bare = bare[0].lower() + bare[1:]  # "Married." as a sentence: not a name ("IT consultant" keeps its capitals)
    if (age := AGE.match(bare)) is not None:
        return f"I am {age.group('n')}"
    if _STATUS.match(bare):
        return f"I am {bare}"
    if (count := _COUNT.match(bare)) is not None:
        return f"I have {count.group('v')}"
    if _JOB.match(bare):
        return as_job(bare)
    if _DOES.match(bare):
        return f"I {bare}"
    # (not "hoping to buy in the next 2 years", "planning to stay another year": what is bought or where one stays is
    # in the clause before)
    if re.match(r"^(?:(?:seriously |also )?thinking (?:of|about)(?= \w+ing\b)|trying to|saving(?: up)? for) "
                r"(?!(?:figure|work|find|sort) out|decide"
                r"|understand|remember|think|get some sleep)\w", bare, NOCASE):
        return f"I am {bare}"  # "..., trying to bulk up a bit": what the speaker is working towards
    if _BEEN.match(bare):
        return f"I have {bare}"  # "..., and just been diagnosed with ADHD": what happened to the speaker
    if _DID.match(bare):
        return f"I {bare}"
    if _AT_SCHOOL.match(bare):
        return f"I am {bare}"  # "I'm 19, at uni in Leeds studying law"
    return None


_MARKED = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[\U0001F644\U0001F612\U0001F643])\s+(?=\w)")
_SARCASTIC_ASIDE = re.compile(r"\s*\([^()\n]*[\U0001F644\U0001F612\U0001F643][^()\n]*\)")


def unjoking(text: str) -> str:
    """The message without its joking sentences: "just kidding" or a laugh with an exaggeration ("I'm basically a
    millionaire lol", "lol I'm such a coffee snob") takes its sentence; a laugh or a "jk" standing alone, or "just
    kidding" opening a sentence, takes the one before too. The other sentences of a long message still say what
    they say."""
    sentences = _SENTENCE.split(text)
    keep = [True] * len(sentences)
    for i, sentence in enumerate(sentences):
        joke, laugh = JOKE.search(sentence), LAUGH.search(sentence)
        if joke is None and laugh is None:
            continue
        alone = not re.search(r"[a-z]{2,}", JOKE.sub("", LAUGH.sub("", sentence)), NOCASE)
        if alone or (joke is not None and not re.search(r"[a-z]{2,}", sentence[:joke.start()], NOCASE)):
            keep[i] = False  # "I live on the moon. jk", "... Just kidding, I live in Leeds": the one before too
            if i and (joke is not None or JOKING.search(sentences[i - 1])):
                keep[i - 1] = False
        elif joke is not None or JOKING.search(sentence):
            keep[i] = False
    return " ".join(s for s, k in zip(sentences, keep) if k)


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def unsarcastic(text: str) -> str:
    """The message without its sarcastic sentences: "I'm a vet in Leeds. Oh great, another Monday 🙄" keeps the
    first. A mark standing alone ("I love Mondays. 🙄") is about the sentence before it, which goes too; a mark
    inside a sentence takes the whole sentence (its clauses cannot be told apart)."""
    if not SARCASM.search(text):
        return text
    # a mark inside brackets is about the aside only: "Sam is getting married in Vegas (of course he is 🙄)"
    text = _SARCASTIC_ASIDE.sub("", text)
    sentences = _MARKED.split(text)
    keep = [True] * len(sentences)
    for i, sentence in enumerate(sentences):
        if SARCASM.search(sentence):
            keep[i] = False
            if i and not re.search(r"[a-z]{2,}", SARCASM.sub("", sentence), NOCASE):
                keep[i - 1] = False
    return " ".join(s for s, k in zip(sentences, keep) if k)


# a request to write, followed by what the speaker states about themselves after a comma or a dash: "write me a cover
# letter, I am a nurse with 10 years experience", "help me plan meals - we are a family of 5" (not a request to play a
# part, "pretend you're my mum, I'm 5", nor the material after a colon, cut off before)
STATED_AFTER_REQUEST = re.compile(r"^(?!(?:please )?(?:pretend|imagine|role-?play|act as|let'?s say|say|repeat|quote"
                                  r"|spell|translate)\b)[^,:;'\"]*?(?:,|\s+[-\u2013\u2014])\s+"
                                  r"(?:but |and |so |btw |fyi )?"
                                  r"(?=(?:I am|I have|I work|I live|we are|we have|we live|my|our) )", NOCASE)


# a statement typed with a rising "?" ("I think I'm lactose intolerant?", "so I live in Glasgow? and ..."): the
# speaker's own words in a statement's order with nothing asked in them (not "am I ...?", "should I go vegan?", "I can
# eat eggs right?", "I wonder if ...?", "I have to renew it?")
_UPTALK = re.compile(r"^(?:(?:I (?:believe|reckon|suppose)|I am (?:pretty|fairly|quite) sure)[\s,]+)?"
                     r"(?:I|we|my|our|me and (?:my|our) [\w-]+)\b[^?]+\?+$", NOCASE)
# (looked for in the whole sentence, the fillers too: "guess what I did this week?" asks)
_ASKING = re.compile(r"\b(?:you|your|u|ur|can|could|should|would|shall|may|might|allowed|supposed|meant|ok|okay|safe"
                     r"|normal|too|wonder|wondering|if|whether|or|right|correct|how|what|which|why|when|where|who"
                     r"|need to|needs to|have to|has to|got to|gotta|enough|bad|weird|strange|possible|guess what"
                     r"|any|anything|help|thoughts|ideas|advice|tips|suggestions|recommendations)\b", NOCASE)
# ... unless the message disbelieves it: "I'm lactose intolerant? since when lol" echoes what was said of them
# (or answers itself: "I returned to Paris? no, never")
_ECHO = re.compile(r"\b(?:since when|says who|who says|who told you|where did you (?:hear|get) that|really\?)"
                   r"|\?\s*(?:no|nope|nah|never|not)\b", NOCASE)


def uptalk(sentence: str, bare: str, text: str) -> bool:
    """A sentence ending in "?" that states rather than asks (its "?" goes)."""
    return _UPTALK.match(bare) is not None and _ASKING.search(sentence) is None and _ECHO.search(text) is None


# what is the case, set against a supposition in the same sentence: "if i get the job i'll move to Leeds, right now i
# live in Hull", "If we had kids we'd need a car, but at the moment it's just me and my partner in Hull"
ACTUALLY = re.compile(r",\s+(?:but\s+)?(?:right now|currently|at the moment|for now|at present|for the moment|as of now"
                      r"|as it is|in reality|actually)\s*,?\s+(?=(?:I|we|my|our)\b)", NOCASE)


# someone's view of the speaker is theirs, not a statement: "my sister thinks I'm a bad cook", "she reckons I should go
# for it" (the clause only: "..., I've wanted to open a bakery for years" after it is the speaker's own)
OPINION = re.compile(r"^(?:(?:my|our) (?:[\w-]+ ){0,2}?[\w-]+|she|he|they|everyone|people|(?-i:[A-Z])[\w'-]+) "
                     r"(?:\w+ )?(?:thinks|reckons|believes|suspects|assumes|says|said|keeps saying) "
                     r"(?:that )?(?:I|we)\b", NOCASE)


_OPINION_WORD = gated(r"\b(?:thinks|reckons|believes|suspects|assumes|says|said|saying)\b", NOCASE)


def own(clauses: list[str]) -> list[str]:
    """The clauses without someone else's view of the speaker."""
    return [c for c in clauses if not (_OPINION_WORD.search(c) and OPINION.match(FILLER.sub("", c)))]
