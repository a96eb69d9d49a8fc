"""Word lists and the patterns that recognise what is not a lasting fact (questions, small talk,
moods, jokes, hypotheticals) or what a word is (a job, a diet, a relative, a pet)."""

from __future__ import annotations

import re

from .dates import NOCASE, WD_RE
from .prefilter import gated

QUESTION_START = gated(
    r"^(?:what|why|how|where|when|who|whom|whose|which|is|are|am|was|were|do(?! not\b)|does|did|can|could|would"
    r"|will|should|shall|may|might|have you|has|any idea|tell me|write|translate|explain|show me|give me|list"
    r"|let me|let's|lets|help me)\b", NOCASE)
SMALL_TALK = gated(
    r"^(?:hi|hello|hey|thanks?|thank you|ok|okay|sure|yes|no(?! (?:\w+ )?(?:emojis?|bullet points|jargon|markdown"
    r"|lists|tables|code|links|spoilers)\b| more [\w -]+ for (?:me|us)\b)|yeah|yep|nope|cool|great|nice|bye|goodbye"
    r"|good (?:morning|night|evening|afternoon)|never mind|nevermind|no worries|sounds good|got it|i see"
    r"|i don't know|i do not know|i am not sure|that's|that is|it's|it is|lol|haha)\b[\s\w,!.']{0,25}$", NOCASE)
HYPOTHETICAL = gated(
    r"\b(?:if|wish|imagine|suppose|supposing|hypothetically|would|could|might|maybe|perhaps|someday|pretend"
    r"|in (?:another|a past|my next|a (?:different|parallel|perfect|dream)) (?:life|world|universe))\b", NOCASE)
HYPOTHETICAL_START = gated(r"^(?:if|imagine|suppose|supposing|hypothetically|pretend|what if|in theory|unless"
                                r"|in case|as long as|provided)\b", NOCASE)
# ("as if" as a retort, said alone: not "it feels as if I never sleep")
JOKE = gated(r"\b(?:just kidding|kidding|joking|jk|j/k|in my dreams|dream on|as if(?=\W*$|\W*[.!,]|\s+(?:lol"
                  r"|haha)))\b", NOCASE)
LAUGH = gated(r"\b(?:lol|lmao|rofl|haha\w*|hehe\w*)\b|😂|🤣", NOCASE)
# a laugh is a joke's mark when it opens the message ("haha no, I'm not from Mars") or rides on an
# exaggeration ("I'm totally a vampire, haha"); after a plain statement it is only tone ("lactose intolerant lol")
JOKING = re.compile(r"^\W*(?:lol|lmao|rofl|haha\w*|hehe\w*)\b|\b(?:basically|literally|totally|technically"
                    r"|professional|officially|secretly|at this point|clearly)\b", NOCASE)
# a passing state of the speaker ("I'm so tired", "feeling stressed"), not words that merely name one
# ("I love hot sauce", "I hate cold weather")
MOOD = gated(
    r"\b(?:feel|feeling|felt|mood|headache|hurts?|hungover|terrible day|awful day|rough day|long day)\b|\bhave (?:a"
    r"|the) (?:cold|flu|fever|hangover)\b|^(?:i am|we are)(?:\s+(?:so|really|very|a|bit|little|kind|kinda|sort|of|quite"
    r"|super|pretty|too|getting|just|totally|absolutely|extremely|incredibly|rather|slightly|also))*\s+(?:tired"
    r"|exhausted|sleepy|bored|hungry|thirsty|stressed|sad|angry|annoyed|upset|grumpy|sick|ill|cranky|frustrated|furious"
    r"|overwhelmed|anxious|nervous|cold|hot|freezing|starving|busy|excited|happy|worried|lonely|scared|afraid|confused"
    r"|done)\b(?! of (?!the\b|my\b|this\b|that\b|it\b|what\b|how\b))", NOCASE)
