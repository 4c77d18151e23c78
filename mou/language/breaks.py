"""Thai line breaking: break only between dictionary words, never inside names, never before ๆ.

Pango breaks Thai with libthai's dictionary, which splits words and names that PyThaiNLP's
dictionary (plus the project's own names) keeps whole. mou marks the word boundaries it
wants with ZERO WIDTH SPACE in the HTML that goes to the PDF, glues the spaces inside
known names with WORD JOINER, and a hook on WeasyPrint's text layout tells Pango that no
break is allowed anywhere else inside Thai text. Neither mark reaches a reader: the
ActualText spans leave them out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Container, Iterable

import pyphen
from pythainlp.corpus.common import provinces, thai_words
from pythainlp.tokenize.newmm import segment as newmm_segment
from pythainlp.tokenize.tcc import segment as tcc_segment

from mou.language.places import hold_places
from mou.language.thai import EN_MONTHS, PHONE_NUMBER

ZWSP = "\u200b"
WORD_JOINER = "\u2060"
INVISIBLE = ZWSP + WORD_JOINER
THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
# A line must not start with these (repetition and abbreviation marks, closing punctuation),
NO_BREAK_BEFORE = "ๆฯ”’)]}»"
# nor end with these (opening punctuation).
NO_BREAK_AFTER = "“‘([{«"
_NO_BREAK_BEFORE = re.compile(f"[ {ZWSP}]*[{re.escape(NO_BREAK_BEFORE)}]")
_NO_BREAK_AFTER = re.compile(f"[{re.escape(NO_BREAK_AFTER)}][{ZWSP}]*.")
# Each joiner with its neighbours, and the space or dot it follows (overlapping: พ.⁠ศ.⁠ ⁠๒๕๖๓).
_GLUED = re.compile(f"(?=(.[ .]?{WORD_JOINER}.))")
SIGNATURE_TABLE = re.compile(r'(<table class="signatures[^"]*">.*?</table>)', re.S)
# A "word" longer than this many letters may break inside: it could be wider than a line
# (24 Sarabun letters at 16 pt are about 200 pt, a little less than half the text width).
LONGEST_UNBREAKABLE = 24
# A part of a long compound this short (ลาว of …ประชาชนลาว) never starts or ends a line alone.
SHORTEST_PART = 3
# Runs of a name longer than this are not names but text; leave them to the dictionary.
LONGEST_NAME = 40
# Segmented Thai runs kept for reuse, at most (a few MB).
MAX_SEGMENTED = 50_000
# The words of the standard templates' fixed Thai text that PyThaiNLP's newmm splits or joins
# wrongly (มีข้อ|ความถูกต้อง, คู่|ภาคี), and the kinds of place and organization, which its
# dictionary joins to their names: segmentation takes them first, whole.
TEMPLATE_WORDS = (
    "ข้อความ",
    "ถูกต้อง",
    "ตรงกัน",
    "คู่ภาคี",
    "บันทึกข้อตกลง",
    "ความร่วมมือ",
    "ลายมือชื่อ",
    "ประทับตรา",
    "เป็นสำคัญ",
    "ลายลักษณ์อักษร",
    "ระยะเวลา",
    "งบประมาณ",
    "โดยละเอียด",
    "ยึดถือ",
    "บอกเลิก",
    "ใช้บังคับ",
    "รายละเอียด",
    "ดังต่อไปนี้",
    "เรียกรวมกันว่า",
    "ตั้งอยู่ที่",
    "ปฏิบัติราชการแทน",
    "ผู้ว่าราชการ",
    # kinds of place, parted from the place they name (ศาลากลาง|จังหวัด|ขอนแก่น)
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    # kinds of organization, parted from their names (PyThaiNLP knows มหาวิทยาลัยขอนแก่น as one word)
    "มหาวิทยาลัย",
    "โรงพยาบาล",
    "โรงเรียน",
    "องค์การบริหารส่วน",
    "เทศบาล",
)
# Words of the templates that a narrow column may break between their parts (a side-by-side
# column holds three or four words a line; before a word this long a line was left a quarter short).
COLUMN_WORD_PARTS = {
    "บันทึกข้อตกลง": ("บันทึก", "ข้อตกลง"),
    "องค์การบริหารส่วน": ("องค์การ", "บริหาร", "ส่วน"),
}
# In a narrow column, a word of the dictionary this many spacing letters long (a compound near
# the width of the column: องค์กรปกครองส่วนท้องถิ่น) may break between the dictionary words it
# is made of; names and the templates' words never do.
COLUMN_LONG_WORD = 14
_TEMPLATE_WORD = re.compile("|".join(sorted(TEMPLATE_WORDS, key=len, reverse=True)))
# The words that name a kind of place (province, district, subdistrict, local body, road):
# the Thai run after one is a place name, kept whole (ตำบลวังหินลาด, เทศบาลเมืองชุมแพ).
PLACE_KINDS = (
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "แขวง",
    "เขต",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "หมู่บ้าน",
    "ถนน",
    "ซอย",
    "จ.",
    "อ.",
    "ต.",
    "ถ.",
)
_PLACE_KIND = "|".join(re.escape(kind) for kind in sorted(PLACE_KINDS, key=len, reverse=True))
# A place name ends before the next kind of place, or before the number of a house or a village
# (ตำบลบ้านหนองไผ่ล้อมหมู่ที่ ๑๒: the place is บ้านหนองไผ่ล้อม).
_PLACE = re.compile(
    f"(?:{_PLACE_KIND})(?!{_PLACE_KIND})([\u0e01-\u0e4e]{{2,}}?)(?=(?:{_PLACE_KIND}|หมู่ที่|เลขที่)|[^\u0e01-\u0e4e]|$)"
)


class WordSet:
    """The dictionary newmm segments with: a set of words, answering prefix queries.

    PyThaiNLP's Trie is slow to build from its tens of thousands of words; a set is built
    far faster and answers newmm's only question (which dictionary words start here?) as fast.
    """

    def __init__(self, words: Iterable[str]):
        # map() and set() loop in C: a comprehension took most of building PyThaiNLP's dictionary.
        self.words = set(map(str.strip, words))
        self.words.discard("")
        self.lengths = sorted(set(map(len, self.words)))
        # Thai runs already segmented with exactly these words: a batch's agreements share
        # their parties' names and addresses. A WordSet never changes (extended() copies).
        self.segmented: dict[str, list[str]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Return the dictionary words that text[start:] begins with, shortest first."""
        end = len(text)
        return [
            text[start : start + n] for n in self.lengths if start + n <= end and text[start : start + n] in self.words
        ]

    def segment(self, run: str) -> list[str]:
        """Return a Thai run's words: the templates' own words whole, the rest by newmm; each run segmented once."""
        words = self.segmented.get(run)
        if words is None:
            if len(self.segmented) > MAX_SEGMENTED:
                self.segmented.clear()
            words, last = [], 0
            for known in _TEMPLATE_WORD.finditer(run):
                words += self._newmm(run[last : known.start()]) + [known.group()]
                last = known.end()
            words = self.segmented[run] = words + self._newmm(run[last:])
        return words

    def _newmm(self, text: str) -> list[str]:
        """Return newmm's words of a text (none for no text)."""
        # newmm asks its dictionary only for the words a text starts with (prefixes()), as a Trie answers.
        return newmm_segment(text, custom_dict=self) if text else []  # type: ignore[arg-type]

    def extended(self, words: frozenset[str]) -> WordSet:
        """Return a copy with more words (this one unchanged)."""
        copy = WordSet(())
        extra = {w.strip() for w in words if w.strip()}
        copy.words = self.words | extra
        copy.lengths = sorted(set(self.lengths) | {len(w) for w in extra})
        return copy


