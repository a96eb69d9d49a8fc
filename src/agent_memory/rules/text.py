"""Text helpers: contractions, fillers, clause boundaries, rewrites to a canonical first-person
form, and first -> third person."""

from __future__ import annotations

import re

from .dates import MONTHS, NOCASE
from .lexicon import CHANNELS, DIETS, DOG_BREEDS, FOODS, IMPAIRMENTS, JOB_WORDS, KEY_LEAD, KEY_STOP, LANGUAGES, PRONOUNS
from .prefilter import Replacement, Rewrites, gated

CONTRACTIONS = [(re.compile(p, NOCASE), r) for p, r in (
    (r"[\u2018\u2019`]", "'"), (r"\bI'm\b", "I am"), (r"\bI've\b", "I have"), (r"\bI'll\b", "I will"),
    (r"\bI'd\b", "I would"),
    # "he's just been diagnosed", "she's got two kids": "has" before a participle
    (r"\b(?P<p>she|he)'s (?=(?:just |recently |finally |already |never |always )?(?:been|got|gone|had|lost|left"
     r"|finished|started|passed|taken|become)\b)", r"\g<p> has "),
    (r"\b(?P<p>she|he)'s\b", r"\g<p> is"),
    # "my uncle's just been made redundant": "has" (before the "is" below reads "just" as an adverb of being)
    (r"\b(?P<np>(?:my|our) (?:[\w-]+ )?[\w-]+)'s (?=(?:just|recently|finally|already) (?:been|got)\b)", r"\g<np> has "),
    # (not "my master's in law": a degree)
    # (nor a home after "at": "staying at my mum's this weekend")
    (r"(?<!\bat )(?<!\bto )(?<!\bround )(?<!\bover )(?<!\bfrom )\b(?P<np>(?:my|our) (?:[\w-]+ )?(?!master\b|bachelor\b)"
     r"[\w-]+)'s (?=(?:a|an|from|in|at|allergic|vegan|vegetarian"
     # (not a noun in -ing: "before my sister's wedding")
     r"|\d+|(?!(?:wedding|christening|housewarming|thing|morning|evening|building|birthday)\b)\w+ing"
     # where they are from, said last: "my husband's norwegian, I'm Spanish" (not "my son's Spanish teacher")
     r"|(?:" + LANGUAGES[3:-1] + r"|american|british|canadian|australian|scottish|brazilian|mexican|indian|nigerian"
     r"|pakistani|colombian|argentinian|egyptian|moroccan|ghanaian|jamaican)(?=\s*(?:[,.!;]|$|and\b|but\b))"
     r"|pregnant|married|engaged|single|divorced|retired|now|still|also|just|really|very|so|back|away|not|on|off"
     r"|into|moving|going|next|this|tomorrow|today|coming|called|named|obsessed|terrified|scared|deaf|blind"
     # a condition said as an adjective is a state, not a thing owned: "my mum's diabetic", "my son's autistic"
     r"|diabetic|autistic|coeliac|celiac|epileptic|asthmatic|dyslexic|disabled)\b)",
     r"\g<np> is "),
    (r"\b(?P<np>(?:my|our) (?:[\w-]+ )?[\w-]+)'s (?=(?:been|got|just got|finally got)\b)", r"\g<np> has "),
    (r"\bwe're\b", "we are"), (r"\bwe've\b", "we have"), (r"\bwe'll\b", "we will"),
    (r"\bwe'd\b", "we would"), (r"\bname's\b", "name is"), (r"\bdon'?t\b", "do not"), (r"\bdoesn't\b", "does not"),
    (r"\bcan't\b", "cannot"), (r"\bcan not\b", "cannot"), (r"\bwon't\b", "will not"),
    (r"\b(?P<v>have|has|is|are|was|were|did|does)n'?t\b", r"\g<v> not"), (r"\bcant\b", "cannot"),
    # chat spelling: "my bf", "pls", "luv", "10 yrs"
    (r"\b(?P<p>my|our) bf\b", r"\g<p> boyfriend"), (r"\b(?P<p>my|our) gf\b", r"\g<p> girlfriend"),
    (r"\b(?P<p>my|our) hubby\b", r"\g<p> husband"), (r"\b(?P<p>my|our) wifey\b", r"\g<p> wife"),
    # household words of chat: "my other half", "my OH", "my missus", "my mam", "our little one"
    (r"\b(?P<p>my|our) (?:other half|better half|(?-i:OH|SO))\b", r"\g<p> partner"),
    (r"\b(?P<p>my|our) (?:missus|misses|wife-to-be)\b", r"\g<p> wife"),
    (r"\b(?P<p>my|our) (?:mam|mammy|mummy|mommy|ma)\b", r"\g<p> mum"),
    (r"\b(?P<p>my|our) (?:daddy|da|pa)\b", r"\g<p> dad"),
    (r"\b(?P<p>my|our) (?:little|wee|baby) one\b", r"\g<p> youngest"),
    (r"\b(?P<p>my|our) (?P<a>little |big |older |younger )?sis\b", r"\g<p> \g<a>sister"),
    (r"\b(?P<p>my|our) (?P<a>little |big |older |younger )?bro\b", r"\g<p> \g<a>brother"),
    (r"\bw/\s*(?=\w)", "with "), (r"\bw (?=(?:my|our|his|her|their)\b)", "with "),  # "w/ my mum", "w my parents"
    (r"\b(?:pls|plz|plis)\b", "please"), (r"\bluv\b", "love"), (r"\bh8\b", "hate"), (r"\bu\b(?= can\b)", "you"),
    (r"\b(?P<n>\d+|a few|a couple of) yrs\b", r"\g<n> years"), (r"\b(?P<n>\d+) mos\b", r"\g<n> months"),
    (r"\bim\b(?=\s+[a-z0-9])", "I am"), (r"\bive\b(?=\s+[a-z])", "I have"),
    (r"\bid\b(?=\s+(?:rather|love|like|prefer|never|say|go)\b)", "I would"))]
