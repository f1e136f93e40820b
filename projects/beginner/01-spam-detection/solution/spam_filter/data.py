"""A seeded generator of SMS messages in the style of the SMS Spam Collection.

No SMS spam corpus ships inside a Python package, and the tests may not download
one, so this module writes its own: 5,000 messages, 13% of them spam as in the
real collection (Almeida et al., 2011), about 14% labelled spam once label noise
is added. It is provided, not a task; read it to know what your filter is up
against.

What it models:

- Ham in the register of personal texts: names, times, places, abbreviations
  (u, ur, 2nite), typos, greetings and sign-offs, one or two sentences.
- Spam from five families (prizes, premium-rate subscriptions, loans, phishing,
  chat lines) whose give-away cues (a cash amount, FREE or WIN, a 5-digit short
  code, a link, capitals) each appear at a rate set in `GeneratorConfig`.
- Hard cases both ways: ham that mentions money, prizes, links or phone numbers,
  legitimate automated texts (deliveries, codes), ham that forwards a spam to ask
  about it; spam written casually without any cue, part of it ("is this Amy? we
  met last week") word for word like ham.
- Label noise: a share of messages carry the wrong label, as hand-labelled
  corpora do.

What it does not model: the long tail of real vocabulary (its messages come from
a few hundred templates and word lists), senders, message metadata, languages
other than English, and spammers who adapt to your filter.
"""

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

HAM, SPAM = 0, 1
LABEL_NAMES = ("ham", "spam")  # LABEL_NAMES[label] is the label's name in the SMS Spam Collection


@dataclass(frozen=True)
class Corpus:
    """Messages and their labels (HAM = 0, SPAM = 1), aligned by position."""

    texts: list[str]
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class GeneratorConfig:
    """The knobs of the generator; every rate is a probability per message unless noted.

    The cue rates apply to spam outside the casual share: each cue is drawn
    independently, so a message may carry several or none.
    """

    n_messages: int = 5_000
    spam_fraction: float = 0.13
    money_rate: float = 0.55  # names a cash amount or a price per message
    free_win_rate: float = 0.45  # says FREE or WIN
    shortcode_rate: float = 0.45  # asks for a text to a 5-digit premium short code
    url_rate: float = 0.3  # carries a link
    shouting_rate: float = 0.35  # writes its key words, or all of it, in capitals
    casual_spam_rate: float = 0.16  # share of spam written like a personal text, no cues
    tricky_ham_rate: float = 0.1  # share of ham that mentions money, prizes, links or numbers
    texting_style_rate: float = 0.5  # share of ham (and casual spam) in text-speak
    typo_rate: float = 0.02  # per word
    label_noise: float = 0.01  # share of messages whose label is flipped


# ---------------------------------------------------------------------------
# Word lists and templates. A template's {fields} are filled from SLOTS below.
# ---------------------------------------------------------------------------

