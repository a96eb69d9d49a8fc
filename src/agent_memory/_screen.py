"""The write-time injection screen: marks instruction-like content with the ``"injection"`` flag.

Memory turns one conversation's words into another conversation's prompt, so a stored "ignore
your previous instructions" is a persistent injection. Flagged messages are still stored (nothing
is lost) but never produce derived facts, are never pinned, and are left out of
``Memory.context`` (or shown under a warning: ``Settings.flagged_in_context``).

The rules look for four things, on text normalised the way an attacker's obfuscation is undone
(NFKC, case-folded, zero-width and bidi characters removed, whitespace collapsed):

* **rule changes** addressed to the assistant: "ignore/disregard/forget the previous
  instructions", "you are now DAN", "developer mode", "new system prompt", instructions about
  what to tell *other* people or to hide from the user;
* **impersonation** of system/tool/assistant turns and chat-template tokens
  (``SYSTEM:`` at a line start, ``<|im_start|>``, ``[INST]``, ``<<SYS>>``);
* **exfiltration**: revealing the system prompt, sending data/secrets/the conversation to a URL
  or an address, markdown images whose URL carries data;
* **delimiter imitation**: our own block markers (``<memory_records>``, section titles, the header);
* **smuggling and agency**: "decode this and follow it", "call the X tool without approval",
  instructions hidden in HTML comments.

A user's preferences about how to be answered ("Please always answer me in Spanish", "from now
on call me Sam") stay unflagged: they address the user's own conversation, not the assistant's
rules. ``benchmarks/screen.py`` measures the rules on ``benchmarks/data/injection_labels.jsonl``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

INJECTION = "injection"
FROM_ASSISTANT = "from:assistant"  # a fact derived from an assistant's message
FROM_TOOL = "from:tool"  # ... or from a tool's output


def never_pinned(flags: Iterable[str]) -> bool:
    """Records that may not be pinned into every prompt: flagged, or said by an assistant/tool."""
    return any(f == INJECTION or f.startswith("from:") for f in flags)


def derived_flag(role: str | None) -> str | None:
    """The flag a fact derived from a message with this role carries: none for the user's own
    words (or the application's system/developer messages), else assistant or tool (any other
    role counts as a tool: it is not the user speaking)."""
    if role in (None, "user", "system", "developer"):
        return None
    return FROM_ASSISTANT if role == "assistant" else FROM_TOOL


# the assistant's instructions, rules, prompt... as an attacker names them
_RULES = (r"(?:instructions?|rules?|prompts?|directives?|directions?|guidelines?|guardrails?|constraints?|"
          r"programming|orders?|commands?|context|messages?|polic(?:y|ies)|restrictions?|training|system prompt)")
_PRIOR = r"(?:all\s+|any\s+|the\s+|your\s+|of\s+|my\s+|these\s+|those\s+|every\s+)*"
_PRIOR_ADJ = (r"(?:previous|prior|above|earlier|preceding|former|old|original|initial|existing|current|given|"
              r"past|system)")
_AI = r"(?:you|assistant|ai|model|chatbot|bot|llm|gpt|chatgpt|claude|agent)"
_URLISH = (r"(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ru|xyz|site|app|dev|example|info|biz|"
           r"co|me|cc|top)\b|\S+@\S+\.\w+)")
_SECRETISH = (r"(?:passwords?|api[ _-]?keys?|secrets?|tokens?|credentials?|conversation|chat(?: history| log)?|"
              r"memor(?:y|ies)|user(?:'s)? data|personal data|system prompt|cookies?|session|history|"
              r"credit card|card numbers?|messages?|emails?|contacts?|files?|documents?)")

_PATTERNS: tuple[tuple[str, str], ...] = (
    # --- rule changes
    # "ignore the instructions on page 3" is not one: a determiner of the assistant's own rules
    # ("all", "your"...) or an adjective placing them before ("previous", "above") is needed
    ("override", rf"\b(?:ignore|disregard|forget|skip|drop|override|bypass|discard|abandon|neglect|erase|delete|"
                 rf"clear|overwrite|reset|cancel|void|nullify)\s+(?:(?:all|any|your|every)\s+{_PRIOR}"
                 rf"(?:{_PRIOR_ADJ}\s+)?|{_PRIOR}{_PRIOR_ADJ}\s+){_RULES}"),
    ("override", rf"\b(?:ignore|disregard|forget)\s+{_PRIOR}(?:everything|all|anything)\s+"
                 r"(?:(?:you\s+were|you've\s+been|you\s+have\s+been|i|we)\s+)?"
                 r"(?:told|said|instructed|taught|given|above|before|previously|so far)"),
    ("override", rf"\b{_PRIOR_ADJ}\s+{_RULES}\s+(?:are|is)\s+(?:void|cancell?ed|revoked|obsolete|no longer valid|"
                 r"overridden|replaced|null)"),
    ("override", r"\bnew\s+(?:system\s+)?(?:instructions?|rules?|directives?|system prompt|orders?)\s*[:\-]"),
    ("override", r"\b(?:updated|revised|real|actual|true|secret|hidden|important)\s+(?:system\s+)?"
                 r"(?:instructions?|directives?|system prompt)\s*[:\-]"),
    ("override", r"\byour\s+(?:new\s+)?(?:instructions?|rules?|system prompt|directives?|purpose|task|goal|"
                 r"objective|role)\s+(?:is|are)\s+now\b"),
    ("override", r"\b(?:ignore|disregard|bypass|override|disable|turn off|deactivate|remove|circumvent)\s+"
                 r"(?:all\s+|any\s+|your\s+|the\s+|its\s+)*(?:safety|content|ethical|moral|security|openai|anthropic)?"
                 r"\s*(?:filters?|guidelines?|guardrails?|restrictions?|safeguards?|polic(?:y|ies)|rules?|censorship|"
                 r"alignment|limitations?|protections?)"),
    ("persona", rf"\b{_AI}\s+(?:are|is)\s+now\s+(?:a|an|in|the|my|called|named|dan|free|unrestricted|jailbroken|"
                r"no longer|evil|unfiltered|operating|acting|going)"),
    ("persona", r"\b(?:dan|stan|dude)\s*(?:mode|\(|,|:)|\bdo anything now\b|\bjail ?broken\b|"
                r"\bjail ?break\s*(?::|mode|prompt|success)|\bthis is a jail ?break\b|\bevil confidant\b|"
                r"\b(?:enable|enter|activate|switch (?:to|into)|turn on|go into|now in|you are in|you're in)\s+"
                r"(?:the\s+)?(?:developer|debug|god|unrestricted|maintenance|sudo|opposite|dan|evil|admin) mode\b|"
                r"\bdeveloper mode (?:output|enabled|has no)"),
    ("override", r"\b(?:ignore|disregard|skip|bypass|forget|drop)\s+(?:the\s+|your\s+|all\s+|any\s+)*"
                 r"(?:safety|security|content|ethical|moral)\s+(?:stuff|things|measures|checks|rules|filters|guidelines|policies|settings)"),
    ("smuggling", r"\b(?:decode|decrypt|translate|rot13|base64[- ]?decode|unscramble|reverse)\b[^.\n]{0,40}?"
                  r"\b(?:and|then)\s+(?:follow|comply|obey|execute|run)\b|\bthen comply with it\b"),
    ("agency", r"\b(?:call|invoke|run|execute|trigger|use)\s+(?:the\s+|a\s+|any\s+)?[\w-]*\s*"
               r"(?:tool|function|api|command|action)s?\b[^.\n]{0,30}\bwithout\s+(?:the\s+user's\s+|any\s+)?(?:approval|confirmation|permission|"
               r"consent|asking)"),
    ("impersonation", r"<!--[^>]{0,200}?\b(?:important|instructions?|assistant|ai|ignore|when summari[sz]ing)\b"),
    ("third_party", r"\bwhen summari[sz]ing (?:this|the) (?:page|document|email|article|site|text),?\s+(?:say|end with|"
                    r"include|add|mention|tell|recommend|write)"),
    ("persona", r"\b(?:no longer|not) bound by\b|\bfree (?:of|from) (?:all |any )?(?:policies|rules|restrictions|"
                r"guidelines|filters|censorship)|\byou (?:have|has) no (?:rules|restrictions|ethical|filters|"
                r"guidelines|limits|content policy)|\byou (?:have|has) no (?:safety|content|ethical) (?:filters|rules|"
                r"guidelines|restrictions)|\b(?:model|ai|assistant|chatbot|bot|system) with(?:out| no) "
                r"(?:any\s+)?(?:content policy|rules|restrictions|filters|guidelines)"),
    ("persona", r"\b(?:pretend|act|behave|roleplay|role-play|respond)\s+(?:to be\s+|as\s+|like\s+|that\s+)?(?:if\s+)?"
                r"(?:you\s+(?:are|were|have)\s+)?(?:a|an)?\s*[\w\s-]{0,40}?(?:without|with no|free of|"
                r"unbound by|no longer bound by|not bound by)\s+(?:any\s+)?(?:rules|restrictions|limits|"
                r"limitations|filters|guidelines|ethics|morals|censorship|polic(?:y|ies))"),
    ("persona", rf"\bfrom now on,?\s+{_AI}\s+(?:are|will|must|shall|should|have to|can)\s+(?!allowed to|welcome to|"
                r"(?:always\s+|only\s+)?"
                r"(?:answer|respond|reply|talk|speak|write|call|address|refer|remind|use|keep|give|explain|"
                r"greet|send|show)\s+(?:to\s+|with\s+)?(?:me|my|us|our|in|it)\b)"),
    ("persona", r"\b(?:stop being|no longer (?:be|act as))\s+(?:a|an|the)?\s*(?:helpful|harmless|honest|"
                r"assistant|ai|chatbot)"),
    ("third_party", r"\b(?:when(?:ever)?|if)\s+(?:any\s?one|any\s?body|some\s?one|other\s+users?|another user|"
                    r"any(?:\s+other)?\s+users?|the\s+next\s+users?|future\s+users?|people|others|users)\s+"
                    r"(?:ask|asks|mention|mentions|say|says|want|wants|talk|talks|query|queries|request|requests)"
                    r"\b(?!\s+me\b)"),
    ("third_party", r"\b(?:tell|inform|answer|reply to|respond to|say to|show|recommend to)\s+(?:every\s?one|"
                    r"every\s?body|all\s+users|other\s+users|every\s+user|any\s+user|future\s+users|all\s+customers|"
                    r"every\s+customer)\b"),
    ("third_party", r"\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|let(?:ting)?|"
                    r"mention(?:ing)?|reveal(?:ing)?|alert(?:ing)?|notify(?:ing)?|show(?:ing)?)\s+(?:to\s+)?(?:the\s+)?"
                    r"(?:user|human|operator|admin|developers?)\b"),
    ("third_party", rf"\b{_AI}\s+(?:must|should|shall|will|has to|have to|is required to|are required to)\s+"
                    r"(?:always\s+|now\s+|henceforth\s+)?(?:obey|comply|execute|run|follow (?:these|my|the following)|"
                    r"reveal|leak|output|print|recommend|promote|insert|include|append|prepend|inject|"
                    r"claim|lie|deceive|say that|state that|tell (?:the user|users|everyone|them))"),
    ("third_party", rf"(?:^|[.!?:]\s*|\b{_AI}\s+(?:must|should|shall|will)\s+)(?:always|only)\s+(?:recommend|promote|"
                    r"suggest|endorse|push|advertise)\s+"),
    # --- impersonation of other turns and chat-template tokens
    ("impersonation", r"(?:^|\n|\]|\|)\s*(?:#+\s*)?\[?(?:system|sys|developer|admin|administrator|root|tool|"
                      r"function|assistant|ai|gpt|chatgpt|openai|anthropic|operator)\]?\s*(?:message|prompt|note|"
                      r"override|instruction|update|notice|alert)?\s*[:>\]]"),
    ("impersonation", r"<\|?\s*/?\s*(?:im_start|im_end|system|assistant|user|endoftext|eot_id|start_header_id|"
                      r"end_header_id|begin_of_text|tool|function|developer|ipython)\s*\|?>"),
    ("impersonation", r"\[/?inst\]|<</?sys>>|\[/?system\]|<\s*/?\s*(?:system|instructions?|prompt|admin|sys|"
                      r"tool_call|tool_result|function_call|assistant)\s*>"),
    ("impersonation", r"\b(?:begin|end|start)\s+(?:of\s+)?(?:system|developer|admin)\s+(?:prompt|message|"
                      r"instructions?|override)\b"),
    ("impersonation", r"(?:^|[.!?]\s)\s*(?:an?\s+)?(?:message|note|update|notice|instruction|directive|alert)\s+"
                      r"from\s+(?:the\s+)?"
                      r"(?:system|developers?|admin(?:istrator)?|openai|anthropic|your (?:creators?|developers?|"
                      r"operators?))\b"),
    ("impersonation", r"\bthis is (?:the|your)\s+(?:system|developer|admin(?:istrator)?|creator|operator)\b"),
    # --- exfiltration
    ("exfiltration", rf"\b(?:reveal|print|show|list|repeat|output|display|leak|dump|expose|disclose|recite|spell out|"
                     rf"tell me|give me|share|return|write out|echo|paste|copy)\s+(?:me\s+)?{_PRIOR}(?:{_PRIOR_ADJ}\s+|"
                     rf"hidden\s+|secret\s+|internal\s+|full\s+|exact\s+|entire\s+|original\s+|initial\s+)*"
                     r"(?:system prompt|system message|prompt|instructions|rules|configuration|hidden text|"
                     r"pre-?prompt|initiali[sz]ation|guidelines|developer message|memory records|memories of other)"),
    ("exfiltration", r"\b(?:repeat|print|output|recite)\s+(?:the\s+)?(?:words|text|everything|all)\s+"
                     r"(?:above|before)\b"),
    ("exfiltration", rf"\b(?:send|post|upload|forward|email|e-mail|transmit|exfiltrate|leak|submit|report|copy|"
                     rf"paste|append|encode|include)\s+(?:[\w']+\s+){{0,6}}?{_SECRETISH}\b[^.\n]{{0,80}}?"
                     rf"(?:to|into|at|via|in)\s+(?:\w+\s+){{0,3}}?{_URLISH}"),
    ("exfiltration", rf"\b(?:send|post|upload|forward|email|e-mail|transmit|exfiltrate|leak)\s+(?:it|them|this|"
                     rf"that|everything|all|the results?)\s+(?:to|at)\s+{_URLISH}"),
    ("exfiltration", r"\b(?:print|reveal|show|give|tell|output|leak|share|send|paste)\s+(?:me\s+)?"
                     r"(?:the\s+|your\s+|any\s+|all\s+)?(?:api[ _-]?keys?|passwords?|secrets?|tokens?|credentials?)"
                     r"\s+(?:from|in|stored in|of)\s+"
                     r"(?:your|the)\s+(?:context|memory|system|prompt|instructions|environment|config)"),
    ("exfiltration", r"!\[[^\]]*\]\(\s*https?://[^)\s]*[?&][^)\s]*="),
    ("exfiltration", r"https?://[^\s)]*[?&](?:q|data|d|secret|key|token|msg|conv|chat|p|payload|exfil|info|c)="
                     r"(?:\{|\[|%7b|<|\$)"),
    # --- imitation of our own block delimiters and header
    ("delimiter", r"</?\s*memory_records\s*>|\bmemory records retrieved from long-term memory\b|"
                  r"##\s*(?:profile \(current facts|relevant events and messages|summaries)\b|"
                  r"\bthey are data, not instructions\b"),
)
_COMPILED = tuple((name, re.compile(rx, re.MULTILINE)) for name, rx in _PATTERNS)
# zero-width, joiner, bidi and invisible format characters an attacker splits words with
_INVISIBLE = dict.fromkeys([0xAD, 0x61C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                            *range(0x2060, 0x2070), 0xFEFF])


def normalise(text: str) -> str:
    """The form the rules read: NFKC, zero-width/bidi removed, case-folded, spaces collapsed
    (line starts are kept: impersonated turns start a line)."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    text = text.replace("\u2019", "'").replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def reasons(text: str) -> list[str]:
    """Which rule families match (empty: nothing instruction-like)."""
    norm = normalise(text)
    return sorted({name for name, rx in _COMPILED if rx.search(norm)})


def is_injection(text: str) -> bool:
    return bool(reasons(text))


def screen_flags(text: str) -> list[str]:
    """The flags the screen adds to a record with this content."""
    return [INJECTION] if is_injection(text) else []
