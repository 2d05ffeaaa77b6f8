"""The argument layer on small discussions written for these tests (not the example page)."""

from __future__ import annotations

import pytest

from argkg.discussion import Article, Comment, Discussion
from argkg.extract.nlp import make_pipeline
from argkg.graph.assemble import add_discussion
from argkg.graph.model import edges_of_kind, new_graph, nodes_of_kind
from argkg.pipeline import extract


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def build(nlp, article: str, *comments: tuple[str, str | None], author="Eva Muster"):
    discussion = Discussion(
        id="t", article=Article(title="Test", text=article, author=author),
        comments=tuple(Comment(id=f"c{n}", text=text, author=f"Leser {n}", reply_to=reply)
                       for n, (text, reply) in enumerate(comments, start=1)))
    graph = new_graph()
    add_discussion(graph, extract(nlp, discussion))
    return graph


def units_of(graph, post_suffix):
    return [d for _, d in nodes_of_kind(graph, "unit") if d["post"].endswith(post_suffix)]


def links(graph, kind, scope="internal"):
    return [(graph.nodes[s]["index"], graph.nodes[t]["index"], d["cue"])
            for s, t, d in edges_of_kind(graph, kind) if d["scope"] == scope]


def test_units_keep_offsets_into_their_post(nlp):
    graph = build(nlp, "Die Lage ist ernst.\nDenn niemand redet mehr! Wer hört zu?",
                  ("Danke!  Das sehe ich anders.", None))
    for _, unit in nodes_of_kind(graph, "unit"):
        assert graph.nodes[unit["post"]]["text"][unit["start"]:unit["end"]] == unit["text"]
    assert [u["text"] for u in units_of(graph, "article")] == [
        "Die Lage ist ernst.", "Denn niemand redet mehr!", "Wer hört zu?"]
    assert units_of(graph, "c1")[0]["role"] == "none"


def test_discourse_markers_link_neighbouring_units(nlp):
    graph = build(nlp, "Die Regierung muss sofort handeln. Denn die Preise steigen jeden Monat. "
                       "Zwar sinkt die Inflation langsam. Aber die Löhne halten nicht mit.")
    assert (1, 0, "denn") in links(graph, "supports")
    attacks = links(graph, "attacks")
    assert (3, 2, "aber") in attacks


def test_every_argumentative_unit_reaches_the_central_claim(nlp):
    graph = build(nlp, "Wir brauchen mehr Züge auf dem Land. Busse fahren dort kaum. "
                       "Viele Menschen haben kein Auto. Deshalb muss die Bahn investieren.")
    central = [t for _, t, _ in edges_of_kind(graph, "central_claim")]
    assert len(central) == 1
    arguing = [n for n, d in nodes_of_kind(graph, "unit") if d["role"] != "none"]
    for unit in arguing:
        seen, current = set(), unit
        while current != central[0]:
            nxt = [t for _, t, k in graph.out_edges(current, keys=True)
                   if k in ("supports", "attacks") and graph.nodes[t]["kind"] == "unit"]
            assert nxt and current not in seen, f"{graph.nodes[unit]['text']} is cut off"
            seen.add(current)
            current = nxt[0]


def test_a_verbatim_quotation_is_linked_to_the_quoted_unit(nlp):
    graph = build(nlp, "Die Gespräche in Genf sind gescheitert. Beide Seiten blieben hart.",
                  ("„Beide Seiten blieben hart“ – selten so gelacht.", None),
                  ("»Die Gespräche in Genf sind leider gescheitert« ist doch klar.", None))
    quotes = {graph.nodes[s]["post"][-2:]: (graph.nodes[t]["text"], d["exact"])
              for s, t, d in edges_of_kind(graph, "quotes")}
    assert quotes["c1"] == ("Beide Seiten blieben hart.", True)
    assert quotes["c2"] == ("Die Gespräche in Genf sind gescheitert.", False)
    answered = {s[-2:]: graph.nodes[t]["text"] for s, t, _ in edges_of_kind(graph, "answers")}
    assert answered["c1"] == "Beide Seiten blieben hart."


def test_unseen_quotation_is_kept(nlp):
    graph = build(nlp, "Der Kanzler reist nach Paris.",
                  ("Er sagte einmal: „Wir schaffen das schon irgendwie“.", None))
    unseen = [d["text"] for _, d in nodes_of_kind(graph, "unseen_text")]
    assert unseen == ["Wir schaffen das schon irgendwie"]