NAMES = (
    "Amy", "Ben", "Chloe", "Dan", "Priya", "Tom", "Jess", "Mo", "Kate", "Sam", "Leah", "Raj",
    "Ellie", "Josh", "Nina", "Olu", "Hannah", "Luke", "Sophie", "Jamal", "Grace", "Callum",
    "Aisha", "Matt", "Zoe", "Ryan", "Mum", "Dad", "Nan", "Becky", "Kieran", "Fatima", "Owen",
    "Lucy", "Harry", "Megan", "Ade", "Liam", "Rosie", "Tariq", "Emma", "Jack", "Freya", "Sean",
    "Holly", "Dev", "Abi", "Connor", "Yasmin", "Gaz",
)  # fmt: skip
PLACES = (
    "the pub", "tesco", "the station", "uni", "work", "the gym", "mums", "the cinema", "town",
    "the library", "costa", "the park", "the match", "the chippy", "the bus stop", "the office",
    "the hospital", "church", "the shops", "her flat", "his place", "the beach", "the airport",
    "nandos", "the dentist", "the club", "maccies", "the garage", "the lecture", "the party",
)  # fmt: skip
DAYS = (
    "today", "tonight", "tomorrow", "monday", "tuesday", "wed", "thursday", "fri", "friday",
    "sat", "saturday", "sunday", "the weekend", "next week", "later", "this morning",
    "this arvo", "after work", "after lunch", "on sunday",
)  # fmt: skip
THINGS = (
    "milk", "bread", "the charger", "my keys", "the tickets", "pizza", "the car", "my jacket",
    "the dvd", "your book", "some wine", "the notes", "chips", "the remote", "my bag",
    "the printer", "my glasses", "the umbrella", "eggs", "the dog food", "my purse",
    "the form", "your hoodie", "loo roll", "the presents",
)  # fmt: skip
ACTIVITIES = (
    "watch the match", "go for a run", "revise", "get a takeaway", "see a film", "go shopping",
    "walk the dog", "play fifa", "do the washing", "go swimming", "have a drink",
    "finish my essay", "cook dinner", "paint the kitchen", "go bowling",
)  # fmt: skip
FEELINGS = (
    "tired", "knackered", "bored", "so happy", "starving", "ill", "stressed", "fine",
    "gutted", "excited", "skint", "freezing", "hungover", "nervous", "fed up", "proud of you",
)  # fmt: skip
PRIZE_ITEMS = (
    "mystery gift", "holiday for 2", "new mobile", "camera phone", "shopping voucher",
    "luxury cruise", "games console", "weekend break", "music voucher", "home makeover",
)  # fmt: skip
VAGUE_SUMS = ("thousands", "a lump sum", "whatever you need", "a large amount")
SERVICES = (
    "ringtone", "wallpaper", "horoscope", "football alerts", "joke of the day", "dating",
    "quiz", "chat", "video clip", "fun facts",
)  # fmt: skip
KEYWORDS = ("WIN", "CLAIM", "YES", "PRIZE", "GO", "CASH", "TONE", "CHAT", "JOIN", "SEXY")
URL_WORDS = (
    "win", "prize", "claim", "bonus", "cash", "deal", "gift", "secure", "verify", "bank",
    "parcel", "track", "tones", "chat", "loan", "free", "mobile", "club", "fun", "offer",
)  # fmt: skip
SHOP_URL_WORDS = ("photos", "drive", "maps", "docs", "shop", "tickets", "news", "video", "music")
SHOPS = ("tesco", "asos", "argos", "amazon", "boots", "royal mail", "the surgery", "the vets")

# Ham is an optional greeting, one or two sentences, and an optional sign-off.
HAM_GREETINGS = (
    "hey", "hi", "hey {name},", "hi {name}", "{name}!", "oi", "morning", "evening", "hiya",
    "omg", "so", "btw", "yo", "right,", "babe,",
)  # fmt: skip
HAM_SIGN_OFFS = (
    "x", "xx", "lol", ":)", "haha", "cheers", "thanks", "love you", "see you soon",
    "speak later", ";)", "!!", "ta", "night", "take care",
)  # fmt: skip
HAM_SENTENCES = (
    "are we still on for {time}?", "r u coming to {place} {day}?", "ok", "k", "ok see you there",
    "haha yes", "sure", "yeah fine", "on my way", "running late, be there in {minutes} mins",
    "sorry, I'll call you later", "can you pick up {thing} on your way home?",
    "did you remember {thing}?", "I'm at {place}, where are you?",
    "what time do you finish {day}?", "{name} says hi",
    "{name} is coming to {place} {day}, you in?",
    "I'm so {feeling}, long day at {place}", "feeling {feeling} today, might stay in",
    "happy birthday {name}!! have a great day", "thanks for {day}, had a really good time",
    "can't talk now, in a meeting", "I left {thing} at {place}, can you grab it?",
    "do you want to get food {day}?", "meet you outside {place} at {time}",
    "don't forget {thing}", "just got home", "how was {place}?", "miss you, see you {day}",
    "what are you up to {day}?", "I'll be at {place} until {time}",
    "can you call me when you're free?", "tell {name} I said thanks", "is {name} with you?",
    "my phone is about to die, text {name}", "the bus is late again, be there at {time}",
    "good luck {day}! you'll be great", "we need {thing}, can you get some?",
    "what did you think of the film?", "going to {place} with {name}, want to come?",
    "please let me know when you get home", "that's so funny, tell me more {day}",
    "did you see {name} at {place}?", "I'm free after {time}, come round",
    "sorry I missed your call, was at {place}", "shall we {activity} {day}?",
    "I have to {activity} first", "can't be bothered to {activity}",
    "{name} wants to {activity} {day}", "fancy coming to {activity} with us?",
    "just woke up", "where did you put {thing}?", "have you got {thing}?",
    "I think I left {thing} in the car", "dinner's ready", "are you awake?",
    "how did it go with {name}?", "I'm outside", "can I borrow {thing}?",
    "{name} is being so annoying", "that's fine, no worries", "what time is it there?",
    "I'll text you when I'm leaving", "love you too", "we should {activity} soon",
    "do you know where {name} is?", "still at {place}, be home soon",
    "it's so cold today", "did you get home ok?", "pick me up at {time}?",
    "you were right about {name}", "I'll bring {thing} {day}",
)  # fmt: skip
TRICKY_HAM_SENTENCES = (
    "lol I won {small_amount} on a scratch card", "{name} won a {prize_item} in the raffle!!",
    "can you lend me {small_amount} till {day}?", "I owe you {small_amount} for the tickets",
    "{name} is sending you {small_amount} for your birthday", "free food at {place} {day}, come",
    "we won the pub quiz!! free drinks all round", "look at this {shop_url}",
    "here are the pics from {day} {shop_url}", "call me on {mobile} when you land",
    "my new number is {mobile}, save it", "it's {small_amount} each for the taxi",
    "Your {shop} order will arrive {day} between {time} and {time}. Track it at {shop_url}",
    "Your appointment at {shop} is on {day} at {time}. Reply C to cancel",
    "Your verification code is {otp}. Do not share it with anyone",
    "did you enter that competition? I did lol", "urgent: call {name} asap, it's about {day}",
    "the door code is {otp}", "my train ticket was {small_amount}, can you believe it",
    "text me the address, I'll look it up", "reply when you can, it's about {day}",
    "claim your free coffee at {place} with the app, it's actually good",
    "congratulations on the new job!! so proud", "I'm selling {thing} for {small_amount}, want it?",
    "the winner gets {small_amount}, we're so in", "did you get the link I sent? {shop_url}",
)  # fmt: skip

