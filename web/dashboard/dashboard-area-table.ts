import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { searchKey } from '../area-search.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import { type Cell, type Estimate, fill, formatCount, renderCell } from './format.js';

/** One area in a comparison table. */
export interface TableEntry {
  code: string;
  name: string;
  href: string;
  population: number;
  reports: Cell;
  /** Reports counted in the indicator (absent when the indicator is the reports themselves). */
  count: Cell | null;
  /** The chosen measure, with its interval where it has one. */
  measure: Estimate | null;
  /** Written in place of the measure when there is none. */
  measureMarker: string;
  measureMeaning: string;
}

type SortKey = 'name' | 'population' | 'reports' | 'count' | 'measure';

const collator = () => new Intl.Collator('sl');

/**
 * A comparison of areas as a table: sortable by every column (buttons in the headers, state in
 * aria-sort), and, for municipalities, searchable by name with or without diacritics. Values
 * held back sort last in either direction.
 */
export class DashboardAreaTable extends LitElement {
  static override properties = {
    entries: { attribute: false },
    policy: { attribute: false },
    caption: {},
    countLabel: {},
    measureLabel: {},
    formatMeasure: { attribute: false },
    formatRange: { attribute: false },
    searchable: { type: Boolean },
    _sort: { state: true },
    _descending: { state: true },
    _query: { state: true },
  };
  static override styles = [
    base,
    dashboard,
    css`
      .search {
        display: grid;
        gap: 0.25rem;
        max-width: 24rem;
        margin: 0 0 0.5rem;
        font-weight: 600;
      }
      .count {
        margin: 0 0 0.75rem;
        color: var(--muted);
        font-size: 0.875rem;
      }
      th button {
        display: inline-flex;
        gap: 0.25rem;
        align-items: flex-end;
        min-height: 2.75rem;
        padding: 0.25rem 0;
        border: 0;
        background: none;
        color: var(--primary);
        font: inherit;
        font-weight: 700;
        text-align: inherit;
        cursor: pointer;
      }
      th.num button {
        justify-content: flex-end;
        margin-left: auto;
      }
      th button:hover {
        text-decoration: underline;
      }
      th svg {
        flex: none;
        width: 0.75rem;
        height: 1rem;
      }
      tbody th {
        font-weight: 600;
      }
      td.pop {
        color: var(--muted);
      }
      .empty {
        padding: 1rem 0;
        color: var(--muted);
      }
    `,
  ];

  /** The areas to list. */
  declare entries: readonly TableEntry[];
  declare policy: ReleasePolicy | undefined;
  /** The table's caption: what it compares, when. */
  declare caption: string;
  /** The header of the indicator's count column; empty: no such column. */
  declare countLabel: string;
  /** The header of the measure column. */
  declare measureLabel: string;
  declare formatMeasure: (n: number) => string;
  declare formatRange: (low: number, high: number) => string;
  /** Whether to offer a search box. */
  declare searchable: boolean;
  private declare _sort: SortKey;
  private declare _descending: boolean;
  private declare _query: string;

  constructor() {
    super();
    this.entries = [];
    this.caption = '';
    this.countLabel = '';
    this.measureLabel = '';
    this.formatMeasure = formatCount;
    this.formatRange = (low, high) => `${formatCount(low)}–${formatCount(high)}`;
    this.searchable = false;
    this._sort = 'name';
    this._descending = false;
    this._query = '';
    updateWhenLocaleChanges(this);
  }

  private _key(entry: TableEntry, key: SortKey): number | string | null {
    switch (key) {
      case 'name':
        return entry.name;
      case 'population':
        return entry.population;
      case 'reports':
        return entry.reports.value;
      case 'count':
        return entry.count?.value ?? null;
      case 'measure':
        return entry.measure?.value ?? null;
    }
  }

  private _rows(): TableEntry[] {
    const query = searchKey(this._query);
    const shown = query ? this.entries.filter((e) => searchKey(e.name).includes(query)) : [...this.entries];
    const compareNames = collator().compare;
    const sign = this._descending ? -1 : 1;
    return shown.sort((a, b) => {
      const x = this._key(a, this._sort);
      const y = this._key(b, this._sort);
      if (x === null || y === null) return x === y ? compareNames(a.name, b.name) : x === null ? 1 : -1;
      const order = typeof x === 'string' ? compareNames(x, y as string) : x - (y as number);
      return sign * order || compareNames(a.name, b.name);
    });
  }

  override render() {
    const policy = this.policy;
    if (!policy) return nothing;
    const rows = this._rows();
    return html`${this.searchable
        ? html`<label class="search">
              ${t('dash.table.search')}
              <input type="search" autocomplete="off" spellcheck="false" .value=${this._query} @input=${this._onSearch} />
            </label>
            <p class="count" role="status">${fill('dash.table.shown', { n: rows.length, total: this.entries.length })}</p>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${this.caption}>
        <table>
          <caption class="visually-hidden">${this.caption}</caption>
          <thead>
            <tr>
              ${this._header('name', t('dash.col.area'), false)} ${this._header('population', t('dash.col.population'), true)}
              ${this._header('reports', t('dash.col.reports'), true)}
              ${this.countLabel ? this._header('count', this.countLabel, true) : nothing}
              ${this._header('measure', this.measureLabel, true)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (e) => html`<tr data-code=${e.code}>
                <th scope="row"><a href=${e.href}>${e.name}</a></th>
                <td class="num pop" data-field="population">${formatCount(e.population)}</td>
                <td class="num" data-field="reports">${renderCell(e.reports, policy)}</td>
                ${e.count && this.countLabel ? html`<td class="num" data-field="count">${renderCell(e.count, policy)}</td>` : nothing}
                <td class="num" data-field="measure">
                  ${e.measure
                    ? html`${this.formatMeasure(e.measure.value)}${e.measure.low !== e.measure.high
                        ? html`<span class="range">${this.formatRange(e.measure.low, e.measure.high)}</span>`
                        : nothing}`
                    : html`<span class="marker" title=${e.measureMeaning}>${e.measureMarker}</span>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${rows.length === 0 ? html`<p class="empty">${t('dash.table.noMatch')}</p>` : nothing}
      </div>`;
  }

  private _header(key: SortKey, label: string, numeric: boolean) {
    const sorted = this._sort === key;
    const sort = sorted ? (this._descending ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${sort}>
      <button type="button" @click=${() => this._onSort(key, numeric)}>
        <span>${label}</span>
        <svg viewBox="0 0 12 16" aria-hidden="true">
          <path d="M6 1 10 6H2z" fill=${sorted && !this._descending ? 'currentColor' : '#b8c2cc'} />
          <path d="M6 15 2 10h8z" fill=${sorted && this._descending ? 'currentColor' : '#b8c2cc'} />
        </svg>
      </button>
    </th>`;
  }

  private _onSort(key: SortKey, numeric: boolean) {
    if (this._sort === key) this._descending = !this._descending;
    else {
      this._sort = key;
      // Numbers are most telling largest first; names read A to Z.
      this._descending = numeric;
    }
  }

  private _onSearch(event: Event) {
    this._query = (event.target as HTMLInputElement).value;
  }
}

customElements.define('dashboard-area-table', DashboardAreaTable);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-area-table': DashboardAreaTable;
  }
}
