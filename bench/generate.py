"""Realistic German news discussions for benchmarks: articles and their reader comments.

    python bench/generate.py --comments 10000 --out /tmp/corpus.jsonl
        [--seed 1] [--per-discussion 60]

Writes argkg's JSON Lines input (one discussion a line) built only from the word lists and
templates in bench/data/ and the names in argkg's gazetteer; the same seed gives the same
file. What matters for the pipeline's cost and behaviour is imitated:

- comment lengths like a real comment section: a sixth are a few words ("Selten so
  gelacht."), the rest long-tailed around a median of about 60 words, some over 300;
  several sentences, line breaks and blank lines as each commenter habitually writes them;
- an open vocabulary: German compounds (Energie + Politik), some ad hoc and three parts
  long, and typos, so that new word forms keep turning up as in real text (each distinct
  capitalised form costs argkg a tagger call);
- actors from the gazetteer, inflected (Putins, der Nato, Russlands, des Kremls), the
  topic's actors most often and a long tail of other people;
- discourse markers (weil, denn, deshalb, aber, zwar ... aber), stance cues ("Sie irren",
  "Danke für den Artikel", "Selten so gelacht"), quotations of the article or the comment
  answered („…“, "…", Zitat:), reported speech ("sagte Scholz", "laut FAZ") and replies
  that address a commenter by name ("Herr Müller, ...");
- reply trees: most comments answer the article, back-and-forth chains reach depth 8 or
  more; commenters (invented names, a few very active) reappear across discussions;
  times increase within a discussion, the gaps growing as the debate slows down.

Discussions have 20 to 200 comments (one smaller if fewer are asked for in all).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DATA = Path(__file__).parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")
MIN_COMMENTS, MAX_COMMENTS = 20, 200
MEDIAN_WORDS = 60
SHORT_SHARE = 0.16          # comments of a few words
TOP_LEVEL_SHARE = 0.55      # comments that answer the article
MAX_DEPTH = 12

_FIELD = re.compile(r"\{(\w+)\}")
_AGREEMENT = re.compile(r"\[(?:([ABX]):)?([^|\]]*)\|([^\]]*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# Words after which a sentence may go on in lower case behind "Hmm, " or "Herr X, ".
_FUNCTION_WORDS = frozenset(
    "die der das dem den des wir man es ich ist sind warum wer was wie am im leider offenbar "
    "meiner tatsache übrigens ehrlich zwar natürlich mag sicher glaubt und ernsthaft mehr "
    "ein eine da gerade also schon so spätestens wieder wann wo ohne alles nur aber".split())
_OLD_SPELLING = {"dass": "daß", "muss": "muß", "Russland": "Rußland", "Schluss": "Schluß",
                 "bisschen": "bißchen", "lässt": "läßt", "Kompromiss": "Kompromiß"}


# --- sampling ------------------------------------------------------------------------------


class Zipf:
    """Items drawn with probability falling as 1/rank^exponent: a few often, most rarely."""

    def __init__(self, items: list, exponent: float = 1.0):
        if not items:
            raise ValueError("nothing to choose from")
        self.items = list(items)
        self.cumulative = list(accumulate(1 / (rank ** exponent)
                                          for rank in range(1, len(self.items) + 1)))

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def lognormal_int(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


# --- actors ----------------------------------------------------------------------------------


_ARTICLES = {  # definite article by gender and case; "-" has none
    "m": {"nom": "der", "acc": "den", "dat": "dem", "gen": "des"},
    "f": {"nom": "die", "acc": "die", "dat": "der", "gen": "der"},
    "n": {"nom": "das", "acc": "das", "dat": "dem", "gen": "des"},
    "pl": {"nom": "die", "acc": "die", "dat": "den", "gen": "der"},
}


@dataclass(frozen=True)
class Name:
    """One way of naming an actor, and how it inflects (see bench/data/actors.yaml)."""

    label: str
    form: str
    gender: str
    kind: str

    @property
    def plural(self) -> bool:
        return self.gender == "pl"

    def case(self, case: str) -> str:
        if self.gender == "-":
            return self._genitive() if case == "gen" else self.form
        article = _ARTICLES[self.gender][case]
        return f"{article} {self._noun_genitive() if case == 'gen' else self.form}"

    def _genitive(self) -> str:
        if not self.form[-1].isalpha():
            return f"von {self.form}"             # "von Nord Stream 2"
        if self.form[-1] in "sßxz":
            return self.form + "'"                # "Pistorius'"
        return self.form + "s"                    # "Putins", "Russlands"

    def _noun_genitive(self) -> str:
        # "des Kremls", "des Bundestags"; brands and abbreviations stay ("des ZDF")
        if self.gender in ("m", "n") and " " not in self.form and self.form[1:].islower():
            return self.form + "s"
        return self.form


@dataclass(frozen=True)
class Subject:
    """A generic clause subject (wir, man, der Westen) with only the cases it has."""

    forms: dict
    plural: bool
    label: str = ""
    kind: str = "generic"

    def case(self, case: str) -> str:
        return self.forms[case]

    def has(self, case: str) -> bool:
        return bool(self.forms.get(case))


def load_names(gazetteer) -> tuple[dict[str, list[Name]], dict[str, dict], list[Name]]:
    """Curated names by label and by topic, each checked against the gazetteer; and a long
    tail of the gazetteer's other people."""
    data = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))
    by_label: dict[str, list[Name]] = {}
    for entry in data["actors"]:
        actor = gazetteer.actors.get(entry["label"])
        if actor is None:
            raise ValueError(f"actors.yaml: {entry['label']!r} is not in argkg's gazetteer")
        known = {f.casefold() for f in (actor.label, *actor.aliases, *actor.exact)}
        names = []
        for form in entry["forms"]:
            form, gender = next(iter(form.items())) if isinstance(form, dict) else (
                form, entry["gender"])
            if form.casefold() not in known:
                raise ValueError(f"actors.yaml: {form!r} is no name of {actor.label!r} "
                                 "in argkg's gazetteer")
            names.append(Name(actor.label, form, str(gender), entry["kind"]))
        by_label[actor.label] = names
    topics = {t["name"]: t for t in data["topics"]}
    for topic in topics.values():
        missing = [label for label in topic["actors"] if label not in by_label]
        if missing:
            raise ValueError(f"actors.yaml: topic {topic['name']!r} names unknown {missing}")
    curated = set(by_label)
    # Other people of the gazetteer by their full label: a real thread's long tail.
    tail = [Name(label, label, "-", "person") for label in sorted(
        a.label for a in gazetteer.actors.values()
        if a.type == "Person" and not a.candidate and a.label not in curated
        and " " in a.label and a.label.replace(" ", "").replace("-", "").isalpha())]
    return by_label, topics, tail