FILLER = gated(
    r"^(?:(?:actually|now|well|so|also|oh|btw|by the way|honestly|anyway|ok|okay|and|but|yes|yeah|yep|hi|hello|hey|hmm"
    r"|hiya|heya|howdy|hii+|heyy+"
    r"|um|bro|bruh|dude|omg|yo|welp|guys"
    r"|fyi|just so you know|for the record|correction|update|fun fact|in fact|these days|nowadays|oh and|as of now"
    r"|from now on|(?:just )?for (?:context|background)|for reference|just to let you know|heads up|just a heads up|ps"
    r"|quick note|quick update"
    # a frame or a verdict before the statement: "In my free time I do pottery", "Good thing I love flying"
    r"|in my (?:free|spare) time|(?:a )?good thing|luckily|thankfully|fortunately"
    r"|so+|personally|to be honest|tbh|fwiw|for what it's worth|as i said|as i mentioned|like i said|as you know"
    r"|basically|ok so|okay so|long story short|long story|(?:it )?turns out|good news|big news|guess what"
    r"|quick one|quick q|random question|one more thing"
    r"|ngl|not gonna lie|lowkey|low key|real talk|i mean|(?:i am )?pretty sure|i am fairly sure|i guess|i think"
    r"|(?:i )?reckon"
    r"|kinda|kind of|sort of|i would say|funnily enough|fun fact|little update|small update|news|big news"
    r"|(?:please )?(?:remember|note|keep in mind|bear in mind|do not forget)(?: that)?(?=\s+(?:i|my|we|our)\b)"
    r"|(?:i )?(?:just |only |really )?(?:should|forgot to|wanted to|want to|needed to|meant to) (?:mention|say"
    r"|tell you|add|let you know|point out)(?: that)?"
    # the preamble of a long message: "the thing about me is", "so here goes", "to give you some background"
    r"|the (?:thing|truth|problem|situation) (?:about me |with me )?is(?: that)?|here goes"
    r"|(?:just )?to give you (?:some|a bit of|a little)? ?(?:background|context)(?: before my question)?"
    r"|(?:a )?(?:bit of|some|quick|little bit of) (?:background|context)|the reason i ask(?:ed)? is(?: that)?"
    r"|(?:a (?:bit|little) |some things |quick facts )?about me(?=\s*:)|quick intro(?=\s*:)"
    r"|sorry for the (?:long|late) (?:message|reply)|for your information|dear (?:assistant|sir|madam)"
    r"|good (?:morning|afternoon|evening)|(?:please )?remind me(?: that)?(?=\s+(?:i|my|we|our)\b)"
    # the opener of an answer to the assistant's question: "correct, ...", "nope, ...", "both actually"
    r"|(?:correct|right|exactly|indeed|both(?: actually)?)(?=[,.!]| actually)|nope|nah"
    r"|you should know(?: that)?)\b[\s,:;!.-]*)+", NOCASE)
# a laugh or an emoji ends a sentence in chat: "i hate cilantro lol it tastes like soap"
# (a colon before a statement ends a preamble: "so here goes: I'm 34, ...")
# (not after a title: "I am Dr. Haddad", "St. Mary's")
SENTENCES = re.compile(r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bProf\.)\s+"
                       r"|\n+|;\s*|:\s+(?=(?:I|we|my|our)\b)"
                       r"|[\s,]*\b(?:lol|lmao|rofl|haha\w*|hehe\w*)\b[\s.!,]*"
                       r"|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\u200d\ufe0f\u2640\u2642]+\s*", NOCASE)
# "I'm deaf in one ear so please no voice notes": the channel refused is a clause of its own
CLAUSES = re.compile(r",?\s+so\s+(?=please no " + CHANNELS + r"\b)"
                     r"|,?\s+(?:and|but|so|though|although|plus)\s+(?:then\s+|also\s+|since then\s+|after that\s+"
                     r"|yeah\s+|yea\s+|ya\s+|fyi\s+|btw\s+|ngl\s+"
                     r"|honestly\s+|frankly\s+|actually\s+|tbh\s+|to be honest\s+|now\s+)?"
                     # (a date may open the next statement: "ran it last year and this year I want to get under 4h")
                     r"(?=(?:now\s+|(?:this|next|last) (?:year|month|week|weekend|summer|winter|spring|autumn),?\s+)?"
                     r"(?:I|we|my|our|he|she)\b"
                     # what follows from a statement, or the question it leads to: "I'm a librarian so it kind of
                     # fits", "my daughter is 2 so any tips for flying?"
                     r"|(?<=so )(?:it|that|this|there|everything|anything|nothing|any|what|how|can|could|should|would"
                     r"|will)\b)"
                     r"|,\s+(?:then\s+)?(?=(?:now\s+)?(?:I|we|my|our|he|she)\b)"
                     r"|,?\s+because\s+(?=(?:my|our|I am|I have|we are|we have)\b)"  # "because my dad's been ill"
                     r"|,\s+as\s+(?=(?:my|our) [\w-]+ (?:is|are|has|have)\b)"
                     r"|,\s+which means\s+(?=(?:I|we|he|she)\b)"  # "..., which means he works most weekends"
                     r"|,?\s+so\s+(?=(?:please|pls)\s+(?:do not|never) (?:suggest|recommend|give me|include)\b)"
                     r"|,\s+so\s+(?=(?:GMT|UTC)\s?[+-]\s?\d)"
                     # "sold the Golf and bought an electric Kia": the sale and the new one
                     r"|\s+and\s+(?=(?:bought|got|picked up|leased) (?:a|an) (?:new |used |electric |second-hand )?"
                     r"(?-i:[A-Z]))"
                     # ("and if I get the job ...": a supposition apart)
                     r"|,?\s+(?:and|but)\s+(?:also\s+)?(?=(?:if|(?:just|recently|finally) (?:been|started|got|moved"
                     r"|quit|joined|finished|turned|took up|switched|retired|graduated)|been|living|teaching|working"
                     r"|studying"
                     r"|(?:going|moving|flying|heading|relocating) to (?=(?-i:[A-Z]))|(?:moved|relocated) to"
                     r"|trying to|saving (?:up )?for"
                     r"|originally|based|live)\b)"
                     # (not inside a list of numbers: "my kids are 6, 9 and 12")
                     r"|(?:(?<!\d),|,(?=\s+\D))\s+(?!(?:and|or|as well|too|plus|including|especially|mostly|mainly"
                     r"|which"
                     r"|who|so"
                     r"|because"
                     r"|please|since|as|it|that|this|a|an|the)\b)(?=[a-z0-9])",
                      NOCASE)
SUBORDINATE = re.compile(r"^(?:since|because|as|now that|ever since|after|once)\s+(?P<a>(?:I|we)\b.+?),?\s+(?P<b>(?:I"
                         r"|we)\s+(?:am|are|have|was|were|will|\w+ed|do|also|still|now|usually"
                         # a present routine after the reason: "since we moved out I take the train to work"
                         r"|take|get|go|drive|cycle|walk|commute|work|live|use|eat|run)\b.+)$", NOCASE)