TRANSIENT = re.compile(r"\b(?:right now|at the moment|for now|for the moment|at this point"
                       r"|currently feeling)\b", NOCASE)
DEICTIC = re.compile(r"^(?:it|this|that|these|those|you|your|him|her|them|here|there"
                      r"|(?:when|how|what) (?:it|this|that|you)|\w+(?: \w+)? (?:it|this|that)$)\b", NOCASE)
FREQUENCY = re.compile(
    r"\b(?:(?:every|each) (?:other |single )?(?:day|morning|afternoon|evening|night|week|weekend|month|year|"
    r"summer|winter|spring|autumn|fall|" + WD_RE[3:-1] + r")|daily|weekly|nightly|"
    r"on (?:weekends|weekdays|\w+days)|at weekends|most (?:days|mornings|evenings|nights|weekends)|"
    r"(?:once|twice|three times|four times|\d+ ?(?:times|x)) (?:a|per|every) (?:day|week|month|year))\b"
    r"|\b(?:sometimes|often|occasionally|regularly|a lot|all the time)$", NOCASE)
# keeping in touch names no activity of the speaker's own: with whom is said elsewhere ("we call every weekend")
KEEPING_IN_TOUCH = re.compile(r"call|phone|ring|text|message|email|write|talk|speak|chat|facetime|skype|visit|see|meet"
                              r"|video-?call|zoom", NOCASE)
TOGETHER = re.compile(r"\b(?:each other|one another|up|online|on the phone|over the phone|by phone|on video)\b", NOCASE)
# the ways to reach the speaker: "please no voice notes", "email is much easier for me than calls"
CHANNELS = (r"(?:e-?mails?|texts?|texting|text messages?|messages|messaging|whatsapp|signal|telegram|slack"
            r"|voice ?notes?|voice messages?|voicemails?|(?:phone |video )?calls?|phone|zoom|facetime|dms?)")
PEOPLE = {
    "sister", "brother", "mom", "mum", "mother", "dad", "father", "parents", "boss", "friend", "friends",
    "colleague", "colleagues", "coworker", "wife", "husband", "partner", "boyfriend", "girlfriend", "son",
    "daughter", "kids", "children", "kid", "child", "neighbour", "neighbor", "team", "manager", "cousin",
    "aunt", "uncle", "grandma", "grandpa", "grandmother", "grandfather", "roommate", "flatmate", "dog", "cat",
    "head", "back", "stomach", "day", "week", "morning", "life", "mood", "code", "computer", "phone", "internet",
}
IDENTITY_THINGS = {"email", "email address", "phone number", "phone", "address", "timezone", "time zone",
                    "hometown", "home town", "birthday", "nationality", "pronouns", "age", "job", "occupation",
                    "title", "job title", "username", "handle", "website", "native language", "first language",
                    "middle name", "last name", "surname", "nickname"}
