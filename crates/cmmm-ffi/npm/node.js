// Node entry of the cmmm package: the same WebAssembly module and bindings as the web entry
// (index.js over cmmm.js), instantiated synchronously from the file next to this one, so every export is
// ready on import. `init()` is kept, as a no-op, so code written for both hosts runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "./cmmm.js";

initSync({ module: readFileSync(new URL("./cmmm_bg.wasm", import.meta.url)) });

export * from "./index.js";

/** Already initialised on import in Node; resolves at once. */
export default async function init() {}
