/** Vite turns a side-effect CSS import into a stylesheet linked from index.html. */
declare module '*.css' {}
