"""Rules about what limits the speaker: diet, allergies, health, fears, means, budget."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, group_value, rule, simple
from .dates import NOCASE
from .lexicon import CONDITIONS, DEICTIC, DIETS, FOODS, IMPAIRMENTS, MEDICINES, PETS
from .text import key, plural, third_person


def diet(m: re.Match[str], c: Ctx) -> Fact:
    if m.group("v").lower() == "sober":  # "sober since March": a count of its own, dated from its start
        return Fact("constraint", f"{c.s} has been sober", "sobriety", 0.85, dated=c.date is not None,
                    date_prep="since")
    but = f" {group_value(m, 'x', cut=False)}" if m.group("x") else ""  # "but eats fish sometimes"
    return Fact("constraint", f"{c.s} is {m.group('a') or ''}{m.group('v').lower()}{but}", "diet", 0.9)


def allergy_noun(m: re.Match[str], c: Ctx) -> Fact:
    v = plural(m.group("v").strip().lower())
    return Fact("constraint", f"{c.s} is allergic to {v}", f"allergy:{key(v)}", 0.9)


def lacks(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m)
    if re.search(r"\b(?:idea|clue|time|preference|choice|problem|question|opinion|doubt|issue)s?\b", v, NOCASE):
        return None  # "I don't have a clue": a remark, not a constraint
    if m.group("more"):  # "I don't have a dog anymore": the pet or the car ends
        thing = key(v)
        slot = "pets" if thing.split()[-1:] and thing.split()[-1] in PETS else "car" if thing == "car" else None
        return Fact("constraint", f"{c.s} no longer has {v}", None, 0.75,
                    ends=Ending(attribute=slot, value=slot if slot == "car" else thing.split()[-1]) if slot else None)
    return Fact("constraint", f"{c.s} does not have {v}", f"has:{key(v)}", 0.75)


def cannot(m: re.Match[str], c: Ctx) -> Fact | None:
    if c.date is not None and c.date.prep != "since":
        return None  # "I can't do the meeting tomorrow": one occasion declined, no lasting limit
    return Fact("constraint", f"{c.s} cannot {group_value(m, cut=False)}", None, 0.7)


# what giving up a habit empties: "I don't drive anymore" leaves no car
HABIT_SLOT = {"drive": "car"}


def does_not(m: re.Match[str], c: Ctx) -> Fact:
    """ "I don't drive", "I no longer smoke": the negation is kept as said ("no longer" is not "does not");
    "anymore" makes it an ending of the habit's slot."""
    neg, verb = m.group("neg").lower(), m.group("verb").lower()
    if m.group("more"):
        neg = "no longer"
    said = {"do not": f"does not {verb}", "no longer": f"no longer {third_person(verb)}"}.get(neg, f"{neg} {verb}")
    slot = HABIT_SLOT.get(verb)
    return Fact("constraint", f"{c.s} {said}", verb, 0.8,
                ends=Ending(attribute=slot, value=slot) if slot and neg == "no longer" else None)


# what one eats, drinks or takes in, for limits the speaker sets themself
INTAKE = r"(?:eat|drink|have|take|use|touch|do|go on|check|look at)"
# a limit in time or amount: "after 2pm", "on weeknights", "more than two coffees"
LIMIT = (r"(?:after|before|past) (?:\d{1,2}(?::\d\d)?\s?(?:am|pm)?|noon|midnight|lunch|dinner|dark|bed(?:time)?"
         r"|\w+ ?time)|on (?:weeknights|weekdays|school nights|work nights|a work night|a school night)|more than .+"
         r"|during the week")

# the limit's own words in the third person
SAID = {"try not to": "tries not to", "am trying not to": "tries not to", "do not": "does not", "no": "has no",
        "limit myself to": "limits themself to", "am cutting back on": "is cutting back on",
        "am cutting down on": "is cutting down on", "cut back on": "is cutting back on",
        "cut down on": "is cutting down on", "stick to": "sticks to", "only allow myself": "only allows themself",
        "allow myself": "allows themself", "do not allow myself to": "does not allow themself to"}


