from lint.document import Document, decode, split_sentences


def doc(text: str) -> Document:
    return Document.from_text("t.md", text)


def test_decode_records_each_bad_byte_with_its_offsets():
    text, errors = decode("caf\u00e9 ok ".encode() + b"\xe9t\xe9\n")
    assert text == "café ok \ufffdt\ufffd\n"
    assert [(e.byte_offset, e.offset, e.byte) for e in errors] == [(9, 8, 0xE9), (11, 10, 0xE9)]


def test_positions_are_one_based_character_columns_with_crlf_and_bom():
    d = Document("t.md", "\ufeff# Tïtle\r\n\r\nWörd here.\r\n".encode())
    word = d.text.index("here")
    assert d.position(word) == (3, 6)
    assert d.position(d.text.index("#")) == (1, 1)
    assert d.headings[0].start_line == 1


def test_blocks_and_kinds():
    d = doc(
        "---\ntitle: X\n---\n# H\n\nPara.\n\n- item\n\n> quote\n\n```\n# no\n```\n\n<div>x</div>\n\n| a | b |\n|---|---|\n| c | d |\n"
    )
    kinds = [(b.kind, b.start_line) for b in d.blocks]
    assert kinds == [
        ("front_matter", 1),
        ("heading", 4),
        ("paragraph", 6),
        ("paragraph", 8),
        ("paragraph", 10),
        ("code", 12),
        ("html", 16),
        ("table", 18),
    ]
    assert d.blocks[3].in_list and d.blocks[4].in_quote
    assert d.front_matter == {"title": "X"}


def test_prose_mask_keeps_length_and_blanks_markup_code_and_urls():
    text = "# Head *em* `code` ##\n\nSee [the site](http://x.com/a_b) and <b>bold</b> `x y`.\n\n```\nsecret\n```\n"
    d = doc(text)
    assert len(d.prose) == len(text)
    assert "code" not in d.prose and "secret" not in d.prose and "http" not in d.prose and "<b>" not in d.prose
    assert "the site" in d.prose and "Head" in d.prose and "bold" in d.prose
    assert "#" not in d.prose and "*" not in d.prose


def test_setext_and_closed_atx_and_headings_in_lists_and_quotes():
    d = doc("Title\n=====\n\n## Closed ##\n\n> ## Quoted\n\n- ## Listed\n")
    assert [(h.level, h.start_line) for h in d.headings] == [(1, 1), (2, 4), (2, 6), (2, 8)]
    assert d.headings[0].setext
    assert [d.prose[h.start : h.end].strip() for h in d.headings] == ["Title", "Closed", "Quoted", "Listed"]


def test_sentences_keep_headings_apart_and_respect_abbreviations():
    d = doc("# A heading\n\nDr. Smith met Mr. Jones at 5 p.m. in the U.S. today. It rained! Did it?\n\n- a list item\n")
    sentences = [d.text[s.start : s.end] for s in d.sentences]
    assert sentences == [
        "A heading",
        "Dr. Smith met Mr. Jones at 5 p.m. in the U.S. today.",
        "It rained!",
        "Did it?",
        "a list item",
    ]


def test_split_sentences_handles_quotes_and_lowercase_continuation():
    text = 'He said "stop." Then left. E.g. this stays. Approx. 5 km. It ended in 2020. and so on.'
    assert [text[a:b] for a, b in split_sentences(text, 0, len(text))] == [
        'He said "stop."',
        "Then left.",
        "E.g. this stays.",
        "Approx. 5 km.",
        "It ended in 2020. and so on.",
    ]


def test_sections_span_to_next_heading_of_same_or_higher_level():
    d = doc("# T\n\nIntro.\n\n## A\n\nText.\n\n### A1\n\nMore.\n\n## B\n")
    spans = [
        (s.heading and d.prose[s.heading.start : s.heading.end].strip(), s.level, len(s.blocks)) for s in d.sections
    ]
    assert spans == [("T", 1, 1), ("A", 2, 1), ("A1", 3, 1), ("B", 2, 0)]
    a = d.sections[1]
    assert "More." in d.text[a.start : a.end] and "## B" not in d.text[a.start : a.end]


def test_front_matter_is_never_prose():
    d = doc("---\ntitle: Teh title\n---\n\nBody.\n")
    assert "Teh" not in d.prose and "Body" in d.prose


def test_unterminated_front_matter_is_just_text():
    d = doc("---\nnot closed\n\nBody.\n")
    assert d.front_matter_span is None


def test_toml_and_json_front_matter_give_the_title():
    toml = Document.from_text(
        "t.md", '+++\ntitle = "Announcing Rust 1.40.0"\nauthors = ["A"]\n\n[extra]\nrelease = true\n+++\n\nText.\n'
    )
    assert toml.front_matter["title"] == "Announcing Rust 1.40.0"
    json_doc = Document.from_text("j.md", '{\n  "title": "Hello",\n  "tags": ["a"]\n}\n\nText here.\n')
    assert json_doc.front_matter == {"title": "Hello", "tags": ["a"]}
    assert json_doc.blocks[0].kind == "front_matter"
    not_front = Document.from_text("n.md", "{not json}\n\nText.\n")
    assert not_front.front_matter == {} and not_front.front_matter_span is None


def test_templating_and_paths_are_not_prose():
    text = 'See {{< image "x/y.png" >}} and {% include note.html %} in src/main.rs and ./configure today.\n'
    doc = Document.from_text("t.md", text)
    words = [w.group() for w in doc.words()]
    assert words == ["See", "and", "in", "and", "today"]


def test_handles_are_not_prose():
    doc = Document.from_text("t.md", "Here is how @tdreyno answered @joallard, by mail to a@b.org on login.gov.\n")
    assert [w.group() for w in doc.words()] == ["Here", "is", "how", "answered", "by", "mail", "to", "on"]


def test_own_case_is_two_capitals_or_more() -> None:
    """One acronym rule for spelling and case rules alike."""
    from lint.document import own_case

    assert [w for w in ("NASA", "McDonald", "iOS", "PhD", "THe") if own_case(w)] == [
        "NASA",
        "McDonald",
        "iOS",
        "PhD",
        "THe",
    ]
    assert not any(own_case(w) for w in ("Paris", "iPhone", "cooperation", "A", ""))
