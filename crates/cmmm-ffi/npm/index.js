// Web entry of the cmmm package: the wasm-bindgen bindings (cmmm.js) with one guard added.
// A `Model` used after `free()` would reach the engine with a null handle, which wasm-bindgen
// reports as a plain `Error: null pointer passed to rust`; here it is a `CmmmError` like every
// other fault (code `invalid-argument`, location `model`), and a second `free()` does nothing.
import { Model as Bound } from "./cmmm.js";

export * from "./cmmm.js";
export { default } from "./cmmm.js";

function freed() {
  const error = new Error("invalid-argument: model: this Model was freed (free() was called); create another with new Model()");
  error.name = "CmmmError";
  error.code = "invalid-argument";
  error.location = "model";
  return error;
}

/** A loaded, validated model (see cmmm.d.ts); using it after `free()` throws a `CmmmError`. */
export class Model extends Bound {
  free() {
    if (this.__wbg_ptr) super.free();
  }
}

for (const name of Object.getOwnPropertyNames(Bound.prototype)) {
  if (name === "constructor" || name === "free" || name.startsWith("__")) continue;
  const own = Object.getOwnPropertyDescriptor(Bound.prototype, name);
  const guard = (f) => function (...args) {
    if (!this.__wbg_ptr) throw freed();
    return f.apply(this, args);
  };
  Object.defineProperty(Model.prototype, name, {
    ...own,
    ...(own.value ? { value: guard(own.value) } : {}),
    ...(own.get ? { get: guard(own.get) } : {}),
  });
}
if (Symbol.dispose) Model.prototype[Symbol.dispose] = Model.prototype.free;
