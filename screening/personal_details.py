"""Detectors for personal details (policy: "posts personal details, such as
address or location"). Each yields (start, end) spans into the original text.

These patterns are fixed facts about UK formats, not moderator data, so they
live in code and compile once at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

Span = tuple[int, int]

# --- postcodes -------------------------------------------------------------

# Every UK postcode area. Checking the area is what keeps vitamin B12, the M25
# and the A217 out: "A" and "V" are not areas, and "B12"/"M25" lack the inward
# half ("3AB") that a full postcode always has.
_AREAS_TEXT = (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL "
    "DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW "
    "KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM "
    "S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR "
    "WS WV YO ZE"
)
POSTCODE_AREAS = frozenset(_AREAS_TEXT.split())
_AREA = "|".join(sorted(POSTCODE_AREAS, key=len, reverse=True))
# The inward code's letters never include C, I, K, M, O or V (Royal Mail), so
# "M25 4pm" is not a postcode.
_POSTCODE = re.compile(
    rf"(?<![^\W_])(?:{_AREA})\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{{2}}(?![^\W_])",
    re.IGNORECASE,
)


def postcodes(text: str) -> Iterator[Span]:
    for m in _POSTCODE.finditer(text):
        yield m.span()


# --- phone numbers ---------------------------------------------------------

# A run that could be a phone number: starts like one (+, 00, 0 or "(0") and
# continues with digits and the separators people use, including a digit at a
# time ("0 7 7 0 0 ..."). Colons, slashes and commas are not separators, which
# keeps times (11:40), dates (14/10/2025) and amounts (2,000) out; the number
# must not be glued to a word or an id ("HWS-2025-114"), or follow a currency.
_PHONE_RUN = re.compile(
    r"(?<![\w+\-/.:,£$€])(?:\+[ \t]?\d|\(?0)(?:[ \t.\-()]{0,3}\d){6,16}(?![\w/:])"
)
_PHONE_GROUP_END = re.compile(r"\d(?=[^\d]|$)")
_DATE_START = re.compile(r"\(?\d{1,2}([.\-])\d{1,2}\1\d{2,4}(?!\d)")
MIN_PHONE_DIGITS = 10


def _possible_phone(candidate: str) -> bool:
    if sum(ch.isdigit() for ch in candidate) < MIN_PHONE_DIGITS:
        return False
    try:
        number = phonenumbers.parse(candidate, "GB")
    except phonenumbers.NumberParseException:
        return False
    # Possible rather than valid: Ofcom reserves ranges for drama and examples
    # (07700 900xxx) that libphonenumber calls invalid, yet posting one is
    # exactly the same mistake as posting a real number.
    return (
        phonenumbers.is_possible_number_with_reason(number)
        == phonenumbers.ValidationResult.IS_POSSIBLE
    )


def phones(text: str) -> Iterator[Span]:
    pos = 0
    while m := _PHONE_RUN.search(text, pos):
        run = m.group(0)
        if _DATE_START.match(run):
            pos = m.end()
            continue
        # A run may swallow a following number ("07700 900077 2 times"): try the
        # longest prefix that ends on a digit group first.
        ends = [g.end() for g in _PHONE_GROUP_END.finditer(run)]
        for end in reversed(ends):
            if _possible_phone(run[:end]):
                yield m.start(), m.start() + end
                pos = m.start() + end
                break
        else:
            pos = m.end()


# --- email addresses -------------------------------------------------------

_AT = r"(?:[ \t]*@[ \t]*|[ \t]*[(\[{<][ \t]*at[ \t]*[)\]}>][ \t]*|[ \t]+at[ \t]+)"
_DOT = r"(?:\.|[ \t]*[(\[{<][ \t]*dot[ \t]*[)\]}>][ \t]*|[ \t]+dot[ \t]+)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_LOCAL_PART = r"[a-z0-9][a-z0-9._%+\-]*"
# "tom dot hill at example dot com": the dots may be spelled out before the "at" too.
_SPELLED_DOT = r"(?:[ \t]*[(\[{<][ \t]*dot[ \t]*[)\]}>][ \t]*|[ \t]+dot[ \t]+)"
_EMAIL = re.compile(
    rf"(?<![\w.+\-]){_LOCAL_PART}(?:{_SPELLED_DOT}{_LOCAL_PART})*"
    rf"{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[a-z]{{2,12}}(?![\w@])",
    re.IGNORECASE,
)
# When someone spells out "at" and "dot", ordinary prose can look like an
# address ("look at this dot com"), so the last label must be a real domain.
SPELLED_OUT_TLDS = frozenset(
    {"com", "org", "net", "uk", "co", "gov", "nhs", "ac", "edu", "io", "info", "biz", "me"}
    | {"eu", "de", "fr", "ie", "us", "ca", "au", "in", "email", "online", "shop", "london"}
)


# Words that end a sentence's verb phrase before "at <website>" ("book now at
# scanfast.co.uk", "find us at"), never someone's mailbox name.
NOT_A_MAILBOX = frozenset(
    {"now", "online", "us", "me", "here", "them", "it", "today", "look", "see", "find", "visit"}
    | {"site", "website", "shop", "store", "page", "book", "order", "available", "details"}
)


def _spelled_out_email(found: str) -> bool:
    words = re.split(r"[\s.)\]}>(\[{<]+", found.lower())
    return words[-1] in SPELLED_OUT_TLDS and words[0] not in NOT_A_MAILBOX


def emails(text: str) -> Iterator[Span]:
    pos = 0
    while m := _EMAIL.search(text, pos):
        if "@" not in m.group(0) and not _spelled_out_email(m.group(0)):
            # Not an address; one may still start inside it ("me at jo@x.com").
            pos = m.start() + 1
            continue
        yield m.span()
        pos = m.end()


# --- NHS numbers -----------------------------------------------------------

# Ten digits, written together or split by single spaces or hyphens anywhere
# (3-3-4 is usual), and not part of a longer run of digits.
_NHS = re.compile(r"(?<!\d)(?<!\d[ \-])\d(?:[ \-]?\d){9}(?![ \-]?\d)")
_NHS_CONTEXT = re.compile(r"\b(?:nhs|chi|patient)\b[^\n]{0,30}$", re.IGNORECASE)


def nhs_check_digit_ok(digits: str) -> bool:
    """Modulus 11, as the NHS Data Dictionary defines the check digit."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def nhs_numbers(text: str) -> Iterator[Span]:
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if not nhs_check_digit_ok(digits):
            continue
        # England's numbers never start with 0; a 0 means a phone number unless
        # the writer says it is an NHS/CHI number.
        if digits[0] == "0" and not _NHS_CONTEXT.search(text, 0, m.start()):
            continue
        yield m.span()