JOB_WORDS = {"nurse", "doctor", "lawyer", "chef", "cook", "engineer", "developer", "designer", "teacher",
              "student", "consultant", "analyst", "scientist", "manager", "lead", "intern", "founder", "ceo",
              "cto", "cfo", "architect", "mechanic", "pilot", "professor", "researcher", "accountant", "artist",
              "writer", "editor", "journalist", "programmer", "dentist", "pharmacist", "therapist", "plumber",
              "electrician", "carpenter", "farmer", "firefighter", "officer", "librarian", "musician", "barista",
              "cashier", "clerk", "paramedic", "surgeon", "veterinarian", "vet", "tutor", "coach", "freelancer",
              "contractor", "photographer", "planner", "administrator", "admin", "director", "secretary",
              "technician", "counselor", "counsellor", "assistant", "recruiter", "salesperson", "translator",
              "physician", "physiotherapist", "psychologist", "psychiatrist", "midwife", "caregiver", "carer",
              "waiter", "waitress", "bartender", "driver", "baker", "butcher", "hairdresser", "stylist", "model",
              "actor", "actress", "dancer", "illustrator", "animator", "economist", "banker", "trader", "broker",
              "realtor", "agent", "marketer", "strategist", "specialist", "executive", "entrepreneur", "owner",
              "mathematician", "physicist", "chemist", "biologist", "statistician", "historian", "lecturer",
              "instructor", "trainer", "supervisor", "soldier", "sailor", "postdoc", "apprentice", "dev", "devops",
              "sre", "worker", "rep", "receptionist", "optometrist", "radiographer", "sonographer", "hygienist",
              "courier", "tester", "cleaner", "housekeeper", "nanny", "childminder", "au pair", "welder", "machinist",
              "paralegal", "solicitor", "barrister", "attorney", "auditor", "actuary", "underwriter", "surveyor",
              "headteacher", "headmistress", "headmaster", "principal", "porter", "caretaker", "janitor", "dietitian",
              "nutritionist", "optician", "vicar", "priest", "rabbi", "imam", "pastor", "policeman", "policewoman",
              "builder", "roofer", "plasterer", "joiner", "decorator", "locksmith", "tailor", "seamstress", "florist",
              "jeweller", "jeweler", "fisherman", "postman", "postwoman", "trucker", "shopkeeper", "bookkeeper",
              "copywriter", "homemaker", "housewife", "househusband", "beekeeper", "zookeeper", "barber", "gp",
              "servant", "advisor", "adviser", "attendant", "operative", "operator", "steward", "stewardess", "coder",
              "trainee", "retiree", "pensioner", "undergrad", "postgrad", "doula", "chaplain", "labourer", "laborer",
              "handyman", "groundskeeper", "publican", "sommelier", "chauffeur", "cabbie", "deckhand", "rancher",
              "shepherd", "archivist", "curator", "interpreter", "proofreader", "publisher", "producer", "presenter",
              "broadcaster", "reporter", "dj", "comedian", "singer", "drummer", "bassist", "guitarist", "pianist",
              "violinist", "cellist", "vocalist", "composer", "paediatrician", "pediatrician", "anaesthetist",
              "anesthetist", "clinician", "registrar", "phlebotomist", "postie",
              "sparky", "sparkie", "brickie", "tradie",
              "orthodontist", "podiatrist", "chiropractor", "osteopath", "dermatologist"}
# job nouns known by their ending: a cardiologist, a paediatrician, a videographer, a blacksmith, a fishmonger
JOB_ENDINGS = re.compile(r"\w+(?:ologist|ician|iatrist|grapher|smith|monger|wright)", re.IGNORECASE)
KIN_AND_PETS = {"boys", "girls",
                "kid", "kids", "child", "children", "son", "sons", "daughter", "daughters", "brother", "brothers",
                 "sister", "sisters", "wife", "husband", "partner", "boyfriend", "girlfriend", "twins", "baby",
                 "dog", "dogs", "cat", "cats", "puppy", "kitten", "retriever", "labrador", "poodle", "terrier",
                 "parrot", "hamster", "rabbit", "horse", "pet", "pets", "grandchildren", "grandkids", "car", "bike",
                 "fiance", "fiancé", "fiancee", "fiancée", "stepson", "stepdaughter", "stepkids", "toddler",
                 "teenager", "teenagers", "newborn", "grandson", "granddaughter", "spouse", "kittens", "puppies"}
DIETS = r"(?:vegetarian|vegan|pescatarian|lactose[- ]intolerant|gluten[- ]intolerant|gluten[- ]free|diabetic" \
         r"|c(?:o)?eliac|kosher|halal|teetotal|sober|plant[- ]based|dairy[- ]free|nut[- ]free|keto|paleo" \
         r"|flexitarian|vego|veggie)"  # ("vego": Australian for vegetarian)
