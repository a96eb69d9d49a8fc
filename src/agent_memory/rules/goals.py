"""Rules about what the speaker is working towards: learning, training, looking for, deciding."""

from __future__ import annotations

import re

from .base import Ctx, Fact, Rule, group_value, rule, simple
from .dates import NOCASE
from .text import key


def started_learning(m: re.Match[str], c: Ctx) -> Fact:
    if c.date is None:
        v = group_value(m, cut=False)
        return Fact("goal", f"{c.s} is learning {v}", f"learning:{key(v)}", 0.8)
    return Fact("goal", f"{c.s} has been learning {group_value(m, cut=False)}", None, 0.8, dated=True,
                date_prep="since")


def project(m: re.Match[str], c: Ctx) -> Fact | None:
    v = group_value(m, cut=False)
    if c.date is not None or re.search(r"\b(?:e-?mail|message|letter|text|note|reply|comment|post|tweet|response|dinner"
                                       r"|lunch|breakfast|coffee|tea|mistake|list|call|decision)s?\b", v, NOCASE):
        return None  # dated: a plan (below); "writing an email": passing
    return Fact("goal", f"{c.s} is {m.group('verb').lower()} {v}", None, 0.75)


def deadline(m: re.Match[str], c: Ctx) -> Fact:
    verb = {"need": "needs", "have": "has", "must": "must", "got": "has"}[m.group("verb").lower()]
    return Fact("goal", f"{c.s} {verb} to {group_value(m, cut=False)}", None, 0.8, dated=True, needs_date=True)


RULES: tuple[Rule, ...] = (
    simple("goal.is_working", r"^i am working (?P<p>on|towards?|to) (?P<v>.+)$",
           "goal", "{s} is working {p} {v}", None, 0.8, dated=True),
    simple("goal.is_focusing_on", r"^i am (?P<verb>focus(?:s)?ing|concentrating) on (?P<v>.+)$",
           "goal", "{s} is focusing on {v}", None, 0.75, concrete=True, dated=True),
    simple("goal.is_looking_for_a", r"^i am (?:currently )?(?P<v>job|house|apartment|flat) hunting$",
           "goal", "{s} is looking for a {v}", None, 0.75, dated=True),
    simple("goal.is_going_back_to", r"^i am going back to (?P<v>(?:school|university|college|uni)\b.*)$",
           "goal", "{s} is going back to {v}", None, 0.8, dated=True),
    simple("goal.is_for", r"^i am (?P<verb>training|preparing|saving(?: up)?|studying|cramming|revising|getting ready"
                          r"|practi[cs]ing) for (?P<v>.+)$",
           "goal", "{s} is {verb} for {v}", None, 0.8, dated=True),
    simple("goal.saving_to", r"^i am (?:saving|saving up|putting money aside) to (?P<v>(?:buy|get|afford|pay for"
                             r"|go|travel|move) .+)$",
           "goal", "{s} is saving up to {v}", None, 0.8, cut=True),
    simple("goal.is_to", r"^i am (?P<verb>studying|training|learning|working|preparing) to (?P<v>(?:be|become) .+)$",
           "goal", "{s} is {verb} to {v}", None, 0.8, dated=True),
    simple("goal.is", r"^i am (?P<verb>learning|studying|taking (?:an? )?(?:[\w-]+ )?(?:lessons|classes|class"
                      r"|course) (?:in|on)) (?P<v>.+)$",
           "goal", "{s} is {verb} {v}", "learning:{key}", 0.8, dated=True),
    rule("started_learning", r"^i (?:have )?(?:just |recently |finally )?(?:started|began|begun) (?:learning|studying"
                             r"|taking (?:lessons|classes) in) (?P<v>.+)$", started_learning),
    simple("goal.is_to_2", r"^i am (?P<verb>trying|hoping|aiming|determined) to (?P<v>.+)$",
           "goal", "{s} is {verb} to {v}", None, 0.75, concrete=True, dated=True),
    simple("goal.goal_is_to", r"^(?:my|our) (?:main |big |long-term |biggest |ultimate |new year'?s )?(?:goal|dream"
                              r"|ambition|aim|resolution)(?: for \S+(?: \w+)?| \x00)? is (?:to )?(?P<v>.+)$",
           "goal", "{pos} goal is to {v}", None, 0.85, dated=True),
    simple("goal.wants_to", r"^i (?:really )?want to (?!know|ask|see|talk|hear|check|say|try|go\b|eat|sleep|cry|share"
                            r"|tell|make sure|thank|add|clarify|confirm|understand)(?P<v>.+)$",
           "goal", "{s} wants to {v}", None, 0.7, concrete=True, dated=True),
    simple("goal.hopes_to", r"^i hope to (?P<v>.+)$",
           "goal", "{s} hopes to {v}", None, 0.75, concrete=True, dated=True),
    simple("goal.has_decided_to", r"^i (?:have )?(?:decided|resolved|made up my mind) to (?P<v>.+)$",
           "goal", "{s} has decided to {v}", None, 0.75, dated=True),
    simple("goal.is_looking_for", r"^i am (?:looking|searching|hunting) for (?P<v>(?:a new |a |an )?(?:job|work"
                                  r"|apartment|flat|house|home|place to live|internship|roommate|flatmate|partner"
                                  r"|girlfriend|boyfriend|co-?founder|school|daycare|nursery|new \w+)\b.*)$",
           "goal", "{s} is looking for {v}", None, 0.75, dated=True),
    # the work the speaker wants, named by its field: "I want a job in renewable energy", "want something in compliance"
    simple("goal.career", r"^i (?:really |eventually |ultimately )?(?:want|would like|would love|am after"
                          r"|am hoping for) (?:a |an )?(?:new |proper |full-time |permanent )?"
                          r"(?P<what>job|role|position|career|something|work) (?P<p>in|as) "
                          r"(?!(?:a |the )?(?:blue|red|green|black|white|pink|yellow|purple|orange|grey|gray|brown"
                          r"|gold|silver|small|medium|large|size|stock|the fridge)\b)"
                          r"(?P<v>(?:(?! for | to | from )[\w&' -]){3,60}?)(?: eventually| one day| someday"
                          r"| at some point| long[- ]term)?\W*$",
           "goal", "{s} wants {what} {p} {v}", "goal:career", 0.75),
    simple("goal.is_considering", r"^i am (?:thinking (?:of|about)|considering) (?P<v>\w+ing\b.+)$",
           "goal", "{s} is considering {v}", None, 0.6, concrete=True, dated=True),
    simple("goal.is_applying", r"^i am applying (?P<p>to|for) (?P<v>.+)$",
           "goal", "{s} is applying {p} {v}", None, 0.75, dated=True),
    rule("project", r"^(?:i am|we are) (?P<verb>writing|building|renovating|developing|designing|creating|launching"
                    r"|organi[sz]ing"
           r"|recording|remodel+ing|restoring|self-publishing|making) (?P<v>(?:a|an|my|our|the) .+)$", project),
    rule("deadline", r"^i (?P<verb>need|have|must|got) to (?P<v>.+)$", deadline),
)
