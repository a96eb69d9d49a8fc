"""A new value of a slot said through the change itself, not the state: a count told as of today ("53 as
of today"), a job given ("they made me store manager"), a favourite that overtook another, things moved
to a new home ("moved my notes over to Obsidian"), a return ("returned to Vienna"), a diet put on or
taken up again ("back on low carb", "doctor put me on a low-sodium diet"), and endings with no new
value ("called off the engagement", "deleted WhatsApp", "not working at the moment"). Each lands on
the slot its plain wording would, or names what it ends, so the old value stops being current."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, rule, simple
from .lexicon import DEICTIC, DIETS, JOB_ENDINGS, JOB_WORDS, LANGUAGES, PETS
from .text import key, reflect
from .transitions import PLACE

PET_WORDS = "(?:" + "|".join(sorted(PETS, key=len, reverse=True)) + ")"
# apps one can leave; "deleted the email" or "quit Slack" (a job's tool) end nothing here
SOCIAL_APPS = r"(?:whatsapp|signal|telegram|discord|messenger|skype|instagram|facebook|twitter|tiktok|snapchat" \
              r"|threads|bluesky|mastodon|linkedin)"

# diets said with "on": "back on low carb", "put me on a low-sodium diet"
ON_DIET = r"(?:" + DIETS + r"|low[- ](?:carb|fat|sodium|salt|sugar|fodmap|calorie)|carnivore|mediterranean" \
          r"|intermittent fasting|whole30|atkins|slimming world)"
# who may put the speaker on a diet: a carer, never "my friend put me on to this podcast"
PRESCRIBER = r"(?:(?:my |the )?(?:doctor|doc|gp|dietitian|dietician|nutritionist|consultant|specialist|cardiologist" \
             r"|nurse)|dr\.? (?-i:[A-Z])\w+)"
# who gives the speaker a job: "they made me store manager", "my boss promoted me to team lead"
GIVER = r"(?:they|work|the company|my (?:boss|company|work|employer|manager)|the (?:boss|board|owners?))"


def age_today(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "53 as of today", "39 today": a new age only when the date is today ("30 next week" is ahead,
    "30 on Friday" could be anything)."""
    n = int(m.group("n"))
    if c.date is None or not c.date.relative_today or not 13 <= n <= 110:
        return None
    return Fact("identity", f"{c.s} is {n} years old", "age", 0.8)


