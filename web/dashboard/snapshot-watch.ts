import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchSnapshot, type SnapshotInfo } from './stats-client.js';

/**
 * How often an open page asks whether a new snapshot is out: the service's default release
 * interval (RELEASE_INTERVAL_S, 300 s). The snapshot does not say the interval it is released
 * at, so this is the default's; asking more often would only hear 304s.
 */
const CHECK_EVERY_MS = 300_000;

/**
 * Keeps a page on the latest snapshot: asks for it once on connect, then every CHECK_EVERY_MS
 * with the last ETag (If-None-Match), so an unchanged snapshot costs a 304 and no body. It stops
 * asking while the tab is hidden and asks at once when the tab is shown again, if a check is
 * due. A new snapshot updates `info` and the host; the views then ask for their rows again,
 * where the numbers changed, and update them in place.
 */
export class SnapshotWatch implements ReactiveController {
  /** The latest snapshot seen; undefined until the first answer. */
  info: SnapshotInfo | undefined;
  /** The first check failed: nothing can be shown. Later failures keep the numbers shown and try again. */
  failed = false;

  private _etag: string | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _abort: AbortController | undefined;
  /** When the last check was sent (Date.now()). */
  private _checkedAt = 0;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this._onVisibility);
    void this._check();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this._onVisibility);
    clearTimeout(this._timer);
    this._abort?.abort();
  }

  private readonly _onVisibility = () => {
    clearTimeout(this._timer);
    if (document.hidden) return;
    const due = this._checkedAt + CHECK_EVERY_MS - Date.now();
    if (due <= 0) void this._check();
    else this._schedule(due);
  };

  private _schedule(delay: number) {
    clearTimeout(this._timer);
    if (!document.hidden) this._timer = setTimeout(() => void this._check(), delay);
  }

  private async _check() {
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    this._checkedAt = Date.now();
    // The next check is due an interval after this one starts, however long this one takes.
    this._schedule(CHECK_EVERY_MS);
    try {
      const answer = await fetchSnapshot(this._etag, abort.signal);
      if (answer) {
        this._etag = answer.etag;
        this.info = answer.info;
      }
      this.failed = false;
    } catch {
      if (abort.signal.aborted) return;
      this.failed = this.info === undefined;
    }
    this._host.requestUpdate();
  }
}
