"""The dictionary newmm segments with (mou/language/breaks.py: WordSet): the words as given, stripped, none empty."""

from __future__ import annotations

from pythainlp.corpus.common import thai_words

from mou.language.breaks import WordSet, thai_dictionary


def test_a_word_set_holds_each_word_stripped_and_no_empty_one():
    words = WordSet([" ก ", "ขค", "\tขค\n", "", "   ", "งจฉช"])
    assert words.words == {"ก", "ขค", "งจฉช"}
    assert words.lengths == [1, 2, 4]
    assert words.prefixes("ขคงจฉช", 2) == ["งจฉช"]
    assert "" not in words and "ก" in words


def test_pythainlps_dictionary_is_its_words_stripped():
    expected = {word.strip() for word in thai_words() if word.strip()}
    assert thai_dictionary().words == expected
    assert thai_dictionary().lengths == sorted({len(word) for word in expected})
    extended = thai_dictionary().extended(frozenset({" ชุมแพ ", "ไชยสอ"}))
    assert extended.words == expected | {"ชุมแพ", "ไชยสอ"} and "ชุมแพ" not in thai_dictionary()