SPAM_OPENERS = (
    "", "", "URGENT!", "Congratulations!", "Dear customer,", "IMPORTANT:", "Good news!",
    "Final notice:", "Hi,", "Attention:", "Dear {name},",
)  # fmt: skip
SPAM_HOOKS = {
    "prize": (
        "You have been selected to receive a {reward}.",
        "Your mobile number has won a {reward} in our weekly draw.",
        "As a valued customer you are entitled to a {reward}.",
        "You are a winner! A {reward} is waiting for you.",
        "Our records show you are due a {reward}.",
        "Last chance to collect your {reward}.",
        "Your number was picked for a guaranteed {reward}.",
        "You have 1 unclaimed {reward} from our network.",
    ),
    "subscription": (
        "Get the latest {service} updates sent to your phone every week.",
        "Your weekly {service} subscription is now active.",
        "Join the {service} club and get 3 new tones a week.",
        "You are now subscribed to {service} alerts.",
        "Get a new {service} every day, sent straight to your mobile.",
        "Download the top 10 {service} hits to your phone.",
    ),
    "loan": (
        "Need cash fast? Borrow up to {reward} today, no credit checks.",
        "You may be entitled to {reward} in compensation for mis-sold insurance.",
        "A pre-approved loan of {reward} is ready for you. Bad credit ok.",
        "Struggling with debt? We can write off up to 70% of what you owe.",
        "Had an accident that wasn't your fault? You could claim {reward}.",
    ),
    "phishing": (
        "Your bank account has been suspended due to unusual activity.",
        "We were unable to deliver your parcel, please confirm your address.",
        "Your account will be closed unless you verify your details.",
        "A payment was taken from your account. If this was not you, act now.",
        "Your tax refund is ready to be paid.",
        "Your mobile bill is overdue and your line will be cut off.",
    ),
    "chat": (
        "Lonely? Hot local singles want to chat with you tonight.",
        "Someone has a secret crush on you. Want to find out who?",
        "Meet new people in your area, first week on us.",
        "Bored tonight? Live chat with real girls.",
        "{name} from your area sent you a private message.",
    ),
}
FREE_WIN_LINES = (
    "FREE entry!", "WIN WIN WIN!", "Claim your FREE gift.", "Free to enter!", "It's FREE!",
    "WIN today!", "Free for 1 week!", "Play now and WIN!",
)  # fmt: skip
SHORTCODE_ACTIONS = (
    "Txt {keyword} to {shortcode}.", "Text {keyword} to {shortcode} now.",
    "Send {keyword} to {shortcode} to claim.", "Reply {keyword} to {shortcode}.",
)  # fmt: skip
URL_ACTIONS = ("Visit {url}", "Claim at {url}", "Go to {url} to verify.", "Details at {url}")
PLAIN_ACTIONS = (
    "Call {premium_phone} now.", "Call {premium_phone} to claim.", "Reply YES to claim.",
    "Reply to this message to find out more.", "Call our claims line today.",
    "Call {premium_phone}, lines open 24hrs.", "Reply now before it expires.",
)  # fmt: skip
MONEY_FOOTERS = (
    "{price}/msg.", "Msgs cost {price} each.", "Only {price} per week.", "Cost {price}.",
    "{price} per min.",
)  # fmt: skip
OTHER_FOOTERS = ("", "", "T&Cs apply.", "18+ only.", "Offer ends soon.", "Valid 12hrs only.")
SHOUTED_WORDS = frozenset(
    {"free", "win", "urgent", "now", "claim", "prize", "cash", "winner", "today", "final"}
)
# Casual spam borrows the greetings and sign-offs of ham, and half of it the
# AMBIGUOUS_SENTENCES that tricky ham uses too: the "wrong number" openers of
# investment scams read exactly like a real text, and no filter can tell them apart.
CASUAL_SPAM_SENTENCES = (
    "got your number from a friend, fancy a chat? reply back",
    "did you get my message about the offer? let me know asap",
    "someone you know likes you, want to find out who? reply",
    "I'm new in town and looking for some fun tonight, text me back",
    "your number came up, get back to us today",
    "we tried to reach you about your account, please call us back",
    "just checking you got the info I sent? reply yes and I'll send it again",
    "are you still interested in making extra money from home?",
    "we have a special offer just for you, reply for details",
    "my friend told me about you, are you free to talk?",
    "you've been chosen for something special, reply to hear more",
)  # fmt: skip
AMBIGUOUS_SENTENCES = (
    "is this {name}? we met at {place} last week", "sorry, who is this? you were in my contacts",
    "is this still {name}'s number? it's been a while", "long time no see! how have you been?",
    "did you get my message? call me back", "are you free to talk?",
    "I've got something for you, call me back", "hey stranger, how are you doing these days?",
)  # fmt: skip
FORWARDING_LINES = (
    "is this a scam?", "lol look what I just got:", "got this again, just ignore it:",
    "don't reply to these", "who sends this stuff", "{name} got this too:", "is this legit?",
    "so annoying, third one today:",
)  # fmt: skip
AMBIGUOUS_SHARE = 0.5  # share of casual spam and of tricky ham built from AMBIGUOUS_SENTENCES
FORWARDED_SHARE = 0.25  # share of tricky ham that forwards a spam to ask about it

