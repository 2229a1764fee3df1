// Only what the web app needs from Vite's client types, so the server's typecheck stays unaffected.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
