"""The actor finder: a spaCy component that finds actor mentions and resolves each to an actor.

Passes, strongest evidence first; a later pass never overrides an earlier one's tokens:

1. gazetteer names and abbreviations, dated roles ("Nato-Generalsekretär" in 2022),
   participants addressed by title ("Hr. Elvers", "Herr Professor Jäger"), references to
   the article's author ("der Autor", "dieses Politikwissenschaftlers", "Ihr Bericht"),
   nationality adjectives before state agents ("die russische Regierung");
2. single words the phrase patterns miss: compound parts ("Nato-Staaten", "SPDafin",
   "Georgienkrieg"), then near misses ("Lybanon");
3. candidates: names the gazetteer lacks, after a title ("Herrn Pflüger") or as a first
   name with a surname ("Friedbert Pflüger"), judged with HanTa's proper-noun tag.

The post's context (date, participants, author, whether it answers the article) comes in
`doc._.argkg_context`; the result goes to `doc._.actor_mentions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.actor_index import ActorIndex, normalize
from argkg.extract.gazetteer import Actor, load_gazetteer
from argkg.extract.normalize import is_capitalized, match_key
from argkg.extract.resources import packaged_yaml
from argkg.extract.tagger import WordTagger
from argkg.extract.units import doc_text

_MIN_COMPOUND_PREFIX = 5
_MIN_COMPOUND_REST = 4
_MAX_NAME_TOKENS = 3
_WORD_CACHE_LIMIT = 200_000
_ARTICLE_PARTICLES = frozenset({"der", "den", "dem"})

Doc.set_extension("argkg_context", default=None, force=True)
Doc.set_extension("actor_mentions", default=None, force=True)


@dataclass(frozen=True)
class PostContext:
    """What the actor finder must know about the post a text comes from."""

    day: date | None = None
    participants: tuple[str, ...] = ()
    article_author: str | None = None
    is_comment: bool = False
    answers_article: bool = False
    target_author: str | None = None
    """Author of the post a comment answers (quotations in it may be theirs)."""
    teaser: str | None = None
    """The article's teaser, where the article text begins with it."""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: Actor
    how: str
    first_token: int = 0
    end_token: int = 0
    """The mention's tokens (`doc[first_token:end_token]`), for components that work on
    tokens; `start` and `end` are character offsets."""


@dataclass
class _Found:
    """Token spans claimed so far; a token belongs to at most one mention."""

    taken: set[int] = field(default_factory=set)
    mentions: list[tuple[int, int, Actor, str]] = field(default_factory=list)

    def claim(self, start: int, end: int, actor: Actor, how: str, shared: bool = False) -> bool:
        """Record a mention unless its tokens are taken; `shared` lets several actors share
        one token (the parts of "Nato-Russland-Gespräche")."""
        if not shared and any(i in self.taken for i in range(start, end)):
            return False
        self.taken.update(range(start, end))
        self.mentions.append((start, end, actor, how))
        return True

    def person_starting_at(self, token: int) -> int | None:
        """Index of the person mention that starts at `token`, if any."""
        return next((n for n, (start, _, actor, _) in enumerate(self.mentions)
                     if start == token and actor.type == "Person"), None)

    def extend_left(self, mention: int, first: int) -> None:
        """Let mention number `mention` start earlier, at token `first` (given names)."""
        start, end, actor, how = self.mentions[mention]
        self.taken.update(range(first, start))
        self.mentions[mention] = (first, end, actor, how)


@Language.factory(
    "argkg_actors",
    default_config={"extra_gazetteers": [], "packaged_gazetteer": True, "candidates": True},
)
def make_actor_finder(nlp: Language, name: str, extra_gazetteers: list[str],
                      packaged_gazetteer: bool, candidates: bool):
    gazetteer = load_gazetteer(tuple(extra_gazetteers), packaged=packaged_gazetteer)
    return ActorFinder(ActorIndex(gazetteer, nlp.vocab, nlp.make_doc),
                       packaged_yaml("actor_rules.yaml"), candidates)