# --- words -------------------------------------------------------------------------------------


@dataclass
class Lexicon:
    """Everything the writer draws words and templates from."""

    words: dict                      # bench/data/language.yaml
    names: dict[str, list[Name]]     # curated actors' names by gazetteer label
    topics: dict[str, dict]
    tail: list[Name]                 # the gazetteer's other people
    gazetteer_words: frozenset[str]  # every word of every actor name
    subjects: list[Subject]
    nouns: Zipf
    heads: Zipf
    modifiers: Zipf
    verbs: Zipf

    @classmethod
    def load(cls) -> Lexicon:
        from argkg.extract.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        names, topics, tail = load_names(gazetteer)
        words = yaml.safe_load((DATA / "language.yaml").read_text(encoding="utf-8"))
        return cls(
            words, names, topics, tail,
            gazetteer_words=frozenset(w for a in gazetteer.actors.values()
                                      for f in (a.label, *a.aliases, *a.exact)
                                      for w in f.split()),
            subjects=[Subject(forms=s, plural=s["number"] == "pl") for s in words["subjects"]],
            nouns=Zipf(words["nouns"], 0.6), heads=Zipf(words["heads"], 0.8),
            modifiers=Zipf(words["modifiers"], 0.9), verbs=Zipf(words["verbs"], 0.7))


_DEMONSTRATIVES = {"der": "dieser", "die": "diese", "das": "dieses", "den": "diesen",
                   "dem": "diesem", "des": "dieses"}


