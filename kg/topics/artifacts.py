"""Named artifacts: the models, datasets, benchmarks and systems papers introduce or mention.

A name is not a topic (`Lumiere` is what 2401.12945 made, not what it is about), so names
become nodes of their own kind. Found by:
- the name before a title's colon (`Lumiere: A Space-Time Diffusion Model ...`): the
  artifact the paper introduces;
- a name with a version or size (`GPT-3.5`, `Llama-3.1-8B`, `Orion-14B`, `GSM8K`);
- the shipped list of well-known names (kg/data/artifacts.tsv: CLIP, LLaMA, ImageNet);
- a name some paper introduces, written in another paper's title or summary.
Its kind is the list's, else what the words after it say (`... 벤치마크`, `... dataset`).
A name that is another's with a version after it is a version of it (`LLaMA-2-70B-Chat` of
`Llama 2`, of `LLaMA`); a family is a node when a version is, and counts its versions' papers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Iterable, Iterator

from ..records import Paper
from .english import is_leading_verb
from .terms import is_acronym

__all__ = ["Artifact", "Artifacts", "find_artifacts", "artifact_key", "introduced_name"]

#: The part of a title before its colon, when it is a name: at most three words, each capitalised.
TITLE_NAME = re.compile(r"^\s*([^:]{2,40}?)\s*:\s")
NAME_WORD = re.compile(r"^[A-Z0-9][^\s]*$")
NOT_A_NAME = frozenset({"a", "an", "the", "on", "towards", "toward", "beyond", "when", "why", "how", "what", "is", "are",
                        "do", "does", "can", "from", "to", "for", "with", "and", "or", "of", "in", "at", "by",
                        "position", "survey", "review", "tutorial", "perspective", "editorial", "report", "overview"})
VERSION_START = frozenset("0123456789.")  # what follows a family's key in a version's: `llama3` + `.18b`
PLAIN_WORD = re.compile(r"^[A-Z][a-z]+$")
#: A name with a version or a size: letters, then digits (`GPT-4o`, `Qwen2-VL`, `Llama-3.1-8B`, `GSM8K`).
# The edges are ASCII: a Korean particle glued on (`Llama-2와`) ends a name.
VERSIONED = re.compile(r"(?<![A-Za-z0-9_.\-])([A-Z][A-Za-z]*[A-Za-z](?:-[A-Za-z]+)*-?\d+(?:\.\d+)*[A-Za-z]*"
                       r"(?:-[A-Za-z0-9.]*[A-Za-z0-9])*)(?![A-Za-z0-9_\-])")
#: Letters-then-digits that are formats, units or ranks, not names.
NOT_VERSIONED = re.compile(r"^(?:FP|INT|UINT|BF|TF|Top|Pass|Step|Level|Table|Figure|Fig|Section|Stage|Round|Layer|"
                           r"Phase|Task|Part|Type|Class|Rank|Epoch|Block|Tier)-?\d", re.IGNORECASE)
KIND_AFTER = {
    "dataset": re.compile(r"\s*(?:dataset|benchmark|corpus|데이터셋|데이터 ?세트|벤치마크|말뭉치)", re.IGNORECASE),
    "software": re.compile(r"\s*(?:library|toolkit|framework|platform|라이브러리|프레임워크|플랫폼|툴킷)", re.IGNORECASE),
}
KIND_IN_TITLE = {
    "dataset": re.compile(r"\b(?:dataset|benchmark|corpus)s?\b", re.IGNORECASE),
    "software": re.compile(r"\b(?:library|toolkit|framework|platform)\b", re.IGNORECASE),
}


@dataclass(frozen=True)
class Artifact:
    """A named model, dataset, benchmark or system, and the papers that name it."""

    key: str  # `artifact_key` of its names
    label: str  # the listed spelling, else the most written one
    kind: str  # "model", "dataset", "software", or "" when the text does not say
    introduced_by: tuple[str, ...]  # arXiv ids whose title begins with its name
    mentioned_by: tuple[str, ...]  # the other papers that name it (or a version of it that is no artifact node)
    version_of: str = ""  # the key of the artifact it is a version of
    papers: int = 0  # the papers that introduce or mention it or a version of it


@dataclass
class Artifacts:
    nodes: dict[str, Artifact]  # the artifacts that become nodes, by key
    names: frozenset[str]  # the keys of every name found, node or not: none of them is a topic


SEPARATORS = re.compile(r"[\s\-_]")


@lru_cache(maxsize=1 << 16)
def artifact_key(name: str) -> str:
    """One key for the spellings of a name: `LLaMA-2`, `Llama 2` -> `llama2`.

    >>> artifact_key("Llama-3.1-8B"), artifact_key("Stable Diffusion")
    ('llama3.18b', 'stablediffusion')
    """
    return SEPARATORS.sub("", name.casefold())


def clean_name(text: str) -> str:
    """A name as written, without TeX markup: `SOTOPIA-$\\pi$` -> `SOTOPIA-π`."""
    return " ".join(text.replace("$", "").replace("\\pi", "π").replace("\\", "").split())


def plain_words(name: str) -> bool:
    """Words as any phrase has them: capitalised or lower case, or acronyms (`GUI Agents`, `Depth Anything`)."""
    return all(PLAIN_WORD.match(w) or w.islower() or is_acronym(w) for w in name.split())


def introduced_name(title: str) -> str | None:
    """The name before a title's colon, if it is one.

    >>> introduced_name("Lumiere: A Space-Time Diffusion Model"), introduced_name("Rethinking FID: Towards ...")
    ('Lumiere', None)
    """
    match = TITLE_NAME.match(title)
    if not match:
        return None
    words = clean_name(match[1]).split()
    if not 1 <= len(words) <= 3 or not all(NAME_WORD.match(w) for w in words):
        return None
    if words[0].casefold() in NOT_A_NAME or is_leading_verb(words[0]):
        return None
    return " ".join(words)


@cache
def listed() -> dict[str, tuple[str, str]]:
    """kg/data/artifacts.tsv: key -> (name, kind)."""
    text = (resources.files("kg") / "data" / "artifacts.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {artifact_key(name): (name, kind) for name, kind in rows}


#: A word of a name, ASCII only: a Korean particle glued on (`Llama-2와`) ends it.
NAME_TOKEN = re.compile(r"[A-Za-z0-9π(][A-Za-z0-9π.+^()\-]*[A-Za-z0-9π)]|[A-Za-z0-9π]")
MAX_NAME_WORDS = 4


class NameIndex:
    """Known names, found as whole words by their key (a dictionary lookup per word, not one
    regex of thousands of alternatives): `exact_names`, and listed names in capitals (or
    starting in lower case: `vLLM`), only as written; other listed names in any case that
    starts with a capital (`LLaMA`, `Llama`)."""

    def __init__(self, listed_names: Iterable[str], exact_names: Iterable[str] = ()):
        self.names: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # key -> (name, only as written)
        as_written = set(exact_names)
        for name in sorted(set(listed_names) | as_written):
            self.names[artifact_key(name)].append((name, name in as_written or name.isupper() or name[0].islower()))
        self.first_words = {artifact_key(NAME_TOKEN.match(name)[0]) for name in as_written | set(listed_names)
                            if NAME_TOKEN.match(name)}

    def matches(self, written: str, key: str) -> bool:
        same = SEPARATORS.sub("", written)
        return any(same == SEPARATORS.sub("", name) if exact else written[:1].isupper()
                   for name, exact in self.names.get(key, ()))

    def find(self, text: str) -> Iterator[re.Match | tuple[int, int]]:
        """(start, end) of each name in `text`, the longest at each place."""
        words = list(NAME_TOKEN.finditer(text))
        i = 0
        while i < len(words):
            found = None
            if artifact_key(words[i][0]) not in self.first_words:  # most words begin no name
                i += 1
                continue
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                run = words[i:i + n]
                if any(text[a.end():b.start()] not in (" ", "-") for a, b in zip(run, run[1:])):
                    continue
                written = text[run[0].start():run[-1].end()]
                if self.matches(written, artifact_key(written)):
                    found = n
                    yield run[0].start(), run[-1].end()
                    break
            i += found or 1


def names_in(text: str, index: NameIndex) -> Iterable[tuple[str, str]]:
    """(name, the text right after it) of every name the index or a version finds in `text`."""
    for match in VERSIONED.finditer(text):
        name = match[1]
        if not (NOT_VERSIONED.match(name) or "-to-" in name.lower()):
            yield name, text[match.end():match.end() + 12]
    for start, end in index.find(text):
        yield text[start:end], text[end:end + 12]


def find_artifacts(papers: Iterable[Paper], min_papers: int = 2) -> Artifacts:
    """The artifacts of `papers`: every name introduced by a title, and every other name
    written in at least `min_papers` papers."""
    papers = list(papers)
    introduced: dict[str, str] = {}  # arXiv id -> the name its title begins with
    for paper in papers:
        if name := introduced_name(paper.title):
            introduced[paper.arxiv_id] = name
    known = [name for name, _ in listed().values()]
    in_summaries = NameIndex(known, introduced.values())
    # Titles capitalise every word: a name of plain words there (`Zebra`, `GUI Agents`) is found in summaries only.
    in_titles = NameIndex(known, [name for name in introduced.values() if not plain_words(name)])
    spellings: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    introducers: dict[str, set[str]] = defaultdict(set)
    mentioners: dict[str, set[str]] = defaultdict(set)
    for paper in papers:
        if name := introduced.get(paper.arxiv_id):
            key = artifact_key(name)
            introducers[key].add(paper.arxiv_id)
            spellings[key][name] += 1
            kinds[key].update(kind for kind, words in KIND_IN_TITLE.items() if words.search(paper.title))
        for text, index in ((paper.title, in_titles), *((line, in_summaries) for line in paper.summary)):
            for name, after in names_in(clean_name(text), index):
                key = artifact_key(name)
                spellings[key][name] += 1
                kinds[key].update(kind for kind, words in KIND_AFTER.items() if words.match(after))
                if paper.arxiv_id not in introducers[key]:
                    mentioners[key].add(paper.arxiv_id)
    for arxiv_id, name in introduced.items():  # plain words other papers write too: a phrase, a topic
        key = artifact_key(name)
        if len(name.split()) > 1 and plain_words(name) and mentioners[key]:
            for found in (spellings, kinds, introducers, mentioners):
                found.pop(key, None)
    families = family_of(set(spellings))
    reach = {key: introducers[key] | mentioners[key] for key in set(spellings) | set(families) | set(families.values())}
    for key in sorted(families, key=len, reverse=True):  # longest first: a version's papers reach its family's family
        reach[families[key]] |= reach[key]
    kept = {key for key in reach if introducers[key] or len(reach[key]) >= min_papers}
    for key in list(kept):  # the families of a node are nodes, all the way up
        while key in families:
            key = families[key]
            kept.add(key)
    for key in sorted(set(reach) - kept):  # a name too rare to be a node is a mention of its nearest kept family
        family = families.get(key)
        while family and family not in kept:
            family = families.get(family)
        if family:
            mentioners[family] |= (introducers[key] | mentioners[key]) - introducers[family]
    nodes = {key: Artifact(key, label(key, spellings[key]), kind_in_family(key, kinds, families),
                           tuple(sorted(introducers[key])), tuple(sorted(mentioners[key])), families.get(key, ""),
                           len(reach[key]))
             for key in sorted(kept)}
    return Artifacts(nodes, frozenset(spellings))


def family_of(keys: set[str]) -> dict[str, str]:
    """Each found key that is another found or listed key and a version (`llama2` -> `llama`): the longest
    such key; and so on up, for the families (`llama270bchat` -> `llama2` -> `llama`).

    >>> family_of({"llama270bchat", "gpt4", "imagenet"})["llama270bchat"], family_of({"gpt4", "imagenet"})
    ('llama2', {'gpt4': 'gpt'})
    """
    known = keys | set(listed())
    families = {}
    for key in known:
        for end in range(len(key) - 1, 0, -1):  # the longest first
            if key[end] in VERSION_START and key[:end] in known:
                families[key] = key[:end]
                break
    reached = {}
    for key in keys:
        while key in families and key not in reached:
            reached[key] = key = families[key]
    return reached


def label(key: str, spellings: Counter) -> str:
    """The listed spelling, else the most written (ties: the first in sorted order)."""
    if key in listed() or not spellings:
        return listed()[key][0]
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def kind_in_family(key: str, kinds: dict[str, Counter], families: dict[str, str]) -> str:
    """`kind`, else the nearest family's: `Llama-3.1-8B` is a model as `LLaMA` is."""
    while key:
        if found := kind(key, kinds[key]):
            return found
        key = families.get(key, "")
    return ""


def kind(key: str, votes: Counter) -> str:
    """The listed kind, else the one the words around the name say most often, else ""."""
    if key in listed():
        return listed()[key][1]
    ranked = votes.most_common()
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""