class ActorFinder:
    def __init__(self, index: ActorIndex, rules: dict, candidates: bool = True):
        self.index = index
        self.rules = {k: v for k, v in rules.items() if isinstance(v, list)}
        self.titles = frozenset(rules["titles"])
        self.particles = frozenset(rules["name_particles"])
        self.agent_endings = tuple(sorted(rules["state_agent_endings"], key=len, reverse=True))
        self.author_nouns = frozenset(match_key(w) for w in rules["author_nouns"])
        self.author_roles = frozenset(match_key(w) for w in rules["author_roles"])
        self.author_works = frozenset(match_key(w) for w in rules["author_works"])
        self.definite = frozenset(rules["definite_determiners"])
        self.demonstratives = frozenset(rules["demonstratives"])
        self.possessives = frozenset(rules["second_person_possessives"])
        self.tagger = WordTagger() if candidates else None
        self._word_cache: dict[str, list[tuple[str, str]]] = {}
        self._participants: _Participants | None = None

    def _participants_of(self, context: PostContext) -> _Participants:
        """The discussion's participants, indexed once: every post of a discussion has the
        same (one tuple object), and indexing them per post was quadratic in long threads."""
        known = self._participants
        if known is None or not known.made_for(context):
            known = self._participants = _Participants(context, self.index.make_doc)
        return known

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.argkg_context or PostContext()
        # Token texts once: spaCy makes a new Token object on every doc[i] and every step.
        texts = [t.text for t in doc]
        keys = normalize(doc, texts)
        found = _Found()
        people = _People(self._participants_of(context))
        for passes in (self._phrase_passes, self._word_passes, self._candidate_passes):
            passes(doc, _Words(texts, keys), context, people, found)
        doc._.actor_mentions = sorted(
            (Mention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), doc[s:e].text, a, how, s, e)
             for s, e, a, how in found.mentions),
            key=lambda m: (m.start, m.end),
        )
        return doc

    # -- pass 1: phrases -------------------------------------------------------------

    def _phrase_passes(self, doc, words, context, people, found) -> None:
        spans = self._gazetteer_spans(doc, context)
        spans += self._title_spans(doc, words, people)
        spans += self._author_spans(doc, words, context, people)
        spans += self._adjective_spans(doc)
        # Longest first; at equal length the order of the lists above decides.
        for start, end, actor, how in sorted(spans, key=lambda s: s[0] - s[1]):
            if found.claim(start, end, actor, how) and actor.type == "Person":
                self._absorb_given_names(doc, start, found)

    def _gazetteer_spans(self, doc, context):
        spans = []
        for matcher in (self.index.exact, self.index.names):
            for match_id, start, end in matcher(doc):
                pattern = self.index.patterns[doc.vocab.strings[match_id]]
                if pattern.capitalized and not is_capitalized(doc[start].text):
                    continue
                if pattern.role is not None:
                    if context.day and pattern.role.holds_on(context.day):
                        spans.append((start, end, pattern.actor, "role"))
                elif self._plausible_name(doc, start, end, pattern.actor):
                    spans.append((start, end, pattern.actor, "name"))
        return spans

    def _plausible_name(self, doc, start, end, actor) -> bool:
        """A one-word person name at a sentence start must be a name there ("Weil ...")."""
        if end - start > 1 or actor.type != "Person" or not doc[start].is_sent_start:
            return True
        return self.tagger is None or self.tagger.analyze(doc[start].text)[1] in ("NE", "NN")

    def _absorb_given_names(self, doc, start, found) -> None:
        """'Sergej Lawrow' when only 'Lawrow' is known: given names join the surname."""
        if doc[start].text in self.titles:
            return  # "Hmm Hr. Elvers": nothing before a title is a given name
        first = start
        while first > 0 and first - 1 not in found.taken and self._is_given_name(doc[first - 1]):
            first -= 1
        if first < start:
            found.extend_left(len(found.mentions) - 1, first)

    def _is_given_name(self, token) -> bool:
        return (is_capitalized(token.text) and token.is_alpha and token.text not in self.titles
                and self.tagger is not None and self.tagger.is_proper_noun(token.text))

    def _title_spans(self, doc, words, people):
        """'Herr Professor Jäger', 'Hr. Elvers': titles then a participant's name."""
        spans = []
        for i, text in enumerate(words.texts):
            if text not in self.titles or (i and words.texts[i - 1] in self.titles):
                continue
            end = i + 1
            while end < len(words.texts) and words.texts[end] in self.titles:
                end += 1
            name_end = self._name_end(doc, end)
            person = people.resolve(doc[end:name_end].text) if name_end > end else None
            if person:
                spans.append((i, name_end, person, "participant"))
        return spans

    def _name_end(self, doc, start) -> int:
        """End of the name (capitalised words and particles) that starts at token `start`."""
        end = start
        while end < len(doc) and end - start < _MAX_NAME_TOKENS and self._in_name(doc[end]):
            end += 1
        while end > start and doc[end - 1].text in self.particles:
            end -= 1
        return end

    def _in_name(self, token) -> bool:
        if token.text in self.particles:
            # "von der Leyen", but not "Walter der Spalter"
            return token.text not in _ARTICLE_PARTICLES or (
                token.i > 0 and token.doc[token.i - 1].text in ("von", "van"))
        return (is_capitalized(token.text) and token.text not in self.titles
                and (token.is_alpha or "-" in token.text.strip("-")))

    def _author_spans(self, doc, words, context, people):
        """The article's author as 'der Autor', 'dieses Politologen', 'Ihr Bericht', full name."""
        author = people.article_author
        if author is None:
            return []
        spans = []
        keys = self.author_nouns | self.author_roles | self.author_works
        for i, key in enumerate(words.keys):
            if key not in keys:
                continue
            before = words.texts[i - 1].casefold() if i else ""
            if context.is_comment and key in self.author_nouns and (
                    before in self.definite or before in self.demonstratives):
                spans.append((i - 1, i + 1, author, "author"))
            elif context.is_comment and key in self.author_roles and before in self.demonstratives:
                spans.append((i - 1, i + 1, author, "author"))
            elif (context.answers_article and key in self.author_works and i
                  and doc[i - 1].text in self.possessives):
                spans.append((i - 1, i + 1, author, "author"))
        spans += people.full_name_spans(doc, words.texts)
        return spans

    def _adjective_spans(self, doc):
        """'die russische Regierung', 'amerikanischen Geheimdiensten': the state acts."""
        spans = []
        for i in range(len(doc) - 1):
            label = self.index.adjectives.get(doc[i].norm_)
            if label and doc[i + 1].text.casefold().endswith(self.agent_endings):
                spans.append((i, i + 2, self.index.actors[label], "adjective"))
        return spans

    # -- pass 2: single words --------------------------------------------------------

    def _word_passes(self, doc, words, context, people, found) -> None:
        cache = self._word_cache
        for i, text in enumerate(words.texts):
            if i in found.taken or not text[:1].isalpha():
                continue
            actors = cache.get(text)
            if actors is None:
                if len(cache) >= _WORD_CACHE_LIMIT:
                    cache.clear()
                actors = cache[text] = self._word_actors(text)
            for label, how in actors:
                found.claim(i, i + 1, self.index.actors[label], how, shared=True)

    def _word_actors(self, word: str) -> list[tuple[str, str]]:
        """The actors one word form names by itself; the same for every text (cached)."""
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1:
            labels = [self.index.lookup_word(p) for p in parts]
            return [(label, "compound") for label in dict.fromkeys(labels) if label]
        prefix = self._compound_prefix(word)
        if prefix:
            return [(prefix, "compound")]
        if not is_capitalized(word):
            return []
        # The tagger is slow and the near-miss lookup is not: ask it only about near misses.
        near = self.index.lookup_fuzzy(word)
        if near and (self.tagger is None or self.tagger.is_proper_noun(word)):
            return [(near, "fuzzy")]
        return []

    def _compound_prefix(self, word: str) -> str | None:
        """'Georgienkrieg' -> Georgien, 'SPDafin' -> SPD: an actor's name glued to a word."""
        if not is_capitalized(word) or len(word) < _MIN_COMPOUND_PREFIX + 2:
            return None
        for cut in range(len(word) - 2, 1, -1):
            head, rest = word[:cut], word[cut:]
            if not rest.islower():
                continue
            if head in self.index.single_exact and len(rest) >= 3:
                return self.index.single_exact[head]
            if len(head) >= _MIN_COMPOUND_PREFIX and len(rest) >= _MIN_COMPOUND_REST:
                label = self.index.lookup_word(head)
                if label and self.index.actors[label].type != "Person":
                    return label
        return None

    # -- pass 3: candidates ----------------------------------------------------------

    def _candidate_passes(self, doc, words, context, people, found) -> None:
        if self.tagger is None:
            return
        i = 0
        while i < len(doc):
            end = self._candidate_end(doc, words, i, found, people)
            person = found.person_starting_at(end) if end > i else None
            if person is not None:
                # "Wladimir Wladimirowitsch Putin": unknown given names before a known person.
                found.extend_left(person, i)
                i = end
            elif end > i:
                title = i > 0 and doc[i - 1].text in self.titles
                name = doc[i:end].text
                actor = people.candidate(name)
                found.claim(i - 1 if title else i, end, actor, "candidate")
                i = end
            else:
                i += 1

    def _candidate_end(self, doc, words, i, found, people) -> int:
        """End of an unknown person's name starting at token i, or i if there is none."""
        text = words.texts[i]
        if i in found.taken or not is_capitalized(text) or not text.isalpha():
            return i
        after_title = i > 0 and doc[i - 1].text in self.titles and i - 1 not in found.taken
        end = self._name_end(doc, i)
        end = next((k for k in range(i, end) if k in found.taken), end)
        while end > i and doc[end - 1].text in self.particles:
            end -= 1
        if after_title and end > i:
            return end
        if (end - i >= 2 and _looks_like_given_name(doc[i].text)
                and (not doc[i].is_sent_start or people.is_given_name(doc[i].text))
                and self.tagger.is_proper_noun(doc[i].text)):  # the slow test last
            return end
        return i