@dataclass(frozen=True)
class NounPhrase:
    """'die gescheiterte Energiepolitik', 'des neuen Gaspreises', 'den hohen Gaspreisen':
    a noun (an entry of `nouns` or `heads`), perhaps compounded, with a definite article or
    "dies-", perhaps an adjective, in the singular or plural."""

    entry: tuple            # (noun, gender, plural[, genitive singular])
    modifiers: tuple[str, ...] = ()
    adjective: str | None = None
    demonstrative: bool = False
    plural: bool = False

    def bare(self) -> str:
        return compound(self.modifiers, self.entry[0])

    def case(self, case: str) -> str:
        noun, gender, plural_form = self.entry[:3]
        if self.plural or gender == "pl":
            gender, noun = "pl", plural_form
            if case == "dat" and not noun.endswith(("n", "s")):
                noun += "n"                                # den Gaspreisen
        elif gender in ("m", "n") and case != "nom":
            genitive = self.entry[3] if len(self.entry) > 3 else noun + "s"
            weak = gender == "m" and not genitive.endswith("s")  # den Menschen, dem Soldaten
            if case == "gen" or weak:
                noun = genitive
        article = _ARTICLES[gender][case]
        if self.demonstrative:
            article = _DEMONSTRATIVES[article]
        words = [article, compound(self.modifiers, noun)]
        if self.adjective:
            strong = case == "nom" or (case == "acc" and gender in ("f", "n"))
            words.insert(1, self.adjective + ("e" if strong and gender != "pl" else "en"))
        return " ".join(words)


def compound(modifiers: list[str], head: str) -> str:
    """German compounding: Energie + Politik = Energiepolitik; 'Nato-' keeps the hyphen."""
    word = head
    for modifier in reversed(modifiers):
        word = modifier + word if modifier.endswith("-") else modifier + word[0].lower() + word[1:]
    return word


# --- people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How one commenter writes, the same in every discussion."""

    breaks: float          # chance of a new line after a sentence
    blank_lines: bool      # paragraphs separated by an empty line
    typos: float           # chance that a word is mistyped
    old_spelling: bool     # daß, muß, Rußland
    verbosity: float       # multiplies the length of their comments
    ascii_quotes: bool     # "..." rather than „...“
    mood: float            # chance that a reaction disagrees


@dataclass(frozen=True)
class Person:
    display: str            # the name shown above their comments
    gender: str
    last: str | None = None
    first: str | None = None
    style: Style | None = None

    def addressed(self) -> dict[str, str]:
        """How others address them: Herr Müller, Hr., Lieber; a screen name as it is."""
        male = self.gender == "m"
        if self.last is None:
            return {"name": self.display, "last": self.display, "full": self.display,
                    "short": "", "dear": "Lieber" if male else "Liebe", "honored": "Hallo"}
        return {"name": f"{'Herr' if male else 'Frau'} {self.last}", "last": self.last,
                "full": self.display, "short": "Hr." if male else "Fr.",
                "dear": "Lieber" if male else "Liebe",
                "honored": "Sehr geehrter Herr" if male else "Sehr geehrte Frau"}


def make_people(rng: random.Random, lexicon: Lexicon, count: int,
                journalist: bool = False) -> list[Person]:
    """`count` people with distinct invented names; commenters some with screen names."""
    words = lexicon.words
    # A commenter called like an actor would add actor mentions the templates did not write.
    last_names = [n for n in words["last_names"] if n not in lexicon.gazetteer_words]
    people, seen = [], set()
    for _ in range(40 * count):
        if len(people) == count:
            return people
        gender = rng.choice(("m", "m", "f"))
        first = rng.choice(words["first_names"][gender])
        last = rng.choice(last_names)
        shape = 0.0 if journalist else rng.random()
        if shape < 0.72:
            person = Person(f"{first} {last}", gender, last, first)
        elif shape < 0.85:
            person = Person(f"{first} {last[0]}.", gender, None, first)
        else:
            person = Person(screen_name(rng, words["pseudonyms"]), "m")
        if person.display not in seen:
            seen.add(person.display)
            people.append(Person(person.display, person.gender, person.last, person.first,
                                 writing_style(rng)))
    if len(people) < count:
        raise ValueError(f"not enough names for {count:,} different people")
    return people


def screen_name(rng: random.Random, parts: dict) -> str:
    stem = rng.choice(parts["stems"])
    if rng.random() < 0.5:
        return f"{rng.choice(parts['prefixes'])} {stem}"
    return f"{stem}{rng.randint(1, 99)}"


def writing_style(rng: random.Random) -> Style:
    return Style(breaks=rng.choice((0.0, 0.1, 0.25, 0.4, 0.6)), blank_lines=rng.random() < 0.4,
                 typos=rng.choice((0.0, 0.002, 0.005, 0.01)), old_spelling=rng.random() < 0.08,
                 verbosity=rng.lognormvariate(0, 0.35), ascii_quotes=rng.random() < 0.3,
                 mood=rng.uniform(0.3, 0.8))


