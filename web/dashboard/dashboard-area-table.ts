import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ReleasePolicy } from '../../aggregator/release-policy.js';
import { searchKey } from '../area-search.js';
import { BaseElement } from '../base-element.js';
import { t } from '../messages.js';
import { plural } from '../plural.js';
import { base } from '../styles.js';
import { dashboard } from './dashboard-styles.js';
import { type Cell, type Estimate, formatCount, renderCount, renderNoValue, renderRange } from './format.js';
import type { Region } from './stats-client.js';

/** One area in a comparison table. */
export interface TableEntry {
  code: string;
  name: string;
  href: string;
  population: number;
  /** A municipality's region code. */
  region?: string;
  reports: Cell;
  /** Reports counted in the indicator (absent when the indicator is the reports themselves). */
  count: Cell | null;
  /** The chosen measure, with its interval where it has one. */
  measure: Estimate | null;
  /** Why there is no measure, when there is none. */
  missingMeaning: string;
}

type SortKey = 'name' | 'population' | 'reports' | 'count' | 'measure';

/** Rows shown at first and added by each "show more": a list of 212 stays a few screens long. */
const PAGE = 25;

const collator = () => new Intl.Collator('sl');

/**
 * A comparison of areas as a table: sortable by every column (buttons in the headers, state in
 * aria-sort), shown 25 rows at a time, and for municipalities searchable by name (with or
 * without diacritics) and by region. Values held back sort last in either direction. On a
 * phone the population and the indicator's count move under the name and the reports, so the
 * key columns fit without sideways scrolling.
 */
