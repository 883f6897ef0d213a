"""Topic concepts on the seeds: against a gold annotation, bilingual labels, no generic words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from kg.pipeline import load_corpus
from kg.topics import english_key, english_terms, extract_topics
from kg.topics.artifacts import artifact_key, find_artifacts

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def topics(seed_corpus):
    return extract_topics(seed_corpus.papers.values())


def annotation() -> dict[str, list[str]]:
    lines = (DATA / "topics_gold.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {pid: [t.strip() for t in terms.split(";")] for pid, terms in (l.split("\t") for l in lines)}


def names_in_gold() -> dict[str, list[str]]:
    """The gold terms that are names of artifacts (`zeroquant`, `llama 2`): not topics (issue 23)."""
    names = find_artifacts(load_corpus([SEEDS]).papers.values()).names
    return {pid: [t for t in terms if artifact_key(t) in names] for pid, terms in annotation().items()}


def gold() -> dict[str, list[str]]:
    """The gold topics: the annotation less the names of artifacts."""
    names = names_in_gold()
    return {pid: [t for t in terms if t not in names[pid]] for pid, terms in annotation().items()}


def labels(concept) -> set[str]:
    """Every label of a concept, as an English key and without spaces (`pretraining`)."""
    forms = [concept.label] + [label for label, _ in concept.alt_labels]
    return {english_key(f.split()) for f in forms} | {english_key(f.split()).replace(" ", "") for f in forms}


def contains(a: str, b: str) -> bool:
    """One term's words inside the other's ("text-to-3d" in "text-to-3d generation")."""
    a_words, b_words = a.split(), b.split()
    short, long = sorted((a_words, b_words), key=len)
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def match(labels_of: set[str], term: str, partial: bool = False) -> bool:
    """A gold term is one of the labels (any spelling of spaces, hyphens, plural), or, with
    `partial`, one of them contains the other."""
    key = english_key(term.split())
    return bool(labels_of & {key, key.replace(" ", "")}) or (
        partial and any(contains(label, key) for label in labels_of if " " in label or " " in key))


def evaluate(ranked: dict[str, list[set[str]]], gold_terms: dict[str, list[str]],
             partial: bool = False) -> tuple[float, float]:
    """Precision of each paper's top 5 and recall of its top 8, each topic given by its labels."""
    hits = shown = found = wanted = 0
    for pid, terms in gold_terms.items():
        topics = ranked.get(pid, [])
        hits += sum(1 for labels_of in topics[:5] if any(match(labels_of, t, partial) for t in terms))
        shown += len(topics[:5])
        found += sum(1 for t in terms if any(match(labels_of, t, partial) for labels_of in topics[:8]))
        wanted += len(terms)
    return hits / max(shown, 1), found / max(wanted, 1)


def kg_ranked(topics) -> dict[str, list[set[str]]]:
    return {pid: [labels(topics.concepts[k]) for k, _ in assigned] for pid, assigned in topics.assigned.items()}


def test_gold_annotation_covers_every_seed_paper(topics):
    annotated = annotation()
    assert sorted(annotated) == sorted(topics.assigned)
    assert all(3 <= len(t) <= 8 for t in annotated.values())


def reachable() -> dict[str, list[str]]:
    """The gold terms that some candidate of the paper's title or summary stands for, in any spelling
    or language (glosses and thesaurus included): what an extractor can find; the rest is abstractive."""
    from kg.topics import align, collect_terms, compact, load_thesaurus
    papers = list(load_corpus([SEEDS]).papers.values())
    thesaurus = load_thesaurus()
    terms, glosses = collect_terms(papers)
    resolve = align(terms, glosses, thesaurus)
    found = {}
    for pid, wanted_terms in gold().items():
        candidates = terms[pid].title + terms[pid].summary
        keys = {resolve(c.key, pid) for c in candidates} | {c.key for c in candidates}
        keys |= {k for c in candidates for k, _ in thesaurus.spotted(c)}
        keys |= {compact(k) for k in keys}
        found[pid] = [t for t in wanted_terms
                      if {"en:" + english_key(t.split()), compact("en:" + english_key(t.split()))} & keys]
    return found