# --- templates -------------------------------------------------------------------------------


class Frame:
    """The words of one sentence, each drawn when the template first asks for it, so that
    {A} and {A_gen} are the same actor and a verb agrees with its subject."""

    def __init__(self, writer: Writer, template: str):
        self.writer, self.values = writer, {}
        self.fields = set(_FIELD.findall(template))
        self.actors: dict[str, object] = {}
        self.phrases: dict[str, NounPhrase] = {}
        self._verb: list[str] | None = None

    def phrase(self, slot: str) -> NounPhrase:
        if slot not in self.phrases:
            self.phrases[slot] = self.writer.noun_phrase()
        return self.phrases[slot]

    def verb(self) -> list[str]:
        if self._verb is None:
            self._verb = self.writer.lexicon.verbs.draw(self.writer.rng)
        return self._verb

    def actor(self, slot: str):
        if slot not in self.actors:
            taken = {a.label for a in self.actors.values()}
            self.actors[slot] = self.writer.actor_for(slot, self.fields, taken)
        return self.actors[slot]

    def get(self, name: str) -> str:
        if name not in self.values:
            value = self.writer.field(self, name)
            self.values[name] = self.writer.render(value) if "{" in value else value
        return self.values[name]


class Writer:
    """Articles and comments of one discussion, from one random stream."""

    def __init__(self, lexicon: Lexicon, rng: random.Random, topic: dict):
        self.lexicon, self.rng, self.topic, self.words = lexicon, rng, topic, lexicon.words
        # Names by kind (None: any), the topic's in its order of prominence.
        kinds = (None, "person", "media")
        self.topic_actors = {kind: Zipf(names, 0.9) for kind in kinds if (names := [
            lexicon.names[label] for label in topic["actors"]
            if kind in (None, lexicon.names[label][0].kind)])}
        self.other_actors = {kind: [lexicon.names[label] for label in sorted(lexicon.names)
                                    if kind in (None, lexicon.names[label][0].kind)]
                             for kind in kinds}
        self.topic_modifiers = Zipf(topic["modifiers"], 0.8)
        self.addressee: dict[str, str] = {}
        self.quote_source = ""
        self.last_template = ""

    # -- drawing -----------------------------------------------------------------------------

    def pick(self, key: str) -> str:
        return self.rng.choice(self.words[key])

    def named(self, kind: str | None = None) -> Name:
        """An actor (of `kind`, if given): mostly the topic's, sometimes another, now and
        then a person only the gazetteer's long tail knows."""
        roll = self.rng.random()
        if roll > 0.98 and kind in (None, "person"):
            return self.rng.choice(self.lexicon.tail)
        topic, others = self.topic_actors.get(kind), self.other_actors[kind]
        names = topic.draw(self.rng) if topic and roll < 0.85 else self.rng.choice(others)
        # The first form is the usual one ("Putin", not "Wladimir Putin").
        return names[0] if self.rng.random() < 0.7 else self.rng.choice(names)

    def actor_for(self, slot: str, fields: set[str], taken: set[str]):
        for _ in range(20):
            if slot == "A":
                cases = {f.removeprefix("A_") for f in fields if f.startswith("A_")}
                generic = [s for s in self.lexicon.subjects
                           if all(s.has(c) for c in cases - {"refl"})]
                if generic and self.rng.random() < 0.35:
                    return self.rng.choice(generic)
                actor = self.named()
            else:
                actor = self.named({"P": "person", "M": "media"}.get(slot))
            if actor.label not in taken:
                return actor
        return actor

    def noun_phrase(self) -> NounPhrase:
        """Mostly simple nouns; compounds of a modifier (the topic's more often) and a head
        or a noun; now and then an ad hoc compound of three, where new words come from."""
        roll, lexicon = self.rng.random(), self.lexicon
        modifiers: tuple[str, ...] = ()
        if roll < 0.52:
            entry = lexicon.nouns.draw(self.rng)
        elif roll < 0.62:
            entry = lexicon.heads.draw(self.rng)
        else:
            entry = (lexicon.nouns if roll < 0.72 else lexicon.heads).draw(self.rng)
            draw = self.topic_modifiers if self.rng.random() < 0.55 else lexicon.modifiers
            modifiers = (draw.draw(self.rng),)
            if roll > 0.98:
                modifiers = (lexicon.modifiers.draw(self.rng).rstrip("-"), *modifiers)
        return NounPhrase(tuple(entry), modifiers,
                          adjective=self.pick("adjectives") if self.rng.random() < 0.25 else None,
                          demonstrative=self.rng.random() < 0.12,
                          plural=self.rng.random() < 0.2)

    def field(self, frame: Frame, name: str) -> str:
        slot, _, case = name.partition("_")
        if slot in ("A", "B", "P", "M"):
            actor = frame.actor(slot)
            if case == "bare":
                return actor.form
            if case == "refl":
                return actor.forms.get("refl", "sich") if isinstance(actor, Subject) else "sich"
            return actor.case(case or "nom")
        if slot == "X":
            phrase = frame.phrase(slot)
            return phrase.bare() if case == "bare" else phrase.case(case or "nom")
        if slot == "V":
            infinitive, singular, participle = frame.verb()
            plural = frame.actor("A").plural
            return {"pp": participle, "inf": infinitive}.get(
                case, infinitive if plural else singular)
        simple = {"J": "predicates", "D": "adverbials", "city": "cities", "weekday": "weekdays"}
        if name in simple:
            return self.pick(simple[name])
        if name == "num":
            return str(self.rng.choice((2, 5, 8, 12, 20, 30, 50, 60, 100, 200)))
        if name == "pct":
            return str(self.rng.randint(12, 87))
        if name == "year":
            return str(self.rng.randint(1990, 2023))
        if name in ("main", "sub", "inv", "main2", "sub2", "inv2"):
            return self.clause(name.rstrip("2"))
        if name in self.addressee:
            return self.addressee[name]
        if name == "quote":
            return self.quote_source
        raise KeyError(f"unknown template field {{{name}}}")

    # -- rendering ---------------------------------------------------------------------------

    def render(self, template: str) -> str:
        frame = Frame(self, template)
        text = _AGREEMENT.sub(lambda m: self._agree(frame, m), template)

        def fill(match: re.Match) -> str:
            value, before = frame.get(match.group(1)), text[:match.start()]
            if before.endswith((". ", "? ", "! ", "„", ": ")):
                return value[:1].upper() + value[1:]        # a sentence of its own
            if before.endswith(", ") and match.group(1) == "quote":
                return lower_first(value)                   # "Sie schreiben, die ..."
            return value

        # An empty field (a screen name has no "Hr.") must not leave a double space.
        return _FIELD.sub(fill, text).replace("  ", " ")

    def _agree(self, frame: Frame, match: re.Match) -> str:
        slot = match.group(1) or "A"
        plural = (frame.phrase(slot) if slot == "X" else frame.actor(slot)).plural
        return match.group(3) if plural else match.group(2)

    def clause(self, order: str) -> str:
        return self.render(self.rng.choice(self.words["clauses"])[order])

    def sentence(self, kind: str) -> str:
        template = self.rng.choice(self.words["sentences"][kind])
        if template == self.last_template:  # the same frame twice running reads as a glitch
            template = self.rng.choice(self.words["sentences"][kind])
        self.last_template = template
        return capitalized(self.render(template))

    # -- articles ------------------------------------------------------------------------------

    def title(self) -> str:
        return self.sentence("title")

    def article_text(self) -> str:
        paragraphs = []
        for _ in range(self.rng.randint(6, 12)):
            paragraphs.append(" ".join(self.sentence("article")
                                       for _ in range(self.rng.randint(2, 5))))
        return "\n\n".join(paragraphs)

    def teaser(self) -> str:
        return " ".join(self.sentence("claim") for _ in range(self.rng.randint(1, 2)))

    # -- comments ------------------------------------------------------------------------------

    def comment(self, author: Person, target_text: str, target: Person | None,
                others: list[Person]) -> str:
        """One comment answering `target_text` (by `target`, None for the article)."""
        style = author.style
        self.addressee = target.addressed() if target else {}
        if self.rng.random() < SHORT_SHARE:
            text = self.short_comment(target)
            return finish(text, style, self.rng)
        words = MEDIAN_WORDS * 1.1 * style.verbosity  # 1.1: the short comments pull the median down
        goal = lognormal_int(self.rng, words, 0.8, 4, 1000)
        sentences = self.opening(target, target_text, style)
        count = sum(len(s.split()) for s in sentences)
        while count < goal:
            sentence = self.body_sentence(others)
            sentences.append(sentence)
            count += len(sentence.split())
        if self.rng.random() < 0.12:
            sentences.append(self.pick("closings"))
        return finish(self.layout(sentences, style), style, self.rng)

    def short_comment(self, target: Person | None) -> str:
        for _ in range(10):
            text = self.pick("short")
            if "{name}" not in text or target is not None:
                return self.render(text)
        return "+1"

    def opening(self, target: Person | None, target_text: str, style: Style) -> list[str]:
        """Address, quotation, first reaction: how replies and article comments begin."""
        roll = self.rng.random()
        if target is not None and roll < 0.3:
            return [self.addressing()]
        if roll < 0.45:
            quote = quotation(self.rng, target_text, style.ascii_quotes)
            if quote:
                self.quote_source = quote
                template = self.pick("quotes")
                if style.ascii_quotes:
                    template = template.replace("„", '"').replace("“", '"')
                reaction = self.reaction(style)
                return [self.render(template.replace("{reaction}", reaction))]
        if roll < 0.6:
            return [self.reaction(style)]
        if roll < 0.68:
            opener = self.pick_from("stance", "doubt")
            return [opener + lower_first(self.sentence("claim"))]
        return []

    def addressing(self) -> str:
        """'Herr Müller, da muss ich widersprechen.', 'Lieber Herr Müller,' and a new line,
        '@Bernd Müller: ...', 'Hmm Hr. Müller, ...' with what follows."""
        address = self.render(self.pick("addresses"))
        if address.endswith(", "):
            return address + lower_first(self.sentence("claim"))
        if address.endswith(": "):
            return address + self.sentence("claim")
        if address.endswith(","):
            return address + "\n" + self.sentence("claim")
        return address

    def pick_from(self, key: str, part: str) -> str:
        return self.rng.choice(self.words[key][part])

    def reaction(self, style: Style) -> str:
        if self.rng.random() < 0.7:
            side = "attack" if self.rng.random() < style.mood else "support"
            return self.render(self.pick_from("stance", side))
        return self.sentence(self.rng.choice(("claim", "question")))

    def body_sentence(self, others: list[Person]) -> str:
        if others and self.rng.random() < 0.03:
            self.addressee["other"] = self.rng.choice(others).addressed()["name"]
            return self.sentence("citing")
        kind = self.rng.choices(("claim", "support_pair", "attack_pair", "question", "remark",
                                 "reported"), weights=(30, 14, 10, 9, 15, 9))[0]
        return self.sentence(kind)

    def layout(self, sentences: list[str], style: Style) -> str:
        """Sentences into lines and paragraphs, as this commenter writes."""
        out = [sentences[0]]
        for sentence in sentences[1:]:
            if self.rng.random() < style.breaks:
                separator = "\n\n" if style.blank_lines else "\n"
            else:
                separator = " "
            out.append(separator + sentence)
        return "".join(out).strip()


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    return sentence[:1].lower() + sentence[1:] if first.casefold() in _FUNCTION_WORDS else sentence