# an ending told after the value that replaced it: "pottery's my new thing since I quit bouldering" is two
# statements, the new value and the ending
ENDED_SINCE = gated(r"\s+(?:since|now that|ever since) (?=(?:I|we) (?:quit|stopped|gave up|dropped|sold)\b)",
                         NOCASE)
# a reason told first as a noun phrase: "because of the new job we moved to Leeds" states the move
REASON_FIRST = gated(r"^(?:because of|due to|thanks to|what with) (?:the|my|our|his|her|their|a|an|all the) "
                          r"[\w' -]{1,40}?,?\s+(?=(?:I|we) \w+)", NOCASE)
# "I'm 34 and live in Berlin": a second verb that shares the subject
# "I'm a photographer based in Cardiff": a second state of the same subject
# ("but" only before a verb of a standing fact: "camping a few times but never tried climbing" is an anecdote)
ELIDED = re.compile(r"(?:,\s*|\s+)(?:and|but(?!\s+(?:never|always|usually|go|do not|cannot|hope|want|plan|use|have|am"
                    r"|play|drive|bought|sold|adopted)\b))\s+(?=(?:live|work|have|am|speak|love|like|hate|enjoy|prefer|study|teach"
                    r"|run|own|grew up|used to|was born"
                    r"|studying|working|living|teaching|(?:(?:recently|newly|happily|just) )?(?:retired|semi-retired"
                    r"|married|divorced|widowed|engaged|separated)"
                    r"|(?:(?:rather|quite|very|a bit|slightly|also|strictly) )?(?:" + DIETS[3:-1] + "|"
                    + IMPAIRMENTS[3:-1] + r")|play|hope|want|plan|drive|use|go|do not|cannot|never|always|usually"
                    r"|bought|sold|adopted|moved|went|started|quit|took up|joined|retired|graduated|switched)\b)"
                    r"|(?<!\bam)(?<!\bare)(?<!\bbeen),?\s+(?:now\s+|currently\s+)?(?=(?:based|living|located) in "
                    r"(?-i:[A-Z]))", NOCASE)
COUPLE = gated(r"(?:^|(?<=, ))(?:(?:my|our) (?:[\w'-]+ ){1,2}?and I|me and my (?:[\w'-]+ ){0,1}?\w+"
                    r"|(?!(?:oh|so|and|but|yes|yeah|ok|okay|well|now|also|then|ah|hey|hi)\b)(?-i:[A-Z])[\w'-]+"
                    r" and I)\b",
                    NOCASE)
# "I'm Priya, 29, a UX designer": each piece after the name is said of the speaker
APPOSITION = gated(r"(?:^|(?<=, ))(?P<name>I am (?:(?:(?-i:Mr|Mrs|Ms|Dr|Prof)\. )?(?-i:[A-Z])[\w'-]+|\d{1,2})),"
                        r"\s+(?=(?:a|an|the)\s|\d{1,2},)",
                        NOCASE)
DATE_MARK = "\x00"

# present perfect of a state that still holds -> the present: "I've lived here for years" -> "I live here"
PARTICIPLES = {"been": "", "lived": "live", "worked": "work", "used": "use", "played": "play", "loved": "love",
                "liked": "like", "hated": "hate", "enjoyed": "enjoy", "preferred": "prefer", "wanted": "want",
                "owned": "own", "studied": "study", "taught": "teach", "spoken": "speak", "driven": "drive",
                "practiced": "practice", "practised": "practise", "followed": "follow", "eaten": "eat",
                "supported": "support", "collected": "collect", "run": "run", "avoided": "avoid", "had": "have"}
# "-ing" forms after "been" that other rules read as a present state ("I am learning", "I am living in")
STATE_ING = {"working", "living", "learning", "studying", "training", "preparing", "saving", "trying", "hoping",
              "aiming", "writing", "building", "renovating", "developing", "designing", "creating", "looking",
              "searching", "applying", "taking", "staying", "residing"}
PERFECT = gated(r"^(?P<s>i|we) have (?P<adv>always |long |never )?(?P<p>" + "|".join(PARTICIPLES) + r")\b"
                      r"(?P<rest>.*)$", NOCASE)
DURATION = re.compile(
    r",?\s+(?:for (?:[\w-]+ ){0,4}?(?:years?|months?|weeks?|decades?)(?: now)?|(?:\d+|a few|a couple of|two|three"
    r"|four|five|six|seven|eight|nine|ten) (?:years?|months?|decades?)(?: now)?"
    r"|for (?:ages|a while|a long time|a decade|decades|(?:most of |all )?my (?:whole |entire |adult )?life"
    r"|as long as i can remember)"
    r"|(?:all|most of) my (?:adult )?life|my whole life|ever since .+)$", NOCASE)
# "been" followed by these is an event or an experience, not a state: "I've been promoted", "been to Japan"
NOT_A_STATE = re.compile(r"^\s*(?:to|there|here|through|in touch|promoted|laid off|fired|hired|accepted|admitted"
                          r"|diagnosed|offered|awarded|elected|selected|invited|told|asked|given|made redundant"
                          r"|let go)\b", NOCASE)
# rewrites applied to every clause before it is matched (order matters)
# a proper place name: capitalised words ("Kraków", "Buenos Aires")
_PLACE = r"(?-i:[A-Z])[\w'.-]*(?: (?-i:[A-Z])[\w'.-]*){0,3}"


