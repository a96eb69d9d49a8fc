"""Products one uses one of at a time, by class: a music service, a notes app, a bank, a dating app, a
supermarket, a browser, a phone. "I use Spotify" and "Apple Music is my thing now" are one slot (``tool:music``)
however each is worded, so the newer supersedes the older; the class, not the words, makes the key. Also
the switches said through the product alone ("I'm on Bumble now", "went with a Samsung this time", "moved
everything over to Monzo", "Aldi for groceries now"), which no general rule reads: only a known product
name makes them a fact ("I'm on nights now", "went with the flow" are not)."""

from __future__ import annotations

import re

from .._extraction import Ending
from .base import Ctx, Fact, Rule, rule

# class -> (slot, names). Names that are also plain words or names ("Arc", "Bear", "Chase", "Edge", "Wise", "Next",
# "Safari", "Brave", "Pandora", "Max", "Calm") are left out: "I'm on edge" or "Safari for the honeymoon" name no
# product here.
CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "music": ("tool:music", ("spotify", "apple music", "tidal", "deezer", "youtube music", "amazon music",
                             "soundcloud", "qobuz")),
    "notes": ("tool:notes", ("notion", "obsidian", "evernote", "onenote", "logseq", "apple notes", "google keep",
                             "roam research")),
    "dating": ("tool:dating", ("hinge", "tinder", "bumble", "grindr", "okcupid", "feeld", "happn", "raya")),
    "bank": ("tool:bank", ("monzo", "revolut", "starling", "barclays", "hsbc", "lloyds", "natwest", "santander",
                           "nationwide", "halifax", "n26", "wells fargo", "bank of america", "rabobank", "abn amro")),
    "groceries": ("tool:groceries", ("tesco", "aldi", "lidl", "sainsbury's", "sainsburys", "asda", "waitrose",
                                     "morrisons", "ocado", "whole foods", "trader joe's", "kroger", "safeway",
                                     "costco", "albert heijn", "carrefour")),
    "browser": ("tool:browser", ("chrome", "firefox", "vivaldi")),
    "phone": ("phone", ("iphone", "samsung", "galaxy", "oneplus", "fairphone", "xiaomi", "android", "pixel \\d")),
}
# services one may have several of at once: no one-value slot, but cancelling one ends it ("cancelled netflix")
SUBSCRIPTIONS = ("netflix", "disney+", "disney plus", "hulu", "prime video", "amazon prime", "hbo max",
                 "apple tv+", "paramount+", "now tv", "crunchyroll", "audible", "kindle unlimited", "xbox game pass",
                 "playstation plus", "peloton", "strava premium", "duolingo", "headspace", "chatgpt plus")
_SUBSCRIPTION = "(?:" + "|".join(re.escape(n) for n in sorted(SUBSCRIPTIONS, key=len, reverse=True)) + ")"
_BY_NAME = [(name, slot) for slot, names in CLASSES.values() for name in names]
# longest first, so "apple music" wins over a shorter name inside it
PRODUCT = "(?:" + "|".join(n if "\\" in n else re.escape(n) for n, _ in
                           sorted(_BY_NAME, key=lambda p: -len(p[0]))) + ")"
_BY_NAME_RE = [(re.compile(n if "\\" in n else re.escape(n), re.IGNORECASE), slot) for n, slot in _BY_NAME]
_NAMED = re.compile(rf"(?<![\w-])(?P<p>{PRODUCT})(?![\w-])", re.IGNORECASE)
# what is said against a product, not for it ("hates Spotify", "no longer uses Tinder")
_AGAINST = re.compile(r"\b(?:no longer|not|never|n't|hates?|dislikes?|can't stand|cannot stand|gave up|quit|left"
                      r"|stopped|deleted|cancell?ed|used to)\b", re.IGNORECASE)


def product_slot(content: str) -> str | None:
    """The class slot of the one product class ``content`` names ("The user loves Apple Music" ->
    ``tool:music``); None when it names none, several classes, or speaks against it."""
    slots = {slot for m in _NAMED.finditer(content) for name, slot in _BY_NAME_RE if name.fullmatch(m.group("p"))}
    if len(slots) != 1 or _AGAINST.search(content):
        return None
    return slots.pop()


def _uses(m: re.Match[str], c: Ctx) -> Fact | None:
    v = m.group("p")
    slot = product_slot(v)
    if slot is None:
        return None
    v = v if v[:1].isupper() or v.lower() in ("iphone",) else v.title()
    v = "iPhone" if v.lower() == "iphone" else v
    what = f" for {m.group('for')}" if m.groupdict().get("for") else ""
    if slot == "phone":
        return Fact("preference", f"{c.s} has {'an' if v[:1].lower() in 'aeiou' else 'a'} {v} phone", slot, 0.75)
    return Fact("preference", f"{c.s} uses {v}{what}", slot, 0.75)


def _gone(m: re.Match[str], c: Ctx) -> Fact | None:
    """ "deleted Tinder", "cancelled my Spotify": that product of its class ends; "cancelled netflix" ends what
    names it, whatever its key."""
    v = m.group("p") or m.group("sub")
    slot = product_slot(v) if m.group("p") else None
    if slot is None and not m.group("sub"):
        return None
    v = v if v[:1].isupper() else v.title()
    return Fact("preference", f"{c.s} no longer uses {v}", None, 0.75, ends=Ending(attribute=slot, value=v))


_P = r"(?:a |an |the )?(?P<p>" + PRODUCT + r")(?: app)?"
_END = r"(?: \x00)?(?: (?:these days|this time|instead|again|mostly))?\W*$"

RULES: tuple[Rule, ...] = (
    # "I'm on Bumble now", "back on notion", "mostly on hinge these days"
    rule("product.on", r"^(?:(?:i am|we are) )?(?:mostly |back |now |only )?on " + _P + _END, _uses),
    # "went with a Samsung this time", "switched to Firefox", "moved everything over to Monzo last month"
    rule("product.went_with", r"^(?:(?:i|we) )?(?:have )?(?:just |finally )?(?:went|gone|going|am going) with "
                              + _P + _END, _uses),
    rule("product.moved_to", r"^(?:(?:i|we) )?(?:have )?(?:just |finally )?(?:moved|switched|changed|swapped|migrated)"
                             r" (?:everything |it all |all |my (?:account|banking|money|notes|music) )?(?:over )?to "
                             + _P + _END, _uses),
    # "deleted tinder", "cancelled my Spotify subscription", "closed my Barclays account"
    rule("product.gone", r"^(?:(?:i|we) )?(?:have )?(?:just |finally )?(?:deleted|uninstalled|cancell?ed|closed|got rid"
                         r" of|came off|quit) (?:my |our )?(?:" + _P + r"|(?P<sub>" + _SUBSCRIPTION + r"))"
                         r"(?: account| subscription| membership)?(?: \x00)?(?:,.*)?$",
         _gone),
    # "I bank with Barclays"
    rule("product.bank_with", r"^(?:i|we) (?:now )?bank with " + _P + _END, _uses),
    # "Aldi for groceries now", "Firefox for everything"
    rule("product.for", r"^" + _P + r" for (?P<for>(?:my |our |the )?[\w ]{3,20}?)" + _END, _uses),
)