def yake_ranked() -> dict[str, list[set[str]]]:
    """YAKE's 8 best keyphrases (up to 3 words) of each paper's title and summary, as labels."""
    yake = pytest.importorskip("yake")
    extractor = yake.KeywordExtractor(lan="en", n=3, top=8)
    ranked = {}
    for paper in load_corpus([SEEDS]).papers.values():
        text = paper.title + ".\n" + "\n".join(paper.summary)
        phrases = [phrase for phrase, _ in extractor.extract_keywords(text)]
        ranked[paper.arxiv_id] = [{english_key(p.split()), english_key(p.split()).replace(" ", "")} for p in phrases]
    return ranked


def test_precision_and_recall_against_gold(topics):
    """Scored over the gold terms the text holds (issue 23), YAKE on the same gold beside kg."""
    annotated, within = gold(), reachable()
    share = sum(map(len, within.values())) / sum(map(len, annotated.values()))
    scores = {}
    for name, ranked in (("kg", kg_ranked(topics)), ("YAKE", yake_ranked())):
        scores[name] = evaluate(ranked, within), evaluate(ranked, within, partial=True)
        (p, r), (pp, pr) = scores[name]
        print(f"{name}: precision@5 {p:.3f} recall@8 {r:.3f}; partial: {pp:.3f} / {pr:.3f}")
    p_all, r_all = evaluate(kg_ranked(topics), annotated)
    print(f"gold terms in the text: {share:.3f}; kg against every gold term (abstractive ones too): "
          f"precision@5 {p_all:.3f} recall@8 {r_all:.3f}")
    linked = {pid: {a.key for a in topics.artifacts.values() if pid in a.introduced_by + a.mentioned_by}
              for pid in annotated}
    names = names_in_gold()
    found = sum(1 for pid, terms in names.items() for t in terms if artifact_key(t) in linked[pid])
    print(f"gold names (artifacts, not topics): {sum(map(len, names.values()))}, {found} linked to their paper")
    (precision, recall), (loose_precision, loose_recall) = scores["kg"]
    # Measured 0.578 / 0.762 (partial 0.645 / 0.851); YAKE 0.166 / 0.287; 30 of the 39 gold names
    # linked as artifacts. Floors against regressions, not the goal (issue 23 aims at precision@5 0.8).
    assert precision >= 0.57 and recall >= 0.75
    assert loose_precision >= 0.64 and loose_recall >= 0.84
    assert found >= 30
    (yake_precision, yake_recall), _ = scores["YAKE"]
    assert precision > yake_precision and recall > yake_recall


def test_no_generic_word_is_a_topic(topics):
    generic = {}
    for line in (DATA / "generic_terms.txt").read_text(encoding="utf-8").splitlines():
        language, _, word = line.partition("\t")
        generic.setdefault(language, set()).add(word.strip())
    assert len(generic["en"]) >= 40 and len(generic["ko"]) >= 40
    for concept in topics.concepts.values():
        for label, language in [(concept.label, concept.language), *concept.alt_labels]:
            assert label.lower() not in generic["en"] | generic["ko"], label
            assert label.replace(" ", "") not in {w.replace(" ", "") for w in generic["ko"]}, label


def test_llm_variants_are_one_concept(topics):
    llm = topics.concepts["en:large language model"]
    assert llm.label == "large language model" and llm.language == "en"
    assert ("LLM", "en") in llm.alt_labels
    assert ("대규모 언어 모델", "ko") in llm.alt_labels
    for variant in ("LLMs", "LLM", "large language models"):
        assert not any(c.label == variant for key, c in topics.concepts.items() if key != "en:large language model")


def test_bilingual_concepts_learnt_from_glosses(topics):
    bilingual = [c for c in topics.concepts.values()
                 if {c.language} | {language for _, language in c.alt_labels} >= {"en", "ko"}]
    assert len(bilingual) >= 15
    by_label = {c.label: c for c in bilingual}
    assert ("강화 학습", "ko") in by_label["reinforcement learning"].alt_labels
    assert ("RL", "en") in by_label["reinforcement learning"].alt_labels
    assert ("확산 모델", "ko") in by_label["diffusion model"].alt_labels


def test_no_label_differs_from_another_only_in_case(topics):
    assert topics.concepts["en:attention"].label == "attention"
    for concept in topics.concepts.values():
        labels = [concept.label] + [label for label, _ in concept.alt_labels]
        assert len({label.casefold() for label in labels}) == len(labels)