def limit(m: re.Match[str], c: Ctx) -> Fact | None:
    """A self-imposed limit: "I try not to drink coffee after 2pm", "no caffeine after 2pm for me",
    "I limit myself to one coffee a day", "I'm cutting back on sugar": a standing rule, not a mood."""
    v = group_value(m, cut=False)
    if not v or DEICTIC.match(v) or re.match(r"^\w+ (?:it|this|that|these|those|them)\b", v, NOCASE):
        return None  # "I try not to eat it after midnight": about the thing in view
    how, slot = " ".join(m.group("how").lower().split()), f"limit:{key(v)}"
    if how == "never":  # "I never check emails after 6pm" -> "never checks emails after 6pm"
        first, _, rest = v.partition(" ")
        v = f"{third_person(first)} {rest}".strip()
    said = SAID.get(how, how)
    return Fact("constraint", f"{c.s} {said} {v}", slot, 0.75)


# access needs: "I need step-free access", "I need large print", "I need captions on videos"
ACCESS = (r"(?:(?:wheelchair|step-free|step free|level|disabled|accessible) (?:access|seating|parking|toilets?"
          r"|rooms?|entrances?)|large print|big print|large text|bigger text|captions|subtitles|a ramp|ramps|a lift"
          r"|an elevator|lifts|elevators|a sign language interpreter|an interpreter|bsl|asl|a screen reader"
          r"|a hearing loop|an aisle seat|a ground[- ]floor room|a walk-in shower|a quiet room|frequent breaks"
          r"|rest breaks)")