TEXT_SPEAK = {
    "you": "u", "your": "ur", "you're": "ur", "are": "r", "tonight": "2nite", "great": "gr8",
    "see": "c", "later": "l8r", "please": "pls", "thanks": "thx", "tomorrow": "tmrw",
    "because": "cos", "okay": "ok", "before": "b4", "for": "4", "to": "2", "love": "luv",
    "what": "wat", "text": "txt", "message": "msg",
}  # fmt: skip
MINUTES = (5, 10, 15, 20, 30)
SMALL_AMOUNTS = (5, 10, 15, 20, 25, 40, 50)
BIG_AMOUNTS = (100, 250, 500, 900, 1000, 1500, 2000, 5000)
PENCE_PRICES = (50, 100, 150)
POUND_PRICES = ("1.50", "2", "3", "4.50")
ALL_CAPS_SHARE = 0.3  # share of shouting spam written entirely in capitals
EXTRA_ACTION_SHARE = 0.3  # share of spam with a short code or link that also says call or reply
LOWERCASE_HAM_SHARE = 0.5  # share of personal texts with no capitals at all
GREETING_SHARE = 0.3  # share of personal texts that open with a greeting
SECOND_SENTENCE_SHARE = 0.35  # share of personal texts with a second sentence
SIGN_OFF_SHARE = 0.3  # share of personal texts that end with a sign-off


def _time(rng: np.random.Generator) -> str:
    hour = int(rng.integers(1, 12))
    return str(rng.choice([f"{hour}", f"{hour}pm", f"{hour}:{rng.choice([0, 15, 30, 45]):02d}"]))