# --- artifacts: named models, datasets and systems are nodes of their own, not topics ---------

def test_a_title_names_the_artifact_its_paper_introduces(topics):
    artifacts = topics.artifacts
    assert (artifacts["lumiere"].label, artifacts["lumiere"].introduced_by) == ("Lumiere", ("2401.12945",))
    assert [artifacts[k].label for k in ("zebra", "holodeck", "zeroquant(4+2)", "sotopiaπ", "orion14b")] == [
        "Zebra", "Holodeck", "ZeroQuant(4+2)", "SOTOPIA-π", "Orion-14B"]
    # Not names: a question, a verb, a long phrase before the colon.
    assert not {"rethinkingfid", "largelanguagemodelsaresuperpositionsofallcharacters"} & set(artifacts)
    # A name is no topic: not Lumiere's, not GPT-4 wherever it is written.
    assert not {"en:lumiere", "en:zebra", "en:holodeck", "en:GPT-4", "en:gpt-4", "en:clip", "en:CLIP"} & set(topics.concepts)


def test_artifacts_mentioned_by_several_papers(topics):
    artifacts = topics.artifacts
    assert artifacts["gpt4"].mentioned_by == (
        "2312.08926", "2312.09067", "2401.10020", "2401.10225", "2401.12954", "2403.08715")
    assert artifacts["clip"].mentioned_by == ("2312.08578", "2312.09187", "2401.09603")
    # LLaMA as the text writes it: `Llama-2와`, `Llama 2 70B`, `LLaMA-2-70B-Chat은` are Llama 2, a version of LLaMA.
    assert artifacts["llama2"].mentioned_by == ("2312.08688", "2401.10020", "2401.12522", "2403.07918")
    assert (artifacts["llama2"].version_of, artifacts["llama"].papers) == ("llama", 4)
    assert (artifacts["gpt4"].kind, artifacts["mtbench"].kind, artifacts["openrlhf"].kind) == ("model", "dataset", "software")


def test_versioned_names_stay_whole():
    from kg.records import Paper
    summary = ["GPT-3.5와 Claude-2.1, Llama-3.1-8B, Qwen2-VL을 비교하고 BitNet b1.58을 쓴다.",
               "GPT-3.5보다 Llama-3.1-8B가 낫다. FP8 양자화와 Top-5 정확도, Text-to-3D 생성."]
    papers = [Paper(f"2401.0000{i}", "A Study", "", (), (), None, (), tuple(summary)) for i in (1, 2)]
    found = find_artifacts(papers)
    versions = {a.label: found.nodes[a.version_of].label for a in found.nodes.values() if a.version_of}
    assert versions == {"Claude-2.1": "Claude", "GPT-3.5": "GPT-3", "GPT-3": "GPT", "Llama-3.1-8B": "Llama 3", "Llama 3": "LLaMA",
                        "Qwen2-VL": "Qwen"}
    assert not {"fp8", "top5", "textto3d"} & found.names
    # An introduced version that no other paper names still brings its families, all the way up.
    one = find_artifacts([Paper("2401.00003", "Llama-3.1-8B-Zeta: A Study", "", (), (), None, (), ())])
    assert {k: a.version_of for k, a in one.nodes.items()} == {"llama3.18bzeta": "llama3", "llama3": "llama", "llama": ""}


def test_spacing_and_plural_variants_are_one_term():
    assert english_key("Text-to-Video".split()) == english_key("text to video".split())
    assert english_key(["LLMs"]) == english_key(["LLM"])
    assert [c.display for c in english_terms("Diffusion Models")] == ["diffusion model"]


def test_an_adverb_ends_a_term_only_at_its_end():
    assert [c.display for c in english_terms("Language Models Scale Reliably")][0] == "language models scale"
    assert [c.display for c in english_terms("Weakly Supervised Learning")][0] == "weakly supervised learning"
    assert [c.display for c in english_terms("Monarch Butterfly")][0] == "monarch butterfly"


def test_each_paper_gets_at_most_eight_ranked_topics(topics):
    for assigned in topics.assigned.values():
        assert len(assigned) <= 8
        scores = [s for _, s in assigned]
        assert scores == sorted(scores, reverse=True)


