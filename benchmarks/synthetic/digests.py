"""The archive writer: days, papers, their entries (author lines, votes, media) and the files."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from random import Random

from . import load
from .eras import in_era
from .names import Authors
from .summaries import GH_OWNERS, Summaries, paper_term
from .titles import AREA_CW, AREA_KEYS, title_for

START = dt.date(2023, 5, 1)
FILE_NAME = re.compile(r"^\d{3,}_[0-9a-f]{16}\.txt$")
UPLOADERS = [uploader for uploader, k in load("web")["uploaders"].items() for _ in range(k)]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def media_lines(rng: Random, arxiv_id: str, frac: float) -> list[str]:
    r = rng.random()
    if r < 0.03:
        return []
    token = "".join(rng.choice(B64) for _ in range(21))
    base = f"https://cdn-uploads.huggingface.co/production/uploads/{rng.choice(UPLOADERS)}/{token}"
    oldest = in_era("oldest", frac)
    if r < 0.11 and not oldest:
        return [f"[Watch Video]({base}.mp4)",
                f'<div><video controls src="{base}.mp4" muted="false"></video></div>']
    if r < 0.13 and not oldest:
        return [f"<video src='{base}.{rng.choice(['mp4', 'qt', 'mp4'])}'></video>"]
    if in_era("thumbnails", frac) and rng.random() < 0.7:
        return [f"![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png)"]
    ext = rng.choices(["png", "jpg", "gif", "qt", "mp4", "jpeg"], cum_weights=[70, 82, 88, 92, 96, 100])[0]
    return [f"![]({base}.{ext})"]


def arxiv_id(rng: Random, day: dt.date, used: set) -> str:
    """A new arXiv id of about the day's month (early in a month, often the month before)."""
    while True:
        r = rng.random()
        month = day.replace(day=1)
        if (day.day <= 4 and r < 0.6) or r < 0.04:
            back = 1 if r >= 0.04 else rng.randint(1, 6)
            for _ in range(back):
                month = (month - dt.timedelta(days=1)).replace(day=1)
            seq = rng.randint(12000, 24999)
        else:
            center = int(day.day / 31 * 20000)
            seq = max(1, min(29999, center + rng.randint(-2500, 600)))
        ident = f"{month.year % 100:02d}{month.month:02d}.{seq:05d}"
        if ident not in used:
            used.add(ident)
            return ident


def py_list(names: list[str], quote: str) -> str:
    """A Python-style list literal: single quotes like repr() (double for a name with an
    apostrophe), or double quotes throughout."""
    items = []
    for n in names:
        q = quote if quote == '"' or "'" not in n else '"'
        items.append(f"{q}{n}{q}")
    return "[" + ", ".join(items) + "]"


@dataclass(slots=True)
class SyntheticPaper:
    arxiv_id: str
    title: str
    authors: list[str]
    area: str
    sys_name: str
    owner: str  # GitHub owner of its links
    media: list[str]
    terms: list[tuple[str, str]]  # its own terms, [Korean, English], the first two maybe in its title


