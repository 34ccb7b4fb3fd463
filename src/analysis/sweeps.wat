;; The triangular sweeps of PageRank's preconditioner (see sweeps.ts), in WebAssembly: V8 runs these two loops
;; about 2.7 times faster here than as JavaScript over typed arrays (bounds checks on every read), with the same
;; operations in the same order, so the same results bit for bit. scripts/build-wasm.ts compiles this file into
;; sweeps-wasm.ts; a test checks that the two agree.
;;
;; Every pointer is a byte offset into the imported memory. A triangle is held as rows: `off` (n + 1 int32 row
;; starts), `tg` (int32 columns) and `a` (f64 values), each row's columns after its own index.
(module
  (import "env" "memory" (memory 1))

  ;; t_i = v_i + Σ_k a_k · t_tg[k] over row i's ties, from the last row up (t = L⁻ᵀ v).
  (func (export "backward") (param $n i32) (param $off i32) (param $tg i32) (param $a i32) (param $v i32) (param $t i32)
    (local $i i32) (local $k i32) (local $end i32) (local $sum f64)
    (local.set $i (local.get $n))
    (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (local.get $n) (i32.const 2)))))
    (block $done
      (loop $rows
        (br_if $done (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $k (i32.load (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $sum (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))
        (block $row
          (loop $ties
            (br_if $row (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $sum
              (f64.add (local.get $sum)
                (f64.mul
                  (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
                  (f64.load (i32.add (local.get $t)
                    (i32.shl (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $ties)))
        (f64.store (i32.add (local.get $t) (i32.shl (local.get $i) (i32.const 3))) (local.get $sum))
        ;; This row's start is the end of the row above it.
        (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))))
        (br $rows))))

  ;; u_tg[k] += a_k · u_i for each tie k of row i, from the first row down (u = L⁻¹ u, in place).
  (func (export "forward") (param $n i32) (param $off i32) (param $tg i32) (param $a i32) (param $u i32)
    (local $i i32) (local $k i32) (local $end i32) (local $ui f64) (local $at i32)
    (local.set $k (i32.load (local.get $off)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $ui (f64.load (i32.add (local.get $u) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (block $row
          (loop $ties
            (br_if $row (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $at (i32.add (local.get $u)
              (i32.shl (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $at)
              (f64.add (f64.load (local.get $at))
                (f64.mul (f64.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3)))) (local.get $ui))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $ties)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