def test_korean_spacing_variants_join(tmp_path):
    from kg.records import Featuring, Paper
    import datetime as dt
    def paper(i, bullet):
        return Paper(f"2401.0000{i}", f"Paper {i}", "", (Featuring(dt.date(2024, 1, 1), "x", i),), (), None, (),
                     (bullet,))
    found = extract_topics([paper(1, "확산모델(diffusion model)을 쓴다."), paper(2, "확산 모델을 쓴다.")])
    concept = found.concepts["en:diffusion model"]
    assert concept.papers == 2 and ("확산모델", "ko") in concept.alt_labels or ("확산 모델", "ko") in concept.alt_labels


def test_title_terms_on_the_seeds(topics):
    def labels_of(pid):
        return [topics.concepts[k].label for k, _ in topics.assigned[pid]]
    # A title's own phrase stays beside the shared term inside it.
    assert labels_of("2405.11582")[:2] == ["linear attention", "transformer"]
    assert "parameter-efficient fine-tuning" in labels_of("2405.12130")
    # An acronym inside a phrase is spelled out as the input spells it elsewhere:
    # "RLHF Framework" gives the concept the summaries gloss, and "MLLM" is its thesaurus concept.
    assert labels_of("2405.11143")[0] == "reinforcement learning from human feedback"
    assert "multimodal large language model" in labels_of("2405.12107")
    # "Language Models Scale Reliably": the adverb ends the phrase; `bias` is not made singular.
    assert not any("reliably" in label for pid in topics.assigned for label in labels_of(pid))
    assert "en:bias" in topics.concepts and "en:bia" not in topics.concepts
    # An acronym a hyphenated modifier is made of is a term: "a New FP6-Centric Strategy".
    assert set(labels_of("2312.08583")[:4]) == {"FP6", "large language model", "quantization", "ZeroQuant"}


def test_acronym_inside_a_phrase_joins_its_spelled_out_form():
    import datetime as dt
    from kg.records import Featuring, Paper

    def paper(i, title, bullet):
        return Paper(f"2401.0000{i}", title, "", (Featuring(dt.date(2024, 1, 1), "x", i),), (), None, (),
                     (bullet,))
    found = extract_topics([paper(1, "Modular LLMs at Scale", "Large Language Models (LLMs) 를 쓴다."),
                            paper(2, "Routing for Modular Large Language Models", "모듈을 쓴다.")])
    concept = found.concepts["en:modular large language model"]
    assert concept.papers == 2 and ("modular LLM", "en") in concept.alt_labels


def test_thesaurus_maps_both_languages_and_finds_terms_inside_phrases(topics):
    fine_tuning = topics.concepts["en:fine tuning"]
    assert fine_tuning.label == "fine-tuning" and ("미세 조정", "ko") in fine_tuning.alt_labels
    vlm = topics.concepts["en:vision language model"]
    assert vlm.label == "vision-language model"
    assert {"visual language model", "VLM"} <= {label for label, _ in vlm.alt_labels}
    # "LLMs Quantization" in a title: the vocabulary term inside the phrase is a topic of its own.
    assert "en:quantization" in dict(topics.assigned["2312.08583"])


def test_user_thesaurus_wins_and_an_empty_concept_drops_a_term(tmp_path):
    from kg.topics import load_thesaurus
    import datetime as dt
    from kg.records import Featuring, Paper

    def paper(i, title, bullet):
        return Paper(f"2401.0000{i}", title, "", (Featuring(dt.date(2024, 1, 1), "x", i),), (), None, (),
                     (bullet,))
    papers = [paper(1, "Sparse Mixture Routing for Video Diffusion", "희소 라우팅을 쓴다."),
              paper(2, "Sparse Mixture Routing at Scale", "희소 라우팅은 빠르다.")]
    default = extract_topics(papers)
    assert "en:sparse mixture routing" in default.concepts
    mine = tmp_path / "thesaurus.tsv"
    mine.write_text("term\tconcept\nsparse mixture routing\tmixture of experts\n희소 라우팅\tmixture of experts\n"
                    "# a comment\nvideo diffusion\t\n", encoding="utf-8")
    found = extract_topics(papers, thesaurus=load_thesaurus([mine]))
    moe = found.concepts["en:mixture of expert"]
    assert moe.label == "mixture of experts" and moe.papers == 2
    assert ("희소 라우팅", "ko") in moe.alt_labels and ("sparse mixture routing", "en") in moe.alt_labels
    assert not any("video diffusion" in c.label for c in found.concepts.values())