def _looks_like_given_name(word: str) -> bool:
    """'Friedbert', not 'KSZE': a capital followed by lower-case letters."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


class _Words(NamedTuple):
    """A post's tokens as plain strings: their texts and their match keys (NORM)."""

    texts: list[str]
    keys: list[str]


class _Participants:
    """The people of a discussion (authors, the article's author): names, surnames, given
    names, and full names by their last token, for finding them in a post's text."""

    def __init__(self, context: PostContext, make_doc):
        self.participants = context.participants
        self.author_name = context.article_author
        self.by_form: dict[str, Actor] = {}
        self.article_author = None
        for name in context.participants:
            actor = Actor(label=name, type="Person", candidate=True)
            if name == context.article_author:
                self.article_author = actor
            _register(self.by_form, name, actor)
        self.given_names = {a.label.split()[0] for a in self.by_form.values() if a.label.split()}
        self.full_names: dict[str, list[tuple[int, str, Actor]]] = {}
        for order, (name, actor) in enumerate(self.by_form.items()):
            if " " in name:
                last = make_doc(name)[-1].text
                self.full_names.setdefault(last, []).append((order, name, actor))

    def made_for(self, context: PostContext) -> bool:
        return ((self.participants is context.participants
                 or self.participants == context.participants)
                and self.author_name == context.article_author)


