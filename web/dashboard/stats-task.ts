import { Task } from '@lit/task';
import { html, type ReactiveControllerHost } from 'lit';
import { t } from '../messages.js';
import { fetchStats, numbersKey, type SnapshotInfo, type StatsQuery, type StatsRow } from './stats-client.js';

/**
 * Keeps the same object for equal queries, so a Task whose argument is a query runs again
 * only when the filters change, not on every render.
 */
function stableQuery(): (q: StatsQuery | undefined) => StatsQuery | undefined {
  let key = '';
  let last: StatsQuery | undefined;
  return (q) => {
    const next = q === undefined ? '' : JSON.stringify(q);
    if (next !== key) {
      key = next;
      last = q;
    }
    return last;
  };
}

/**
 * The rows of one query, as a view shows them: the pattern every part of the dashboard shares
 * (ask the API, say it is loading, say when it failed). It asks again when the query changes
 * and when a new snapshot publishes new numbers; while it does, the numbers already shown stay
 * in place, so an update costs the reader neither the scroll position nor the focus.
 */
export class StatsTask<T> {
  private readonly _stable = stableQuery();
  private readonly _task: Task<readonly [StatsQuery | undefined, string], T>;
  /** The last answer: the task forgets its value when a later run fails. */
  private _last: T | undefined;

  constructor(
    host: ReactiveControllerHost,
    /** The query of the rows, and the snapshot they are read from; undefined: nothing to ask yet. */
    source: () => { query: StatsQuery | undefined; info: SnapshotInfo | undefined },
    shape: (rows: readonly StatsRow[]) => T,
  ) {
    this._task = new Task(host, {
      task: async ([query], { signal }) => shape(query ? (await fetchStats(query, signal)).rows : []),
      args: () => {
        const { query, info } = source();
        return [this._stable(query), info ? numbersKey(info) : ''] as const;
      },
      onComplete: (value) => (this._last = value),
    });
  }

  /** The rows last read, if any. */
  get value(): T | undefined {
    return this._last;
  }

  /**
   * The view of the rows last read; a status line until the first answer; an alert when the
   * latest question failed, above the numbers shown before, if any.
   */
  render(complete: (value: T) => unknown): unknown {
    const last = this._last;
    const loading = () => html`<p class="wait" role="status">${t('dash.loading')}</p>`;
    return this._task.render({
      initial: loading,
      pending: () => (last === undefined ? loading() : complete(last)),
      error: () => html`<p role="alert">${t('dash.loadFailed')}</p>${last === undefined ? '' : complete(last)}`,
      complete,
    });
  }
}