RULES: tuple[Rule, ...] = (
    rule("limit", r"^(?:i |we )?(?P<how>try not to|am trying not to|never|do not|do not allow myself to)"
                  r" (?P<v>" + INTAKE + r"(?: .+?)? (?:" + LIMIT + r"))$", limit),
    rule("limit_to", r"^(?:i |we )?(?P<how>limit myself to|am cutting back on|am cutting down on|cut back on"
                     r"|cut down on|stick to|only allow myself|allow myself) (?P<v>(?:\w+ ){0,4}?(?:a day|a week"
                     r"|per day|per week|a night|max|at most|or less|or fewer|screen time|caffeine|sugar|alcohol"
                     r"|booze|coffee|meat|carbs|salt|social media|drinking|smoking|junk food|takeaways?)\b.*)$",
         limit),
    rule("limit_no", r"^(?P<how>no) (?P<v>(?:caffeine|coffee|alcohol|booze|food|screens|phones?|sugar|carbs|snacks"
                     r"|eating|drinking|work|emails?) (?:" + LIMIT + r"))(?: for me)?(?:,.*)?$", limit),
    simple("constraint.access", r"^(?:i|we) (?:need|require|rely on|have to have|must have|always need) (?P<v>"
                                + ACCESS + r"\b.*)$",
           "constraint", "{s} needs {v}", "access:{key}", 0.8, cut=True),
    simple("constraint.work_nights", r"^i (?:have been |am )?(?:doing|working|on) (?P<v>nights|night shifts"
                                     r"|early shifts|late shifts|weekends)\b.*$",
           "constraint", "{s} works {v}", "work schedule", 0.8),
    simple("constraint.diet_on", r"^i am on (?:a |an |the )?(?P<v>" + DIETS + r")(?: diet)?$",
           "constraint", "{s} is on {v}", "diet", 0.85),
    simple("constraint.not_smoked", r"^i have not smoked for (?P<v>(?:\w+ )?(?:days?|weeks?|months?|years?))$",
           "constraint", "{s} has not smoked for {v}", "smoking", 0.8),
    simple("constraint.sobriety", r"^i am (?P<n>[\w-]+ (?:days?|weeks?|months?|years?)) sober\b.*$",
           "constraint", "{s} has been sober for {n}", "sobriety", 0.85),
    simple("constraint.smoke_free", r"^i am (?P<n>[\w-]+ (?:days?|weeks?|months?|years?)) smoke-free\b.*$",
           "constraint", "{s} has been smoke-free for {n}", "smoking", 0.85),
    simple("constraint.diet_ended", r"^i am (?:no longer|not) (?:on )?(?:a |an )?(?P<v>" + DIETS + r")"
                                    r"(?: diet)?"
                                    r"(?: any ?more)?$",
           "constraint", "{s} is no longer {v}", "diet", 0.85),
    simple("constraint.diet_eats", r"^i (?:do )?eat (?P<v>meat|fish|seafood|dairy|eggs|pork|beef|chicken)"
                                   r"(?: again| now| these days)?$",
           "constraint", "{s} eats {v}", "diet:{key}", 0.75),  # beside the diet ("not vegan, I eat fish"), not over it
    simple("constraint.diet_again", r"^i (?:have )?(?:started|began) eating (?P<v>meat|fish|dairy|eggs|pork|beef"
                                    r"|chicken|gluten|sugar)\b(?: again)?\s*\x00?$",
           "constraint", "{s} eats {v} again", "diet", 0.8),
    simple("constraint.budget_of", r"^(?:i am|we are) on a budget of (?P<v>.+?)(?: for .*)?$",
           "constraint", "{pos} budget is {v}", "budget", 0.85),
    rule("diet", r"^i am (?P<a>a |an )?(?P<v>" + DIETS + r")\b(?P<x> but (?:eats|has|drinks) .+)?", diet),
    simple("constraint.diet", r"^i (?:have )?(?:just |recently )?(?:became|become|went|gone|turned) (?:fully |full "
                              r"|completely |100% )?(?:a |an )?(?P<v>" + DIETS + r")\b",
           "constraint", "{s} is {v}", "diet", 0.85),
    simple("constraint.diet_is_on_a_diet", r"^i (?:am on|follow|eat|stick to|keep to) (?:a |an "
                                           r"|the )?(?P<v>(?:[\w-]+ ){0,2})diet$",
           "constraint", "{s} is on a {v} diet", "diet", 0.85),
    simple("constraint.diet_keeps", r"^i (?:keep|eat|am keeping) (?P<v>kosher|halal)$",
           "constraint", "{s} keeps {v}", "diet", 0.85),
    simple("constraint.diet_only_eats_food", r"^i (?:only )?eat (?P<v>halal|kosher|plant-based|vegan"
                                             r"|vegetarian)(?: food)?(?: only)?$",
           "constraint", "{s} only eats {v} food", "diet", 0.85),
    simple("constraint.allergy", r"^i am allergic to (?P<v>.+)$",
           "constraint", "{s} is allergic to {v}", "allergy:{key}", 0.9, cut=True),
    rule("allergy_noun", r"^i have (?:a |an )?(?:severe |mild |bad |serious |slight )?(?P<v>[\w -]+?) allerg(?:y"
                         r"|ies)$", allergy_noun),
    simple("constraint.allergy_is_allergic_to", r"^i have (?:a |an )?(?:severe |mild |bad |serious )?allerg(?:y"
                                                r"|ies) to (?P<v>.+)$",
           "constraint", "{s} is allergic to {v}", "allergy:{key}", 0.9, cut=True),
    simple("constraint.diet_is_intolerant_to", r"^i am (?:intolerant to|sensitive to) (?P<v>.+)$",
           "constraint", "{s} is intolerant to {v}", "diet:{key}", 0.85, cut=True),
    simple("constraint.health", r"^i (?:have|have got|get|suffer from|live with|(?:was|have been"
                                r"|got) diagnosed with) (?P<v>" + CONDITIONS + r")\b.*$",
           "constraint", "{s} has {v}", "health:{key}", 0.85),
    simple("constraint.health_is_recovering_from", r"^i am recovering from (?P<v>.+)$",
           "constraint", "{s} is recovering from {v}", "health:{key}", 0.8, cut=True),
    simple("constraint.health_is_on", r"^i (?:am on|take) (?P<v>(?:medication|meds|insulin|blood thinners"
                                      r"|antidepressants|chemo(?:therapy)?|" + MEDICINES + r")\b.*)$",
           "constraint", "{s} is on {v}", "health:{key}", 0.8, cut=True),
    simple("constraint.health_is", r"^i am (?P<v>(?:type [12] )?" + IMPAIRMENTS + r")"
                                   r"(?P<rest> in (?:one|both|my (?:left|right)) (?:ear|eye)s?)?"
                                   r"(?:,? (?:so|which means|and so) .+)?$",  # "..., so please no voice notes"
           "constraint", "{s} is {v} {rest}", "health:{key}", 0.85),
    # what the body no longer manages, by the movement it needs: "can't do stairs", "can't manage long walks"
    simple("constraint.cannot_manage", r"^i (?:cannot|can no longer|am not able to|am unable to) (?:do|manage|climb"
                                       r"|walk up|walk|handle|cope with) (?P<v>(?:the )?(?:stairs|steps|hills"
                                       r"|long walks"
                                       r"|long distances|far|kneeling|heavy lifting|lifting|standing for long"
                                       r"|long flights))\b.*$",
           "constraint", "{s} cannot manage {v}", "accessibility:{key}", 0.8),
    simple("constraint.diet_does_not_eat_or", r"^i (?:do not|cannot) (?:eat|drink"
                                              r"|have(?= " + FOODS + r"\b)) (?P<v>.+)$",
           "constraint", "{s} does not eat or drink {v}", "diet:{key}", 0.8, cut=True),
    simple("constraint.diet_no_longer", r"^i (?:no longer|have stopped|stopped|have given up|gave up|have quit"
                                        r"|quit) (?P<verb>eat|drink)(?:ing)? (?P<v>.+)$",
           "constraint", "{s} no longer {verb}s {v}", "diet:{key}", 0.8, cut=True),
    rule("does_not", r"^i (?P<neg>do not|no longer|cannot|can no longer) (?P<verb>smoke|drive|drink|cook|swim|fly)"
                     r"(?P<more> any ?more)?$",
         does_not),
    simple("constraint.avoid", r"^i (?:try to |always |generally |tend to )?(?:avoid|stay away from"
                               r"|steer clear of) (?P<v>.+)$",
           "constraint", "{s} avoids {v}", "avoid:{key}", 0.8, cut=True, concrete=True),
    simple("constraint.fear", r"^i (?:am (?:scared|afraid|terrified) of|have (?:a|an) (?:\w+ )?(?:fear"
                              r"|phobia) of) (?!the\b|my\b|our\b|what\b"
           r"|how\b|it\b|this\b|that\b|you\b|him\b|her\b|them\b)(?P<v>.+)$",
           "constraint", "{s} is afraid of {v}", "fear:{key}", 0.8, cut=True),
    simple("constraint.fear_is", r"^i am (?P<v>claustrophobic|agoraphobic|acrophobic)$",
           "constraint", "{s} is {v}", "fear:{v}", 0.8),
    simple("constraint.is_not_allowed_to", r"^i am not (?:allowed|supposed|able) to (?P<v>.+)$",
           "constraint", "{s} is not allowed to {v}", None, 0.75, cut=True),
    simple("constraint.can_only", r"^i can only (?P<v>\w+ .+)$",
           "constraint", "{s} can only {v}", None, 0.75, cut=True),
    simple("constraint.only_has", r"^i only have (?P<v>.+)$",
           "constraint", "{s} only has {v}", None, 0.7, cut=True),
    rule("lacks", r"^(?:i|we) (?:do not|cannot) (?:have|own) (?P<v>(?:a|an|any) .+?)(?P<more> any ?more)?$", lacks),
    simple("constraint.budget", r"^(?:my|our|the) budget (?:is now|is|was|went up to|went down to|dropped to"
                                r"|increased to|decreased to|of|has gone up to|has dropped to) (?:now )?"
                                # an amount or a size, not a verdict ("my budget is a joke")
                                r"(?P<v>(?=.*(?:\d|[£$€¥]|\b(?:tight|limited|strict|small|low|fixed|shoestring|zero|nil"
                                r"|hundred|thousand|grand|k)\b)).+)$",
           "constraint", "{pos} budget is {v}", "budget", 0.9, cut=True),
    simple("constraint.budget_has_a_budget_of", r"^(?:i|we) have a budget of (?P<v>.+)$",
           "constraint", "{s} has a budget of {v}", "budget", 0.9),
    simple("constraint.budget_is_on_a_budget", r"^(?:i am|we are) on a (?P<v>(?:very )?(?:tight|limited|strict|small"
                                               r"|low|fixed|shoestring)) budget$",
           "constraint", "{s} is on a {v} budget", "budget", 0.85),
    simple("constraint.budget_cannot_spend_more_than", r"^(?:i|we) (?:cannot|can not) (?:spend"
                                                       r"|afford(?: to spend)?) more than (?P<v>.+)$",
           "constraint", "{s} cannot spend more than {v}", "budget", 0.85, cut=True),
    simple("constraint.budget_can_spend", r"^(?:i|we) (?:can|want to) spend (?P<v>(?:up to|at most|no more than"
                                          r"|max(?:imum)?|around|about) .+)$",
           "constraint", "{s} can spend {v}", "budget", 0.85, cut=True),
    rule("cannot", r"^i cannot (?!stand\b|believe|wait|sleep|remember|find|decide|figure|stop|help|see|hear|tell|get"
           r"|let go|"
           r"think|understand|imagine|say|be bothered|come|go\b|make it|talk|do it|afford it)"
           r"(?P<v>\w+ .+|drive|swim|cook|ride a bike|type|walk far|read music|dance)$", cannot),
)