REWRITES: list[tuple[re.Pattern[str], Replacement]] = [(re.compile(p, NOCASE), r) for p, r in (
    # a diet named as the upshot of a change: "started eating fish again, so pescatarian I guess"
    (r"^(?:(?:i|we) )?(?:started |am |are |back to )?eat(?:ing)? [\w ]+? again,? so (?:i am |we are )?(?P<v>" + DIETS
     + r")\b.*$", r"I am \g<v>"),
    # before "again" is dropped as a tail: "eating meat again" is a change of diet
    (r"^(?:(?:i|we) )?(?:back to |started |am |are )?eat(?:ing)? (?P<v>meat|fish|dairy|eggs|pork|beef|chicken|gluten"
     r"|sugar) again\b(?:,? (?:since|because|after|due to|for) .*)?",  # the reason is no part of the diet
     r"I started eating \g<v> again"),
    # "stopped drinking completely": the adverb is no drink; what stops is alcohol
    (r"^(?P<s>i|we) (?:have )?(?:stopped|quit|given up|gave up) drinking(?: (?:completely|altogether|entirely"
     r"|for good))?$", r"\g<s> no longer drink alcohol"),
    # "if that helps", "too": tails that add nothing, one or more ("I'm a nurse too actually")
    # ("if that helps with the boiler question": what it helps with adds nothing either)
    (r"(?:,?\s+(?:if (?:that|it) (?:helps|matters)(?: (?:with|for) [^,.!?]+)?"
     r"|in case (?:that|it) (?:helps|matters)|for context|btw|by the way"
     r"|fyi|too|tbh|ngl|honestly|tho|imo|lol|haha|either|actually))+\s*$", ""),
    (r",\s+(?:so|because|which means|since|as|mostly|mainly|especially|including)\s+.*$", ""),
    # a comment after the statement: "..., which, yeah", "... so yeah its chaos"
    (r"(?:,\s+which\b.*|\s+so (?:yeah|yea|ya)(?:,?\s+(?:it|its|it's|that|that's|lol|haha)\b.*)?)$", ""),
    (r"\s+so\s+(?=(?:lots|loads|a lot) of\b).*$", ""),  # "I'm a nurse so lots of nights"
    # an order to the assistant after "so" is the reason's consequence, not part of the fact:
    # "i'm type 1 diabetic so watch the carbs"
    (r"\s+so\s+(?=(?:please |pls )?(?:watch|keep|avoid|go easy|bear|remember|make sure|do not|no)\b).*$", ""),
    (r",\s+(?:it|that|which)(?: was| is| has been|'s)\b(?!\s*(?-i:[A-Z])[\w'-]+$).*$", ""),  # "..., it was amazing"
    (r",?\s+(?:lately|these days|nowadays|for good|so far|again|ugh|yay|woohoo|phew|sigh|originally|unfortunately"
     r"|sadly|thankfully|luckily|atm|at last|actually|at all|as it happens|if you must know)\s*$", ""),
    (r",\s+(?:still|just|really|loving|enjoying|the|have been|been|since)\b.*$", ""),
    (r",\s+(?:the )?(?:best|worst) (?:decision|thing|move|idea|day|choice)\b.*$", ""),  # "..., best decision ever"
    # a verdict after "and": "allergic to pollen and it's awful"
    (r",?\s+and (?:honestly |frankly |so far |tbh |yeah )?(?:it|that|this)(?: is| was| has been|'s| makes"
     r"| feels)\b.*$", ""),
    (r"\b(?:my|our) home ?town \((?P<v>[^)]+)\)", r"\g<v>"),  # "back to my hometown (Derby)"
    (r"\s+since (?:the|my|our) (?:move|wedding|divorce|surgery|accident|birth|breakup)\b.*$", ""),
    # subject-less fragments of chat: "Left Oracle last spring", "just turned 41", "Been playing chess for years"
    # ("quit" and "married" only with what a statement has after them: "quit complaining" is an order,
    # "married couples argue" a generality)
    (r"^(?=(?:just |recently |finally |also )*(?:left|moved|started|turned|got|joined|switched|graduated|landed"
     r"|wrapped up|finished|bought|adopted|lost|relocated|began|took|went|became|sold|broke up|used to|grew up"
     # a race run, work handed in, a prize won: "ran my first 10k yesterday" (not "ran out of milk", "ran into Jo")
     r"|ran (?=(?:my|a|an|the|our) (?:[\w-]+ ){0,2}(?:marathon|half|10k|5k|race|ultra|parkrun|half-marathon)\b)"
     r"|submitted (?=(?:my|our) )|won (?=(?:a|an|the|my|our|first)\b)"
     # a past role with how long it lasted: "was a chef for years" ("was a nightmare" alone is no state)
     r"|was (?=(?:a|an) [\w -]{2,40}? (?:for|until|till|before|back in)\b)"
     # "retired as of friday", not "retired teacher here" (what one is: a retired teacher)
     r"|retired(?=\W*$|\W+(?:as|last|this|on|in|from|at|early|recently|today|yesterday|after|because|and|but|after"
     r"|since|\d)\b)"
     r"|was born|had|stopped|gave up"
     r"|(?:passed|failed) (?=(?:my|the|our) (?:[\w-]+ ){0,2}(?:test|exam|exams|interview|audition|assessment|viva"
     r"|finals|probation)\b)|(?:worked|lived) (?=as |in (?-i:[A-Z])|at (?-i:[A-Z])|for (?-i:[A-Z]))"
     r"|quit (?=my |the |our |smoking|drinking|vaping|alcohol|caffeine|coffee|sugar"
     r"|meat|social media|(?-i:[A-Z]))|(?:married|divorced) (?=(?-i:[A-Z])|(?:my|our|in|last|on|this)\b))\b)",
     "I "),
    # what the speaker cannot do, said without the subject: "can't do stairs since the surgery"
    (r"^(?=(?:cannot|can no longer) (?:do|manage|climb|walk|stand|eat|drink|handle|tolerate|cope with)\b)", "I "),
    (r"^(?:been|have been)(?= (?:\w+ing|sober|vegan|vegetarian|married|single)\b"
     r"|(?= (?:a|an) (?!while|long time|bit|minute|second|moment|few|couple)[\w -]+ (?:for|since) )"
     r"|(?= (?:a|an) (?:[\w-]+ ){1,3}(?:fan|supporter)\b)"  # "been a lifelong Liverpool fan"
     r"|(?= in (?-i:[A-Z])[\w -]+ (?:years?|months?|decades?)\b))",
     "I have been"),
    # a bare diet, condition or status: "gluten free here", "lactose intolerant", "single again"
    (r"^(?:(?:very|super|pretty|quite|severely|mildly|fully|strictly|also|still|now|officially|recently|newly"
     r"|happily) )*(?P<d>"
     r"(?:type [12] )?(?:" + DIETS[3:-1] + "|" + IMPAIRMENTS[3:-1] + r")|single|married|engaged|divorced|separated"
     r"|widowed)(?: (?:household|house|family|home|life|gang|squad|club))?"
     r"(?: (?:here|now|btw|too|myself|these days|again|as well|actually|mostly|mainly|strictly"
     r"|(?:for|since) [\w ]+))*(?:,? so\b.*)?$", r"I am \g<d>"),  # (what follows from it: "coeliac so no gluten")
    (r"^(?:(?:very|super|severely|mildly|pretty) )*allergic to\b", "I am allergic to"),
    # "no nuts for me - allergic", "no meat for me": what the speaker does not eat
    (r"^no (?P<v>" + FOODS + r") for me\b.*?\ballergic\b.*$", r"I am allergic to \g<v>"),
    (r"^no (?:more )?(?P<v>" + FOODS + r") for me(?:,? (?:please|thanks|thank you|ever))?\W*$", r"I do not eat \g<v>"),
    (r"^(?:i am )?no longer (?P<p>at|with) (?=(?-i:[A-Z]))", r"I no longer work \g<p> "),
    # what the speaker has not, said bare in a list or an answer: "nope, no car, I cycle everywhere"
    (r"^no (?P<v>car|tv|telly|smartphone|garden|dishwasher|microwave|oven)(?: (?:here|either|yet|anymore|at all))?\W*$",
     r"I do not have a \g<v>"),
    (r"^no (?P<v>kids|children|pets)(?: (?:here|either|yet|at all))?\W*$", r"I do not have any \g<v>"),
    # food kept out of suggestions is food the speaker does not eat: "please don't suggest anything with grapefruit"
    (r"^(?:please )?(?:do not|never) (?:suggest|recommend|give me|include|put|use) (?:me )?(?:anything|any recipes"
     r"|recipes|meals|dishes|food|ingredients)? ?(?:with|containing|that contains?|that has) (?:any )?"
     r"(?P<v>[\w -]{3,30}"
     r")\W*$", r"I do not eat \g<v>"),
    # a failing sense: "my eyesight is not what it was", "my hearing's bad"
    (r"^(?:i have |my )(?P<v>eyesight|hearing|memory|balance) (?:is|has been|is getting) (?:not (?:what it was|what it"
     r" used to be|great|good|so good|the best)|bad|poor|failing|terrible|going|weak|worse)\b.*$",
     r"I have poor \g<v>"),
    (r"^my (?P<v>knees|hips|joints|shoulders) (?:are|have been|are getting) (?:not (?:what they were|great|good|so good"
     r"|the best)|bad|poor|terrible|dodgy|weak|worse|shot)\b.*$", r"I have bad \g<v>"),
    # a pastime kept up "since"/"for": "learning guitar since lockdown"
    (r"^(?:been )?(?P<v>learning|playing|practising|practicing) (?P<o>[\w -]{3,30}?) (?P<d>since|for) ",
     r"I have been \g<v> \g<o> \g<d> "),
    # a bare activity with how often: "gym 5x a week"
    (r"^(?P<a>gym|yoga|pilates|swimming|running|climbing|cycling|spin|crossfit|boxing) (?P<n>\d+) ?x (?P<p>a|per) "
     r"(?P<u>week|month|day)\b.*$", r"I do \g<a> \g<n> times \g<p> \g<u>"),
    (r"^(?P<a>gym|yoga|pilates|swimming|running|climbing|cycling|spin|crossfit|boxing) (?P<n>once|twice|three times"
     r"|four times|five times) (?P<p>a|per) (?P<u>week|month|day)\b.*$", r"I do \g<a> \g<n> \g<p> \g<u>"),
    # what replaced an activity that ended, said without its subject: "swimming instead now", "doing Portuguese now"
    (r"^(?P<a>swim|run|jog|walk|climb|row)(?:m|n|g)?ing instead\W*$", r"I now \g<a> instead"),
    (r"^(?P<a>cycl|hik|skat)ing instead\W*$", r"I now \g<a>e instead"),
    (r"^(?:(?:i am|we are) )?(?:doing|learning|studying) (?P<v>" + LANGUAGES + r")(?: instead| now"
     r"| on (?:duolingo|an app|babbel|memrise|youtube)| at (?:night school|evening classes|college)"
     r"| with (?:a tutor|an app))*"
     r"(?:,? (?:since|because|as|for) .*)?\W*$",
     r"I am learning \g<v>"),
    (r"^doing (?=(?:a|an|my) (?:[\w-]+ )?(?:degree|course|masters|master's|phd|diploma|bachelor's|apprenticeship)\b)",
     "I am doing "),
    # a bare time zone: "Correct, I'm based in Singapore, so GMT+8"
    (r"^(?P<v>(?:GMT|UTC) ?[+-] ?\d{1,2}(?::?\d\d)?)\W*$", r"my timezone is \g<v>"),
    # a role announced without its subject: "officially a doctor now", "finally a homeowner"
    (r"^(?:(?:officially|finally|now|proudly) )+(?=(?:a|an) [\w-]+(?: [\w-]+)?$)", "I am "),
    # ... and from when: "officially a lawyer as of this morning" (the new state holds from today on)
    (r"^(?:(?:officially|finally|now|proudly) )+(?P<v>(?:a|an) [\w-]+(?: [\w-]+)?) as of (?:today|this morning"
     r"|this afternoon|tonight|now)\W*$", r"I am \g<v>"),
    (r"^turning (?=\d)", "I am turning "),
    # "been teetotal since 2021", "signed up for a half marathon": the speaker, dropped before a state or a booking
    (r"^been (?=(?:teetotal|sober|smoke-free|" + DIETS[3:-1] + r")\b)", "I have been "),
    (r"^(?=(?:booked|signed up for|registered for|enrolled in) (?:a|an|the|my|our|tickets)\b)", "I "),
    # "luv thai food", "hate mondays": a taste without its subject (not "Love the colours!", "Love seeing you")
    (r"^(?:absolute |all-time |all time )?(?=(?:fave?|favou?rite) [\w -]+ (?:is|are) )", "my "),
    (r"^(?:really |totally |absolutely )?(?P<v>love|hate|adore|detest|loathe|despise|cannot stand)s? "
     r"(?!(?:the|your|you|this|that|these|those|it"
     r"|its|all|and|how|what|when|seeing|hearing|reading|having|being|to|a(?! good\b)|an|our|my|his|her|their"
     r"|everything"
     r"|every|is|was|are|will|can|has|makes|means)\b)", r"I \g<v> "),
    (r"^(?:i )?have not smoked (?:in|for) (?P<v>.+)$", r"I have not smoked for \g<v>"),
    (r"^(?:i )?have not (?:eaten|had|touched|drunk) (?P<v>" + FOODS + r") (?:in|for) .+$", r"I do not eat \g<v>"),
    (r"^(?:i am )?off (?P<v>" + FOODS + r")$", r"I do not eat \g<v>"),
    (r"^(?:i )?have not (?:had|touched|drunk) (?:a (?:drink|drop)|alcohol|a drop of alcohol) (?:in|for) (?P<v>(?:\w+ )?"
     r"(?:days?|weeks?|months?|years?))$", r"I am \g<v> sober"),
    (r"^not (?=(?:living|working) )", "I am not "),
    (r"^(?:an? )?(?P<v>ex-smoker)$", r"I am an \g<v>"),
    (r"^(?:an? )?(?P<v>non-smoker|former smoker|non-drinker)$", r"I am a \g<v>"),
    (r"^(?:mostly |usually |mainly )?(?P<v>(?:early|late|night|weekend|evening|morning|double) shifts)(?: mostly"
     r"| usually| mainly)?$", r"I work \g<v>"),
    (r"^(?:(?:currently|still|now) )?(?P<v>unemployed|retired|semi-retired|self-employed|between jobs|out of work)$",
     r"I am \g<v>"),
    (r"^(?:majoring in|doing a degree in) ", "I am studying "),
    # a parent "of three": "mum of 3 here", "proud dad of two girls"
    (r"^(?:i am )?(?:an? |the )?(?:(?:proud|busy|tired|single|working|stay-at-home|full-time) )*(?:mum|mom|mother|dad"
     r"|father|parent|mama|papa) of (?P<n>two|three|four|five|six|seven|[2-9]) (?P<k>kids|children|boys|girls|sons"
     r"|daughters)(?: here| now)?\W*$", r"I have \g<n> \g<k>"),
    (r"^(?:i am )?(?:an? |the )?(?:(?:proud|busy|tired|single|working|stay-at-home|full-time) )*(?:mum|mom|mother|dad"
     r"|father|parent|mama|papa) of (?P<n>two|three|four|five|six|seven|[2-9])(?: here| now)?\W*$",
     r"I have \g<n> kids"),
    # "I am a type 1 diabetic": the condition, not a role
    (r"^i am an? (?P<d>(?:type [12] )?(?:diabetic|epileptic|asthmatic|coeliac|celiac))$", r"I am \g<d>"),
    # "my work is cleaner in hotel": what the speaker does
    (r"^my (?:work|job|profession|occupation) is (?:an? )?(?=(?:[\w-]+ )?(?:" + "|".join(sorted(JOB_WORDS)) + r")\b)",
     "I am a "),
    # a wedding anniversary of "we": married
    (r"^we (?:will )?(?:celebrate|celebrated|are celebrating|have) our (?:golden|silver|ruby|diamond|pearl"
     r"|\d+(?:st|nd|rd|th)|[a-z]+(?:tieth|th)) (?:wedding )?anniversary\b.*$", "we are married"),
    (r"^(?:a )?(?:(?:big|huge|massive|die-hard|lifelong|long-time) )?fan of\b", "I am a big fan of"),
    (r"^(?:a )?(?:big|huge|massive|die-hard|die hard|diehard|lifelong|long-time) (?P<v>[\w'&. -]+?)"
     r" (?P<f>fan|supporter)$",
     r"I am a big \g<v> \g<f>"),
    (r"^(?:a |total |such a |real |massive |huge )?(?P<v>[\w'-]+(?: [\w'-]+)?) (?P<n>addict|lover|nerd|geek|junkie"
     r"|snob|enthusiast|fanatic|buff)$", r"I am a \g<v> \g<n>"),
    (r"^(?P<v>e-?mail|texts?|texting|phone calls|calls|whatsapp|signal|telegram|slack|dms?) (?:is|are|works) (?:the )?"
     r"best(?: for me)?$", r"\g<v> is the best way to reach me"),
    (r"^back (?=(?:in|at|to) the office\b)", "I am back "),
    (r"^(?:(?:kinda|kind of|really|so|totally|a bit|lowkey) )*(?P<f>obsessed with|hooked on|addicted to|crazy about"
     r"|a (?:big |huge )?fan of|really into)\b", r"I am \g<f>"),
    (r"^(?:loving|enjoying) (?=(?:my|the) new job\b)", "I love "),
    (r"^(?P<w>teach|work|live|study)(?:ing)? (?=(?:at|in|for|as|maths?|\w+ at)\b)", r"I \g<w> "),
    (r"^(?P<not>not|no longer) (?:really |exactly |particularly |much of )?(?=(?:on|a|an|single|married|"
     + DIETS[3:-1] + r")\b)", r"I am \g<not> "),
    # a bare count of children or pets in a list of facts: "divorced, two kids, live in Austin"
    (r"^(?:(?:my|our) )?(?P<v>(?:a|an|one|two|three|four|five|six|\d) (?:kids?|children|child|sons?|daughters?|dogs?"
     r"|cats?|pets?|grandkids|grandchildren|girls?|boys?|" + "|".join(sorted(DOG_BREEDS))
     + r")(?: (?:named|called) (?-i:[A-Z])"
     r"[\w'-]+)?)$", r"I have \g<v>"),
    # never started: "no, never smoked"
    (r"^(?:i )?(?:have )?never smoked\b.*$", "I am a non-smoker"),
    (r"^(?:i )?(?:have )?never (?:drunk|drank)\b.*$", "I am a non-drinker"),
    # where the speaker comes from, said as a badge: "Leeds born and bred"
    (r"^(?P<p>(?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?) born and (?:bred|raised)\W*$",
     r"I was born and raised in \g<p>"),
    (r"^(?!(?:i|we|my|our|his|her|their|the|this|that)\b)(?P<v>(?:a |an )?[\w -]{2,30}?) allergy(?: here)?$",
     r"I have a \g<v> allergy"),
    (r"^sober (?:for )?(?P<v>[\w-]+ (?:days?|weeks?|months?|years?))\b", r"I am \g<v> sober"),
    (r"^cannot (?=(?:eat|drink|have) )", "I cannot "),
    # (not "trying to", "learning to", "studying": in dialog those are mostly mid-sentence asides)
    (r"^(?P<w>planning|aiming|training|saving up) (?=to |for )", r"I am \g<w> "),
    # a goal without its subject: "kinda want to learn the piano", "trying to save for a house deposit"
    (r"^(?:really )?(?:want|wanna) to (?=(?:learn|start|get better at|run|save|build|finish|visit|buy|write)\b)",
     "I want to "),
    (r"^(?:trying to )?save (?:up )?for (?=(?:a|an|my|our) )", "I am saving for "),
    # a home named by what it is: "we're renting a flat in Leith" -> where they live (not one owned: "I own a house
    # in Spain" is as often a second home or a let as the home)
    (r"^(?P<s>i|we) (?:am |are |have )?(?:just |recently |finally )?(?:renting|rent|moved into|moving into)"
     r" (?:a |an |our |my |the )?(?:[\w-]+ )?(?:flat"
     r"|house|apartment|condo|cottage|place|home) in (?=(?-i:[A-Z]))", r"\g<s> live in "),
    # the ages of the children: "my kids are 7 and 10"
    (r"^(?:my|our) (?P<k>kids|children|boys|girls|sons|daughters|twins) are (?P<a>\d{1,2}(?:(?:,| and| &) \d{1,2})+)"
     r"(?: now)?\W*$", r"I have \g<k> aged \g<a>"),
    (r"^(?:a |an )?(?P<v>[\w -]{0,30}?(?:person|owl|fan|lover|parent|mom|mum|dad|nurse|teacher|developer"
     r"|engineer|student|vegan|vegetarian|introvert|extrovert)) here$", r"I am a \g<v>"),
    # a pastime said as what one is: "keen gardener", "avid reader here" (read as a taste by the preference rules)
    (r"^(?:a |an )?(?P<k>keen|avid|passionate|enthusiastic|amateur|big|huge) (?P<v>gardener|reader|cook|baker|cyclist"
     r"|runner|walker|hiker|swimmer|climber|golfer|photographer|birder|birdwatcher|knitter|painter|gamer|travell?er|sailor"
     r"|angler|fisherman|skier|surfer|dancer|singer|musician|guitarist|pianist|collector|writer|rambler|camper|diver"
     r"|gardner)(?: here| myself)?\W*$", lambda m: f"I am {'an' if m.group('k')[0].lower() in 'aeiou' else 'a'} "
                                                  f"{m.group('k')} {m.group('v')}"),
    (r"^(?P<v>[\w-]+ (?:days?|weeks?|months?|years?)) sober\b", r"I am \g<v> sober"),
    (r"^budget\b", "my budget"),
    # units asked for as a way of answering: "answer in metric please"
    (r"^(?:please |pls )?(?:answer|reply|respond|write|give (?:me )?(?:amounts|measurements|answers)) in (?P<v>metric"
     r"|imperial)(?: units)?(?:,? (?:please|pls|thanks))?\W*$", r"\g<v> units only, please"),
    # a tool the team moved to is the one it uses now: "our team switched from Slack to Teams, which I hate"
    (r"^(?P<o>(?:my|our) (?:team|company|office|school|work|department|org)) (?:has |have )?(?:just |recently "
     r"|finally )?(?:switched|moved|migrated) (?:over )?(?:from (?-i:[A-Z])[\w.+-]* )?to (?P<n>(?-i:[A-Z])[\w.+-]*"
     r"(?: (?-i:[A-Z])[\w.+-]*)*)(?: from (?-i:[A-Z])[\w.+-]*)?(?:,.*)?$", r"\g<o> uses \g<n>"),
    # a "since" opener goes after the statement it dates: "since february I'm living in Montevideo"
    (r"^since (?P<w>(?:(?!(?:i|we)\b)[\w'-]+ ?){1,4}?),? "
     r"(?P<rest>(?:i|we) (?:am|are|have|live|work|do|eat|drink)\b.+)$",
     r"\g<rest> since \g<w>"),
    # subordinate openers in front of a first-person statement: "since I'm vegan" -> "I'm vegan"
    (r"^(?:because|since|as|now that|given that|considering) (?=(?:i|we|my|our)\b)", ""),
    # "I would rather/prefer/like to" is a wish held now, not a hypothetical
    (r"^(?P<s>i|we) would (?:prefer|rather(?= (?:a|an|the|some|my|our)\b))\b", r"\g<s> prefer"),
    # ("I'd rather you kept things in writing" asks the assistant: "I prefer that you ...")
    (r"^(?P<s>i|we) would rather you\b", r"\g<s> prefer that you"),
    (r"^(?P<s>i|we) would rather\b(?!\s+(?:not\s+)?(?:say|answer|talk|discuss|comment|share|get into|go into))"
     r"(?P<not> not)?\b", r"\g<s> prefer\g<not> to"),
    (r"^(?P<s>i|we) would (?:really )?(?:like|love) (?=(?:you )?to\b)", r"\g<s> want "),
    # fragments without a subject: "Based in Leeds.", "Heading to Rome on Friday."
    (r"^(?:originally )?from (?=(?-i:[A-Z]))(?!(?:" + "|".join(MONTHS) + r")\b)", "I am from "),
    # (not a verdict on the place: "living in London is expensive")
    (r"^(?:currently )?(?P<w>based|living|located) in\b(?!.*\b(?:is|was|can be|gets|sucks|must be)\b)",
     r"I am \g<w> in"),
    # "based out of Cardiff", "I live here in Madrid": where, said the long way
    (r"^(?P<s>i am|i|we are|we) (?P<w>based|living|live|located|work|working) (?:out of|here in|over here in) ",
     r"\g<s> \g<w> in "),
    # a new arrival named bare: "new puppy 🐶", "new baby!"
    (r"^(?:a |our |my )?(?:brand )?new (?P<v>puppy|kitten|dog|cat|baby|rabbit|bike|car)\W*$", r"I have a new \g<v>"),
    # ("born and bred in Glasgow me": the dialect's "me" after the place is no part of it)
    (r"^born and (?:raised|bred) in (?P<v>.+?)(?: me| myself)?$", r"I was born and raised in \g<v>"),
    (r"^(?P<w>heading|flying|driving|travell?ing|off|moving|going|relocating) to\b", r"I am \g<w> to"),
    (r"^(?P<w>starting|leaving|getting|having|seeing|meeting|visiting) (?=(?:a|an|my|the|for|married)\b)",
     r"I am \g<w> "),
    (r"^name is\b", "my name is"),
    (r"\s+by (?:profession|trade|training)\b", ""),
    # a home said without "live": "Home is Kraków for me", "Dublin is home", "still in Dublin" (before "still" is
    # dropped as an adverb: "I'm still in Rome" alone is where one is today)
    (r"^(?:my )?home(?: base)? is (?:in )?(?P<v>" + _PLACE + r")(?: for me| now| these days| for now)?\W*$",
     r"I live in \g<v>"),
    (r"^(?P<v>" + _PLACE + r")(?: is|'s been| has been) (?:my )?home(?: for me| now| these days| for now"
     r"| for (?:over |nearly |almost |about )?[\w-]+ (?:years|decades)| since (?:19|20)\d\d)?\W*$", r"I live in \g<v>"),
    (r"^(?:(?:i|we) (?:am|are) )?still (?:in|living in|based in|here in) (?P<v>" + _PLACE + r")\W*$",
     r"I live in \g<v>"),
    # a diet named as the upshot: "started eating fish again, so pescatarian I guess"
    (r"^(?:so|which makes me|guess i am|i guess i am) (?:technically |basically |officially )?(?P<v>" + DIETS
     + r")(?: i guess| i suppose| now| then| technically| basically| lol)*\W*$", r"I am \g<v>"),
    # "don't like IPAs anymore", "dont do yoga anymore tbh": the speaker's own habit, not a request (the assistant
    # does not eat, drink, like or play)
    (r"^(?:do not|never) (?=(?:like|love|enjoy|eat|drink|smoke|vape|do|play|go|run|watch|drive|ride|cook|bake|own"
     r"|have|take|wear|read|visit|live|work|speak|study|practi[cs]e|follow|support)\b.*\bany ?more\b)", "I do not "),
    # "it's all sour beers for me now": what the speaker goes for
    (r"^(?:it is|it's|its) (?:all|only|just) (?!about\b|down to\b|up to\b)(?P<v>[\w' -]+?) for me"
     r"(?: these days)?\W*$", r"I prefer \g<v>"),
    # a change said without its subject: "promoted to team lead", "dating a guy called
    # Nate now", "not allergic to cats anymore"
    (r"^(?:(?:just|finally|officially) )?(?:got )?promoted to (?=\S)", "I got promoted to "),
    (r"^(?:(?:i am|we are) )?(?:now )?(?:dating|seeing) (?:a (?:guy|girl|man|woman|lady|bloke|dude|chap|gal) "
     r"|someone )(?:called|named) (?=(?-i:[A-Z]))", "I am dating "),
    (r"^(?:(?:now|currently) )?dating (?=(?-i:[A-Z])[\w'-]+\W*$)", "I am dating "),
    (r"^(?:(?:i|we) (?:am|are) )?(?:not|no longer) (?=allergic to )", "I am no longer "),
    # adverbs that add nothing to the fact: "I'm also vegetarian", "I currently live in"
    (r"^(?P<s>i|we)(?P<be> am| are| have| do)? (?:also|still|currently|now|actually|honestly|basically|definitely"
     r"|rather|quite|somewhat|slightly|strictly"
     r"|totally|personally|presently|fully|officially|originally|severely|seriously|really)\b", r"\g<s>\g<be>"),
    # a leading adverb or frequency goes after the verb / to the end
    (r"^(?P<adv>usually|normally|generally|typically|always|often|mostly|sometimes|rarely|never),?\s+(?P<s>i|we) ",
     r"\g<s> \g<adv> "),
    (r"^(?P<f>(?:every|each) (?:other )?\w+|on (?:weekends|weekdays|\w+days)|most (?:days|mornings|evenings|nights|"
     r"weekends)|at weekends),?\s+(?P<s>i|we) (?P<rest>.+)$", r"\g<s> \g<rest> \g<f>"),
    (r"^i am more of (?=a |an )", "I am "),
)]


