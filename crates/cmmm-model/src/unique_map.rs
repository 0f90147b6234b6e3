//! A JSON object that rejects duplicate keys instead of silently keeping the last one.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use compact_str::CompactString;
use schemars::JsonSchema;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ordered map read from a JSON object; a repeated key is a deserialization error naming
/// the key. Order of insertion is kept, so a file written back keeps its order. Keys are
/// [`CompactString`]s: ids up to 24 bytes (all of the default model's) take no allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UniqueMap<V> {
    entries: Vec<(CompactString, V)>,
}

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap {
            entries: Vec::new(),
        }
    }
}

impl<V> UniqueMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key`; returns the value back if the key is already present.
    pub fn insert(&mut self, key: impl AsRef<str>, value: V) -> Result<(), V> {
        let key = key.as_ref();
        if self.get(key).is_some() {
            return Err(value);
        }
        self.entries.push((key.into(), value));
        Ok(())
    }

    /// The value of `key`. Linear in the size of the map; callers that look up many keys
    /// build their own index.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Mutable entries in insertion order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut V)> {
        self.entries.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    /// Keeps the entries `keep` says, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &V) -> bool) {
        self.entries.retain(|(k, v)| keep(k, v));
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<K: AsRef<str>, V> FromIterator<(K, V)> for UniqueMap<V> {
    /// Later duplicates are dropped; use [`UniqueMap::insert`] to detect them. Linear in
    /// the number of entries whatever the keys (a std hash set, which resists flooding).
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut entries = Vec::new();
        for (k, v) in iter {
            let k = CompactString::from(k.as_ref());
            if seen.insert(k.clone()) {
                entries.push((k, v));
            }
        }
        UniqueMap { entries }
    }
}

impl<V: Serialize> Serialize for UniqueMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.entries.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = UniqueMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with unique keys")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                use std::hash::BuildHasher;
                type Seen = HashSet<u64, std::hash::BuildHasherDefault<Spread>>;
                thread_local! {
                    /// Key hashes of the map being read; reused so that reading many maps
                    /// (a batch of assessments) does not allocate and grow a set each time.
                    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
                    /// The key hasher, seeded at random once per thread, so keys cannot be
                    /// chosen to collide.
                    static KEYS: foldhash::fast::RandomState = foldhash::fast::RandomState::default();
                    /// Length of the last map read on this thread. JSON does not tell a
                    /// map's length up front, and a batch reads many maps of similar lengths
                    /// (the ratings of assessments of one model, some with a sub-domain or
                    /// two fewer), so the next map starts with room for an eighth more than
                    /// the last instead of growing its entry vector step by step.
                    static LAST_LEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
                }
                /// Most entries reserved on the strength of the last map alone.
                const MAX_GUESS: usize = 4096;
                /// Repeated hashes checked by scanning the keys before the keys themselves
                /// go into a set (SipHash: a flooding-resistant fallback, so the check stays
                /// linear whatever the keys).
                const SCANS: u32 = 8;
                let guess = || LAST_LEN.with(|l| l.get() + l.get() / 8).min(MAX_GUESS);
                let mut entries: Vec<(CompactString, V)> =
                    Vec::with_capacity(access.size_hint().unwrap_or_else(guess));
                // Hashes of the keys so far; a repeated hash is checked against the keys, so
                // the error points at the duplicate itself without copying every key. The
                // set is taken out of its slot while in use, so a map nested in a value gets
                // a fresh one.
                let mut seen = SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()));
                seen.clear();
                let hasher = KEYS.with(Clone::clone);
                let mut exact: Option<HashSet<CompactString>> = None;
                let mut scans = 0;
                let result = (|| {
                    while let Some(key) = access.next_key::<CompactString>()? {
                        if !seen.insert(hasher.hash_one(&key)) {
                            // The same hash: the same key, or (rarely) a collision.
                            let repeated = match &exact {
                                Some(keys) => keys.contains(&key),
                                None if scans < SCANS => {
                                    scans += 1;
                                    entries.iter().any(|(k, _)| *k == key)
                                }
                                None => {
                                    let keys: HashSet<CompactString> =
                                        entries.iter().map(|(k, _)| k.clone()).collect();
                                    let repeated = keys.contains(&key);
                                    exact = Some(keys);
                                    repeated
                                }
                            };
                            if repeated {
                                return Err(serde::de::Error::custom(format_args!(
                                    "duplicate key `{key}`"
                                )));
                            }
                        }
                        if let Some(keys) = &mut exact {
                            keys.insert(key.clone());
                        }
                        let value = access.next_value()?;
                        entries.push((key, value));
                    }
                    Ok(())
                })();
                SEEN.with(|s| *s.borrow_mut() = seen);
                result?;
                LAST_LEN.with(|l| l.set(entries.len()));
                Ok(UniqueMap { entries })
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// The hasher of a set of key hashes: they are seeded hashes already, evenly spread, so the
/// set takes them as they are (one hash per key, not two: batch parsing is 5–7 % faster).
#[derive(Default)]
struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 hashes are stored; fold anything else in for completeness.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl<V: JsonSchema> JsonSchema for UniqueMap<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = generator.subschema_for::<V>();
        schemars::json_schema!({
            "type": "object",
            "description": "An object whose keys are unique.",
            "additionalProperties": value,
        })
    }
}
