"""The legend of the generated step list: what each kind of placeholder accepts, the shop's
words the typed ones take (zeues_acceptance/vocabulary.py) and the spool states a Given can ask
for (zeues_acceptance/needs.py), with what each costs on a target without test support."""

import re

from behave.matchers import ParseMatcher

from scripts.markdown_pages import GeneratorError, cell, table_lines
from zeues_acceptance.needs import ASSEMBLER, INSPECTOR, NEEDS, WELDER
from zeues_acceptance.vocabulary import OPERATIONS, REFUSAL_WORDS, STATE_WORDS, VERDICTS

# parse's own formats used in step patterns, by the name the list gives them.
BUILTIN_KINDS = {
    "": ("text", "any text; the words around it in the step mark where it ends"),
    "d": ("number", "a whole number, e.g. `93`"),
    "g": ("decimal", "a number, whole or with a fraction, e.g. `1` or `0.5`"),
}
# A custom type whose words the vocabulary explains: kind -> (its words, the column heading,
# a note before its table).
MAPPED_KINDS = {
    "State": ("state words", "what the spool's record shows", ""),
    "Reason": ("refusal reasons", "the answer the rules expect",
               "The answers the rules expect, as the stand-in gives them. Where ZEUES v3.0 "
               "answers otherwise - a 500 for Redis trouble (D10), a 410 for an unknown spool's "
               "COMPLETAR (D14) - the failure names the known defect."),
}
# A custom type of a few literal words, listed in the vocabulary's order.
LISTED_KINDS = {"Operation": OPERATIONS, "Verdict": VERDICTS}
BUILDERS = {ASSEMBLER: "the assembler", WELDER: "the welder", INSPECTOR: "the inspector"}
REGEX_SPECIALS = set(r".^$*+?{}[]\|()")


def literal_alternatives(regex: str) -> list[str] | None:
    """The words of a pattern that is only literal words joined by `|`; None otherwise."""
    words = []
    for alternative in re.split(r"(?<!\\)\|", regex):
        unescaped, position = [], 0
        while position < len(alternative):
            char = alternative[position]
            if char == "\\" and position + 1 < len(alternative):
                if alternative[position + 1].isalnum():
                    return None  # \d, \w, ...: a character class, not a literal
                unescaped.append(alternative[position + 1])
                position += 2
                continue
            if char in REGEX_SPECIALS:
                return None
            unescaped.append(char)
            position += 1
        words.append("".join(unescaped))
    return words


def kind_label(kind: str) -> str:
    if kind in BUILTIN_KINDS:
        return BUILTIN_KINDS[kind][0]
    return kind if kind in ParseMatcher.TYPE_REGISTRY else f"format `{kind}`"


def custom_pattern(kind: str) -> str:
    pattern = getattr(ParseMatcher.TYPE_REGISTRY[kind], "pattern", None)
    if not pattern:
        raise GeneratorError(f"the step type {kind} has no pattern (parse.with_pattern)")
    return pattern


def vocabulary_for(kind: str) -> dict[str, str]:
    """The words of a mapped kind and what each one stands for."""
    if kind == "State":
        return dict(STATE_WORDS)
    if kind == "Reason":
        return dict(REFUSAL_WORDS)
    raise GeneratorError(f"no vocabulary for {kind}")


def kind_accepts(kind: str) -> str:
    if kind in BUILTIN_KINDS:
        return BUILTIN_KINDS[kind][1]
    if kind not in ParseMatcher.TYPE_REGISTRY:
        return f"what parse's `{kind}` format matches"
    pattern = custom_pattern(kind)
    if kind in MAPPED_KINDS:
        words = vocabulary_for(kind)
        if sorted(literal_alternatives(pattern) or []) != sorted(words):
            raise GeneratorError(
                f"the step type {kind} and zeues_acceptance/vocabulary.py disagree on its words")
        return f"one of the {MAPPED_KINDS[kind][0]} below"
    words = literal_alternatives(pattern)
    if words and kind in LISTED_KINDS:
        if sorted(words) != sorted(LISTED_KINDS[kind]):
            raise GeneratorError(
                f"the step type {kind} and zeues_acceptance/vocabulary.py disagree on its words")
        words = list(LISTED_KINDS[kind])
    if words:
        return "one of " + ", ".join(f"`{word}`" for word in words)
    return f"text matching the regular expression `{pattern}`"


def needs_lines() -> list[str]:
    """The spool states the Given steps ask for, and how a spool is brought there."""
    rows = []
    for need in NEEDS.values():
        if need.test_support_only:
            cost = "only a target with test support can make one: skipped elsewhere"
        else:
            steps = need.route_from_untouched()
            route = ", ".join(f"{step} by {BUILDERS[step.who]}" for step in steps)
            cost = f"a designated spool already so, or one brought there: {route}" if steps \
                else "a designated spool already so"
            if any(step.irreversible for step in steps):
                cost += " (cannot be undone: needs `-D allow_irreversible=yes`)"
        rows.append([f"`{need.key}`", need.words.format(worker="the worker named"), cost])
    return ["#### Spool states (a Given asks for one)", "",
            "From `zeues_acceptance/needs.py`. With test support every scenario gets a spool of its "
            "own, made fresh and brought to the state by the workers' own actions; without it "
            "(production) only the designated spools (`-D test_spools=...`) are used. "
            f"{BUILDERS[ASSEMBLER].capitalize()}, {BUILDERS[WELDER]} and {BUILDERS[INSPECTOR]} are "
            "the first, second and third active worker the target lists.", ""] + table_lines(
        ["state", "the spool is", "on a target without test support"], rows)


def placeholder_legend(kinds: set[str]) -> list[str]:
    builtin = [k for k in BUILTIN_KINDS if k in kinds]
    custom = sorted(kinds - set(BUILTIN_KINDS))
    lines = ["### Placeholders", "",
             ("A `{name}` in a step is filled in by the feature file. What it accepts depends on "
              "its kind; a typed placeholder takes only its own words, so it never swallows the "
              "words of a neighbouring step."), "",
             "| kind | accepts |", "|---|---|"]
    lines += [f"| {kind_label(kind)} | {cell(kind_accepts(kind))} |" for kind in builtin + custom]
    for kind in [k for k in custom if k in MAPPED_KINDS]:
        words_called, heading, note = MAPPED_KINDS[kind]
        lines += ["", f"#### {words_called.capitalize()} ({kind})", ""] + ([note, ""] if note else [])
        lines += [f"| the feature says | {heading} |", "|---|---|"]
        lines += [f"| `{word}` | {cell(value)} |" for word, value in vocabulary_for(kind).items()]
    return lines + [""] + needs_lines()
