"""Render docs/img/coauthors-gexf.png: coauthors.gexf laid out as Gephi would, coloured by community.

    python docs/render_coauthors.py [exports/coauthors.gexf] [--out docs/img/coauthors-gexf.png]

Needs matplotlib, which kg itself does not (`pip install matplotlib`). Reads the
GEXF as Gephi does (its viz colours and sizes), lays the network out with
ForceAtlas2 (networkx's implementation, fixed seed), draws edges by weight and
names the most central author of each of the largest communities. Isolated authors are left out of the picture.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELLED = 12  # communities whose central author is named on the picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gexf", nargs="?", type=Path, default=ROOT / "exports" / "coauthors.gexf")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "coauthors-gexf.png")
    args = parser.parse_args()

    G = nx.read_gexf(args.gexf)
    G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    pos = nx.forceatlas2_layout(G, max_iter=600, scaling_ratio=2.0, gravity=1.0, strong_gravity=False,
                                weight="weight", seed=7)
    colors = [tuple(G.nodes[n]["viz"]["color"][c] / 255 for c in "rgb") for n in G]
    sizes = [G.nodes[n]["viz"]["size"] ** 2 * 2.2 for n in G]
    widths = [0.3 + 0.9 * (d["weight"] - 1) for _, _, d in G.edges(data=True)]

    fig, ax = plt.subplots(figsize=(12, 12), dpi=110)
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, edge_color="#9aa5b1", alpha=0.35)
    nx.draw_networkx_nodes(G, pos, ax=ax, node_color=colors, node_size=sizes, linewidths=0.4,
                           edgecolors="white")
    # One name per community, for the largest ones: its author with the highest betweenness.
    leaders: dict[int, str] = {}
    for n in sorted(G, key=lambda n: (-G.nodes[n]["betweenness"], -G.nodes[n]["paper_count"], n)):
        leaders.setdefault(G.nodes[n]["community"], n)
    for community in sorted(leaders)[:LABELLED]:
        n = leaders[community]
        x, y = pos[n]
        ax.annotate(G.nodes[n]["label"], (x, y), xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=9, fontweight="bold", color="#1f2933",
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7))
    communities = len({G.nodes[n]["community"] for n in G})
    ax.set_title(f"coauthors.gexf: {G.number_of_nodes()} authors with co-authors, "
                 f"{G.number_of_edges()} co-author pairs, {communities} Leiden communities\n"
                 "colour: community (viz:color); size: papers (viz:size); labels: the most central author of the 12 largest communities; "
                 "layout: ForceAtlas2", fontsize=11)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
