//! Text fingerprints for alignment: a stable hash of the exact text, and
//! word shingles (unigrams and bigrams) for similarity.
//!
//! Hashes are FNV-1a rather than the standard library's hasher so that the
//! alignment (and therefore the output) is identical on every platform and
//! Rust version: ties between equal candidates are broken by position, never
//! by hash-map order.

/// FNV-1a, 64 bit.
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(0xcbf2_9ce4_8422_2325, s.as_bytes())
}

fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Collapses every run of whitespace to one space and trims the ends, so a
/// re-wrapped paragraph compares equal to the original.
///
/// The same as joining `split_whitespace()` with spaces, but byte by byte
/// with no decoding, copying a run of words at a time across gaps that are
/// already one space: it runs on every block of both agreements.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

/// [`collapse_ws`] of a block as a reader sees it (its number, a space, its
/// text: [`crate::model::Block::display_text`]) without building that text.
pub fn collapse_display(block: &crate::model::Block) -> String {
    let mut out = String::with_capacity(block.text.len() + 8);
    if let Some(n) = &block.number {
        push_collapsed(&mut out, &n.value.raw);
    }
    push_collapsed(&mut out, &block.text);
    out
}

/// Appends the words of `s` to `out`, one space between words and one
/// between what `out` held and the first word.
fn push_collapsed(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // The run of text not yet copied, and where the current gap began.
    let mut run: Option<usize> = None;
    let mut gap: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let width = whitespace_width(bytes, i);
        if width > 0 {
            gap.get_or_insert(i);
            i += width;
            continue;
        }
        if let Some(g) = gap.take() {
            let single_space = i - g == 1 && bytes[g] == b' ';
            match run {
                Some(_) if single_space => {}
                Some(start) => {
                    push_run(out, &s[start..g]);
                    run = Some(i);
                }
                None => run = Some(i),
            }
        } else if run.is_none() {
            run = Some(i);
        }
        // Skip the rest of the run: bytes that cannot begin whitespace, and
        // single spaces between them (already collapsed).
        i += 1;
        while let Some(&b) = bytes.get(i) {
            if !MAY_BEGIN_WHITESPACE[usize::from(b)] {
                i += 1;
            } else if b == b' ' && bytes.get(i + 1).is_some_and(|&n| !MAY_BEGIN_WHITESPACE[usize::from(n)]) {
                i += 2;
            } else {
                break;
            }
        }
    }
    if let Some(start) = run {
        push_run(out, &s[start..gap.unwrap_or(s.len())]);
    }
}

/// Bytes that can begin a whitespace character: ASCII whitespace and the
/// lead bytes of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
/// U+202F, U+205F and U+3000 (Unicode's White_Space, as `char::is_whitespace`).
static MAY_BEGIN_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = true;
        b += 1;
    }
    t[b' ' as usize] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};

/// The length in bytes of the whitespace character at `i`, or 0.
fn whitespace_width(b: &[u8], i: usize) -> usize {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if (next(1), next(2)) == (0x9A, 0x80) => 3,
        0xE2 if matches!((next(1), next(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)) => 3,
        0xE3 if (next(1), next(2)) == (0x80, 0x80) => 3,
        _ => 0,
    }
}

fn push_run(out: &mut String, words: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(words);
}

/// Word shingles of a text: words are lower-case alphanumeric runs, so
/// punctuation and quote style do not make two provisions look different to
/// the similarity measure (they still show in the redline).
/// Sorted unigram and bigram hashes (a multiset).
#[derive(Debug, Clone, Default)]
pub struct Shingles {
    /// Single words: forgiving, so short headings still compare.
    pub uni: Vec<u64>,
    /// Word pairs: specific, used for the candidate index and containment.
    pub bi: Vec<u64>,
    /// `bi` without repeats, for set containment.
    pub bi_set: Vec<u64>,
}