# what "no X for me" refuses: food and drink, not "no spoilers for me"
FOODS = r"(?:meat|red meat|fish|pork|beef|chicken|dairy|gluten|nuts|peanuts|tree nuts|eggs|alcohol|booze|sugar" \
        r"|caffeine|coffee|shellfish|seafood|wheat|soy|carbs|milk|cheese|bread|sesame|wine|beer)"
# long-standing health conditions and impairments: constraints on what suits the speaker
CONDITIONS = r"(?:(?:type [12] |chronic |severe |mild |bad |early[- ](?:onset|stage) )?(?:diabetes|asthma" \
              r"|c(?:o)?eliac(?: disease)?" \
              r"|arthritis|adhd|add|autism|epilepsy|migraines?|ibs|crohn'?s(?: disease)?|high blood pressure" \
              r"|hypertension|dyslexia|anxiety|depression|insomnia|tinnitus|back pain|sleep apnea|lupus|ms" \
              r"|multiple sclerosis|a heart condition|a bad (?:back|knee|hip|shoulder)|pcos|endometriosis|dementia" \
              r"|alzheimer'?s|parkinson'?s|cancer|copd|heart disease|hay ?fever|eczema|psoriasis|gout|fibromyalgia" \
              r"|long covid|osteoporosis|(?:a )?(?:herniated|slipped|bulging) disc|a pacemaker" \
              r"|(?:poor|bad|failing|weak|dodgy) (?:eyesight|hearing|memory|balance|knees|hips|joints|shoulders)" \
              r"|ptsd|ocd|bipolar(?: disorder)?|scoliosis|sciatica|vertigo|chronic fatigue(?: syndrome)?|me/cfs" \
              r"|hypothyroidism|hyperthyroidism|an? (?:under|over)active thyroid|kidney disease|heart failure|angina" \
              r"|glaucoma|cataracts|macular degeneration|hearing loss|a stoma|high cholesterol|low blood pressure" \
              r"|anaemia|anemia|sickle cell(?: disease)?|cystic fibrosis|narcolepsy|restless legs(?: syndrome)?" \
              r"|acid reflux|gerd|ulcerative colitis|diverticulitis|a hernia|a heart murmur|a stammer|a stutter" \
              r"|ehlers[- ]danlos(?: syndrome)?|hypermobility|rheumatoid arthritis|osteoarthritis|a food allergy" \
              r"|(?:a |an |two |both |double )?(?:artificial |replacement )?(?:hip|knee|shoulder)" \
              r"(?: replacements?| joints?)" \
              r"|an? [\w' -]*(?:condition|disorder|disease|syndrome|intolerance|impairment|injury)))"
# long-term medicines by name: "I take warfarin daily" is a health fact, not a habit
MEDICINES = r"(?:warfarin|metformin|levothyroxine|thyroxine|lithium|statins|insulin|an inhaler|inhalers|steroids" \
            r"|beta[- ]blockers|blood pressure (?:pills|tablets|medication)|apixaban|rivaroxaban|methotrexate" \
            r"|sertraline|fluoxetine|citalopram|hrt|the pill|prednisolone|prednisone|epipen|an epipen)"
IMPAIRMENTS = r"(?:diabetic|asthmatic|epileptic|autistic|dyslexic|colou?r[- ]?blind|deaf|hard of hearing" \
               r"|partially sighted|blind|visually impaired|hearing impaired|in a wheelchair|a wheelchair user" \
               r"|wheelchair user" \
               r"|immunocompromised|anemic|anaemic|bipolar|neurodivergent|dyspraxic|disabled|an amputee" \
               r"|on the spectrum|pre-?diabetic|hypermobile|immunosuppressed)"
PAST_IRREGULAR = ("went|ran|got|had|saw|met|bought|took|made|gave|came|left|began|won|lost|quit|found|built|wrote"
                   "|read|sold|flew|drove|swam|did|became|spent|sent|caught|held|broke|hit|told|taught|threw|rode"
                   "|sang|ate|drank|sat|stood|wore|chose|forgot|fell")
