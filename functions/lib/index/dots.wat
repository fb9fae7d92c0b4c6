;; The int8 scan kernel in WebAssembly SIMD: JS cannot multiply sixteen int8 codes at once, this can.
;; Assembled to dots.wasm by `npm run build:kernel`; a unit test fails when the two drift apart.
(module
  (memory (export "memory") 1)

  ;; out[r] = f64(dot(codes[r], q)) * scales[r] * inv for r in 0..rows, then the lowest and highest score at out[rows],
  ;; out[rows + 1]. Rows of codes are `stride` int8 (a multiple of 16, zero-padded); q is `stride` int16 (the quantised
  ;; query). The caller keeps stride * 127 * max|q| below 2^31, so the integer dot product cannot overflow.
  (func (export "scores")
    (param $codes i32) (param $scales i32) (param $rows i32) (param $stride i32)
    (param $q i32) (param $inv f64) (param $out i32)
    (local $r i32) (local $p i32) (local $j i32) (local $qp i32)
    (local $lo v128) (local $hi v128) (local $c v128)
    (local $s f64) (local $min f64) (local $max f64)
    (local.set $min (f64.const inf))
    (local.set $max (f64.const -inf))
    (local.set $p (local.get $codes))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $lo (v128.const i32x4 0 0 0 0))
        (local.set $hi (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $qp (local.get $q))
        (loop $col
          (local.set $c (v128.load (i32.add (local.get $p) (local.get $j))))
          (local.set $lo (i32x4.add (local.get $lo)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (v128.load (local.get $qp)))))
          (local.set $hi (i32x4.add (local.get $hi)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (v128.load offset=16 (local.get $qp)))))
          (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $j) (local.get $stride))))
        (local.set $lo (i32x4.add (local.get $lo) (local.get $hi)))
        (local.set $s
          (f64.mul
            (f64.mul
              (f64.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $lo)) (i32x4.extract_lane 1 (local.get $lo)))
                  (i32.add (i32x4.extract_lane 2 (local.get $lo)) (i32x4.extract_lane 3 (local.get $lo)))))
              (f64.promote_f32 (f32.load (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2))))))
            (local.get $inv)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))) (local.get $s))
        (local.set $min (f64.min (local.get $min) (local.get $s)))
        (local.set $max (f64.max (local.get $max) (local.get $s)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (f64.store (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 3))) (local.get $min))
    (f64.store offset=8 (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 3))) (local.get $max)))

  ;; The selection over those scores, so the JS side only sees the few rows worth scoring exactly. Rows whose mask
  ;; byte is non-zero are skipped.

  ;; counts[b] = how many unmasked rows have bucket b = trunc((score - lo) * scale), clamped to 0..buckets-1.
  ;; A radix select: no heap, no branch on the data, one pass.
  (func (export "histogram")
    (param $scores i32) (param $rows i32) (param $mask i32) (param $lo f64) (param $scale f64) (param $buckets i32) (param $counts i32)
    (local $r i32) (local $b i32) (local $at i32)
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (local.get $buckets) (i32.const 2)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $mask) (local.get $r))))
          (then
            (local.set $b (i32.trunc_sat_f64_s
              (f64.mul (f64.sub (f64.load (i32.add (local.get $scores) (i32.shl (local.get $r) (i32.const 3)))) (local.get $lo)) (local.get $scale))))
            (local.set $b (select (local.get $b) (i32.const 0) (i32.gt_s (local.get $b) (i32.const 0))))
            (local.set $b (select (local.get $b) (i32.sub (local.get $buckets) (i32.const 1)) (i32.lt_s (local.get $b) (local.get $buckets))))
            (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $b) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Every unmasked row scoring at least $floor, in ascending row order, into out; returns how many.
  (func (export "gather") (param $scores i32) (param $rows i32) (param $mask i32) (param $floor f64) (param $out i32) (result i32)
    (local $r i32) (local $count i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (i32.and
              (i32.eqz (i32.load8_u (i32.add (local.get $mask) (local.get $r))))
              (f64.ge (f64.load (i32.add (local.get $scores) (i32.shl (local.get $r) (i32.const 3)))) (local.get $floor)))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $r))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $count))

  ;; The memory-pass bound for this kernel: reads `bytes` bytes (a multiple of 16) from $p once, sixteen at a time, and
  ;; folds them so the loads cannot be dropped. No scan over the same bytes can be much faster.
  (func (export "pass") (param $p i32) (param $bytes i32) (result i32)
    (local $end i32) (local $acc v128)
    (local.set $end (i32.add (local.get $p) (local.get $bytes)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (i8x16.add (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (i32.xor
      (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.xor (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
