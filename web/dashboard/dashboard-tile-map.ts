import { css, html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaseElement } from '../base-element.js';
import { intlLocale } from '../localization.js';
import { t } from '../messages.js';
import { base } from '../styles.js';
import { tickLabels } from './axis-ticks.js';
import { CLASS_FILLS, CLASS_TEXT, classBreaks, classOf, MISSING_FILL, readingOrder, tilesFor } from './tiles.js';

/** A region on the map: its value in the chosen measure, or the text shown instead. */
export interface MapEntry {
  code: string;
  name: string;
  value: number | null;
  /** The value as written, or a dash. */
  text: string;
  /** Why there is no value, when there is none. */
  meaning: string;
  href: string;
}

const TILE = 100;
const GAP = 4;
/** Room a line of text leaves on each side of its tile. */
const INSET = 5;
const NAME_SIZE = 17;
const NAME_LINE = 18;
const VALUE_SIZE = 22;
/** Below this width (in CSS pixels) the tiles are packed into fewer columns, so names stay at least 12 px. */
const NARROW = 480;

/**
 * A line of a name as drawn: the whole name's words, so its text is the name (what a screen
 * reader and speech input use); a word broken across lines is drawn without a hyphen.
 */
function lineText(line: string, last: boolean): string {
  if (line.endsWith('\u00ad')) return line.slice(0, -1);
  return last || line.endsWith('-') ? line : `${line} `;
}

/**
 * The regions as a schematic tile map: one square per region, placed as in the country, coloured
 * by the chosen measure in four classes, with the value written on each tile and a legend. Each
 * tile is a link to the region's page, in reading order for the tab key. No map service:
 * everything is drawn here.
 */