class ArchiveWriter:
    """Writes one archive of n papers; its counters feed make_corpus.py's summary line."""

    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = Random(seed)
        self.authors = Authors(self.rng)
        self.summaries = Summaries(self.rng)
        self.used_ids: set[str] = set()
        self.visible: set[str] = set()  # names shown (membership/len only)
        self.max_authors = 0
        self.entries = 0
        self.refeatured = 0
        self.files = 0
        self.made = 0

    def day_counts(self) -> list[int]:
        rng, left, counts, day = self.rng, self.n, [], START
        while left > 0:
            weekend = day.weekday() >= 5
            k = min(left, rng.randint(5, 12) if weekend else rng.randint(12, 22))
            counts.append(k)
            left -= k
            day += dt.timedelta(days=1)
        return counts

    def new_paper(self, day: dt.date, frac: float) -> SyntheticPaper:
        rng = self.rng
        area = rng.choices(AREA_KEYS, cum_weights=AREA_CW)[0]
        terms = self.summaries.paper_terms()
        # Its title names two of its terms (or the area's method and task) and one term of its own alone.
        own = [en.title() if rng.random() < 0.7 else "" for _, en in terms[:2]] + [paper_term(rng)[1].title()]
        title, sys_name = title_for(rng, area, *own)
        ident = arxiv_id(rng, day, self.used_ids)
        self.made += 1
        # The worst case of a real archive, a "Llama 3 Herd" of 600+ authors, once in any
        # archive of 1,000 papers or more (past the oldest days, so that it is shown).
        k = rng.randint(600, 650) if self.made == self.n * 2 // 3 and self.n >= 1000 else self.authors.count()
        authors = self.authors.draw(k)
        owner = rng.choice(GH_OWNERS) if rng.random() < 0.6 else re.sub(
            r"[^A-Za-z0-9-]", "", unicodedata.normalize("NFKD", authors[0]).split(" ")[0].lower()) or "user"
        return SyntheticPaper(ident, title, authors, area, sys_name, owner, media_lines(rng, ident, frac), terms)

    def author_line(self, paper: SyntheticPaper, frac: float) -> str:
        """The `Authors:` line; only past the oldest era, which has none."""
        rng = self.rng
        names = list(paper.authors)
        doubled_era = in_era("doubled-names", frac)
        if doubled_era or rng.random() < 0.01:
            out = []
            for name in names:
                r = rng.random()
                reps = (1 if r < 0.55 else 2 if r < 0.95 else 3) if doubled_era else (2 if r < 0.08 else 1)
                out.extend([name] * reps)
            names = out
        if in_era("modern", frac) and len(names) >= 8 and rng.random() < 0.04:
            for _ in range(rng.choice((1, 1, 2))):
                names.insert(rng.choice((len(names), rng.randrange(1, len(names)))), "+")
        if in_era("single-quoted", frac):
            text = py_list(names, "'")
        elif in_era("double-quoted", frac):
            text = py_list(names, '"')
        else:
            text = ", ".join(names)
        if rng.random() < 0.04:
            text = unicodedata.normalize("NFD", text)
        return f"Authors: {text}"

    def entry_groups(self, paper: SyntheticPaper, frac: float, votes: int, media: list[str]) -> list[list[str]]:
        """The lines of one paper, grouped as the blank-line style separates them."""
        rng = self.rng
        groups = [[f"### [{paper.title}](https://arxiv.org/abs/{paper.arxiv_id})"]]
        if media:
            groups.append(media)
        if not in_era("oldest", frac):
            vote_dash = 0.30 if in_era("vote-dashes", frac) else 0.008
            groups.append([f"Vote: {'-' if rng.random() < vote_dash else votes}"])
            groups.append([self.author_line(paper, frac)])
            names = {n for n in paper.authors}  # distinct names on this paper
            self.max_authors = max(self.max_authors, len(names))
            self.visible.update(names)
        structured = ""
        if in_era("structured", frac):
            structured = "***" if rng.random() < 0.7 else "**"
        groups.append(self.summaries.bullets(paper.area, paper.sys_name, paper.owner, structured, paper.terms))
        return groups

    def generate(self, out: Path) -> None:
        rng = self.rng
        counts = self.day_counts()
        days = len(counts)
        width = max(3, len(str(days - 1)))
        later: dict[int, list[SyntheticPaper]] = {}  # day index -> papers featured again that day
        for index, count in enumerate(counts):
            day = START + dt.timedelta(days=index)
            frac = index / days
            papers = [self.new_paper(day, frac) for _ in range(count)]
            for p in papers:
                if rng.random() < 0.021:
                    again = index + rng.randint(1, 10)
                    if again < days:
                        later.setdefault(again, []).append(p)
            featured = [(p, p.media) for p in papers]
            for p in later.pop(index, []):
                media = p.media if rng.random() < 0.7 else media_lines(rng, p.arxiv_id, frac)
                featured.insert(rng.randrange(len(featured) + 1), (p, media))
                self.refeatured += 1
            votes = sorted((int(rng.lognormvariate(2.0, 1.0)) for _ in featured), reverse=True)
            if in_era("oldest", frac):
                rng.shuffle(votes)
            blank = not in_era("single-quoted", frac) and rng.random() > 0.03  # that era: none (5)
            split = rng.randrange(3, len(featured) - 2) if len(featured) >= 6 and rng.random() < 0.04 else -1
            header = f"## Daily Papers ({day.isoformat()})"
            chunks = [[[header]]]
            for i, ((paper, media), v) in enumerate(zip(featured, votes)):
                if i == split:
                    chunks.append([[header]])
                chunks.append(self.entry_groups(paper, frac, v, media))
            self.entries += len(featured)
            sep = "\n\n" if blank else "\n"
            text = sep.join("\n".join(g) for chunk in chunks for g in chunk) + sep
            name = f"{index:0{width}d}_{rng.getrandbits(64):016x}.txt"
            (out / name).write_bytes(text.encode("utf-8"))
            self.files += 1
