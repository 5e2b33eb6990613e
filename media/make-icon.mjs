// Draws media/icon.png (128x128, the marketplace icon) without an image library: each pixel's colour comes
// from a few signed-distance shapes, antialiased over one pixel, then written as an RGBA PNG.
// Run: node media/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const BACKGROUND = [35, 47, 62];
const OLD = [230, 140, 40];
const NEW = [70, 180, 110];
const ARROW = [240, 244, 248];

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const box =
  (cx, cy, hw, hh, r = 0) =>
  (x, y) => {
    const dx = Math.abs(x - cx) - hw + r;
    const dy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  // Negative inside: the largest signed distance to the three edges (edges counter-clockwise).
  const edge = (px, py, qx, qy) => ((qx - px) * (y - py) - (qy - py) * (x - px)) / Math.hypot(qx - px, qy - py);
  return Math.max(edge(ax, ay, bx, by), edge(bx, by, cx, cy), edge(cx, cy, ax, ay));
};

// Painted in order; later shapes cover earlier ones.
const shapes = [
  [box(64, 64, 62, 62, 22), BACKGROUND],
  [circle(30, 40, 11), OLD],
  [circle(30, 64, 11), OLD],
  [circle(30, 88, 11), OLD],
  [circle(98, 40, 11), NEW],
  [circle(98, 64, 11), NEW],
  [circle(98, 88, 11), NEW],
  [box(61, 64, 14, 4), ARROW],
  [triangle(72, 52, 72, 76, 86, 64), ARROW],
];

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let rgba = [0, 0, 0, 0];
    for (const [distance, colour] of shapes) {
      const coverage = Math.min(1, Math.max(0, 0.5 - distance(x + 0.5, y + 0.5)));
      if (!coverage) continue;
      const alpha = coverage + rgba[3] * (1 - coverage);
      rgba = [0, 1, 2].map((i) => (colour[i] * coverage + rgba[i] * rgba[3] * (1 - coverage)) / alpha).concat(alpha);
    }
    const at = row + 1 + x * 4;
    for (let i = 0; i < 3; i++) pixels[at + i] = Math.round(rgba[i]);
    pixels[at + 3] = Math.round(rgba[3] * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, tail]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
