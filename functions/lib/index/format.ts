// The EFIX binary layout: the index is built offline and shipped as bytes, so a bad file must fail loudly on load.
//
// Little-endian, 24-byte header then three arrays:
//   0  "EFIX" magic            4  u16 format version   6  u16 flags (must be 0)
//   8  u32 n (items)          12  u32 dims            16  u32 FNV-1a 32 of the body   20  u32 reserved (0)
//   24 ids   n x i32
//      scales n x f32 (finite, >= 0)
//      codes  n x dims x i8 (in [-127, 127])
// The checksum catches bit flips inside the codes, which no range check could.

import { CODE_MAX } from "./quantize.ts";

export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;
export const MAX_DIMS = 4096;
const MAGIC = [0x45, 0x46, 0x49, 0x58]; // "EFIX"

export interface IndexParts {
  n: number;
  dims: number;
  ids: Int32Array;
  scales: Float32Array;
  codes: Int8Array;
}

function fnv1a32(bytes: Uint8Array, start: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < bytes.length; i++) {
    h = Math.imul(h ^ bytes[i]!, 0x01000193);
  }
  return h >>> 0;
}

export function encodeIndex(parts: IndexParts): Uint8Array {
  const { n, dims, ids, scales, codes } = parts;
  const out = new Uint8Array(HEADER_BYTES + 8 * n + n * dims);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(4, FORMAT_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, n, true);
  view.setUint32(12, dims, true);
  let off = HEADER_BYTES;
  for (let i = 0; i < n; i++, off += 4) view.setInt32(off, ids[i]!, true);
  for (let i = 0; i < n; i++, off += 4) view.setFloat32(off, scales[i]!, true);
  out.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength), off);
  view.setUint32(16, fnv1a32(out, HEADER_BYTES), true);
  return out;
}

function fail(msg: string): never {
  throw new Error(`EFIX index: ${msg}`);
}

export function decodeIndex(input: ArrayBuffer | Uint8Array): IndexParts {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < HEADER_BYTES) fail(`truncated header (${bytes.length} of ${HEADER_BYTES} bytes)`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) fail("bad magic (not an EFIX file)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== FORMAT_VERSION) fail(`unsupported format version ${version} (expected ${FORMAT_VERSION})`);
  if (view.getUint16(6, true) !== 0 || view.getUint32(20, true) !== 0) fail("non-zero flags/reserved fields");
  const n = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  if (dims < 1 || dims > MAX_DIMS) fail(`dims ${dims} outside 1..${MAX_DIMS}`);
  const expected = HEADER_BYTES + 8 * n + n * dims;
  if (bytes.length < expected) fail(`truncated body (${bytes.length} of ${expected} bytes)`);
  if (bytes.length > expected) fail(`${bytes.length - expected} trailing bytes after body`);
  if (fnv1a32(bytes, HEADER_BYTES) !== view.getUint32(16, true)) fail("checksum mismatch (corrupt body)");

  const ids = new Int32Array(n);
  const scales = new Float32Array(n);
  let off = HEADER_BYTES;
  const seen = new Set<number>();
  for (let i = 0; i < n; i++, off += 4) {
    const id = view.getInt32(off, true);
    if (seen.has(id)) fail(`duplicate id ${id} at row ${i}`);
    seen.add(id);
    ids[i] = id;
  }
  for (let i = 0; i < n; i++, off += 4) {
    const s = view.getFloat32(off, true);
    if (!Number.isFinite(s) || s < 0) fail(`scale of row ${i} is ${s} (must be finite and >= 0)`);
    scales[i] = s;
  }
  // Copy so the index never aliases (or pins) the caller's buffer.
  const codes = new Int8Array(bytes.slice(off, expected).buffer);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < -CODE_MAX) fail(`code -128 at offset ${i} (symmetric codes stop at -127)`);
  }
  return { n, dims, ids, scales, codes };
}
