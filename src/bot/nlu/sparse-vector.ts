/** A sparse row: column indices and their values, same length. */
export type SparseVector = { index: Int32Array; value: Float32Array };

/** Dot product of a sparse row with the dense vector stored in `dense` from `offset` on. */
export function sparseDot(x: SparseVector, dense: Float32Array, offset: number): number {
  let s = 0;
  for (let k = 0; k < x.index.length; k++) s += x.value[k]! * dense[offset + x.index[k]!]!;
  return s;
}

/** Squared L2 norm of a sparse row. */
export function sparseSquaredNorm(x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.value.length; k++) s += x.value[k]! * x.value[k]!;
  return s;
}
