"""The print PDF finished as a PDF/X-4-shaped file: what reportlab cannot write, added with pikepdf.

- an OutputIntent (`/GTS_PDFX`, FOGRA39) carrying the CMYK profile of `export.print_colour`;
- Info `/GTS_PDFXVersion (PDF/X-4)` and `/Trapped /False`, and the same in XMP metadata
  (with the document ID, version and rendition class PDF/X-4 asks for);
- text in 100% K set to overprint with overprint mode 1, so black type keeps the tint under it
  instead of knocking a misregistration-sensitive hole into it; everything else (white or coloured
  text, areas of any colour, photos) knocks out as before;
- for a draft, "DRAFT — not approved" in the subject, keywords and XMP.

No PDF/X validator runs offline here, so the docs call the result PDF/X-4-shaped (docs/print-file.md).
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zlib
from functools import cache

import pikepdf
from pikepdf import Array, ContentStreamInlineImage, ContentStreamInstruction, Dictionary, Name, Operator

from export.print_colour import CONDITION, CONDITION_INFO, PROFILE_NAME, REGISTRY, profile_bytes

PDFX_VERSION = "PDF/X-4"
DRAFT_TEXT = "DRAFT \u2014 not approved"
CREATOR = "Borough Summary Editor"
_OVERPRINT, _KNOCKOUT = Name("/BSEop"), Name("/BSEko")
_PAINT_TEXT = {"Tj", "TJ", "'", '"'}
_PAINT_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"} | _PAINT_TEXT
_PAINT_OTHER = {"Do", "sh", "BI", "INLINE IMAGE"}  # images and shadings never overprint
_FILL_COLOUR = {"k", "g", "rg", "sc", "scn", "cs"}


@cache
def _compressed_profile() -> bytes:
    """The profile deflated once per process (1 MB: compressing it per file would cost every export)."""
    return zlib.compress(profile_bytes(), 6)


def _is_pure_black(operands: list[pikepdf.Object]) -> bool:
    return len(operands) == 4 and [float(v) for v in operands] == [0.0, 0.0, 0.0, 1.0]


Instruction = ContentStreamInstruction | ContentStreamInlineImage


def overprint_black(instructions: list[Instruction]) -> tuple[list[Instruction], bool]:
    """The page's instructions with a graphics state before each painting operator whose overprint differs.

    Text painted while the fill colour is `0 0 0 1 k` overprints; everything else knocks out. The colour and
    the overprint state are saved and restored together by `q`/`Q`, so the tracking follows them.
    Returns the new list and whether overprint was used at all.
    """
    out: list[Instruction] = []
    black, applied = False, False
    stack: list[tuple[bool, bool]] = []
    used = False
    for item in instructions:
        op = str(item.operator) if isinstance(item, ContentStreamInstruction) else "INLINE IMAGE"
        if op == "q":
            stack.append((black, applied))
        elif op == "Q" and stack:
            black, applied = stack.pop()
        elif op in _FILL_COLOUR and isinstance(item, ContentStreamInstruction):
            black = op == "k" and _is_pure_black(list(item.operands))
        elif op in _PAINT_FILL or op in _PAINT_OTHER:
            want = black and op in _PAINT_TEXT
            if want != applied:
                out.append(ContentStreamInstruction([_OVERPRINT if want else _KNOCKOUT], Operator("gs")))
                applied = want
                used = used or want
        out.append(item)
    return out, used


def _add_overprint(pdf: pikepdf.Pdf) -> None:
    states = {_OVERPRINT: pdf.make_indirect(Dictionary(Type=Name.ExtGState, op=True, OP=False, OPM=1)),
              _KNOCKOUT: pdf.make_indirect(Dictionary(Type=Name.ExtGState, op=False, OP=False))}
    for page in pdf.pages:
        instructions, _ = overprint_black(list(pikepdf.parse_content_stream(page)))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        if Name.Resources not in page.obj:
            page.obj.Resources = Dictionary()
        resources = page.obj.Resources
        if Name.ExtGState not in resources:
            resources.ExtGState = Dictionary()
        ext = resources.ExtGState
        for name, state in states.items():
            ext[name] = state


def _add_output_intent(pdf: pikepdf.Pdf) -> None:
    profile = pdf.make_stream(_compressed_profile())
    profile.Filter = Name.FlateDecode
    profile.N = 4
    profile.Alternate = Name.DeviceCMYK
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=CONDITION,
                        OutputCondition=CONDITION_INFO, RegistryName=REGISTRY, Info=PROFILE_NAME,
                        DestOutputProfile=profile)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def _add_metadata(pdf: pikepdf.Pdf, *, draft: bool, seed: bytes) -> None:
    info = pdf.docinfo
    for key in (Name.GTS_PDFXVersion, Name.Trapped):  # reportlab writes /Trapped; set again below
        if key in info:
            del info[key]
    info[Name.Creator] = CREATOR  # reportlab leaves "(unspecified)"; PDF/X wants the creating tool named
    if draft:
        info[Name.Subject] = f"{DRAFT_TEXT}: {info.get(Name.Subject, '')}".rstrip(": ")
        info[Name.Keywords] = DRAFT_TEXT
    ident = uuid.UUID(bytes=hashlib.blake2b(seed, digest_size=16).digest())
    # Trap: open_metadata() on a file without XMP would drop Title/Author from Info unless the XMP is
    # first filled from it, inside the block.
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(info)
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdf:Trapped"] = "False"
        meta["xmpMM:DocumentID"] = f"uuid:{ident}"
        meta["xmpMM:InstanceID"] = f"uuid:{ident}"
        meta["xmpMM:VersionID"] = "1"
        if "xmp:ModifyDate" in meta:
            meta["xmp:MetadataDate"] = meta["xmp:ModifyDate"]
        meta["xmpMM:RenditionClass"] = "default"  # the final rendition (PDF/X-4); a draft says so in its subject
        if draft:
            meta["pdf:Keywords"] = DRAFT_TEXT
    info[Name.GTS_PDFXVersion] = PDFX_VERSION  # after the XMP is filled: these two have no XMP twin there
    info[Name.Trapped] = Name("/False")


def finish_print_pdf(pdf: bytes, *, draft: bool) -> bytes:
    """reportlab's print PDF as a PDF/X-4-shaped file (see the module docstring); same input, same bytes."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        _add_overprint(doc)
        _add_output_intent(doc)
        _add_metadata(doc, draft=draft, seed=hashlib.blake2b(pdf, digest_size=16).digest())
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, force_version="1.6", compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()
