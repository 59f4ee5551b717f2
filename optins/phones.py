"""Mobile numbers: what people type, checked and stored in E.164; masked wherever they are listed.

Plain Python (phonenumbers only), so the rules are tested without Django.
"""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "GB"
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
# Digits, spaces and the punctuation people write numbers with; nothing else.
_ALLOWED = re.compile(r"^[\d\s+().\-/]+$")


class InvalidMobile(ValueError):
    """The reason is the message shown to the person, in plain words."""


def normalise_mobile(raw: str, region: str = DEFAULT_REGION) -> str:
    """Return the number in E.164 (+447400123456) or raise InvalidMobile saying why."""
    text = (raw or "").strip()
    if not text:
        raise InvalidMobile("Enter your mobile number.")
    if not _ALLOWED.match(text):
        raise InvalidMobile(
            "A mobile number has only digits (and spaces, brackets, dashes or a leading +): "
            "letters and other signs are not allowed."
        )
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise InvalidMobile(_parse_reason(exc)) from exc
    valid = phonenumbers.is_valid_number(number)
    national = str(number.national_number)
    if not valid and number.country_code == 44 and not text.startswith(("+", "00")) and (
            not national.startswith("7")):
        raise InvalidMobile(
            "This is not a UK mobile number (UK mobiles start 07). A number from another "
            "country must start with + and its country code, e.g. +33 6 12 34 56 78."
        )
    possible = phonenumbers.is_possible_number_for_type_with_reason(
        number, PhoneNumberType.MOBILE)
    if possible in (phonenumbers.ValidationResult.TOO_SHORT,
                    phonenumbers.ValidationResult.INVALID_LENGTH):
        raise InvalidMobile("This number is too short to be a mobile number: check the digits.")
    if possible == phonenumbers.ValidationResult.TOO_LONG:
        raise InvalidMobile("This number is too long to be a mobile number: check the digits.")
    if not valid:
        raise InvalidMobile(
            "This is not a mobile number in use (some ranges, such as 07700 900xxx, are kept "
            "for films and TV): check the digits and the country code."
        )
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise InvalidMobile(
            "This is a landline (or other non-mobile) number: WhatsApp needs your mobile number."
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _parse_reason(exc: NumberParseException) -> str:
    if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
        return "The country code after + is not one that exists: check it."
    if exc.error_type in (NumberParseException.TOO_SHORT_NSN,
                          NumberParseException.TOO_SHORT_AFTER_IDD):
        return "This number is too short to be a mobile number: check the digits."
    if exc.error_type == NumberParseException.TOO_LONG:
        return "This number is too long to be a mobile number: check the digits."
    return "This does not look like a phone number: check the digits."


def mask(e164: str) -> str:
    """+447700900123 -> '+44 77** ***123': enough to tell people apart, not to call them."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return "•••"
    national = phonenumbers.national_significant_number(number)
    if len(national) < 6:
        return f"+{number.country_code} " + "*" * len(national)
    hidden = national[:2] + "*" * (len(national) - 5) + national[-3:]
    return f"+{number.country_code} {hidden[:4]} {hidden[4:]}"


def pretty(e164: str) -> str:
    """The full number as people read it (+44 7400 123456), for the moderator's add screen."""
    if not e164:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(e164, None),
                                      PhoneNumberFormat.INTERNATIONAL)


def redact(text: str, e164: str, replacement: str = "[number erased]") -> str:
    """Remove every spelling of `e164` from free text (an email someone sent us)."""
    if not text or not e164:
        return text
    target = phonenumbers.parse(e164, None)
    pieces, last = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION,
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        if (match.number.country_code, match.number.national_number) == (
                target.country_code, target.national_number):
            pieces.append(text[last:match.start])
            pieces.append(replacement)
            last = match.end
    pieces.append(text[last:])
    result = "".join(pieces)
    # A spelling the matcher did not see (digits run together inside other text, or spread
    # out with odd separators): the digits in order, with only separators between them.
    significant = phonenumbers.national_significant_number(target)
    for digits in (e164[1:], "0" + significant, significant):
        result = _redact_digit_run(result, digits, replacement)
    return result


_SEPARATORS = re.compile(r"^[\d\s+().\-/]*$")


def _redact_digit_run(text: str, digits: str, replacement: str) -> str:
    start = 0
    while True:
        positions = [i for i, c in enumerate(text) if c.isdigit()]
        stream = "".join(text[i] for i in positions)
        found = stream.find(digits, start)
        if found == -1:
            return text
        first, last = positions[found], positions[found + len(digits) - 1] + 1
        if _SEPARATORS.match(text[first:last]):
            text = text[:first] + replacement + text[last:]
            start = 0
        else:
            start = found + 1
