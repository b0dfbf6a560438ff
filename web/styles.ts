import { css } from 'lit';

/** What every component shares: box model, focus, links, buttons and hidden text. */
export const base = css`
  :host {
    display: block;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* Text fields and selects look alike on every page; each sets its own size. Without
     specificity, so a component's own rules (an invalid field's border) win. */
  :where(input:not([type='checkbox'], [type='radio']), select) {
    border: 2px solid var(--line);
    border-radius: var(--radius);
    background: var(--surface);
    color: var(--ink);
    font: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  a {
    color: var(--primary);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.15em;
  }
  a:hover {
    color: var(--primary-dark);
    text-decoration-thickness: 2px;
  }
  p {
    margin: 0 0 1rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 3rem;
    padding: 0.625rem 1.25rem;
    border: 2px solid var(--primary);
    border-radius: var(--radius);
    background: var(--primary);
    color: #fff;
    font: inherit;
    font-weight: 600;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    background: var(--primary-dark);
    border-color: var(--primary-dark);
    color: #fff;
  }
  .button[disabled] {
    cursor: progress;
    opacity: 0.8;
  }
  .button.secondary {
    background: var(--surface);
    color: var(--primary);
  }
  .button.secondary:hover {
    background: var(--primary-soft);
    color: var(--primary-dark);
  }
  /* An action in the flow of text: it looks like a link but does not leave the page. */
  .link-button {
    min-height: 2.75rem;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--primary);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** A question: its fieldset or label, hint, error and answer options. */
export const question = css`
  :host {
    margin: 0 0 1.5rem;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend,
  .label {
    display: block;
    padding: 0;
    margin: 0 0 0.25rem;
    font-size: 1.125rem;
    font-weight: 700;
    line-height: 1.35;
  }
  .hint {
    margin: 0 0 0.5rem;
    color: var(--muted);
  }
  .error {
    margin: 0 0 0.5rem;
    color: var(--error);
    font-weight: 700;
  }
  .invalid {
    padding-left: 0.875rem;
    border-left: 4px solid var(--error);
  }
  /* Two columns wherever two fit (not at 320 px, nor with large text): the whole form stays
     within a few screens on a phone. */
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(max(9.25rem, calc(50% - 0.25rem)), 1fr));
    gap: 0.375rem;
    margin-top: 0.5rem;
  }
  .options > .or,
  .options > .none {
    grid-column: 1 / -1;
  }
  .option {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    /* 44 px tall with one line of text: a comfortable target, and the form stays short on a phone. */
    padding: 0.5625rem 0.625rem;
    border: 1px solid var(--soft-line);
    border-radius: var(--radius);
    background: var(--surface);
    cursor: pointer;
  }
  .option:hover {
    border-color: var(--line);
  }
  .option:has(input:checked) {
    border-color: var(--primary);
    background: var(--primary-soft);
  }
  .option input {
    flex: none;
    width: 1.375rem;
    height: 1.375rem;
    margin: 0.05rem 0 0;
    accent-color: var(--primary);
  }
  .or {
    margin: 0;
    color: var(--muted);
  }
`;