def third_person(verb: str) -> str:
    v = verb.lower()
    irregular = {"am": "is", "are": "is", "be": "is", "have": "has", "do": "does", "go": "goes"}
    if v in irregular:
        return irregular[v]
    if re.search(r"(?:s|sh|ch|x|z|o)$", v):
        return verb + "es"
    if re.search(r"[^aeiou]y$", v):
        return verb[:-1] + "ies"
    return verb + "s"


_PRONOUNS = Rewrites(PRONOUNS)


def reflect(text: str) -> str:
    """First person inside an object becomes third person: "my coffee" -> "their coffee"."""
    return " ".join(_PRONOUNS.apply(text).split())


def key(text: str) -> str:
    """A stable short key for what a preference is about: "the cats, a lot" -> "cats"."""
    t = text.replace(DATE_MARK, "").strip().lower()
    t = re.sub(r"^(?:not\s+)?to\s+", "", t)  # "to travel" -> "travel"
    t = KEY_LEAD.sub("", KEY_STOP.sub("", KEY_LEAD.sub("", t)))
    return " ".join(t.split()[:4]).strip(" ,.!")


def present_perfect(clause: str) -> str:
    """ "I've been vegetarian for years" -> "I am vegetarian"; "I've always loved jazz" -> "I love jazz";
    "I have worked at Acme since 2019" -> "I work at Acme since 2019". Events and experiences are left alone."""
    m = PERFECT.match(clause)
    if m is None:
        return clause
    subj, adv, part, rest = m.group("s"), (m.group("adv") or "").strip().lower(), m.group("p").lower(), m.group("rest")
    has_duration = bool(DURATION.search(rest)) or bool(re.search(r"\bsince\b", rest, NOCASE))
    if part == "been":
        if adv == "never" or NOT_A_STATE.match(rest):
            return clause
        sober = re.match(r"\s+(?:sober|clean|dry) for (?P<d>(?:[\w-]+ ){1,2}?(?:days?|weeks?|months?|years?))\W*$",
                         rest, NOCASE)
        if sober and subj.lower() == "i":  # "I've been sober for eighteen months": the count is the fact
            return f"I am {sober.group('d')} sober"
        ing = re.match(r"\s+(\w+ing)\b", rest)
        if ing and ing.group(1).lower() not in STATE_ING:
            return clause  # "I've been playing piano for years": kept whole for ongoing
        verb = "am" if subj.lower() == "i" else "are"
        if has_duration and re.match(r"\s+in (?-i:[A-Z])", rest):
            verb = "live"  # "I've been in London 5 years": lives there
    elif adv in ("always", "long") or has_duration:
        verb = PARTICIPLES[part]
    elif adv == "never":
        verb = "never " + PARTICIPLES[part]
    else:
        return clause  # "I have played golf": experience, not a habit
    return f"{subj} {verb}{DURATION.sub('', rest)}"


