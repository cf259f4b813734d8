/** Replaced at build time with the package version. */
declare const __CANCELFLOW_VERSION__: string;

declare module '*.css?inline' {
  const css: string;
  export default css;
}