def _register(by_form: dict[str, Actor], name: str, actor: Actor) -> None:
    by_form.setdefault(name, actor)
    parts = name.split()
    if len(parts) > 1 and len(parts[-1]) > 2:
        by_form.setdefault(parts[-1], actor)


class _People:
    """Participants and candidates of one post: names, surnames, titles."""

    def __init__(self, participants: _Participants):
        self.participants = participants
        self.article_author = participants.article_author
        self.candidates: dict[str, Actor] = {}

    def _get(self, form: str) -> Actor | None:
        return self.participants.by_form.get(form) or self.candidates.get(form)

    def resolve(self, name: str) -> Actor | None:
        return self._get(name) or self._get(name.split()[-1])

    def is_given_name(self, word: str) -> bool:
        return word in self.participants.given_names or any(
            a.label.split()[0] == word for a in self.candidates.values())

    def candidate(self, name: str) -> Actor:
        """A person the gazetteer lacks; a surname alone joins a full name seen before."""
        known = self.resolve(name)
        if known:
            return known
        actor = Actor(label=name, type="Person", candidate=True)
        _register(self.candidates, name, actor)
        return actor

    def full_name_spans(self, doc, texts: list[str]):
        """Full names of participants written out anywhere in the text: only those whose
        last token occurs (long threads have tens of thousands of participants)."""
        spans = []
        text = doc_text(doc)
        index = self.participants.full_names
        named = sorted(entry for last in set(texts) & index.keys() for entry in index[last])
        for _, name, actor in named:
            start = text.find(name)
            while start >= 0:
                span = doc.char_span(start, start + len(name))
                if span is not None:
                    spans.append((span.start, span.end, actor, "participant"))
                start = text.find(name, start + 1)
        return spans
