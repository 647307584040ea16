"""Typed step placeholders, so a step never swallows words that belong to another one."""

import re

from behave import register_type
from parse import with_pattern

from zeues_acceptance.vocabulary import OPERATIONS, REFUSAL_WORDS, STATE_WORDS, VERDICTS


def _choice(words):
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@with_pattern(_choice(OPERATIONS))
def parse_operation(text):
    return text


@with_pattern(_choice(VERDICTS))
def parse_verdict(text):
    return text


@with_pattern(_choice(STATE_WORDS))
def parse_state(text):
    return text


@with_pattern(_choice(REFUSAL_WORDS))
def parse_reason(text):
    return text


@with_pattern(r"[A-Za-z_]+")
def parse_word(text):
    return text


register_type(Operation=parse_operation, Verdict=parse_verdict, State=parse_state,
              Reason=parse_reason, Word=parse_word)