@pytest.mark.parametrize("text, speaker", [
    ("„Wir wollen keinen Krieg“, sagte Scholz am Montag.", "Olaf Scholz"),
    ("Lawrow erklärte am Freitag, Russland werde nicht nachgeben.", "Sergej Lawrow"),
    ("Laut Tagesschau ist die Koalition am Ende.", "Tagesschau"),
    ("Der Spiegel titelte „Der Kanzler wackelt“ und legte nach.", "Der Spiegel (Magazin)"),
    ("Der Kreml zufolge sind die Gespräche beendet.", "Kreml"),
])
def test_reported_speech_is_attributed_to_its_speaker(nlp, text, speaker):
    graph = build(nlp, "Ein Bericht aus Berlin.", (text, None))
    speakers = [graph.nodes[t]["label"] for _, t, _ in edges_of_kind(graph, "attributed_to")]
    assert speaker in speakers


def test_labelled_quotation_in_a_reply_is_the_target_authors(nlp):
    graph = build(nlp, "Ein Bericht.", ("Zitat: die Sanktionen wirken nicht", None),
                  author="Karl Schreiber")
    speakers = [graph.nodes[t]["label"] for _, t, _ in edges_of_kind(graph, "attributed_to")]
    assert speakers == ["Karl Schreiber"]


def test_the_writer_is_not_reported(nlp):
    graph = build(nlp, "Text.", ("Ich sage Ihnen, Putin wird nicht nachgeben.", None))
    assert not list(edges_of_kind(graph, "attributed_to"))


@pytest.mark.parametrize("reply, stance", [
    ("Was für ein Schwachsinn. Sie irren sich gewaltig.", "attack"),
    ("Danke für diesen Artikel, Sie haben völlig recht.", "support"),
    ("Hmm, das glaube ich so nicht.", "attack"),
    ("Morgen soll es regnen.", "neutral"),
])
def test_stance_from_cues(nlp, reply, stance):
    graph = build(nlp, "Die Regierung plant ein neues Gesetz zur Rente.", (reply, None))
    assert [d["stance"] for _, _, d in edges_of_kind(graph, "stance")] == [stance]


def test_stance_from_leaning_in_a_known_conflict(nlp):
    article = ("Russland führt einen aggressiven Krieg. Putin hat das Völkerrecht gebrochen "
               "und lügt.")
    graph = build(nlp, article,
                  ("Die Nato ist der eigentliche Kriegstreiber und die USA erpressen Europa.",
                   None),
                  ("Putin ist ein brutaler Diktator und Russland bedroht seine Nachbarn.", None))
    stances = [d["stance"] for _, _, d in edges_of_kind(graph, "stance")]
    assert stances == ["attack", "support"]


def test_acceptance_follows_the_attacks(nlp):
    graph = build(nlp, "Die Steuer hilft dem Klima. Aber sie trifft die Armen.")
    labels = {d["index"]: d["acceptance"] for d in units_of(graph, "article")}
    assert labels == {0: "out", 1: "in"}


def test_a_users_cue_file_extends_the_lexicons(tmp_path):
    cues = tmp_path / "my_cues.yaml"
    cues.write_text("attack:\n  - {phrase: voll daneben gegriffen, weight: 3}\n",
                    encoding="utf-8")
    extended = make_pipeline(cue_files=(cues,))
    reply = ("Das ist voll daneben gegriffen.", None)
    assert [d["stance"] for _, _, d in edges_of_kind(
        build(extended, "Die Regierung plant ein Gesetz.", reply), "stance")] == ["attack"]
    assert [d["stance"] for _, _, d in edges_of_kind(
        build(make_pipeline(), "Die Regierung plant ein Gesetz.", reply), "stance")] == [
        "neutral"]


def test_a_broken_cue_file_is_a_clear_error(tmp_path):
    from argkg.errors import InputError

    cues = tmp_path / "bad.yaml"
    cues.write_text("attack: 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="must be a list"):
        make_pipeline(cue_files=(cues,))
    cues.write_text("markers:\n  - {phrase: weil, relation: support}\n", encoding="utf-8")
    with pytest.raises(InputError, match="markers entry 1"):
        make_pipeline(cue_files=(cues,))