def _amount(rng: np.random.Generator, amounts: Sequence[int]) -> str:
    value = int(rng.choice(amounts))
    return str(rng.choice([f"£{value:,}", f"£{value}"]))


def _price(rng: np.random.Generator) -> str:
    return str(rng.choice([f"{rng.choice(PENCE_PRICES)}p", f"£{rng.choice(POUND_PRICES)}"]))


def _digits(rng: np.random.Generator, count: int) -> str:
    return "".join(str(digit) for digit in rng.integers(0, 10, size=count))


def _mobile(rng: np.random.Generator) -> str:
    number = "07" + _digits(rng, 9)
    return str(rng.choice([number, f"{number[:5]} {number[5:]}"]))


def _url(rng: np.random.Generator) -> str:
    first, second = rng.choice(URL_WORDS, size=2, replace=False)
    return str(
        rng.choice(
            [
                f"www.{first}{second}.com",
                f"http://{first}-{second}.co.uk/{_digits(rng, 3)}",
                f"{first}{second}.net",
                f"bit.ly/{first[:2]}{_digits(rng, 4)}",
            ]
        )
    )


def _shop_url(rng: np.random.Generator) -> str:
    word = rng.choice(SHOP_URL_WORDS)
    return str(rng.choice([f"https://{word}.google.com/{_digits(rng, 6)}", f"www.{word}.co.uk"]))


SLOTS: dict[str, Sequence[str] | Callable[[np.random.Generator], str]] = {
    "name": NAMES,
    "place": PLACES,
    "day": DAYS,
    "thing": THINGS,
    "feeling": FEELINGS,
    "prize_item": PRIZE_ITEMS,
    "service": SERVICES,
    "keyword": KEYWORDS,
    "shop": SHOPS,
    "activity": ACTIVITIES,
    "time": _time,
    "minutes": lambda rng: str(rng.choice(MINUTES)),
    "small_amount": lambda rng: _amount(rng, SMALL_AMOUNTS),
    "price": _price,
    "shortcode": lambda rng: str(rng.integers(60_000, 90_000)),
    "premium_phone": lambda rng: "09" + _digits(rng, 9),
    "mobile": _mobile,
    "otp": lambda rng: _digits(rng, int(rng.choice([4, 6]))),
    "url": _url,
    "shop_url": _shop_url,
}


def _fill(template: str, rng: np.random.Generator, **fixed: str) -> str:
    """Fill each {field} of the template from `fixed`, else from SLOTS."""
    values = {}
    for _, field, _, _ in string.Formatter().parse(template):
        if field and field not in fixed:
            slot = SLOTS[field]
            values[field] = slot(rng) if callable(slot) else str(rng.choice(slot))
    return template.format(**fixed, **values)


def _text_speak(text: str) -> str:
    return " ".join(TEXT_SPEAK.get(word.lower(), word) for word in text.split())


def _typos(text: str, rng: np.random.Generator, rate: float) -> str:
    """Swap, drop or double one letter in a share `rate` of the longer words."""
    words = text.split()
    for index, word in enumerate(words):
        if len(word) > 3 and word.isalpha() and rng.random() < rate:
            at = int(rng.integers(1, len(word) - 1))
            kind = rng.integers(3)
            if kind == 0:
                word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            elif kind == 1:
                word = word[:at] + word[at + 1 :]
            else:
                word = word[:at] + word[at] + word[at:]
            words[index] = word
    return " ".join(words)


def _chatty(sentences: Sequence[str], rng: np.random.Generator, config: GeneratorConfig) -> str:
    """A personal-looking text: optional greeting, one or two sentences, optional sign-off."""
    parts = [_fill(str(rng.choice(sentences)), rng)]
    if rng.random() < SECOND_SENTENCE_SHARE:
        parts.append(_fill(str(rng.choice(HAM_SENTENCES)), rng))
    if rng.random() < GREETING_SHARE:
        parts.insert(0, _fill(str(rng.choice(HAM_GREETINGS)), rng))
    if rng.random() < SIGN_OFF_SHARE:
        parts.append(str(rng.choice(HAM_SIGN_OFFS)))
    text = " ".join(parts)
    if rng.random() < config.texting_style_rate:
        text = _text_speak(text)
    text = text.lower() if rng.random() < LOWERCASE_HAM_SHARE else text[0].upper() + text[1:]
    return _typos(text, rng, config.typo_rate)