def quotation(rng: random.Random, text: str, ascii_quotes: bool) -> str | None:
    """A passage of `text` to quote: a sentence, or a stretch of one; now and then a word
    left out, as people quote from memory."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text)
                 if 5 <= len(s.split()) <= 45 and not s.lstrip().startswith(("„", '"', "@"))]
    if not sentences:
        return None
    words = rng.choice(sentences).rstrip(".!?").split()
    if len(words) > 16 and rng.random() < 0.6:
        start = rng.randint(0, len(words) - 8)
        words = words[start:start + rng.randint(6, 14)]
        if start:
            words[0] = "..." + words[0]
    if len(words) > 6 and rng.random() < 0.15:
        del words[rng.randrange(1, len(words) - 1)]
    quote = " ".join(words)
    # Quotation marks inside would end the quotation early: drop those of the writer's kind.
    return quote.replace('"', "") if ascii_quotes else quote.replace("„", "").replace("“", "")


def finish(text: str, style: Style, rng: random.Random) -> str:
    """The commenter's spelling: old orthography, typos."""
    if style.old_spelling:
        text = re.sub(r"\b(" + "|".join(_OLD_SPELLING) + r")\b",
                      lambda m: _OLD_SPELLING[m.group(1)], text)
    if style.typos:
        text = re.sub(r"\b[^\W\d_]{5,}\b",
                      lambda m: mistyped(m.group(0), rng) if rng.random() < style.typos
                      else m.group(0), text)
    return text


