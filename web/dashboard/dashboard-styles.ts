import { css } from 'lit';

/**
 * What the dashboard's parts share: cards, headings, number tables, markers and notes.
 * Colours come from page.css; the chart colours here are checked for contrast (WCAG AA)
 * against white.
 */
export const dashboard = css`
  :host {
    --chart-ink: #0b5394;
    --chart-band: rgb(11 83 148 / 16%);
    --estimate: #6b4e00;
    --estimate-soft: #fff4d6;
  }
  .card {
    margin: 0 0 1rem;
    padding: 1.125rem 0.875rem 1.25rem;
    border-radius: 0.75rem;
    background: var(--surface);
    box-shadow: 0 1px 3px rgb(23 33 43 / 12%);
  }
  @media (min-width: 36rem) {
    .card {
      padding: 1.5rem 1.75rem 1.75rem;
    }
  }
  h2 {
    margin: 0 0 0.25rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  h3 {
    margin: 1.25rem 0 0.25rem;
    font-size: 1.0625rem;
    line-height: 1.35;
  }
  .sub {
    margin: 0 0 1rem;
    color: var(--muted);
  }
  .note {
    margin: 0.75rem 0 0;
    color: var(--muted);
    font-size: 0.9375rem;
  }
  .table-scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    font-size: 0.9375rem;
  }
  @media (max-width: 30rem) {
    table {
      font-size: 0.875rem;
    }
    /* A table wider than a phone scrolls sideways; the names stay in view. */
    tbody th[scope='row'],
    thead th:first-child {
      position: sticky;
      left: 0;
      z-index: 1;
      background: var(--surface);
      box-shadow: 1px 0 0 var(--soft-line);
    }
    th,
    td {
      padding-right: 0.3125rem;
      padding-left: 0.3125rem;
    }
  }
  caption {
    padding: 0 0 0.5rem;
    font-weight: 700;
    text-align: left;
  }
  th,
  td {
    padding: 0.5rem 0.5rem;
    border-bottom: 1px solid var(--soft-line);
    text-align: left;
    vertical-align: top;
  }
  th:first-child,
  td:first-child {
    padding-left: 0;
  }
  th:last-child,
  td:last-child {
    padding-right: 0;
  }
  thead th {
    border-bottom: 2px solid var(--line);
    white-space: normal;
    font-size: 0.875rem;
    line-height: 1.3;
    vertical-align: bottom;
  }
  .num {
    text-align: right;
    white-space: nowrap;
  }
  thead th.num {
    white-space: normal;
  }
  .range {
    display: block;
    color: var(--muted);
    font-size: 0.8125rem;
  }
  .marker {
    /* Holds its visually hidden reason: unpositioned, that would escape a scrolling table and widen the page. */
    position: relative;
    color: var(--muted);
    font-weight: 600;
    cursor: help;
  }
  .estimate-flag {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--estimate-soft);
    color: var(--estimate);
    font-size: 0.8125rem;
    font-weight: 600;
    line-height: 1.6;
    white-space: nowrap;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.25rem;
    align-items: flex-end;
    margin: 0 0 1rem;
  }
  label.select {
    display: grid;
    grid-template-columns: minmax(0, auto);
    max-width: 100%;
    gap: 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--muted);
  }
  select,
  input[type='search'] {
    max-width: 100%;
    min-height: 2.75rem;
    padding: 0.375rem 0.625rem;
    font-size: 1rem;
    font-weight: 400;
  }
  label.select select {
    min-width: 0;
  }
  details {
    margin: 0.75rem 0 0;
  }
  summary {
    width: fit-content;
    padding: 0.375rem 0;
    color: var(--primary);
    font-weight: 600;
    cursor: pointer;
  }
  summary:hover {
    text-decoration: underline;
  }
  details[open] summary {
    margin-bottom: 0.5rem;
  }
`;
