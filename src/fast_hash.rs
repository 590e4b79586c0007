//! Hash maps keyed by what s75 reads from the agreements (words, provision
//! numbers, block positions, text hashes): foldhash with a fixed seed rather
//! than std's SipHash, which had been a twentieth of a diff's instructions.
//! SipHash's defence against chosen keys buys nothing here: the keys come
//! from local files, and no output depends on a map's order.

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
