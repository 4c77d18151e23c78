"""Archival PDF and the marks on every page: PDF/A-3b, attached records, signature fields
over the signature lines, footer with the fingerprint, and a draft's watermark.

veraPDF is not available here: these tests check what can be checked without it (XMP
identification, output intent, embedded fonts, associated files and their relationship,
annotation flags and appearances, qpdf's structural check). They do not prove full
PDF/A-3b conformance.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from conftest import (
    AGREEMENT,
    PARTY_A,
    PARTY_B,
    ROOT,
    SAMPLES,
    libreoffice_to_pdf,
    require_tool,
    sample_file,
    zipfile_writes,
)
from readback import docx_paragraphs, pdf_lines, pdf_pages, squash

from mou.html.templating import FEWEST_DOTS
from mou.pdf.fields import ORGANIZATION_FIELD
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.provenance import collect_inputs
from mou.pipeline.render import render_stamped
from mou.records.validation import load_project

PROJECT = load_project(ROOT)


def reader(data: bytes):
    """Open PDF bytes with pyHanko's reader (structure, not text)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(data), strict=False)


def short_fingerprint(root: Path, agreement_id: str) -> str:
    """Return the footer fingerprint of an agreement, computed as the build does."""
    project = load_project(root)
    return collect_inputs(root, root / "templates", agreement_id, project.agreements[agreement_id]).short


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The small project as a draft, rendered in memory."""
    import textwrap

    root = tmp_path_factory.mktemp("draft")
    shutil.copytree(ROOT / "templates", root / "templates")
    for name, text in {
        "parties/town.yaml": PARTY_A,
        "parties/kku.yaml": PARTY_B,
        "agreements/test.yaml": AGREEMENT.replace("status: final", "status: draft"),
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    layout = Layout(root, root / "output")
    rendered = render_stamped(layout, load(layout), "test")
    for name, data in rendered.files.items():
        (root / name).write_bytes(data)
    return root, rendered.files


# --- PDF/A-3b ----------------------------------------------------------------------------


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.slow
def test_pdf_is_pdf_a_3b_with_its_records_attached_as_source(built, agreement_id, language):
    data = sample_file(built, agreement_id, language, "pdf").read_bytes()
    assert data.startswith(b"%PDF-1.7\n")
    pdf = reader(data)
    xmp = pdf.root["/Metadata"].data.decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    date = PROJECT.agreements[agreement_id].date.strftime("%Y-%m-%dT00:00:00Z")
    assert f"<xmp:CreateDate>{date}</xmp:CreateDate>" in xmp  # the agreement's date, not the clock
    assert pdf.trailer["/Info"]["/CreationDate"] == "D:" + date.replace("-", "").replace(":", "").replace("T", "")
    intent = pdf.root["/OutputIntents"][0]
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    names = pdf.root["/Names"]["/EmbeddedFiles"]["/Names"]
    attached = {}
    for index in range(0, len(names), 2):
        spec = names[index + 1].get_object()
        stream = spec["/EF"]["/F"].get_object()
        assert spec["/AFRelationship"] == "/Source" and spec["/UF"] == names[index]
        assert stream["/Subtype"] == "/application/yaml"
        assert stream["/Params"]["/ModDate"] == pdf.trailer["/Info"]["/CreationDate"]
        attached[str(names[index])] = stream.data
    agreement = PROJECT.agreements[agreement_id]
    expected = {f"agreements/{agreement_id}.yaml"} | {f"parties/{p}.yaml" for p in agreement.parties}
    assert set(attached) == expected
    assert all(attached[name] == (ROOT / name).read_bytes() for name in expected)
    af = [ref.get_object() for ref in pdf.root["/AF"]]
    assert len(af) == len(expected) and all(spec["/AFRelationship"] == "/Source" for spec in af)


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_pdf_embeds_only_the_bundled_fonts(built, agreement_id):
    pdffonts = require_tool("pdffonts")
    path = sample_file(built, agreement_id, "th", "pdf")
    rows = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Sarabun(-Bold)?", name) and (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_qpdf_finds_the_pdfs_clean_unsigned_and_signed(built, tmp_path):
    from test_release import PASSWORD, throwaway_key

    from mou.release.signing import load_key, sign_pdf

    qpdf = require_tool("qpdf")
    key = load_key(throwaway_key(), PASSWORD.encode(), "test")
    import datetime

    for agreement_id in SAMPLES:
        for language in ("th", "en"):
            path = sample_file(built, agreement_id, language, "pdf")
            signed = tmp_path / f"{agreement_id}.{language}.signed.pdf"
            signed.write_bytes(
                sign_pdf(path.read_bytes(), key, datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC), "r")
            )
            for pdf in (path, signed):
                done = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
                assert done.returncode == 0, done.stdout + done.stderr
                assert "No syntax or stream encoding errors found" in done.stdout
                assert "WARNING" not in done.stdout + done.stderr
            # signing is an incremental update: the signed file starts with the released bytes,
            # and the PDF/A identification and dates stay as rendered
            assert signed.read_bytes().startswith(path.read_bytes())
            xmp = reader(signed.read_bytes()).root["/Metadata"].data
            assert xmp == reader(path.read_bytes()).root["/Metadata"].data


# --- signature fields ----------------------------------------------------------------------


def signature_widgets(data: bytes) -> list[tuple[str, int, list[float], object]]:
    """Return (name, page index, rect, widget) of every signature field."""
    pdf = reader(data)
    pages = [ref.idnum for ref in _page_refs(pdf)]
    found = []
    for ref in pdf.root["/AcroForm"]["/Fields"]:
        widget = ref.get_object()
        assert widget["/FT"] == "/Sig"
        found.append(
            (str(widget["/T"]), pages.index(widget.raw_get("/P").idnum), [float(v) for v in widget["/Rect"]], widget)
        )
    return found


def signature_pages(path: Path) -> tuple[int, int]:
    """Return the first and last page (from 1) an edition's signature blocks run over: those with a signer's field."""
    pages = [page + 1 for name, page, *_ in signature_widgets(path.read_bytes()) if name != ORGANIZATION_FIELD]
    return min(pages), max(pages)


def signature_page_count(path: Path) -> int:
    """Return how many pages an edition's signature blocks run over."""
    first, last = signature_pages(path)
    return last - first + 1


