"""Author names: unique person names drawn by culture, and who writes each paper (Authors)."""

from __future__ import annotations

import itertools
from random import Random

from . import load

_DATA = load("names")
POOLS: dict[str, list[str]] = {key: text.split() for key, text in _DATA["pools"].items()}
CULTURES: dict[str, int] = _DATA["cultures"]
INITIALS: str = _DATA["initials"]
TEAMS: list[str] = _DATA["teams"]


def weights(n: int, s: float = 0.9) -> list[float]:
    """Cumulative Zipf weights for a list of n names, most common first."""
    return list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))


class Names:
    """Unique person names (unique up to case, as `kg` keys them) drawn by culture."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.taken: set[str] = set()  # membership only: never iterated
        self.cw = {key: weights(len(POOLS[key])) for key in
                   ("cn_surnames", "kr_surnames", "jp_last", "in_last", "eu_last", "vn_last", "ar_last")}
        self.cultures = list(CULTURES)
        self.culture_cw = list(itertools.accumulate(CULTURES.values()))

    def surname(self, pool: str) -> str:
        """A surname drawn Zipf-like: a few are very common, as in real author lists."""
        return self.rng.choices(POOLS[pool], cum_weights=self.cw[pool])[0]

    def draw(self) -> str:
        rng = self.rng
        p = POOLS
        culture = rng.choices(self.cultures, cum_weights=self.culture_cw)[0]
        if culture == "cn":
            given = rng.choice(p["cn_syllable1"]) + (rng.choice(p["cn_syllable2"]) if rng.random() < 0.8 else "")
            return f"{given} {self.surname('cn_surnames')}"
        if culture == "eu":
            middle = f" {rng.choice(INITIALS)}." if rng.random() < 0.12 else ""
            return f"{rng.choice(p['eu_first'])}{middle} {self.surname('eu_last')}"
        if culture == "in":
            return f"{rng.choice(p['in_first'])} {self.surname('in_last')}"
        if culture == "acc":
            r = rng.random()
            if r < 0.4:
                return f"{rng.choice(p['acc_first'])} {rng.choice(p['acc_last'])}"
            if r < 0.7:
                return f"{rng.choice(p['acc_first'])} {self.surname('eu_last')}"
            return f"{rng.choice(p['eu_first'])} {rng.choice(p['acc_last'])}"
        if culture == "kr":
            a, b = rng.choice(p["kr_syllable1"]), rng.choice(p["kr_syllable2"])
            r = rng.random()
            given = a + b if r < 0.6 else f"{a}-{b}" if r < 0.85 else f"{a}-{b.capitalize()}"
            return f"{given} {self.surname('kr_surnames')}"
        if culture == "jp":
            return f"{rng.choice(p['jp_first'])} {self.surname('jp_last')}"
        if culture == "vn":
            middle = f" {rng.choice(p['vn_first'])}" if rng.random() < 0.4 else ""
            return f"{rng.choice(p['vn_first'])}{middle} {self.surname('vn_last')}"
        if culture == "ar":
            return f"{rng.choice(p['ar_first'])} {self.surname('ar_last')}"
        return f"{rng.choice(p['eu_first'])} {self.surname('cn_surnames')}"  # "mix": "Jack Zhang"

    def new(self) -> str:
        rng = self.rng
        if rng.random() < 0.003:
            name = rng.choice(POOLS["single_token"]) + ("" if rng.random() < 0.5 else rng.choice(POOLS["cn_syllable2"]))
            if name.casefold() not in self.taken:
                self.taken.add(name.casefold())
                return name
        for attempt in range(12):
            name = self.draw()
            if attempt >= 6:  # crowded: disambiguate like real people do, with an initial
                first, _, last = name.rpartition(" ")
                name = f"{first} {rng.choice(INITIALS)}. {last}"
            key = name.casefold()
            if key not in self.taken:
                self.taken.add(key)
                return name
        n = 2
        while f"{name} {n}".casefold() in self.taken:  # practically never
            n += 1
        self.taken.add(f"{name} {n}".casefold())
        return f"{name} {n}"


class Authors:
    """Who writes papers: team assembly as Guimerà, Uzzi, Spiro and Amaral model it
    (Science 308, 2005). Each place on a paper goes to a newcomer or to an incumbent, drawn
    in proportion to past papers (a Yule process: prolific authors exist); an incumbent is
    often a past co-author of an incumbent already on the paper, so teams write together
    again. A paper is a returning team's (few newcomers, mostly past co-authors) or a new
    team's. The rates are the real sample's: four in five authors have one paper, 4.8% of
    co-author pairs share another paper, and half the papers hold such a pair."""

    P_RETURNING = 0.42
    P_NEWCOMER = {True: 0.45, False: 0.88}  # a place's chance of a newcomer: returning team, new team
    P_PAST_COAUTHOR = {True: 0.9, False: 0.2}
    TEAM = 25  # larger papers are not remembered as teams (kg's --max-coauthors)

    def __init__(self, rng: Random):
        self.rng = rng
        self.names = Names(rng)
        self.people: list[str] = []  # author id -> name
        self.slots: list[int] = []  # one entry per authorship: preferential draws
        self.teams_of: list[list[list[int]]] = []  # author id -> author lists of their papers (up to TEAM)

    def count(self) -> int:
        rng = self.rng
        if rng.random() < 0.002:  # consortium papers: 100-650, most near the low end
            return int(100 * 6.5 ** (rng.random() ** 3))
        if rng.random() < 0.012:  # large collaborations, 26-99 authors
            return int(26 * (99 / 26) ** rng.random())
        return max(1, min(60, round(rng.lognormvariate(2.0, 0.45))))

    def past_coauthor(self, incumbents: list[int], on_paper: set[int]) -> int:
        """A co-author of a past paper of an incumbent on this one (drawn per paper), or -1."""
        rng = self.rng
        for _ in range(3):
            teams = self.teams_of[incumbents[rng.randrange(len(incumbents))]]
            if teams:
                team = teams[rng.randrange(len(teams))]
                candidate = team[rng.randrange(len(team))]
                if candidate not in on_paper:
                    return candidate
        return -1

    def incumbent(self, on_paper: set[int]) -> int:
        """An author drawn in proportion to their past papers, or -1."""
        for _ in range(3):
            candidate = self.slots[self.rng.randrange(len(self.slots))]
            if candidate not in on_paper:
                return candidate
        return -1

    def draw(self, k: int) -> list[str]:
        rng = self.rng
        random = rng.random
        returning = k < 100 and random() < self.P_RETURNING
        p_newcomer, p_past = self.P_NEWCOMER[returning], self.P_PAST_COAUTHOR[returning]
        chosen: list[int] = []
        incumbents: list[int] = []
        on_paper: set[int] = set()  # membership only
        for _ in range(k):
            pick = -1
            if self.slots and random() >= p_newcomer:
                if incumbents and random() < p_past:
                    pick = self.past_coauthor(incumbents, on_paper)
                if pick < 0:
                    pick = self.incumbent(on_paper)
                if pick >= 0:
                    incumbents.append(pick)
            if pick < 0:
                pick = len(self.people)
                self.people.append(self.names.new())
                self.teams_of.append([])
            chosen.append(pick)
            on_paper.add(pick)
        self.slots.extend(chosen)
        if k <= self.TEAM:
            for author in chosen:
                self.teams_of[author].append(chosen)
        names = [self.people[i] for i in chosen]
        if rng.random() < 0.004 or (k >= 100 and rng.random() < 0.3):
            team = TEAMS[min(int(rng.paretovariate(1.0)) - 1, len(TEAMS) - 1)]
            if k <= 2 and rng.random() < 0.5:
                names = [team]
            else:
                names.insert(rng.choice((0, 0, len(names), rng.randrange(len(names) + 1))), team)
        return names