MASS_NOUNS = {"shellfish", "gluten", "dairy", "milk", "soy", "wheat", "fish", "pollen", "latex", "penicillin",
               "sesame", "lactose", "dust", "mold", "mould", "seafood", "corn", "pork", "beef", "meat", "sugar",
               "caffeine", "alcohol", "grass", "hay", "fur", "wool", "nickel", "mustard", "celery", "lupin", "garlic"}


def plural(noun: str) -> str:
    """ "nut" -> "nuts", "strawberry" -> "strawberries", "shellfish" -> "shellfish"."""
    last = noun.split()[-1]
    if last in MASS_NOUNS or last.endswith("s") or not last.isalpha():
        return noun
    return noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else noun + "s"


def frequency_key(verb: str, rest: str) -> str:
    words = [w for w in key(rest).split() if w not in ("their", "them")][:2]
    return " ".join([verb.lower(), *words])


def base_form(gerund: str) -> str:
    """ "running" -> "run", "baking" -> "bake", "cycling" -> "cycle", "volunteering" -> "volunteer"."""
    stem = gerund.lower()[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        return stem[:-1]  # "running", "swimming", "jogging"
    if re.search(r"(?:[bcdfgkptz]l|c|v|z)$", stem) or re.fullmatch(r"[^aeiou]*[aeiou][bcdfgkmnpstz]", stem):
        return stem + "e"  # "cycling", "dancing", "driving"; "baking", "hiking", "coding" (one short syllable)
    return stem
