"""The Korean bullet summaries: templates filled with concepts, particles that agree, links."""

from __future__ import annotations

import itertools
import re
from random import Random

from . import load
from .titles import AREAS, PREFIXES, SUFFIXES

CONCEPTS: dict[str, list[str]] = load("areas")["concepts"]  # key -> [Korean, English, acronym or ""]
_DATA = load("summaries")
ENDINGS: dict[str, list[str]] = _DATA["endings"]
PARTICLES: dict[str, list[str]] = _DATA["particles"]
SUBJECTS: list[str] = _DATA["subjects"]
BASES: list[str] = _DATA["bases"]
SIZES: list[str] = _DATA["sizes"]
COMPONENTS: list[str] = _DATA["components"]
MANGLED_ASIDES: list[str] = _DATA["mangled_asides"]
_WEB = load("web")
GH_OWNERS: list[str] = _WEB["github_owners"]
_LEXICON = load("lexicon")
MODIFIERS: list[list[str]] = _LEXICON["modifiers"]
NOUNS: list[list[str]] = _LEXICON["nouns"]
HEADS: list[list[str]] = _LEXICON["heads"]
PROSE_NOUNS: list[str] = [ko for ko, _ in NOUNS] + _LEXICON["general"].split()
PROSE_CW = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(PROSE_NOUNS))))
NOUN_CW = list(itertools.accumulate(1 / (i + 1) ** 0.5 for i in range(len(NOUNS))))
REPO_PATHS: list[str] = _WEB["repo_paths"]

TOKEN = re.compile(r"\{(~?)([^{}:]+)(?::([^{}]+))?\}")


def compile_template(template: str) -> list:
    """A template as literal strings and (slot, particle) or ("~", ending) tuples."""
    parts: list = []
    pos = 0
    for m in TOKEN.finditer(template):
        if m.start() > pos:
            parts.append(template[pos:m.start()])
        if m[1]:
            parts.append(("~", m[2]))
        elif m[3]:
            parts.append(("^", m[2], m[3]))  # particle after the slot's rendered text
        else:
            parts.append(("=", m[2]))
        pos = m.end()
    if pos < len(template):
        parts.append(template[pos:])
    return parts


# kind -> compiled templates, kinds in the data file's order (a summary samples them in turn)
TEMPLATES = {kind: [compile_template(t) for t in group] for kind, group in _DATA["templates"].items()}


def has_final_consonant(text: str) -> bool:
    """Whether Korean reads `text` ending in a consonant (받침), for 을/를, 이/가..."""
    if text.endswith(")") and "(" in text:
        text = text[:text.rfind("(")]
    if text.endswith("%"):
        return False  # 퍼센트
    text = text.rstrip(" .,$}'\"")
    if not text:
        return False
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return last.lower() in "lmn0136780"  # 엘, 엠, 엔; 영, 일, 삼, 육, 칠, 팔


def render_concept(rng: Random, key: str, seen: set) -> str:
    ko, en, acr = CONCEPTS[key]
    if key in seen:  # later mentions: the short form
        return acr if acr and rng.random() < 0.6 else ko
    seen.add(key)
    r = rng.random()
    if r < 0.3:
        return ko
    if r < 0.5:
        return f"{ko}({acr})" if acr else f"{ko}({en})"
    if r < 0.65:
        return f"{ko}({en})"
    if r < 0.75:
        return f"{ko}({en}, {acr})" if acr else f"{ko}({en})"
    if r < 0.85 and acr:
        return f"{acr}({ko})"
    if r < 0.92 and acr:
        return acr
    return f"{ko} ({acr})" if acr else en


def paper_term(rng: Random) -> tuple[str, str]:
    """One of a paper's own terms, [modifier] noun [noun] head, in Korean and English."""
    words = []
    if rng.random() < 0.45:
        words.append(rng.choice(MODIFIERS))
    words += rng.choices(NOUNS, cum_weights=NOUN_CW, k=1 if rng.random() < 0.5 else 2)
    if rng.random() < 0.7:
        words.append(rng.choice(HEADS))
    return " ".join(ko for ko, _ in words), " ".join(en for _, en in words)


def render_term(rng: Random, term: tuple[str, str], seen: set) -> str:
    """A paper term: glossed with its English on most first mentions, later Korean or English."""
    ko, en = term
    if term in seen:
        return en if rng.random() < 0.25 else ko
    seen.add(term)
    r = rng.random()
    if r < 0.65:
        return f"{ko}({en})"
    if r < 0.88:
        return ko
    return en


def link_for(rng: Random, sys_name: str, owner: str) -> str:
    repo = re.sub(r"[^A-Za-z0-9]+", "-", sys_name).strip("-") or "code"
    r = rng.random()
    if r < 0.65:
        url = f"https://github.com/{owner}/{repo}"
        if rng.random() < 0.15:
            url += rng.choice(REPO_PATHS)
        return url
    if r < 0.85:
        return f"https://{repo.lower()}.github.io/"
    if r < 0.95:
        return f"https://huggingface.co/{owner}/{repo}"
    return f"https://{repo.lower()}-project.github.io/{sys_name.lower()[:3]}/index.html"


