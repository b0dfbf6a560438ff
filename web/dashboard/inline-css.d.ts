// Vite's `?inline` import: a style sheet's text, for a shadow root's adopted style sheets
// (Lit's static styles), which the strict CSP (style-src 'self') allows.
declare module '*.css?inline' {
  const text: string;
  export default text;
}