@functools.lru_cache(maxsize=1)
def thai_dictionary() -> WordSet:
    """Return PyThaiNLP's word dictionary, loaded once per process (never changed: see dictionary_with)."""
    return WordSet(thai_words())


@functools.lru_cache(maxsize=4)
def _dictionary_with_words(words: frozenset[str]) -> WordSet:
    """Return PyThaiNLP's dictionary plus these words, one copy per set of words."""
    return thai_dictionary().extended(words)


def dictionary_with(names: Iterable[str]) -> WordSet:
    """Return PyThaiNLP's dictionary plus the Thai words of these names, for one agreement.

    A copy per set of names (a batch's agreements with the same parties share one, with its
    segmented runs): adding one agreement's names to a dictionary shared by the process made
    the breaks of the next agreements depend on which agreements the process had made before.
    """
    return _dictionary_with_words(thai_words_of(names))


@functools.lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Return the Thai place names every document keeps whole: the provinces (PyThaiNLP's corpus)."""
    return frozenset(str(name) for name in provinces())


def place_words(texts: Iterable[str]) -> frozenset[str]:
    """Return the place names in texts: the Thai run after a kind of place (ตำบล, อำเภอ, จังหวัด, เทศบาลเมือง…).

    A run longer than LONGEST_UNBREAKABLE letters is more than a place's name: an organization
    named after its place (ตำบลโนนสะอาดพัฒนาชนบทเพื่อความยั่งยืน). Made one word, it could not
    break in a signature block, and ran out of it; its place (โนนสะอาด) is held by places.py.
    """
    return frozenset(
        m.group(1)
        for text in texts
        for m in _PLACE.finditer(text)
        if _spacing_letters(m.group(1)) <= LONGEST_UNBREAKABLE
    )


def thai_words_of(names: Iterable[str]) -> frozenset[str]:
    """Return the Thai runs of names (people, organizations, places) to keep whole as words."""
    return frozenset(w for name in names for w in THAI_RUN.findall(name) if 1 < len(w) <= LONGEST_NAME)


def mark_breaks(
    text: str,
    names: Iterable[str] = (),
    glued: Iterable[str] = (),
    fits: Callable[[str], bool] = lambda unit: True,
    hosts: Iterable[str] = (),
    narrow: bool = False,
) -> str:
    """Mark where Thai may break: ZWSP between words, WORD JOINER inside the units kept on one line.

    `names` (people's names, place names) add their words to the dictionary; `glued` (people's
    full names, short names, defined terms) are kept on one line, and so are a number with the
    word that counts it, an amount in words and a party's number with what follows, when
    `fits` says they fit on a line (a longer one breaks between its words). Everything else
    (positions, organizations, addresses, phrases) may break between any two words. Inside
    one of the `hosts` (organizations' names, positions), a glued unit is a part of that name,
    not the defined term, and is not held (unless it stands in quotes). In a `narrow` column
    the words of COLUMN_WORD_PARTS may break between their parts too.
    """
    head, body = "", text
    if "<body" in text:  # a document: leave <head> alone (its <title> becomes the PDF's metadata)
        split = text.index("<body")
        head, body = text[:split], text[split:]
    body = _RUN_NODE.sub(functools.partial(_with_runs_marked, fits=fits), body)
    if not THAI_RUN.search(body):
        return head + body
    names = list(names)
    dictionary, own_words = dictionary_with(names), thai_words_of(names)

    def segment(match: re.Match[str]) -> str:
        words = hold_unknown(dictionary.segment(match.group()), dictionary, fits)
        if narrow:
            words = [part for word in words for part in column_parts(word, own_words)]
        # a place name of several words (โนน|สะอาด) is held whole: see places.py
        words = [hold_long_word(word, fits) for word in hold_places(words)]
        out = words[0]
        for word in words[1:]:
            out += word if word[0] in NO_BREAK_BEFORE else ZWSP + word
        return out

    marked = _SPAN_EDGE.sub(ZWSP + "\\1", hold_units(THAI_RUN.sub(segment, body), fits, narrow))
    return head + hold_prepositions(hold_party_numbers(glue_names(marked, glued, hosts), fits))


def hold_long_word(word: str, fits: Callable[[str], bool]) -> str:
    """Return a word of more than LONGEST_UNBREAKABLE letters with the breaks mou allows in it marked.

    Pango may break a run that long where it likes (no_break_ranges leaves it free, as it could
    be wider than a line): a country's official name in a party's name, one word of the
    dictionary and of mark_breaks (สาธารณรัฐประชาธิปไตยประชาชนลาว), broke at ประชาชน|ลาว. A
    compound of the dictionary may break between the words it is made of, as an organization's
    name may (สาธารณรัฐ|ประชาธิปไตย|ประชาชนลาว), but never before a word of three letters or
    fewer; any other such word that fits a line is held whole, in pieces no longer than
    LONGEST_UNBREAKABLE joined by WORD JOINER. One wider than a line is left to break.
    """
    runs = word.split(WORD_JOINER)
    if all(_spacing_letters(run) <= LONGEST_UNBREAKABLE for run in runs):
        return word
    parts = long_word_parts(word) if len(runs) == 1 else (word,)
    if len(parts) > 1:
        return ZWSP.join(parts)
    if not fits(word.replace(WORD_JOINER, "")):
        return word
    return WORD_JOINER.join(piece for run in runs for piece in _short_pieces(run))


def long_word_parts(word: str) -> tuple[str, ...]:
    """Return the parts a word longer than LONGEST_UNBREAKABLE letters may break between: a compound's words, or the word alone."""
    if _spacing_letters(word) <= LONGEST_UNBREAKABLE:
        return (word,)
    parts = _compound_parts(word)
    return _with_short_parts_held(parts) if len(parts) > 1 else (word,)


def _with_short_parts_held(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Return a compound's parts with each of SHORTEST_PART letters or fewer joined to the part before it (the first to the next)."""
    held = [parts[0]]
    for part in parts[1:]:
        if _spacing_letters(part) <= SHORTEST_PART or _spacing_letters(held[-1]) <= SHORTEST_PART and len(held) == 1:
            held[-1] += part
        else:
            held.append(part)
    return tuple(held)


def _short_pieces(run: str) -> list[str]:
    """Return a Thai run cut between its clusters into pieces of at most LONGEST_UNBREAKABLE spacing letters."""
    pieces = [""]
    for cluster in tcc_segment(run):
        if pieces[-1] and _spacing_letters(pieces[-1] + cluster) > LONGEST_UNBREAKABLE:
            pieces.append("")
        pieces[-1] += cluster
    return pieces


def hold_prepositions(marked: str) -> str:
    """Keep ณ ("at") with the word after it (ณ ที่ว่าการอำเภอ…): a line may start with ณ, never end with it.

    A one-letter preposition left at a line's end reads as a stray letter; like any preposition
    it opens the phrase it governs, so a line may break before it (ตั้งอยู่ | ณ ที่…).
    """
    return LONE_PREPOSITION.sub("\\g<0>" + WORD_JOINER, marked)


def hold_unknown(words: list[str], known: Container[str], fits: Callable[[str], bool] = lambda unit: True) -> list[str]:
    """Return segmented words with each word the dictionary does not know held with its neighbours.

    For text it does not know (a transliterated name: ออลซีซั่นส์เพลส, "All Seasons Place"),
    newmm falls back to pieces of clusters and short words it finds inside (ออ|ล|ซี|ซั่นส์|เพลส),
    and a line broke inside a syllable (ออ|ล…). An unknown piece is joined to the pieces on
    either side, and those to theirs while one of two neighbours is unknown: the name is one
    word. Wider than a line (or than a word may be to be held), it breaks at the plausible
    syllable boundaries among its pieces, never next to a piece with no vowel (a final or
    initial consonant: ล, ส์, ธ).
    """
    out: list[str] = []
    for group in unknown_groups(words, known):
        whole = "".join(group)
        out += [whole] if len(group) == 1 or held_whole(whole, fits) else syllable_pieces(group)
    return out


def unknown_groups(words: list[str], known: Container[str]) -> list[list[str]]:
    """Return segmented words in groups: each word alone, but the pieces held with a word the dictionary does not know together."""
    groups = [words[:1]] if words else []
    for before, word in zip(words, words[1:]):
        if _linked(before, word, known):
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def held_whole(word: str, fits: Callable[[str], bool]) -> bool:
    """Say whether a word may be held on one line: it fits, and is no longer than a held word may be."""
    return fits(word) and _spacing_letters(word) <= LONGEST_UNBREAKABLE


def unknown_words(text: str, dictionary: WordSet) -> list[str]:
    """Return the words of a text the dictionary (see dictionary_with) does not know, each whole as hold_unknown holds it."""
    return [
        "".join(group)
        for run in THAI_RUN.findall(text)
        for group in unknown_groups(dictionary.segment(run), dictionary)
        if len(group) > 1 or unknown_word(group[0], dictionary)
    ]


def syllable_pieces(words: list[str]) -> list[str]:
    """Return the pieces of an unknown word between its plausible syllable boundaries.

    A piece longer than a word may be held is cut into its Thai character clusters first. A
    piece with no vowel (ล of ออ|ล, ส์ of ซั่น|ส์) is the last consonant of the syllable
    before it, and stays with it.
    """
    parts = [part for word in words for part in (tcc_segment(word) if len(word) > LONGEST_UNBREAKABLE else [word])]
    pieces = parts[:1]
    for part in parts[1:]:
        if _no_vowel(part) or _no_vowel(pieces[-1]) and len(pieces) == 1:
            pieces[-1] += part
        else:
            pieces.append(part)
    return pieces


def unknown_word(word: str, known: Container[str]) -> bool:
    """Say whether a segmented word is Thai letters the dictionary (and the templates' words) does not know."""
    return bool(_LETTERS_ONLY.fullmatch(word)) and word not in known and word not in TEMPLATE_WORDS


def _linked(before: str, after: str, known: Container[str]) -> bool:
    """Say whether two neighbouring words of Thai letters stay together because one of them is unknown."""
    letters = _LETTERS_ONLY.fullmatch(before) and _LETTERS_ONLY.fullmatch(after)
    return bool(letters) and (unknown_word(before, known) or unknown_word(after, known))


def _no_vowel(word: str) -> bool:
    """Say whether a piece is consonants alone (with a silencer or tone mark): it cannot be a syllable by itself."""
    return bool(_CONSONANTS_ONLY.fullmatch(word))


def breakable_runs(text: str) -> str:
    """Let a run with no place to break that is wider than a column break after its punctuation and between digits.

    An e-mail address, a reference number or a long URL segment would otherwise run past the
    margin (or across the side-by-side edition's other column): it may break after a dot, @,
    slash or underscore (Pango breaks after a hyphen already), and a run of digits, or of
    letters and digits mixed (a hash in a URL), every LONG_RUN_DIGITS characters.
    """
    return _LONG_RUN.sub(lambda run: _DIGITS.sub(_break_digits, _RUN_PUNCTUATION.sub("\\1" + ZWSP, run.group())), text)


def unhyphenated_runs(text: str, fits: Callable[[str], bool] = lambda unit: True) -> str:
    """Mark each long run's breaks (breakable_runs); in English text, in a span the typesetter never hyphenates.

    A hyphen added inside an e-mail address or a URL (`sara-|ban.chumphae…`) reads as a part of
    it. Thai text is not hyphenated: its runs are left as they are laid (a span would part its
    boxes). In both, a Latin word that `fits` says is wider than a line breaks (breakable_latin):
    in English, broken where the line ended (overflow-wrap) it moved whole to a line of its own
    first, and left the line before it short.
    """
    if THAI_RUN.search(text):
        return breakable_latin(breakable_runs(text), fits)
    return _LONG_RUN.sub(
        lambda run: f'<span class="run">{breakable_latin(breakable_runs(run.group()), fits)}</span>', text
    )


def breakable_latin(text: str, fits: Callable[[str], bool]) -> str:
    """Let each Latin word that is wider than a line (`fits`) break inside the margin.

    The Thai editions' language is Thai, so the typesetter hyphenates none of their words: a
    German law's name or a long code ran past the margin and off the paper. A word of letters
    gets SOFT HYPHENs where the English patterns hyphenate (a hyphen is drawn where a line
    breaks at one, as in the English edition), and one every LONG_RUN_DIGITS letters of a piece
    they leave longer than LONGEST_LATIN_PIECE letters; a code (capitals or digits inside) or a
    word they do not hyphenate at all, a break mark every LONG_RUN_DIGITS letters, as a run of
    digits has (breakable_runs). Neither mark is read back.
    """
    return _LATIN_WORD.sub(lambda word: word.group() if fits(word.group()) else _broken_latin(word.group()), text)


def wide_latin_words(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Return the Latin words of a Thai text that are wider than a line (`fits`): breakable_latin breaks them."""
    return [word for word in _LATIN_WORD.findall(text) if not fits(word)] if THAI_RUN.search(text) else []


def _broken_latin(word: str) -> str:
    """Return a Latin word with its hyphenation points (letters only) and, in pieces still too long, break marks."""
    # Letters lower-case after the first are a word (Rindfleischetikettierungsgesetz); capitals
    # or digits inside (KKUNECTEC…, 3d9b0e2f…) a code, which the patterns would cut at random.
    word_like = word.isalpha() and word[1:].islower()
    pieces = _english_hyphenation().inserted(word, hyphen=SOFT_HYPHEN).split(SOFT_HYPHEN) if word_like else [word]
    # a word the patterns hyphenate breaks with a hyphen shown; a code, or a word they leave
    # whole, with none (a hyphen would read as part of it)
    if len(pieces) == 1:
        return in_pieces(word, ZWSP)
    hyphenated = SOFT_HYPHEN.join(
        in_pieces(piece, SOFT_HYPHEN) if len(piece) > LONGEST_LATIN_PIECE else piece for piece in pieces
    )
    # In a box of its own: WeasyPrint, finding a soft hyphen anywhere further in a text box,
    # lays a piece that does not fit its line (a narrow column's word) as one line through to
    # that hyphen, past the edge, over every break mark between (a code before the word).
    return f'<span class="hyphenated">{hyphenated}</span>'


@functools.lru_cache(maxsize=1)
def _english_hyphenation() -> pyphen.Pyphen:
    """Return the English patterns the English editions hyphenate with, as the style sheet limits them (3 letters each side)."""
    return pyphen.Pyphen(lang=ENGLISH_PATTERNS, left=3, right=3)


def _with_runs_marked(node: re.Match[str], fits: Callable[[str], bool] = lambda unit: True) -> str:
    """Return a text node with its long runs marked (unhyphenated_runs) and its English dates held; a style or script element as it is."""
    if node.group(1):
        return node.group(1)
    held = hold_english_labels(hold_english_dates(unhyphenated_runs(node.group(3), fits)))
    return ">" + hold_phone_numbers(held)


def hold_english_dates(text: str) -> str:
    """Keep an English date's day with its month (1 September, September 1): a WORD JOINER after the space between.

    A line may still break before the year. Not a nowrap span (before one, a narrow column's
    line broke early) nor a NO-BREAK SPACE (poppler and pdf.js read it back as a plain space,
    where the joiner, dropped from the text drawn, reads back as nothing). Nor a span never
    hyphenated: in the side-by-side column a line broke early before it too (one line more
    left short in each of the corpus's side-by-side editions); the month may be hyphenated.
    """
    return ENGLISH_DAY_MONTH.sub(lambda m: m.group().replace(" ", " " + WORD_JOINER, 1), text)


def hold_phone_numbers(text: str) -> str:
    """Keep a telephone number on one line however it is grouped (๐ ๔๓๒๑ ๒๓๔๐, +66 43 311 234): a WORD JOINER after each space or hyphen inside.

    Broken after its first group, `โทรศัพท์ ๐` ended a line and the number went on below.
    """
    return PHONE_NUMBER.sub(lambda m: re.sub("([ -])(?!\u2060)", "\\1" + WORD_JOINER, m.group()), text)


def hold_english_labels(text: str) -> str:
    """Keep a label with its number (Moo 12, Section 24, Office 5, THB 1,000), as Thai keeps หมู่ที่ ๑๒: a WORD JOINER after the space.

    A number alone at a line's start (`…Educational Service Area Office` / `5`) reads as nothing.
    """
    return _ENGLISH_LABEL.sub("\\g<0>" + WORD_JOINER, text)


def _break_digits(digits: re.Match[str]) -> str:
    """Return a run of digits with a break mark after every LONG_RUN_DIGITS of them."""
    return in_pieces(digits.group(), ZWSP)


def in_pieces(run: str, mark: str) -> str:
    """Return a run with a mark (a break, a soft hyphen) after every LONG_RUN_DIGITS characters."""
    return mark.join(run[at : at + LONG_RUN_DIGITS] for at in range(0, len(run), LONG_RUN_DIGITS))


def column_parts(word: str, names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Return the parts a narrow column may break a word between: COLUMN_WORD_PARTS, or a long compound's words."""
    if word in COLUMN_WORD_PARTS:
        return COLUMN_WORD_PARTS[word]
    if _spacing_letters(word) < COLUMN_LONG_WORD or word in names or word in TEMPLATE_WORDS:
        return (word,)
    return _compound_parts(word)


@functools.lru_cache(maxsize=4096)
def _compound_parts(word: str) -> tuple[str, ...]:
    """Return the dictionary words a compound of the dictionary is made of, or the word alone."""
    base = thai_dictionary()
    if word not in base:
        return (word,)
    parts = newmm_segment(word, custom_dict=_Without(base, word))  # type: ignore[arg-type]
    return tuple(parts) if len(parts) > 1 and all(part in base for part in parts) else (word,)


class _Without:
    """A dictionary less one word, answering newmm's prefix queries (to find a compound's parts)."""

    def __init__(self, words: WordSet, word: str):
        self.words, self.word = words, word

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Return the dictionary words that text[start:] begins with, but the word left out."""
        return [found for found in self.words.prefixes(text, start) if found != self.word]


def hold_party_numbers(marked: str, fits: Callable[[str], bool] = lambda unit: True) -> str:
    """Keep a party's number, (๑), with what follows it up to the next break, when both fit a line."""

    def held(match: re.Match[str]) -> str:
        unit = match.group(1) + match.group(2).translate(_DROP_INVISIBLE)
        return match.group(1) + WORD_JOINER + match.group(2) if fits(unit) else match.group()

    return _PARTY_NUMBER_AND_WORD.sub(held, marked)


def hold_units(marked: str, fits: Callable[[str], bool] = lambda unit: True, narrow: bool = False) -> str:
    """Glue, in segmented text, what stays on one line wherever it stands (each only if it fits a line).

    A number stays with the word that counts it (พ.ศ. ๒๕๖๓, วันที่ ๑๖, หมู่ที่ ๒); an amount in
    words whole through ถ้วน, or with satang in two parts, its baht through บาท and its satang
    through สตางค์ (see amount_parts; wider than a line, it breaks between its words, never
    before บาท, ถ้วน or สตางค์); a time with its น. (๑๖.๓๐ น.). A counting word must start a
    word of the segmented text (ครั้งที่ in ประชุม|คณะทำงาน|ครั้งที่, not a run cut in the middle).
    """
    return _TEXT_NODE.sub(lambda node: ">" + _hold_in(node.group(1), fits, narrow) + "<", marked)


def _hold_in(text: str, fits: Callable[[str], bool], narrow: bool = False) -> str:
    """Glue the units of one segmented text node (see hold_units)."""
    where = [index for index, char in enumerate(text) if char != ZWSP]
    plain = "".join(text[index] for index in where)
    where.append(len(text))
    found = sorted(
        (m for pattern in (COUNTED, AMOUNT_IN_WORDS, TIME_OF_DAY, NUMBER_AND_UNIT) for m in pattern.finditer(plain)),
        key=lambda m: m.start(),
    )
    out, last = [], 0
    for match in found:
        start = where[match.start()]
        inside_a_word = start > 0 and _THAI_LETTERS.match(text[start - 1])
        unit_goes_on = match.re is NUMBER_AND_UNIT and _THAI_LETTERS.match(text[where[match.end() - 1] + 1 :])
        if start < last or inside_a_word or unit_goes_on:
            continue
        amount = match.re is AMOUNT_IN_WORDS
        # Wider than a line, an amount keeps each part that fits whole (its best break is between
        # its baht and its satang); wider than a side-by-side column, it breaks between its
        # words (held in parts there, the line before each part was left short).
        parts = amount_parts(match.group()) if amount and (fits(match.group()) or not narrow) else (match.group(),)
        at = match.start()
        for number, part in enumerate(parts):
            start, end = where[at], where[at + len(part) - 1] + 1
            piece = text[start:end]
            if fits(part):
                glued = re.sub("([ .])(?!$)", "\\1" + WORD_JOINER, piece.replace(ZWSP, WORD_JOINER))
            elif amount:
                glued = _CLOSING_WORD.sub(WORD_JOINER, piece)
            else:
                break
            # between the baht and the satang of an amount a line may break, even where no word mark stood
            mark = ZWSP if number and text[start - 1] != ZWSP else ""
            out += [text[last:start], mark, glued]
            last, at = end, at + len(part)
    return "".join(out) + text[last:]


def amount_parts(words: str) -> tuple[str, ...]:
    """Return the parts an amount in words keeps whole: all of it, or with satang its baht and its satang.

    (หนึ่งแสนห้าหมื่นบาทถ้วน) is one part; (หนึ่งแสนห้าหมื่นบาทเจ็ดสิบห้าสตางค์) is two,
    (หนึ่งแสนห้าหมื่นบาท and เจ็ดสิบห้าสตางค์), a line may break between them as between "… baht"
    and "seventy-five satang": held as one, an amount with satang (a third of a line and more)
    left the line before it short wherever it could not take the amount whole.
    """
    split = _BAHT_BEFORE_SATANG.search(words)
    parts = (words[: split.end()], words[split.end() :]) if split else (words,)
    return tuple(
        piece
        for part in parts
        for between_millions in _AFTER_MILLIONS.split(part)
        for piece in _at_thousands(between_millions)
        if piece
    )


def _at_thousands(part: str) -> tuple[str, ...]:
    """Return a part of an amount in words longer than LONGEST_UNBREAKABLE letters in two at its thousands (see _THOUSANDS), else whole."""
    if _spacing_letters(part.replace(WORD_JOINER, "")) <= LONGEST_UNBREAKABLE:
        return (part,)
    ends = [m.end() for m in _THOUSANDS.finditer(part) if not _NOT_AFTER_THOUSANDS.match(part, m.end())]
    ends = [end for end in ends if end < len(part)]
    return (part[: ends[-1]], part[ends[-1] :]) if ends else (part,)


def held_amount(words: str, fits: Callable[[str], bool]) -> str:
    """Return an amount in words held for an office suite: each of its parts whole, a break allowed between them.

    A part wider than a line may break between its words, but never before บาท, ถ้วน or สตางค์.
    """
    return ZWSP.join(
        hold_together(part) if fits(part) else _BEFORE_CLOSING_WORD.sub(WORD_JOINER, part)
        for part in amount_parts(words)
    )


def glue_names(marked: str, names: Iterable[str], hosts: Iterable[str] = ()) -> str:
    """Keep each name on one line: a WORD JOINER at its word boundaries and after its spaces and dots.

    Joiners, not merged words: each word stays a short run, so the rule that a word longer
    than a line may break never applies to a whole name. A name found inside one of the
    `hosts` (a short name that begins its organization's name or a position) is left to
    break there, unless it stands in quotes, as the defined term.
    """
    hosts = sorted({h.strip() for h in hosts if THAI_RUN.search(h)}, key=len, reverse=True)
    for name in sorted({n.strip() for n in names if THAI_RUN.search(n)}, key=len, reverse=True):
        # a name may hold a unit glued already (หมู่ที่ ๑๓ ตำบลชุมแพ): its joiners stay
        inside = _spans(marked, [host for host in hosts if name in host])
        marked = re.sub(_marked_pattern(name), functools.partial(_glued_name, marked=marked, inside=inside), marked)
    return marked


def _glued_name(match: re.Match[str], marked: str, inside: list[tuple[int, int]]) -> str:
    """Return a name found in marked text held with joiners, or as it was inside a host and not in quotes."""
    if _within(match.span(), inside) and not _quoted(marked, match.span()):
        return match.group()
    return re.sub(f"([ .])(?!{WORD_JOINER})", "\\1" + WORD_JOINER, match.group().replace(ZWSP, WORD_JOINER))


def _marked_pattern(text: str) -> str:
    """Return a pattern for text in marked text: a word mark or joiner may stand between any two of its characters."""
    return f"[{ZWSP}{WORD_JOINER}]?".join(re.escape(char) for char in text)


def _spans(marked: str, texts: list[str]) -> list[tuple[int, int]]:
    """Return where each of texts stands in marked text."""
    return [m.span() for text in texts for m in re.finditer(_marked_pattern(text), marked)]


def _within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Say whether a span lies inside one of spans."""
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _quoted(marked: str, span: tuple[int, int]) -> bool:
    """Say whether the text at span stands in quotes (tags allowed between), as a defined term does."""
    before = re.sub("(?:<[^>]*>)*$", "", marked[max(0, span[0] - 80) : span[0]])
    after = re.sub("^(?:<[^>]*>)*", "", marked[span[1] : span[1] + 80])
    return before.endswith(("“", "‘", '"')) and after.startswith(("”", "’", '"'))


def no_break_ranges(text: str) -> list[tuple[int, int]]:
    """Return character ranges inside which Pango must not break a line.

    Every run of Thai letters between two marked boundaries is one range (unless it is
    longer than any line could hold); so is any space before ๆ, ฯ or closing punctuation
    with the character before it, any opening punctuation with the character after it,
    and any glued space inside a name.
    """
    ranges = [
        run.span()
        for run in THAI_RUN.finditer(text)  # runs end at each ZWSP
        if _spacing_letters(run.group()) <= LONGEST_UNBREAKABLE
    ]
    ranges += [(max(m.start() - 1, 0), m.end()) for m in _NO_BREAK_BEFORE.finditer(text)]
    ranges += [m.span() for m in _NO_BREAK_AFTER.finditer(text)]
    ranges += [m.span(1) for m in _GLUED.finditer(text)]
    return ranges


def _spacing_letters(word: str) -> int:
    """Count the letters that take horizontal space (not marks above or below)."""
    return sum(1 for char in word if unicodedata.category(char) != "Mn")


# ---------------------------------------------------------------- the same units in an office suite

# Word and LibreOffice break Thai with their own dictionaries and know nothing of Pango's
# no-break ranges; what they honour is a character that forbids a break: NO-BREAK SPACE for
# a space and WORD JOINER between two letters (UAX #14, class WJ).
NO_BREAK_SPACE = "\u00a0"
# Before a number: LibreOffice 7.4 breaks a line after a NO-BREAK SPACE that a Thai digit
# follows (วันที่ |๑๖, with or without a joiner: measured), never after this one.
NARROW_NO_BREAK_SPACE = "\u202f"
_BEFORE_NUMBER = re.compile(" (?=[๐-๙0-9])")
# Thai and the dots of its abbreviations (ดร.น้ำฝน, พ.ศ.): where joiners go between clusters.
_THAI_AND_DOTS = re.compile("[\u0e01-\u0e5b.]+")
# Thai letters and marks, without digits, ๆ or ฯ: what may be a word of the dictionary.
_LETTERS_ONLY = re.compile("[\u0e01-\u0e2e\u0e30-\u0e45\u0e47-\u0e4e]+")
# Consonants with no vowel (a thanthakhat or a tone mark allowed), or such marks alone (PyThaiNLP's
# clusters part ส from its ์): a piece that is no syllable of its own.
_CONSONANTS_ONLY = re.compile("(?:[\u0e01-\u0e2e][\u0e48-\u0e4c]?){1,3}|[\u0e48-\u0e4c]+")
# Thai letters and marks, not digits (a run of digits is one word already).
_THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")
# A number and the word that counts it (วันที่ ๑๖, พ.ศ. ๒๕๖๓, ข้อ ๒, หมู่ที่ ๔, เลขที่ ๑).
# ร้อยละ ("per cent") counts its number as พ.ศ. does (ร้อยละ ๑๐).
# A section of an Act (มาตรา ๒๔), a numbered area (สำนักงานเขตพื้นที่การศึกษา… เขต ๕), a phase
# or a cohort (ระยะที่ ๒, รุ่นที่ ๔) as well.
COUNTING_WORDS = (
    "วันที่|พ\\.ศ\\.|ค\\.ศ\\.|ข้อ|หมู่ที่|เลขที่|ฉบับที่|ครั้งที่|ลำดับที่|ปี|ฝ่ายที่|ชั้น|ห้อง|ร้อยละ"
    "|มาตรา|วรรค|เขต|อาคาร|ข้อที่|ระยะที่|หมวดที่|รุ่นที่|ชั้นที่|ภาคที่|ส่วนที่|กลุ่มที่|ตอนที่"
)
COUNTED = re.compile(f"(?:{COUNTING_WORDS}) [๐-๙0-9][๐-๙0-9,./]*")
# A number and the unit after it (๑ ปี, ๖ เดือน, ๓๐ วัน, ๓๐ คน, ๒ ฉบับ), as a number keeps its บาท: a
# period parted at a line's end (เป็นเวลา ๑|ปี) reads as a number with nothing counted. The unit
# must end a word (not วัน of วันทำการ): a word mark, or no Thai letter, follows.
COUNT_UNITS = "ปี|เดือน|วัน|สัปดาห์|ชั่วโมง|นาที|คน|ราย|ฉบับ|ครั้ง|แห่ง|รุ่น"
NUMBER_AND_UNIT = re.compile(f"(?<![๐-๙0-9,.])[๐-๙0-9][๐-๙0-9,.]* (?:{COUNT_UNITS})")
_UNIT_ENDS = re.compile(f"{NUMBER_AND_UNIT.pattern}(?![\u0e01-\u0e4e])")
# The same where the counting word is held already as a word of a name (เล⁠ข⁠ที่ ๑๑๒ in an address).
_COUNTED_HELD = re.compile(
    "(?:"
    + "|".join(f"{WORD_JOINER}?".join(map(re.escape, word.replace("\\", ""))) for word in COUNTING_WORDS.split("|"))
    + ") [๐-๙0-9][๐-๙0-9,./]*"
)
# The same where the number opens a span of its own: วันที่ <span class="nowrap">๑ กันยายน</span>.
_COUNTED_SPAN = re.compile(f"({COUNTING_WORDS}) ((?:<[^>]+>)+)(?=[๐-๙0-9])")
# The fewest characters a unit held in an office suite has (see office_breaks).
MIN_OFFICE_UNIT = 3
# A number in Thai digits: LibreOffice breaks between two of them (๑|๖ พฤศจิกายน, measured).
THAI_NUMBER = re.compile("[๐-๙][๐-๙,.]*[๐-๙]")
# An amount in words, through ถ้วน or สตางค์: (หนึ่งแสนห้าหมื่นบาทถ้วน).
# A number inside it may hold a WORD JOINER already (สี่\u2060หมื่น), which must not hide it.
AMOUNT_IN_WORDS = re.compile("\\([\u0e01-\u0e4e\u2060]+(?:ถ้วน|สตางค์)\\)")
# The same among units held already in an office suite: a unit found inside the amount (สี่หมื่น,
# the word of a village's name) stands between word marks, which hid the amount from
# AMOUNT_IN_WORDS; left unheld, LibreOffice broke it after its bracket and before its สตางค์.
_AMOUNT_AMONG_UNITS = re.compile(f"\\([\u0e01-\u0e4e{WORD_JOINER}{ZWSP}]+(?:ถ้วน|สตางค์)\\)")
# Where an amount in words with satang has its two amounts: after its บาท (see amount_parts).
_BAHT_BEFORE_SATANG = re.compile("^\\([\u0e01-\u0e4e\u2060]+?บาท(?=[\u0e01-\u0e4e\u2060]+สตางค์\\)$)")
# An amount in words wider than a line breaks between its words, but never before บาท, ถ้วน or
# สตางค์: each stays with the word before it (not บาท|ถ้วน), never a line's first word.
_AFTER_MILLIONS = re.compile("(?<=ล้าน)(?!บาท|ล้าน)(?=[\u0e01-\u0e4e\u2060]+บาท)")
# A part of an amount in words longer than LONGEST_UNBREAKABLE letters (its baht below a million,
# ๓๔๕,๖๗๘ บาท: 281 pt, more than half a Thai edition's line) may also break where its figures
# have their thousands comma: after the last of its แสน, หมื่น, พัน that more words follow
# (สามแสนสี่หมื่นห้าพัน|หกร้อยเจ็ดสิบแปดบาท), never before บาท, ล้าน, ถ้วน or สตางค์.
_THOUSANDS = re.compile(f"(?:แ{WORD_JOINER}?ส{WORD_JOINER}?น|ห{WORD_JOINER}?มื่{WORD_JOINER}?น|พั{WORD_JOINER}?น)")
_NOT_AFTER_THOUSANDS = re.compile(f"{WORD_JOINER}?(?:บาท|ล้าน|ถ้วน|สตางค์|\\))")
_CLOSING_WORD = re.compile(f"{ZWSP}(?=บาท|ถ้วน|สตางค์)")
_BEFORE_CLOSING_WORD = re.compile("(?<=[\u0e01-\u0e4e])(?=บาท|ถ้วน|สตางค์)")
# A time of day with its น. (๑๖.๓๐ น., 08:30 น.): น. alone opening a line reads as nothing.
TIME_OF_DAY = re.compile("[๐-๙0-9]{1,2}[.:][๐-๙0-9]{2} น\\.")
# A party's number, or an item's label inside a sentence, and what follows it up to the next
# place a line may break (a word mark, a space not glued, a tag): (๑) มหาวิทยาลัย|ขอนแก่น,
# (ข) เพื่อให้|ผู้ป่วย; a label alone ending a line reads as nothing.
LABEL = "\\((?:[๐-๙0-9]+|[ก-ฮ])\\) "
# The same in an office suite: the label and the space after it, which becomes a NO-BREAK SPACE.
_LABEL_AND_SPACE = re.compile(f"({LABEL[:-1]}) (?=[\u0e01-\u0e4e])")
_PARTY_NUMBER_AND_WORD = re.compile(f"({LABEL})([\u0e01-\u0e4e](?:[^ {ZWSP}<]| {WORD_JOINER})*)")
_DROP_INVISIBLE = {ord(ZWSP): None, ord(WORD_JOINER): None}
# Words that LibreOffice's dictionary splits and the PDF never does (measured in the samples and
# the corpus): the templates' บันทึกข้อ|ตกลง, ผู้ว่า|ราชการ, ใช้งบ|ประมาณ, ซึ่งต่อ|ไปใน,
# สำคัญต่อ|หน้าพยาน (and then ไว้เป็น|สำคัญ), ข้อความโดย|ละเอียด, ภาษา|อังกฤษ, ถูกต้องตรง|กัน, ตั้งอยู่|ที่, and a
# period's ระยะ|เวลา (the PDF takes the templates' words whole: TEMPLATE_WORDS). Not all of
# TEMPLATE_WORDS: held in a position of a signature block (ปฏิบัติราชการแทน|ผู้ว่าราชการ|จังหวัด,
# each held), LibreOffice 7.4 broke the line inside them where it ended (ป|ฏิบัติ, จังห|วัด).
OFFICE_SPLIT_WORDS = (
    "บันทึกข้อตกลง",
    "ข้อตกลง",
    "ผู้ว่าราชการ",
    "ความร่วมมือ",
    "งบประมาณ",
    "ต่อไป",
    "ต่อหน้า",
    "เป็นสำคัญ",
    "โดยละเอียด",
    "รายละเอียด",
    "ภาษาอังกฤษ",
    "ตรงกัน",
    "ตั้งอยู่ที่",
    "ระยะเวลา",
)
# A span that starts between two Thai words (ตั้งแต่<span>วันที่ ๑ ตุลาคม</span>): a word boundary,
# which the segmenter, seeing each text apart, cannot mark.
_SPAN_EDGE = re.compile("(?<=[\u0e01-\u0e4e])(<span[^>]*>)(?=[\u0e01-\u0e4e])")
_ZWSPS = re.compile(f"{ZWSP}{{2,}}")
_STRAY_ZWSP = re.compile(f"(?<![\u0e01-\u0e5b]){ZWSP}|{ZWSP}(?![\u0e01-\u0e5b])")
_WHOLE_SPAN = re.compile('(<span class="(?:name|nowrap)">)([^<]*)(</span>)')
_TEXT_NODE = re.compile(">([^<]+)<")
# A text node (group 3), or a style or script element, whose text is not text to lay (group 1).
_RUN_NODE = re.compile("(<(style|script)\\b[^>]*>.*?</\\2\\s*>)|>([^<]+)(?=<)", re.DOTALL | re.IGNORECASE)
# ณ standing alone as a word, before a space (group 1) and the word it governs (see hold_prepositions).
LONE_PREPOSITION = re.compile(f"(?<![\u0e01-\u0e4e{ZWSP}{WORD_JOINER}])ณ( )(?=[\u0e01-\u0e59])")
# An English date's day and month, either way round (1 September 2020, September 1, 2020).
# A month in full or abbreviated (Sept., Sep, Jan.): the cross-check reads all of them as dates.
_MONTH = "(?:" + "|".join([*EN_MONTHS, "Sept", *(name[:3] for name in EN_MONTHS if len(name) > 3)]) + ")"
ENGLISH_DAY_MONTH = re.compile(
    f"\\b(?:[0-9]{{1,2}}(?:st|nd|rd|th)? {_MONTH}\\b|{_MONTH}\\.? [0-9]{{1,2}}(?:st|nd|rd|th)?\\b)"
)
# The words a number names the one of (Moo 4, No. 12, Section 24), as the Thai COUNTING_WORDS, and
# the currency code before an amount's figures (THB 1,000,000.01): a clause writes an amount by
# hand, and a line ended `no more than THB`, its figures below.
ENGLISH_LABELS = (
    "THB|Moo|No\\.|Nos\\.|Section|Article|Clause|Chapter|Part|Annex|Appendix|Item|Phase|Stage|Round|Cohort"
    "|Zone|Area|Region|Office|Building|Floor|Room|Soi|Unit|Group|Volume|Page|Paragraph"
)
_ENGLISH_LABEL = re.compile(f"\\b(?:{ENGLISH_LABELS}) (?!{WORD_JOINER})(?=[0-9])")
# A run of characters with no space and no Thai, long enough to be wider than the side-by-side
# edition's column at 16 pt (twenty digits or letters of Sarabun are about 180 pt). A character
# reference (&#34;) is one of its characters: neither a span nor a break mark may part it.
_LONG_RUN = re.compile("(?:&#?\\w+;|[^\\s<>&\u0e00-\u0e7f\u200b\u2060]){20,}")
# Inside one: where a line may break (after these, when more follows), and runs of digits.
_RUN_PUNCTUATION = re.compile("([./@_])(?=[^\\s/])")
# 13 digits or more, or 16 letters and digits with at least one of each (3d9b0e2f5c1a4e7f…): a
# word of letters alone is left whole, for the English hyphenation to break.
_DIGITS = re.compile("[0-9๐-๙]{13,}|(?<![0-9A-Za-z])(?=[0-9A-Za-z]*[0-9])(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{16,}")
LONG_RUN_DIGITS = 10
# A Latin word (letters with their accents, digits), not the name of a character reference
# (&amp;, &#34;); and the most letters a piece of one between hyphenation points may keep whole
# (twenty Sarabun letters are about 160 pt, less than the side-by-side column).
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_LATIN_WORD = re.compile(f"(?<![&#{_LATIN}])[{_LATIN}]+(?![;{_LATIN}])")
LONGEST_LATIN_PIECE = 20
SOFT_HYPHEN = "\u00ad"
# The patterns the English editions hyphenate with (mou/pdf/hyphenation.py: American English).
ENGLISH_PATTERNS = "en_US"
# A held unit in quotes after a word (เรียกว่า “อบต.โนนสะอาด”), tags allowed around the quotes.
# LibreOffice 7.4 finds no break between the word, the space and an opening quote that a joined
# name follows, and breaks the name itself where the line ends instead (“อบต.โน|นสะอาด”, measured
# in the side-by-side columns): word, quotes and name are held as one piece, which it moves whole.
_QUOTED_HELD = re.compile(f"(?<=[^\\s>]) ((?:<[^>]+>)*)([“‘])([^”’<]*{WORD_JOINER}[^”’<]*)([”’])")


# The spaces the PDF never breaks at that office_breaks, seeing one text node at a time, leaves as
# spaces: ณ's before the word it governs (hold_prepositions), a space before ๆ, ฯ or closing
# punctuation and one after opening punctuation (no_break_ranges), and an English date's between
# its day and month (ENGLISH_DAY_MONTH, mark_breaks' hold_english_dates). Word and LibreOffice
# break at a space with a WORD JOINER beside it (LibreOffice 7.4: 1 |September, ณ |ที่ว่าการ,
# ต่าง |ๆ, measured); a NO-BREAK SPACE they keep. Group 1 of each pattern is the space.
KEPT_SPACES = (
    LONE_PREPOSITION,
    re.compile(f"( )(?=[{re.escape(NO_BREAK_BEFORE)}])"),
    re.compile(f"[{re.escape(NO_BREAK_AFTER)}]( )"),
)
# Before a Thai digit a kept space is the narrow one (see NARROW_NO_BREAK_SPACE).
_THAI_DIGIT = re.compile("[๐-๙]")


def kept_spaces(text: str) -> str:
    """Return a paragraph's whole text with each space the PDF never breaks at made a no-break space (see KEPT_SPACES).

    The text is a paragraph's across its formatting runs (ณ <strong>ที่ว่าการ…</strong>): each
    kept space takes the place of its space, so the text keeps its length.
    """
    kept = [m.start() + m.group().index(" ") for m in ENGLISH_DAY_MONTH.finditer(text)]
    kept += [m.start(1) for pattern in KEPT_SPACES for m in pattern.finditer(text)]
    # a label before its number (Moo 12, THB 1,000), a telephone number's groups, as in the PDF
    kept += [m.end() - 1 for m in _ENGLISH_LABEL.finditer(text)]
    kept += [m.start() + at for m in PHONE_NUMBER.finditer(text) for at, char in enumerate(m.group()) if char == " "]
    if not kept:
        return text
    chars = list(text)
    for at in kept:
        chars[at] = NARROW_NO_BREAK_SPACE if _THAI_DIGIT.match(text, at + 1) else NO_BREAK_SPACE
    return "".join(chars)


def office_words(narrow: bool = False) -> tuple[str, ...]:
    """Return the words an office suite holds wherever they stand: OFFICE_SPLIT_WORDS, in a `narrow` column without those the PDF breaks there (COLUMN_WORD_PARTS)."""
    return tuple(word for word in OFFICE_SPLIT_WORDS if not (narrow and word in COLUMN_WORD_PARTS))


@functools.lru_cache(maxsize=65536)
def hold_together(unit: str) -> str:
    """Return a unit with nowhere to break: no-break spaces (narrow before a number), a word joiner between its Thai clusters.

    Thai Character Clusters (TCC) are the smallest pieces a Thai line can break between; a
    joiner inside one would part a vowel or tone mark from its consonant, and more joiners
    than needed only weigh on the text a reader copies.
    """
    return _THAI_AND_DOTS.sub(
        lambda m: WORD_JOINER.join(tcc_segment(m.group())),
        _BEFORE_NUMBER.sub(NARROW_NO_BREAK_SPACE, unit).replace(" ", NO_BREAK_SPACE),
    )


def office_breaks(
    html: str,
    units: Iterable[str],
    titles: Iterable[str],
    fits: Callable[[str], bool],
    fits_cell: Callable[[str], bool],
    narrow: bool = False,
) -> str:
    """Keep in an office suite what the PDF keeps on one line, with characters Word and LibreOffice honour.

    Held together: the names and nowrap spans of the templates, the `units` (people, short names,
    defined terms, the words of names and addresses) wherever they stand, `titles` except in
    signature blocks (as mark_breaks does), numbers with the word that counts them and amounts
    in words, times with their น., and the words the PDF takes whole (office_words); each only if
    `fits` says it fits on a line (a longer one must break somewhere), or in a signature block, if
    `fits_cell` says it fits in one. In a `narrow` column the words of COLUMN_WORD_PARTS are held
    by their parts, as the PDF breaks them there.
    """
    if "<body" not in html:
        return html
    split = html.index("<body")
    head, body = html[:split], html[split:]
    units = [*units, *office_words(narrow)]
    # each part of the body asks again about every unit: measure each text once
    fits, fits_cell = functools.cache(fits), functools.cache(fits_cell)

    def glue(text: str, wanted: list[str], fitting: Callable[[str], bool]) -> str:
        for unit in wanted:
            if unit in text:  # most units stand in few of the text's pieces
                text = text.replace(unit, f"{ZWSP}{hold_together(unit)}{ZWSP}")
        # A unit inside a longer Thai run leaves its neighbours as runs of their own, so each
        # starts and ends at a word: LibreOffice's dictionary broke the rest of a line at random
        # (ในบัน|ทึก, “อบต.โนนส|ะอาด”) when a glued word cut a run in the middle of its words.
        # between two units that meet, one mark: two side by side were both taken for strays
        text = _STRAY_ZWSP.sub("", _ZWSPS.sub(ZWSP, text))
        text = _COUNTED_HELD.sub(
            lambda m: (
                hold_together(m.group().replace(WORD_JOINER, ""))
                if fitting(m.group().replace(WORD_JOINER, ""))
                else m.group()
            ),
            text,
        )
        text = _AMOUNT_AMONG_UNITS.sub(lambda m: held_amount(m.group().replace(ZWSP, ""), fitting), text)
        text = _LABEL_AND_SPACE.sub(f"\\1{NO_BREAK_SPACE}", text)
        for pattern in (_UNIT_ENDS, TIME_OF_DAY, THAI_NUMBER):
            text = pattern.sub(lambda m: hold_together(m.group()) if fitting(m.group()) else m.group(), text)
        return text

    @functools.cache
    def wanted_in(cell: bool) -> list[str]:
        fitting = fits_cell if cell else fits
        # Longest first; units of one length by their text, not in the order a set gives (it changes per process).
        # A unit of fewer than three letters (มร of มร., โอ of โอ'ไบรอัน) is left out: found inside
        # longer words (มรดก, ค่าธรรมเนียมรายปี) it would cut them, and alone it never breaks.
        return sorted(
            {u for u in [*units, *([] if cell else titles)] if len(u.strip()) >= MIN_OFFICE_UNIT and fitting(u)},
            key=lambda u: (len(u), u),
        )[::-1]

    def glue_part(part: str) -> str:
        cell = bool(SIGNATURE_TABLE.fullmatch(part))
        fitting, wanted = (fits_cell if cell else fits), wanted_in(cell)
        part = _COUNTED_SPAN.sub(lambda m: hold_together(m[1]) + NARROW_NO_BREAK_SPACE + m[2], part)
        part = _WHOLE_SPAN.sub(lambda m: m[1] + (hold_together(m[2]) if fitting(m[2]) else m[2]) + m[3], part)
        return _TEXT_NODE.sub(lambda m: ">" + glue(m[1], wanted, fitting) + "<", part)

    def hold_quotes(match: re.Match[str]) -> str:
        quoted = match[2] + match[3].replace(WORD_JOINER, "") + match[4]  # as drawn: a joiner has no width
        if not fits(quoted):
            return match.group()
        return f"{NO_BREAK_SPACE}{match[1]}{match[2]}{WORD_JOINER}{match[3]}{WORD_JOINER}{match[4]}"

    held = "".join(glue_part(part) for part in SIGNATURE_TABLE.split(body))
    return head + _QUOTED_HELD.sub(hold_quotes, held)
