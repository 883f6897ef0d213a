#!/usr/bin/env python3
"""Generate a synthetic archive of daily paper digests, for benchmarking `kg`.

    python benchmarks/make_corpus.py N --out DIR [--seed 0]

Writes about N distinct papers (exactly N arXiv ids, plus ~2% re-featured on a
later date) as one digest file per day, about 15 papers a day, on consecutive
days from 2023-05-01. Files are named like the real ones (`NNN_<16 hex>.txt`)
and use every variant of ../shared/FORMAT.md, in proportions meant to resemble
a real archive whose writing script changed over time:

    days (share of the archive)   shape
    first  6%                     oldest: no Authors, no Vote (variant 1)
    6% - 16%                      Python-list authors ['A', "O'B"], no blank lines (2, 5)
    16% - 24%                     Python-list authors with double quotes ["A", "B"]
    24% - end                     modern: media, `Vote: N`, `Authors: A, B`, bullets
      37% - 50%                   names repeated in a row (`A, A, B`), as in Dec 2023 (6)
      26% - 29%                   many `Vote: -` (4)
      last 25%                    a third of the summaries structured (13)

and, scattered: media as `![](url)`, `[Watch Video](url)` + `<div><video ...>`
or `<video src='...'>` (3), `+` placeholders (7), team authors (8), accented
names, written in NFD on ~4% of author lines (9), 0.5% of papers with 100-650
authors (10), a second header with the same date in ~4% of files (11), LaTeX and
control characters (\\x08, \\x0c, \\t where `\\beta`, `\\frac`, `\\textit` were)
in a few titles and bullets (14), GitHub and project links with Korean particles
glued on (15), titles with brackets, colons, `?`, `&`, `%`, quotes (16).

Authors come from a growing pool with preferential reuse (a Yule/Zipf-like
process: prolific authors exist) and research groups (co-authors recur); about
5 distinct authors per paper, so N=5000 gives roughly 25,000 authors.

Deterministic: the same N and --seed give byte-identical files (one
random.Random, no clock, no hash()). Standard library only. Files in DIR named
like generated digests (`NNN_<hex>.txt`) are removed first, so a smaller run
does not leave stale days behind; other files are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
import sys
import time
import unicodedata
from pathlib import Path
from random import Random

START = dt.date(2023, 5, 1)
FILE_NAME = re.compile(r"^\d{3,}_[0-9a-f]{16}\.txt$")

# --------------------------------------------------------------------------- names

CN_SURNAMES = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng
Wei Su Lu Ding Ren Shen Yao Jin Fu Zhong Tan Jia Fan Qin Dai Xia Shi Qiu Hou Bai Cui Kang Mao Qian Yan
Meng Mo Kong Tao Hao Xiong Gu Wen Bao Lei Qi Ni Fang Lyu Yin Duan Chang Wan Geng Yi Ou Ge Niu Zou Yue
Lai Jiao Chu Hua Xing Sheng Shao Long""".split()
CN_SYL1 = """Xiao Jia Zhi Yu Hao Wen Jian Ming Yi Jun Chen Xin Zi Yun Hong Wei Rui Tian Jing Hui Qing
Yong Li Jie Lei Kai Zhen Shu Yan Xiang Peng Long Hai Bo Cheng Ze Si Meng Ya Shi Tong Guang Hua Xue Fei
Dong Ning Zhong Han Jin Kun Qi Xuan Yuan Zhe Shuai Ruo Huai Chun Ke""".split()
CN_SYL2 = """yu ming hao wei jie xuan yi han lin ting yang feng hui jun chen kai rui xin long wen qing
hong bo tao lei yuan zhe ning nan fan sheng hang kun heng rong xu peng jia tian zhou an bin cong di
yue xiang qi lu hua zhen chao gang ying""".split()
KR_SURNAMES = """Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo
Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Woo Min Ryu Na Chung""".split()
KR_SYL1 = "Ji Min Seo Jae Hyun Dong Sung Young Jun Woo Tae Sang Hye Eun Soo Joon Hee Yeon Kyung Hyo Su Ha Do Se Yoo Chan In Jin Ye Da".split()
KR_SYL2 = "hoon woo jin min soo young ho won yeon bin seok hyun jun sung eun kyu hwan ah in hee ran jae wook gyu seong".split()
JP_FIRST = """Takashi Hiroshi Kenji Yuki Haruto Sota Ren Yuto Kaito Daiki Shun Ryo Naoki Kazuki Satoshi Takumi
Yusuke Kohei Akira Yui Aoi Hina Sakura Mei Misaki Ayaka Nanami Rina Yuka Emi Kenta Shota Tatsuya Taro
Masaki Kei Daisuke Tomoya Shunsuke Koki""".split()
JP_LAST = """Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki
Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Okada
Goto Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujita Nishimura Fukuda Ota Miura Fujii
Okamoto Matsuda Nakagawa Harada Ono Takeuchi Kaneko Wada Nakano""".split()
IN_FIRST = """Aditya Rahul Priya Ankit Arjun Rohan Vikram Sanjay Deepak Neha Pooja Kavya Aman Siddharth Karthik
Nikhil Abhishek Ananya Shreya Varun Manish Rajesh Suresh Ashish Gaurav Harsh Ishaan Kunal Meera Nitin
Pranav Rohit Sachin Tanmay Vivek Yash Divya Anirudh Aakanksha Surya Himanshu Kshitij Janardhan Vasu
Mihir Ritvik Sumanth Aravind Bhavya Chaitanya""".split()
IN_LAST = """Sharma Gupta Patel Singh Kumar Reddy Iyer Rao Nair Mehta Jain Agarwal Verma Chopra Joshi Mishra
Das Bose Banerjee Chatterjee Mukherjee Pandey Saxena Srinivasan Krishnan Raman Menon Pillai Bhat Kulkarni
Deshmukh Shah Malhotra Kapoor Bhatt Garg Tiwari Dubey Yadav Chowdhery Sahni Bhupatiraju Ganguli""".split()
EU_FIRST = """James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony
Mark Steven Paul Andrew Joshua Kevin Brian George Edward Ryan Jacob Nicholas Eric Jonathan Stephen
Justin Benjamin Samuel Alexander Patrick Jack Dennis Tyler Aaron Henry Adam Nathan Zachary Kyle Peter
Noah Ethan Oliver Lucas Mason Logan Max Felix Jonas Leon Lukas Jan Tim Tobias Florian Sebastian Julian
Fabian Niklas Moritz Luca Marco Matteo Lorenzo Alessandro Francesco Giovanni Pietro Federico Andrea
Stefano Pablo Carlos Javier Miguel Diego Alejandro Sergio Ivan Dmitry Alexey Sergey Nikita Mikhail
Andrei Pavel Igor Yury Oleg Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen
Nancy Lisa Emily Emma Olivia Sophia Isabella Mia Charlotte Amelia Harper Evelyn Abigail Hannah Anna
Laura Julia Clara Lena Sophie Marie Sara Elena Maria Irina Natalia Olga Tatiana Ekaterina Chelsea Hila
Tali Inbar Noa Omer Yonatan Tomer Roni Lior Yaron Oran Omri Ariel Kate Clare Rachel Quentin Mats
Kristian Volodymyr Yannick Gheorghe Feryal Satinder""".split()
EU_LAST = """Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin
Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker
Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris
Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson
Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster Schmidt Schneider Fischer Weber Meyer
Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Neumann Schwarz Braun Zimmermann Krause Hartmann
Lange Werner Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
Costa Garcia Rodriguez Martinez Hernandez Lopez Sanchez Ramirez Torres Flores Rivera Ivanov Smirnov
Kuznetsov Popov Volkov Sokolov Lebedev Kozlov Novikov Morozov Petrov Levine Finn Cohen Levy Friedman
Katz Shapiro Dekel Michaeli Lipman Yariv Ephrat Mosseri Bar-Tal Parker-Holder Romero-Soriano
Jones-Smith O'Neil O'Brien O'Connor D'Amour D'Souza McKinney MacDonald McKinzie Baumli Comanici
Flennerhag Holsheimer Schaul Tacchetti Sifre Mesnard Botev Belilovsky Ibrahim Anthony Urbanek Bordes
Astolfi Kislyuk Tzeng""".split()
ACC_FIRST = """Amélie Léonard Timothée Hélène Élodie Jérôme Séverine Adrià Iñigo José Jesús Ramón Joaquín
Sebastián Óscar Álvaro Zoë Søren Björn Jürgen Jörg Günter Łukasz Paweł Michał Matěj Tomáš Jiří Ondřej
Çağlar Gökhan Barış İlker Ömer Anaïs Noémie Maëlle Joël Raphaël François Benoît Rémi Frédéric Cédric
Andrés Ángel Mónica Inês João Gonçalo Sérgio Zoltán Ádám Gábor Dániel Niccolò""".split()
ACC_LAST = """Héliou Bošnjak Rivière Rocktäschel Müller Nießner Gómez Peña Dvořák Žižka Øvrelid Ødegaard
Gündoğan Thérien Lesort Hussenot Jégou Pérez Martín Fernández González Sánchez Jiménez Muñoz Álvarez
Núñez Šarić Kovačević Jovanović Wójcik Kowalczyk Łaszkiewicz Schölkopf Sünderhauf Gärtner Höfler
Brückner Schäfer Krähenbühl Lévy Mézard Lefèvre Fréchet Sjöberg Löfgren Nyström Åström Håkansson
Çelik Öztürk Yılmaz Şahin Doğan Kılıç Araújo Conceição Gonçalves Simões Magalhães Horváth Kovács Szabó
Tóth""".split()
VN_FIRST = "Anh Minh Duc Huy Khoa Linh Quang Thanh Tuan Trung Hieu Long Nam Phuong Thao Trang Dat Hung Khanh Tung".split()
VN_LAST = "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly".split()
AR_FIRST = """Mohammad Ali Reza Hossein Amir Mehdi Ahmed Omar Youssef Karim Fatima Layla Zahra Hassan Mustafa
Khalid Tariq Nasser Parisa Mahdi Arash Yasmin""".split()
AR_LAST = """Hosseini Ahmadi Mohammadi Rezaei Karimi Hassan Khan Rahman Haddad Nasser Farhadi Saberi Abbasi
Ibrahim Mahmoud Mansour Saleh Jafari Moradi Sadeghi""".split()
SINGLE_TOKEN = "Xianyu Mausam Anoop Kolya Ashwin Jiahui Seunghyun Tanvir Yiming Kunal".split()
INITIALS = "ABCDEFGHJKLMNPRSTVW"