export class DashboardAreaTable extends BaseElement {
  static override styles = [
    base,
    dashboard,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: flex-end;
        margin: 0 0 0.5rem;
      }
      .search {
        display: grid;
        gap: 0.25rem;
        width: min(100%, 22rem);
        font-weight: 600;
      }
      .count {
        margin: 0 0 0.75rem;
        color: var(--muted);
        font-size: 0.875rem;
      }
      /* A link-button (styles.ts) that holds the sort arrow beside its words. */
      th .link-button {
        display: inline-flex;
        gap: 0.25rem;
        align-items: flex-end;
        font-weight: 700;
        text-align: inherit;
        text-decoration: none;
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
      td.pop,
      .stacked {
        color: var(--muted);
      }
      .stacked {
        display: none;
        font-size: 0.8125rem;
        font-weight: 400;
      }
      .more {
        margin: 0.75rem 0 0;
      }
      .empty {
        padding: 1rem 0;
        color: var(--muted);
      }
      /* A phone: three key columns of fixed shares, which wrap rather than scroll; the population
         and the indicator's count stack under them. */
      @media (max-width: 30rem) {
        table {
          table-layout: fixed;
        }
        thead th:first-child {
          width: 46%;
        }
        thead th[data-column='reports'] {
          width: 24%;
        }
        thead th {
          font-size: 0.8125rem;
        }
        /* The sort arrows under the header's words, which then have the column's whole width. */
        th button {
          flex-direction: column;
          align-items: flex-start;
        }
        th.num button {
          align-items: flex-end;
        }
        tbody th {
          font-weight: 400;
        }
        .wide {
          display: none;
        }
        .stacked {
          display: block;
        }
        .stacked,
        .range {
          white-space: normal;
        }
        .phrase {
          white-space: nowrap;
        }
        th,
        td {
          overflow-wrap: break-word;
        }
        tbody th[scope='row'],
        thead th:first-child {
          position: static;
          box-shadow: none;
        }
      }
    `,
  ];

  /** The areas to list. */
  @property({ attribute: false }) entries: readonly TableEntry[] = [];
  /** The regions the areas belong to, to narrow the list to one (searchable tables). */
  @property({ attribute: false }) regions: readonly Region[] = [];
  @property({ attribute: false }) policy: ReleasePolicy | undefined;
  /** The table's caption: what it compares, when. */
  @property() caption = '';
  /** The header of the indicator's count column; empty: no such column. */
  @property() countLabel = '';
  /** The header of the measure column; empty: no such column (the measure is the reports). */
  @property() measureLabel = '';
  @property({ attribute: false }) formatMeasure: (n: number) => string = formatCount;
  @property({ attribute: false }) formatRange: (low: number, high: number) => string = (low, high) => `${formatCount(low)}–${formatCount(high)}`;
  /** Whether to offer a search box (and a region filter, where regions are given). */
  @property({ type: Boolean }) searchable = false;
  @state() private _sort: SortKey = 'name';
  @state() private _descending = false;
  @state() private _query = '';
  /** The region the list is narrowed to; empty: every region. */
  @state() private _region = '';
  /** How many rows are shown. */
  @state() private _shown = PAGE;

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

  /** The entries that pass the search and the region filter, sorted. */
  private _rows(): TableEntry[] {
    const query = searchKey(this._query);
    const shown = this.entries.filter((e) => (!query || searchKey(e.name).includes(query)) && (!this._region || e.region === this._region));
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
    const visible = rows.slice(0, this._shown);
    const hasCount = this.countLabel !== '';
    return html`${this.searchable ? this._renderFilters() : nothing}
      ${rows.length > PAGE || this.searchable
        ? html`<p class="count" role="status">${t('dash.table.shown', { n: visible.length, total: rows.length })}</p>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${this.caption}>
        <table>
          <caption class="visually-hidden">${this.caption}</caption>
          <thead>
            <tr>
              ${this._header('name', t('dash.col.area'), false)} ${this._header('population', t('dash.col.population'), true, 'wide')}
              ${this._header('reports', t('dash.col.reports'), true)}
              ${hasCount ? this._header('count', this.countLabel, true, 'wide') : nothing}
              ${this.measureLabel ? this._header('measure', this.measureLabel, true) : nothing}
            </tr>
          </thead>
          <tbody>
            ${visible.map(
              (e) => html`<tr data-code=${e.code}>
                <th scope="row">
                  <a href=${e.href}>${e.name}</a>
                  <span class="stacked">${plural('dash.table.population', e.population)}</span>
                </th>
                <td class="num pop wide" data-field="population">${formatCount(e.population)}</td>
                <td class="num" data-field="reports">
                  ${renderCount(e.reports, policy)}
                  ${hasCount && e.count
                    ? html`<span class="stacked"><span class="phrase">${t('dash.table.ofWhich')}</span> ${renderCount(e.count, policy)}</span>`
                    : nothing}
                </td>
                ${hasCount && e.count ? html`<td class="num wide" data-field="count">${renderCount(e.count, policy)}</td>` : nothing}
                ${this.measureLabel
                  ? html`<td class="num" data-field="measure">
                      ${e.measure ? html`${this.formatMeasure(e.measure.value)}${renderRange(e.measure, this.formatRange)}` : renderNoValue(e.missingMeaning)}
                    </td>`
                  : nothing}
              </tr>`,
            )}
          </tbody>
        </table>
        ${rows.length === 0 ? html`<p class="empty">${t('dash.table.noMatch')}</p>` : nothing}
      </div>
      ${rows.length > visible.length
        ? html`<p class="more">
            <button type="button" class="button secondary" @click=${() => (this._shown += PAGE)}>
              ${plural('dash.table.more', Math.min(PAGE, rows.length - visible.length))}
            </button>
          </p>`
        : nothing}`;
  }

  private _renderFilters() {
    return html`<div class="filters">
      <label class="search">
        ${t('dash.table.search')}
        <input type="search" autocomplete="off" spellcheck="false" .value=${this._query} @input=${this._onSearch} />
      </label>
      ${this.regions.length > 1
        ? html`<label class="select">
            ${t('dash.table.region')}
            <select @change=${this._onRegion}>
              <option value="" ?selected=${this._region === ''}>${t('dash.table.allRegions')}</option>
              ${this.regions.map((r) => html`<option .value=${r.code} ?selected=${this._region === r.code}>${r.name}</option>`)}
            </select>
          </label>`
        : nothing}
    </div>`;
  }

  private _header(key: SortKey, label: string, numeric: boolean, extra = '') {
    const sorted = this._sort === key;
    const sort = sorted ? (this._descending ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" class="${numeric ? 'num' : ''} ${extra}" data-column=${key} aria-sort=${sort}>
      <button type="button" class="link-button" @click=${() => this._onSort(key, numeric)}>
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
    this._shown = PAGE;
  }

  private _onRegion(event: Event) {
    this._region = (event.target as HTMLSelectElement).value;
    this._shown = PAGE;
  }
}

customElements.define('dashboard-area-table', DashboardAreaTable);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-area-table': DashboardAreaTable;
  }
}
