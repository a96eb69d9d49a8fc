"""The default extractor: ordered regular-expression rules over user messages, no LLM, no network.

Each user message is split into sentences and clauses; a clause that is a question, small
talk, a joke, a hypothetical, a passing mood or about someone else yields nothing. The rest
are normalised (fillers and "if that helps" tails dropped, "I've been vegan for years" read as
"I am vegan", "I'd rather" as "I prefer", "I'm 34 and live in Oslo" as two clauses) and matched
against first-person patterns (identity, preference, constraint, goal, plan, event, fact),
then rewritten as a short third-person statement about the speaker. Relative dates
("yesterday", "next Friday", "on 5 June", "last summer") are resolved against the message's time.

Layout: ``dates`` (date phrases), ``lexicon`` (word lists, what is not a fact), ``text``, ``learner`` and
``clauses`` (normalisation; ``prefilter`` skips rewrites that cannot match), ``people`` and ``others`` (the
people and pets in the speaker's life, and the fallback for what no rule reads about them), ``base`` (what a
rule is), one module of rules per family (``identity``, ``constraints``, ``preferences``, ``goals``, ``plans``,
``events``, ``past``, ``transitions``, ``shifts``), ``order`` (the explicit priority), ``settle`` (one present
value per slot in a message), ``extractor`` (:class:`RuleExtractor`).

``attribute`` is the conflict key consolidation uses: a newer fact with the same subject and
attribute ("location", "favorite:player", "port:server", "preference:cats") supersedes the
older one, while facts about different things ("likes jazz", "likes hiking") coexist.
"""

from .extractor import RuleExtractor

__all__ = ["RuleExtractor"]
