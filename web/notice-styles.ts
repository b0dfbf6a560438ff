import { css } from 'lit';

/** The notice text from dpia/, as rendered markdown. */
export const noticeText = css`
  .notice h2,
  .notice h3 {
    margin: 1.75rem 0 0.5rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  .notice p,
  .notice ul,
  .notice ol {
    margin: 0 0 1rem;
  }
  .notice ul,
  .notice ol {
    padding-left: 1.5rem;
  }
  .notice li {
    margin: 0 0 0.375rem;
  }
`;
