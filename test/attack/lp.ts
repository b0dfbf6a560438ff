import highsPackage, { type Highs } from 'highs';

// The package's types describe a CommonJS module while Node loads its ES build, whose default
// export is the loader itself: TypeScript sees that loader one `.default` further down.
type Loader = () => Promise<Highs>;
const loadHighs: Loader = (highsPackage as unknown as { default?: Loader }).default ?? (highsPackage as unknown as Loader);

/**
 * A linear programme over non-negative unknowns, solved with HiGHS (compiled to WebAssembly):
 * the attacker's tool. Rows are `lower ≤ Σ coefficient × x ≤ upper`.
 */

export interface Row {
  readonly columns: readonly number[];
  readonly coefficients: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

type Model = ReturnType<Highs['createModel']>;

let highs: Promise<Highs> | undefined;

export interface Programme {
  readonly columns: number;
  /** The least and greatest Σ x[c] over the columns `target` (each counted once), or undefined when infeasible. */
  range(target: readonly number[]): { min: number; max: number } | undefined;
  /** A feasible point that maximises Σ weight × x; undefined when infeasible. */
  point(weights: Float64Array): Float64Array | undefined;
  dispose(): void;
}

export async function programme(columns: number, rows: readonly Row[], upperBounds?: Float64Array): Promise<Programme> {
  const h = await (highs ??= loadHighs());
  const starts = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (starts[i + 1] = starts[i]! + r.columns.length));
  const indices = new Int32Array(starts[rows.length]!);
  const values = new Float64Array(indices.length);
  rows.forEach((r, i) => {
    indices.set(r.columns, starts[i]!);
    values.set(r.coefficients, starts[i]!);
  });
  const model: Model = h.createModel({
    numCols: columns,
    numRows: rows.length,
    colCost: new Float64Array(columns),
    colLower: new Float64Array(columns),
    colUpper: upperBounds ?? new Float64Array(columns).fill(h.infinity),
    rowLower: Float64Array.from(rows, (r) => (r.lower === -Infinity ? -h.infinity : r.lower)),
    rowUpper: Float64Array.from(rows, (r) => (r.upper === Infinity ? h.infinity : r.upper)),
    matrix: { format: 'csr', numRows: rows.length, numCols: columns, starts, indices, values },
  });
  // Primal simplex: each new objective starts from the last optimal basis, which stays feasible.
  model.options.set({ output_flag: false });
  const all = { kind: 'range', from: 0, to: columns - 1 } as const;
  const cost = new Float64Array(columns);
  // A probe moves the objective far: the interior-point method gets there fastest. A range is a
  // small change from the last optimum: primal simplex from the last basis, without presolve
  // (which would drop the basis), takes a few pivots.
  const FAR = { solver: 'ipm', presolve: 'on' } as const;
  const NEAR = { solver: 'simplex', simplex_strategy: 4, presolve: 'off' } as const;
  const solve = (weights: Float64Array, sense: 'minimize' | 'maximize', how: typeof FAR | typeof NEAR): number | undefined => {
    model.options.set(how);
    model.changeColsCost(all, weights);
    model.changeObjectiveSense(h.constants.objectiveSense[sense]);
    model.run();
    const status = model.getModelStatus();
    if (status === h.constants.modelStatus.infeasible) return undefined;
    if (status !== h.constants.modelStatus.optimal) throw new Error(`the programme ended with status ${status}`);
    return model.getObjectiveValue();
  };
  return {
    columns,
    range(target) {
      cost.fill(0);
      for (const c of target) cost[c] = 1;
      const min = solve(cost, 'minimize', NEAR);
      if (min === undefined) return undefined;
      return { min, max: solve(cost, 'maximize', NEAR)! };
    },
    point(weights) {
      if (solve(weights, 'maximize', FAR) === undefined) return undefined;
      return model.getSolution().colValue;
    },
    dispose: () => model.dispose(),
  };
}

/** The integer values an LP range leaves possible: [ceil(min), floor(max)], allowing for rounding. */
export function integerRange(r: { min: number; max: number }): { min: number; max: number } {
  // Adding 0 turns a -0 into 0.
  return { min: Math.ceil(r.min - 1e-6) + 0, max: Math.floor(r.max + 1e-6) + 0 };
}