NOT_PAST = r"(?!(?:need|feed|speed|proceed|succeed|exceed|bleed|breed)\b)"
# (not across a present "is"/"are": "my exam is scheduled for the 15th" lies ahead)
PAST_START = re.compile(r"^(?:(?:i|we) |(?:my|our) (?:(?!is\b|are\b|will\b)[\w'-]+ ){1,3}?)(?:(?:was|were)\b"
                         r"|(?:have )?(?:just |recently |finally |already )?" + NOT_PAST
                         + r"(?:\w+ed|" + PAST_IRREGULAR + r")\b)", NOCASE)
# a named one's death ("Pepper died in the spring"): a date said with it lies behind, like any past start's
NAMED_DEATH = (r"^(?P<n>(?-i:[A-Z])[a-z'-]+) (?:has |had )?(?:sadly |just )?(?:died|passed away|passed on|was put down"
               r"|had to be put down|was put to sleep)\b")
# a change of state that happened today: what it leads to lasts ("got promoted to head chef today")
CHANGED_TODAY = re.compile(r"^(?:i|we) (?:have )?(?:just |finally |officially )?(?:got promoted|was promoted"
                           r"|been promoted|qualified|graduated|became|got (?:a|my|the) (?:new )?job|moved|turned"
                           r"|started (?:my|a|the) (?:new )?job|joined)\b", NOCASE)
# verbs of booking look forward: "I booked a trip for December" is about next December
BOOKED = r"(?:booked|scheduled|arranged|signed up for|registered for|enrolled in|(?:got|bought) tickets (?:to|for)" \
         r"|got (?:a|an|my|our) (?:[\w'-]+ ){0,3}?(?:appointment|booking|reservation|check-?up|consultation))"
FORWARD = re.compile(r"^(?:i|we) (?:have )?(?:just |already |finally |recently )?" + BOOKED + r"\b", NOCASE)
# a body's weight and height as chat writes them: "80kg", "12 stone 4", "180 lbs"; "6'2", "5ft 4", "172cm", "1.80m"
MASS = (r"(?:\d{1,3}(?:\.\d)?\s?(?:kg|kgs|kilos?|kilograms?|lbs?|pounds)"
        r"|\d{1,2}\s?(?:st|stone)(?:\s?\d{1,2}(?:\s?lbs?)?)?|(?:half )?a stone)\b")
HEIGHT = (r"(?:\d'\s?\d{1,2}(?:\"|'')?(?!\w)|\d\s?(?:ft|foot|feet)(?:\s?\d{1,2}\b(?:\s?(?:in|inches)\b)?)?"
          r"|1\d\d\s?cm\b|[12][.,]\d\d?\s?m\b)")
# what one sets out to do and then has done: "finally ran the marathon", "handed in my thesis", "passed my test"
DONE_THINGS = (r"marathon|half|ultra|race|10k|5k|triathlon|ironman|test|exams?|finals|thesis|dissertation|coursework"
               r"|viva|course|degree|interview|audition|hike|trek|climb|swim|skydive|bungee jump|challenge|programme"
               r"|program|manuscript|novel|presentation|talk|speech|trip")
