// PNG export: the exported SVG drawn onto a canvas. Twice the size for sharp slides, scaled down when a
// long trace would pass what browsers allow a canvas (about 32,000 px a side, and an area limit).
const MAX_SIDE = 32_000;
const MAX_AREA = 120_000_000;

export function pngScale(width: number, height: number): number {
  return Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

export async function svgToPng(
  svg: string,
  width: number,
  height: number,
): Promise<{ blob: Blob; scale: number }> {
  const scale = pngScale(width, height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The browser could not encode the PNG.');
    return { blob, scale };
  } finally {
    URL.revokeObjectURL(url);
  }
}
