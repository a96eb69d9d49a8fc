"""Relatives of relatives, and the people the speaker lives with, as relation words of their own.

"my wife's brother is a firefighter" is about the speaker's brother-in-law, not about the wife: read through the
possessive, the clause would give the wife a brother's job. Chat names in-laws this way far more often than with
"brother-in-law", so "wife's brother" is a relation word like "brother-in-law" (same key), and the content keeps the
speaker's own words ("Callum's wife's brother is a firefighter"). Only pairs with a word of their own are
relations: "my daughter's friend", "my friend's cousin" stay someone the speaker only knows of, which no rule keeps.
"""

from __future__ import annotations

from .._slots import RELATIONS

_SPOUSES = ("wife", "husband", "partner", "spouse", "hubby", "fiance", "fiancé", "fiancee", "fiancée")
# a spouse's relative: "my wife's mum" is the mother-in-law
_OF_SPOUSE = {
    "mum": "mother-in-law", "mom": "mother-in-law", "mother": "mother-in-law", "dad": "father-in-law",
    "father": "father-in-law", "brother": "brother-in-law", "sister": "sister-in-law", "parents": "in-laws",
    "family": "in-laws", "folks": "in-laws",
}
# a relative's spouse: "my sister's husband" is the brother-in-law, "my son's wife" the daughter-in-law
_SPOUSE_OF = {
    ("sister", "husband"): "brother-in-law", ("brother", "husband"): "brother-in-law",
    ("sister", "wife"): "sister-in-law", ("brother", "wife"): "sister-in-law",
    ("son", "husband"): "son-in-law", ("daughter", "husband"): "son-in-law",
    ("son", "wife"): "daughter-in-law", ("daughter", "wife"): "daughter-in-law",
}
# a parent's sibling or parent has a word of its own too: "my mum's sister" is the aunt, "my dad's mum" the grandmother
_PARENTS = ("mum", "mom", "mam", "mother", "dad", "father")
_OF_PARENT = {"sister": "aunt", "brother": "uncle", "mum": "grandmother", "mom": "grandmother",
              "mother": "grandmother", "dad": "grandfather", "father": "grandfather", "parents": "grandparents"}
IN_LAWS: dict[str, str] = {
    **{f"{spouse}'s {rel}": law for spouse in _SPOUSES for rel, law in _OF_SPOUSE.items()},
    **{f"{rel}'s {spouse}": law for (rel, spouse), law in _SPOUSE_OF.items()},
    **{f"{parent}'s {rel}": kin for parent in _PARENTS for rel, kin in _OF_PARENT.items()},
}
# the same as one pattern, tried before the single words (a hundred literal alternatives would slow every clause)
IN_LAW = (r"(?:(?:" + "|".join(_SPOUSES) + r")'s (?:" + "|".join(_OF_SPOUSE) + r")|(?:sister|brother|son|daughter)'s"
          r" (?:husband|wife)|(?:" + "|".join(_PARENTS) + r")'s (?:" + "|".join(_OF_PARENT) + r"))")
# both parents named as a pair: "my mum and dad live in Cork" is about the parents, not the mum alone
PAIRS = {f"{m} and {d}": "parents" for m in ("mum", "mom", "mam", "mother") for d in ("dad", "father")}
# children counted by kind ("my sons are grown up"), missing from the one-person relations
OFFSPRING = {"sons": "sons", "daughters": "daughters", "stepsons": "stepsons", "stepdaughters": "stepdaughters"}
# the groups among them, which take a plural verb ("my husband's parents live ...")
GROUPS = frozenset(word for word in IN_LAWS if word.endswith(("parents", "folks"))) | frozenset(OFFSPRING) | frozenset(
    PAIRS)
# the people the speaker shares a home with are in their life as much as family (the pinned convention keeps a
# flatmate's facts, not a colleague's or a neighbour's)
HOUSEMATES = {"flatmate": "flatmate", "housemate": "flatmate", "roommate": "flatmate", "flat mate": "flatmate"}
KIN: dict[str, str] = {**RELATIONS, **HOUSEMATES, **IN_LAWS, **OFFSPRING, **PAIRS}
# the relation words as a pattern: the in-laws, then every other word, longest first
WORDS = IN_LAW + "|" + "|".join(sorted(set(KIN) - set(IN_LAWS), key=len, reverse=True))