def mistyped(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]   # swapped letters
    if kind == 1:
        return word[:i] + word[i + 1:]                            # a letter left out
    return word[:i] + word[i] + word[i:]                          # a letter doubled


# --- threads -----------------------------------------------------------------------------------


def discussion_sizes(rng: random.Random, total: int, per_discussion: int) -> list[int]:
    """Comment counts between 20 and 200, skewed like real sections, adding up to `total`."""
    if total <= MIN_COMMENTS:
        return [total] if total else []
    sizes: list[int] = []
    while sum(sizes) < total:
        sizes.append(lognormal_int(rng, per_discussion * 0.85, 0.55, MIN_COMMENTS, MAX_COMMENTS))
    excess = sum(sizes) - total
    if sizes[-1] - excess >= MIN_COMMENTS:
        sizes[-1] -= excess
    else:  # the last one would be too small: spread what it held over the others
        remainder = sizes.pop() - excess
        for i in range(len(sizes)):
            room = min(remainder, MAX_COMMENTS - sizes[i])
            sizes[i] += room
            remainder -= room
        if remainder:  # every other discussion is full
            sizes.append(remainder)
    return sizes


def reply_targets(rng: random.Random, count: int) -> list[int | None]:
    """For each comment the index of the earlier comment it answers (None: the article).
    A reply mostly continues the conversation under way, so some chains grow deep."""
    parents: list[int | None] = []
    depth: list[int] = []
    for i in range(count):
        parent = None
        if i and rng.random() > TOP_LEVEL_SHARE:
            if rng.random() < 0.45:
                parent = i - 1                      # the comment just before
            else:                                    # a recent one, nearer ones likelier
                parent = max(0, i - 1 - int(rng.expovariate(1 / 6)))
            if depth[parent] >= MAX_DEPTH:
                parent = None
        parents.append(parent)
        depth.append(1 if parent is None else depth[parent] + 1)
    return parents


