"""The parser, one test per variant of ../shared/FORMAT.md, and the input it refuses.

Each variant has a fixture digest in tests/fixtures/variants/ (`NN_name.md`, NN the
variant's number in FORMAT.md) and a test named `test_variant_NN_...`. Entries are
compared whole (`Entry(...) == Entry(...)`), so ids, titles, authors in order, votes,
media, summary bullets, dates and source lines are all checked at once. Variants
whose point is identity (one paper, one person) are also checked through
`kg.identity.resolve` / `kg.pipeline.load_corpus`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from kg.errors import InputWarning, ParseError
from kg.identity import name_key, resolve
from kg.parse import arxiv_id_from_url, find_digest_files, parse_digest, read_digest, split_authors
from kg.pipeline import load_corpus
from kg.records import Digest, Entry

VARIANTS = Path(__file__).resolve().parent / "fixtures" / "variants"
CDN = "https://cdn-uploads.huggingface.co/production/uploads/60f1abe7544c2adfd699860c/"
THUMBS = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/"

# --------------------------------------------------------------------------
# Fixtures whose exact bytes matter (NFD text, control characters, 320 names).
# They are committed under tests/fixtures/variants/; `test_generated_fixtures_
# are_current` checks the committed bytes against these definitions, so an
# editor that "cleans" a control character or re-normalizes Unicode is caught.
# --------------------------------------------------------------------------

AMELIE_NFC = unicodedata.normalize("NFC", "Amélie Héliou")
AMELIE_NFD = unicodedata.normalize("NFD", "Amélie Héliou")
MATKO_NFC = unicodedata.normalize("NFC", "Matko Bošnjak")
MATKO_NFD = unicodedata.normalize("NFD", "Matko Bošnjak")

ACCENTED_TEXT = f"""## Daily Papers (2024-05-22)

### [Towards Principled Graph Transformers](https://arxiv.org/abs/2405.90091)

Vote: 8

Authors: {AMELIE_NFD}, {MATKO_NFD}, Xianyu

- 이 논문의 저자 이름은 NFD(분해형) 유니코드로 적혀 있다.

### [Grokked Transformers are Implicit Reasoners](https://arxiv.org/abs/2405.90092)

Vote: 3

Authors: {AMELIE_NFC}, {MATKO_NFC}, Jian Hu

- 같은 사람의 이름이 NFC(조합형)로 적혀 있어도 한 사람으로 인식되어야 한다.
"""

HUGE_FIRST = ["Wei", "Ana", "Yuki", "Omar", "Lena", "Ravi", "Chen", "Sofia",
              "Ivan", "Mina", "Jonas", "Priya", "Diego", "Hana", "Kofi", "Elif"]
HUGE_LAST = ["Zhang", "Garcia", "Tanaka", "Haddad", "Novak", "Patel", "Kim", "Rossi",
             "Petrov", "Park", "Berg", "Singh", "Lopez", "Sato", "Mensah", "Yilmaz",
             "Nguyen", "Müller", "Dubois", "Okafor"]
HUGE_AUTHORS = [f"{first} {last}" for last in HUGE_LAST for first in HUGE_FIRST]  # 320 people

HUGE_TEXT = f"""## Daily Papers (2024-07-31)

### [The Llama 3 Herd of Models](https://arxiv.org/abs/2407.21783)

![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png)

Vote: 105

Authors: {", ".join(HUGE_AUTHORS)}

