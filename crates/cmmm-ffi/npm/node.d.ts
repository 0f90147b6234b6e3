// Node entry of the cmmm package: every export of the web entry, ready on import.
export * from "./cmmm.js";

/** Already initialised on import in Node; resolves at once (kept so code written for browsers runs unchanged). */
export default function init(): Promise<void>;
