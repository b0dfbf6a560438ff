import { updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { CLASS_FILLS, CLASS_TEXT, classBreaks, classOf, MISSING_FILL, tilesFor } from './tiles.js';

/** A region on the map: its value in the chosen measure, or the text shown instead. */
export interface MapEntry {
  code: string;
  name: string;
  value: number | null;
  /** The value as written (or its marker). */
  text: string;
  href: string;
}

const TILE = 100;

/**
 * A line of a name as drawn: the whole name's words, so its text is the name (what a screen
 * reader and speech input use); a word broken across lines is drawn without a hyphen.
 */
function lineText(line: string, last: boolean): string {
  if (line.endsWith('\u00ad')) return line.slice(0, -1);
  return last || line.endsWith('-') ? line : `${line} `;
}
const GAP = 4;

/**
 * The regions as a schematic tile map: one square per region, placed as in the country, coloured
 * by the chosen measure in four classes, with the value written on each tile and a legend. Each
 * tile is a link to the region's page. No map service: everything is drawn here.
 */
export class DashboardTileMap extends LitElement {
  static override properties = {
    entries: { attribute: false },
    label: {},
    format: { attribute: false },
  };
  static override styles = [
    base,
    css`
      svg.map {
        display: block;
        width: 100%;
        max-width: 32rem;
        height: auto;
        margin: 0 auto;
      }
      .tile rect {
        stroke: #66727f;
        stroke-width: 1;
      }
      .tile:hover rect,
      .tile:focus rect {
        stroke: #17212b;
        stroke-width: 3;
      }
      .tile:focus {
        outline: none;
      }
      .tile:focus-visible rect {
        stroke: #17212b;
        stroke-width: 5;
      }
      .name {
        font-size: 17px;
      }
      .value {
        font-size: 23px;
        font-weight: 700;
      }
      text {
        font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
        font-variant-numeric: tabular-nums;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 0.25rem 1rem;
        margin: 0.75rem 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.8125rem;
        font-variant-numeric: tabular-nums;
      }
      .legend-title {
        margin: 0.75rem 0 0;
        text-align: center;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .legend svg {
        width: 1.125rem;
        height: 0.875rem;
        margin-right: 0.25rem;
        vertical-align: -0.125rem;
      }
    `,
  ];

  /** The regions with their values. */
  declare entries: readonly MapEntry[];
  /** What the colours show, for the legend and the map's name. */
  declare label: string;
  /** How the legend writes a class boundary. */
  declare format: (n: number) => string;

  constructor() {
    super();
    this.entries = [];
    this.label = '';
    this.format = String;
    updateWhenLocaleChanges(this);
  }

  override render() {
    const tiles = tilesFor(this.entries);
    const cols = Math.max(...[...tiles.values()].map((tile) => tile.col)) + 1;
    const rows = Math.max(...[...tiles.values()].map((tile) => tile.row)) + 1;
    const breaks = classBreaks(this.entries.flatMap((e) => (e.value === null ? [] : [e.value])));
    const width = cols * TILE + (cols - 1) * GAP;
    const height = rows * TILE + (rows - 1) * GAP;
    return html`<svg class="map" viewBox="0 0 ${width} ${height}" role="group" aria-label=${`${t('dash.map.title')}: ${this.label}`}>
        ${this.entries.map((entry) => {
          const tile = tiles.get(entry.code)!;
          const x = tile.col * (TILE + GAP);
          const y = tile.row * (TILE + GAP);
          const k = entry.value === null ? -1 : classOf(entry.value, breaks);
          const fill = k < 0 ? MISSING_FILL : CLASS_FILLS[k]!;
          const ink = k < 0 ? '#4a5563' : CLASS_TEXT[k]!;
          // Names sit in the upper part of the tile, a line every 17 units; the value at the bottom.
          const nameTop = [0, 38, 30, 22][tile.lines.length] ?? 22;
          return svg`<a class="tile" href=${entry.href} aria-label=${`${entry.name}: ${entry.text}`} data-code=${entry.code}>
            <rect x=${x} y=${y} width=${TILE} height=${TILE} rx="8" fill=${fill} stroke-dasharray=${k < 0 ? '5 4' : 'none'} />
            <text class="name" x=${x + TILE / 2} y=${y + nameTop} text-anchor="middle" fill=${ink}>${tile.lines.map(
              (line, i) => svg`<tspan x=${x + TILE / 2} dy=${i === 0 ? 0 : 17}>${lineText(line, i === tile.lines.length - 1)}</tspan>`,
            )}</text>
            <text class="value" x=${x + TILE / 2} y=${y + 88} text-anchor="middle" fill=${ink}>${entry.text}</text>
          </a>`;
        })}
      </svg>
      <p class="legend-title" aria-hidden="true">${this.label}</p>
      <ul class="legend" aria-label=${t('dash.map.legend')}>
        ${CLASS_FILLS.map(
          (fill, i) => html`<li>
            <svg viewBox="0 0 18 14" aria-hidden="true"><rect x="0.5" y="0.5" width="17" height="13" rx="2" fill=${fill} stroke="#66727f" /></svg
            >${this.format(breaks[i]!)}–${this.format(breaks[i + 1]!)}
          </li>`,
        )}
        <li>
          <svg viewBox="0 0 18 14" aria-hidden="true">
            <rect x="0.5" y="0.5" width="17" height="13" rx="2" fill=${MISSING_FILL} stroke="#66727f" stroke-dasharray="3 2" /></svg
          >${t('dash.map.missing')}
        </li>
      </ul>`;
  }
}

customElements.define('dashboard-tile-map', DashboardTileMap);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-tile-map': DashboardTileMap;
  }
}