@pytest.mark.parametrize("text, line, message", [
    ("term\tconcept\na\tb\tc\n", 2, "expected term<TAB>concept, got 3 fields"),
    ("term\tconcept\n# fine\n\t\n\tdiffusion model\n", 4, "the term has no Latin or Hangul letter: ''"),
    ("term\tconcept\nfoo\t---\n", 2, "the concept has no Latin or Hangul letter: '---'"),
    ("term\tconcept\n멀티모달 LLM\tmultimodal LLM\n", 2,
     "the term mixes Hangul and Latin letters, which no term found in a text does: '멀티모달 LLM'"),
])
def test_malformed_thesaurus_row_names_its_line(tmp_path, text, line, message):
    from kg.topics import ThesaurusError, read_thesaurus
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThesaurusError) as error:
        read_thesaurus(path)
    assert str(error.value) == f"{path}:{line}: {message}"


def test_shipped_glossary_is_well_formed():
    from kg.topics import shipped_glossary, term_key
    rows = shipped_glossary()
    assert len(rows) >= 250
    keys = [term_key(term) for term, _ in rows]
    assert len(keys) == len(set(keys)), "a term twice"
    assert all(concept for _, concept in rows)


def test_build_takes_a_thesaurus_file_or_one_in_the_input_folder(tmp_path):
    import shutil
    from conftest import run_kg
    import networkx as nx
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    (inputs / "thesaurus.tsv").write_text("term\tconcept\n미세 조정\tfinetuning of models\nfine-tuning\tfinetuning of models\n",
                                          encoding="utf-8")
    result = run_kg("build", inputs, "--out", tmp_path / "out", "--html-max-nodes", "10")
    assert result.exit_code == 0, result.output
    assert f"topic thesaurus: {inputs / 'thesaurus.tsv'} over the shipped glossary" in result.output
    labels = {d["label"] for _, d in nx.read_graphml(tmp_path / "out" / "topics.graphml").nodes(data=True)}
    assert "finetuning of models" in labels and "fine-tuning" not in labels

    broken = tmp_path / "broken.tsv"
    broken.write_text("term\tconcept\nfoo\tbar\tbaz\n", encoding="utf-8")
    result = run_kg("topics", inputs, "--thesaurus", broken)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {broken}:2: expected term<TAB>concept, got 3 fields"


def test_renaming_a_shipped_concept_keeps_it_whole(tmp_path):
    from kg.topics import load_thesaurus
    mine = tmp_path / "t.tsv"
    mine.write_text("label\treplace by\nlarge language model\tLLM\n", encoding="utf-8")  # VOSviewer's header
    thesaurus = load_thesaurus([mine])
    for term in ("en:large language model", "en:llm", "ko:대규모언어모델"):
        assert thesaurus.concept(term) == "en:llm", term
    assert thesaurus.concept("en:label") is None


def test_the_korean_analyzer_is_injected_not_patched():
    """Any object with Kiwi's `tokenize` is an analyzer; without tokens only the titles give terms."""
    from conftest import SEEDS
    from kg.pipeline import load_corpus

    class NoTokens:
        texts: list[str] = []

        def tokenize(self, texts):
            self.texts += texts
            return [[] for _ in texts]

    papers = list(load_corpus([SEEDS]).papers.values())[:5]
    analyzer = NoTokens()
    found = extract_topics(papers, analyzer=analyzer, min_papers=1)
    assert analyzer.texts == ["\n".join(p.summary) for p in papers]
    assert found.concepts and all(c.language == "en" for c in found.concepts.values())


