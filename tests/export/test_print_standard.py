"""The print PDF as a print shop receives it, read back with pikepdf and rendered by Ghostscript.

PDF/X-4 identification (OutputIntent with a CMYK profile, GTS_PDFXVersion, XMP, Trapped), photos
through ICC with black and at most 300% ink, black text overprinting and nothing else, small white
type never knocked out of four inks, subset tags distinct between files, the DRAFT mark.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageMath
from pypdf import PdfReader

from export.pdf import final_pdf, render_leaflet
from export.print_file import DRAFT_TEXT, overprint_black
from export.reversed_type import safe_on_four_inks
from model.edition import load_edition
from tests.conftest import ROOT, SAMPLE
from tests.export.helpers import sample


def _dark_photo(width: int, height: int) -> Image.Image:
    """Black on the left, a grey ramp and dark colour patches on the right: where ink piles up."""
    img = Image.new("RGB", (width, height), (0, 0, 0))
    draw = ImageDraw.Draw(img)
    for x in range(width // 2, width):
        v = int(255 * (x - width // 2) / (width // 2))
        draw.line([(x, 0), (x, height // 2)], fill=(v, v, v))
    for i, colour in enumerate([(20, 10, 60), (90, 0, 0), (0, 60, 20), (30, 30, 30)]):
        draw.rectangle([width // 2 + i * width // 8, height // 2, width // 2 + (i + 1) * width // 8, height],
                       fill=colour)
    return img


@pytest.fixture(scope="module")
def dark_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dark") / "edition"
    shutil.copytree(SAMPLE, folder)
    _dark_photo(600, 750).save(folder / "images" / "commander.jpg", quality=92)
    _dark_photo(1200, 750).save(folder / "images" / "operation-fusion.jpg", quality=92)
    return folder


@pytest.fixture(scope="module")
def dark_pdf(dark_edition: Path) -> bytes:
    edition = load_edition(dark_edition)
    content = dataclasses.replace(edition.content.doc, logos=())  # the two photos only (no masthead logos)
    return render_leaflet(content, edition.boroughs["tower-hamlets"].doc, dark_edition, print_pdf=True).pdf


@pytest.fixture(scope="module")
def sample_print() -> pikepdf.Pdf:
    content, borough = sample()
    return pikepdf.open(io.BytesIO(render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf))


def test_output_intent_carries_a_cmyk_profile_for_fogra39(sample_print: pikepdf.Pdf) -> None:
    intents = sample_print.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFX" and intent.Type == "/OutputIntent"
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    data = profile.read_bytes()
    assert data[36:40] == b"acsp" and data[16:20] == b"CMYK" and data[12:16] == b"prtr"  # an ICC output profile
    assert data == (ROOT / "resources" / "icc" / "ISOcoated_v2_300_bas.icc").read_bytes()


def test_pdfx_version_trapped_and_xmp(sample_print: pikepdf.Pdf) -> None:
    info = sample_print.docinfo
    assert str(info.GTS_PDFXVersion) == "PDF/X-4"
    assert info.Trapped == "/False"
    assert sample_print.pdf_version >= "1.6"
    meta = sample_print.open_metadata()
    assert meta["dc:title"] == str(info.Title) == "Local Policing Summary Tower Hamlets"
    assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert meta["pdf:Trapped"] == "False"
    assert meta["xmpMM:DocumentID"].startswith("uuid:") and meta["xmpMM:RenditionClass"] == "default"
    assert str(info.Author) == "Metropolitan Police Authority"  # the XMP did not cost the Info its fields


def test_every_page_has_a_trim_box_inside_its_bleed_box(sample_print: pikepdf.Pdf) -> None:
    for page in sample_print.pages:
        trim, bleed = [float(v) for v in page.TrimBox], [float(v) for v in page.BleedBox]
        assert bleed[0] < trim[0] and bleed[1] < trim[1] and bleed[2] > trim[2] and bleed[3] > trim[3]


def _cmyk_images(pdf: bytes) -> list[Image.Image]:
    doc = pikepdf.open(io.BytesIO(pdf))
    out = []
    for page in doc.pages:
        for raw in page.get_images().values():
            assert raw.ColorSpace == "/DeviceCMYK"
            assert list(raw.Filter) == ["/DCTDecode"]
            # Pillow undoes the Adobe inversion of a CMYK JPEG, as the stream's /Decode [1 0 ...] does for a
            # PDF reader (the Ghostscript test below renders the same values).
            img = Image.open(io.BytesIO(raw.read_raw_bytes()))
            assert img.mode == "CMYK" and "icc_profile" not in img.info  # the profile is the OutputIntent's, once
            out.append(img)
    return out


def _total_ink(img: Image.Image) -> Image.Image:
    c, m, y, k = (band.convert("I") for band in img.split())
    return ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)


def test_photos_carry_black_in_dark_areas_and_at_most_300_percent_ink(dark_pdf: bytes) -> None:
    images = _cmyk_images(dark_pdf)
    assert len(images) == 2
    for img in images:
        # The black left half: K carries the black (the old plain convert gave K = 0 everywhere).
        black = img.crop((0, 0, img.width // 4, img.height))
        k_low, _ = black.getchannel("K").getextrema()
        assert k_low >= 200
        # Mid grey on the ramp: some K too, not grey built from C, M and Y alone.
        grey = img.getpixel((img.width * 3 // 4, img.height // 4))
        assert isinstance(grey, tuple) and grey[3] > 20
        assert _total_ink(img).getextrema()[1] <= 3.0 * 255


def test_ghostscript_renders_no_more_than_300_percent_ink_anywhere(dark_pdf: bytes, tmp_path: Path) -> None:
    gs = shutil.which("gs")
    if gs is None:
        pytest.fail("Ghostscript (gs) is not installed: run `make print-tools` (as root it installs it)")
    source = tmp_path / "dark.pdf"
    source.write_bytes(dark_pdf)
    subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", "-r100",
                    "-o", str(tmp_path / "page-%d.tif"), str(source)], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.tif"))
    assert len(pages) == 4
    most = 0
    for path in pages:
        with Image.open(path) as img:
            assert img.mode == "CMYK"
            most = max(most, _total_ink(img).getextrema()[1])
    assert 2.5 * 255 < most <= 3.0 * 255  # the black photo areas are rendered, and stay within 300%


def _text_states(pdf: pikepdf.Pdf) -> list[tuple[tuple[float, ...], bool]]:
    """(fill colour, overprint on) at every text-showing operator of every page, read independently."""
    out = []
    for page in pdf.pages:
        states = {str(k): v for k, v in page.Resources.get("/ExtGState", {}).items()}
        colour: tuple[float, ...] = (0.0,)
        over = False
        stack: list[tuple[tuple[float, ...], bool]] = []
        for item in pikepdf.parse_content_stream(page):
            op = str(item.operator)
            if op == "q":
                stack.append((colour, over))
            elif op == "Q":
                colour, over = stack.pop()
            elif op in ("k", "g", "rg"):
                colour = tuple(float(v) for v in item.operands)
            elif op == "gs":
                state = states[str(item.operands[0])]
                if "/op" in state:
                    over = bool(state.op) and int(state.get("/OPM", 0)) == 1
            elif op in ("Tj", "TJ", "'", '"'):
                out.append((colour, over))
    return out


def test_black_text_overprints_with_mode_1_and_nothing_else_does(sample_print: pikepdf.Pdf) -> None:
    states = _text_states(sample_print)
    black = [over for colour, over in states if colour == (0, 0, 0, 1)]
    other = [colour for colour, over in states if colour != (0, 0, 0, 1) and over]
    assert len(black) > 50 and all(black)
    assert other == []  # white or coloured text overprinting would vanish or change colour on press


def test_overprint_follows_the_colour_through_save_and_restore() -> None:
    doc = pikepdf.new()
    stream = pikepdf.Stream(doc, b"q 0 0 0 1 k BT (a) Tj ET Q BT (b) Tj ET 0 0 0 0 k BT (c) Tj ET")
    out, used = overprint_black(list(pikepdf.parse_content_stream(stream)))
    text = pikepdf.unparse_content_stream(out).decode()
    assert used
    assert text.index("/BSEop gs") < text.index("(a)")
    assert "gs" not in text[text.index("Q"):]  # after Q the state is restored: no knockout needed for (b), (c)


def _matrix_mul(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _white_text_backgrounds(pdf: pikepdf.Pdf) -> list[tuple[float, bool, tuple[float, ...]]]:
    """For each white text run: its size, whether bold, and the colour of the last filled rectangle under it."""
    found = []
    for page in pdf.pages:
        bold_fonts = {str(k) for k, f in page.Resources.Font.items() if "Bold" in str(f.BaseFont)}
        ctm, colour, font, size = [1.0, 0, 0, 1, 0, 0], (0.0,), "", 0.0
        stack: list[tuple[list[float], tuple[float, ...]]] = []
        rects: list[tuple[float, float, float, float, tuple[float, ...]]] = []
        pending: list[tuple[float, float, float, float]] = []
        line = [1.0, 0, 0, 1, 0, 0]
        for item in pikepdf.parse_content_stream(page):
            op = str(item.operator)
            args = [float(v) if isinstance(v, (int, float, Decimal)) else v for v in item.operands]
            if op == "q":
                stack.append((ctm, colour))
            elif op == "Q":
                ctm, colour = stack.pop()
            elif op == "cm":
                ctm = _matrix_mul(args, ctm)
            elif op == "k":
                colour = tuple(args)
            elif op == "re":
                x, y, w, h = args
                x0, y0 = x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]
                x1, y1 = (x + w) * ctm[0] + (y + h) * ctm[2] + ctm[4], (x + w) * ctm[1] + (y + h) * ctm[3] + ctm[5]
                pending.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            elif op in ("f", "f*", "F", "B", "b"):
                rects += [(*r, colour) for r in pending]
                pending = []
            elif op in ("n", "S", "s", "W"):
                pending = [] if op != "W" else pending
            elif op == "Tf":
                font, size = str(item.operands[0]), float(item.operands[1])
            elif op == "Tm":
                line = list(args)
            elif op in ("Td", "TD"):
                line = _matrix_mul([1, 0, 0, 1, args[0], args[1]], line)
            elif op in ("Tj", "TJ") and colour == (0, 0, 0, 0):
                m = _matrix_mul(line, ctm)
                x, y = m[4] + 1, m[5] + size * 0.3
                under = [r[4] for r in rects if r[0] <= x <= r[2] and r[1] <= y <= r[3]]
                found.append((size * abs(m[3]), font in bold_fonts, under[-1] if under else ()))
    return found


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_small_white_type_is_never_knocked_out_of_several_inks(page_size: str) -> None:
    content, borough = sample()
    content = replace(content, layout=replace(content.layout, page_size=page_size,
                                              pages=4 if page_size == "A4" else 8))
    pdf = pikepdf.open(io.BytesIO(render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf))
    runs = _white_text_backgrounds(pdf)
    assert len(runs) > 5 and all(under for _, _, under in runs)  # every white run was found on its band
    for size, bold, under in runs:
        inks = sum(1 for v in under if v > 0)
        assert inks <= 1 or safe_on_four_inks(bold, size), (size, bold, under)
    assert any(sum(1 for v in under if v > 0) == 1 for _, _, under in runs)  # the results header: one ink


def _subset_tags(pdf: bytes) -> list[str]:
    doc = pikepdf.open(io.BytesIO(pdf))
    tags = []
    for page in doc.pages:
        for font in page.Resources.Font.values():
            tags.append(str(font.BaseFont)[1:].split("+")[0])
    return sorted(set(tags))


def test_subset_tags_differ_between_fonts_and_between_boroughs_but_not_between_runs() -> None:
    content, borough = sample()
    other = replace(borough, borough="Hackney")
    first = render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf
    again = render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf
    second = render_leaflet(content, other, SAMPLE, print_pdf=True).pdf
    a, b = _subset_tags(first), _subset_tags(second)
    assert len(a) >= 3 and "AAAAAA" not in a
    assert not set(a) & set(b)
    assert a == _subset_tags(again)
    assert all(len(t) == 6 and t.isalpha() and t.isupper() for t in a + b)
    screen = _subset_tags(render_leaflet(content, borough, SAMPLE).pdf)
    assert not set(screen) & set(a)


def test_the_subset_tag_is_inside_the_tounicode_map_too(sample_print: pikepdf.Pdf) -> None:
    for page in sample_print.pages:
        for font in page.Resources.Font.values():
            assert str(font.BaseFont)[1:].encode() in font.ToUnicode.read_bytes()


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=180)


def _has_draft(pdf: Path) -> tuple[bool, bool]:
    """(the mark is drawn in the slug of every page, the metadata says draft)."""
    doc = pikepdf.open(pdf)
    drawn = [DRAFT_TEXT in page.extract_text() for page in PdfReader(pdf).pages]
    meta = doc.open_metadata()
    in_meta = DRAFT_TEXT in str(doc.docinfo.get("/Subject", "")) and DRAFT_TEXT in meta.get("dc:description", "")
    return all(drawn), in_meta


def test_draft_mark_when_forced_and_none_when_approved(sample_copy: Path, tmp_path: Path) -> None:
    borough = str(sample_copy / "boroughs" / "tower-hamlets.yaml")
    forced = tmp_path / "forced.pdf"
    done = _main("export", borough, "--print", "--force", "--by", "Test", "-o", str(forced))
    assert done.returncode == 0, done.stderr
    assert _has_draft(forced) == (True, True)
    assert _main("approve", borough, "--by", "Ch Supt Example").returncode == 0
    approved = tmp_path / "approved.pdf"
    done = _main("export", borough, "--print", "-o", str(approved))
    assert done.returncode == 0, done.stderr
    assert _has_draft(approved) == (False, False)
    assert str(pikepdf.open(approved).docinfo.GTS_PDFXVersion) == "PDF/X-4"


def test_the_draft_mark_is_drawn_in_the_slug_outside_the_bleed() -> None:
    content, borough = sample()
    rendered = render_leaflet(content, borough, SAMPLE, print_pdf=True, draft=True)
    assert rendered.draft
    pdf = pikepdf.open(io.BytesIO(rendered.pdf))
    page = pdf.pages[0]
    trim = [float(v) for v in page.TrimBox]
    height, bleed = trim[3] - trim[1], 3 * 72 / 25.4
    magenta_y = []
    colour: tuple[float, ...] = ()
    for item in pikepdf.parse_content_stream(page):
        op = str(item.operator)
        if op == "k":
            colour = tuple(float(v) for v in item.operands)
        elif op == "Tm" and colour == (0, 1, 0, 0):
            magenta_y.append(float(item.operands[5]))
    # Placed in trim coordinates (the crop-mark border shifts the page): above and below the bleed.
    assert len(magenta_y) == 2
    assert max(magenta_y) > height + bleed and min(magenta_y) < -bleed - 8
    assert max(magenta_y) < height + trim[1] and min(magenta_y) > -trim[1]  # and inside the media box


def test_an_overridden_gate_makes_even_an_approved_print_file_a_draft() -> None:
    content, borough = sample()
    clean = render_leaflet(content, borough, SAMPLE, print_pdf=True, draft=False)
    assert not clean.draft
    assert final_pdf(clean, content, borough, SAMPLE, print_pdf=True, overridden=False) is clean.pdf
    forced = final_pdf(clean, content, borough, SAMPLE, print_pdf=True, overridden=True)
    assert DRAFT_TEXT in str(pikepdf.open(io.BytesIO(forced)).docinfo.Subject)
    screen = render_leaflet(content, borough, SAMPLE)
    assert final_pdf(screen, content, borough, SAMPLE, print_pdf=False, overridden=True) is screen.pdf