- 다국어, 코딩, 추론, 도구 사용을 기본 지원하는 새로운 파운데이션 모델 집합인 Llama 3를 소개한다.
- 가장 큰 모델은 4050억 개의 파라미터와 최대 128K 토큰의 컨텍스트 창을 가진 밀집 트랜스포머이다.
"""

# \x08 = `\b` of `\beta`, \x0c = `\f` of `\frac`, \x0b = `\v` of `\vec`, \t = `\t` of
# `\textit`: LaTeX commands mangled by a JSON/C escaper. `$\nabla^2$` keeps a real
# backslash (a mangled `\n` would be a line break, which no one can repair).
LATEX_TEXT = (
    "## Daily Papers (2024-07-12)\n"
    "\n"
    "### [$\x08eta$-DPO: Direct Preference Optimization with Dynamic $\x08eta$](https://arxiv.org/abs/2407.08639)\n"
    "\n"
    "Vote: 12\n"
    "\n"
    "Authors: Junkang Wu, Yuexiang Xie\n"
    "\n"
    "- 고정된 $\x08eta$ 대신 배치 수준에서 동적으로 $\x08eta$를 보정하는 $\x08eta$-DPO를 제안한다.\n"
    "- SOTOPIA-$π$처럼 수식 기호가 들어간 이름과 \textit{강조} 텍스트도 보존되어야 한다.\n"
    "\n"
    "### [LLM×MapReduce: Simplified Long-Sequence Processing using Large Language Models](https://arxiv.org/abs/2410.09342)\n"
    "\n"
    "Vote: 27\n"
    "\n"
    "Authors: Zihan Zhou, Chong Li\n"
    "\n"
    "- 분할 정복(divide-and-conquer) 방식으로 긴 시퀀스를 처리하는 LLM×MapReduce 프레임워크를 제안한다.\n"
    "\n"
    "### [$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset of Drug-Like Molecules and a Benchmark for Neural Network Potentials](https://arxiv.org/abs/2406.14347)\n"
    "\n"
    "Vote: 5\n"
    "\n"
    "Authors: Kuzma Khrabrov, Anton Ber\n"
    "\n"
    "- 분자 에너지의 $L_2$ 오차와 $\x0crac{1}{2}$ 스케일을 사용한 신경망 포텐셜 벤치마크를 제공한다.\n"
    "\n"
    "### [SOTOPIA-$π$ Meets $L_2$: Regularized $\x0crac{1}{N}$ Agents with $\x0bec{v}$ Features](https://arxiv.org/abs/2407.90014)\n"
    "\n"
    "Vote: 2\n"
    "\n"
    "Authors: Hao Zhu\n"
    "\n"
    "- 폼 피드(\x0c)와 백스페이스(\x08) 문자가 글자 앞이 아니면 복원할 수 없으므로 지운다.\n"
)

GENERATED = {
    "09_accented_names.md": ACCENTED_TEXT,
    "10_huge_author_list.md": HUGE_TEXT,
    "14_latex_control_chars.md": LATEX_TEXT,
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def fixture(name: str) -> Path:
    return VARIANTS / name


def read_clean(name: str) -> list[Digest]:
    """The digests of a fixture, which must parse without any warning."""
    digests, warnings = read_digest(fixture(name))
    assert warnings == []
    return digests


def entries_of(name: str) -> list[Entry]:
    return [e for d in read_clean(name) for e in d.entries]


def corpus_of(name: str):
    corpus = resolve(read_clean(name))
    assert corpus.warnings == []
    return corpus


def entry(name: str, line: int, arxiv_id: str, title: str, date: str, **fields) -> Entry:
    """The Entry expected from fixture `name` for the heading on `line`."""
    return Entry(
        arxiv_id=arxiv_id, title=title, url=fields.pop("url", f"https://arxiv.org/abs/{arxiv_id}"),
        date=dt.date.fromisoformat(date), source=str(fixture(name)), line=line, **fields,
    )


def test_generated_fixtures_are_current():
    """09, 10 and 14 hold bytes an editor could silently change (NFD, control chars)."""
    for name, text in GENERATED.items():
        assert fixture(name).read_bytes() == text.encode("utf-8"), f"regenerate {name}"
    raw = fixture("14_latex_control_chars.md").read_bytes()
    assert raw.count(b"\x08") == 6 and raw.count(b"\x0c") == 3 and b"\x0b" in raw and b"\t" in raw
    raw = fixture("09_accented_names.md").read_bytes()
    assert AMELIE_NFD.encode() in raw and AMELIE_NFC.encode() in raw and AMELIE_NFD != AMELIE_NFC


def test_every_variant_has_a_fixture():
    names = sorted(p.name for p in VARIANTS.glob("*.md"))
    # 17 is a variant FORMAT.md does not list (docs/format.md): links whose text is a URL, relative media
    assert [n[:3] for n in names] == [f"{i:02d}_" for i in range(1, 18)]


def test_all_fixtures_load_together_without_warnings():
    corpus = load_corpus([VARIANTS])
    assert corpus.warnings == []
    assert corpus.files == 17
    assert len(corpus.papers) == 35


# --------------------------------------------------------------------------
# The variants, in FORMAT.md order
# --------------------------------------------------------------------------

def test_variant_01_no_authors_no_vote():
    name = "01_no_authors_no_vote.md"
    [digest] = read_clean(name)
    assert (digest.date, digest.line, digest.source) == (dt.date(2023, 5, 4), 1, str(fixture(name)))
    assert list(digest.entries) == [
        entry(name, 3, "2305.02301",
              "Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data "
              "and Smaller Model Sizes", "2023-05-04",
              authors=(), votes=None, media=(),
              summary=(
                  "대규모 언어 모델(LLM)은 뛰어난 성능을 보이지만 메모리와 연산 비용 때문에 실제 서비스에 배포하기 어렵다.",
                  "본 논문은 LLM이 생성한 근거(rationale)를 추가 감독 신호로 활용해 작은 모델을 학습시키는 "
                  "Distilling step-by-step 방법을 제안한다.",
                  "770M 파라미터의 T5 모델이 벤치마크의 80% 데이터만으로 540B PaLM 모델을 능가한다.",
              )),
        entry(name, 9, "2305.01625", "Unlimiformer: Long-Range Transformers with Unlimited Length Input",
              "2023-05-04",
              authors=(), votes=None, media=(CDN + "Ul1mIf0rMeRThumb.png",),
              summary=(
                  "Unlimiformer는 사전 학습된 인코더-디코더 트랜스포머가 입력 길이 제한 없이 동작하도록 하는 방법이다.",
                  "모든 레이어의 어텐션 연산을 k-최근접 이웃(kNN) 인덱스로 대체하여 50만 토큰 이상의 입력도 처리할 수 있다.",
              )),
    ]
    corpus = corpus_of(name)
    assert [p.authors for p in corpus.papers.values()] == [(), ()]
    assert corpus.authors == {}


DEEPSEEK_SUMMARY = (
    "DeepSeekMath 7B는 Common Crawl에서 수집한 수학 관련 토큰 120B개로 DeepSeek-Coder-Base-v1.5 7B를 계속 사전 학습한 모델이다.",
    "외부 도구나 투표 기법 없이 MATH 벤치마크에서 51.7%를 달성해 Gemini-Ultra와 GPT-4 수준에 근접했다.",
    "PPO의 변형인 GRPO(Group Relative Policy Optimization)를 도입해 메모리 사용량을 줄이면서 수학적 추론 능력을 향상시켰다.",
)


def test_variant_02_no_blank_lines():
    name = "02_no_blank_lines.md"
    expected = [
        entry(name, 2, "2402.03300",
              "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models", "2024-02-07",
              authors=("Zhihong Shao", "Peiyi Wang", "Qihao Zhu", "Runxin Xu", "Junxiao Song"), votes=41,
              media=(CDN + "dSm4thThumbNa1l.png",), summary=DEEPSEEK_SUMMARY),
        entry(name, 9, "2402.03620",
              "Self-Discover: Large Language Models Self-Compose Reasoning Structures", "2024-02-07",
              authors=("Pei Zhou", "Jay Pujara", "Xiang Ren", "Xinyun Chen"), votes=17, media=(),
              summary=("LLM이 작업마다 고유한 추론 구조를 스스로 구성하는 SELF-DISCOVER 프레임워크를 소개한다.",
                       "BigBench-Hard와 MATH 등에서 CoT 대비 최대 32% 성능이 향상되었다.")),
    ]
    assert entries_of(name) == expected
    # The same digest with Windows line ends (and a BOM) reads the same.
    crlf = b"\xef\xbb\xbf" + fixture(name).read_bytes().replace(b"\n", b"\r\n")
    [digest], warnings = parse_digest(crlf.decode("utf-8-sig"), str(fixture(name)))
    assert warnings == [] and list(digest.entries) == expected


def test_a_watch_video_link_without_parentheses_is_media():
    """Real sample 2023-12-04: `[Watch Video]url`, a link the Markdown never closed; not summary text."""
    text = ("## Daily Papers (2023-12-04)\n\n### [MoMask](https://arxiv.org/abs/2312.00063)\n\n"
            f"[Watch Video]{CDN}ob-BfUnlpfbNY3H3N8b_f.mp4\n"
            f'<div><video controls src="{CDN}ob-BfUnlpfbNY3H3N8b_f.mp4" muted="false"></video></div>\n\n'
            "Authors: Chuan Guo, Yuxuan Mu\n\n- 'MoMask'는 새로운 마스킹 모델링 프레임워크입니다.\n")
    [digest], warnings = parse_digest(text, "2023-12-04.md")
    [entry] = digest.entries
    assert warnings == [] and entry.media == (CDN + "ob-BfUnlpfbNY3H3N8b_f.mp4",)
    assert entry.summary == ("'MoMask'는 새로운 마스킹 모델링 프레임워크입니다.",)


def test_variant_03_media():
    name = "03_media.md"
    expected_media = {
        "2401.90001": (CDN + "lUm1eReThumbnail.gif",),                 # ![](url)
        "2401.90002": (CDN + "gi8z5i6oJ7XQDiUOYF5UP.mp4",),            # [Watch Video](url) + <div><video ...>
        "2401.90003": (CDN + "2g0hPK7dYkqTD52QfhiNV.qt",),             # bare <video src='url'>
    }
    entries = entries_of(name)
    assert {e.arxiv_id: e.media for e in entries} == expected_media
    assert [e.line for e in entries] == [3, 13, 24]
    assert [e.votes for e in entries] == [38, 18, 5]
    assert [e.authors for e in entries] == [("Hila Chefer", "Tali Dekel"), ("Yinan Zhang", "Eric Tzeng"), ("Omer Tov",)]
    # Media lines are not summary bullets.
    assert [e.summary for e in entries] == [
        ("텍스트-투-비디오 확산 모델인 Lumiere는 Space-Time U-Net 아키텍처로 동영상 전체 길이를 한 번에 생성한다.",),
        ("인간의 선호도, 구성성, 공정성에 관한 보상 함수로 확산 모델을 개선하는 확장 가능한 강화 학습(RL) 알고리즘을 제시한다.",),
        ("썸네일이 video 태그 하나로만 주어진 경우도 미디어로 인식되어야 한다.",),
    ]
    assert {p.arxiv_id: p.media for p in corpus_of(name).papers.values()} == expected_media


def test_variant_04_vote_dash_is_unknown_not_zero():
    name = "04_vote_dash.md"
    entries = entries_of(name)
    assert [(e.arxiv_id, e.votes, e.line) for e in entries] == [
        ("2405.90041", None, 3), ("2405.90004", 0, 13), ("2405.10938", 12, 21)]
    assert entries[0].media == (THUMBS + "2405.90041.png",)
    assert entries[0].authors == ("Jihwan Kim", "Junoh Kang", "Jinyoung Choi", "Bohyung Han")
    assert entries[0].title == "FIFO-Diffusion: Generating Infinite Videos from Text without Training"
    votes = {p.arxiv_id: p.votes for p in corpus_of(name).papers.values()}
    assert votes == {"2405.90041": None, "2405.90004": 0, "2405.10938": 12}
    assert votes["2405.90041"] is None and votes["2405.90004"] == 0


def test_variant_05_authors_as_python_list():
    name = "05_authors_python_list.md"
    entries = entries_of(name)
    # Line 7 is a valid Python list mixing ' and " quotes; line 16 has an unescaped
    # apostrophe inside single quotes ('Sinéad O'Brien'), which is not valid Python.
    assert [(e.arxiv_id, e.line, e.votes, e.authors) for e in entries] == [
        ("2309.05463", 3, 22, ("Yuanzhi Li", "Tim O'Neil", "Sébastien Bubeck", "Ronen Eldan")),
        ("2309.03409", 12, 9, ("Chengrun Yang", "Xuezhi Wang", "Sinéad O'Brien", "Quoc V. Le")),
    ]
    assert entries[0].summary == (
        "자연어 상식 추론에 초점을 맞춘 13억 파라미터 모델 phi-1.5를 소개한다.",
        "교과서 품질의 합성 데이터로 학습하여 5배 큰 모델과 비슷한 성능을 보인다.",
    )
    corpus = corpus_of(name)
    assert corpus.authors["tim o'neil"].name == "Tim O'Neil"
    assert corpus.authors["sinéad o'brien"].name == "Sinéad O'Brien"


@pytest.mark.parametrize("value, names", [
    ("['Ann Lee', 'Bo Chen']", ["Ann Lee", "Bo Chen"]),
    ('["Ann Lee", "Bo Chen"]', ["Ann Lee", "Bo Chen"]),
    ("['Ann Lee', \"Tim O'Neil\", 'Bo Chen']", ["Ann Lee", "Tim O'Neil", "Bo Chen"]),
    ("['Tim O'Neil', 'Bo Chen']", ["Tim O'Neil", "Bo Chen"]),
    ("['Tim O'Neil']", ["Tim O'Neil"]),
    ("['Ann Lee', 'Bo Chen',]", ["Ann Lee", "Bo Chen"]),
    ("[' Ann Lee ', '']", ["Ann Lee"]),
    ("[]", []),
    ("Hila Chefer, Tali Dekel", ["Hila Chefer", "Tali Dekel"]),
    ("Hila Chefer,  Tali Dekel ,", ["Hila Chefer", "Tali Dekel"]),
    ("Xianyu", ["Xianyu"]),
])
def test_variant_05_split_authors(value, names):
    assert split_authors(value) == names


def test_variant_06_repeated_names_one_authorship():
    name = "06_repeated_names.md"
    [e] = entries_of(name)
    # The parser keeps the list as written ...
    assert e.authors == ("Jiaming Han", "Jiaming Han", "Kaixiong Gong", "Kaixiong Gong", "Kaixiong Gong")
    assert (e.arxiv_id, e.line, e.votes) == ("2406.90006", 3, 7)
    # ... identity makes it two people, two authorships.
    corpus = corpus_of(name)
    assert corpus.papers["2406.90006"].authors == ("jiaming han", "kaixiong gong")
    assert sorted(corpus.authors) == ["jiaming han", "kaixiong gong"]


def test_variant_07_plus_is_not_a_person():
    name = "07_plus_placeholder.md"
    [e] = entries_of(name)
    assert e.authors == ("Michael Ahn", "Debidatta Dwibedi", "+", "Chelsea Finn", "Sergey Levine")
    corpus = corpus_of(name)
    assert corpus.papers["2401.90007"].authors == (
        "michael ahn", "debidatta dwibedi", "chelsea finn", "sergey levine")
    assert "+" not in corpus.authors and len(corpus.authors) == 4


def test_variant_08_team_authors_are_organizations():
    name = "08_team_authors.md"
    assert [(e.arxiv_id, e.line, e.authors) for e in entries_of(name)] == [
        ("2408.00118", 3, ("Gemma Team", "Morgane Riviere", "Shreya Pathak")),
        ("2408.90008", 13, ("Octo Model Team", "Dibya Ghosh", "Homer Walke")),
    ]
    corpus = corpus_of(name)
    organizations = {k: a.name for k, a in corpus.authors.items() if a.is_organization}
    assert organizations == {"gemma team": "Gemma Team", "octo model team": "Octo Model Team"}
    # An organization still holds its authorship, in its place.
    assert corpus.papers["2408.00118"].authors == ("gemma team", "morgane riviere", "shreya pathak")
    assert corpus.papers["2408.90008"].authors[0] == "octo model team"
    assert not corpus.authors["morgane riviere"].is_organization


def test_variant_09_accented_and_single_token_names():
    name = "09_accented_names.md"
    entries = entries_of(name)
    # The parser keeps the bytes as written: NFD in the first paper, NFC in the second.
    assert [(e.arxiv_id, e.line, e.authors) for e in entries] == [
        ("2405.90091", 3, (AMELIE_NFD, MATKO_NFD, "Xianyu")),
        ("2405.90092", 11, (AMELIE_NFC, MATKO_NFC, "Jian Hu")),
    ]
    corpus = corpus_of(name)
    amelie, matko = name_key(AMELIE_NFC), name_key(MATKO_NFC)
    assert sorted(corpus.authors) == sorted([amelie, matko, "xianyu", "jian hu"])
    assert corpus.papers["2405.90091"].authors == (amelie, matko, "xianyu")
    assert corpus.papers["2405.90092"].authors == (amelie, matko, "jian hu")
    # The displayed name is NFC even though the NFD spelling was seen first.
    assert corpus.authors[amelie].name == AMELIE_NFC
    assert corpus.authors[matko].name == MATKO_NFC
    assert corpus.authors["xianyu"].name == "Xianyu" and not corpus.authors["xianyu"].is_organization


def test_variant_10_huge_author_list():
    name = "10_huge_author_list.md"
    [e] = entries_of(name)
    assert (e.arxiv_id, e.title, e.line, e.votes) == ("2407.21783", "The Llama 3 Herd of Models", 3, 105)
    assert len(e.authors) == 320
    assert list(e.authors) == HUGE_AUTHORS
    assert e.authors[0] == "Wei Zhang" and e.authors[-1] == "Elif Okafor"
    assert e.media == (THUMBS + "2407.21783.png",) and len(e.summary) == 2
    corpus = corpus_of(name)
    assert len(corpus.papers["2407.21783"].authors) == 320
    assert len(corpus.authors) == 320
    assert corpus.authors["ana müller"].name == "Ana Müller"


def test_variant_11_two_headers_same_date():
    name = "11_same_date_two_headers.md"
    digests = read_clean(name)
    assert [(d.date, d.line, [e.arxiv_id for e in d.entries]) for d in digests] == [
        (dt.date(2024, 3, 14), 1, ["2403.09611"]),
        (dt.date(2024, 3, 14), 11, ["2403.09629"]),
    ]
    second = digests[1].entries[0]
    assert second == entry(
        name, 13, "2403.09629", "Quiet-STaR: Language Models Can Teach Themselves to Think Before Speaking",
        "2024-03-14", authors=("Eric Zelikman", "Georges Harik"), votes=28,
        summary=("언어 모델이 각 토큰마다 근거를 생성해 미래 텍스트를 더 잘 예측하도록 학습하는 Quiet-STaR를 제안한다.",))
    corpus = load_corpus([fixture(name)])
    assert corpus.warnings == []
    assert corpus.dates == [dt.date(2024, 3, 14)]
    assert {p.arxiv_id: p.dates for p in corpus.papers.values()} == {
        "2403.09611": (dt.date(2024, 3, 14),), "2403.09629": (dt.date(2024, 3, 14),)}


INFINI = "Leave No Context Behind: Efficient Infinite Context Transformers with Infini-attention"
INFINI_AUTHORS = ("Tsendsuren Munkhdalai", "Manaal Faruqui", "Siddharth Gopal")


def test_variant_12_same_paper_on_two_dates():
    name = "12_same_paper_two_dates.md"
    digests = read_clean(name)
    assert [(d.date, d.line, [(e.arxiv_id, e.line) for e in d.entries]) for d in digests] == [
        (dt.date(2024, 4, 10), 1, [("2404.07143", 3)]),
        (dt.date(2024, 4, 11), 13, [("2404.07143", 15), ("2404.06654", 25)]),
    ]
    assert digests[1].entries[0] == entry(
        name, 15, "2404.07143", INFINI, "2024-04-11", authors=INFINI_AUTHORS, votes=45,
        media=(THUMBS + "2404.07143.png",), summary=("다음 날 다이제스트에 다시 소개된 같은 논문이다.",))
    corpus = corpus_of(name)
    assert sorted(corpus.papers) == ["2404.06654", "2404.07143"]
    paper = corpus.papers["2404.07143"]
    assert paper.dates == (dt.date(2024, 4, 10), dt.date(2024, 4, 11))
    assert paper.title == INFINI
    assert paper.authors == tuple(name_key(a) for a in INFINI_AUTHORS)
    assert paper.votes == 45                                   # the highest count seen
    assert paper.media == (THUMBS + "2404.07143.png",)         # not repeated
    assert paper.summary == ("제한된 메모리와 연산으로 무한히 긴 입력을 처리하는 Infini-attention을 제안한다.",)
    assert (paper.source, paper.line) == (str(fixture(name)), 3)  # first featured
    assert len(corpus.authors) == 5


def test_variant_12_same_paper_in_two_files_any_order(digest_dir):
    """Across files too; the earlier date is 'first seen' even when its file sorts last."""
    text = fixture("12_same_paper_two_dates.md").read_text(encoding="utf-8")
    first, second = text.split("## Daily Papers (2024-04-11)")
    late = digest_dir("a_late.md", "## Daily Papers (2024-04-11)" + second)
    early = digest_dir("b_early.md", first)
    corpus = load_corpus([digest_dir.dir])
    assert corpus.warnings == [] and corpus.files == 2
    paper = corpus.papers["2404.07143"]
    assert paper.dates == (dt.date(2024, 4, 10), dt.date(2024, 4, 11))
    # Named from the folder given, wherever it sits.
    assert (paper.source, paper.line, paper.votes) == (f"{digest_dir.dir.name}/{early.name}", 3, 45)
    assert [p.name for p in find_digest_files([digest_dir.dir])] == [late.name, early.name]


def test_variant_13_structured_and_nested_bullets():
    name = "13_structured_bullets.md"
    [e] = entries_of(name)
    assert e == entry(
        name, 3, "2409.18869", "Emu3: Next-Token Prediction is All You Need", "2024-10-02",
        authors=("Xinlong Wang", "Xiaosong Zhang"), votes=88,
        summary=(
            "***What's New***: Emu3는 다음 토큰 예측만으로 학습한 멀티모달 모델이다.",
            "**Technical Details**: 이미지, 텍스트, 비디오를 이산 토큰 공간으로 변환한다.",
            "(1) 비전 토크나이저로 이미지를 토큰화한다.",
            "(2) 단일 트랜스포머를 처음부터 학습한다.",
            "1. **Tokenizer**: SBER-MoVQGAN 기반 토크나이저를 사용한다.",
            "2. **Architecture**: Llama-2 구조를 따른다.",
            "***Performance Highlights***: SDXL과 LLaVA-1.6을 능가한다.",
        ))
    assert corpus_of(name).papers["2409.18869"].summary == e.summary


XML_ILLEGAL_CHARS = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def test_variant_14_latex_and_control_characters():
    name = "14_latex_control_chars.md"
    entries = entries_of(name)
    # A \x0c or \x0b inside a line is not a line break: four papers, at their real lines.
    assert [(e.arxiv_id, e.line, e.votes) for e in entries] == [
        ("2407.08639", 3, 12), ("2410.09342", 12, 27), ("2406.14347", 20, 5), ("2407.90014", 28, 2)]
    # The parser keeps titles as written, control characters included.
    assert [e.title for e in entries] == [
        "$\x08eta$-DPO: Direct Preference Optimization with Dynamic $\x08eta$",
        "LLM×MapReduce: Simplified Long-Sequence Processing using Large Language Models",
        "$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset of Drug-Like Molecules "
        "and a Benchmark for Neural Network Potentials",
        "SOTOPIA-$π$ Meets $L_2$: Regularized $\x0crac{1}{N}$ Agents with $\x0bec{v}$ Features",
    ]
    assert entries[3].authors == ("Hao Zhu",)
    assert entries[0].summary[1] == "SOTOPIA-$π$처럼 수식 기호가 들어간 이름과 \textit{강조} 텍스트도 보존되어야 한다."

    # Identity repairs the mangled LaTeX and drops what cannot be repaired.
    papers = corpus_of(name).papers
    assert papers["2407.08639"].title == "$\\beta$-DPO: Direct Preference Optimization with Dynamic $\\beta$"
    assert papers["2407.08639"].summary == (
        "고정된 $\\beta$ 대신 배치 수준에서 동적으로 $\\beta$를 보정하는 $\\beta$-DPO를 제안한다.",
        "SOTOPIA-$π$처럼 수식 기호가 들어간 이름과 \\textit{강조} 텍스트도 보존되어야 한다.",
    )
    assert papers["2410.09342"].title.startswith("LLM×MapReduce: ")
    assert papers["2406.14347"].title.startswith("$\\nabla^2$DFT: ")
    assert papers["2406.14347"].summary == (
        "분자 에너지의 $L_2$ 오차와 $\\frac{1}{2}$ 스케일을 사용한 신경망 포텐셜 벤치마크를 제공한다.",)
    assert papers["2407.90014"].title == (
        "SOTOPIA-$π$ Meets $L_2$: Regularized $\\frac{1}{N}$ Agents with $\\vec{v}$ Features")
    assert papers["2407.90014"].summary == (
        "폼 피드()와 백스페이스() 문자가 글자 앞이 아니면 복원할 수 없으므로 지운다.",)
    for paper in papers.values():
        for text in (paper.title, *paper.summary):
            assert not XML_ILLEGAL_CHARS & set(text), text


def test_variant_15_links_in_summaries_kept_verbatim():
    name = "15_summary_links.md"
    [e] = entries_of(name)
    assert e == entry(
        name, 3, "2401.90015", "Self-Rewarding Language Models (Code Release)", "2024-01-19",
        authors=("Weizhe Yuan", "Jason Weston"), votes=6, media=(),
        summary=(
            "코드는 https://github.com/OFA-Sys/Ditto에서 오픈소스로 제공한다.",
            "프로젝트 페이지(https://lumiere-video.github.io/)를 참조하라.",
            "모델은 [GitHub](https://github.com/lucidrains/self-rewarding-lm-pytorch)에서, "
            "데모는 https://huggingface.co/spaces/owner/demo.에서 확인할 수 있다.",
        ),
        links=("https://github.com/OFA-Sys/Ditto", "https://lumiere-video.github.io/",
               "https://github.com/lucidrains/self-rewarding-lm-pytorch", "https://huggingface.co/spaces/owner/demo"))
    assert corpus_of(name).papers["2401.90015"].summary == e.summary


def test_variant_16_markdown_characters_in_titles():
    name = "16_markdown_title.md"
    assert [(e.arxiv_id, e.line, e.title, e.url) for e in entries_of(name)] == [
        ("2308.03825", 3,
         '"Do Anything Now": Characterizing and Evaluating In-The-Wild Jailbreak Prompts on Large Language Models',
         "https://arxiv.org/abs/2308.03825"),
        ("2310.19785", 11,
         'What\'s "up" with vision-language models? Investigating their struggle with spatial reasoning',
         "https://arxiv.org/abs/2310.19785"),
        ("2311.90016", 19, "[CLS] Token Is All You Need? Q&A with 99% Fewer [MASK] Tokens: Part [2]",
         "https://arxiv.org/abs/2311.90016"),
        ("2311.90017", 27, "Linking [Text](Images) & 100% Recall (Really?)",
         "https://arxiv.org/abs/2311.90017"),
    ]
    titles = {p.arxiv_id: p.title for p in corpus_of(name).papers.values()}
    assert titles["2311.90016"] == "[CLS] Token Is All You Need? Q&A with 99% Fewer [MASK] Tokens: Part [2]"


# --------------------------------------------------------------------------
# Heading URLs
# --------------------------------------------------------------------------

@pytest.mark.parametrize("url, arxiv_id", [
    ("https://arxiv.org/abs/2401.12945", "2401.12945"),
    ("https://arxiv.org/abs/2401.12945v2", "2401.12945"),
    ("http://arxiv.org/pdf/2401.12945v1.pdf", "2401.12945"),
    ("https://huggingface.co/papers/2401.12945", "2401.12945"),
    ("https://arxiv.org/abs/0704.0001", "0704.0001"),
    ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
    ("https://example.com/paper.pdf", None),
    ("https://arxiv.org/abs/", None),
    ("https://github.com/owner/repo", None),
    ("", None),
])
def test_arxiv_id_from_url(url, arxiv_id):
    assert arxiv_id_from_url(url) == arxiv_id


# --------------------------------------------------------------------------
# Line splitting: only "\n" ends a line
# --------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_only_newline_ends_a_line(char):
    """str.splitlines() also breaks at these; a digest line must not."""
    text = (
        "## Daily Papers (2024-01-24)\n"
        f"### [A {char}title](https://arxiv.org/abs/2401.00001)\n"
        "Authors: Ann Lee\n"
        f"- one {char}bullet\n"
        "### [B](https://arxiv.org/abs/2401.00002)\n"
    )
    [digest], warnings = parse_digest(text, "x.md")
    assert warnings == []
    assert [(e.arxiv_id, e.line, e.title, e.summary) for e in digest.entries] == [
        ("2401.00001", 2, f"A {char}title", (f"one {char}bullet",)),
        ("2401.00002", 5, "B", ()),
    ]


# --------------------------------------------------------------------------
# What is not the format: whole-file errors name the file (and line)
# --------------------------------------------------------------------------

KOREAN_DIGEST = (
    "## Daily Papers (2024-01-24)\n"
    "\n"
    "### [루미에르: 시공간 확산 모델](https://arxiv.org/abs/2401.12945)\n"
    "\n"
    "- 본 논문에서는 동영상을 합성하는 텍스트-투-비디오 확산 모델을 소개합니다.\n"
)


def test_cp949_file_is_refused_with_a_guess(digest_dir):
    path = digest_dir("korean_cp949.md", KOREAN_DIGEST.encode("cp949"))
    with pytest.raises(ParseError) as info:
        read_digest(path)
    error = info.value
    assert (error.path, error.line) == (str(path), 3)
    message = str(error)
    assert message.startswith(f"{path}:3: not UTF-8")
    assert "CP949" in message and "UTF-8" in message


def test_binary_file_is_refused(digest_dir):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    path = digest_dir("thumbnail.md", png)
    with pytest.raises(ParseError) as info:
        read_digest(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}") and "binary" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(digest_dir, content):
    path = digest_dir("empty.md", content)
    with pytest.raises(ParseError) as info:
        read_digest(path)
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: empty file"


def test_file_without_header_is_refused(digest_dir):
    path = digest_dir("no_header.md", KOREAN_DIGEST.split("\n", 2)[2])
    with pytest.raises(ParseError) as info:
        read_digest(path)
    assert (info.value.path, info.value.line) == (str(path), 1)
    assert "no '## Daily Papers (YYYY-MM-DD)' header" in str(info.value)


def test_unreadable_path_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError) as info:
        read_digest(tmp_path / "missing.md")
    assert info.value.path == str(tmp_path / "missing.md") and "cannot read file" in str(info.value)


def test_bad_files_are_skipped_and_good_ones_kept(digest_dir):
    good = digest_dir("a_good.md", fixture("02_no_blank_lines.md").read_text(encoding="utf-8"))
    cp949 = digest_dir("b_cp949.md", KOREAN_DIGEST.encode("cp949"))
    binary = digest_dir("c_binary.md", b"\x00\x01\x02\x03")
    empty = digest_dir("d_empty.md", b"")
    corpus = load_corpus([digest_dir.dir])
    assert corpus.files == 4
    assert sorted(corpus.papers) == ["2402.03300", "2402.03620"]
    folder = digest_dir.dir.name
    assert corpus.papers["2402.03300"].source == f"{folder}/{good.name}"
    assert [(w.path, w.line) for w in corpus.warnings] == [
        (f"{folder}/{cp949.name}", 3), (f"{folder}/{binary.name}", 0), (f"{folder}/{empty.name}", 0)]
    assert all(w.message.startswith("file skipped: ") for w in corpus.warnings)


# --------------------------------------------------------------------------
# Line faults: a warning names file and line, the rest of the file is kept
# --------------------------------------------------------------------------

def warnings_of(text: str, digest_dir, name: str = "digest.md"):
    path = digest_dir(name, text)
    digests, warnings = read_digest(path)
    assert all(w.path == str(path) for w in warnings)
    return path, digests, [(w.line, w.message) for w in warnings]


def test_invalid_date_skips_its_papers_with_a_warning_each(digest_dir):
    text = (
        "## Daily Papers (2024-02-30)\n"                          # 1
        "\n"                                                      # 2
        "### [Paper A](https://arxiv.org/abs/2402.00001)\n"       # 3
        "Vote: 3\n"                                               # 4
        "Authors: Ann Lee\n"                                      # 5
        "- 요약 A\n"                                               # 6
        "### [Paper B](https://arxiv.org/abs/2402.00002)\n"       # 7
        "- 요약 B\n"                                               # 8
        "## Daily Papers (2024-02-29)\n"                          # 9
        "### [Paper C](https://arxiv.org/abs/2402.00003)\n"       # 10
        "Authors: Bo Chen\n"                                      # 11
    )
    path, digests, warnings = warnings_of(text, digest_dir)
    assert warnings == [
        (1, "invalid date '2024-02-30' in header (expected a real YYYY-MM-DD)"),
        (3, "paper skipped: its header (line 1) has no valid date"),
        (7, "paper skipped: its header (line 1) has no valid date"),
    ]
    assert [(d.date, d.line, [(e.arxiv_id, e.line, e.authors) for e in d.entries]) for d in digests] == [
        (dt.date(2024, 2, 29), 9, [("2402.00003", 10, ("Bo Chen",))])]
    assert str(InputWarning(str(path), 1, "x")) == f"{path}:1: x"


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-5", "20240105",
                                  "2024-W03-3", "24-01-05", "yesterday", ""])
def test_invalid_header_dates(digest_dir, date):
    text = f"## Daily Papers ({date})\n### [A](https://arxiv.org/abs/2401.00001)\n"
    _, digests, warnings = warnings_of(text, digest_dir)
    assert digests == []
    assert warnings == [
        (1, f"invalid date {date!r} in header (expected a real YYYY-MM-DD)"),
        (2, "paper skipped: its header (line 1) has no valid date"),
    ]


def test_heading_without_url_skips_that_paper_only(digest_dir):
    text = (
        "## Daily Papers (2024-01-24)\n"                          # 1
        "### Lumiere: A Space-Time Diffusion Model\n"             # 2
        "Vote: 38\n"                                              # 3
        "Authors: Hila Chefer\n"                                  # 4
        "- 요약\n"                                                 # 5
        "### [Lumiere, again](#)\n"                               # 6
        "### [Small Language Model](https://arxiv.org/abs/2401.12503)\n"  # 7
        "Authors: En Yu\n"                                        # 8
    )
    _, [digest], warnings = warnings_of(text, digest_dir)
    assert warnings == [
        (2, "paper skipped: heading has no '[title](url)' link"),
        (6, "paper skipped: no arXiv id in URL '#'"),
    ]
    assert [(e.arxiv_id, e.line, e.authors) for e in digest.entries] == [("2401.12503", 7, ("En Yu",))]


def test_url_without_arxiv_id_skips_that_paper_only(digest_dir):
    text = (
        "## Daily Papers (2024-01-24)\n"                                          # 1
        "\n"                                                                      # 2
        "### [A Blog Post, Not a Paper](https://example.com/blog/lumiere.html)\n"  # 3
        "\n"                                                                      # 4
        "Vote: 2\n"                                                               # 5
        "\n"                                                                      # 6
        "### [Lumiere](https://arxiv.org/abs/2401.12945v2)\n"                     # 7
    )
    path, [digest], warnings = warnings_of(text, digest_dir)
    assert warnings == [(3, "paper skipped: no arXiv id in URL 'https://example.com/blog/lumiere.html'")]
    assert [(e.arxiv_id, e.line, e.url) for e in digest.entries] == [
        ("2401.12945", 7, "https://arxiv.org/abs/2401.12945v2")]


def test_paper_before_header_and_stray_text(digest_dir):
    text = (
        "### [Early](https://arxiv.org/abs/2401.00001)\n"   # 1
        "- 헤더 앞의 논문\n"                                  # 2
        "## Daily Papers (2024-01-24)\n"                     # 3
        "Some preamble the script wrote.\n"                  # 4
        "### [Kept](https://arxiv.org/abs/2401.00002)\n"     # 5
    )
    _, [digest], warnings = warnings_of(text, digest_dir)
    assert warnings == [
        (1, "paper skipped: it comes before any '## Daily Papers (YYYY-MM-DD)' header"),
        (4, "text outside any paper ignored"),
    ]
    assert [e.arxiv_id for e in digest.entries] == ["2401.00002"]


def test_unknown_vote_is_a_warning_and_unknown(digest_dir):
    text = "## Daily Papers (2024-01-24)\n### [A](https://arxiv.org/abs/2401.00001)\nVote: many\n"
    _, [digest], warnings = warnings_of(text, digest_dir)
    assert warnings == [(3, "unknown vote 'many' kept as unknown")]
    assert digest.entries[0].votes is None