def test_version_numbers_are_not_cut_at_their_dot():
    """`GPT-3.5` was "GPT-3", `BitNet b1.58` "BitNet b1" (issue 23); a sentence's period still ends a phrase."""
    from kg.topics.korean import analyse_summaries, revived

    found = [c.display for c in english_terms("GPT-3.5, Claude-2.1, BitNet b1.58 and Llama-3.1-8B are compared.")]
    assert found[:4] == ["GPT-3.5", "claude-2.1", "BitNet b1.58", "llama-3.1-8B"]
    assert [c.display for c in english_terms("CLIP. Diffusion model 2.")] == ["CLIP", "diffusion model"]
    [analysis] = analyse_summaries(["GPT-3.5와 BitNet b1.58, Llama-3.1-8B 모델을 비교한다."])
    assert [c.display for c in revived(analysis)[1]] == ["GPT-3.5", "BitNet b1.58", "llama-3.1-8B"]


SINGLE_NOUN = """## Daily Papers (2024-06-03)

### [Reasoning and Acting Agents](https://arxiv.org/abs/2406.90001)
Authors: Ann Lee
- 에이전트의 추론과 실행(acting)을 번갈아 수행한다. 실행 단계가 핵심이다.

### [Faster Code Interpreters](https://arxiv.org/abs/2406.90002)
Authors: Bo Chen
- 인터프리터가 코드의 실행을 빠르게 한다. 빠른 실행이 목표다.

### [Curiosity Bonuses](https://arxiv.org/abs/2406.90003)
Authors: Cy Diaz
- 강화 학습 에이전트의 탐색(exploration)을 돕는 보너스를 제안한다.

### [Count-Based Bonuses](https://arxiv.org/abs/2406.90004)
Authors: Dee Eng
- 방문 횟수로 탐색(exploration)을 장려한다.

### [Sparse Rewards in Mazes](https://arxiv.org/abs/2406.90005)
Authors: Eve Fox
- 희소 보상 미로에서 탐색을 분석한다. 탐색 효율이 중요하다. 정책의 실행도 비교한다.
"""


def test_a_single_korean_noun_joins_english_only_on_gloss_evidence(tmp_path):
    """One paper's `실행(acting)` no longer makes every 실행 "acting" (issue 23: 18 papers of the
    real sample); `탐색`, glossed `exploration` by two papers, is exploration where unglossed."""
    from kg.identity import resolve
    from kg.parse import parse_digest

    digests, _ = parse_digest(SINGLE_NOUN, "single.md")
    papers = list(resolve(digests).papers.values())
    found = extract_topics(papers, min_papers=1)
    labels = {pid: {found.concepts[k].label for k, _ in assigned} for pid, assigned in found.assigned.items()}
    assert "acting" in labels["2406.90001"]  # its own gloss
    assert "acting" not in labels["2406.90002"] | labels["2406.90005"], labels
    assert "exploration" in labels["2406.90005"]


ACRONYMS = """## Daily Papers (2024-06-04)

### [Room Acoustics from a Single Recording](https://arxiv.org/abs/2406.90011)
Authors: Ann Lee
- 오디오 신호에서 IR(impulse response)을 추정하는 방법을 제안한다. 추정한 IR로 잔향을 합성한다.

### [Dense Passage Search for Questions](https://arxiv.org/abs/2406.90012)
Authors: Bo Chen
- 질의응답을 위한 IR(information retrieval) 모델을 학습한다. IR 성능이 향상된다.

### [Knowledge Graphs for Search Agents](https://arxiv.org/abs/2406.90013)
Authors: Cy Diaz
- 지식 그래프를 이용하는 IR 파이프라인을 설계한다. IR 단계의 오류를 줄인다.
"""


def test_an_acronym_follows_its_own_paper_and_stays_itself_when_the_input_disagrees():
    """`IR` was "impulse response" in a knowledge-retrieval paper (issue 23): each paper's own gloss
    decides; a paper without one keeps `IR` when the input spells it out two ways."""
    from kg.identity import resolve
    from kg.parse import parse_digest

    digests, _ = parse_digest(ACRONYMS, "acronyms.md")
    found = extract_topics(list(resolve(digests).papers.values()), min_papers=1)
    labels = {pid: {found.concepts[k].label for k, _ in assigned} for pid, assigned in found.assigned.items()}
    assert "impulse response" in labels["2406.90011"] and "information retrieval" not in labels["2406.90011"]
    assert "information retrieval" in labels["2406.90012"] and "impulse response" not in labels["2406.90012"]
    assert "IR" in labels["2406.90013"], labels
    assert not {"impulse response", "information retrieval"} & labels["2406.90013"]
