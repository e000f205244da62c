// Vite's `?inline` import: a stylesheet's text, for a shadow root.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