impl Shingles {
    pub fn of(text: &str) -> Self {
        // Words are hashed as they are read, lower-cased a character at a
        // time: no string is allocated per word (this runs on every provision).
        let mut uni: Vec<u64> = Vec::with_capacity(text.len() / 5);
        let mut h = 0u64;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !in_word {
                    h = 0xcbf2_9ce4_8422_2325 ^ 1;
                    in_word = true;
                }
                if c.is_ascii() {
                    h = hash_bytes(h, &[c.to_ascii_lowercase() as u8]);
                } else {
                    for l in c.to_lowercase() {
                        let mut buf = [0u8; 4];
                        h = hash_bytes(h, l.encode_utf8(&mut buf).as_bytes());
                    }
                }
            } else if in_word {
                uni.push(h);
                in_word = false;
            }
        }
        if in_word {
            uni.push(h);
        }
        let mut bi: Vec<u64> =
            uni.windows(2).map(|p| p[0].rotate_left(17) ^ p[1].wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
        uni.sort_unstable();
        bi.sort_unstable();
        let mut bi_set = bi.clone();
        bi_set.dedup();
        Shingles { uni, bi, bi_set }
    }

    pub fn len(&self) -> usize {
        self.uni.len() + self.bi.len()
    }

    pub fn is_empty(&self) -> bool {
        self.uni.is_empty()
    }

    /// Dice coefficient over unigrams and bigrams together, 0.0–1.0.
    pub fn dice(&self, other: &Shingles) -> f32 {
        let total = self.len() + other.len();
        if total == 0 {
            return 1.0;
        }
        let common = intersection(&self.uni, &other.uni) + intersection(&self.bi, &other.bi);
        (2 * common) as f32 / total as f32
    }

    /// Share of this text's distinct bigrams that also occur in `whole`.
    pub fn contained_in(&self, whole: &[u64]) -> f32 {
        if self.bi_set.is_empty() {
            return 0.0;
        }
        intersection(&self.bi_set, whole) as f32 / self.bi_set.len() as f32
    }
}

/// Size of the multiset intersection of two sorted slices.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sorted union (as a set) of several sorted slices.
pub fn union(parts: &[&[u64]]) -> Vec<u64> {
    let mut all: Vec<u64> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The first `max` characters of a text, cut at a word boundary, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line = collapse_ws(text);
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_ws_is_split_whitespace_joined() {
        for text in [
            "",
            "   ",
            "one",
            " one  two\tthree\n",
            "a b c",
            "a\u{a0}b \u{2003} c\u{3000}",
            "Council’s  “Services”\r\n(a) x",
            "\u{b}x\u{c}y\u{85}z  ",
        ] {
            assert_eq!(collapse_ws(text), text.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
        }
        // Every character Unicode calls whitespace, and its neighbours, between words.
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}{c}’c {c}");
            assert_eq!(collapse_ws(&text), text.split_whitespace().collect::<Vec<_>>().join(" "), "{c:?}");
        }
    }

    #[test]
    fn rewrapped_text_hashes_equal() {
        assert_eq!(hash_str(&collapse_ws("a  b\nc ")), hash_str("a b c"));
        assert_ne!(hash_str("a b"), hash_str("a c"));
    }

    #[test]
    fn similarity_and_containment() {
        let a = Shingles::of("The Partners shall review the arrangements each year.");
        let b = Shingles::of("The Partners shall review the arrangements every two years.");
        let c = Shingles::of("Nothing in this Agreement creates a partnership.");
        assert!(a.dice(&b) > 0.5, "{}", a.dice(&b));
        assert!(a.dice(&c) < 0.3, "{}", a.dice(&c));
        let whole = Shingles::of("First sentence here about things. Second sentence follows it closely.");
        let part = Shingles::of("Second sentence follows it closely.");
        assert!(part.contained_in(&whole.bi_set) > 0.99);
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four five six", 12), "one two…");
    }
}
