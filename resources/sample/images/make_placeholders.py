"""Draws the sample edition's two placeholder photos (honestly placeholders) at 300 dpi for their printed size."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent.parent / "fonts" / "LiberationSans-Regular.ttf"


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / (h - 1)
        draw.line([(0, y), (w, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return img


def _label(img: Image.Image, text: str) -> None:
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), max(18, img.width // 28))
    box = draw.textbbox((0, 0), text, font=font)
    x, y = (img.width - box[2]) // 2, img.height - box[3] - img.height // 30
    draw.text((x, y), text, font=font, fill=(255, 255, 255))


def portrait() -> Image.Image:
    """A head-and-shoulders silhouette on a soft blue-grey background (600×750 px: 40 mm at 380 dpi)."""
    img = _gradient((600, 750), (208, 218, 230), (150, 166, 186))
    draw = ImageDraw.Draw(img)
    draw.ellipse([195, 150, 405, 390], fill=(62, 76, 98))
    draw.chord([70, 420, 530, 900], 180, 360, fill=(62, 76, 98))
    draw.polygon([(270, 430), (330, 430), (300, 520)], fill=(230, 234, 240))  # collar
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    _label(img, "Placeholder portrait")
    return img


def scene() -> Image.Image:
    """A simple street scene: terraces, pavement and figures (1200×750 px: 87 mm at 350 dpi)."""
    img = _gradient((1200, 750), (196, 214, 232), (236, 240, 244))
    draw = ImageDraw.Draw(img)
    for i, (h, shade) in enumerate([(330, 120), (400, 135), (300, 110), (380, 128), (350, 118), (420, 140)]):
        x = i * 200
        draw.rectangle([x, 560 - h, x + 200, 560], fill=(shade, shade - 10, shade - 25))
        for wx in range(x + 30, x + 180, 60):
            for wy in range(560 - h + 40, 520, 80):
                draw.rectangle([wx, wy, wx + 30, wy + 45], fill=(225, 215, 170))
    draw.rectangle([0, 560, 1200, 750], fill=(150, 150, 155))
    for x, colour in [(360, (25, 35, 60)), (470, (25, 35, 60)), (640, (200, 170, 40)), (760, (25, 35, 60))]:
        draw.ellipse([x - 22, 450, x + 22, 494], fill=colour)
        draw.rounded_rectangle([x - 35, 500, x + 35, 660], 18, fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    _label(img, "Placeholder illustration")
    return img


def main() -> None:
    portrait().save(HERE / "commander.jpg", quality=88, dpi=(300, 300))
    scene().save(HERE / "operation-fusion.jpg", quality=88, dpi=(300, 300))


if __name__ == "__main__":
    main()
