import random

from localwire.search.snippets import _WORD, _first_hit, _hit, _stem, snippet

VOCABULARY = ["Flood", "floods", "flooding", "river", "Rivers", "to", "TO", "tow", "bank", "Banks", "école",
              "Écoles", "Straße", "İzmir", "naïve", "a", "an", "mayor's", "O'Neil", "x1", "2026", "bridge"]


def _first_by_each_word(text: str, stems: list[str]) -> int:
    return next((i for i, m in enumerate(_WORD.finditer(text)) if _hit(m.group(), stems)), 0)


def test_the_first_hit_is_the_first_word_a_word_by_word_reading_would_mark():
    rng = random.Random(11)
    for _ in range(2000):
        text = " ".join(rng.choice(VOCABULARY) + rng.choice(["", ",", ".", " —", "'s"]) for _ in range(rng.randint(0, 60)))
        stems = [_stem(w) for w in rng.sample(VOCABULARY, rng.randint(0, 3))]
        assert _first_hit(text, list(_WORD.finditer(text)), stems) == _first_by_each_word(text, stems), (text, stems)


def test_a_snippet_starts_a_few_words_before_the_first_hit_far_into_a_long_text():
    text = " ".join(["council"] * 500 + ["The", "river", "Floods", "again"] + ["council"] * 40)
    pieces = snippet(text, ["flood"])
    assert pieces[0].text == "… "
    assert [p.text for p in pieces if p.hit] == ["Floods"]
    assert pieces[-1].text == " …"
