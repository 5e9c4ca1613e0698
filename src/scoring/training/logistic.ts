/**
 * L2-regularised logistic regression fitted by iteratively reweighted least squares (Newton's
 * method). Small dense problems only (tens of features): the (p+1)×(p+1) system is solved by
 * Cholesky decomposition. The intercept is not penalised.
 *
 * Minimises  −Σ [y log p + (1 − y) log(1 − p)] + (l2 / 2) · Σ β_j²,  p = σ(β0 + x·β).
 */

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
  /** Penalised negative log-likelihood at the solution. */
  loss: number;
}

export interface LogisticOptions {
  l2: number;
  maxIterations: number;
  tolerance: number;
}

export const DEFAULT_LOGISTIC: Readonly<LogisticOptions> = Object.freeze({ l2: 1, maxIterations: 50, tolerance: 1e-9 });

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b for a symmetric positive-definite A (row-major, n×n). */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/**
 * @param columns feature columns (each of length n)
 * @param target 0/1 labels
 */
export function fitLogistic(columns: readonly Float64Array[], target: Uint8Array, options: Partial<LogisticOptions> = {}): LogisticFit {
  const { l2, maxIterations, tolerance } = { ...DEFAULT_LOGISTIC, ...options };
  const p = columns.length;
  const n = target.length;
  const dim = p + 1;
  for (const c of columns) if (c.length !== n) throw new RangeError('feature column length differs from the target');
  let bads = 0;
  for (let i = 0; i < n; i++) bads += target[i];
  if (bads === 0 || bads === n) throw new RangeError('logistic regression needs both classes');
  const beta = new Float64Array(dim);
  beta[0] = Math.log(bads / (n - bads));
  const lossAt = (b: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = b[0];
      for (let j = 0; j < p; j++) z += b[j + 1] * columns[j][i];
      // log(1 + e^z) − y z, computed stably
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i] * z;
    }
    for (let j = 1; j < dim; j++) loss += 0.5 * l2 * b[j] * b[j];
    return loss;
  };
  let loss = lossAt(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const grad = new Float64Array(dim);
    const hess = new Float64Array(dim * dim);
    for (let i = 0; i < n; i++) {
      let z = beta[0];
      for (let j = 0; j < p; j++) z += beta[j + 1] * columns[j][i];
      const mu = sigmoid(z);
      const r = mu - target[i];
      const w = mu * (1 - mu);
      grad[0] += r;
      hess[0] += w;
      for (let j = 0; j < p; j++) {
        const xj = columns[j][i];
        grad[j + 1] += r * xj;
        hess[j + 1] += w * xj; // row 0, col j+1
        const row = (j + 1) * dim;
        for (let k = 0; k <= j; k++) hess[row + k + 1] += w * xj * columns[k][i];
      }
    }
    for (let j = 1; j < dim; j++) {
      grad[j] += l2 * beta[j];
      hess[j * dim + j] += l2;
      hess[j * dim] = hess[j]; // column 0 mirrors row 0
      for (let k = 1; k < j; k++) hess[k * dim + j] = hess[j * dim + k];
    }
    hess[0] += 1e-12;
    const step = choleskySolve(hess, grad, dim);
    // Damped Newton step: halve until the loss does not increase.
    let t = 1;
    let next = beta.map((b, j) => b - t * step[j]);
    let nextLoss = lossAt(next);
    while (nextLoss > loss + 1e-12 && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b - t * step[j]);
      nextLoss = lossAt(next);
    }
    const change = Math.max(...step.map((s) => Math.abs(s * t)));
    beta.set(next);
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (change < tolerance || improvement < tolerance * Math.max(1, Math.abs(loss))) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0], coefficients: Array.from(beta.subarray(1)), iterations, converged, loss };
}
