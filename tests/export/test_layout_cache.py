"""What the export keeps between renders changes nothing in the PDF: parsed paragraphs, photos named by digest.

And the batch export measures each leaflet once: the render's own findings are its layout check.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from export import layout, sections
from export.batch import export_one
from export.images import load_photo
from export.pdf import render_leaflet
from tests.conftest import SAMPLE
from tests.export.helpers import sample, with_message


@pytest.mark.parametrize("print_pdf", [False, True])
def test_a_render_from_parsed_paragraphs_is_byte_identical_to_one_parsing_every_paragraph(
        print_pdf: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    content, borough = sample()
    render_leaflet(content, borough, SAMPLE, print_pdf=print_pdf)
    hits = sections._parsed.cache_info().hits
    layout.forget_sections()  # built anew from the parses (not the sections kept from the render above)
    warm = render_leaflet(content, borough, SAMPLE, print_pdf=print_pdf, invariant=True)
    assert sections._parsed.cache_info().hits - hits > 100
    with monkeypatch.context() as m:
        m.setattr(sections, "paragraph", lambda markup, style, bullet=None: Paragraph(markup, style, bulletText=bullet))
        cold = render_leaflet(content, borough, SAMPLE, print_pdf=print_pdf, invariant=True)
    assert warm.pdf == cold.pdf
    assert warm.findings == cold.findings


def test_paragraphs_sharing_a_parse_do_not_share_fragments() -> None:
    """Wrapping annotates fragments, and the preview renders in a thread: each Paragraph has its own."""
    style = layout.styles(False)["body"]
    first, second = sections.paragraph("Same words", style), sections.paragraph("Same words", style)
    assert first.frags and all(a is not b for a, b in zip(first.frags, second.frags, strict=True))


def test_photos_are_embedded_as_prepared_once_each() -> None:
    """PhotoReader names a photo by its digest instead of decoding it: the PDF still holds the JPEG as is."""
    content, borough = sample()
    pdf = PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE).pdf))
    embedded = {}
    for page in pdf.pages:
        for name, ref in (page["/Resources"].get("/XObject") or {}).items():
            image = ref.get_object()
            assert image["/Filter"] in ("/DCTDecode", ["/DCTDecode"])
            embedded[name] = image._data
    wanted = [borough.commander.photo, *(i.photo for i in borough.initiatives if i.photo),
              *(logo.file for logo in content.logos)]
    photos = [load_photo(SAMPLE, relative, "x", print_pdf=False)[0] for relative in wanted]
    assert sorted(embedded.values()) == sorted(p.data for p in photos if p is not None)
    assert len(embedded) == len(wanted) == 4  # two photos and the masthead's two logos


def test_the_layout_check_is_what_the_pdf_finds() -> None:
    content, borough = sample()
    long = with_message(borough, borough.commander.message * 3)
    for b in (borough, long):
        rendered = render_leaflet(content, b, SAMPLE)
        assert layout.measure_findings(content, b, SAMPLE) == rendered.findings
    assert any(f.code == "layout.overflow" for f in rendered.findings)


def test_a_batch_job_lays_the_leaflet_out_once(sample_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """export_one checks with the render's findings: a second layout measurement would fail here."""
    def no_second_measurement(*_args: object) -> None:
        raise AssertionError("the layout was measured again")

    monkeypatch.setattr(layout, "measure_findings", no_second_measurement)
    slug, output, why = export_one(sample_copy / "boroughs" / "tower-hamlets.yaml", tmp_path, False, False)
    assert (slug, why) == ("tower-hamlets", "")
    assert Path(output).read_bytes().startswith(b"%PDF")


def test_an_upright_jpeg_goes_into_the_screen_pdf_as_it_is_and_a_rotated_one_is_turned() -> None:
    original = (SAMPLE / "images" / "commander.jpg").read_bytes()
    screen, findings = load_photo(SAMPLE, "images/commander.jpg", "commander.photo", print_pdf=False)
    assert findings == [] and screen is not None and screen.data == original
    printed, _ = load_photo(SAMPLE, "images/commander.jpg", "commander.photo", print_pdf=True)
    assert printed is not None and printed.data != original  # converted to CMYK for the printer
    pdf = render_leaflet(*sample(), SAMPLE, print_pdf=False).pdf
    assert original in pdf  # embedded byte for byte (DCTDecode), not decoded and re-compressed


def test_a_jpeg_with_an_exif_rotation_is_stored_upright(tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "edition"
    (folder / "images").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display": a phone photo taken upright
    Image.new("RGB", (40, 20), "red").save(folder / "images" / "phone.jpg", "JPEG", exif=exif)
    photo, findings = load_photo(folder, "images/phone.jpg", "commander.photo", print_pdf=False)
    assert findings == [] and photo is not None
    assert (photo.width, photo.height) == (20, 40)
    assert photo.data != (folder / "images" / "phone.jpg").read_bytes()