# --- street addresses ------------------------------------------------------

_STREET_TYPES = (
    "Road|Rd|Street|Avenue|Ave|Close|Lane|Ln|Way|Drive|Gardens|Gdns|Crescent|Cres|Place|"
    "Court|Grove|Terrace|Tce|Hill|Park|Rise|Walk|Mews|Square|Sq|Row|Parade|Pde|Green|Vale|"
    "Mead|Chase|Gate|Path|Ridge|Wharf|Yard|Copse|Common|Approach|Boulevard|Broadway|Quay|"
    "Croft|Meadow|Meadows|Villas|Cottages|Heights|Hollow|Wood"
)
# "St" and "Dr" are also Saint and Doctor ("St Helier", "Dr Patel"), so they
# count as a street type only at the end of a phrase.
_AMBIGUOUS_TYPES = r"(?:St|Dr)\.?(?=[ \t]*(?:[,.;:!?)\n]|$))"
# Words that cannot be part of a street's name: they show the number was a
# count or a time ("6 hours at St Helier", "2 days in a row", "93 goes down").
_NOT_NAME = (
    "a|an|the|at|on|in|of|to|for|and|or|but|by|from|with|into|onto|off|near|past|via|along|"
    "up|down|my|her|his|our|their|your|its|this|that|these|those|is|was|are|were|be|been|"
    "has|had|have|go|goes|went|going|runs|run|stops|stop|took|take|takes|per|each|every|"
    "hours?|hrs|minutes?|mins|seconds?|days?|weeks?|months?|years?|yrs|times|people|patients|"
    "miles|mph|km|pounds|percent|am|pm|weeks|nights?|beds?|wards?|floors?|steps|pills|tablets"
)
_NAME_WORD = rf"(?!(?:{_NOT_NAME})\b)[a-z][a-z'’\-]*"
_STREET = re.compile(
    r"(?:(?<![\w])(?:flat|apartment|apt|unit)[ \t]*\d{1,4}[a-z]?[ \t]*,?[ \t]*)?"
    r"(?<![\w£$€.,:/\-])(?<!ward )(?<!bay )(?<!bed )(?<!room )(?<!bus )(?<!route )"
    r"\d{1,4}[a-z]?,?[ \t]+"
    rf"(?:{_NAME_WORD}[ \t]+){{1,3}}"
    rf"(?:(?:{_STREET_TYPES})\b|{_AMBIGUOUS_TYPES})",
    re.IGNORECASE,
)


