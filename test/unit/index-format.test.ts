import { describe, expect, it } from "vitest";
import { FORMAT_VERSION, Int8Index } from "../../functions/lib/index/index.ts";
import { mulberry32 } from "../../functions/lib/random.ts";

function sample(n = 20, dims = 8): Int8Index {
  const rng = mulberry32(7);
  const vecs = new Float32Array(n * dims).map(() => rng() * 2 - 1);
  return Int8Index.fromFloat32(
    Int32Array.from({ length: n }, (_, i) => i * 3 - 10),
    vecs,
    dims,
  );
}

/** Rewrites header fields and fixes nothing else, so only the intended check can fire. */
function patched(bytes: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer));
  return copy;
}

/** Recomputes the body checksum so a deliberately bad body reaches the semantic checks. */
function resealed(bytes: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = patched(bytes, edit);
  let h = 0x811c9dc5;
  for (let i = 24; i < copy.length; i++) h = Math.imul(h ^ (copy[i] as number), 0x01000193);
  new DataView(copy.buffer).setUint32(16, h >>> 0, true);
  return copy;
}

describe("EFIX format", () => {
  const index = sample();
  const bytes = index.toBytes();
  const q = Float32Array.from({ length: 8 }, (_, i) => (i % 2 ? 0.3 : -0.2));

  it("round-trips ids, vectors and search results", () => {
    const back = Int8Index.fromBytes(bytes);
    expect(back.size).toBe(index.size);
    expect(back.dims).toBe(index.dims);
    expect(Array.from(back.ids)).toEqual(Array.from(index.ids));
    expect(Array.from(back.vector(4))).toEqual(Array.from(index.vector(4)));
    const a = index.search(q, 5);
    const b = back.search(q, 5);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    expect(Array.from(back.toBytes())).toEqual(Array.from(bytes));
  });

  it("accepts an ArrayBuffer and a Uint8Array view at a non-zero offset", () => {
    expect(Int8Index.fromBytes(bytes.slice().buffer).size).toBe(20);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(Int8Index.fromBytes(padded.subarray(3)).size).toBe(20);
  });

  it("writes the documented little-endian header", () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe("EFIX");
    expect(view.getUint16(4, true)).toBe(FORMAT_VERSION);
    expect(view.getUint32(8, true)).toBe(20);
    expect(view.getUint32(12, true)).toBe(8);
    expect(bytes.length).toBe(24 + 8 * 20 + 20 * 8);
  });

  it("round-trips an empty index", () => {
    const empty = Int8Index.fromFloat32(new Int32Array(0), new Float32Array(0), 64);
    const back = Int8Index.fromBytes(empty.toBytes());
    expect(back.size).toBe(0);
    expect(back.dims).toBe(64);
  });

  it("rejects truncated buffers at every length", () => {
    for (let len = 0; len < bytes.length; len += 7) {
      expect(() => Int8Index.fromBytes(bytes.subarray(0, len))).toThrow(/EFIX index: truncated/);
    }
    expect(() => Int8Index.fromBytes(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated body/);
  });

  it("rejects trailing bytes, bad magic, versions, flags and dims", () => {
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => Int8Index.fromBytes(longer)).toThrow(/trailing bytes/);
    expect(() => Int8Index.fromBytes(patched(bytes, (v) => v.setUint8(0, 0x58)))).toThrow(/bad magic/);
    expect(() => Int8Index.fromBytes(patched(bytes, (v) => v.setUint16(4, 99, true)))).toThrow(/version 99/);
    expect(() => Int8Index.fromBytes(patched(bytes, (v) => v.setUint16(6, 1, true)))).toThrow(/flags/);
    expect(() => Int8Index.fromBytes(patched(bytes, (v) => v.setUint32(12, 0, true)))).toThrow(/dims 0/);
    // n claims more rows than the buffer holds.
    expect(() => Int8Index.fromBytes(patched(bytes, (v) => v.setUint32(8, 21, true)))).toThrow(/truncated body/);
  });

  it("rejects a flipped bit anywhere in the body via the checksum", () => {
    for (const off of [24, 24 + 4 * 20 + 1, bytes.length - 1]) {
      const bad = patched(bytes, (v) => v.setUint8(off, v.getUint8(off) ^ 0x10));
      expect(() => Int8Index.fromBytes(bad)).toThrow(/checksum mismatch/);
    }
  });

  it("rejects duplicate ids, bad scales and -128 codes behind a valid checksum", () => {
    expect(Int8Index.fromBytes(resealed(bytes, () => {})).size).toBe(20);
    expect(() => Int8Index.fromBytes(resealed(bytes, (v) => v.setInt32(28, v.getInt32(24, true), true)))).toThrow(/duplicate id/);
    const scalesAt = 24 + 4 * 20;
    expect(() => Int8Index.fromBytes(resealed(bytes, (v) => v.setFloat32(scalesAt, Number.NaN, true)))).toThrow(/scale of row 0/);
    expect(() => Int8Index.fromBytes(resealed(bytes, (v) => v.setFloat32(scalesAt + 4, -1, true)))).toThrow(/scale of row 1/);
    expect(() => Int8Index.fromBytes(resealed(bytes, (v) => v.setInt8(bytes.length - 1, -128)))).toThrow(/-128/);
  });
});