export class DashboardTileMap extends BaseElement {
  static override styles = [
    base,
    css`
      svg.map {
        display: block;
        width: 100%;
        max-width: 34rem;
        height: auto;
        margin: 0 auto;
        overflow: visible;
      }
      .tile rect.fill {
        stroke: #66727f;
        stroke-width: 1;
      }
      .tile:hover rect.fill {
        stroke: #17212b;
        stroke-width: 3;
      }
      .tile:focus {
        outline: none;
      }
      /* Two rings, light outside dark: one of them stands out on every fill. */
      .ring {
        display: none;
        fill: none;
        pointer-events: none;
      }
      .tile:focus-visible .ring {
        display: inline;
      }
      .ring.outer {
        stroke: #ffffff;
        stroke-width: 9;
      }
      .ring.inner {
        stroke: #17212b;
        stroke-width: 4;
      }
      text {
        font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
        font-variant-numeric: tabular-nums;
      }
      .value {
        font-weight: 700;
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
  @property({ attribute: false }) entries: readonly MapEntry[] = [];
  /** What the colours show, for the legend and the map's name. */
  @property() label = '';
  /** Whether the values are counts or shares, for the legend's class boundaries. */
  @property() kind: 'count' | 'percent' = 'count';
  /** Whether the map is drawn for a narrow screen (rows packed to the left). */
  @state() private _narrow = false;

  private readonly _resize = new ResizeObserver(([entry]) => {
    const width = entry?.contentRect.width ?? 0;
    if (width > 0) this._narrow = width < NARROW;
  });

  override connectedCallback() {
    super.connectedCallback();
    this._resize.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  override render() {
    const tiles = tilesFor(this.entries, this._narrow);
    const byCode = new Map(this.entries.map((e) => [e.code, e]));
    const cols = Math.max(...[...tiles.values()].map((tile) => tile.col)) + 1;
    const rows = Math.max(...[...tiles.values()].map((tile) => tile.row)) + 1;
    const values = this.entries.flatMap((e) => (e.value === null ? [] : [e.value]));
    const breaks = classBreaks(values);
    const bounds = tickLabels(breaks, intlLocale(), this.kind);
    const width = cols * TILE + (cols - 1) * GAP;
    const height = rows * TILE + (rows - 1) * GAP;
    return html`<svg class="map" viewBox="0 0 ${width} ${height}" role="group" aria-label=${`${t('dash.map.title')}: ${this.label}`}>
        ${readingOrder(tiles).map((code) => {
          const entry = byCode.get(code)!;
          const tile = tiles.get(code)!;
          const x = tile.col * (TILE + GAP);
          const y = tile.row * (TILE + GAP);
          const k = entry.value === null ? -1 : classOf(entry.value, breaks);
          const fill = k < 0 ? MISSING_FILL : CLASS_FILLS[k]!;
          const ink = k < 0 ? '#4a5563' : CLASS_TEXT[k]!;
          // Names sit in the upper part of the tile, a line every NAME_LINE units; the value at the bottom.
          const nameTop = 28 + ((3 - tile.lines.length) * NAME_LINE) / 2;
          const spoken = entry.value === null ? `${entry.name}: ${entry.meaning}` : `${entry.name}: ${entry.text}`;
          return svg`<a class="tile" href=${entry.href} aria-label=${spoken} data-code=${entry.code}>
            <rect class="fill" x=${x} y=${y} width=${TILE} height=${TILE} rx="8" fill=${fill} stroke-dasharray=${k < 0 ? '5 4' : 'none'} />
            <text class="name" x=${x + TILE / 2} y=${y + nameTop} text-anchor="middle" fill=${ink} font-size=${NAME_SIZE}>${tile.lines.map(
              (line, i) => svg`<tspan x=${x + TILE / 2} dy=${i === 0 ? 0 : NAME_LINE}>${lineText(line, i === tile.lines.length - 1)}</tspan>`,
            )}</text>
            <text class="value" x=${x + TILE / 2} y=${y + 88} text-anchor="middle" fill=${ink} font-size=${VALUE_SIZE}>${entry.text}</text>
            <rect class="ring outer" x=${x + 3} y=${y + 3} width=${TILE - 6} height=${TILE - 6} rx="6" />
            <rect class="ring inner" x=${x + 3} y=${y + 3} width=${TILE - 6} height=${TILE - 6} rx="6" />
          </a>`;
        })}
      </svg>
      <p class="legend-title" aria-hidden="true">${this.label}</p>
      <ul class="legend" aria-label=${t('dash.map.legend')}>
        ${values.length === 0
          ? nothing
          : CLASS_FILLS.map(
              (fill, i) => html`<li>
                <svg viewBox="0 0 18 14" aria-hidden="true"><rect x="0.5" y="0.5" width="17" height="13" rx="2" fill=${fill} stroke="#66727f" /></svg
                >${bounds[i]}–${bounds[i + 1]}
              </li>`,
            )}
        <li>
          <svg viewBox="0 0 18 14" aria-hidden="true">
            <rect x="0.5" y="0.5" width="17" height="13" rx="2" fill=${MISSING_FILL} stroke="#66727f" stroke-dasharray="3 2" /></svg
          >${t('dash.map.missing')}
        </li>
      </ul>`;
  }

  /** Shrinks any text wider than its tile (a long name, a large value) until it fits. */
  protected override updated() {
    for (const text of this.renderRoot.querySelectorAll<SVGTextElement>('text')) {
      const size = text.classList.contains('value') ? VALUE_SIZE : NAME_SIZE;
      text.setAttribute('font-size', String(size));
      const lines = Array.from(text.querySelectorAll('tspan'));
      const widest = lines.length > 0 ? Math.max(...lines.map((line) => line.getComputedTextLength())) : text.getComputedTextLength();
      const room = TILE - 2 * INSET;
      if (widest > room) text.setAttribute('font-size', (size * room / widest).toFixed(2));
    }
  }
}

customElements.define('dashboard-tile-map', DashboardTileMap);

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-tile-map': DashboardTileMap;
  }
}
