// Reading screenshots: how much of an area is drawn, and how much two pictures differ.
import { PNG } from 'pngjs';

/** Share of pixels that are not (near) white, and how many distinct coarse colours they have. */
export function inked(png: Buffer): { share: number; colours: number } {
  const { data, width, height } = PNG.sync.read(png);
  let ink = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (r < 235 || g < 235 || b < 235) {
      ink++;
      colours.add(((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5));
    }
  }
  return { share: ink / (width * height), colours: colours.size };
}

/** Share of pixels that differ between two same-sized screenshots. */
export function difference(a: Buffer, b: Buffer): number {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  let diff = 0;
  for (let i = 0; i < x.data.length; i += 4)
    if (
      Math.abs(x.data[i]! - y.data[i]!) +
        Math.abs(x.data[i + 1]! - y.data[i + 1]!) +
        Math.abs(x.data[i + 2]! - y.data[i + 2]!) >
      30
    )
      diff++;
  return diff / (x.width * x.height);
}
