/** Test files: real PNGs (any size, any colour), a PDF with text, and the bytes of the other formats' headers. */
import { crc32, deflateSync } from 'node:zlib'

type Rgb = [number, number, number]

/** A PNG of `width`×`height` pixels, in one colour or drawn by `rgb(x, y)`; `padding` adds an ignored chunk that many bytes long. */
export function pngImage(width = 2, height = 2, rgb: Rgb | ((x: number, y: number) => Rgb) = [220, 40, 40], padding = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([head, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const colour = typeof rgb === 'function' ? rgb : () => rgb
  const row = (y: number) => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, (_, x) => colour(x, y)).flat())])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, (_, y) => row(y))))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(padding > 0 ? [chunk('teXt', Buffer.alloc(padding, 0x61))] : []),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A one-page PDF whose page shows `lines` (Helvetica): PDF.js reads them back as text. */
export function pdfWithText(lines: readonly string[]): Buffer {
  const shown = lines.map((line, i) => `${i ? '0 -16 Td ' : ''}(${line.replace(/[()\\]/g, '\\$&')}) Tj`).join(' ')
  const content = `BT /F1 12 Tf 72 720 Td ${shown} ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

export const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
export const GIF_HEAD = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')
export const WEBP_HEAD = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ')])

export const NOTES = '# Notes\n\nThe launch is on **Tuesday**.\n\n```sh\nnpm run build\n```\n'

/** A small bar chart on a light background, to look at in screenshots. */
export function chartImage(width = 320, height = 200): Buffer {
  const bars = [0.35, 0.6, 0.45, 0.85, 0.7]
  const slot = width / bars.length
  return pngImage(width, height, (x, y) => {
    const bar = Math.floor(x / slot)
    const inBar = x % slot > slot * 0.2 && x % slot < slot * 0.8 && height - y < bars[bar]! * (height - 20)
    if (inBar) return bar === 3 ? [230, 120, 40] : [60, 110, 220]
    return y === height - 1 || x === 0 ? [90, 90, 90] : [246, 247, 250]
  })
}