def _ham(rng: np.random.Generator, config: GeneratorConfig) -> str:
    """A personal text; a `tricky_ham_rate` share forwards a spam, or looks like one."""
    if rng.random() >= config.tricky_ham_rate:
        return _chatty(HAM_SENTENCES, rng, config)
    kind = rng.random()
    if kind < FORWARDED_SHARE:
        forwarded = _spam(rng, replace(config, casual_spam_rate=0.0))
        return f"{_fill(str(rng.choice(FORWARDING_LINES)), rng)} {forwarded}"
    ambiguous = kind < FORWARDED_SHARE + AMBIGUOUS_SHARE
    return _chatty(AMBIGUOUS_SENTENCES if ambiguous else TRICKY_HAM_SENTENCES, rng, config)


def _shout(text: str, rng: np.random.Generator) -> str:
    """Capitalise the whole text, or only its SHOUTED_WORDS."""
    if rng.random() < ALL_CAPS_SHARE:
        return text.upper()
    return " ".join(
        word.upper() if word.strip(string.punctuation).lower() in SHOUTED_WORDS else word
        for word in text.split()
    )


def _spam(rng: np.random.Generator, config: GeneratorConfig) -> str:
    """Opener, hook, then cues and calls to action, each drawn at its rate in `config`."""
    if rng.random() < config.casual_spam_rate:
        ambiguous = rng.random() < AMBIGUOUS_SHARE
        return _chatty(AMBIGUOUS_SENTENCES if ambiguous else CASUAL_SPAM_SENTENCES, rng, config)
    family = str(rng.choice(list(SPAM_HOOKS)))
    hook = str(rng.choice(SPAM_HOOKS[family]))
    money = rng.random() < config.money_rate
    if money:
        reward = _amount(rng, BIG_AMOUNTS) + (" cash prize" if family == "prize" else "")
    else:
        reward = str(rng.choice(PRIZE_ITEMS if family == "prize" else VAGUE_SUMS))
    parts = [str(rng.choice(SPAM_OPENERS)), _fill(hook, rng, reward=reward)]
    if rng.random() < config.free_win_rate:
        parts.append(str(rng.choice(FREE_WIN_LINES)))
    actions = []
    if rng.random() < config.shortcode_rate:
        actions.append(_fill(str(rng.choice(SHORTCODE_ACTIONS)), rng))
    if rng.random() < config.url_rate:
        actions.append(_fill(str(rng.choice(URL_ACTIONS)), rng))
    if not actions or rng.random() < EXTRA_ACTION_SHARE:
        actions.append(_fill(str(rng.choice(PLAIN_ACTIONS)), rng))
    parts += actions
    if money and "{reward}" not in hook:
        parts.append(_fill(str(rng.choice(MONEY_FOOTERS)), rng))
    parts.append(str(rng.choice(OTHER_FOOTERS)))
    text = " ".join(part for part in parts if part)
    if rng.random() < config.shouting_rate:
        text = _shout(text, rng)
    return _typos(text, rng, config.typo_rate)


def generate_sms(config: GeneratorConfig = GeneratorConfig(), seed: int = 0) -> Corpus:
    """Generate `config.n_messages` labelled messages, the same ones for the same seed."""
    rng = np.random.default_rng(seed)
    is_spam = rng.random(config.n_messages) < config.spam_fraction
    texts = [_spam(rng, config) if spam else _ham(rng, config) for spam in is_spam]
    flipped = rng.random(config.n_messages) < config.label_noise
    labels = np.where(is_spam ^ flipped, SPAM, HAM)
    return Corpus(texts, labels)


def split_corpus(
    corpus: Corpus, test_fraction: float = 0.2, seed: int = 0
) -> tuple[Corpus, Corpus]:
    """Split into training and held-out test messages, stratified so both keep the spam share."""
    # Imported here, not at the top: the early tasks need this module but not scikit-learn,
    # whose import alone takes seconds, so checking them stays quick.
    from sklearn.model_selection import train_test_split

    train_texts, test_texts, train_labels, test_labels = train_test_split(
        corpus.texts,
        corpus.labels,
        test_size=test_fraction,
        stratify=corpus.labels,
        random_state=seed,
    )
    return Corpus(train_texts, train_labels), Corpus(test_texts, test_labels)