# life events worth keeping even without a date ("I just got engaged" needs no "when")
MILESTONE = re.compile(
    r"^(?:got (?:married|engaged|divorced|promoted|fired|laid off|hired|sacked"
    r"|(?:a|another) (?:new |second |third )?(?:job|puppy|dog|cat|kitten))"
    r"|graduated|retired|adopted|gave birth|had (?:a baby|twins|surgery"
    r"|(?:a|our|their) (?:first |second |third |fourth )?(?:baby|child|kid|son|daughter))"
    # "left Deloitte", "left the NHS" (an employer named); "left Tom a note", "left Deloitte for a while" are not
    r"|quit (?:their|the|smoking|drinking)|left (?:the )?(?-i:[A-Z][\w&.'-]*\b)(?! (?:a|an|the|some)\b)"
    r"(?!.*\bfor (?:a|the) (?:while|bit|sec|second|minute|moment|day|week|weekend|night)\b)"
    r"|bought (?:a|our|their) (?:first |new )?(?:house|home|flat|apartment|condo|car)|lost (?:their|a) job"
    r"|started (?:a|their) (?:new )?(?:job|business|company)|finished (?:their|the) (?:degree|thesis|phd|"
    r"dissertation|studies)|passed (?:their|the)|won\b|moved house"
    # an aim reached ("finished the Berlin marathon in 4:12"): it ends the goal that named it
    r"|(?:finished|completed) (?:their|the|a) (?:first )?(?:[\w-]+ ){0,2}?(?:marathon|triathlon|ironman|ultra|10k|5k"
    r"|course|apprenticeship|masters|master's|phd|training)\b"
    r"|failed (?:their|the) (?:[\w-]+ ){0,2}(?:test|exam|interview|audition|assessment|viva|finals)"
    # a weight lost or put on since some time: "lost 3 stone since I started running"
    r"|(?:lost|put on|gained|dropped) (?:about |around |nearly |almost |over |a good )?" + MASS + ")",
    NOCASE)
CUT_TAIL = re.compile(r"\s*(?:,\s*|\s+)(?:because|since|so that|so|but|which|who|although|though|as well)\b.*$", NOCASE)
PRONOUNS = [(re.compile(p, NOCASE), r) for p, r in (
    (r"\b(?:myself|ourselves)\b", "themselves"), (r"\b(?:mine|ours)\b", "theirs"), (r"\b(?:my|our)\b", "their"),
    (r"\b(?:me|us)\b", "them"), (r"\b(?:I am|we are)\b", "they are"), (r"\b(?:I|we)\b", "they"),
    (r"\byour\s+", ""), (r"\byours\b", "the assistant's"))]
KEY_LEAD = re.compile(r"^(?:(?:a lot of|lots of|all kinds of|all sorts of|plenty of|always|never|ever|usually"
                       r"|from now on"
                       r"|in future|the|a|an|my|some|any|their)\s+)+", NOCASE)
KEY_STOP = re.compile(
    r"\s*(?:,|\b(?:in|over|to|than|with|for|on|at|when|during|before|after|from|especially|and|because|but|"
    r"a lot|so much|very much|anymore|any more|every|each|once|twice|daily|weekly|nightly|sometimes|often"
    r"|occasionally|regularly|all the time|\w+ times)\b).*$", NOCASE)

# a place named with capitals, one or more words: "Glasgow", "New York", "St Albans"
NAMED_PLACE = r"(?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)*"

# what makes a whole message or sentence not a statement of fact about the speaker
SARCASM = gated(r"🙄|😒|🙃|(?:^|\s)/s\b|\byeah,? right\b|\boh (?:great|joy|wonderful|fantastic|perfect)\b"
                     r"|\bsure,? and\b|^(?:sure|yeah|oh yes),? .*\btotally\b.*\bobviously\b"
                     r"|\b(?-i:LOVE|ADORE|LOVING)\b", NOCASE)
REQUEST = gated(r"^(?:please |can you |could you |would you |now )?(?:translate|write|draft|compose|rewrite"
                     r"|summari[sz]e|say|pretend|role-?play|imagine|act as|let'?s say|repeat|spell|proofread|fix|edit"
                     r"|paraphrase|quote|reply to|respond to|fill (?:in|out)"
                     r"|complete (?:this|the following|the sentence))\b", NOCASE)
REPORTED = gated(r"\b(?:said|says|told me|tells me|asked me|claims?|claimed|wrote|writes|heard|according to"
                      r"|in the (?:story|book|novel|movie|film|show|game|article)|my character|horoscope"
                      # a fiction being written: "a story where the main character is a baker from Naples"
                      r"|(?:story|novel|script|screenplay|plot|scene) (?:where|in which)|main character|protagonist)\b",
                      NOCASE)