TEAMS = """Gemma Team|Octo Model Team|Qwen Team|Llama Team|GLM Team|Kimi Team|Gemini Team|Chameleon Team|
InternLM Team|MiniMax Team|Reka Team|Hunyuan Team|Seed Team|Step-Video Team|Yi Team|Baichuan Team|
Falcon LLM Team|Aya Team|OLMo Team|SmolLM Team""".replace("\n", "").split("|")


def weights(n: int, s: float = 0.9) -> list[float]:
    """Cumulative Zipf weights for a list of n names, most common first."""
    return list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))


class Names:
    """Unique person names (unique up to case, as `kg` keys them) drawn by culture."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.taken: set[str] = set()  # membership only: never iterated
        self.cw = {id(lst): weights(len(lst)) for lst in
                   (CN_SURNAMES, KR_SURNAMES, JP_LAST, IN_LAST, EU_LAST, VN_LAST, AR_LAST)}
        cultures = [("cn", 42), ("eu", 20), ("in", 10), ("acc", 8), ("kr", 7), ("jp", 4), ("vn", 3),
                    ("ar", 3), ("mix", 3)]
        self.cultures = [c for c, _ in cultures]
        self.culture_cw = list(itertools.accumulate(w for _, w in cultures))

    def surname(self, lst: list[str]) -> str:
        return self.rng.choices(lst, cum_weights=self.cw[id(lst)])[0]

    def draw(self) -> str:
        rng = self.rng
        culture = rng.choices(self.cultures, cum_weights=self.culture_cw)[0]
        if culture == "cn":
            given = rng.choice(CN_SYL1) + (rng.choice(CN_SYL2) if rng.random() < 0.8 else "")
            return f"{given} {self.surname(CN_SURNAMES)}"
        if culture == "eu":
            middle = f" {rng.choice(INITIALS)}." if rng.random() < 0.12 else ""
            return f"{rng.choice(EU_FIRST)}{middle} {self.surname(EU_LAST)}"
        if culture == "in":
            return f"{rng.choice(IN_FIRST)} {self.surname(IN_LAST)}"
        if culture == "acc":
            r = rng.random()
            if r < 0.4:
                return f"{rng.choice(ACC_FIRST)} {rng.choice(ACC_LAST)}"
            if r < 0.7:
                return f"{rng.choice(ACC_FIRST)} {self.surname(EU_LAST)}"
            return f"{rng.choice(EU_FIRST)} {rng.choice(ACC_LAST)}"
        if culture == "kr":
            a, b = rng.choice(KR_SYL1), rng.choice(KR_SYL2)
            r = rng.random()
            given = a + b if r < 0.6 else f"{a}-{b}" if r < 0.85 else f"{a}-{b.capitalize()}"
            return f"{given} {self.surname(KR_SURNAMES)}"
        if culture == "jp":
            return f"{rng.choice(JP_FIRST)} {self.surname(JP_LAST)}"
        if culture == "vn":
            middle = f" {rng.choice(VN_FIRST)}" if rng.random() < 0.4 else ""
            return f"{rng.choice(VN_FIRST)}{middle} {self.surname(VN_LAST)}"
        if culture == "ar":
            return f"{rng.choice(AR_FIRST)} {self.surname(AR_LAST)}"
        return f"{rng.choice(EU_FIRST)} {self.surname(CN_SURNAMES)}"  # "Jack Zhang"

    def new(self) -> str:
        rng = self.rng
        if rng.random() < 0.003:
            name = rng.choice(SINGLE_TOKEN) + ("" if rng.random() < 0.5 else rng.choice(CN_SYL2))
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


# --------------------------------------------------------------------------- authors

class Authors:
    """Who writes papers: a Yule process (new author, or an authorship slot drawn
    uniformly, i.e. an author drawn in proportion to past papers) mixed with
    research groups whose members write together again and again."""

    P_NEW = 0.49
    P_GROUP = 0.30

    def __init__(self, rng: Random):
        self.rng = rng
        self.names = Names(rng)
        self.people: list[str] = []      # author id -> name
        self.slots: list[int] = []       # one entry per authorship: preferential draws
        self.groups: list[list[int]] = []
        self.group_slots: list[int] = []  # one entry per paper: preferential group draws

    def count(self) -> int:
        rng = self.rng
        if rng.random() < 0.005:  # consortium papers: 100-650, most near the low end
            return int(100 * 6.5 ** (rng.random() ** 3))
        return max(1, min(60, round(rng.lognormvariate(1.95, 0.58))))

    def draw(self, k: int) -> list[str]:
        rng = self.rng
        random = rng.random
        if self.group_slots and random() < 0.88:
            group = self.group_slots[rng.randrange(len(self.group_slots))]
        else:
            group = len(self.groups)
            self.groups.append([])
        members = self.groups[group]
        giant = k >= 100
        p_new = 0.85 if giant else self.P_NEW
        p_group = p_new + (0.1 if giant else self.P_GROUP)
        chosen: list[int] = []
        on_paper: set[int] = set()  # membership only
        for _ in range(k):
            r = random()
            pick = -1
            if r >= p_new and self.slots:
                if r < p_group and members:
                    for _ in range(3):
                        candidate = members[rng.randrange(len(members))]
                        if candidate not in on_paper:
                            pick = candidate
                            break
                if pick < 0:
                    for _ in range(3):
                        candidate = self.slots[rng.randrange(len(self.slots))]
                        if candidate not in on_paper:
                            pick = candidate
                            if random() < 0.15:
                                members.append(candidate)
                            break
            if pick < 0:
                pick = len(self.people)
                self.people.append(self.names.new())
                members.append(pick)
            chosen.append(pick)
            on_paper.add(pick)
        self.slots.extend(chosen)
        self.group_slots.append(group)
        names = [self.people[i] for i in chosen]
        if rng.random() < 0.004 or (giant and rng.random() < 0.3):
            team = TEAMS[min(int(rng.paretovariate(1.0)) - 1, len(TEAMS) - 1)]
            if k <= 2 and rng.random() < 0.5:
                names = [team]
            else:
                names.insert(rng.choice((0, 0, len(names), rng.randrange(len(names) + 1))), team)
        return names


# --------------------------------------------------------------------------- vocabulary

# key: (Korean, English, acronym or "")
CONCEPTS = {
    "llm": ("대규모 언어 모델", "Large Language Models", "LLMs"),
    "slm": ("소형 언어 모델", "Small Language Models", "SLMs"),
    "rl": ("강화 학습", "Reinforcement Learning", "RL"),
    "diff": ("확산 모델", "diffusion model", ""),
    "rlhf": ("인간 피드백 기반 강화 학습", "Reinforcement Learning from Human Feedback", "RLHF"),
    "dpo": ("직접 선호 최적화", "Direct Preference Optimization", "DPO"),
    "lora": ("저랭크 적응", "Low-Rank Adaptation", "LoRA"),
    "nerf": ("신경 방사장", "Neural Radiance Fields", "NeRF"),
    "vlm": ("시각-언어 모델", "Vision-Language Models", "VLMs"),
    "mllm": ("멀티모달 대규모 언어 모델", "Multimodal Large Language Models", "MLLMs"),
    "rag": ("검색 증강 생성", "Retrieval-Augmented Generation", "RAG"),
    "cot": ("사고의 연쇄", "Chain-of-Thought", "CoT"),
    "moe": ("전문가 혼합", "Mixture of Experts", "MoE"),
    "3dgs": ("3D 가우시안 스플래팅", "3D Gaussian Splatting", "3DGS"),
    "kd": ("지식 증류", "knowledge distillation", "KD"),
    "it": ("지시 튜닝", "instruction tuning", ""),
    "sft": ("지도 미세 조정", "Supervised Fine-Tuning", "SFT"),
    "t2i": ("텍스트-이미지 생성", "text-to-image generation", "T2I"),
    "t2v": ("텍스트-투-비디오 생성", "text-to-video generation", "T2V"),
    "vgen": ("비디오 생성", "video generation", ""),
    "t23d": ("텍스트-3D 생성", "text-to-3D generation", ""),
    "ssl": ("자기 지도 학습", "self-supervised learning", "SSL"),
    "quant": ("양자화", "quantization", ""),
    "icl": ("문맥 내 학습", "in-context learning", "ICL"),
    "vit": ("비전 트랜스포머", "Vision Transformer", "ViT"),
    "ssm": ("상태 공간 모델", "State Space Models", "SSMs"),
    "ldm": ("잠재 확산 모델", "Latent Diffusion Models", "LDMs"),
    "dit": ("확산 트랜스포머", "Diffusion Transformer", "DiT"),
    "rm": ("보상 모델", "reward model", "RM"),
    "ppo": ("근접 정책 최적화", "Proximal Policy Optimization", "PPO"),
    "asr": ("자동 음성 인식", "Automatic Speech Recognition", "ASR"),
    "tts": ("텍스트 음성 변환", "Text-to-Speech", "TTS"),
    "vqa": ("시각 질의응답", "Visual Question Answering", "VQA"),
    "code": ("코드 생성", "code generation", ""),
    "agent": ("에이전트", "agent", ""),
    "hall": ("환각", "hallucination", ""),
    "kv": ("키-값 캐시", "Key-Value cache", "KV cache"),
    "spec": ("추측 디코딩", "speculative decoding", ""),
    "pt": ("사전 학습", "pre-training", ""),
    "align": ("정렬", "alignment", ""),
    "gnn": ("그래프 신경망", "Graph Neural Networks", "GNNs"),
    "gan": ("생성적 적대 신경망", "Generative Adversarial Networks", "GANs"),
    "vae": ("변분 오토인코더", "Variational Autoencoder", "VAE"),
    "pc": ("포인트 클라우드", "point cloud", ""),
    "il": ("모방 학습", "imitation learning", ""),
    "mcts": ("몬테카를로 트리 탐색", "Monte Carlo Tree Search", "MCTS"),
    "synth": ("합성 데이터", "synthetic data", ""),
    "sds": ("점수 증류 샘플링", "Score Distillation Sampling", "SDS"),
    "fm": ("흐름 매칭", "flow matching", ""),
    "cm": ("일관성 모델", "consistency model", ""),
    "vla": ("비전-언어-행동 모델", "Vision-Language-Action model", "VLA"),
    "wm": ("월드 모델", "world model", ""),
    "codec": ("신경 오디오 코덱", "neural audio codec", ""),
    "seg": ("의미론적 분할", "semantic segmentation", ""),
    "ocr": ("광학 문자 인식", "Optical Character Recognition", "OCR"),
    "prm": ("과정 보상 모델", "Process Reward Model", "PRM"),
}

# area: (title tasks, title methods, concept keys, benchmarks, Korean task phrases)
AREAS = {
    "video": (
        ["Video Generation", "Text-to-Video Generation", "Video Editing", "Image-to-Video Synthesis",
         "Long Video Generation", "Talking Head Generation", "Motion Transfer", "Video Understanding"],
        ["Video Diffusion Models", "Diffusion Transformers", "Latent Diffusion", "Flow Matching",
         "Space-Time Attention", "Motion Priors"],
        ["diff", "t2v", "vgen", "ldm", "dit", "vae"],
        ["VBench", "UCF-101", "MSR-VTT", "WebVid-10M", "EvalCrafter"],
        ["비디오 생성", "동영상 편집", "시간적 일관성", "움직임 제어", "긴 동영상 합성"],
    ),
    "image": (
        ["Text-to-Image Generation", "Image Editing", "Personalized Image Generation", "Image Super-Resolution",
         "Subject-Driven Generation", "Controllable Image Synthesis", "Image Inpainting", "Style Transfer"],
        ["Diffusion Models", "Consistency Models", "Rectified Flow", "LoRA", "Cross-Attention Control",
         "Autoregressive Image Models"],
        ["diff", "t2i", "ldm", "lora", "gan", "cm", "fm"],
        ["COCO", "GenEval", "T2I-CompBench", "DreamBench", "ImageNet 256x256"],
        ["이미지 생성", "이미지 편집", "개인화 생성", "고해상도 합성", "스타일 전이"],
    ),
    "llm": (
        ["Mathematical Reasoning", "Instruction Following", "Long-Context Modeling", "Code Generation",
         "Tool Use", "Language Modeling", "Multilingual Understanding", "Complex Reasoning"],
        ["Large Language Models", "LLMs", "Small Language Models", "Chain-of-Thought", "Self-Play",
         "Retrieval-Augmented Generation", "Test-Time Compute", "Process Reward Models"],
        ["llm", "slm", "cot", "icl", "sft", "rag", "code", "prm", "synth"],
        ["GSM8K", "MATH", "MMLU", "HumanEval", "MT-Bench", "AlpacaEval 2.0", "BigBench-Hard", "LongBench"],
        ["수학적 추론", "지시 따르기", "긴 문맥 처리", "코드 생성", "도구 사용", "다국어 이해"],
    ),
    "align": (
        ["Preference Optimization", "LLM Alignment", "Reward Modeling", "Safety Alignment",
         "Jailbreak Defense", "Human Preference Learning"],
        ["DPO", "RLHF", "Reward Models", "Self-Rewarding Language Models", "Constitutional AI",
         "Online Preference Learning"],
        ["rlhf", "dpo", "ppo", "rm", "llm", "rl", "align"],
        ["AlpacaEval 2.0", "MT-Bench", "Arena-Hard", "HH-RLHF", "TruthfulQA"],
        ["선호도 정렬", "보상 해킹 방지", "안전성 향상", "인간 선호 학습"],
    ),
    "efficiency": (
        ["Efficient Inference", "LLM Quantization", "Speculative Decoding", "KV Cache Compression",
         "Parameter-Efficient Fine-Tuning", "Sparse Attention", "Model Compression"],
        ["LoRA", "Mixture-of-Experts", "State Space Models", "Mamba", "Linear Attention",
         "Low-Bit Quantization", "Pruning"],
        ["quant", "lora", "kv", "spec", "moe", "llm", "ssm", "kd"],
        ["WikiText-2", "C4", "LongBench", "MMLU", "Needle-in-a-Haystack"],
        ["추론 가속", "메모리 절감", "경량화", "효율적인 미세 조정"],
    ),
    "vlm": (
        ["Visual Question Answering", "Multimodal Reasoning", "Document Understanding", "Visual Grounding",
         "Image Captioning", "Chart Understanding", "Video Question Answering"],
        ["Vision-Language Models", "VLMs", "Multimodal LLMs", "MLLMs", "Visual Instruction Tuning",
         "CLIP", "Vision Encoders"],
        ["vlm", "mllm", "vqa", "vit", "hall", "ocr", "it"],
        ["DocVQA", "ChartQA", "MMMU", "MMBench", "TextVQA", "RefCOCO", "MathVista"],
        ["시각적 이해", "문서 이해", "시각적 추론", "환각 감소", "고해상도 인식"],
    ),
    "3d": (
        ["Text-to-3D Generation", "Novel View Synthesis", "3D Reconstruction", "Avatar Generation",
         "3D Scene Generation", "Mesh Generation", "4D Generation"],
        ["NeRF", "3D Gaussian Splatting", "Score Distillation Sampling", "Multi-View Diffusion",
         "Triplane Representations", "Large Reconstruction Models"],
        ["nerf", "3dgs", "diff", "pc", "sds", "t23d"],
        ["Objaverse", "ShapeNet", "Mip-NeRF 360", "Tanks and Temples", "CO3D"],
        ["3D 생성", "새로운 시점 합성", "3D 재구성", "아바타 생성", "장면 생성"],
    ),
    "agents": (
        ["Web Navigation", "GUI Agents", "Embodied Planning", "Multi-Agent Collaboration", "Tool Learning",
         "Software Engineering Agents"],
        ["Language Agents", "LLM Agents", "Monte Carlo Tree Search", "Self-Reflection", "Planning with LLMs"],
        ["agent", "llm", "rl", "mcts", "vlm", "cot"],
        ["WebArena", "SWE-bench", "Mind2Web", "AgentBench", "OSWorld", "ALFWorld"],
        ["웹 탐색", "GUI 조작", "계획 수립", "다중 에이전트 협업", "도구 활용"],
    ),
    "robotics": (
        ["Robot Manipulation", "Imitation Learning", "Autonomous Driving", "Embodied AI", "Sim-to-Real Transfer",
         "Legged Locomotion"],
        ["Vision-Language-Action Models", "World Models", "Diffusion Policies", "Generalist Robot Policies",
         "Foundation Models"],
        ["vla", "il", "rl", "wm", "vlm"],
        ["Open X-Embodiment", "CALVIN", "LIBERO", "nuScenes", "RLBench"],
        ["로봇 조작", "모방 학습", "자율 주행", "실세계 전이", "범용 로봇 정책"],
    ),
    "speech": (
        ["Speech Synthesis", "Music Generation", "Speech Recognition", "Audio Generation", "Voice Conversion",
         "Spoken Dialogue"],
        ["Neural Audio Codecs", "Audio Language Models", "Diffusion Models", "Transformers", "Flow Matching"],
        ["tts", "asr", "diff", "codec", "llm", "fm"],
        ["LibriSpeech", "MusicCaps", "AudioCaps", "VCTK", "Common Voice"],
        ["음성 합성", "음악 생성", "음성 인식", "오디오 생성", "음성 변환"],
    ),
    "rl": (
        ["Offline Reinforcement Learning", "Policy Optimization", "Reward Shaping", "Exploration",
         "Multi-Task Learning"],
        ["Reinforcement Learning", "RL", "Decision Transformers", "Model-Based RL", "PPO"],
        ["rl", "ppo", "mcts", "rm", "wm"],
        ["D4RL", "Atari 100k", "MuJoCo", "Procgen", "Meta-World"],
        ["정책 최적화", "탐색 효율", "보상 설계", "샘플 효율성"],
    ),
    "data": (
        ["Synthetic Data Generation", "Data Selection", "Pre-training Data Curation", "LLM Evaluation",
         "Benchmark Contamination", "Scaling Laws"],
        ["LLMs", "Synthetic Data", "Data Mixtures", "Quality Filters", "LLM-as-a-Judge"],
        ["synth", "pt", "llm", "sft", "kd"],
        ["MMLU", "HellaSwag", "ARC-Challenge", "GSM8K", "The Pile"],
        ["데이터 선별", "합성 데이터 생성", "사전 학습 데이터 구성", "평가 방법론"],
    ),
}
AREA_KEYS = list(AREAS)
AREA_CW = list(itertools.accumulate([14, 10, 18, 7, 8, 12, 9, 7, 5, 4, 3, 6]))

ADJECTIVES = """Efficient Scalable Robust Controllable Unified Training-Free Zero-Shot Few-Shot Fine-Grained
Long-Context Multilingual Open-Vocabulary High-Fidelity Real-Time Interpretable Self-Supervised
Hierarchical Adaptive Lightweight Generalizable Consistent Personalized Multi-View Any-Resolution
Data-Efficient Compositional Faithful Diverse Interactive Streaming""".split()
PREFIXES = """Video Llama Mini Open Omni Any Instruct Cog Vary Magic Dream Motion Seed Gen Mega Long Flash Turbo
Sparse Meta Self Auto Mind Chat Code Math Vid Pix Uni Hyper Deep Fast Tiny Mobile Edge Info Hi Zero Star
Inst Lumi Aether Nova Echo Sim Wild Pano Scene Point Mesh Splat""".split()
SUFFIXES = """LCM GPT Diff Gen Former Agent Bench VLM LM Coder Edit Fusion Mamba Net Booth Craft Drive Nav World
3D Splat Talk Voice Mix Align RAG Search Map Flow Sketch Pose Vision Mind Star Zero Reasoner Tuner""".split()
WORD_NAMES = """LIME RULER ATLAS ORCA PHOENIX MAGPIE COSMOS HELIOS AURORA TITAN SPHINX ECHO NOVA PRISM MIRAGE
VLOGGER LUMIERE StemGen Lumiere Octo Emu Kosmos Chameleon Orca Hermes Zephyr Marco Aria Iris Atlas""".split()
VERSIONS = ["", "", "", "", "-2", "2", "-v1.5", "-XL", "-7B", "++", "-R1", "3", "-Pro", "-o"]
LATEX_NAMES = ["SOTOPIA-$π$", "$π_0$", "$\\nabla^2$DFT", "$\\mathcal{D}$-Gen", "LLM×MapReduce",
               "$\\infty$-Bench", "$\\alpha$-Flow", "$S^3$-Agent", "$L_2$-Align"]
# LaTeX commands that bad escaping turned into control characters: \beta -> \x08 "eta".
MANGLED = ["$\x08eta$-DPO", "$\x08eta$-VAE", "$\x0crac{1}{N}$-Scaling", "$\textit{k}$-Bench", "$\x08ar{x}$-Diff"]
QUOTES = ['"Think Before You Speak"', '"Do Anything Now"', "'Lost in the Middle'", '"Whispers in the Machine"',
          '"Is This Real?"', "'Ask Me Anything'"]
COMPONENTS = ["Tokenizer", "Architecture", "Training", "Data", "Encoder", "Decoder", "Objective", "Inference"]


def system_name(rng: Random) -> str:
    r = rng.random()
    if r < 0.6:
        return rng.choice(PREFIXES) + rng.choice(SUFFIXES) + rng.choice(VERSIONS)
    if r < 0.8:
        return rng.choice(WORD_NAMES) + rng.choice(VERSIONS)
    if r < 0.95:
        a, b = rng.choice(PREFIXES), rng.choice(SUFFIXES)
        return f"{a}-{b}" + rng.choice(VERSIONS)
    return "".join(rng.choice("ABCDEFGHIKLMNPRSTVXZ") for _ in range(rng.randint(3, 6)))


def title_for(rng: Random, area: str) -> tuple[str, str]:
    """(title, system name or "")."""
    tasks, methods, _, benches, _ = AREAS[area]
    task, task2, method = rng.choice(tasks), rng.choice(tasks), rng.choice(methods)
    adj = rng.choice(ADJECTIVES)
    r = rng.random()
    if r < 0.012:
        sys_name = rng.choice(MANGLED)
    elif r < 0.03:
        sys_name = rng.choice(LATEX_NAMES)
    else:
        sys_name = system_name(rng)
    descriptions = (
        f"{adj} {method} for {task}",
        f"{method} for {adj} {task}",
        f"Towards {adj} {task} with {method}",
        f"Scaling {method} for {task}",
        f"{task} with {method}",
        f"Improving {task} via {adj} {method}",
        f"A {adj} Framework for {task}",
        f"Unifying {task} and {task2} with {method}",
        f"Learning {adj} {task} from Synthetic Data",
        f"When {task} Meets {method}",
        f"Rethinking {task} in the Era of {method}",
        f"{adj} {task} Using {method}",
    )
    desc = rng.choice(descriptions)
    r = rng.random()
    if r < 0.55:
        return f"{sys_name}: {desc}", sys_name
    if r < 0.59:
        return f"Can {method} {rng.choice(['Solve', 'Master', 'Learn', 'Benefit from'])} {task}?", ""
    if r < 0.61:
        return f"Is {method} All You Need for {task}?", ""
    if r < 0.63:
        return f"{sys_name}: {adj} {task} & {task2} in One Model", sys_name
    if r < 0.65:
        return f"{sys_name}: Achieving >{rng.randint(30, 95)}% on {rng.choice(benches)} with {method}", sys_name
    if r < 0.66:
        return f"{rng.choice(QUOTES)}: {desc}", ""
    if r < 0.67:
        return f"Beyond [{rng.choice(['MASK', 'CLS', 'EOS', 'SEP'])}]: {desc}", ""
    if r < 0.69:
        return f"{sys_name} Technical Report", sys_name
    if r < 0.70:
        return f"{sys_name} [{rng.choice(['Technical Report', 'Preprint', 'v2'])}]: {desc}", sys_name
    if r < 0.71:
        return f"{desc} with {rng.randint(1, 10)}% of the Compute", ""
    if r < 0.72:
        return f"Do {method} Know What They Don't Know About {task}?", ""
    if r < 0.74:
        return f"The Landscape of {task}: A Survey", ""
    if r < 0.75:
        return f"{sys_name}: Is {method} (Really) Better at {task}?", sys_name
    return desc, ""


# --------------------------------------------------------------------------- Korean summaries

ENDINGS = {  # ending family -> (formal, plain, nominal) as a paper's style picks
    "하": ("합니다", "한다", "함"), "했": ("했습니다", "했다", "했음"), "된": ("됩니다", "된다", "됨"),
    "있": ("있습니다", "있다", "있음"), "준": ("줍니다", "준다", "줌"), "인": ("입니다", "이다", "임"),
}
PARTICLES = {"을": ("을", "를"), "이": ("이", "가"), "은": ("은", "는"), "과": ("과", "와"), "으로": ("으로", "로")}

INTRO = [
    "본 논문에서는 {c:을} 활용하여 {task:을} 수행하는 새로운 프레임워크인 {sys:을} 소개{~하}",
    "{c:은} {task}에서 뛰어난 성능을 보였지만, 높은 계산 비용과 제한된 일반화 능력이라는 한계가 {~있}",
    "기존의 {c} 기반 방법들은 {task}에서 일관성을 유지하는 데 어려움을 겪고 {~있}",
    "연구팀은 {task:을} 위한 {c2} 기반 접근 방식인 {sys:을} 제안{~하}",
    "이 연구는 {c:이} {task}에서 어떻게 동작하는지 체계적으로 분석{~하}",
    "{sys:은} {c:과} {c2:을} 결합하여 {task} 문제를 해결하는 방법{~인}",
    "최근 {c:이} 빠르게 발전하고 있으나, {task}에 대한 연구는 아직 충분히 이루어지지 않은 상태{~인}",
    "우리는 {c:을} 사용하는 대신 {c2:을} 도입하여 {task:을} 효율적으로 수행하는 {sys:을} 개발{~했}",
]
METHOD = [
    "{sys:은} {c2:을} 기반으로 하며, 사전 학습된 {c:을} 추가 학습 없이 활용{~하}",
    "핵심 아이디어는 {c:의} 중간 표현을 재사용하여 {task}의 품질을 높이는 것{~인}",
    "이를 위해 {n}개의 고품질 예제로 구성된 새로운 데이터셋을 구축{~했}",
    "제안된 방법은 {c2:과} {c:을} 단계적으로 결합하는 두 단계 학습 전략을 사용{~하}",
    "또한 {c} 과정에서 발생하는 오류를 줄이기 위해 간단한 정규화 기법을 도입{~했}",
    "모델은 {size} 규모의 {base:을} 기반으로 {c2:을} 통해 미세 조정{~된}",
    "{sys:은} 입력을 토큰 단위로 분해한 뒤 {c:으로} 각 단계를 독립적으로 처리{~하}",
    "학습 데이터는 {base:을} 이용해 자동으로 생성되었으며, 사람의 주석 없이도 높은 품질을 유지{~하}",
    "추가로, {c} 단계에서 {c2:을} 활용하여 계산 비용을 {x} 줄{~였}",
    "이 접근 방식은 {task:과} 관련된 다양한 하위 작업에 쉽게 확장될 수 {~있}",
    "특히 {c:의} 어텐션 맵을 분석하여 불필요한 연산을 제거{~하}",
]
RESULT = [
    "실험 결과, {sys:은} {bench}에서 {pct:을} 달성하여 기존 최고 성능을 능가{~했}",
    "{bench:과} {bench2}에서 기존 방법보다 각각 {pct}, {pct2} 향상된 결과를 보여{~준}",
    "{size} 모델임에도 불구하고 {base:과} 비교할 만한 성능을 {~보인}",
    "제안된 방법은 추론 속도를 {x} 높이면서도 품질 저하가 거의 {~없}",
    "다양한 벤치마크에서 {c} 기반 기준선 대비 일관된 성능 향상을 확인{~했}",
    "사용자 연구에서도 참가자의 {pct:이} {sys:의} 결과를 선호{~했}",
    "{bench}에서 {pct}의 정확도를 기록하며 오픈소스 모델 중 최고 수준의 성능을 보여{~준}",
]
CLOSING = [
    "이 연구는 {task} 분야의 향후 연구를 위한 강력한 기준선을 제공할 것으로 기대{~된}",
    "우리의 분석은 {c:의} 한계와 개선 방향에 대한 중요한 통찰을 제공{~하}",
    "코드와 모델은 공개될 예정{~인}",
    "이러한 결과는 {c:이} {task}에서 여전히 개선의 여지가 크다는 것을 시사{~하}",
]
LINK = [
    "코드와 데이터는 {url}에서 공개{~된}",
    "관련 자원은 {url}에서 오픈소스로 제공{~된}",
    "모델과 코드는 {url} 에서 제공되고 {~있}",
    "프로젝트 페이지({url})에서 결과를 확인할 수 {~있}",
    "구현은 {url}에 공개되어 {~있}",
    "코드: {url}",
    "자세한 내용은 {url}.",
]
ENDINGS["보인"] = ("보입니다", "보인다", "보임")
ENDINGS["였"] = ("였습니다", "였다", "였음")
ENDINGS["없"] = ("없습니다", "없다", "없음")
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


TEMPLATES = {kind: [compile_template(t) for t in group] for kind, group in
             (("intro", INTRO), ("method", METHOD), ("result", RESULT), ("closing", CLOSING), ("link", LINK))}


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


BASES = ["Llama-2", "Llama-3", "Mistral-7B", "GPT-4", "GPT-4o", "Stable Diffusion XL", "CLIP", "SAM", "Qwen2-VL",
         "Gemma", "Phi-3", "Vicuna", "LLaVA-1.5", "T5", "Whisper", "DINOv2", "Mixtral 8x7B", "DeepSeek-V2"]
SIZES = ["1.3B", "7B", "13B", "70B", "2B", "8B", "405M", "3B", "34B", "0.5B"]
GH_OWNERS = ["OFA-Sys", "THUDM", "facebookresearch", "google-research", "microsoft", "huggingface", "openai",
             "nvlabs", "apple", "allenai", "QwenLM", "deepseek-ai", "salesforce", "stanford-crfm", "lm-sys",
             "baaivision", "OpenGVLab", "Tencent", "bytedance", "alibaba", "kaist-ai", "naver-ai", "snap-research"]


def link_for(rng: Random, sys_name: str, owner: str) -> str:
    repo = re.sub(r"[^A-Za-z0-9]+", "-", sys_name).strip("-") or "code"
    r = rng.random()
    if r < 0.65:
        url = f"https://github.com/{owner}/{repo}"
        if rng.random() < 0.15:
            url += rng.choice(["/tree/main", ".git", "/blob/main/README.md"])
        return url
    if r < 0.85:
        return f"https://{repo.lower()}.github.io/"
    if r < 0.95:
        return f"https://huggingface.co/{owner}/{repo}"
    return f"https://{repo.lower()}-project.github.io/{sys_name.lower()[:3]}/index.html"


class Summaries:
    def __init__(self, rng: Random):
        self.rng = rng

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
            if name in ("c", "c2"):
                text = slots.get(name)
                if text is None:
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

    def bullets(self, area_key: str, sys_name: str, link_owner: str, structured: str) -> list[str]:
        rng = self.rng
        area = AREAS[area_key]
        _, _, ckeys, benches, tasks_ko = area
        style = rng.choices((0, 1, 2), cum_weights=(45, 80, 100))[0]
        seen: set = set()  # membership only
        base_slots = {
            "sys": sys_name or rng.choice(["제안된 방법", "이 모델", "본 프레임워크", "우리의 접근법"]),
            "task": rng.choice(tasks_ko),
            "bench": rng.choice(benches),
            "bench2": rng.choice(benches),
            "base": rng.choice(BASES),
        }
        has_link = rng.random() < 0.18
        if has_link:
            url = link_for(rng, sys_name or rng.choice(PREFIXES) + rng.choice(SUFFIXES), link_owner)
            base_slots["url"] = url

        unused = {kind: rng.sample(group, len(group)) for kind, group in TEMPLATES.items()}

        def make(kind: str) -> str:
            slots = dict(base_slots)
            slots["ckeys"] = rng.sample(ckeys, 2)
            templates = unused[kind]  # no template twice in one summary, while they last
            template = templates.pop() if len(templates) > 1 else templates[0]
            return self.sentence(template, slots, style, seen)

        n_method = rng.randint(1, 3)
        n_result = rng.randint(1, 2)
        if structured:
            b = structured
            lines = [f"- {b}What's New{b}: {make('intro')}"]
            details = f"- {b}Technical Details{b}: {make('method')}"
            if rng.random() < 0.5:
                details += " " + make("method")
            lines.append(details)
            r = rng.random()
            if r < 0.3:
                lines += [f"  - ({i}) {make('method')}" for i in range(1, rng.randint(2, 4))]
            elif r < 0.5:
                comps = rng.sample(COMPONENTS, rng.randint(2, 3))
                lines += [f"{i}. **{c}**: {make('method')}" for i, c in enumerate(comps, 1)]
            lines.append(f"- {b}Performance Highlights{b}: {make('result')}")
            if has_link:
                lines.append(f"- {make('link')}")
            return lines
        body = [make("intro")] + [make("method") for _ in range(n_method)] + [make("result") for _ in range(n_result)]
        if rng.random() < 0.5:
            body.append(make("closing"))
        if has_link:
            body.append(make("link"))
        if len(body) < 3:
            body.insert(1, make("method"))
        body = body[:8]
        if rng.random() < 0.003:  # a bullet with a mangled LaTeX escape
            body[1] = body[1].rstrip(".") + rng.choice([" ($\x08eta$ 조정).", " ($\x0crac{1}{2}$ 스케일).", " (\textit{핵심})."])
        lines = [f"- {s}" for s in body]
        if rng.random() < 0.01:  # a numbered list inside a plain summary
            comps = rng.sample(COMPONENTS, 2)
            lines[1:1] = [f"{i}. **{c}**: {make('method')}" for i, c in enumerate(comps, 1)]
        return lines


# --------------------------------------------------------------------------- media, ids

UPLOADERS = ["60f1abe7544c2adfd699860c"] * 8 + ["5f1158120c833276f61f1a84", "63d3e0e8ff1384ce6c5dd17d"]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def media_lines(rng: Random, arxiv_id: str, frac: float) -> list[str]:
    r = rng.random()
    if r < 0.03:
        return []
    token = "".join(rng.choice(B64) for _ in range(21))
    base = f"https://cdn-uploads.huggingface.co/production/uploads/{rng.choice(UPLOADERS)}/{token}"
    if r < 0.11 and frac >= 0.06:
        return [f"[Watch Video]({base}.mp4)",
                f'<div><video controls src="{base}.mp4" muted="false"></video></div>']
    if r < 0.13 and frac >= 0.06:
        return [f"<video src='{base}.{rng.choice(['mp4', 'qt', 'mp4'])}'></video>"]
    if frac >= 0.55 and rng.random() < 0.7:
        return [f"![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png)"]
    ext = rng.choices(["png", "jpg", "gif", "qt", "mp4", "jpeg"], cum_weights=[70, 82, 88, 92, 96, 100])[0]
    return [f"![]({base}.{ext})"]


def arxiv_id(rng: Random, day: dt.date, used: set) -> str:
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


# --------------------------------------------------------------------------- formatting

def py_list(names: list[str], quote: str) -> str:
    """A Python-style list literal: single quotes like repr() (double for a name with an
    apostrophe), or double quotes throughout."""
    items = []
    for n in names:
        q = quote if quote == '"' or "'" not in n else '"'
        items.append(f"{q}{n}{q}")
    return "[" + ", ".join(items) + "]"


class Paper:
    __slots__ = ("arxiv_id", "title", "authors", "area", "sys_name", "owner", "media")

    def __init__(self, arxiv_id, title, authors, area, sys_name, owner, media):
        self.arxiv_id, self.title, self.authors = arxiv_id, title, authors
        self.area, self.sys_name, self.owner, self.media = area, sys_name, owner, media


class Corpus:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = Random(seed)
        self.authors = Authors(self.rng)
        self.summaries = Summaries(self.rng)
        self.used_ids: set[str] = set()
        self.visible: set[int] = set()  # ids of names shown (membership/len only)
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

    def new_paper(self, day: dt.date, frac: float) -> Paper:
        rng = self.rng
        area = rng.choices(AREA_KEYS, cum_weights=AREA_CW)[0]
        title, sys_name = title_for(rng, area)
        ident = arxiv_id(rng, day, self.used_ids)
        self.made += 1
        # The worst case of a real archive, a "Llama 3 Herd" of 600+ authors, once in any
        # archive of 1,000 papers or more (past the oldest days, so that it is shown).
        k = rng.randint(600, 650) if self.made == self.n * 2 // 3 and self.n >= 1000 else self.authors.count()
        authors = self.authors.draw(k)
        owner = rng.choice(GH_OWNERS) if rng.random() < 0.6 else re.sub(
            r"[^A-Za-z0-9-]", "", unicodedata.normalize("NFKD", authors[0]).split(" ")[0].lower()) or "user"
        return Paper(ident, title, authors, area, sys_name, owner, media_lines(rng, ident, frac))

    def author_line(self, paper: Paper, frac: float) -> str:
        rng = self.rng
        names = list(paper.authors)
        doubled_era = 0.37 <= frac < 0.50
        if doubled_era or rng.random() < 0.01:
            out = []
            for name in names:
                r = rng.random()
                reps = (1 if r < 0.55 else 2 if r < 0.95 else 3) if doubled_era else (2 if r < 0.08 else 1)
                out.extend([name] * reps)
            names = out
        if frac >= 0.24 and len(names) >= 8 and rng.random() < 0.04:
            for _ in range(rng.choice((1, 1, 2))):
                names.insert(rng.choice((len(names), rng.randrange(1, len(names)))), "+")
        if frac < 0.16:
            text = py_list(names, "'")
        elif frac < 0.24:
            text = py_list(names, '"')
        else:
            text = ", ".join(names)
        if rng.random() < 0.04:
            text = unicodedata.normalize("NFD", text)
        return f"Authors: {text}"

    def entry_groups(self, paper: Paper, frac: float, votes: int, media: list[str]) -> list[list[str]]:
        """The lines of one paper, grouped as the blank-line style separates them."""
        rng = self.rng
        groups = [[f"### [{paper.title}](https://arxiv.org/abs/{paper.arxiv_id})"]]
        if media:
            groups.append(media)
        if frac >= 0.06:
            vote_dash = 0.30 if 0.26 <= frac < 0.29 else 0.008
            groups.append([f"Vote: {'-' if rng.random() < vote_dash else votes}"])
            groups.append([self.author_line(paper, frac)])
            names = {n for n in paper.authors}  # distinct names on this paper
            self.max_authors = max(self.max_authors, len(names))
            self.visible.update(names)
        structured = ""
        if frac >= 0.75 and rng.random() < 0.35:
            structured = "***" if rng.random() < 0.7 else "**"
        groups.append(self.summaries.bullets(paper.area, paper.sys_name, paper.owner, structured))
        return groups

    def generate(self, out: Path) -> None:
        rng = self.rng
        counts = self.day_counts()
        days = len(counts)
        width = max(3, len(str(days - 1)))
        later: dict[int, list[Paper]] = {}  # day index -> papers featured again that day
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
            if frac < 0.06:
                rng.shuffle(votes)
            blank = not (0.06 <= frac < 0.16) and rng.random() > 0.03
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_corpus.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", metavar="N", type=int, help="number of distinct papers")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the digest files into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    for old in sorted(args.out.iterdir()):
        if old.is_file() and FILE_NAME.match(old.name):
            old.unlink()
    started = time.perf_counter()
    corpus = Corpus(args.n, args.seed)
    corpus.generate(args.out)
    print(f"make_corpus: {corpus.files:,} files, {args.n:,} papers ({corpus.entries:,} entries, "
          f"{corpus.refeatured:,} re-featured), {len(corpus.visible):,} distinct authors, "
          f"max {corpus.max_authors:,} authors on a paper -> {args.out} "
          f"({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
