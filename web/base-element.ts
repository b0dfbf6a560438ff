import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement } from 'lit';

/**
 * What every element of the pages shares (as Shoelace's elements share ShoelaceElement): it
 * renders again when the interface language changes, and `emit` sends its events up to the
 * element that owns the state.
 */
export class BaseElement extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * Sends an event up, out of the shadow roots it is in: the state lives in the page's top
   * element, so an event must reach it from any depth.
   */
  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { bubbles: true, composed: true, detail }));
  }
}