def street_addresses(text: str) -> Iterator[Span]:
    for m in _STREET.finditer(text):
        yield m.span()


# --- locations -------------------------------------------------------------

# Where the writer or someone they name can be found: a bed, bay or ward said
# of a person ("I'm in ward 5", "Mum is on Beech ward, bed 12", "you'll find
# her in bay 3"), or a street, court or care home someone lives or stays in
# ("I live on Carshalton Road", "he's staying at the Sutton Lodge care home").
# A place that moved ("the clinic moved to Throwley Way") is not a person's.
# A ward or a road named in a question or a review ("visiting hours on Beech
# ward", "the clinic on Carshalton Road") is not where a person is.
_SOMEONE_IS = (
    r"(?i:\b(?:i|we|you|he|she|they)['’](?:m|re|s)"
    r"|\b(?:i[ \t]+am|we[ \t]+are|(?:s?he|mum|dad|nan|gran|son|daughter|husband|wife|partner"
    r"|mother|father|brother|sister|grandma|grandad)[ \t]+(?:is|was)|they[ \t]+are)"
    r"|\bfind[ \t]+(?:me|him|her|us|them))"
)
_HOSPITAL_PLACE = (
    r"(?:(?i:ward|bay|bed|room|cubicle|side[ \t]+room)[ \t]+\d{1,3}[a-z]?\b"
    r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+[Ww]ard\b)"
)
_LIVES = (
    r"(?i:\b(?:live|lives|living|staying|stay|stays|reside|resides)"
    r"[ \t]+(?:on|in|at)[ \t]+(?:the[ \t]+(?:end|top|bottom|corner)[ \t]+of[ \t]+)?(?:the[ \t]+)?)"
)
_NAMED_PLACE = (
    r"(?:[A-Z][\w'’\-]*[ \t]+){1,3}"
    rf"(?i:(?:{_STREET_TYPES})\b|(?:care[ \t]+home|nursing[ \t]+home|hostel|flats|estate|house)\b)"
)
_LOCATION = re.compile(
    rf"{_SOMEONE_IS}[ \t]+(?i:(?:still|now|currently|stuck)[ \t]+)?(?i:in|on|at)[ \t]+"
    rf"(?:(?i:bay|bed)[ \t]+\d{{1,3}}[a-z]?[ \t]+(?i:on|in)[ \t]+)?{_HOSPITAL_PLACE}"
    rf"|{_LIVES}{_NAMED_PLACE}",
)
# Words a location cannot be given without, for the first pass (gate.py).
LOCATION_WORDS = ("ward", "bay", "bed", "room", "cubicle", "live", "lives", "living", "stay")
LOCATION_WORDS += ("stays", "staying", "reside", "resides")
STREET_TYPE_WORDS = tuple(_STREET_TYPES.lower().split("|")) + ("st", "dr")
# A full postcode ends in a digit and two letters that are never C, I, K, M,
# O or V: a comment without one has no postcode, whatever its area.
POSTCODE_INWARD = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}(?![^\W_])", re.IGNORECASE)
# An address has an "@", or "at" spelled out before a domain.
EMAIL_HINT = re.compile(
    r"@|\bat[ \t)\]}>]+[a-z0-9][a-z0-9\-]*(?:\.|[ \t(\[{<]+dot\b)", re.IGNORECASE
)


def locations(text: str) -> Iterator[Span]:
    for m in _LOCATION.finditer(text):
        yield m.span()