def _page_refs(pdf) -> list:
    """Return the page objects' references in order."""
    refs = []

    def walk(node_ref):
        node = node_ref.get_object()
        if node["/Type"] == "/Pages":
            for kid in node.raw_get("/Kids"):
                walk(kid)
        else:
            refs.append(node_ref)

    walk(pdf.root.raw_get("/Pages"))
    return refs


def expected_fields(agreement_id: str) -> list[str]:
    """Return the field names the template gives an agreement's signatories, in order."""
    agreement = PROJECT.agreements[agreement_id]
    names = [f"sig-{p}" for p in agreement.parties]
    names += [f"sig-witness-{n}" for n in range(1, len(agreement.witnesses) + 1)]
    names += ["sig-presiding"] if agreement.presiding else []
    return names + ["sig-organization"]


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.slow
def test_every_signatory_has_a_named_empty_field_over_their_dotted_line(built, agreement_id, language):
    """Each field's rectangle holds the dots at its bottom edge, end to end, and blank space
    above them for the signature: looked at in pixels, as a reader's page shows it."""
    path = sample_file(built, agreement_id, language, "pdf")
    data = path.read_bytes()
    widgets = signature_widgets(data)
    assert [name for name, *_ in widgets] == expected_fields(agreement_id)
    document = pypdfium2.PdfDocument(data)
    scale = 2.0  # 144 dpi
    try:
        for name, page_index, rect, widget in widgets:
            assert int(widget["/F"]) == 4  # printable, never hidden (PDF/A)
            assert "/V" not in widget  # empty: nobody signed yet
            if name == "sig-organization":
                assert rect == [0, 0, 0, 0]  # invisible, for the release signature
                continue
            assert "/N" in widget["/AP"]  # PDF/A: a visible widget has an appearance
            page = document[page_index]
            height = page.get_height()
            image = page.render(scale=scale).to_pil().convert("L")
            x1, y1, x2, y2 = rect
            box = image.crop(
                (round(x1 * scale), round((height - y2) * scale), round(x2 * scale), round((height - y1) * scale))
            )
            width, tall = box.size
            dark = [[box.getpixel((x, y)) < 128 for x in range(width)] for y in range(tall)]
            columns = [x for x in range(width) if any(dark[y][x] for y in range(tall // 2, tall))]
            assert columns, f"{name}: no dots at the bottom of the field"
            assert columns[0] < 0.08 * width and columns[-1] > 0.92 * width, f"{name}: dots not end to end"
            assert not any(any(row) for row in dark[: tall // 3]), f"{name}: the space to sign is not blank"
            # At least the fewest dots a signing line narrowed beside a wider block keeps
            # (FEWEST_DOTS, about 4 pt each at 16 pt, 3.5 at the English blocks' 14 pt), at most a
            # whole line's dots; 22 pt above the dots' line (16.2 pt in English, 21.6 in Thai).
            assert 38 <= y2 - y1 <= 50 and FEWEST_DOTS * 3.5 <= x2 - x1 <= 260
    finally:
        document.close()


# --- footer and watermark ---------------------------------------------------------------------


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_every_page_names_the_agreement_version_and_fingerprint(built, agreement_id):
    short = short_fingerprint(ROOT, agreement_id)
    version = PROJECT.agreements[agreement_id].version
    footers = {
        "th": f"{agreement_id} · รุ่น {version} · รหัสตรวจสอบ {short}",
        "en": f"{agreement_id} · version {version} · fingerprint {short}",
    }
    for language, footer in footers.items():
        pages = pdf_pages(sample_file(built, agreement_id, language, "pdf"))
        for number, page in enumerate(pages, start=1):
            # exactly, Thai included: the last line of every page (a final's footer is drawn last)
            assert [line.strip() for line in page.splitlines()][-1] == footer, (language, number)
        docx = sample_file(built, agreement_id, language, "docx")
        with zipfile.ZipFile(docx) as package:
            footer_parts = [n for n in package.namelist() if re.fullmatch(r"word/footer\d+\.xml", n)]
            texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", package.read(n).decode())) for n in footer_parts]
        assert len(texts) == 2 and all(text == footer for text in texts)  # first page and the others


def test_final_versions_have_no_watermark(built):
    for agreement_id in SAMPLES:
        for language in ("th", "en"):
            lines = [
                line.strip()
                for page in pdf_pages(sample_file(built, agreement_id, language, "pdf"))
                for line in page.splitlines()
            ]
            assert "ร่าง" not in lines and "DRAFT" not in lines
            with zipfile.ZipFile(sample_file(built, agreement_id, language, "docx")) as package:
                assert not any(b"v:textpath" in package.read(n) for n in package.namelist())


@pytest.mark.slow
def test_drafts_carry_the_watermark_on_every_page_of_both_pdfs_and_in_the_docx(draft):
    root, files = draft
    for language, mark in (("th", "ร่าง"), ("en", "DRAFT")):
        pages = pdf_pages(root / f"test.{language}.pdf")
        assert len(pages) >= 2
        # Drawn first but for a draft's footer (the templates), behind the text.
        assert all(page.splitlines()[1].strip() == mark for page in pages)
        with zipfile.ZipFile(io.BytesIO(files[f"test.{language}.docx"])) as package:
            headers = [package.read(n).decode() for n in package.namelist() if re.fullmatch(r"word/header\d+\.xml", n)]
        assert len(headers) == 2  # the first page's header and the others'
        assert all(f'string="{mark}"' in header and "rotation:320" in header for header in headers)
        # the read-back tests still compare the body: watermark and footer are left out
        assert squash("".join(pdf_lines(root / f"test.{language}.pdf"))) == squash(
            "".join(docx_paragraphs(root / f"test.{language}.docx"))
        )


def test_docx_watermark_and_footer_show_in_libreoffice(draft, tmp_path):
    """LibreOffice lays out the DOCX with the footer's text and the watermark on every page.

    LibreOffice draws the watermark as a shape, not text: it is found as the light grey it
    adds to each page, against the same DOCX with the watermark taken out.
    """
    root, files = draft
    (tmp_path / "draft.docx").write_bytes(files["test.th.docx"])
    with (
        zipfile.ZipFile(io.BytesIO(files["test.th.docx"])) as package,
        zipfile.ZipFile(tmp_path / "plain.docx", "w") as plain,
    ):
        for name in package.namelist():
            data = package.read(name)
            if re.fullmatch(r"word/header\d+\.xml", name):
                data = re.sub(rb"<w:pict.*?</w:pict>", b"", data, flags=re.S)
            plain.writestr(name, data)
    libreoffice_to_pdf([tmp_path / "draft.docx", tmp_path / "plain.docx"], tmp_path)
    short = short_fingerprint(root, "test")
    pages = pdf_pages(tmp_path / "draft.pdf")
    # (LibreOffice's PDF has no ActualText: รุ่น may come back with its two marks swapped)
    assert pages and all(page.rstrip().endswith(f" 1.0 · รหัสตรวจสอบ {short}") for page in pages)

    def light_grey(path: Path) -> list[int]:
        document = pypdfium2.PdfDocument(path)
        try:
            return [sum(page.render(scale=0.5).to_pil().convert("L").histogram()[215:241]) for page in document]
        finally:
            document.close()

    marked, unmarked = light_grey(tmp_path / "draft.pdf"), light_grey(tmp_path / "plain.pdf")
    assert len(marked) == len(unmarked)
    assert all(a - b > 2000 for a, b in zip(marked, unmarked)), (marked, unmarked)


# --- the fingerprint ----------------------------------------------------------------------------


@pytest.mark.slow
def test_fingerprint_follows_records_templates_and_fonts_only(tmp_path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        for folder in ("templates", "parties", "agreements"):
            shutil.copytree(ROOT / folder, target / folder)
        return target

    agreement_id = "chumphae-kku-digital-skills"
    first, second = copy("a"), copy("b")
    base = short_fingerprint(first, agreement_id)
    assert short_fingerprint(second, agreement_id) == base  # another folder: the same
    (second / "parties/chaiso-sao.yaml").write_text((second / "parties/chaiso-sao.yaml").read_text() + "\n")
    assert short_fingerprint(second, agreement_id) == base  # a party of another agreement
    changes = {
        "parties/khon-kaen-university.yaml": b"\n# a comment\n",
        "templates/standard/en.html": b"\n",
        "templates/fonts/OFL.txt": b" ",
        "agreements/chumphae-kku-digital-skills.yaml": b"\n",
    }
    for name, extra in changes.items():
        third = copy(f"c-{len(list(tmp_path.iterdir()))}")
        with open(third / name, "ab") as handle:
            handle.write(extra)
        assert short_fingerprint(third, agreement_id) != base, name


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.slow
def test_english_signatures_take_at_most_a_page_more_than_thai(built, agreement_id):
    """English names and positions are longer, so a row may hold one block where Thai's holds two;
    the signature part still runs over no more than one page beyond Thai's."""
    thai, english = (
        signature_page_count(sample_file(built, agreement_id, language, "pdf")) for language in ("th", "en")
    )
    assert english <= thai + 1, (thai, english)


def test_a_party_id_that_would_reuse_a_field_name_is_refused(tree):
    """`sig-organization` is the release signature's field: a party cannot take that name."""
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/organization.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace("parties: [town, kku]", "parties: [town, organization]"),
        }
    )
    from mou.core.errors import InputError

    layout = Layout(root, root / "output")
    # Refused when the records are read, at the party file and the agreement's entry, not once rendered.
    with pytest.raises(InputError) as caught:
        render_stamped(layout, load(layout), "test", ("pdf",))
    said = [problem.render("en") for problem in caught.value.problems]
    assert said[0].startswith("parties/organization.yaml: the id 'organization' is taken by a signature field")
    assert said[1].startswith("agreements/test.yaml:7:17: parties[2]: 'organization' is taken by a signature field")


@pytest.mark.slow
def test_a_zip_with_members_deflated_once_is_what_zipfile_writes(tmp_path):
    # mou/pipeline/provenance.py deflates a large member once per process and content; every archive
    # must still be byte for byte what zipfile itself writes.
    import datetime
    import io
    import random
    import zipfile

    from mou.core.reproducible import deterministic_zip

    rng = random.Random(7)
    big = "".join(rng.choice("กขคงจ abc<>/") for _ in range(200_000)).encode()
    members = [("word/styles.xml", big), ("word/document.xml", b"<w:document/>" * 50), ("big-again", big)]
    when = datetime.datetime(2020, 9, 1, tzinfo=datetime.UTC)
    expected = zipfile_writes(members)
    assert deterministic_zip(members, when) == expected
    assert deterministic_zip(members, when) == expected  # now from what was remembered
    with zipfile.ZipFile(io.BytesIO(deterministic_zip(members, when))) as archive:
        assert archive.testzip() is None and archive.read("big-again") == big