class Summaries:
    P_NEW_TERM = 0.5

    def __init__(self, rng: Random):
        self.rng = rng
        self.known_terms: list[tuple[str, str]] = []  # every term once, in order of first use

    def paper_terms(self) -> list[tuple[str, str]]:
        """A paper's own terms: a new one first, then new ones or any earlier paper's, so that
        many terms are shared by a few papers (and become topics), as real summaries' are."""
        rng = self.rng
        terms: list[tuple[str, str]] = []
        for i in range(rng.randint(2, 5)):
            if i and rng.random() >= self.P_NEW_TERM:  # the first is new: the paper's own idea
                term = self.known_terms[rng.randrange(len(self.known_terms))]
            else:
                term = paper_term(rng)
                self.known_terms.append(term)
            if term not in terms:
                terms.append(term)
        return terms

    def sentence(self, parts: list, slots: dict, style: int, seen: set) -> str:
        """One Korean sentence: slots filled (a concept glossed on its first mention in
        the paper), particles agreeing with the word before them, the paper's ending."""
        rng = self.rng
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            if part[0] == "~":
                out.append(ENDINGS[part[1]][style])
                continue
            name = part[1]
            if name in ("t", "t2", "t3"):
                text = slots.get(name)
                if text is None:
                    text = slots[name] = render_term(rng, slots["terms"][name], seen)
            elif name in ("g", "g2"):
                if rng.random() < 0.25:  # English inside the Korean, as real summaries write
                    text = " ".join(rng.choice(NOUNS)[1] for _ in range(2))
                else:
                    text = " ".join(rng.choices(PROSE_NOUNS, cum_weights=PROSE_CW, k=rng.randint(2, 3)))
            elif name in ("c", "c2"):
                text = slots.get(name)
                if text is None:
                    if rng.random() < 0.4:  # the paper's own term where an area's concept would be
                        text = slots[name] = render_term(rng, slots["terms"]["t3" if name == "c" else "t2"], seen)
                    else:
                        text = slots[name] = render_concept(rng, slots["ckeys"][name == "c2"], seen)
            elif name in ("pct", "pct2"):
                text = f"{rng.uniform(12, 96):.1f}%"
            elif name == "n":
                text = f"{rng.choice([1, 2, 4, 8, 12, 30, 100, 250])},{rng.randint(0, 999):03d}"
            elif name == "size":
                text = rng.choice(SIZES)
            elif name == "x":
                text = f"{rng.choice(['1.5', '2', '2.3', '3', '4', '5.1', '10'])}배"
            else:
                text = slots[name]
            out.append(text)
            if part[0] == "^":  # {slot:을}: the slot, then 을 or 를 as its last sound wants
                pair = PARTICLES.get(part[2])
                out.append(part[2] if pair is None else pair[0] if has_final_consonant(text) else pair[1])
        text = "".join(out)
        return text if text.endswith(".") else text + "."

    def bullets(self, area_key: str, sys_name: str, link_owner: str, structured: str,
                terms: list[tuple[str, str]]) -> list[str]:
        rng = self.rng
        area = AREAS[area_key]
        style = rng.choices((0, 1, 2), cum_weights=(45, 80, 100))[0]
        seen: set = set()  # membership only
        base_slots = {
            "sys": sys_name or rng.choice(SUBJECTS),
            "task": rng.choice(area.tasks_ko),
            "bench": rng.choice(area.benchmarks),
            "bench2": rng.choice(area.benchmarks),
            "base": rng.choice(BASES),
        }
        has_link = rng.random() < 0.18
        if has_link:
            url = link_for(rng, sys_name or rng.choice(PREFIXES) + rng.choice(SUFFIXES), link_owner)
            base_slots["url"] = url

        unused = {kind: rng.sample(group, len(group)) for kind, group in TEMPLATES.items()}

        def make(kind: str) -> str:
            slots = dict(base_slots)
            slots["ckeys"] = rng.sample(area.concepts, 2)
            slots["terms"] = dict(zip(("t", "t2", "t3"), rng.sample(terms, 3) if len(terms) >= 3 else terms * 3))
            templates = unused[kind]  # no template twice in one summary, while they last
            template = templates.pop() if len(templates) > 1 else templates[0]
            return self.sentence(template, slots, style, seen)

        def some(*kinds: str) -> str:
            """Sentences, one of each kind given, in one bullet."""
            return " ".join(make(kind) for kind in kinds)

        if structured:
            b = structured
            lines = [f"- {b}What's New{b}: {some('intro', *rng.sample(('motivation', 'motivation', 'method'), rng.randint(1, 2)))}"]
            lines.append(f"- {b}Technical Details{b}: {some('method', *(['detail'] * rng.randint(1, 3)))}")
            r = rng.random()
            if r < 0.05:
                lines += [f"  - ({i}) {make('detail')}" for i in range(1, rng.randint(2, 4))]
            elif r < 0.1:
                comps = rng.sample(COMPONENTS, rng.randint(2, 3))
                lines += [f"{i}. **{c}**: {make('detail')}" for i, c in enumerate(comps, 1)]
            lines.append(f"- {b}Performance Highlights{b}: {some('evidence', *rng.sample(('result', 'evidence', 'result'), rng.randint(1, 2)))}")
            if has_link:
                lines.append(f"- {make('link')}")
            return lines
        n_method = rng.randint(1, 3)
        n_result = rng.randint(1, 2)
        body = [make("intro"), make("motivation")] + [make("detail") for _ in range(n_method)] + [make("evidence") for _ in range(n_result)]
        if rng.random() < 0.5:
            body.append(make("closing"))
        if has_link:
            body.append(make("link"))
        body = body[:8]
        if rng.random() < 0.003:  # a bullet with a mangled LaTeX escape
            body[1] = body[1].rstrip(".") + rng.choice(MANGLED_ASIDES)
        lines = [f"- {s}" for s in body]
        if rng.random() < 0.01:  # a numbered list inside a plain summary
            comps = rng.sample(COMPONENTS, 2)
            lines[1:1] = [f"{i}. **{c}**: {make('method')}" for i, c in enumerate(comps, 1)]
        return lines