def made_job(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "they made me store manager": a job only when the last word is one ("made me dinner" is not)."""
    v = reflect(m.group("v").strip(" ,.!"))
    last = v.split()[-1].lower() if v.split() else ""
    if last not in JOB_WORDS and not JOB_ENDINGS.fullmatch(last):
        return None
    return Fact("identity", f"{c.s} was promoted to {v}", "job", 0.8)


def overtaken(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "ramen has overtaken pho as my favourite food": the new favourite."""
    new, thing = reflect(m.group("new").strip()), m.group("thing").lower()
    if DEICTIC.match(new):
        return None
    return Fact("preference", f"{c.pos} favourite {thing} is {new}", f"favorite:{thing}", 0.8)


def moved_over(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "moved all my notes over to Obsidian": Obsidian holds them now, and whatever held them before
    (the fact naming the notes) ends."""
    what, new = reflect(m.group("what").strip()), m.group("new").strip(" ,.!")
    if DEICTIC.match(new) or not key(what):
        return None
    return Fact("preference", f"{c.s} uses {new} for {reflect('my')} {what}", f"tool:{key(new)}", 0.75,
                ends=Ending(value=key(what)))


def contact_me(m: re.Match[str], c: Ctx) -> Fact:
    """ "call me instead", "text me on Signal": the channel to use now."""
    verb = m.group("verb").lower()
    if m.group("app"):
        return Fact("preference", f"{c.s} prefers to be contacted on {m.group('app')}", "channel", 0.75)
    how = m.group("by") or {"call": "phone call", "ring": "phone call", "phone": "phone call"}.get(verb, verb)
    return Fact("preference", f"{c.s} prefers to be contacted by {how.lower()}", "channel", 0.75)


def not_working(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "I'm not working at the moment": the job slot is empty; "for now" is the state itself, not a mood,
    but a date ("not working this weekend") makes it a day off."""
    if c.date is not None:
        return None
    return Fact("identity", f"{c.s} is not working", "job", 0.75, for_now=True)


def app_gone(m: re.Match[str], c: Ctx) -> Fact:
    """ "I deleted WhatsApp": no longer reachable there, so what names it ends."""
    v = m.group("v")
    return Fact("preference", f"{c.s} no longer uses {v}", None, 0.75, ends=Ending(value=v))


def job_over(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "not a barista anymore", "I'm no longer a teacher": a past job (``fact``) that ends the current one, only
    when the last word is a job ("not a morning person anymore" is no job)."""
    v = m.group("v").strip()
    last = v.split()[-1].lower() if v.split() else ""
    if not (m.group("nl") or m.group("more")) or last not in JOB_WORDS and not JOB_ENDINGS.fullmatch(last):
        return None  # "I'm not a teacher" says what one is not, not what ended
    return Fact("fact", f"{c.s} is no longer a {v}", None, 0.75, ends=Ending(attribute="job", value=v))



def chronotype(m: re.Match[str], c: Ctx) -> Fact:
    """ "night owl these days": when one is awake, one slot whichever word says it."""
    v = m.group("v").lower()
    return Fact("preference", f"{c.s} is {'an' if v[0] in 'aeiou' else 'a'} {v}", "habit:sleep", 0.75)


def retired(m: re.Match[str], c: Ctx) -> Fact:
    """ "retired as of last friday": retired is the job now, since the date when one is given."""
    if c.date is None:
        return Fact("identity", f"{c.s} is retired", "job", 0.8)
    return Fact("identity", f"{c.s} has been retired", "job", 0.8, dated=True, date_prep="since")

# what a new role is not: "got the job", "got my dream job"
_NO_TITLE = re.compile(r"^(?:new|dream|first|old|same|other|perfect|summer|part[- ]time|full[- ]time)$", re.IGNORECASE)


def got_role(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "finally got the junior dev role", "landed the head chef position at Nobu": the job now."""
    v = m.group("v").strip()
    if _NO_TITLE.match(v) or DEICTIC.match(v):
        return None
    at = f" at {m.group('at')}" if m.group("at") else ""
    return Fact("identity", f"{c.s} works as {'an' if v[0] in 'aeiouAEIOU' else 'a'} {v}{at}", "job", 0.8)


RULES: tuple[Rule, ...] = (
    # "53 as of today", "I'm 39 today" (the date phrase is marked by \x00)
    rule("shift.age_today", r"^(?:i am )?(?P<n>\d{2,3})(?: years old)?(?: as of| from)? \x00\W*$", age_today),
    rule("shift.made_job", r"^" + GIVER + r" (?:have |has )?(?:just )?(?:made|promoted) me (?:to )?"
                           r"(?:a |an |the |their )?"
                           r"(?:new )?(?P<v>[\w -]+?)(?: \x00)?\W*$", made_job),
    rule("shift.overtaken", r"^(?P<new>[\w' -]+?) (?:has|have) (?:now )?(?:overtaken|replaced|taken over from|beaten)"
                            r" (?:[\w' -]+?) as (?:my|our) (?:new )?(?:favou?rite|fave?) (?P<thing>[\w' -]+?)\W*$",
         overtaken),
    rule("shift.moved_over", r"^(?:i|we) (?:have )?(?:just )?(?:moved|migrated|switched|transferred|ported) "
                             r"(?:all )?(?:of )?(?:my|our) (?P<what>[\w -]+?) (?:over )?(?:across )?(?:to|into) "
                             r"(?P<new>(?-i:[A-Z])[\w.-]*(?: (?-i:[A-Z])[\w.-]*)?)\W*$", moved_over),
    # "came back"/"went back" are as often a trip's end or a job ("went back to Monzo"): not read
    simple("shift.returned_to", r"^(?:(?:i|we) )?(?:have )?(?:returned|moved back) (?:home )?to "
                                r"(?-i:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b))"
                                + PLACE + r"(?: \x00)?\W*$",
           "identity", "{s} lives in {v}", "location", 0.75),
    simple("shift.back_on_diet", r"^(?:(?:i am|we are) )?back on (?:a |an |the )?(?P<v>" + ON_DIET + r")(?: diet)?"
                                 r"(?: again)?(?:,? (?:since )?\x00)?\W*$",
           "constraint", "{s} is on a {v} diet", "diet", 0.8),
    simple("shift.put_on_diet", r"^" + PRESCRIBER + r" (?:has )?(?:put|placed|started) me on (?:a |an |the )?"
                                r"(?:strict )?(?P<v>" + ON_DIET + r")(?: diet)?(?:,? (?:since )?\x00)?\W*$",
           "constraint", "{s} is on a {v} diet", "diet", 0.85),
    simple("shift.engagement_off", r"^(?:i|we) (?:have )?(?:just )?(?:called off|broke off|broken off|ended"
                                   r"|cancell?ed) "
                                   r"(?:the|our|my) engagement\b.*$",
           "identity", "{s} is no longer engaged", "relationship", 0.8),
    rule("shift.app_gone", r"^(?:(?:i|we) )?(?:have )?(?:just |finally )?(?:deleted|uninstalled|came off|got off"
                           r"|got rid of) (?:my )?(?P<v>" + SOCIAL_APPS + r")(?: account| app)?\W*$", app_gone),
    rule("shift.contact_me", r"^(?:please |pls )?(?P<verb>call|ring|phone|text|e-?mail|message) me (?:from now on"
                             r"|instead|on "
                             r"(?P<app>(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)" + SOCIAL_APPS
         + r")(?: instead)?|by (?P<by>phone|e-?mail|text))\W*$", contact_me),
    rule("shift.not_working", r"^i am (?:currently )?(?:not working|out of work|off work long[- ]term)"
                              r"(?: (?:at the moment|right(?: now)?|currently|for now|these days))?(?:,.*)?$",
         not_working),  # "right": what "now" leaves behind once the tail is cut
    # "I just run outside now", "I mostly swim instead": what the speaker does in place of what ended ("just",
    # "mostly", "only" with a place or "instead" marks it as the routine: "I just walk" alone is too thin)
    simple("shift.routine_instead", r"^(?:i|we) (?:(?:just |mostly |only |now )+|(?=\w+ instead$))"
                                    r"(?P<verb>run|jog|swim|cycle|walk|climb"
                                    r"|row|hike|lift|skate|surf|train) (?P<rest>(?:outside|outdoors|at home|at the park"
                                    r"|on my own|alone|instead))(?: instead)?$",
           "preference", "{s} {verbs} {rest}", "hobby:{verb}", 0.7),
    # "I'm no longer allergic to cats" (also "not allergic to cats anymore", rewritten): the allergy's slot
    simple("shift.allergy_gone", r"^i am no longer allergic to (?P<v>[\w -]+?)(?: any ?more)?\W*$",
           "constraint", "{s} is no longer allergic to {v}", "allergy:{key}", 0.8),
    rule("shift.job_over", r"^i am (?:not|(?P<nl>no longer)) (?:a |an )(?P<v>[\w -]+?)(?P<more> any ?more)?\W*$",
         job_over),
    # "retired as of last friday" (the subject is given back by a rewrite): retired is the job now
    rule("shift.retired", r"^i (?:have )?(?:just |finally |officially |recently )?retired(?: (?:as of|from|on|in|at"
                          r"|since))? ?\x00?(?: early)?\W*$", retired),
    rule("shift.got_role", r"^(?:i|we) (?:have )?(?:just |finally |officially )?(?:got|landed|accepted|was offered"
                           r" and accepted|started) (?:the|a|my|a new|my new) (?P<v>[\w -]+?) (?:role|job|position"
                           r"|post)(?: at (?P<at>(?-i:[A-Z])[\w&.'-]*(?: (?-i:[A-Z])[\w&.'-]*)*))?(?: \x00)?\W*$",
         got_role),
    # "we're getting divorced", "we are separating": the status on its way out is the status now
    simple("shift.divorcing", r"^(?:i am|we are) (?:now )?(?:getting (?P<v>divorced|a divorce)|(?P<w>separating))\b.*$",
           "identity", "{s} is getting divorced", "relationship", 0.8),
    # "officially 30 now", "finally 18!": an age reached is the age now ("now" is cut off by the cleaning)
    simple("shift.age_reached", r"^(?:i am )?(?:officially|finally) (?P<n>1[3-9]|[2-9]\d|1[01]\d)(?: years old)?\W*$",
           "identity", "{s} is {n} years old", "age", 0.8),
    # "we're down to two cats", "down to one dog now": a smaller household is the count now
    simple("shift.down_to", r"^(?:(?:i am|we are) )?(?:now )?down to (?P<n>one|two|three|four|five|six|[1-9]) "
                            r"(?P<w>" + PET_WORDS + r")\b.*$",
           "identity", "{s} has {n} {w}", "pets", 0.75),
    # "started Turkish instead", "picked up Korean": a language taken up is one being learnt ("started learning
    # Italian last month" is the goal rule's, with its date)
    simple("shift.took_up_language", r"^(?:(?:i|we) )?(?:have )?(?:just |recently )?(?:started|began|begun|took up"
                                     r"|picked up) (?P<v>" + LANGUAGES + r")(?: (?:lessons|classes))?"
                                     r"(?: (?:instead|too|as well))?(?: \x00)?(?: (?:since|because|as|for) .+)?\W*$",
           "goal", "{s} is learning {v}", "learning:{key}", 0.75),
    # "night owl these days", "total morning person now": when one is awake, said without its subject
    rule("shift.chronotype", r"^(?:i am )?(?:a |an )?(?:total |proper |complete |such an? |more of an? )?"
                             r"(?P<v>night owl|morning person|early bird|early riser|night person)\W*$", chronotype),
    # "I went part-time after the baby", "dropped to four days a week": the schedule now (with a date it is the
    # dated change, read as an event)
    simple("shift.went_part_time", r"^(?!.*\x00)(?:i|we) (?:have )?(?:just |recently |finally )?(?:went|gone"
                                   r"|switched to|moved to|dropped to|cut back to|cut down to|went down to) "
                                   r"(?P<v>part[- ]time|full[- ]time|four days a week|three days a week"
                                   r"|a four[- ]day week)\b(?: (?!on\b).*)?$",
           "identity", "{s} works {v}", "work schedule", 0.75),
    # "I'm seeing someone", "started dating a guy from work": not single any more, whoever it is
    simple("shift.seeing_someone", r"^(?:i am|i have been|i started|we are|i have started) (?:seeing|dating) "
                                   r"(?:someone|somebody|a (?:guy|girl|man|woman|lad|bloke))(?: new)?\W*$",
           "identity", "{s} is seeing someone", "relationship", 0.75),
    # "two grown-up kids": a count of children said without a verb
    simple("shift.children_count", r"^(?P<n>two|three|four|five|six|[2-9]) (?P<a>(?:grown[- ]up|grown|adult|young"
                                   r"|little|teenage|small) )?(?P<w>kids|children|sons|daughters|boys|girls)\W*$",
           "identity", "{s} has {n} {a} {w}", "children", 0.75),
)
