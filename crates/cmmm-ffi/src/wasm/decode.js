// The JavaScript half of src/wasm/objects.rs: rebuilds a value from its tape (the token format
// is described there). Objects whose keys are those of a literal shape of shapes.js are built
// as that object literal, so V8 gives them their final hidden class at once; any other object
// gets its properties one by one.
import { literals } from "./shapes.js";

const utf8 = new TextDecoder();
const words = new Uint32Array(2);
const float = new Float64Array(words.buffer);
// The string table, kept from one value to the next; the tape being read and where.
const table = [];
let tape, p;

// The next value; a string or a whole number (most values of a literal's properties) at once.
function next() {
  const token = tape[p];
  if (token === 5) {
    p += 2;
    return table[tape[p - 1]];
  }
  if (token === 3) {
    p += 2;
    return tape[p - 1];
  }
  return value();
}

function value() {
  switch (tape[p++]) {
    case 0: return null;
    case 1: return true;
    case 2: return false;
    case 3: return tape[p++];
    case 4: words[0] = tape[p++]; words[1] = tape[p++]; return float[0];
    case 5: return table[tape[p++]];
    case 6: {
      const n = tape[p++];
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = value();
      return a;
    }
    case 7: {
      const n = tape[p++];
      const values = new Array(n);
      for (let i = 0; i < n; i++) values[i] = value();
      const o = {};
      for (let i = 0; i < n; i++) {
        const k = tape[p++];
        if (k < 0x80000000) {
          o[table[k]] = values[i];
        } else {
          Object.defineProperty(o, table[k & 0x7fffffff],
            { value: values[i], writable: true, enumerable: true, configurable: true });
        }
      }
      return o;
    }
    case 8: return literals[tape[p++]](next);
    default: throw new Error("cmmm: corrupt value tape");
  }
}

/**
 * The value of a tape, after adding strings `base`… to the table (`base` 0: a new table). The
 * table outlives the value: the next one only sends the strings it adds. `ascii` and `other`
 * are their UTF-8 bytes back to back, `lens` their lengths in UTF-16 code units, the top bit
 * set for those in `other`.
 */
export function decode(t, ascii, other, lens, base) {
  // The table holds `base` strings, or more when a value failed to decode after adding its
  // strings (they come again); fewer would be a bug.
  if (base > table.length) throw new Error("cmmm: string table out of step");
  table.length = base;
  const a = ascii.length === 0 ? "" : utf8.decode(ascii);
  const o = other.length === 0 ? "" : utf8.decode(other);
  for (let i = 0, at = 0, ot = 0; i < lens.length; i++) {
    const n = lens[i];
    if (n < 0x80000000) {
      table.push(a.slice(at, at + n));
      at += n;
    } else {
      table.push(o.slice(ot, ot + (n & 0x7fffffff)));
      ot += n & 0x7fffffff;
    }
  }
  tape = t;
  p = 0;
  try {
    return value();
  } finally {
    tape = undefined;
  }
}