def comment_times(rng: random.Random, start: datetime, count: int) -> list[datetime]:
    """Strictly increasing, minutes apart at first, hours apart when the debate slows."""
    times, now = [], start + timedelta(minutes=rng.randint(3, 90))
    for i in range(count):
        times.append(now)
        now += timedelta(minutes=1 + int(rng.expovariate(1 / (3 * (1 + i / 15)))))
    return times


def article_time(rng: random.Random) -> datetime:
    day = datetime(2021, 1, 1, tzinfo=BERLIN) + timedelta(days=rng.randrange(4 * 365))
    return day.replace(hour=rng.randint(6, 19), minute=rng.randrange(60))


# --- discussions -------------------------------------------------------------------------------


@dataclass
class Corpus:
    """The shared state of one generated corpus: its words, commenters and journalists."""

    lexicon: Lexicon
    rng: random.Random
    commenters: list[Person]
    activity: Zipf
    journalists: list[Person]

    @classmethod
    def create(cls, comments: int, seed: int, lexicon: Lexicon | None = None) -> Corpus:
        rng = random.Random(seed)
        lexicon = lexicon or Lexicon.load()
        # About one commenter per six comments: a few write in every thread, most rarely.
        commenters = make_people(rng, lexicon, max(40, min(8000, comments // 6)))
        journalists = make_people(rng, lexicon, 25, journalist=True)
        return cls(lexicon, rng, commenters, Zipf(commenters, 0.85), journalists)

    def discussion(self, number: int, size: int, seed: int) -> dict:
        rng = self.rng
        topic = self.lexicon.topics[rng.choice(sorted(self.lexicon.topics))]
        writer = Writer(self.lexicon, rng, topic)
        author = rng.choice(self.journalists)
        published = article_time(rng)
        title = writer.title()
        article = {"title": title, "author": author.display,
                   "published": published.isoformat(), "teaser": writer.teaser(),
                   "text": writer.article_text()}
        comments = self.comments(writer, article, author, size, published)
        site = rng.choice(self.lexicon.words["sites"])
        return {"id": f"bench-{seed}-{number:06d}",
                "url": f"https://{site}/politik/{url_slug(title)}-{number}",
                "language": "de", "article": article, "comments": comments}

    def comments(self, writer: Writer, article: dict, journalist: Person, size: int,
                 published: datetime) -> list[dict]:
        rng = self.rng
        parents = reply_targets(rng, size)
        times = comment_times(rng, published, size)
        authors: list[Person] = []
        out: list[dict] = []
        for i, parent in enumerate(parents):
            author = self.author_of(i, parent, parents, authors)
            authors.append(author)
            if parent is None:
                target_text = article["teaser"] + "\n" + article["text"]
                target = journalist if rng.random() < 0.15 else None
            else:
                target_text, target = out[parent]["text"], authors[parent]
            others = [a for a in authors if a is not author]
            text = writer.comment(author, target_text, target, others)
            out.append({"id": f"c{i + 1}", "author": author.display,
                        "published": times[i].isoformat(), "text": text,
                        "reply_to": None if parent is None else f"c{parent + 1}"})
        return out

    def author_of(self, i: int, parent: int | None, parents: list, authors: list[Person]):
        """Active commenters write most; in a chain the earlier speaker often answers back."""
        if parent is not None:
            grandparent = parents[parent]
            if grandparent is not None and self.rng.random() < 0.4:
                return authors[grandparent]
        for _ in range(10):
            author = self.activity.draw(self.rng)
            if parent is None or author != authors[parent]:
                return author
        return author


def url_slug(title: str) -> str:
    folded = title.casefold().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue",
                                                      "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]


def generate(comments: int, seed: int = 1, per_discussion: int = 60,
             lexicon: Lexicon | None = None) -> Iterator[dict]:
    """Discussions holding `comments` comments in all, the same ones for the same seed."""
    corpus = Corpus.create(comments, seed, lexicon)
    sizes = discussion_sizes(corpus.rng, comments, per_discussion)
    for number, size in enumerate(sizes, start=1):
        yield corpus.discussion(number, size, seed)


def write_corpus(path: Path, comments: int, seed: int = 1, per_discussion: int = 60,
                 lexicon: Lexicon | None = None) -> dict:
    """Write the corpus as JSON Lines; return what it holds (see `describe`)."""
    stats = Stats()
    with open(path, "w", encoding="utf-8") as out:
        for discussion in generate(comments, seed, per_discussion, lexicon):
            stats.add(discussion)
            out.write(json.dumps(discussion, ensure_ascii=False) + "\n")
    return stats.summary()


class Stats:
    """What a generated corpus looks like: sizes, lengths, depths, vocabulary."""

    def __init__(self):
        self.discussions = self.comments = 0
        self.lengths: list[int] = []
        self.depths: list[int] = []
        self.capitalized: set[str] = set()
        self.words = 0

    def add(self, discussion: dict) -> None:
        self.discussions += 1
        depth: dict[str, int] = {}
        for comment in discussion["comments"]:
            self.comments += 1
            words = comment["text"].split()
            self.lengths.append(len(words))
            self.words += len(words)
            parent = comment["reply_to"]
            depth[comment["id"]] = 1 if parent is None else depth[parent] + 1
            self.depths.append(depth[comment["id"]])
            self.capitalized.update(w.strip(".,:;!?„“\"()") for w in words if w[:1].isupper())

    def summary(self) -> dict:
        lengths = sorted(self.lengths) or [0]
        return {
            "discussions": self.discussions, "comments": self.comments,
            "comment_words": self.words,
            "median_words": statistics.median(lengths),
            "p90_words": lengths[int(0.9 * (len(lengths) - 1))],
            "over_300_words": sum(n > 300 for n in lengths),
            "top_level_share": round(sum(d == 1 for d in self.depths) / max(1, self.comments), 2),
            "max_depth": max(self.depths, default=0),
            "capitalized_forms": len(self.capitalized),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, required=True, help="comments in all")
    parser.add_argument("--out", type=Path, required=True, help="the JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-discussion", type=int, default=60,
                        help="typical comments per discussion (20-200)")
    args = parser.parse_args(argv)
    if args.comments < 1 or not MIN_COMMENTS <= args.per_discussion <= MAX_COMMENTS:
        parser.error(f"--comments must be positive, --per-discussion {MIN_COMMENTS}-"
                     f"{MAX_COMMENTS}")
    summary = write_corpus(args.out, args.comments, args.seed, args.per_discussion)
    print(json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