# quoted first-person words, someone's speech ("'I'm moving to Canada'"), not a title ("a piece called 'Freedom'"):
# opened after a space or a colon, closed before a space or punctuation ("I'm" does not close it)
QUOTED = re.compile(r"(?:^|(?<=[\s:(]))['\"\u201c\u2018](?=[^\n]*?\b(?:I|my|me|we|our)\b)[^\n]*?\S['\"\u201d\u2019]"
                    r"(?=[\s.,!?;:)]|$)")
LANGUAGES = r"(?:english|spanish|french|german|italian|portuguese|dutch|japanese|chinese|mandarin|cantonese|korean" \
            r"|arabic|hindi|russian|polish|swedish|norwegian|danish|finnish|greek|turkish|hebrew|ukrainian|czech" \
            r"|hungarian|romanian|vietnamese|thai|indonesian|catalan|basque|welsh|irish|farsi|persian|urdu|bengali" \
            r"|punjabi|tamil|telugu|gujarati|swahili|amharic|yoruba|igbo|hausa|tagalog|filipino|malay|bulgarian" \
            r"|serbian" \
            r"|croatian|slovak|slovenian|lithuanian|latvian|estonian|icelandic|albanian|armenian|georgian|kurdish" \
            r"|pashto|nepali|sinhala|khmer|burmese|lao|mongolian|somali|zulu|xhosa|afrikaans|maori|galician" \
            r"|sign language" \
            r"|bsl|asl)"
CHILDREN = {"kid", "kids", "child", "children", "son", "sons", "daughter", "daughters", "twins", "baby", "toddler",
            "stepkids", "teenagers", "boys", "girls"}
PETS = {"dog", "dogs", "cat", "cats", "puppy", "kitten", "puppies", "kittens", "parrot", "hamster", "rabbit", "horse",
        "pet", "pets", "retriever", "labrador", "poodle", "terrier", "rabbits", "hamsters", "horses", "parrots",
        "guinea pig", "guinea pigs", "tortoise", "budgie", "ferret", "ferrets", "gecko", "snake", "chickens"}
# a breed names a dog: "a very loud beagle" is a dog the speaker has
DOG_BREEDS = {"retriever", "labrador", "poodle", "terrier", "spaniel", "collie", "beagle", "dachshund", "husky",
              "greyhound", "whippet", "lurcher", "pug", "chihuahua", "corgi", "schnauzer", "rottweiler", "doberman",
              "dalmatian", "pomeranian", "cockapoo", "labradoodle", "goldendoodle", "cavapoo", "staffie", "sheepdog",
              "alsatian", "bulldog", "springer", "vizsla", "weimaraner", "shiba",
              # a cat's breed or coat names a cat the same way: "an elderly tabby", "our two siamese"
              "tabby", "siamese", "persian", "ragdoll", "sphynx", "bengal", "tortie", "tortoiseshell", "maine coon"}
# a stretch of life that is over: "back in college", "as a kid", "when I was younger", "in my twenties"
PERIOD = (r"(?:back )?in (?:college|school|uni|university|high school|grad school|secondary school|primary school"
          r"|my (?:twenties|teens|thirties|forties|\d0s|youth|student days|college days|uni days|school days"
          r"|younger days|early (?:twenties|teens|thirties|days)))"
          r"|back (?:in the day|then|home)|as a (?:kid|child|teen|teenager|student|boy|girl|youngster)"
          r"|when i was (?:younger|little|small|young|a kid|a child|a teen|a teenager|a student|growing up"
          r"|in (?:college|school|uni|university|high school)|\d{1,2})|growing up|years ago|before (?:i had kids"
          r"|the kids|kids|i retired|retirement|covid|the pandemic)")
