;; Unravel's kernels in WebAssembly: PageRank's triangular sweeps (sweeps.ts), the eigenvector's product
;; (centrality.ts) and Brandes' shortest-path passes (brandes.ts). V8 runs them about 2–3 times faster here than
;; as JavaScript over typed arrays (a bounds check on every read), with the same operations in the same order, so
;; the same results bit for bit; each has its JavaScript twin, which runs where WebAssembly may not, and which the tests compare it with. scripts/build-wasm.ts
;; compiles this file into kernels-wasm.ts; a test checks that the two agree.
;;
;; Every pointer is a byte offset into the imported memory (see wasm.ts). scripts/build-wasm.ts also compiles this
;; module with the import below made a shared memory, which wasm.ts gives it where the platform has shared memory.
(module
  (import "env" "memory" (memory 1))

  ;; PageRank's sweeps. A triangle is held as rows: `off` (n + 1 int32 row starts), `tg` (int32 columns) and `a`
  ;; (f64 values), each row's columns after its own index.

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

  ;; The eigenvector's product (centrality.ts, eigenvector): y_i = x_i + Σ_k w_k · x_tg[k] over row i's ties.
  (func (export "product") (param $n i32) (param $off i32) (param $tg i32) (param $w i32) (param $x i32) (param $y i32)
    (local $i i32) (local $k i32) (local $end i32) (local $sum f64)
    (local.set $k (i32.load (local.get $off)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (block $row
          (loop $ties
            (br_if $row (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $sum
              (f64.add (local.get $sum)
                (f64.mul
                  (f64.load (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 3))))
                  (f64.load (i32.add (local.get $x)
                    (i32.shl (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $ties)))
        (f64.store (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))) (local.get $sum))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Brandes' passes (brandes.ts, brandesPasses, which this follows line for line): one per source in `src`, adding
  ;; each node's dependency into `bet` and 1 / distance into `clo`. The graph is `off`, `tg` and `len` (each tie's
  ;; length); the rest are work columns of n entries (`dist`, `sigma`, `delta` f64; `order`, `predHead`, `queue`
  ;; i32; `place`, `node` i32; `prio` f64) or of ties + 1 (`predNext`, `predNode` i32).
  (func (export "passes")
    (param $n i32) (param $off i32) (param $tg i32) (param $len i32)
    (param $src i32) (param $nsrc i32) (param $unweighted i32) (param $bet i32) (param $clo i32)
    (param $dist i32) (param $sigma i32) (param $delta i32) (param $order i32) (param $predHead i32)
    (param $queue i32) (param $predNext i32) (param $predNode i32) (param $prio i32) (param $node i32)
    (param $place i32)
    (local $at i32) (local $s i32) (local $i i32) (local $pool i32) (local $count i32)
    (local $head i32) (local $tail i32) (local $v i32) (local $w i32) (local $k i32) (local $end i32)
    (local $next f64) (local $size i32) (local $d f64) (local $last i32) (local $lastP f64) (local $lastV i32)
    (local $c i32) (local $pc f64) (local $pc1 f64) (local $sv f64) (local $nd f64) (local $old f64)
    (local $tol f64) (local $j i32) (local $up i32) (local $pu f64) (local $idx i32) (local $sw f64)
    (local $dw f64) (local $p i32) (local $wAt i32)
    (block $allDone
      (loop $sources
        (br_if $allDone (i32.ge_u (local.get $at) (local.get $nsrc)))
        (local.set $s (i32.load (i32.add (local.get $src) (i32.shl (local.get $at) (i32.const 2)))))
        ;; dist = ∞, sigma = delta = 0, predHead = −1.
        (local.set $i (i32.const 0))
        (block $filled
          (loop $fill
            (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
            (f64.store (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 3))) (f64.const inf))
            (f64.store (i32.add (local.get $sigma) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
            (f64.store (i32.add (local.get $delta) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
            (i32.store (i32.add (local.get $predHead) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $fill)))
        (local.set $pool (i32.const 0))
        (local.set $count (i32.const 0))
        (f64.store (i32.add (local.get $dist) (i32.shl (local.get $s) (i32.const 3))) (f64.const 0))
        (f64.store (i32.add (local.get $sigma) (i32.shl (local.get $s) (i32.const 3))) (f64.const 1))
        (if (local.get $unweighted)
          (then
            ;; Breadth first.
            (local.set $head (i32.const 0))
            (i32.store (local.get $queue) (local.get $s))
            (local.set $tail (i32.const 1))
            (block $bfsDone
              (loop $bfs
                (br_if $bfsDone (i32.ge_u (local.get $head) (local.get $tail)))
                (local.set $v (i32.load (i32.add (local.get $queue) (i32.shl (local.get $head) (i32.const 2)))))
                (local.set $head (i32.add (local.get $head) (i32.const 1)))
                (i32.store (i32.add (local.get $order) (i32.shl (local.get $count) (i32.const 2))) (local.get $v))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $next
                  (f64.add (f64.load (i32.add (local.get $dist) (i32.shl (local.get $v) (i32.const 3)))) (f64.const 1)))
                (local.set $k (i32.load (i32.add (local.get $off) (i32.shl (local.get $v) (i32.const 2)))))
                (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (i32.add (local.get $v) (i32.const 1)) (i32.const 2)))))
                (block $edgesDone
                  (loop $edges
                    (br_if $edgesDone (i32.ge_u (local.get $k) (local.get $end)))
                    (local.set $w (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))))
                    (local.set $wAt (i32.add (local.get $dist) (i32.shl (local.get $w) (i32.const 3))))
                    (if (f64.eq (f64.load (local.get $wAt)) (f64.const inf))
                      (then
                        (f64.store (local.get $wAt) (local.get $next))
                        (i32.store (i32.add (local.get $queue) (i32.shl (local.get $tail) (i32.const 2))) (local.get $w))
                        (local.set $tail (i32.add (local.get $tail) (i32.const 1)))))
                    (if (f64.eq (f64.load (local.get $wAt)) (local.get $next))
                      (then
                        (f64.store (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3)))
                          (f64.add
                            (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3))))
                            (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $v) (i32.const 3))))))
                        (i32.store (i32.add (local.get $predNode) (i32.shl (local.get $pool) (i32.const 2))) (local.get $v))
                        (i32.store (i32.add (local.get $predNext) (i32.shl (local.get $pool) (i32.const 2)))
                          (i32.load (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2)))))
                        (i32.store (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2))) (local.get $pool))
                        (local.set $pool (i32.add (local.get $pool) (i32.const 1)))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $edges)))
                (br $bfs))))
          (else
            ;; Dijkstra, with an indexed heap of (distance, node): `place` holds each node's place in it, −1 before
            ;; it is reached, −2 once it is popped.
            (local.set $i (i32.const 0))
            (block $cleared
              (loop $clear
                (br_if $cleared (i32.ge_u (local.get $i) (local.get $n)))
                (i32.store (i32.add (local.get $place) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $clear)))
            (local.set $size (i32.const 1))
            (f64.store (local.get $prio) (f64.const 0))
            (i32.store (local.get $node) (local.get $s))
            (i32.store (i32.add (local.get $place) (i32.shl (local.get $s) (i32.const 2))) (i32.const 0))
            (block $heapDone
              (loop $heap
                (br_if $heapDone (i32.eqz (local.get $size)))
                (local.set $d (f64.load (local.get $prio)))
                (local.set $v (i32.load (local.get $node)))
                (i32.store (i32.add (local.get $place) (i32.shl (local.get $v) (i32.const 2))) (i32.const -2))
                ;; Pop: the last entry sinks from the top to its place.
                (local.set $size (i32.sub (local.get $size) (i32.const 1)))
                (local.set $last (local.get $size))
                (if (i32.gt_s (local.get $last) (i32.const 0))
                  (then
                    (local.set $lastP (f64.load (i32.add (local.get $prio) (i32.shl (local.get $last) (i32.const 3)))))
                    (local.set $lastV (i32.load (i32.add (local.get $node) (i32.shl (local.get $last) (i32.const 2)))))
                    (local.set $i (i32.const 0))
                    (block $sunk
                      (loop $sink
                        (local.set $c (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
                        (br_if $sunk (i32.ge_s (local.get $c) (local.get $last)))
                        (if (i32.lt_s (i32.add (local.get $c) (i32.const 1)) (local.get $last))
                          (then
                            (local.set $pc (f64.load (i32.add (local.get $prio) (i32.shl (local.get $c) (i32.const 3)))))
                            (local.set $pc1 (f64.load (i32.add (local.get $prio) (i32.shl (i32.add (local.get $c) (i32.const 1)) (i32.const 3)))))
                            (if (i32.or
                                  (f64.lt (local.get $pc1) (local.get $pc))
                                  (i32.and
                                    (f64.eq (local.get $pc1) (local.get $pc))
                                    (i32.lt_s
                                      (i32.load (i32.add (local.get $node) (i32.shl (i32.add (local.get $c) (i32.const 1)) (i32.const 2))))
                                      (i32.load (i32.add (local.get $node) (i32.shl (local.get $c) (i32.const 2)))))))
                              (then (local.set $c (i32.add (local.get $c) (i32.const 1)))))))
                        (local.set $pc (f64.load (i32.add (local.get $prio) (i32.shl (local.get $c) (i32.const 3)))))
                        (local.set $up (i32.load (i32.add (local.get $node) (i32.shl (local.get $c) (i32.const 2)))))
                        (br_if $sunk
                          (i32.or
                            (f64.gt (local.get $pc) (local.get $lastP))
                            (i32.and
                              (f64.eq (local.get $pc) (local.get $lastP))
                              (i32.ge_s (local.get $up) (local.get $lastV)))))
                        (f64.store (i32.add (local.get $prio) (i32.shl (local.get $i) (i32.const 3))) (local.get $pc))
                        (i32.store (i32.add (local.get $node) (i32.shl (local.get $i) (i32.const 2))) (local.get $up))
                        (i32.store (i32.add (local.get $place) (i32.shl (local.get $up) (i32.const 2))) (local.get $i))
                        (local.set $i (local.get $c))
                        (br $sink)))
                    (f64.store (i32.add (local.get $prio) (i32.shl (local.get $i) (i32.const 3))) (local.get $lastP))
                    (i32.store (i32.add (local.get $node) (i32.shl (local.get $i) (i32.const 2))) (local.get $lastV))
                    (i32.store (i32.add (local.get $place) (i32.shl (local.get $lastV) (i32.const 2))) (local.get $i))))
                (i32.store (i32.add (local.get $order) (i32.shl (local.get $count) (i32.const 2))) (local.get $v))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $sv (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $v) (i32.const 3)))))
                (local.set $k (i32.load (i32.add (local.get $off) (i32.shl (local.get $v) (i32.const 2)))))
                (local.set $end (i32.load (i32.add (local.get $off) (i32.shl (i32.add (local.get $v) (i32.const 1)) (i32.const 2)))))
                (block $relaxed
                  (loop $relax
                    (br_if $relaxed (i32.ge_u (local.get $k) (local.get $end)))
                    (local.set $w (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))))
                    (local.set $nd
                      (f64.add (local.get $d) (f64.load (i32.add (local.get $len) (i32.shl (local.get $k) (i32.const 3))))))
                    (local.set $wAt (i32.add (local.get $dist) (i32.shl (local.get $w) (i32.const 3))))
                    (local.set $old (f64.load (local.get $wAt)))
                    (local.set $tol (f64.mul (f64.const 1e-12) (local.get $old)))
                    ;; Longer than the best path so far by more than the tolerance: neither shorter nor tied.
                    ;; A node popped keeps its paths (only a tie to it comes here, or a path of infinite length).
                    (local.set $j (i32.load (i32.add (local.get $place) (i32.shl (local.get $w) (i32.const 2)))))
                    (if (i32.and
                          (i32.eqz (f64.gt (f64.sub (local.get $nd) (local.get $old)) (local.get $tol)))
                          (i32.ne (local.get $j) (i32.const -2)))
                      (then
                        (if (i32.or
                              (f64.eq (local.get $old) (f64.const inf))
                              (f64.lt (local.get $nd) (f64.sub (local.get $old) (local.get $tol))))
                          (then
                            (f64.store (local.get $wAt) (local.get $nd))
                            (f64.store (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3))) (local.get $sv))
                            (i32.store (i32.add (local.get $predNode) (i32.shl (local.get $pool) (i32.const 2))) (local.get $v))
                            (i32.store (i32.add (local.get $predNext) (i32.shl (local.get $pool) (i32.const 2))) (i32.const -1))
                            (i32.store (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2))) (local.get $pool))
                            (local.set $pool (i32.add (local.get $pool) (i32.const 1)))
                            ;; w rises from its place (from the bottom, when it is new) to its new one.
                            (if (i32.lt_s (local.get $j) (i32.const 0))
                              (then
                                (local.set $j (local.get $size))
                                (local.set $size (i32.add (local.get $size) (i32.const 1)))))
                            (block $risen
                              (loop $rise
                                (br_if $risen (i32.le_s (local.get $j) (i32.const 0)))
                                (local.set $up (i32.shr_s (i32.sub (local.get $j) (i32.const 1)) (i32.const 1)))
                                (local.set $pu (f64.load (i32.add (local.get $prio) (i32.shl (local.get $up) (i32.const 3)))))
                                (local.set $c (i32.load (i32.add (local.get $node) (i32.shl (local.get $up) (i32.const 2)))))
                                (br_if $risen
                                  (i32.or
                                    (f64.lt (local.get $pu) (local.get $nd))
                                    (i32.and
                                      (f64.eq (local.get $pu) (local.get $nd))
                                      (i32.le_s (local.get $c) (local.get $w)))))
                                (f64.store (i32.add (local.get $prio) (i32.shl (local.get $j) (i32.const 3))) (local.get $pu))
                                (i32.store (i32.add (local.get $node) (i32.shl (local.get $j) (i32.const 2))) (local.get $c))
                                (i32.store (i32.add (local.get $place) (i32.shl (local.get $c) (i32.const 2))) (local.get $j))
                                (local.set $j (local.get $up))
                                (br $rise)))
                            (f64.store (i32.add (local.get $prio) (i32.shl (local.get $j) (i32.const 3))) (local.get $nd))
                            (i32.store (i32.add (local.get $node) (i32.shl (local.get $j) (i32.const 2))) (local.get $w))
                            (i32.store (i32.add (local.get $place) (i32.shl (local.get $w) (i32.const 2))) (local.get $j)))
                          (else
                            (if (f64.le (f64.abs (f64.sub (local.get $nd) (local.get $old))) (local.get $tol))
                              (then
                                (f64.store (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3)))
                                  (f64.add
                                    (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3))))
                                    (local.get $sv)))
                                (i32.store (i32.add (local.get $predNode) (i32.shl (local.get $pool) (i32.const 2))) (local.get $v))
                                (i32.store (i32.add (local.get $predNext) (i32.shl (local.get $pool) (i32.const 2)))
                                  (i32.load (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2)))))
                                (i32.store (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2))) (local.get $pool))
                                (local.set $pool (i32.add (local.get $pool) (i32.const 1)))))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $relax)))
                (br $heap)))))
        ;; Dependencies, from the farthest node back.
        (local.set $idx (i32.sub (local.get $count) (i32.const 1)))
        (block $accumulated
          (loop $accumulate
            (br_if $accumulated (i32.lt_s (local.get $idx) (i32.const 0)))
            (local.set $w (i32.load (i32.add (local.get $order) (i32.shl (local.get $idx) (i32.const 2)))))
            (if (i32.ne (local.get $w) (local.get $s))
              (then
                (f64.store (i32.add (local.get $clo) (i32.shl (local.get $w) (i32.const 3)))
                  (f64.add
                    (f64.load (i32.add (local.get $clo) (i32.shl (local.get $w) (i32.const 3))))
                    (f64.div (f64.const 1) (f64.load (i32.add (local.get $dist) (i32.shl (local.get $w) (i32.const 3)))))))))
            (local.set $sw (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $w) (i32.const 3)))))
            (local.set $dw (f64.add (f64.const 1) (f64.load (i32.add (local.get $delta) (i32.shl (local.get $w) (i32.const 3))))))
            (local.set $p (i32.load (i32.add (local.get $predHead) (i32.shl (local.get $w) (i32.const 2)))))
            (block $predsDone
              (loop $preds
                (br_if $predsDone (i32.eq (local.get $p) (i32.const -1)))
                (local.set $v (i32.load (i32.add (local.get $predNode) (i32.shl (local.get $p) (i32.const 2)))))
                (f64.store (i32.add (local.get $delta) (i32.shl (local.get $v) (i32.const 3)))
                  (f64.add
                    (f64.load (i32.add (local.get $delta) (i32.shl (local.get $v) (i32.const 3))))
                    (f64.mul
                      (f64.div (f64.load (i32.add (local.get $sigma) (i32.shl (local.get $v) (i32.const 3)))) (local.get $sw))
                      (local.get $dw))))
                (local.set $p (i32.load (i32.add (local.get $predNext) (i32.shl (local.get $p) (i32.const 2)))))
                (br $preds)))
            (if (i32.ne (local.get $w) (local.get $s))
              (then
                (f64.store (i32.add (local.get $bet) (i32.shl (local.get $w) (i32.const 3)))
                  (f64.add
                    (f64.load (i32.add (local.get $bet) (i32.shl (local.get $w) (i32.const 3))))
                    (f64.load (i32.add (local.get $delta) (i32.shl (local.get $w) (i32.const 3))))))))
            (local.set $idx (i32.sub (local.get $idx) (i32.const 1)))
            (br $accumulate)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $sources))))
)
